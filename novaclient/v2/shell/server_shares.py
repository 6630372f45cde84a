"""server-share-* commands: Manila shares attached to a server (2.97+)."""

from novaclient import api_versions
from novaclient import utils
from novaclient.v2.shell import common

_SERVER = dict(metavar='<server>', help='Name or ID of the server.')
_SHARE = dict(metavar='<share>', help='ID of the share (a Manila share).')
_COLUMNS = ['Share ID', 'Status', 'Tag']


@api_versions.wraps('2.97')
@utils.arg('server', **_SERVER)
def do_server_share_list(cs, args):
    """List the shares attached to a server."""
    server = common.find_server(cs, args.server)
    utils.print_list(cs.server_shares.list(server), _COLUMNS)


@api_versions.wraps('2.97')
@utils.arg('server', **_SERVER)
@utils.arg('share', **_SHARE)
def do_server_share_show(cs, args):
    """Show one share attachment of a server."""
    server = common.find_server(cs, args.server)
    utils.print_dict(cs.server_shares.get(server, args.share).to_dict())


@api_versions.wraps('2.97')
@utils.arg('server', **_SERVER)
@utils.arg('share', **_SHARE)
@utils.arg('--tag', metavar='<tag>', default=None,
           help='Name the guest sees the share under (default: its ID).')
def do_server_share_create(cs, args):
    """Attach a share to a stopped server."""
    server = common.find_server(cs, args.server)
    share = cs.server_shares.create(server, args.share, tag=args.tag)
    utils.print_dict(share.to_dict())


@api_versions.wraps('2.97')
@utils.arg('server', **_SERVER)
@utils.arg('share', **_SHARE)
def do_server_share_delete(cs, args):
    """Detach a share from a stopped server."""
    server = common.find_server(cs, args.server)
    cs.server_shares.delete(server, args.share)
