"""Server lifecycle commands: boot, list, show, update, delete, rebuild,
image-create, backup, meta."""

import os
import sys
import time

from novaclient import api_versions
from novaclient import exceptions
from novaclient import utils
from novaclient.v2.shell import _boot as boot_args
from novaclient.v2.shell import common

_V = api_versions.APIVersion
POWER_STATES = ['NOSTATE', 'Running', '', 'Paused', 'Shutdown', '',
                'Crashed', 'Suspended']


def poll_for_status(poll_fn, obj_id, action, final_ok_states, poll_period=5,
                    show_progress=True, status_field='status', silent=False):
    """Block until ``obj_id`` reaches a final state, printing progress."""
    def progress(percent):
        if show_progress:
            msg = '\rServer %s... %s%% complete' % (action, percent)
        else:
            msg = '\rServer %s...' % action
        sys.stdout.write(msg)
        sys.stdout.flush()

    if not silent:
        print()
    while True:
        obj = poll_fn(obj_id)
        status = getattr(obj, status_field)
        status = status.lower() if status else status
        if status in final_ok_states:
            if not silent:
                progress(100)
                print('\nFinished')
            return
        if status == 'error':
            if not silent:
                print('\nError %s server' % action)
            raise exceptions.ResourceInErrorState(obj)
        if status == 'deleted':
            if not silent:
                print('\nDeleted %s server' % action)
            raise exceptions.InstanceInDeletedState(obj.fault['message'])
        if not silent:
            progress(getattr(obj, 'progress', None) or 0)
        time.sleep(poll_period)


def print_server(cs, args, server=None, wrap=0):
    """Property/Value table of a server, as ``nova show`` prints it."""
    if not server:
        server = common.find_server(cs, args.server)
    minimal = getattr(args, 'minimal', False)
    info = server.to_dict()
    for label, addresses in server.networks.items():
        info['%s network' % label] = ', '.join(addresses)
    _flavor_rows(cs, info, minimal)
    if 'security_groups' in info:
        info['security_groups'] = ', '.join(
            sorted({group['name'] for group in info['security_groups']}))
    image = info.get('image')
    if image:
        image_id = image.get('id', '')
        info['image'] = image_id if minimal else _lookup_name(
            common.find_image, cs, image_id, 'Image not found')
        if 'properties' in image:
            # 2.98: the image's properties travel with the server.
            info['image:properties'] = image['properties']
    else:
        info['image'] = 'Attempt to boot from volume - no image supplied'
    for key in ('links', 'addresses', 'OS-EXT-SRV-ATTR:user_data'):
        info.pop(key, None)
    utils.print_dict(info, wrap=wrap)


def _lookup_name(finder, cs, res_id, missing):
    try:
        return '%s (%s)' % (finder(cs, res_id).name, res_id)
    except Exception:
        return '%s (%s)' % (missing, res_id)


def _flavor_rows(cs, info, minimal):
    flavor = info.get('flavor', {})
    if cs.api_version >= _V('2.47'):
        if minimal:
            info['flavor'] = flavor['original_name']
        else:
            del info['flavor']
            for key, value in flavor.items():
                info['flavor:' + key] = value
    else:
        flavor_id = flavor.get('id', '')
        info['flavor'] = flavor_id if minimal else _lookup_name(
            common.find_flavor, cs, flavor_id, 'Flavor not found')


@boot_args.boot_arguments
def do_boot(cs, args):
    """Create and start a new server."""
    name, image, flavor, kwargs = boot_args.build(cs, args)
    server = cs.servers.create(name, image, flavor, **kwargs)
    if kwargs['reservation_id']:
        utils.print_dict({'reservation_id': server})
        return
    # NOTE: the create response only has id, links and adminPass; load
    # the rest (keeping adminPass) before printing.
    server.get()
    print_server(cs, args, server)
    if args.poll:
        poll_for_status(cs.servers.get, server.id, 'building', ['active'])


