"""The query of ``GET /servers`` and ``/servers/detail``: Nova's search options, sort and page
turned into the filters of :func:`novaapi.compute.instances.build_query`."""

import datetime

from oslo_utils import timeutils

from novaapi.api import common
from novaapi.api.schemas import servers as schema
from novaapi.compute import policy
from novaapi.compute import states
from novaapi import exception


# Filters a non-admin may use, by the microversion that allowed them.
_USER_FILTERS = (
    (None, ('reservation_id', 'name', 'status', 'image', 'flavor', 'ip', 'changes-since',
            'all_tenants')),
    ('2.5', ('ip6',)), ('2.26', ('tags', 'tags-any', 'not-tags', 'not-tags-any')),
    ('2.66', ('changes-before',)), ('2.73', ('locked',)),
    ('2.83', ('availability_zone', 'config_drive', 'key_name', 'created_at', 'launched_at',
              'terminated_at', 'power_state', 'task_state', 'vm_state', 'progress', 'user_id')),
    ('2.90', ('hostname',)),
)
_ALIASES = {'name': 'display_name', 'description': 'display_description', 'image': 'image_ref',
            'tenant_id': 'project_id'}
_PAGING = ('limit', 'marker', 'sort_key', 'sort_dir')


def _allowed_filters(req):
    names = set()
    for version, more in _USER_FILTERS:
        if version is None or req.is_version(version):
            names.update(more)
    return names


def _search_options(req):
    """Query parameters minus those the caller may not use (silently dropped, as in Nova)."""
    opts = {key: req.GET.getall(key) for key in req.GET.keys() if key not in _PAGING}
    for key in opts:
        if key in schema.JOINED_TABLE_PARAMS or key.startswith('_'):
            raise exception.Invalid('Invalid filter field: %s.' % key)
    if not policy.check(req.context, 'servers:allow_all_filters'):
        allowed = _allowed_filters(req)
        opts = {k: v for k, v in opts.items() if k in allowed}
    return {key: values[-1] if key != 'status' else values for key, values in opts.items()}


def _parse_time(opts, key):
    try:
        value = timeutils.parse_isotime(opts[key])
    except ValueError:
        raise exception.Invalid('Invalid filter field: %s.' % key) from None
    return value.astimezone(datetime.timezone.utc).replace(tzinfo=None) if value.tzinfo else value


def _status_filter(req, opts, filters):
    pairs = []
    for value in opts.pop('status'):
        found = states.states_for_status(value)
        if found is None:
            if req.is_version('2.38'):
                raise exception.Invalid('Invalid status value')
            return False
        pairs.extend(found)
    filters['status_pairs'] = pairs
    if [p[0] for p in pairs] == [states.DELETED]:
        if not req.context.is_admin:
            raise exception.Forbidden('Only administrators may list deleted instances')
        filters['deleted'] = True
    return True


def filters(req, is_detail):
    """Nova's search options turned into :func:`instances.build_query` filters; None = empty."""
    opts = _search_options(req)
    filters = {}
    if 'status' in opts and not _status_filter(req, opts, filters):
        return None
    for key in ('changes-since', 'changes-before'):
        if key in opts:
            filters[key] = _parse_time(opts, key)
            del opts[key]
    if filters.get('changes-before') and filters.get('changes-since') and \
            filters['changes-before'] < filters['changes-since']:
        raise exception.Invalid('The value of changes-since must be less than or equal to '
                                'changes-before.')
    if 'deleted' in opts:
        filters['deleted'] = common.is_true(opts.pop('deleted'))
    elif 'deleted' not in filters and not ({'changes-since', 'changes-before'} & set(filters)):
        filters['deleted'] = False
    if 'soft_deleted' in opts:
        filters['soft_deleted'] = common.is_true(opts.pop('soft_deleted'))
    for key in ('tags', 'tags-any', 'not-tags', 'not-tags-any'):
        if key in opts:
            filters[key] = opts.pop(key).split(',') if req.is_version('2.26') else None
    all_tenants = 'all_tenants' in opts and (opts.pop('all_tenants') == '' or
                                             common.is_true(req.GET.get('all_tenants')))
    if all_tenants:
        policy.authorize(req.context, 'servers:%s:get_all_tenants' % ('detail' if is_detail
                                                                      else 'index'))
    else:
        opts.pop('project_id', None), opts.pop('tenant_id', None)
        filters['project_id'] = req.context.project_id
    if 'locked' in opts:
        filters['locked'] = common.is_true(opts.pop('locked'))
    for key, value in opts.items():
        filters[_ALIASES.get(key, key)] = value
    _coerce_ints(filters)
    return filters


def _coerce_ints(filters):
    for key in ('power_state', 'progress', 'launch_index'):
        if key in filters:
            try:
                filters[key] = int(filters[key])
            except ValueError:
                filters[key] = -1


def sort(req):
    keys = req.GET.getall('sort_key')
    dirs = req.GET.getall('sort_dir')
    for value in dirs:
        if value not in ('asc', 'desc'):
            raise exception.Invalid("Unknown sort direction, must be 'desc' or 'asc'")
    ignored = set(schema.IGNORED_SORT_KEYS) - ({'locked'} if req.is_version('2.73') else set())
    pairs = [(k, dirs[i] if i < len(dirs) else (dirs[0] if dirs else 'desc'))
             for i, k in enumerate(keys) if k not in ignored]
    if not req.context.is_admin and any(k in ('host', 'node') for k, _ in pairs):
        raise exception.Forbidden('Only administrators can sort servers by host')
    if not pairs:
        return ['created_at'], [dirs[0] if dirs else 'desc']
    return [k for k, _ in pairs], [d for _, d in pairs]
