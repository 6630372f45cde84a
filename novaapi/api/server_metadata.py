"""A server's metadata (``/servers/{server_id}/metadata``)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_metadata as schema
from novaapi.api.schemas import server_sub
from novaapi.compute.subresources import metadata


class ServerMetadataController(wsgi.Controller):

    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req, server_id):
        return {'metadata': metadata.list_metadata(req.context, server_id)}

    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def show(self, req, server_id, id):
        return {'meta': {id: metadata.show_item(req.context, server_id, id)}}

    @wsgi.expected_errors((403, 404, 409))
    @validation.schema(schema.create)
    def create(self, req, server_id, body):
        return {'metadata': metadata.merge_metadata(req.context, server_id, body['metadata'])}

    @wsgi.expected_errors((403, 404, 409))
    @validation.schema(schema.update_all)
    def update_all(self, req, server_id, body):
        return {'metadata': metadata.replace_metadata(req.context, server_id, body['metadata'])}

    @wsgi.expected_errors((400, 403, 404, 409))
    @validation.schema(schema.update)
    def update(self, req, server_id, id, body):
        return {'meta': metadata.set_item(req.context, server_id, id, body['meta'])}

    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    def delete(self, req, server_id, id):
        metadata.delete_item(req.context, server_id, id)
