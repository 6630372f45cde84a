"""A server's addresses per network (``/servers/{server_id}/ips``)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_sub
from novaapi.api.views import server_ips as views
from novaapi.compute.subresources import common
from novaapi.compute.subresources import errors
from novaapi.db import engine
from novaapi.network import api as network


class IPsController(wsgi.Controller):

    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req, server_id):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'ips:index')
            return views.index(network.addresses_for_device(sess, instance.uuid))

    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def show(self, req, server_id, id):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'ips:show')
            addresses = network.addresses_for_device(sess, instance.uuid)
        if id not in addresses:
            raise errors.NotAMemberOfNetwork()
        return views.show(addresses, id)
