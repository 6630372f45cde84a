"""Nova's floating IP proxy to the network service: ``/os-floating-ips`` and
``/os-floating-ip-pools`` (2.1-2.35), and the ``addFloatingIp`` / ``removeFloatingIp`` server
actions (2.1-2.43)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import floating_ips as schema
from novaapi.compute import floating_ips

MAX_PROXY = '2.35'


class FloatingIPController(wsgi.Controller):

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.NO_QUERY)
    def index(self, req):
        return {'floating_ips': floating_ips.list_floating_ips(req.context)}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors((400, 404))
    @validation.query_schema(schema.NO_QUERY)
    def show(self, req, id):
        return {'floating_ip': floating_ips.get_floating_ip(req.context, id)}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors((400, 403, 404))
    @validation.schema(schema.create)
    def create(self, req, body=None):
        pool = (body or {}).get('pool')
        return {'floating_ip': floating_ips.allocate_floating_ip(req.context, pool)}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    def delete(self, req, id):
        floating_ips.release_floating_ip(req.context, id)


class FloatingIPPoolsController(wsgi.Controller):

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.NO_QUERY)
    def index(self, req):
        return {'floating_ip_pools': [{'name': name}
                                      for name in floating_ips.pool_names(req.context)]}


class FloatingIPActions(wsgi.Controller):
    """``POST /servers/{id}/action``: addFloatingIp, removeFloatingIp (removed in 2.44)."""

    @wsgi.api_version('2.1', '2.43')
    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404))
    @wsgi.action('addFloatingIp')
    @validation.schema(schema.add_floating_ip)
    def _add_floating_ip(self, req, id, body):
        spec = body['addFloatingIp']
        floating_ips.add_floating_ip(req.context, id, spec['address'], spec.get('fixed_address'))

    @wsgi.api_version('2.1', '2.43')
    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('removeFloatingIp')
    @validation.schema(schema.remove_floating_ip)
    def _remove_floating_ip(self, req, id, body):
        floating_ips.remove_floating_ip(req.context, id, body['removeFloatingIp']['address'])
