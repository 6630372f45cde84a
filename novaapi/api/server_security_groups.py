"""Security groups of a server (``/servers/{server_id}/os-security-groups``)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_sub
from novaapi.compute.subresources import security_groups


class ServerSecurityGroupController(wsgi.Controller):

    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req, server_id):
        return {'security_groups': security_groups.for_server(req.context, server_id)}
