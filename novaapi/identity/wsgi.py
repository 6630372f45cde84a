"""Identity's adapter over :mod:`novaapi.web`: the call object and Keystone's errors.

Handlers are plain functions ``handler(call, **url_vars)`` that return a
:class:`webob.Response` (see :func:`json_response`) and raise
:class:`~novaapi.identity.errors.IdentityError` for failures.  The paste
filters in front (etc/api-paste.ini) give the request id, the size limit, the
catch-all 500 and the caller: the ``identity_auth`` filter only attaches a
valid token's info, and the handlers decide when a caller is required (POST
/v3/auth/tokens needs none).
"""

from novaapi.identity import errors
from novaapi.identity import views
from novaapi.web import app as web_app
from novaapi.web import errors as web_errors
from novaapi.web import faults
from novaapi.web import request as web_request
from novaapi.web import responses
from novaapi.web.middleware import auth

JSON_TYPE = 'application/json'


json_response = responses.json_response
no_content = responses.no_content


def show(call, key, render, row, status=200):
    """``{key: render(call, row)}`` as a JSON response."""
    return json_response({key: render(call, row)}, status=status)


def listing(call, key, render, rows):
    """A rendered collection as a JSON response (paged when ``rows`` is a store Page)."""
    page = rows if hasattr(rows, 'truncated') else None
    return json_response(views.collection(call, key, [render(call, r) for r in rows], page))


def error_response(req, err):
    """Keystone's error body for ``err``, an identity error or one of the kit's."""
    if not isinstance(err, errors.IdentityError):
        return faults.KEYSTONE.render(req, err)
    resp = json_response(err.body(), status=err.code)
    if isinstance(err, errors.Unauthorized):
        resp.headers['WWW-Authenticate'] = 'Keystone uri="%s"' % base_url(req)
    if isinstance(err, errors.MethodNotAllowed):
        resp.headers['Allow'] = ', '.join(err.allowed)
    return resp


def base_url(req):
    """The identity root (without ``/v3``), as Keystone puts in ``WWW-Authenticate``."""
    url = req.application_url.rstrip('/')
    return url[:-3] if url.endswith('/v3') else url


class Call:
    """One API request: the WebOb request and its caller's token (None when it has none)."""

    def __init__(self, req, token):
        self.req = req
        self.token = token

    @property
    def params(self):
        return self.req.GET

    def url(self, *parts):
        """Absolute URL of a path under this app's ``/v3`` (whatever it is mounted at)."""
        return '/'.join([self.req.application_url.rstrip('/')] + [str(p) for p in parts])

    def flag(self, name):
        """A boolean query flag: present without a value, or a true-looking value."""
        if name not in self.req.GET:
            return False
        return self.req.GET[name].strip().lower() not in ('0', 'false', 'f', 'no', 'n', 'off')

    def body(self):
        """The decoded JSON object of the request, ``{}`` when empty."""
        raw = web_request.read_body(self.req)
        if not raw:
            return {}
        if self.req.content_type not in (JSON_TYPE, ''):
            raise errors.ValidationError.expecting('application/json', 'Content-Type header')
        try:
            doc = web_request.parse_json(raw)
        except web_errors.MalformedBody:
            raise errors.ValidationError.expecting('valid JSON', 'request body') from None
        if not isinstance(doc, dict):
            raise errors.ValidationError.expecting('valid JSON object', 'request body')
        return doc

    def authenticated(self):
        """The caller's :class:`~novaapi.identity.tokens.TokenInfo`; 401 without one."""
        if self.token is None:
            raise errors.Unauthorized()
        return self.token


def invoke(handler, req, url_vars):
    """Call ``handler`` with the token info the auth filter attached (None without a token)."""
    return handler(Call(req, req.environ.get(auth.ENV_TOKEN_INFO)), **url_vars)


def application(route_list, index=None):
    """The kit's application over ``[(path, {method: handler})]``; ``index(req)`` answers ``/``."""
    return web_app.Application(route_list, error_response, invoke,
                               pages={'': index} if index is not None else None)
