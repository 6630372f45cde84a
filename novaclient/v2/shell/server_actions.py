"""Server actions: power and state changes, resize, migrations, evacuate."""

from novaclient import api_versions
from novaclient import exceptions
from novaclient import utils
from novaclient.v2.shell import common
from novaclient.v2.shell import servers as server_shell

_SERVER = dict(metavar='<server>', help='Name or ID of the server.')


def _simple(method, doc):
    """A ``do_*`` that finds one server and calls ``method`` on it."""
    def command(cs, args):
        getattr(common.find_server(cs, args.server), method)()
    command.__doc__ = doc
    utils.add_arg(command, 'server', **_SERVER)
    return command


do_pause = _simple('pause', 'Pause a server (its memory stays resident).')
do_unpause = _simple('unpause', 'Unpause a paused server.')
do_suspend = _simple('suspend', 'Suspend a server to disk.')
do_resume = _simple('resume', 'Resume a suspended server.')
do_unlock = _simple('unlock', 'Unlock a server.')
do_unrescue = _simple('unrescue', 'Boot a rescued server from its own disk '
                                  'again.')
do_shelve = _simple('shelve', 'Shelve a server (snapshot it and release its '
                              'host resources).')
do_shelve_offload = _simple('shelve_offload',
                            'Release the host of a shelved server.')
do_resize_confirm = _simple('confirm_resize', 'Confirm a finished resize.')
do_resize_revert = _simple('revert_resize',
                           'Undo a finished resize, going back to the old '
                           'flavor.')
do_reset_network = _simple('reset_network', 'Reset the networking of a '
                                            'server.')


@utils.arg('--hard', dest='reboot_type', action='store_const',
           const='HARD', default='SOFT',
           help='Power-cycle instead of asking the guest to restart.')
@utils.arg('server', metavar='<server>', nargs='+',
           help='Names or IDs of the servers.')
@utils.arg('--poll', dest='poll', action='store_true', default=False,
           help='Wait until the servers are active again.')
def do_reboot(cs, args):
    """Reboot servers."""
    found = [common.find_server(cs, s) for s in args.server]
    utils.do_action_on_many(
        lambda s: s.reboot(args.reboot_type), found,
        'Request to reboot server %s has been accepted.',
        'Unable to reboot the specified server(s).')
    if args.poll:
        utils.do_action_on_many(
            lambda s: server_shell.poll_for_status(
                cs.servers.get, s.id, 'rebooting', ['active'],
                show_progress=False),
            found, 'Wait for server %s reboot.',
            'Wait for specified server(s) failed.')


@utils.arg('--all-tenants', action='store_const', const=1, default=0,
           help='Look the names up in every project (admin).')
@utils.arg('server', metavar='<server>', nargs='+',
           help='Names or IDs of the servers.')
def do_stop(cs, args):
    """Power off servers."""
    server_shell._on_many(cs, args, 'stop', 'stop')


@utils.arg('--all-tenants', action='store_const', const=1, default=0,
           help='Look the names up in every project (admin).')
@utils.arg('server', metavar='<server>', nargs='+',
           help='Names or IDs of the servers.')
def do_start(cs, args):
    """Power on servers."""
    server_shell._on_many(cs, args, 'start', 'start')


@utils.arg('server', **_SERVER)
@utils.arg('--reason', metavar='<reason>', start_version='2.73',
           help='Why the server is locked.')
def do_lock(cs, args):
    """Lock a server so that only admins can act on it."""
    kwargs = {}
    if getattr(args, 'reason', None) is not None:
        kwargs['reason'] = args.reason
    common.find_server(cs, args.server).lock(**kwargs)


@utils.arg('server', **_SERVER)
@utils.arg('--password', metavar='<password>', dest='password',
           help='Admin password of the rescue system.')
@utils.arg('--image', metavar='<image>', dest='image',
           help='Image to rescue from (default: the original image).')
def do_rescue(cs, args):
    """Boot a server from a rescue image with its disk attached."""
    kwargs = {}
    if args.image:
        kwargs['image'] = common.find_image(cs, args.image)
    if args.password:
        kwargs['password'] = args.password
    utils.print_dict(common.find_server(cs, args.server).rescue(**kwargs)[1])


@utils.arg('server', **_SERVER)
@utils.arg('--availability-zone', metavar='<availability-zone>',
           default=None, dest='availability_zone', start_version='2.77',
           help='Availability zone to unshelve into.')
@utils.arg('--no-availability-zone', action='store_true', default=False,
           dest='no_availability_zone', start_version='2.91',
           help='Unpin the server from its availability zone: it may come '
                'back in any zone.')
@utils.arg('--host', metavar='<host>', default=None, dest='host',
           start_version='2.91',
           help='Host to unshelve onto (admin only by default).')
def do_unshelve(cs, args):
    """Bring a shelved server back."""
    kwargs = {}
    if getattr(args, 'no_availability_zone', False):
        if args.availability_zone:
            raise exceptions.CommandError(
                'Give either --availability-zone or --no-availability-zone.')
        kwargs['availability_zone'] = None
    elif getattr(args, 'availability_zone', None) is not None:
        kwargs['availability_zone'] = args.availability_zone
    if getattr(args, 'host', None):
        kwargs['host'] = args.host
    common.find_server(cs, args.server).unshelve(**kwargs)


@utils.arg('server', **_SERVER)
@utils.arg('flavor', metavar='<flavor>', help='Name or ID of the new flavor.')
@utils.arg('--poll', dest='poll', action='store_true', default=False,
           help='Wait until the resize is ready to confirm.')
def do_resize(cs, args):
    """Move a server to another flavor."""
    server = common.find_server(cs, args.server)
    server.resize(common.find_flavor(cs, args.flavor))
    if args.poll:
        server_shell.poll_for_status(cs.servers.get, server.id, 'resizing',
                                     ['active', 'verify_resize'])


