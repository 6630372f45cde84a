"""Commands acting on every server of a hypervisor: ``host-evacuate``, ``host-evacuate-live``,
``host-servers-migrate`` and ``host-meta``."""

from novaclient import api_versions
from novaclient import exceptions
from novaclient import utils
from novaclient.v2.shell import common

_HOST_HELP = ('Hypervisor hostname (or part of it) to look for; use the full name '
              'to act on one host only.')
_STRICT_HELP = 'Only the hypervisor whose hostname is exactly <host>.'


class _Outcome:
    def __init__(self, **fields):
        self.__dict__.update(fields)


def hyper_servers(cs, host, strict):
    """The servers (``{'name', 'uuid'}``) of the hypervisors matching ``host``."""
    for hyper in cs.hypervisors.search(host, servers=True):
        if strict and hyper.hypervisor_hostname != host:
            continue
        yield from getattr(hyper, 'servers', [])
        if strict:
            return
    if strict:
        raise exceptions.NotFound(404, "No hypervisor matching '%s' could be found." % host)


def _attempt(call, what):
    try:
        call()
    except Exception as exc:
        return False, 'Error while %s instance: %s' % (what, exc)
    return True, ''


def _evacuate(cs, uuid, args):
    kwargs = {}
    if api_versions.APIVersion('2.29') <= cs.api_version < api_versions.APIVersion('2.68'):
        kwargs['force'] = getattr(args, 'force', None)
    elif cs.api_version < api_versions.APIVersion('2.14'):
        kwargs['on_shared_storage'] = getattr(args, 'on_shared_storage', None)
    cs.servers.evacuate(server=uuid, host=args.target_host, **kwargs)


@utils.arg('host', metavar='<host>', help=_HOST_HELP)
@utils.arg('--target_host', metavar='<target_host>', default=None,
           help='Destination host (default: the scheduler picks one).')
@utils.arg('--on-shared-storage', dest='on_shared_storage', action='store_true', default=False,
           start_version='2.0', end_version='2.13', help='The server disks are on shared storage.')
@utils.arg('--force', dest='force', action='store_true', default=False,
           start_version='2.29', end_version='2.67', help='Skip the scheduler checks of the target host.')
@utils.arg('--strict', dest='strict', action='store_true', default=False, help=_STRICT_HELP)
def do_host_evacuate(cs, args):
    """Evacuate all instances from failed host."""
    rows = []
    for server in hyper_servers(cs, args.host, args.strict):
        ok, error = _attempt(lambda: _evacuate(cs, server['uuid'], args), 'evacuating')
        rows.append(_Outcome(server_uuid=server['uuid'], evacuate_accepted=ok, error_message=error))
    utils.print_list(rows, ['Server UUID', 'Evacuate Accepted', 'Error Message'])


def _live_migrate(cs, uuid, args):
    kwargs = {}
    if 'force' in args and args.force:
        kwargs['force'] = args.force
    if 'disk_over_commit' in args:
        kwargs['disk_over_commit'] = args.disk_over_commit
    cs.servers.live_migrate(uuid, args.target_host, args.block_migrate, **kwargs)


@utils.arg('host', metavar='<host>', help=_HOST_HELP)
@utils.arg('--target-host', metavar='<target_host>', default=None,
           help='Destination host (default: the scheduler picks one).')
@utils.arg('--block-migrate', action='store_true', default=False, start_version='2.0',
           end_version='2.24', help='Use block migration (default: no).')
@utils.arg('--block-migrate', action='store_true', default='auto', start_version='2.25',
           help='Use block migration (default: auto).')
@utils.arg('--disk-over-commit', action='store_true', default=False, start_version='2.0',
           end_version='2.24', help='Allow disk over-commit.')
@utils.arg('--max-servers', type=int, dest='max_servers', metavar='<max_servers>',
           help='Live migrate at most this many servers.')
@utils.arg('--force', dest='force', action='store_true', default=False,
           start_version='2.30', end_version='2.67', help='Skip the scheduler checks of the target host.')
@utils.arg('--strict', dest='strict', action='store_true', default=False, help=_STRICT_HELP)
def do_host_evacuate_live(cs, args):
    """Live migrate all instances off the specified host to other available hosts."""
    rows = []
    for server in hyper_servers(cs, args.host, args.strict):
        ok, error = _attempt(lambda: _live_migrate(cs, server['uuid'], args), 'live migrating')
        rows.append(_Outcome(server_uuid=server['uuid'], live_migration_accepted=ok, error_message=error))
        if args.max_servers is not None and len(rows) >= args.max_servers:
            break
    utils.print_list(rows, ['Server UUID', 'Live Migration Accepted', 'Error Message'])


@utils.arg('host', metavar='<host>', help=_HOST_HELP)
@utils.arg('--strict', dest='strict', action='store_true', default=False, help=_STRICT_HELP)
def do_host_servers_migrate(cs, args):
    """Cold migrate all instances off the specified host to other available hosts."""
    rows = []
    for server in hyper_servers(cs, args.host, args.strict):
        ok, error = _attempt(lambda: cs.servers.migrate(server['uuid']), 'migrating')
        rows.append(_Outcome(server_uuid=server['uuid'], migration_accepted=ok, error_message=error))
    utils.print_list(rows, ['Server UUID', 'Migration Accepted', 'Error Message'])


@utils.arg('host', metavar='<host>', help=_HOST_HELP)
@utils.arg('action', metavar='<action>', choices=['set', 'delete'], help="Actions: 'set' or 'delete'")
@utils.arg('metadata', metavar='<key=value>', nargs='+', action='append', default=[],
           help='Metadata to set, or keys to delete.')
@utils.arg('--strict', dest='strict', action='store_true', default=False, help=_STRICT_HELP)
def do_host_meta(cs, args):
    """Set or Delete metadata on all instances of a host."""
    for server in hyper_servers(cs, args.host, args.strict):
        metadata = common.extract_metadata(args)
        if args.action == 'set':
            cs.servers.set_meta(server['uuid'], metadata)
        else:
            cs.servers.delete_meta(server['uuid'], metadata.keys())
