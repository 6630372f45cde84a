"""``POST /servers/{id}/action`` that give a server a new disk or park it: rebuild, rescue,
unrescue, shelve, shelve-offload and unshelve."""

from novaapi.api import server_common
from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import servers as schema
from novaapi.compute import lifecycle
from novaapi.compute import policy
from novaapi.compute import rebuild
from novaapi.compute import server_values
from novaapi.compute import shelve


def _rebuild_changes(req, spec):
    names = {'name': 'display_name', 'description': 'display_description', 'metadata': 'metadata',
             'accessIPv4': 'access_ip_v4', 'accessIPv6': 'access_ip_v6'}
    changes = {names[k]: v for k, v in spec.items() if k in names}
    if 'OS-DCF:diskConfig' in spec:
        changes['auto_disk_config'] = spec['OS-DCF:diskConfig'] == 'AUTO'
    for version, key, column in (('2.54', 'key_name', 'key_name'), ('2.57', 'user_data', 'user_data'),
                                 ('2.63', 'trusted_image_certificates', 'trusted_certs'),
                                 ('2.90', 'hostname', 'hostname')):
        if req.is_version(version) and key in spec:
            changes[column] = spec[key]
    if 'user_data' in changes:
        server_values.decode_user_data(changes['user_data'])
    if changes.get('trusted_certs'):
        policy.authorize(req.context, 'servers:rebuild:trusted_certs')
    return changes


def _rebuild_view(req, instance, extra, password):
    full = req.is_version('2.75')
    result = server_common.detailed(req, instance, extra, full=full,
                                    server_groups=req.is_version('2.71'), user_data=False)
    view = result['server']
    if not full and req.is_version('2.54'):
        view['key_name'] = instance.key_name
    view['adminPass'] = password
    if req.is_version('2.57'):
        view['user_data'] = instance.user_data
    return result


class RebuildActions(wsgi.Controller):

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('rebuild')
    @validation.schema(schema.rebuild)
    def _rebuild(self, req, id, body):
        spec = body['rebuild']
        password = server_common.password(spec)
        changes = _rebuild_changes(req, spec)
        instance, extra = rebuild.rebuild(req.context, id, spec['imageRef'], password, changes)
        return _rebuild_view(req, instance, extra, password)

    @wsgi.expected_errors((400, 404, 409, 501))
    @wsgi.action('rescue')
    @validation.schema(schema.rescue)
    def _rescue(self, req, id, body):
        spec = body['rescue'] or {}
        password = server_common.password(spec)
        rebuild.rescue(req.context, id, password, spec.get('rescue_image_ref'))
        return {'adminPass': password}

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409, 501))
    @wsgi.action('unrescue')
    @validation.schema(schema.simple['unrescue'])
    def _unrescue(self, req, id, body):
        lifecycle.simple_action(req.context, id, 'unrescue')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 403, 409, 400))
    @wsgi.action('shelve')
    @validation.schema(schema.simple['shelve'])
    def _shelve(self, req, id, body):
        shelve.shelve(req.context, id)

    @wsgi.response(202)
    @wsgi.expected_errors((404, 403, 409, 400))
    @wsgi.action('shelveOffload')
    @validation.schema(schema.simple['shelveOffload'])
    def _shelve_offload(self, req, id, body):
        lifecycle.simple_action(req.context, id, 'shelveOffload')

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('unshelve')
    @validation.schema(schema.unshelve)
    def _unshelve(self, req, id, body):
        spec = body['unshelve'] if req.is_version('2.77') and body['unshelve'] else {}
        kwargs = {}
        if 'availability_zone' in spec:
            kwargs['zone'] = spec['availability_zone']
        if spec.get('host'):
            policy.authorize(req.context, 'os-shelve:unshelve_to_host')
            kwargs['host'] = spec['host']
        shelve.unshelve(req.context, id, **kwargs)