def _list_search_opts(cs, args):
    opts = {
        'all_tenants': args.all_tenants, 'reservation_id': args.reservation_id,
        'ip': args.ip, 'ip6': args.ip6, 'name': args.name,
        'image': args.image and common.find_image(cs, args.image).id,
        'flavor': args.flavor and common.find_flavor(cs, args.flavor).id,
        'status': args.status, 'tenant_id': args.tenant,
        'user_id': args.user, 'host': args.host, 'deleted': args.deleted,
        'changes-since': args.changes_since,
        'availability_zone': args.availability_zone,
        'config_drive': args.config_drive, 'key_name': args.key_name,
        'progress': args.progress, 'vm_state': args.vm_state,
        'task_state': args.task_state, 'power_state': args.power_state,
    }
    for arg in ('tags', 'tags-any', 'not-tags', 'not-tags-any'):
        if arg in args:
            opts[arg] = getattr(args, arg)
    common.check_time('changes-since', opts['changes-since'])
    if getattr(args, 'changes_before', None):
        opts['changes-before'] = args.changes_before
        common.check_time('changes-before', args.changes_before)
    if getattr(args, 'locked', None):
        opts['locked'] = args.locked
    return opts


def _sort_args(sort):
    keys, dirs = [], []
    for item in (sort.split(',') if sort else []):
        key, _sep, direction = item.partition(':')
        direction = direction or 'desc'
        if direction not in ('asc', 'desc'):
            raise exceptions.CommandError('Unknown sort direction: %s'
                                          % direction)
        keys.append(key)
        dirs.append(direction)
    return keys, dirs


def translate_server_states(servers):
    """Short attribute names and readable power states for list tables."""
    common.translate_keys(servers, [
        ('OS-EXT-SRV-ATTR:host', 'host'),
        ('OS-EXT-STS:task_state', 'task_state'),
        ('OS-EXT-SRV-ATTR:instance_name', 'instance_name'),
        ('OS-EXT-STS:power_state', 'power_state'),
        ('hostId', 'host_id')])
    for server in servers:
        try:
            server.power_state = POWER_STATES[server.power_state]
        except AttributeError:
            server.power_state = 'N/A'
        if not hasattr(server, 'task_state'):
            server.task_state = 'N/A'
        server.set_info('power_state', server.power_state)
        server.set_info('task_state', server.task_state)


def _expand_flavor(servers):
    for server in servers:
        if not hasattr(server, 'flavor'):
            continue
        flavor = server.flavor
        del server.flavor
        for key, value in flavor.items():
            setattr(server, 'flavor:' + key, value)
            server.set_info('flavor:' + key, value)


def field_columns(fields, objs, exclude_fields=(), filters=None):
    """Columns and formatters for ``--fields a,b``.

    :raises CommandError: for a field the first object doesn't have
    """
    if not fields:
        return [], {}
    existing = set()
    if objs:
        existing = {'networks'} | set(objs[0].to_dict())
    columns, formatters, missing = [], {}, []
    seen = set(exclude_fields)
    for field in fields.split(','):
        if field not in existing:
            missing.append(field)
            continue
        if field in seen:
            continue
        title, formatter = utils.make_field_formatter(field, filters)
        columns.append(title)
        formatters[title] = formatter
        seen.add(field)
    if missing:
        raise exceptions.CommandError(
            'Non-existent fields are specified: %s' % missing)
    return columns, formatters


def _list_columns(args, opts, servers, filters):
    cols, formatters = [], {}
    if servers:
        cols, formatters = field_columns(args.fields, servers,
                                         exclude_fields=('id',),
                                         filters=filters)
    if args.minimal:
        return ['ID', 'Name'], {}
    if cols:
        return ['ID'] + cols, formatters
    columns = ['ID', 'Name', 'Status', 'Task State', 'Power State',
               'Networks']
    if opts['all_tenants']:
        columns.insert(2, 'Tenant ID')
    if opts['changes-since'] or opts.get('changes-before'):
        columns.append('Updated')
    return columns, {}


