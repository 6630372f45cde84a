"""The password a guest posted for its server (``/servers/{server_id}/os-server-password``)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_sub
from novaapi.compute.subresources import password


class ServerPasswordController(wsgi.Controller):

    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req, server_id):
        return {'password': password.show_password(req.context, server_id)}

    @wsgi.response(204)
    @wsgi.expected_errors(404)
    def clear(self, req, server_id):
        password.clear_password(req.context, server_id)
