"""The catch-all: a URL that is not UTF-8 is a 400, and any failure below becomes the
service's error body (a stray exception its 500), never a traceback.

Option ``error_format``: the body the endpoint answers errors with.
"""

import logging
import sys

import webob
import webob.exc

from novaapi.web import errors
from novaapi.web import middleware
from novaapi.web import request

LOG = logging.getLogger(__name__)


class FaultWrapper(middleware.Middleware):

    def __call__(self, environ, start_response):
        started = []

        def noting(status, headers, exc_info=None):
            started.append(status)
            return start_response(status, headers, exc_info)
        try:
            request.check_url(environ)
            return self.application(environ, noting)
        except errors.HTTPError as err:
            error, exc_info = err, sys.exc_info()
        except webob.exc.HTTPException as exc:
            error, exc_info = errors.from_status(exc.code, exc.explanation), sys.exc_info()
        except Exception:  # noqa: BLE001 - the point of this middleware
            LOG.exception('Caught error in %s %s', environ.get('REQUEST_METHOD'),
                          request.loggable_path(environ))
            error, exc_info = errors.HTTPError(), sys.exc_info()
        response = self.error_format.render(webob.Request(environ), error)

        def replacing(status, headers, _exc_info=None):
            # the error replaces headers the application had set before failing
            return start_response(status, headers, exc_info if started else None)
        return response(environ, replacing)
