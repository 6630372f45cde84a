"""Migration commands: migration-list and server-migration-list/show."""

from novaclient import api_versions
from novaclient import utils
from novaclient.v2.shell import common

_V = api_versions.APIVersion
_PROGRESS = (('Total Memory Bytes', 'memory_total_bytes'),
             ('Processed Memory Bytes', 'memory_processed_bytes'),
             ('Remaining Memory Bytes', 'memory_remaining_bytes'),
             ('Total Disk Bytes', 'disk_total_bytes'),
             ('Processed Disk Bytes', 'disk_processed_bytes'),
             ('Remaining Disk Bytes', 'disk_remaining_bytes'))


def print_migrations(cs, migrations):
    fields = ['Source Node', 'Dest Node', 'Source Compute', 'Dest Compute',
              'Dest Host', 'Status', 'Instance UUID', 'Old Flavor',
              'New Flavor', 'Created At', 'Updated At']
    formatters = {'Old Flavor': lambda m: m.old_instance_type_id,
                  'New Flavor': lambda m: m.new_instance_type_id}
    if cs.api_version >= _V('2.59'):
        fields.insert(0, 'UUID')
    if cs.api_version >= _V('2.23'):
        fields.insert(0, 'Id')
        fields.append('Type')
        formatters['Type'] = lambda m: m.migration_type
    if cs.api_version >= _V('2.80'):
        fields += ['Project ID', 'User ID']
    utils.print_list(migrations, fields, formatters)


def _migration_list(cs, args):
    filters = {}
    for name in ('instance_uuid', 'marker', 'limit', 'changes_since',
                 'changes_before', 'migration_type', 'source_compute',
                 'user_id', 'project_id'):
        if getattr(args, name, None):
            filters[name] = getattr(args, name)
    common.check_time('changes-since', filters.get('changes_since'))
    common.check_time('changes-before', filters.get('changes_before'))
    print_migrations(cs, cs.migrations.list(args.host, args.status,
                                            **filters))


def _list_arguments(func, paged, before):
    specs = [
        ('--instance-uuid', dict(dest='instance_uuid',
                                 metavar='<instance_uuid>',
                                 help='Only migrations of this server.')),
        ('--host', dict(dest='host', metavar='<host>',
                        help='Only migrations from or to this host.')),
        ('--status', dict(dest='status', metavar='<status>',
                          help='Only migrations with this status.')),
        ('--migration-type', dict(
            dest='migration_type', metavar='<migration_type>',
            help="Only 'evacuation', 'resize', 'migration' or "
                 "'live-migration' migrations.")),
        ('--source-compute', dict(dest='source_compute',
                                  metavar='<source_compute>',
                                  help='Only migrations from this compute '
                                       'service host.')),
    ]
    if paged:
        specs += [
            ('--marker', dict(dest='marker', metavar='<marker>',
                              default=None,
                              help='Start after the migration with this '
                                   'UUID.')),
            ('--limit', dict(dest='limit', metavar='<limit>', type=int,
                             default=None,
                             help='At most this many migrations (the server '
                                  'caps it at its [api]max_limit).')),
            ('--changes-since', dict(dest='changes_since',
                                     metavar='<changes_since>', default=None,
                                     help='Only migrations changed at or '
                                          'after this ISO 8601 time.')),
        ]
    if before:
        specs += [
            ('--changes-before', dict(dest='changes_before',
                                      metavar='<changes_before>',
                                      default=None, start_version='2.66',
                                      help='Only migrations changed at or '
                                           'before this ISO 8601 time.')),
            ('--project-id', dict(dest='project_id', metavar='<project_id>',
                                  default=None, start_version='2.80',
                                  help='Only migrations of this project.')),
            ('--user-id', dict(dest='user_id', metavar='<user_id>',
                               default=None, start_version='2.80',
                               help='Only migrations of this user.')),
        ]
    for option, kwargs in reversed(specs):
        utils.add_arg(func, option, **kwargs)
    return func


@api_versions.wraps('2.0', '2.58')
def do_migration_list(cs, args):
    """List migrations (admin)."""
    _migration_list(cs, args)


_list_arguments(do_migration_list, False, False)


@api_versions.wraps('2.59', '2.65')
def do_migration_list(cs, args):  # noqa: F811
    """List migrations (admin)."""
    _migration_list(cs, args)


_list_arguments(do_migration_list, True, False)


@api_versions.wraps('2.66')
def do_migration_list(cs, args):  # noqa: F811
    """List migrations (admin)."""
    _migration_list(cs, args)


_list_arguments(do_migration_list, True, True)


@api_versions.wraps('2.23')
@utils.arg('server', metavar='<server>', help='Name or ID of the server.')
def do_server_migration_list(cs, args):
    """List the in-progress migrations of a server."""
    server = common.find_server(cs, args.server)
    fields = ['Id', 'Source Node', 'Dest Node', 'Source Compute',
              'Dest Compute', 'Dest Host', 'Status', 'Server UUID',
              'Created At', 'Updated At']
    if cs.api_version >= _V('2.80'):
        fields += ['Project ID', 'User ID']
    formatters = {title: utils.make_field_formatter(key)[1]
                  for title, key in _PROGRESS}
    utils.print_list(cs.server_migrations.list(server),
                     fields + [title for title, _key in _PROGRESS],
                     formatters)


@api_versions.wraps('2.23')
@utils.arg('server', metavar='<server>', help='Name or ID of the server.')
@utils.arg('migration', metavar='<migration>', help='ID of the migration.')
def do_server_migration_show(cs, args):
    """Show one in-progress migration of a server."""
    server = common.find_server(cs, args.server)
    utils.print_dict(cs.server_migrations.get(server, args.migration)
                     .to_dict())
