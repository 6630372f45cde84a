"""A server's addresses per network (``/servers/{server_id}/ips``)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_sub
from novaapi.api.views import server_ips as views
from novaapi.compute.subresources import ips


class IPsController(wsgi.Controller):

    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req, server_id):
        return views.index(ips.list_addresses(req.context, server_id))

    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def show(self, req, server_id, id):
        return views.show(ips.show_addresses(req.context, server_id, id), id)
