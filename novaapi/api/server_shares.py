"""Shares of a server (``/servers/{server_id}/shares``, 2.97+); no share service stands behind them."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_shares as schema
from novaapi.compute.subresources import shares


class ServerSharesController(wsgi.Controller):

    @wsgi.api_version('2.97')
    @wsgi.expected_errors((400, 403, 404))
    @validation.query_schema(schema.query)
    def index(self, req, server_id):
        return {'shares': shares.list_shares(req.context, server_id)}

    @wsgi.api_version('2.97')
    @wsgi.response(201)
    @wsgi.expected_errors((400, 403, 404, 409))
    @validation.schema(schema.create)
    def create(self, req, server_id, body):
        spec = body['share']
        shares.attach(req.context, server_id, spec['share_id'], spec.get('tag'))

    @wsgi.api_version('2.97')
    @wsgi.expected_errors((400, 403, 404))
    @validation.query_schema(schema.query)
    def show(self, req, server_id, id):
        shares.show(req.context, server_id, id)

    @wsgi.api_version('2.97')
    @wsgi.expected_errors((400, 403, 404, 409))
    def delete(self, req, server_id, id):
        shares.detach(req.context, server_id, id)