def _list_arguments(func):
    arg = utils.add_arg
    specs = [
        ('--reservation-id', dict(
            dest='reservation_id', metavar='<reservation-id>', default=None,
            help='Only servers of this reservation (multi-create) ID.')),
        ('--ip', dict(dest='ip', metavar='<ip-regexp>', default=None,
                      help='Regular expression matched against IPv4 '
                           'addresses.')),
        ('--ip6', dict(dest='ip6', metavar='<ip6-regexp>', default=None,
                       help='Regular expression matched against IPv6 '
                            'addresses.')),
        ('--name', dict(dest='name', metavar='<name-regexp>', default=None,
                        help='Regular expression matched against names.')),
        ('--status', dict(dest='status', metavar='<status>', default=None,
                          help='Only servers with this status.')),
        ('--flavor', dict(dest='flavor', metavar='<flavor>', default=None,
                          help='Only servers of this flavor (name or ID).')),
        ('--image', dict(dest='image', metavar='<image>', default=None,
                         help='Only servers of this image (name or ID).')),
        ('--host', dict(dest='host', metavar='<hostname>', default=None,
                        help='Only servers on this compute host (admin).')),
        ('--all-tenants', dict(
            dest='all_tenants', metavar='<0|1>', nargs='?', type=int, const=1,
            default=int(utils.bool_from_string(
                os.environ.get('ALL_TENANTS', 'false'), True)),
            help='Servers of every project (admin).')),
        ('--tenant', dict(dest='tenant', metavar='<tenant>', nargs='?',
                          help='Servers of this project only (admin).')),
        ('--user', dict(dest='user', metavar='<user>', nargs='?',
                        help='Servers of this user only (admin before '
                             '2.83).')),
        ('--deleted', dict(dest='deleted', action='store_true', default=False,
                           help='Only deleted servers (admin).')),
        ('--fields', dict(default=None, metavar='<fields>',
                          help='Comma-separated attributes to show as '
                               'columns (see the show command).')),
        ('--minimal', dict(dest='minimal', action='store_true', default=False,
                           help='Only the ID and name (no details).')),
        ('--sort', dict(dest='sort', metavar='<key>[:<direction>]',
                        help='Server-side sort: comma-separated '
                             '<key>[:asc|desc] (desc by default).')),
        ('--marker', dict(dest='marker', metavar='<marker>', default=None,
                          help='Start after the server with this ID.')),
        ('--limit', dict(dest='limit', metavar='<limit>', type=int,
                         default=None,
                         help='At most this many servers; -1 fetches every '
                              'page (the server caps a page at its '
                              '[api]max_limit).')),
        ('--availability-zone', dict(
            dest='availability_zone', metavar='<availability_zone>',
            default=None, help='Only servers in this availability zone.')),
        ('--key-name', dict(dest='key_name', metavar='<key_name>',
                            default=None,
                            help='Only servers booted with this keypair.')),
        ('--config-drive', dict(action='store_true', group='config_drive',
                                default=None,
                                help='Only servers with a config drive.')),
        ('--no-config-drive', dict(action='store_false', group='config_drive',
                                   help='Only servers without a config '
                                        'drive.')),
        ('--progress', dict(dest='progress', metavar='<progress>',
                            default=None,
                            help='Only servers at this progress value.')),
        ('--vm-state', dict(dest='vm_state', metavar='<vm_state>',
                            default=None,
                            help='Only servers in this vm_state.')),
        ('--task-state', dict(dest='task_state', metavar='<task_state>',
                              default=None,
                              help='Only servers in this task_state.')),
        ('--power-state', dict(dest='power_state', metavar='<power_state>',
                               default=None,
                               help='Only servers in this (numeric) power '
                                    'state.')),
        ('--changes-since', dict(
            dest='changes_since', metavar='<changes_since>', default=None,
            help='Only servers changed at or after this ISO 8601 time.')),
        ('--changes-before', dict(
            dest='changes_before', metavar='<changes_before>', default=None,
            start_version='2.66',
            help='Only servers changed at or before this ISO 8601 time.')),
        ('--tags', dict(dest='tags', metavar='<tags>', default=None,
                        start_version='2.26',
                        help='Only servers having all these comma-separated '
                             'tags.')),
        ('--tags-any', dict(dest='tags-any', metavar='<tags-any>',
                            default=None, start_version='2.26',
                            help='Only servers having any of these '
                                 'comma-separated tags.')),
        ('--not-tags', dict(dest='not-tags', metavar='<not-tags>',
                            default=None, start_version='2.26',
                            help='Skip servers having all these '
                                 'comma-separated tags.')),
        ('--not-tags-any', dict(dest='not-tags-any', metavar='<not-tags-any>',
                                default=None, start_version='2.26',
                                help='Skip servers having any of these '
                                     'comma-separated tags.')),
        ('--locked', dict(dest='locked', metavar='<locked>', default=None,
                          start_version='2.73',
                          help="'true' for locked servers only, 'false' for "
                               "unlocked ones.")),
    ]
    for option, kwargs in reversed(specs):
        arg(func, option, **kwargs)
    return func


