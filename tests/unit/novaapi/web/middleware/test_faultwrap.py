"""The catch-all: bad URLs are a 400, failures below are the service's body, never a traceback."""

import json

import webob
import webob.exc

from novaapi.web import errors
from novaapi.web.middleware import faultwrap


def _raising(exc):
    def app(environ, start_response):
        raise exc
    return app


def _get(app, path='/'):
    req = webob.Request.blank('/')
    req.environ['PATH_INFO'] = path
    return req.get_response(app)


def test_stray_exception_is_the_formats_500_without_internals():
    app = faultwrap.FaultWrapper.factory({}, error_format='keystone')(
        _raising(ValueError('database password is hunter2')))
    resp = _get(app)
    assert resp.status_int == 500
    assert json.loads(resp.body)['error']['title'] == 'Internal Server Error'
    assert 'hunter2' not in resp.text and 'Traceback' not in resp.text


def test_default_format_is_nova():
    resp = _get(faultwrap.FaultWrapper(_raising(RuntimeError())))
    assert json.loads(resp.body)['computeFault']['code'] == 500


def test_url_that_is_not_utf8_never_reaches_the_app():
    app = faultwrap.FaultWrapper.factory({}, error_format='neutron')(_raising(AssertionError()))
    resp = _get(app, '/v2.0/networks/\xff')
    assert resp.status_int == 400
    assert resp.json['NeutronError']['type'] == 'HTTPBadRequest'


def test_kit_and_webob_errors_are_rendered():
    app = faultwrap.FaultWrapper.factory({}, error_format='nova')(
        _raising(errors.PayloadTooLarge(5)))
    assert _get(app).json == {'overLimit': {'code': 413, 'message':
                              'Request is too large. Larger than max_request_body_size (5).'}}
    app = faultwrap.FaultWrapper(_raising(webob.exc.HTTPConflict(explanation='Busy.')))
    assert _get(app).json == {'conflictingRequest': {'code': 409, 'message': 'Busy.'}}


def test_fault_wrapper_hides_tracebacks():
    def broken(environ, start_response):
        raise ValueError('database password is hunter2')
    app = faultwrap.FaultWrapper(broken)
    resp = webob.Request.blank('/').get_response(app)
    assert resp.status_int == 500
    body = json.loads(resp.body)
    assert body['computeFault']['code'] == 500
    assert 'hunter2' not in resp.text and 'Traceback' not in resp.text