@utils.arg('server', **_SERVER)
@utils.arg('--host', metavar='<host>', default=None, start_version='2.56',
           help='Destination host (admin; default: the scheduler picks).')
@utils.arg('--poll', dest='poll', action='store_true', default=False,
           help='Wait until the migration is ready to confirm.')
def do_migrate(cs, args):
    """Cold-migrate a server to another host."""
    kwargs = {}
    if getattr(args, 'host', None):
        kwargs['host'] = args.host
    server = common.find_server(cs, args.server)
    server.migrate(**kwargs)
    if args.poll:
        server_shell.poll_for_status(cs.servers.get, server.id, 'migrating',
                                     ['active', 'verify_resize'])


@utils.arg('server', **_SERVER)
@utils.arg('host', metavar='<host>', default=None, nargs='?',
           help='Destination host (default: the scheduler picks).')
@utils.arg('--block-migrate', action='store_true', dest='block_migrate',
           default=False, start_version='2.0', end_version='2.24',
           help='Copy the disks too (no shared storage).')
@utils.arg('--block-migrate', action='store_true', dest='block_migrate',
           default='auto', start_version='2.25',
           help='Copy the disks too (default: Nova decides).')
@utils.arg('--disk-over-commit', action='store_true',
           dest='disk_over_commit', default=False, start_version='2.0',
           end_version='2.24', help='Allow disk over-commit on the target.')
@utils.arg('--force', dest='force', action='store_true', default=False,
           start_version='2.30', end_version='2.67',
           help='Skip the scheduler checks of the given host.')
def do_live_migration(cs, args):
    """Move a running server to another host."""
    kwargs = {}
    if 'disk_over_commit' in args:
        kwargs['disk_over_commit'] = args.disk_over_commit
    if getattr(args, 'force', None):
        kwargs['force'] = args.force
    common.find_server(cs, args.server).live_migrate(
        args.host, args.block_migrate, **kwargs)


@api_versions.wraps('2.22')
@utils.arg('server', **_SERVER)
@utils.arg('migration', metavar='<migration>', help='ID of the migration.')
def do_live_migration_force_complete(cs, args):
    """Pause a live-migrating server so that the migration completes."""
    server = common.find_server(cs, args.server)
    cs.server_migrations.live_migrate_force_complete(server, args.migration)


@api_versions.wraps('2.24')
@utils.arg('server', **_SERVER)
@utils.arg('migration', metavar='<migration>', help='ID of the migration.')
def do_live_migration_abort(cs, args):
    """Cancel a running live migration."""
    server = common.find_server(cs, args.server)
    cs.server_migrations.live_migration_abort(server, args.migration)


@utils.arg('server', **_SERVER)
@utils.arg('host', metavar='<host>', nargs='?',
           help='Destination host (default: the scheduler picks).')
@utils.arg('--password', dest='password', metavar='<password>',
           help='Admin password of the evacuated server (not with shared '
                'storage).')
@utils.arg('--on-shared-storage', dest='on_shared_storage',
           action='store_true', default=False, start_version='2.0',
           end_version='2.13',
           help='The server disks are on shared storage.')
@utils.arg('--force', dest='force', action='store_true', default=False,
           start_version='2.29', end_version='2.67',
           help='Skip the scheduler checks of the given host.')
def do_evacuate(cs, args):
    """Rebuild a server of a failed host elsewhere."""
    server = common.find_server(cs, args.server)
    kwargs = {}
    if getattr(args, 'on_shared_storage', None) is not None:
        kwargs['on_shared_storage'] = args.on_shared_storage
    if getattr(args, 'force', None):
        kwargs['force'] = args.force
    result = server.evacuate(host=args.host, password=args.password,
                             **kwargs)[1]
    if isinstance(result, dict):
        utils.print_dict(result)


@utils.arg('--all-tenants', action='store_const', const=1, default=0,
           help='Look the names up in every project (admin).')
@utils.arg('server', metavar='<server>', nargs='+',
           help='Names or IDs of the servers.')
@utils.arg('--active', action='store_const', dest='state', default='error',
           const='active', help="Set 'active' instead of 'error'.")
def do_reset_state(cs, args):
    """Force the state of servers to 'error' (or 'active')."""
    failed = False
    for name in args.server:
        try:
            common.find_server(cs, name, all_tenants=args.all_tenants) \
                .reset_state(args.state)
            print('Reset state for server %s succeeded; new state is %s'
                  % (name, args.state))
        except Exception as exc:
            failed = True
            print('Reset state for server %s failed: %s' % (name, exc))
    if failed:
        raise exceptions.CommandError(
            'Unable to reset the state for the specified server(s).')


@utils.arg('server', metavar='<server>', help='Name or ID of the server.')
def do_refresh_network(cs, args):
    """Ask Nova to refresh its cache of a server's network information."""
    server = common.find_server(cs, args.server)
    cs.server_external_events.create([{'server_uuid': server.id,
                                       'name': 'network-changed'}])


@api_versions.wraps('2.17')
@utils.arg('server', **_SERVER)
def do_trigger_crash_dump(cs, args):
    """Make the guest kernel dump its memory (NMI)."""
    common.find_server(cs, args.server).trigger_crash_dump()


@utils.arg('server', **_SERVER)
def do_set_password(cs, args):
    """Change the admin password of a server (asks for it twice)."""
    # deferred: getpass costs ~0.4 ms at start-up; only set-password needs it
    import getpass
    server = common.find_server(cs, args.server)
    first = getpass.getpass('New password: ')
    if first != getpass.getpass('Again: '):
        raise exceptions.CommandError('Passwords do not match.')
    server.change_password(first)
