"""The catch-all: a URL that is not UTF-8 is a 400, and any failure below becomes the
service's error body (a stray exception its 500), never a traceback.

Option ``error_format``: the body the endpoint answers errors with.
"""

import logging

import webob.dec
import webob.exc

from novaapi.web import errors
from novaapi.web import middleware
from novaapi.web import request

LOG = logging.getLogger(__name__)


class FaultWrapper(middleware.Middleware):

    @webob.dec.wsgify
    def __call__(self, req):
        try:
            request.check_url(req.environ)
            return req.get_response(self.application)
        except errors.HTTPError as err:
            return self.error_format.render(req, err)
        except webob.exc.HTTPException as exc:
            return self.error_format.render(req, errors.from_status(exc.code, exc.explanation))
        except Exception:  # noqa: BLE001 - the point of this middleware
            LOG.exception('Caught error in %s %s', req.method, request.loggable_path(req.environ))
            return self.error_format.render(req, errors.HTTPError())