@_list_arguments
def do_list(cs, args):
    """List servers."""
    if args.tenant:
        args.all_tenants = 1
    opts = _list_search_opts(cs, args)
    embedded_flavor = cs.api_version >= _V('2.47')
    filters = {'security_groups': utils.format_security_groups}
    if not embedded_flavor:
        filters['flavor'] = lambda flavor: flavor['id']
    sort_keys, sort_dirs = _sort_args(args.sort)
    servers = cs.servers.list(detailed=not args.minimal, search_opts=opts,
                              sort_keys=sort_keys, sort_dirs=sort_dirs,
                              marker=args.marker, limit=args.limit)
    translate_server_states(servers)
    if not args.minimal and embedded_flavor:
        _expand_flavor(servers)
    columns, formatters = _list_columns(args, opts, servers, filters)
    formatters['Networks'] = utils.format_servers_list_networks
    utils.print_list(servers, columns, formatters,
                     sortby_index=None if args.sort else 1)


@utils.arg('--minimal', dest='minimal', action='store_true', default=False,
           help='Skip the image and flavor name lookups.')
@utils.arg('server', metavar='<server>', help='Name or ID of the server.')
@utils.arg('--wrap', dest='wrap', metavar='<integer>', type=int, default=0,
           help='Wrap values at this width (0: no wrapping).')
def do_show(cs, args):
    """Show the details of a server."""
    print_server(cs, args, wrap=args.wrap)


@utils.arg('server', metavar='<server>', help='Name or ID of the server.')
@utils.arg('--name', metavar='<name>', dest='name', default=None,
           help='New name.')
@utils.arg('--description', metavar='<description>', dest='description',
           default=None, start_version='2.19',
           help='New description; an empty string removes it.')
@utils.arg('--hostname', start_version='2.90',
           help='New hostname in the metadata service (the guest must pick '
                'it up itself).')
@utils.arg('--pinned-availability-zone', metavar='<availability-zone>',
           dest='pinned_availability_zone', default=None,
           group='pinned_availability_zone', start_version='2.104',
           help='Pin the server to this availability zone.')
@utils.arg('--no-pinned-availability-zone', action='store_const',
           const=False, dest='pinned_availability_zone',
           group='pinned_availability_zone', start_version='2.104',
           help='Unpin the server: later moves may pick any zone.')
def do_update(cs, args):
    """Rename a server or change its description, hostname or pinned
    availability zone."""
    kwargs = {}
    pinned = getattr(args, 'pinned_availability_zone', None)
    if pinned is not None:
        kwargs['pinned_availability_zone'] = pinned or None
    if args.name:
        kwargs['name'] = args.name
    if getattr(args, 'description', None) is not None:
        kwargs['description'] = args.description
    if getattr(args, 'hostname', None) is not None:
        kwargs['hostname'] = args.hostname
    common.find_server(cs, args.server).update(**kwargs)


def _on_many(cs, args, verb, method):
    find_args = {'all_tenants': args.all_tenants}
    utils.do_action_on_many(
        lambda s: getattr(common.find_server(cs, s, **find_args), method)(),
        args.server, 'Request to %s server %%s has been accepted.' % verb,
        'Unable to %s the specified server(s).' % verb)


@utils.arg('--all-tenants', action='store_const', const=1, default=0,
           help='Look the names up in every project (admin).')
@utils.arg('server', metavar='<server>', nargs='+',
           help='Names or IDs of the servers.')
