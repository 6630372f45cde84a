"""/servers: create, list, show, update and delete servers (actions live in ``server_actions``)."""

import datetime

from oslo_utils import timeutils

from novaapi.api import common
from novaapi.api import remote_consoles
from novaapi.api import server_actions
from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import servers as schema
from novaapi.api.views import servers as views
from novaapi.compute import api as compute
from novaapi.compute import instances
from novaapi.compute import policy
from novaapi.compute import states
from novaapi.db import engine
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


def target(instance):
    return {'project_id': instance.project_id, 'user_id': instance.user_id}


def show_flags(req, instance=None, full=True, server_groups=False, user_data=True):
    """What policy lets the caller see of ``instance`` (or of any listed server)."""
    ctx, tgt = req.context, ({'project_id': instance.project_id} if instance else {})
    return views.Show(extended_attr=policy.check(ctx, 'os-extended-server-attributes', tgt),
                      host_status=policy.check(ctx, 'servers:show:host_status', tgt),
                      extra_specs=req.is_version('2.47') and policy.check(
                          ctx, 'servers:show:flavor-extra-specs', tgt),
                      server_groups=server_groups, full=full, user_data=user_data)


def detailed(req, sess, instance, **flags):
    """``{"server": {...}}`` of one instance as GET /servers/{id} shows it (flags narrow it)."""
    extra = instances.extras(sess, [instance])[instance.uuid]
    flags.setdefault('server_groups', True)
    return {'server': views.show(req, instance, extra, show_flags(req, instance, **flags))}


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


def _filters(req, is_detail):
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


def _sort(req):
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


def list_servers(req, is_detail):
    policy.authorize(req.context, 'servers:detail' if is_detail else 'servers:index')
    filters = _filters(req, is_detail)
    if filters is None:
        return {'servers': []}
    limit, marker = common.limit_and_marker(req)
    sort_keys, sort_dirs = _sort(req)
    with engine.transaction() as sess:
        rows = instances.get_all(sess, filters, sort_keys, sort_dirs, limit, marker)
        if not is_detail:
            return views.index(req, rows)
        extras = instances.extras(sess, rows)
        flags = show_flags(req)
        return views.index(req, rows, lambda inst: views.show(req, inst, extras[inst.uuid], flags))


class ServersController(server_actions.ServerActionsMixin, remote_consoles.LegacyConsoleActions,
                        wsgi.Controller):

    @wsgi.expected_errors((400, 403))
    @validation.query_schema(schema.index_query)
    def index(self, req):
        return list_servers(req, is_detail=False)

    @wsgi.expected_errors((400, 403))
    @validation.query_schema(schema.index_query)
    def detail(self, req):
        return list_servers(req, is_detail=True)

    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, id):
        with engine.transaction() as sess:
            instance = compute.get(sess, req.context, id)
            policy.authorize(req.context, 'servers:show', target(instance))
            return detailed(req, sess, instance)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 409))
    @validation.schema(schema.create)
    def create(self, req, body):
        spec = server_actions.create_spec(req, body)
        with engine.transaction() as sess:
            created, reservation_id = compute.create(sess, req.context, spec)
        if spec.get('return_reservation_id'):
            return {'reservation_id': reservation_id}
        result = views.create(req, created[0], body['server'].get('security_groups'),
                              spec['admin_password'])
        return result, {'Location': result['server']['links'][0]['href']}

    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.update)
    def update(self, req, id, body):
        changes = server_actions.update_changes(req, body['server'])
        with engine.transaction() as sess:
            instance = compute.get(sess, req.context, id)
            policy.authorize(req.context, 'servers:update', target(instance))
            compute.update(sess, req.context, instance, changes)
            full = req.is_version('2.75')
            return detailed(req, sess, instance, full=full, server_groups=req.is_version('2.71'))

    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    def delete(self, req, id):
        with engine.transaction() as sess:
            instance = compute.get(sess, req.context, id)
            policy.authorize(req.context, 'servers:delete', target(instance))
            compute.delete(sess, req.context, instance)
