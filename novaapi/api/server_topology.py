"""A server's NUMA topology (``/servers/{server_id}/topology``, 2.78+)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_sub
from novaapi.api.views import server_topology as views
from novaapi.compute import policy
from novaapi.compute.subresources import topology


class ServerTopologyController(wsgi.Controller):

    @wsgi.api_version('2.78')
    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req, server_id):
        cells, page_size, project_id = topology.for_server(req.context, server_id)
        show_host = policy.check(req.context, topology.HOST, {'project_id': project_id})
        return views.show(cells, page_size, show_host)
