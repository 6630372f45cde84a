"""The kit's application: pages before routes, the service's call, errors in its format."""


import pytest
import webob

from novaapi.web import app as web_app
from novaapi.web import errors
from novaapi.web import faults
from novaapi.web import responses


def versions(req):
    return responses.json_response({'versions': []}, status=300)


def show(call, thing_id):
    if thing_id == 'missing':
        raise errors.ApiError(404, 'No thing %s.' % thing_id, kind='ThingNotFound')
    return responses.json_response({'thing': thing_id, 'user': call.ctx})


def create(call):
    return responses.json_response(call.body(lambda message: errors.ApiError(400, message)),
                                   status=201)


def invoke(handler, req, url_vars):
    return handler(web_app.Call(req, 'caller'), **url_vars)


@pytest.fixture
def app():
    return web_app.Application([('/things', {'POST': create}), ('/things/{thing_id}', {'GET': show})],
                               faults.NEUTRON, invoke, pages={'': versions})


def _call(app, method, path, body=None):
    req = webob.Request.blank(path, method=method)
    if body is not None:
        req.body = body
    return req.get_response(app)


def test_page_answers_the_root(app):
    assert _call(app, 'GET', '/').status_int == 300
    assert _call(app, 'GET', '').json == {'versions': []}


def test_handler_gets_url_vars_and_the_call(app):
    assert _call(app, 'GET', '/things/7').json == {'thing': '7', 'user': 'caller'}


def test_errors_render_in_the_given_format(app):
    resp = _call(app, 'GET', '/things/missing')
    assert resp.status_int == 404
    assert resp.json['NeutronError']['type'] == 'ThingNotFound'
    assert _call(app, 'GET', '/nope').json['NeutronError']['type'] == 'HTTPNotFound'
    resp = _call(app, 'DELETE', '/things/7')
    assert (resp.status_int, resp.headers['Allow']) == (405, 'GET, HEAD')


def test_head_has_no_body(app):
    resp = _call(app, 'HEAD', '/things/7')
    assert (resp.status_int, resp.body) == (200, b'')


def test_call_body_decodes_objects_only(app):
    assert _call(app, 'POST', '/things', b'{"a": 1}').json == {'a': 1}
    assert _call(app, 'POST', '/things', b'[' * 2000).json['NeutronError']['message'] == \
        'Malformed JSON in request body.'
    assert _call(app, 'POST', '/things', b'[1]').json['NeutronError']['message'] == \
        'Body must be a JSON object.'
    assert _call(app, 'POST', '/things', b'').json['NeutronError']['message'] == \
        'Body must be a JSON object.'


def test_stray_exceptions_propagate_to_the_fault_wrapper():
    def broken(handler, req, url_vars):
        raise RuntimeError('boom')
    app = web_app.Application([('/x', {'GET': show})], faults.NOVA, broken)
    with pytest.raises(RuntimeError):
        webob.Request.blank('/x').get_response(app)


def test_call_params_are_the_query():
    call = web_app.Call(webob.Request.blank('/x?a=1&a=2'), None)
    assert call.params.getall('a') == ['1', '2']


def test_default_call_carries_the_auth_filters_context():
    app = web_app.service_application([('/things/{thing_id}', {'GET': show})], versions,
                                      faults.NEUTRON, public_paths=('/versions',))
    req = webob.Request.blank('/things/7')
    req.environ['nova.context'] = 'ctx'
    assert req.get_response(app).json == {'thing': '7', 'user': 'ctx'}
    assert webob.Request.blank('/versions').get_response(app).json == \
        webob.Request.blank('/').get_response(app).json
