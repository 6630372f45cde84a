"""Server tags (``/servers/{server_id}/tags``, microversion 2.26 and later)."""

import webob

from novaapi.api import common
from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_tags as schema
from novaapi.compute.subresources import tags


def _location(req, server_id, tag):
    return '%s/tags/%s' % (common.resource_links(req, 'servers', server_id)[0]['href'], tag)


class ServerTagsController(wsgi.Controller):

    @wsgi.api_version('2.26')
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.query)
    def index(self, req, server_id):
        return {'tags': tags.list_tags(req.context, server_id)}

    @wsgi.api_version('2.26')
    @wsgi.response(204)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.query)
    def show(self, req, server_id, id):
        tags.check_tag(req.context, server_id, id)

    @wsgi.api_version('2.26')
    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.update)
    def update(self, req, server_id, id, body):
        if not tags.add_tag(req.context, server_id, id):
            return webob.Response(status_int=204)
        resp = webob.Response(status_int=201)
        resp.headers['Location'] = _location(req, server_id, id)
        return resp

    @wsgi.api_version('2.26')
    @wsgi.expected_errors((404, 409))
    @validation.schema(schema.update_all)
    def update_all(self, req, server_id, body):
        return {'tags': tags.replace_tags(req.context, server_id, body['tags'])}

    @wsgi.api_version('2.26')
    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    def delete(self, req, server_id, id):
        tags.remove_tag(req.context, server_id, id)

    @wsgi.api_version('2.26')
    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    def delete_all(self, req, server_id):
        tags.remove_all_tags(req.context, server_id)
