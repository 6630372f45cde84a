"""A server's metadata (``/servers/{server_id}/metadata``)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_metadata as schema
from novaapi.api.schemas import server_sub
from novaapi.compute.subresources import common
from novaapi.compute.subresources import metadata as db
from novaapi.db import engine
from novaapi import exception


def _write(req, server_id, rule, metadata, delete):
    with engine.transaction() as sess:
        instance = common.server(sess, req.context, server_id, rule, lock=True)
        return db.update(sess, req.context, instance, metadata, delete=delete)


class ServerMetadataController(wsgi.Controller):

    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req, server_id):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'server-metadata:index')
            return {'metadata': db.get_all(sess, instance)}

    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def show(self, req, server_id, id):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'server-metadata:show')
            return {'meta': {id: db.get_item(sess, instance, id)}}

    @wsgi.expected_errors((403, 404, 409))
    @validation.schema(schema.create)
    def create(self, req, server_id, body):
        metadata = _write(req, server_id, 'server-metadata:create', body['metadata'], False)
        return {'metadata': metadata}

    @wsgi.expected_errors((403, 404, 409))
    @validation.schema(schema.update_all)
    def update_all(self, req, server_id, body):
        return {'metadata': _write(req, server_id, 'server-metadata:update_all', body['metadata'],
                                   True)}

    @wsgi.expected_errors((400, 403, 404, 409))
    @validation.schema(schema.update)
    def update(self, req, server_id, id, body):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'server-metadata:update',
                                     lock=True)
            if id not in body['meta']:
                raise exception.Invalid('Request body and URI mismatch')
            db.update(sess, req.context, instance, body['meta'])
            return {'meta': body['meta']}

    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    def delete(self, req, server_id, id):
        with engine.transaction() as sess:
            instance = common.server(sess, req.context, server_id, 'server-metadata:delete',
                                     lock=True)
            db.delete(sess, req.context, instance, id)
