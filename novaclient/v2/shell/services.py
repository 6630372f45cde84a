"""Service commands: ``service-*`` (host/binary before 2.53, uuid after)."""

from novaclient import api_versions
from novaclient import utils

_HOST = {'metavar': '<hostname>', 'help': 'Name of host.'}
_UUID = {'metavar': '<id>', 'help': 'UUID of the service.'}


@utils.arg('--host', metavar='<hostname>', default=None, help='Name of host.')
@utils.arg('--binary', metavar='<binary>', default=None, help='Service binary.')
def do_service_list(cs, args):
    """Show a list of all running services. Filter by host & binary."""
    columns = ['Id', 'Binary', 'Host', 'Zone', 'Status', 'State', 'Updated_at', 'Disabled Reason']
    if cs.api_version >= api_versions.APIVersion('2.11'):
        columns.append('Forced down')
    utils.print_list(cs.services.list(host=args.host, binary=args.binary), columns)


@api_versions.wraps('2.0', '2.52')
@utils.arg('host', **_HOST)
def do_service_enable(cs, args):
    """Enable the service."""
    utils.print_list([cs.services.enable(args.host, 'nova-compute')], ['Host', 'Binary', 'Status'])


@api_versions.wraps('2.53')
@utils.arg('id', **_UUID)
def do_service_enable(cs, args):  # noqa: F811
    """Enable the service."""
    utils.print_list([cs.services.enable(args.id)], ['ID', 'Host', 'Binary', 'Status'])


@api_versions.wraps('2.0', '2.52')
@utils.arg('host', **_HOST)
@utils.arg('--reason', metavar='<reason>', help='Why the service is disabled.')
def do_service_disable(cs, args):
    """Disable the service."""
    if args.reason:
        result = cs.services.disable_log_reason(args.host, 'nova-compute', args.reason)
        utils.print_list([result], ['Host', 'Binary', 'Status', 'Disabled Reason'])
    else:
        utils.print_list([cs.services.disable(args.host, 'nova-compute')], ['Host', 'Binary', 'Status'])


@api_versions.wraps('2.53')
@utils.arg('id', **_UUID)
@utils.arg('--reason', metavar='<reason>', help='Why the service is disabled.')
def do_service_disable(cs, args):  # noqa: F811
    """Disable the service."""
    if args.reason:
        result = cs.services.disable_log_reason(args.id, args.reason)
        utils.print_list([result], ['ID', 'Host', 'Binary', 'Status', 'Disabled Reason'])
    else:
        utils.print_list([cs.services.disable(args.id)], ['ID', 'Host', 'Binary', 'Status'])


@api_versions.wraps('2.11', '2.52')
@utils.arg('host', **_HOST)
@utils.arg('--unset', dest='force_down', action='store_false', default=True,
           help='Clear the forced-down flag instead of setting it.')
def do_service_force_down(cs, args):
    """Force service to down."""
    result = cs.services.force_down(args.host, 'nova-compute', args.force_down)
    utils.print_list([result], ['Host', 'Binary', 'Forced down'])


@api_versions.wraps('2.53')
@utils.arg('id', **_UUID)
@utils.arg('--unset', dest='force_down', action='store_false', default=True,
           help='Clear the forced-down flag instead of setting it.')
def do_service_force_down(cs, args):  # noqa: F811
    """Force service to down."""
    result = cs.services.force_down(args.id, args.force_down)
    utils.print_list([result], ['ID', 'Host', 'Binary', 'Forced down'])


@api_versions.wraps('2.0', '2.52')
@utils.arg('id', metavar='<id>', help='Integer ID of the service.')
def do_service_delete(cs, args):
    """Delete the service by integer ID.

    Stop a nova-compute process before deleting its service, or it will
    register its compute node again.
    """
    cs.services.delete(args.id)


@api_versions.wraps('2.53')
@utils.arg('id', metavar='<id>', help='UUID of the service.')
def do_service_delete(cs, args):  # noqa: F811
    """Delete the service by UUID ID.

    Stop a nova-compute process before deleting its service, or it will
    register its compute node again.
    """
    cs.services.delete(args.id)
