"""Keypair commands."""

import os
import sys

from novaclient import api_versions
from novaclient import exceptions
from novaclient import utils


def _columns(cs):
    if cs.api_version >= api_versions.APIVersion('2.2'):
        return ['Name', 'Type', 'Fingerprint']
    return ['Name', 'Fingerprint']


def _read_public_key(path):
    if path == '-':
        return sys.stdin.read()
    try:
        with open(os.path.expanduser(path)) as key_file:
            return key_file.read()
    except IOError as exc:
        raise exceptions.CommandError(
            "Can't open or read '%s': %s" % (path, exc))


def _print_keypair(keypair):
    info = keypair.to_dict()
    public_key = info.pop('public_key')
    utils.print_dict(info)
    print('Public key: %s' % public_key)


@utils.arg('name', metavar='<name>', help='Name of the keypair.')
@utils.arg('--pub-key', metavar='<pub-key>', default=None,
           help="File holding the public key to import ('-' for stdin); "
                "without it Nova generates a key (before 2.92).")
@utils.arg('--key-type', metavar='<key-type>', default='ssh',
           help='ssh or x509.', start_version='2.2')
@utils.arg('--user', metavar='<user-id>', default=None,
           help='Owner of the keypair (admin).', start_version='2.10')
def do_keypair_add(cs, args):
    """Create or import a keypair."""
    public_key = _read_public_key(args.pub_key) if args.pub_key else None
    keypair = cs.keypairs.create(args.name, public_key,
                                 key_type=getattr(args, 'key_type', 'ssh'),
                                 user_id=getattr(args, 'user', None))
    if not public_key:
        print(keypair.private_key)


@api_versions.wraps('2.0', '2.9')
@utils.arg('name', metavar='<name>', help='Name of the keypair.')
def do_keypair_delete(cs, args):
    """Delete a keypair."""
    cs.keypairs.delete(utils.find_resource(cs.keypairs, args.name))


@api_versions.wraps('2.10')
@utils.arg('name', metavar='<name>', help='Name of the keypair.')
@utils.arg('--user', metavar='<user-id>', default=None,
           help='Owner of the keypair (admin).')
def do_keypair_delete(cs, args):  # noqa: F811
    """Delete a keypair."""
    cs.keypairs.delete(args.name, args.user)


@api_versions.wraps('2.0', '2.9')
def do_keypair_list(cs, args):
    """List your keypairs."""
    utils.print_list(cs.keypairs.list(), _columns(cs))


@api_versions.wraps('2.10', '2.34')
@utils.arg('--user', metavar='<user-id>', default=None,
           help="List this user's keypairs instead (admin).")
def do_keypair_list(cs, args):  # noqa: F811
    """List your keypairs."""
    utils.print_list(cs.keypairs.list(args.user), _columns(cs))


@api_versions.wraps('2.35')
@utils.arg('--user', metavar='<user-id>', default=None,
           help="List this user's keypairs instead (admin).")
@utils.arg('--marker', dest='marker', metavar='<marker>', default=None,
           help='Start after the keypair with this name.')
@utils.arg('--limit', dest='limit', metavar='<limit>', type=int,
           default=None,
           help='Return at most this many keypairs (the server caps it at '
                'its [api]max_limit).')
def do_keypair_list(cs, args):  # noqa: F811
    """List your keypairs."""
    utils.print_list(cs.keypairs.list(args.user, args.marker, args.limit),
                     _columns(cs))


@api_versions.wraps('2.0', '2.9')
@utils.arg('keypair', metavar='<keypair>', help='Name of the keypair.')
def do_keypair_show(cs, args):
    """Show a keypair."""
    _print_keypair(utils.find_resource(cs.keypairs, args.keypair))


@api_versions.wraps('2.10')
@utils.arg('keypair', metavar='<keypair>', help='Name of the keypair.')
@utils.arg('--user', metavar='<user-id>', default=None,
           help='Owner of the keypair (admin).')
def do_keypair_show(cs, args):  # noqa: F811
    """Show a keypair."""
    _print_keypair(cs.keypairs.get(args.keypair, args.user))
