"""The password a guest posted for its server (``/servers/{server_id}/os-server-password``)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_sub
from novaapi.compute.subresources import common
from novaapi.compute.subresources import passwords as db
from novaapi.db import engine


class ServerPasswordController(wsgi.Controller):

    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req, server_id):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'os-server-password:show')
            return {'password': db.get(sess, instance)}

    @wsgi.response(204)
    @wsgi.expected_errors(404)
    def clear(self, req, server_id):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'os-server-password:clear')
            db.clear(sess, instance)
