"""Key pairs of a user: list, import or generate, show, delete (``/os-keypairs``)."""

import json

import webob

from novaapi.api import common
from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import keypairs as schema
from novaapi.api.views import keypairs as views
from novaapi.compute import keypairs
from novaapi.compute import policy


def _user_id(req):
    """Whose key pairs: the caller's, or from 2.10 on the ``user_id`` query parameter."""
    if req.is_version('2.10') and 'user_id' in req.GET:
        return req.GET.getall('user_id')[0] or req.context.user_id
    return req.context.user_id


def _response(status, body=None):
    """A response whose status depends on the microversion (200/201, 202/204)."""
    resp = webob.Response(status=status)
    if body is None:
        resp.content_type = None
        resp.body = b''
    else:
        resp.content_type = 'application/json'
        resp.charset = None
        resp.body = json.dumps(body).encode()
    return resp


class KeypairController(wsgi.Controller):

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.index_query)
    def index(self, req):
        user_id = _user_id(req)
        policy.authorize(req.context, 'os-keypairs:index', target={'user_id': user_id})
        limit, marker = common.limit_and_marker(req) if req.is_version('2.35') else (None, None)
        return views.index(req, keypairs.list_keypairs(req.context, user_id, limit, marker))

    @wsgi.expected_errors((400, 403, 409))
    @validation.schema(schema.create)
    def create(self, req, body):
        spec = body['keypair']
        user_id = (req.is_version('2.10') and spec.get('user_id')) or req.context.user_id
        policy.authorize(req.context, 'os-keypairs:create', target={'user_id': user_id})
        keypair, private_key = keypairs.create_keypair(req.context, user_id, spec['name'].strip(),
                                                       spec.get('type', keypairs.SSH),
                                                       spec.get('public_key'))
        view = views.create(req, keypair, private_key)
        return _response(201 if req.is_version('2.2') else 200, view)

    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, id):
        user_id = _user_id(req)
        policy.authorize(req.context, 'os-keypairs:show', target={'user_id': user_id})
        return views.show(req, keypairs.show_keypair(req.context, user_id, id))

    @wsgi.expected_errors(404)
    @validation.query_schema(schema.delete_query)
    def delete(self, req, id):
        user_id = _user_id(req)
        policy.authorize(req.context, 'os-keypairs:delete', target={'user_id': user_id})
        keypairs.delete_keypair(req.context, user_id, id)
        return _response(204 if req.is_version('2.2') else 202)
