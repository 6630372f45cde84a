"""``POST /servers/{id}/action``: ``addFixedIp`` and ``removeFixedIp`` (multinic, removed in 2.44)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import multinic as schema
from novaapi.compute import fixed_ips


class MultinicActions(wsgi.Controller):

    @wsgi.api_version('2.1', '2.43')
    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('addFixedIp')
    @validation.schema(schema.add_fixed_ip)
    def _add_fixed_ip(self, req, id, body):
        fixed_ips.add_fixed_ip(req.context, id, str(body['addFixedIp']['networkId']))

    @wsgi.api_version('2.1', '2.43')
    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('removeFixedIp')
    @validation.schema(schema.remove_fixed_ip)
    def _remove_fixed_ip(self, req, id, body):
        fixed_ips.remove_fixed_ip(req.context, id, body['removeFixedIp']['address'])
