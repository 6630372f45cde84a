"""One log line per request: method, path, status, time and request id (never a token)."""

import logging
import time

import webob.dec

from novaapi.web import middleware
from novaapi.web import request

LOG = logging.getLogger('novaapi.requests')


class RequestLog(middleware.Middleware):

    @webob.dec.wsgify
    def __call__(self, req):
        start = time.monotonic()
        status = 500
        try:
            response = req.get_response(self.application)
            status = response.status_int
            return response
        finally:
            LOG.info('%s "%s %s" status: %s time: %.4f request_id: %s',
                     req.remote_addr or '-', req.method, request.loggable_path(req.environ),
                     status, time.monotonic() - start,
                     req.environ.get('openstack.request_id', '-'))