def do_delete(cs, args):
    """Shut down and delete servers."""
    _on_many(cs, args, 'delete', 'delete')


@utils.arg('server', metavar='<server>', help='Name or ID of the server.')
def do_force_delete(cs, args):
    """Delete a soft-deleted server now."""
    utils.find_resource(cs.servers, args.server).force_delete()


@utils.arg('server', metavar='<server>', help='Name or ID of the server.')
def do_restore(cs, args):
    """Bring back a soft-deleted server."""
    utils.find_resource(cs.servers, args.server, deleted=True).restore()


def _rebuild_kwargs(cs, args):
    kwargs = {'preserve_ephemeral': args.preserve_ephemeral,
              'name': args.name, 'meta': common.meta_parsing(args.meta),
              'password': (args.rebuild_password
                           if args.rebuild_password is not False else None)}
    if 'description' in args:
        kwargs['description'] = args.description
    if cs.api_version < _V('2.57'):
        kwargs['files'] = common.read_files(args.files)
    elif args.user_data_unset:
        if args.user_data:
            raise exceptions.CommandError(
                "Cannot specify '--user-data-unset' with '--user-data'.")
        kwargs['userdata'] = None
    elif args.user_data:
        kwargs['userdata'] = common.read_file(args.user_data)
    if cs.api_version >= _V('2.54'):
        if args.key_unset:
            if args.key_name:
                raise exceptions.CommandError(
                    "Cannot specify '--key-unset' with '--key-name'.")
            kwargs['key_name'] = None
        elif args.key_name:
            kwargs['key_name'] = args.key_name
    _rebuild_certs(cs, args, kwargs)
    if getattr(args, 'hostname', None) is not None:
        kwargs['hostname'] = args.hostname
    return kwargs


def _rebuild_certs(cs, args, kwargs):
    env_certs = utils.env('OS_TRUSTED_IMAGE_CERTIFICATE_IDS')
    if cs.api_version < _V('2.63'):
        if env_certs:
            raise exceptions.UnsupportedAttribute(
                'OS_TRUSTED_IMAGE_CERTIFICATE_IDS', '2.63')
        return
    certs = args.trusted_image_certificates or (
        env_certs.split(',') if env_certs else None)
    if args.trusted_image_certificates_unset:
        if certs:
            raise exceptions.CommandError(
                "Cannot specify '--trusted-image-certificates-unset' with "
                "'--trusted-image-certificate-id' or with "
                "OS_TRUSTED_IMAGE_CERTIFICATE_IDS env variable set.")
        kwargs['trusted_image_certificates'] = None
    elif certs:
        kwargs['trusted_image_certificates'] = certs


@utils.arg('server', metavar='<server>', help='Name or ID of the server.')
@utils.arg('image', metavar='<image>', help='Name or ID of the new image.')
@utils.arg('--rebuild-password', dest='rebuild_password',
           metavar='<rebuild-password>', default=False,
           help='Admin password to set on the rebuilt server.')
@utils.arg('--poll', dest='poll', action='store_true', default=False,
           help='Wait and report progress until the rebuild finishes.')
@utils.arg('--minimal', dest='minimal', action='store_true', default=False,
           help='Skip the image and flavor name lookups.')
@utils.arg('--preserve-ephemeral', action='store_true', default=False,
           help='Keep the ephemeral disk partition.')
@utils.arg('--name', metavar='<name>', default=None,
           help='New name for the server.')
@utils.arg('--description', metavar='<description>', dest='description',
           default=None, start_version='2.19',
           help='New description for the server.')
@utils.arg('--meta', metavar='<key=value>', action='append', default=[],
           help='Metadata to set (repeatable).')
@utils.arg('--file', metavar='<dst-path=src-path>', action='append',
           dest='files', default=[], start_version='2.0', end_version='2.56',
           help='Inject a local file into the server (repeatable).')
@utils.arg('--key-name', metavar='<key-name>', default=None,
           start_version='2.54', help='Keypair to inject instead.')
@utils.arg('--key-unset', action='store_true', default=False,
           start_version='2.54', help='Remove the keypair.')
@utils.arg('--user-data', default=None, metavar='<user-data>',
           start_version='2.57', help='File with new user data.')
