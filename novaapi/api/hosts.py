"""/os-hosts (up to 2.42): hosts, their resources, enable/maintenance and power actions."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.compute import host_admin
from novaapi.compute import policy


_MODE = {'type': 'string', 'enum': ['enable', 'disable', 'Enable', 'Disable', 'ENABLE', 'DISABLE']}
UPDATE = {'type': 'object', 'properties': {'status': _MODE, 'maintenance_mode': _MODE},
          'anyOf': [{'required': ['status']}, {'required': ['maintenance_mode']}],
          'additionalProperties': False}


class HostController(wsgi.Controller):

    @wsgi.api_version(None, '2.42')
    @wsgi.expected_errors(())
    def index(self, req):
        policy.authorize(req.context, 'os-hosts:list', target={})
        found = host_admin.show_hosts(req.context, req.GET.get('zone'))
        return {'hosts': [{'host_name': h, 'service': t, 'zone': z} for h, t, z in found]}

    @wsgi.api_version(None, '2.42')
    @wsgi.expected_errors(404)
    def show(self, req, id):
        policy.authorize(req.context, 'os-hosts:show', target={})
        return {'host': [{'resource': r} for r in host_admin.show_resources(req.context, id)]}

    @wsgi.api_version(None, '2.42')
    @wsgi.expected_errors((400, 404, 501))
    @validation.schema(UPDATE)
    def update(self, req, id, body):
        policy.authorize(req.context, 'os-hosts:update', target={})
        status, mode = body.get('status'), body.get('maintenance_mode')
        result = host_admin.update_host(
            req.context, id, enabled=None if status is None else status.lower() == 'enable',
            maintenance=None if mode is None else mode.lower() == 'enable')
        return dict({'host': id}, **result)

    def _power(self, req, host, action, rule):
        policy.authorize(req.context, 'os-hosts:' + rule, target={})
        return {'host': host, 'power_action': host_admin.power(req.context, host, action)}

    @wsgi.api_version(None, '2.42')
    @wsgi.expected_errors((400, 404, 501))
    def startup(self, req, id):
        return self._power(req, id, 'startup', 'start')

    @wsgi.api_version(None, '2.42')
    @wsgi.expected_errors((400, 404, 501))
    def shutdown(self, req, id):
        return self._power(req, id, 'shutdown', 'shutdown')

    @wsgi.api_version(None, '2.42')
    @wsgi.expected_errors((400, 404, 501))
    def reboot(self, req, id):
        return self._power(req, id, 'reboot', 'reboot')
