"""JSON responses as the OpenStack services send them."""

import json

import webob


def json_response(body, status=200, headers=None):
    """``body`` as ``application/json`` (no charset parameter, as the OpenStack services send)."""
    resp = webob.Response(status=status, content_type='application/json', charset=None)
    resp.body = json.dumps(body).encode('utf-8')
    for name, value in (headers or {}).items():
        resp.headers[name] = value
    return resp


def no_content():
    resp = webob.Response(status=204)
    resp.headers.pop('Content-Type', None)
    return resp