@utils.arg('--user-data-unset', action='store_true', default=False,
           start_version='2.57', help='Remove the user data.')
@utils.arg('--trusted-image-certificate-id',
           metavar='<trusted-image-certificate-id>', action='append',
           dest='trusted_image_certificates', default=[],
           start_version='2.63',
           help='Certificate ID trusted to verify the image signature '
                '(repeatable). Defaults to '
                'env[OS_TRUSTED_IMAGE_CERTIFICATE_IDS].')
@utils.arg('--trusted-image-certificates-unset', action='store_true',
           default=False, start_version='2.63',
           help='Remove the trusted certificate IDs.')
@utils.arg('--hostname', start_version='2.90',
           help='New hostname in the metadata service.')
def do_rebuild(cs, args):
    """Re-image a server (its disk is replaced) and boot it again."""
    server = common.find_server(cs, args.server)
    image = common.find_image(cs, args.image)
    server = server.rebuild(image, **_rebuild_kwargs(cs, args))
    print_server(cs, args, server)
    if args.poll:
        poll_for_status(cs.servers.get, server.id, 'rebuilding', ['active'])


def print_image(image):
    info = image.to_dict()
    info.pop('links', None)
    server = info.pop('server', None)
    try:
        info['server'] = server['id']
    except (KeyError, TypeError):
        pass
    metadata = info.pop('metadata', {})
    try:
        for key, value in metadata.items():
            info['metadata %s' % key] = value
    except AttributeError:
        pass
    utils.print_dict(info)


@utils.arg('server', metavar='<server>', help='Name or ID of the server.')
@utils.arg('name', metavar='<name>', help='Name of the snapshot image.')
@utils.arg('--metadata', metavar='<key=value>', action='append', default=[],
           help='Metadata for the image (repeatable).')
@utils.arg('--show', dest='show', action='store_true', default=False,
           help='Print the new image.')
@utils.arg('--poll', dest='poll', action='store_true', default=False,
           help='Wait and report progress until the snapshot is done.')
def do_image_create(cs, args):
    """Snapshot a server into a new image."""
    server = common.find_server(cs, args.server)
    meta = common.meta_parsing(args.metadata) or None
    image_id = cs.servers.create_image(server, args.name, meta)
    if args.poll:
        poll_for_status(cs.glance.find_image, image_id, 'snapshotting',
                        ['active'])
        if hasattr(server, 'OS-EXT-STS:task_state'):
            # NOTE: the image can turn active before the server's task
            # state clears; wait for both so a new snapshot can follow.
            poll_for_status(cs.servers.get, server.id, 'image_snapshot',
                            [None], status_field='OS-EXT-STS:task_state',
                            show_progress=False, silent=True)
    if args.show:
        print_image(common.find_image(cs, image_id))


@utils.arg('server', metavar='<server>', help='Name or ID of the server.')
@utils.arg('name', metavar='<name>', help='Name of the backup image.')
@utils.arg('backup_type', metavar='<backup-type>',
           help="Backup type, e.g. 'daily' or 'weekly'.")
@utils.arg('rotation', metavar='<rotation>',
           help='How many backups of this type to keep.')
def do_backup(cs, args):
    """Create a rotated 'backup' snapshot of a server."""
    result = common.find_server(cs, args.server).backup(
        args.name, args.backup_type, args.rotation)
    if cs.api_version >= _V('2.45'):
        print_image(common.find_image(cs, result['image_id']))


@utils.arg('server', metavar='<server>', help='Name or ID of the server.')
@utils.arg('action', metavar='<action>', choices=['set', 'delete'],
           help="'set' or 'delete'.")
@utils.arg('metadata', metavar='<key=value>', nargs='+', action='append',
           default=[], help='Metadata to set, or keys to delete.')
def do_meta(cs, args):
    """Set or delete metadata of a server."""
    server = common.find_server(cs, args.server)
    metadata = common.extract_metadata(args)
    if args.action == 'set':
        cs.servers.set_meta(server, metadata)
    else:
        cs.servers.delete_meta(server, sorted(metadata, reverse=True))
