"""A server's network interfaces (``/servers/{server_id}/os-interface``)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import interfaces as schema
from novaapi.api.schemas import server_sub
from novaapi.api.views import interfaces as views
from novaapi.compute.subresources import interfaces


def _request(body):
    """``(net_id, port_id, fixed_ip, tag)`` of a create body (which may be empty)."""
    spec = (body or {}).get('interfaceAttachment') or {}
    fixed_ip = (spec.get('fixed_ips') or [{}])[0].get('ip_address')
    return spec.get('net_id'), spec.get('port_id'), fixed_ip, spec.get('tag')


class InterfaceAttachmentController(wsgi.Controller):

    @wsgi.expected_errors((404, 501))
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req, server_id):
        return views.index(req, interfaces.list_interfaces(req.context, server_id))

    @wsgi.expected_errors((403, 404))
    @validation.query_schema(server_sub.NO_QUERY)
    def show(self, req, server_id, id):
        return views.show(req, interfaces.show_interface(req.context, server_id, id))

    @wsgi.expected_errors((400, 403, 404, 409, 500, 501))
    @validation.schema(schema.create)
    def create(self, req, server_id, body):
        port = interfaces.attach_interface(req.context, server_id, *_request(body))
        return views.show(req, port)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409, 501))
    def delete(self, req, server_id, id):
        interfaces.detach_interface(req.context, server_id, id)
