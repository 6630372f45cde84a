"""/servers: create, list, show, update and delete servers.

``POST /servers/{id}/action`` is answered by the action groups (``server_lifecycle``,
``server_moves``, ``server_rebuild``, ``server_images``, ``remote_consoles``) that
api/routes.py gathers.
"""

import uuid

from novaapi.api import common
from novaapi.api import server_common
from novaapi.api import server_filters
from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import servers as schema
from novaapi.api.views import servers as views
from novaapi.compute import boot
from novaapi.compute import deletion
from novaapi.compute import policy
from novaapi.compute import scheduler
from novaapi.compute import server_values
from novaapi.compute import servers
from novaapi import exception


def list_servers(req, is_detail):
    policy.authorize(req.context, 'servers:detail' if is_detail else 'servers:index')
    filters = server_filters.filters(req, is_detail)
    if filters is None:
        return {'servers': []}
    limit, marker = common.limit_and_marker(req)
    sort_keys, sort_dirs = server_filters.sort(req)
    rows, extras = servers.list_servers(req.context, filters, sort_keys, sort_dirs, limit, marker,
                                        detail=is_detail)
    if not is_detail:
        return views.index(req, rows)
    flags = server_common.show_flags(req)
    return views.index(req, rows, lambda inst: views.show(req, inst, extras[inst.uuid], flags))


class ServersController(wsgi.Controller):

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
        instance, extra = servers.show(req.context, id)
        return server_common.detailed(req, instance, extra)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 409))
    @validation.schema(schema.create)
    def create(self, req, body):
        spec = _create_spec(req, body)
        created, reservation_id = boot.create(req.context, spec)
        if spec.get('return_reservation_id'):
            return {'reservation_id': reservation_id}
        result = views.create(req, created[0], body['server'].get('security_groups'),
                              spec['admin_password'])
        return result, {'Location': result['server']['links'][0]['href']}

    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.update)
    def update(self, req, id, body):
        changes = _update_changes(req, body['server'])
        instance, extra = servers.update(req.context, id, changes)
        return server_common.detailed(req, instance, extra, full=req.is_version('2.75'),
                                      server_groups=req.is_version('2.71'))

    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    def delete(self, req, id):
        deletion.delete(req.context, id)


class VolumesBootController(ServersController):
    """``/os-volumes_boot``: Nova's legacy alias of ``/servers`` (removed in 2.103).

    The decorators only describe the methods (validation runs in the Resource), so each
    override states its window and contract and calls the server method it stands for.
    """

    @wsgi.api_version('2.1', '2.102')
    @wsgi.expected_errors((400, 403))
    @validation.query_schema(schema.index_query)
    def index(self, req):
        return ServersController.index(self, req)

    @wsgi.api_version('2.1', '2.102')
    @wsgi.expected_errors((400, 403))
    @validation.query_schema(schema.index_query)
    def detail(self, req):
        return ServersController.detail(self, req)

    @wsgi.api_version('2.1', '2.102')
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, id):
        return ServersController.show(self, req, id)

    @wsgi.api_version('2.1', '2.102')
    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 409))
    @validation.schema(schema.create)
    def create(self, req, body):
        return ServersController.create(self, req, body=body)

    @wsgi.api_version('2.1', '2.102')
    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.update)
    def update(self, req, id, body):
        return ServersController.update(self, req, id, body=body)

    @wsgi.api_version('2.1', '2.102')
    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    def delete(self, req, id):
        return ServersController.delete(self, req, id)


def _create_spec(req, body):
    """The normalized create request handed to :func:`novaapi.compute.boot.create`."""
    ctx, server = req.context, body['server']
    hints = body.get('os:scheduler_hints') or body.get('OS-SCH-HNT:scheduler_hints') or {}
    min_count = int(server.get('min_count', 1))
    max_count = int(server.get('max_count', min_count))
    if min_count > max_count:
        raise exception.Invalid('min_count must be <= max_count')
    zone, host, node = scheduler.parse_availability_zone(server.get('availability_zone'))
    tgt = {'project_id': ctx.project_id, 'user_id': ctx.user_id}
    policy.authorize(ctx, 'servers:create', tgt)
    if host or node:
        policy.authorize(ctx, 'servers:create:forced_host', tgt)
    if server.get('host') or server.get('hypervisor_hostname'):
        policy.authorize(ctx, 'servers:create:requested_destination', tgt)
        if host or node:
            raise exception.Invalid('One mechanism with host and/or hypervisor_hostname and another '
                                    'mechanism with zone:host:node are mutually exclusive.')
    if server.get('trusted_image_certificates'):
        policy.authorize(ctx, 'servers:create:trusted_certs', tgt)
    bdms = server.get('block_device_mapping_v2') or server.get('block_device_mapping') or []
    return {
        'name': server['name'], 'description': server.get('description') if req.is_version('2.19')
        else server['name'], 'hostname': server.get('hostname'),
        'flavor_ref': str(server['flavorRef']), 'image_ref': server.get('imageRef', ''),
        'block_device_mapping': bdms, 'networks': _networks(req, server.get('networks')),
        'key_name': server.get('key_name'), 'metadata': server.get('metadata') or {},
        'security_groups': sorted({g['name'] for g in server.get('security_groups') or []
                                   if g.get('name')}) or None,
        'user_data': server_values.decode_user_data(server.get('user_data')),
        'availability_zone': zone, 'forced_host': host, 'forced_node': node,
        'requested_host': server.get('host'), 'requested_node': server.get('hypervisor_hostname'),
        'min_count': min_count, 'max_count': max_count,
        'return_reservation_id': str(server.get('return_reservation_id', False)).lower() in ('true', '1', 'yes', 'on'),
        'admin_password': server_common.password(server), 'config_drive': server.get('config_drive') in (True, 'True', 'true', '1', 'yes', 'on', 'TRUE', 'ON', 'YES', 'Yes', 'On'),
        'access_ip_v4': server.get('accessIPv4'), 'access_ip_v6': server.get('accessIPv6'),
        'auto_disk_config': server.get('OS-DCF:diskConfig', 'AUTO') == 'AUTO',
        'tags': server.get('tags'), 'trusted_certs': server.get('trusted_image_certificates'),
        'scheduler_hints': hints, 'multiattach_ok': req.is_version('2.60'),
    }


def _networks(req, networks):
    if networks is None or isinstance(networks, str):
        return networks
    result = []
    for item in networks:
        if not item.get('port') and not item.get('uuid'):
            raise exception.Invalid('Bad network format: missing uuid')
        if item.get('uuid') and not item.get('port') and not req.is_version('2.37'):
            try:
                uuid.UUID(item['uuid'])
            except ValueError:
                raise exception.Invalid('Bad networks format: network uuid is not in proper format '
                                        '(%s)' % item['uuid']) from None
        result.append({k: v for k, v in item.items() if v is not None})
    return result


def _update_changes(req, server):
    names = {'name': 'display_name', 'description': 'display_description', 'hostname': 'hostname',
             'accessIPv4': 'access_ip_v4', 'accessIPv6': 'access_ip_v6',
             'pinned_availability_zone': 'pinned_availability_zone'}
    changes = {names[k]: v for k, v in server.items() if k in names}
    if 'OS-DCF:diskConfig' in server:
        changes['auto_disk_config'] = server['OS-DCF:diskConfig'] == 'AUTO'
    return changes
