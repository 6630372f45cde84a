"""One log line per request, also for a path that is not UTF-8 and for a failure."""

import logging

import pytest
import webob

from novaapi.web.middleware import request_log


def _lines(caplog):
    # Only this filter's lines: a loop left running by an earlier test may log meanwhile.
    return [r.getMessage() for r in caplog.records if r.name == 'novaapi.requests']


def _ok(environ, start_response):
    return webob.Response(status=202)(environ, start_response)


def test_one_line_with_status_and_request_id(caplog):
    req = webob.Request.blank('/v2.1/servers?limit=1')
    req.environ['openstack.request_id'] = 'req-1'
    with caplog.at_level(logging.INFO, logger='novaapi.requests'):
        req.get_response(request_log.RequestLog(_ok))
    (line,) = _lines(caplog)
    assert '"GET /v2.1/servers?limit=1" status: 202' in line and 'request_id: req-1' in line


def test_a_path_that_is_not_utf8_is_logged_quoted(caplog):
    req = webob.Request.blank('/')
    req.environ['PATH_INFO'] = '/servers/\xff'
    with caplog.at_level(logging.INFO, logger='novaapi.requests'):
        req.get_response(request_log.RequestLog(_ok))
    assert '"GET /servers/%FF" status: 202' in _lines(caplog)[0]


def test_a_failure_is_logged_as_500_and_raised(caplog):
    def broken(environ, start_response):
        raise RuntimeError('boom')
    with caplog.at_level(logging.INFO, logger='novaapi.requests'), pytest.raises(RuntimeError):
        webob.Request.blank('/').get_response(request_log.RequestLog(broken))
    assert 'status: 500' in _lines(caplog)[0]
