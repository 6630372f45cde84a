"""Instance action commands (a server's action history)."""

from novaclient import api_versions
from novaclient import utils
from novaclient.v2.shell import common

_V = api_versions.APIVersion
_SERVER_OLD = dict(metavar='<server>', start_version='2.0',
                   end_version='2.20', help='Name or ID of the server.')
_SERVER_NEW = dict(metavar='<server>', start_version='2.21',
                   help='Name or ID of the server (only an ID finds a '
                        'deleted server).')


def _server(cs, name):
    if cs.api_version < _V('2.21'):
        return common.find_server(cs, name)
    return common.find_server(cs, name, raise_if_notfound=False)


@utils.arg('server', **_SERVER_OLD)
@utils.arg('server', **_SERVER_NEW)
@utils.arg('request_id', metavar='<request_id>',
           help='Request ID of the action.')
def do_instance_action(cs, args):
    """Show one action of a server, with its events."""
    action = cs.instance_action.get(_server(cs, args.server),
                                    args.request_id).to_dict()
    if 'events' in action:
        # deferred: pprint costs ~7 ms at start-up; only this command needs it
        import pprint
        action['events'] = pprint.pformat(action['events'])
    utils.print_dict(action)


@api_versions.wraps('2.0', '2.57')
@utils.arg('server', **_SERVER_OLD)
@utils.arg('server', **_SERVER_NEW)
def do_instance_action_list(cs, args):
    """List the actions of a server."""
    actions = cs.instance_action.list(_server(cs, args.server))
    utils.print_list(actions, ['Action', 'Request_ID', 'Message',
                               'Start_Time'], sortby_index=3)


def _paged_list(cs, args):
    common.check_time('changes-since', args.changes_since)
    common.check_time('changes-before', getattr(args, 'changes_before', None))
    actions = cs.instance_action.list(
        common.find_server(cs, args.server, raise_if_notfound=False),
        marker=args.marker, limit=args.limit,
        changes_since=args.changes_since,
        changes_before=getattr(args, 'changes_before', None))
    utils.print_list(actions, ['Action', 'Request_ID', 'Message',
                               'Start_Time', 'Updated_At'], sortby_index=3)


def _paged_arguments(func, changes_before):
    if changes_before:
        utils.add_arg(func, '--changes-before', dest='changes_before',
                      metavar='<changes_before>', default=None,
                      start_version='2.66',
                      help='Only actions updated at or before this ISO 8601 '
                           'time.')
    utils.add_arg(func, '--changes-since', dest='changes_since',
                  metavar='<changes_since>', default=None,
                  help='Only actions updated at or after this ISO 8601 time.')
    utils.add_arg(func, '--limit', dest='limit', metavar='<limit>', type=int,
                  default=None,
                  help='At most this many actions (the server caps it at its '
                       '[api]max_limit).')
    utils.add_arg(func, '--marker', dest='marker', metavar='<marker>',
                  default=None,
                  help='Start after the action with this request ID.')
    utils.add_arg(func, 'server', metavar='<server>',
                  help='Name or ID of the server (only an ID finds a deleted '
                       'server).')
    return func


@api_versions.wraps('2.58', '2.65')
def do_instance_action_list(cs, args):  # noqa: F811
    """List the actions of a server."""
    _paged_list(cs, args)


_paged_arguments(do_instance_action_list, False)


@api_versions.wraps('2.66')
def do_instance_action_list(cs, args):  # noqa: F811
    """List the actions of a server."""
    _paged_list(cs, args)


_paged_arguments(do_instance_action_list, True)
