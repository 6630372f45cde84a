"""The image and network endpoints' adapter over :mod:`novaapi.web`: errors, calls, transactions.

Handlers are plain functions ``handler(call, **url_vars)`` returning a
:class:`webob.Response` and raising :class:`ApiError` for failures.  Each
endpoint passes its own ``render_error`` so Glance and Neutron keep their own
error bodies.  The paste filters in front (etc/api-paste.ini) authenticate
before routing, as keystonemiddleware does in front of the real services (an
unauthenticated request to any path but version discovery gets 401), and
give the size limit and the catch-all 500.
"""

from novaapi.db import engine
from novaapi.web import app as web_app
from novaapi.web import errors
from novaapi.web import request as web_request
from novaapi.web import responses
from novaapi.web.middleware import auth


class ApiError(errors.HTTPError):
    """A failure with its HTTP status; ``kind`` names it where the body shows a type."""

    def __init__(self, status, message, kind=None, headers=None):
        super().__init__(message, headers)
        self.code = self.status = status
        self.kind = kind


json_response = responses.json_response
no_content = responses.no_content


class Call:
    """One API request: the WebOb request, its DB session and the caller's context."""

    def __init__(self, req, sess, ctx):
        self.req = req
        self.sess = sess
        self.ctx = ctx

    @property
    def params(self):
        return self.req.GET

    def body(self, bad_request):
        """The decoded JSON object of the request; ``bad_request(message)`` builds the 400."""
        try:
            doc = web_request.parse_json(web_request.read_body(self.req) or b'null')
        except errors.MalformedBody:
            raise bad_request('Malformed JSON in request body.') from None
        if not isinstance(doc, dict):
            raise bad_request('Body must be a JSON object.')
        return doc


def invoke(handler, req, url_vars):
    """Call ``handler`` in one DB transaction with the context the auth filter attached."""
    with engine.transaction() as sess:
        return handler(Call(req, sess, req.environ.get(auth.ENV_CONTEXT)), **url_vars)


def application(route_list, versions, render_error, public_paths=()):
    """The kit's application: ``versions(req)`` at the root and ``public_paths``, handlers elsewhere.

    :param route_list: ``[(path, {method: handler})]``
    """
    pages = {path.rstrip('/'): versions for path in ('',) + tuple(public_paths)}
    return web_app.Application(route_list, render_error, invoke, pages)
