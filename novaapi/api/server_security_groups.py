"""Security groups of a server (``/servers/{server_id}/os-security-groups``)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_sub
from novaapi.compute.subresources import common
from novaapi.compute.subresources import security_groups as db
from novaapi.db import engine


class ServerSecurityGroupController(wsgi.Controller):

    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req, server_id):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'os-security-groups:list')
            return {'security_groups': db.for_server(sess, instance)}
