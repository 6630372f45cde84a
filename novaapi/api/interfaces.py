"""A server's network interfaces (``/servers/{server_id}/os-interface``)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import interfaces as schema
from novaapi.api.schemas import server_sub
from novaapi.api.views import interfaces as views
from novaapi.compute.subresources import common
from novaapi.compute.subresources import interfaces as db
from novaapi.db import engine
from novaapi import exception


def _request(body):
    """``(net_id, port_id, fixed_ip, tag)`` of a create body (which may be empty)."""
    spec = (body or {}).get('interfaceAttachment') or {}
    fixed_ip = (spec.get('fixed_ips') or [{}])[0].get('ip_address')
    if spec.get('net_id') and spec.get('port_id'):
        raise exception.Invalid('Must not input both network_id and port_id')
    if fixed_ip and not spec.get('net_id'):
        raise exception.Invalid('Must input network_id when request IP address')
    return spec.get('net_id'), spec.get('port_id'), fixed_ip, spec.get('tag')


class InterfaceAttachmentController(wsgi.Controller):

    @wsgi.expected_errors((404, 501))
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req, server_id):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'os-attach-interfaces:list')
            return views.index(req, db.get_all(sess, instance))

    @wsgi.expected_errors((403, 404))
    @validation.query_schema(server_sub.NO_QUERY)
    def show(self, req, server_id, id):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'os-attach-interfaces:show')
            return views.show(req, db.get(sess, req.context, instance, id))

    @wsgi.expected_errors((400, 403, 404, 409, 500, 501))
    @validation.schema(schema.create)
    def create(self, req, server_id, body):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'os-attach-interfaces:create',
                                     lock=True)
            net_id, port_id, fixed_ip, tag = _request(body)
            port = db.attach(sess, req.context, instance, net_id, port_id, fixed_ip, tag)
        return self.show(req, server_id, port.id)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409, 501))
    def delete(self, req, server_id, id):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'os-attach-interfaces:delete',
                                     lock=True)
            db.detach(sess, req.context, instance, id)
