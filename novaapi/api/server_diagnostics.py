"""Hypervisor diagnostics of a server (``/servers/{server_id}/diagnostics``, admin)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_sub
from novaapi.api.views import server_diagnostics as views
from novaapi.compute.subresources import diagnostics


class ServerDiagnosticsController(wsgi.Controller):

    @wsgi.expected_errors((400, 404, 409, 501))
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req, server_id):
        found = diagnostics.for_server(req.context, server_id)
        if req.is_version('2.48'):
            return views.standard(found)
        return diagnostics.legacy(found)
