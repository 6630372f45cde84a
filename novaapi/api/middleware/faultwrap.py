"""Last line of defence: any stray exception becomes Nova's 500 body, never a traceback."""

import logging

import webob.dec
import webob.exc

from novaapi.api import middleware
from novaapi.api import wsgi

LOG = logging.getLogger(__name__)


class FaultWrapper(middleware.Middleware):

    @webob.dec.wsgify
    def __call__(self, req):
        try:
            return req.get_response(self.application)
        except webob.exc.HTTPException as exc:
            return wsgi.fault_response(exc.code, exc.explanation)
        except Exception:  # noqa: BLE001 - the point of this middleware
            LOG.exception('Caught error in %s %s', req.method, req.path)
            return wsgi.fault_response(500, wsgi.UNEXPECTED)
