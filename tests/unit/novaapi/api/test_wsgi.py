"""The Resource contract, exercised through a tiny router of dummy controllers."""

import json

import pytest
import webob

from novaapi.api import routes
from novaapi.api import validation
from novaapi.api import wsgi
from novaapi import context
from novaapi import exception


class DummyController(wsgi.Controller):

    @wsgi.expected_errors(404)
    def show(self, req, id):
        if id == 'missing':
            raise exception.NotFound('Thing %s could not be found.' % id)
        if id == 'boom':
            raise RuntimeError('secret internals')
        return {'thing': {'id': id, 'version': str(req.api_version)}}

    @wsgi.response(202)
    @wsgi.expected_errors(400)
    @validation.schema({'type': 'object', 'properties': {'thing': {
        'type': 'object', 'properties': {'size': {'type': 'integer', 'minimum': 1}},
        'required': ['size'], 'additionalProperties': False}},
        'required': ['thing'], 'additionalProperties': False})
    def create(self, req, body):
        return {'size': body['thing']['size']}

    @wsgi.api_version('2.10', '2.20')
    @wsgi.expected_errors(())
    def index(self, req):
        return None

    @wsgi.response(202)
    @wsgi.action('poke')
    @wsgi.expected_errors(409)
    def poke(self, req, id, body):
        raise exception.Conflict("Cannot 'poke' instance %s while it is in vm_state stopped" % id)

    @wsgi.action('wave')
    @wsgi.expected_errors(())
    def wave(self, req, id, body):
        return {'waved': body['wave']}


@pytest.fixture
def app():
    router = routes.APIRouter([
        ('/things', {'GET': ('dummy', 'index'), 'POST': ('dummy', 'create')}),
        ('/things/{id}', {'GET': ('dummy', 'show')}),
        ('/things/{id}/action', {'POST': ('dummy', 'action')}),
    ], {'dummy': DummyController})

    def with_context(environ, start_response):
        environ['nova.context'] = context.RequestContext('u1', 'abc123', ['member', 'reader'])
        return router(environ, start_response)
    return with_context


def call(app, method, path, body=None, headers=None, raw=None):
    req = webob.Request.blank(path, method=method, headers=headers or {})
    if body is not None:
        req.body = json.dumps(body).encode()
        req.content_type = 'application/json'
    if raw is not None:
        req.body = raw
    return req.get_response(app)


def test_success_carries_version_headers(app):
    resp = call(app, 'GET', '/things/7', headers={'X-OpenStack-Nova-API-Version': '2.15'})
    assert resp.status_int == 200
    assert resp.json == {'thing': {'id': '7', 'version': '2.15'}}
    assert resp.headers['OpenStack-API-Version'] == 'compute 2.15'
    assert resp.headers.getall('Vary') == ['OpenStack-API-Version', 'X-OpenStack-Nova-API-Version']


def test_expected_error_becomes_fault(app):
    resp = call(app, 'GET', '/things/missing')
    assert resp.status_int == 404
    assert resp.json == {'itemNotFound': {'code': 404, 'message': 'Thing missing could not be found.'}}
    assert resp.headers['X-OpenStack-Nova-API-Version'] == '2.1'


def test_unexpected_error_is_generic_500(app):
    resp = call(app, 'GET', '/things/boom')
    assert resp.status_int == 500
    assert 'secret internals' not in resp.text
    assert resp.json['computeFault']['message'].startswith('Unexpected API Error.')


def test_project_prefix_must_match_context(app):
    assert call(app, 'GET', '/abc123/things/1').status_int == 200
    resp = call(app, 'GET', '/def456/things/1')
    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        "Malformed request URL: URL's project_id 'def456' doesn't match Context's project_id 'abc123'")


def test_schema_error_names_field(app):
    resp = call(app, 'POST', '/things', {'thing': {'size': 0}})
    assert resp.status_int == 400
    assert resp.json['badRequest']['message'].startswith(
        'Invalid input for field/attribute size. Value: 0.')
    resp = call(app, 'POST', '/things', {'other': 1})
    assert resp.status_int == 400
    assert call(app, 'POST', '/things', {'thing': {'size': 3}}).status_int == 202


def test_malformed_body_and_media_type(app):
    assert call(app, 'POST', '/things', raw=b'{not json').json['badRequest']['message'] == \
        'Malformed request body'
    req = webob.Request.blank('/things', method='POST', body=b'<x/>', content_type='application/xml')
    resp = req.get_response(app)
    assert resp.status_int == 415
    assert resp.json == {'badMediaType': {'code': 415, 'message': 'Unsupported Content-Type'}}


def test_version_window(app):
    assert call(app, 'GET', '/things').status_int == 404
    resp = call(app, 'GET', '/things', headers={'OpenStack-API-Version': 'compute 2.10'})
    assert resp.status_int == 200
    resp = call(app, 'GET', '/things', headers={'OpenStack-API-Version': 'compute 2.21'})
    assert resp.json == {'itemNotFound': {'code': 404, 'message': 'The resource could not be found.'}}


def test_action_dispatch(app):
    assert call(app, 'POST', '/things/1/action', {'wave': 'hi'}).json == {'waved': 'hi'}
    resp = call(app, 'POST', '/things/1/action', {'poke': None})
    assert resp.status_int == 409
    assert resp.json['conflictingRequest']['code'] == 409
    resp = call(app, 'POST', '/things/1/action', {'fooAction': None})
    assert resp.json['badRequest']['message'] == 'There is no such action: fooAction'
    resp = call(app, 'POST', '/things/1/action', {'wave': 1, 'poke': 2})
    assert resp.json['badRequest']['message'] == 'Malformed request body'


def test_unknown_route_and_method_are_plain_404(app):
    resp = call(app, 'GET', '/nothing')
    assert resp.status_int == 404 and resp.content_type == 'text/plain'
    assert call(app, 'DELETE', '/things/1').status_int == 404


def test_version_errors(app):
    resp = call(app, 'GET', '/things/1', headers={'OpenStack-API-Version': 'compute 2.200'})
    assert resp.status_int == 406
    assert resp.json['computeFault']['code'] == 406
    resp = call(app, 'GET', '/things/1', headers={'OpenStack-API-Version': 'compute 2.x'})
    assert resp.status_int == 400
