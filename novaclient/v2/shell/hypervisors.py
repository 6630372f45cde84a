"""Hypervisor commands: ``hypervisor-*``."""

from novaclient import api_versions
from novaclient import exceptions
from novaclient import utils

_COLUMNS = ['ID', 'Hypervisor hostname', 'State', 'Status']
_HYPERVISOR = {'metavar': '<hypervisor>',
               'help': 'Name or ID of the hypervisor (a UUID from 2.53).'}


class _ServerOnHypervisor:
    def __init__(self, **fields):
        self.__dict__.update(fields)


def _list(cs, matching=None, limit=None, marker=None):
    if matching:
        utils.print_list(cs.hypervisors.search(matching), _COLUMNS)
        return
    params = {k: v for k, v in (('limit', limit), ('marker', marker)) if v is not None}
    utils.print_list(cs.hypervisors.list(False, **params), _COLUMNS)


@api_versions.wraps('2.0', '2.32')
@utils.arg('--matching', metavar='<hostname>', default=None,
           help='Only hypervisors whose hostname contains <hostname>.')
def do_hypervisor_list(cs, args):
    """List hypervisors."""
    _list(cs, args.matching)


@api_versions.wraps('2.33')
@utils.arg('--matching', metavar='<hostname>', default=None,
           help='Only hypervisors whose hostname contains <hostname> '
                '(then --limit and --marker are ignored).')
@utils.arg('--marker', dest='marker', metavar='<marker>', default=None,
           help='ID of the last hypervisor of the previous page.')
@utils.arg('--limit', dest='limit', metavar='<limit>', type=int, default=None,
           help='At most this many hypervisors (the server caps it at its '
                '[api]max_limit).')
def do_hypervisor_list(cs, args):  # noqa: F811
    """List hypervisors."""
    _list(cs, args.matching, args.limit, args.marker)


@utils.arg('hostname', metavar='<hostname>',
           help='Hypervisor hostname (or part of it) to look for.')
def do_hypervisor_servers(cs, args):
    """List servers belonging to specific hypervisors."""
    rows = []
    for hyper in cs.hypervisors.search(args.hostname, servers=True):
        rows.extend(_ServerOnHypervisor(id=server['uuid'], name=server['name'],
                                        hypervisor_hostname=hyper.hypervisor_hostname,
                                        hypervisor_id=hyper.id)
                    for server in getattr(hyper, 'servers', []))
    utils.print_list(rows, ['ID', 'Name', 'Hypervisor ID', 'Hypervisor Hostname'])


@utils.arg('hypervisor', **_HYPERVISOR)
@utils.arg('--wrap', dest='wrap', metavar='<integer>', default=40,
           help='Wrap values at this width (default 40, 0 to disable).')
def do_hypervisor_show(cs, args):
    """Display the details of the specified hypervisor."""
    hyper = utils.find_resource(cs.hypervisors, args.hypervisor)
    utils.print_dict(utils.flatten_dict(hyper.to_dict()), wrap=int(args.wrap))


@utils.arg('hypervisor', **_HYPERVISOR)
def do_hypervisor_uptime(cs, args):
    """Display the uptime of the specified hypervisor."""
    hyper = utils.find_resource(cs.hypervisors, args.hypervisor)
    utils.print_dict(cs.hypervisors.uptime(hyper).to_dict())


@api_versions.wraps('2.0', '2.87')
def do_hypervisor_stats(cs, args):
    """Get hypervisor statistics over all compute nodes."""
    utils.print_dict(cs.hypervisor_stats.statistics().to_dict())


@api_versions.wraps('2.88')
def do_hypervisor_stats(cs, args):  # noqa: F811
    """Get hypervisor statistics over all compute nodes (gone in 2.88)."""
    raise exceptions.CommandError(
        'The hypervisor-stats command is not supported in API version 2.88 '
        'or later.')
