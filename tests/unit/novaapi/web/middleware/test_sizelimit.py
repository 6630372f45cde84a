"""The size limit: 413 past [api] max_request_body_size, chunked bodies read and handed on."""

import io

import pytest
import webob

from novaapi import conf
from novaapi.web.middleware import sizelimit


@pytest.fixture
def limited():
    conf.CONF.set('api', 'max_request_body_size', 10)
    seen = {}

    def app(environ, start_response):
        req = webob.Request(environ)
        seen['body'] = req.body
        return webob.Response('ok')(environ, start_response)
    yield sizelimit.RequestBodySizeLimiter.factory({}, error_format='glance')(app), seen
    conf.CONF.reset()


def _chunked(data):
    req = webob.Request.blank('/', method='POST')
    req.headers['Transfer-Encoding'] = 'chunked'
    req.environ.pop('CONTENT_LENGTH', None)
    req.body_file_raw = io.BytesIO(data)
    return req


def test_sized_body_past_the_limit_is_413_in_the_format(limited):
    app, seen = limited
    resp = webob.Request.blank('/', method='POST', body=b'x' * 11).get_response(app)
    assert resp.status_int == 413
    assert resp.text.startswith('413 Request Entity Too Large\n\nRequest is too large.')
    assert seen == {}


def test_chunked_body_past_the_limit_is_413(limited):
    app, seen = limited
    assert _chunked(b'x' * 11).get_response(app).status_int == 413
    assert seen == {}


def test_chunked_body_within_the_limit_reaches_the_app(limited):
    app, seen = limited
    assert _chunked(b'{"a": 1}').get_response(app).status_int == 200
    assert seen['body'] == b'{"a": 1}'


def test_body_size_limit(compute, admin_token):
    resp = compute.request('POST', '/v2.1/flavors', admin_token, raw=b'x' * 114689,
                           headers={'Content-Type': 'application/json'})
    assert resp.status_int == 413
    assert resp.json['overLimit']['message'] == \
        'Request is too large. Larger than max_request_body_size (114688).'
