"""Server tags (``/servers/{server_id}/tags``, microversion 2.26 and later)."""

import webob

from novaapi.api import common
from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_tags as schema
from novaapi.compute import policy
from novaapi.compute.subresources import errors
from novaapi.compute.subresources import tags as db
from novaapi.db import engine


def _authorize(sess, req, server_id, rule):
    """Nova checks policy against the instance mapping's project: other projects get a 403."""
    policy.authorize(req.context, 'os-server-tags:' + rule,
                     target={'project_id': db.owner_project(sess, server_id)})


def _location(req, server_id, tag):
    return '%s/tags/%s' % (common.resource_links(req, 'servers', server_id)[0]['href'], tag)


class ServerTagsController(wsgi.Controller):

    @wsgi.api_version('2.26')
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.query)
    def index(self, req, server_id):
        with engine.transaction() as sess:
            _authorize(sess, req, server_id, 'index')
            return {'tags': db.get_all(sess, req.context, server_id)}

    @wsgi.api_version('2.26')
    @wsgi.response(204)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.query)
    def show(self, req, server_id, id):
        with engine.transaction() as sess:
            _authorize(sess, req, server_id, 'show')
            if not db.exists(sess, req.context, server_id, id):
                raise errors.ServerTagNotFound(server_id=server_id, tag=id)

    @wsgi.api_version('2.26')
    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.update)
    def update(self, req, server_id, id, body):
        with engine.transaction() as sess:
            _authorize(sess, req, server_id, 'update')
            instance = db.writable(sess, req.context, server_id, 'update tag')
            db.validate(id)
            if not db.add(sess, instance, id):
                return webob.Response(status_int=204)
        resp = webob.Response(status_int=201)
        resp.headers['Location'] = _location(req, server_id, id)
        return resp

    @wsgi.api_version('2.26')
    @wsgi.expected_errors((404, 409))
    @validation.schema(schema.update_all)
    def update_all(self, req, server_id, body):
        with engine.transaction() as sess:
            _authorize(sess, req, server_id, 'update_all')
            instance = db.writable(sess, req.context, server_id, 'update tags')
            return {'tags': db.replace(sess, instance, body['tags'])}

    @wsgi.api_version('2.26')
    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    def delete(self, req, server_id, id):
        with engine.transaction() as sess:
            _authorize(sess, req, server_id, 'delete')
            db.delete(sess, db.writable(sess, req.context, server_id, 'delete tag'), id)

    @wsgi.api_version('2.26')
    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    def delete_all(self, req, server_id):
        with engine.transaction() as sess:
            _authorize(sess, req, server_id, 'delete_all')
            db.delete_all(sess, db.writable(sess, req.context, server_id, 'delete tags'))
