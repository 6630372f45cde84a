"""The fault wrapper: a stray exception is a 500 that hides its message and traceback."""

import json

import webob

from novaapi.web.middleware import faultwrap


def test_fault_wrapper_hides_tracebacks():
    def broken(environ, start_response):
        raise ValueError('database password is hunter2')
    app = faultwrap.FaultWrapper(broken)
    resp = webob.Request.blank('/').get_response(app)
    assert resp.status_int == 500
    body = json.loads(resp.body)
    assert body['computeFault']['code'] == 500
    assert 'hunter2' not in resp.text and 'Traceback' not in resp.text
