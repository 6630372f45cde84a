"""Hypervisor diagnostics of a server (``/servers/{server_id}/diagnostics``, admin)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_sub
from novaapi.api.views import server_diagnostics as views
from novaapi.compute.subresources import common
from novaapi.compute.subresources import diagnostics as db
from novaapi.db import engine


class ServerDiagnosticsController(wsgi.Controller):

    @wsgi.expected_errors((400, 404, 409, 501))
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req, server_id):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'os-server-diagnostics')
            diagnostics = db.get(instance)
        if req.is_version('2.48'):
            return views.standard(diagnostics)
        return db.legacy(diagnostics)
