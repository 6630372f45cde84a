"""One log line per request: method, path, status, time and request id (never a token)."""

import logging
import time

from novaapi.web import middleware
from novaapi.web import request

LOG = logging.getLogger('novaapi.requests')


class RequestLog(middleware.Middleware):

    def __call__(self, environ, start_response):
        start = time.monotonic()
        status = ['500']

        def noted(line, headers, exc_info=None):
            status[0] = line.split(' ', 1)[0]
            return start_response(line, headers, exc_info)
        try:
            return self.application(environ, noted)
        finally:
            LOG.info('%s "%s %s" status: %s time: %.4f request_id: %s',
                     environ.get('REMOTE_ADDR') or '-', environ.get('REQUEST_METHOD'),
                     request.loggable_path(environ), status[0], time.monotonic() - start,
                     environ.get('openstack.request_id', '-'))
