"""The small WSGI layer under the identity API: routing, JSON, auth context and errors.

Handlers are plain functions ``handler(call, **url_vars)`` that return a
:class:`webob.Response` (see :func:`json_response`) and raise
:class:`~novaapi.identity.errors.IdentityError` for failures.
"""

import json
import logging

import routes
import sqlalchemy.exc
import webob

from novaapi import conf
from novaapi import httpjson
from novaapi.db import engine
from novaapi.identity import errors
from novaapi.identity import tokens
from novaapi.identity import views

LOG = logging.getLogger(__name__)
JSON_TYPE = 'application/json'
ADMIN_ROLE = 'admin'
SERVICE_ROLE = 'service'


json_response = httpjson.json_response
no_content = httpjson.no_content


def show(call, key, render, row, status=200):
    """``{key: render(call, row)}`` as a JSON response."""
    return json_response({key: render(call, row)}, status=status)


def listing(call, key, render, rows):
    """A rendered collection as a JSON response."""
    return json_response(views.collection(call, key, [render(call, r) for r in rows]))


def error_response(req, err):
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
    """One API request: the WebOb request, its DB session and its caller's token."""

    def __init__(self, req, sess, token):
        self.req = req
        self.sess = sess
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
        raw = self.req.body
        if not raw:
            return {}
        if self.req.content_type not in (JSON_TYPE, ''):
            raise errors.ValidationError.expecting('application/json', 'Content-Type header')
        try:
            doc = json.loads(raw)
        except ValueError:
            raise errors.ValidationError.expecting('valid JSON', 'request body') from None
        if not isinstance(doc, dict):
            raise errors.ValidationError.expecting('valid JSON object', 'request body')
        return doc

    def authenticated(self):
        """The caller's :class:`~novaapi.identity.tokens.TokenInfo`; 401 without one."""
        if self.token is None:
            raise errors.Unauthorized()
        return self.token

    def enforce(self, action, allow=False):
        """Admit admins, or anyone when ``allow`` is true; else 403 naming ``action``."""
        token = self.authenticated()
        if ADMIN_ROLE in token.roles or allow:
            return token
        raise errors.ForbiddenAction(action)

    def is_service(self):
        return self.token is not None and SERVICE_ROLE in self.token.roles


class Router:
    """Route ``(path, methods, handler)`` rows with a Routes mapper; GET implies HEAD."""

    def __init__(self, route_list):
        self.mapper = routes.Mapper()
        self.mapper.minimization = False
        for path, methods, handler in route_list:
            methods = list(methods) + (['HEAD'] if 'GET' in methods and 'HEAD' not in methods
                                       else [])
            self.mapper.connect(None, path, handler=handler, conditions={'method': methods})
        # NOTE: build the regexes now, not lazily inside the first (threaded) request.
        self.mapper.create_regs([])

    def match(self, path, method):
        """``(handler, url_vars)``; raises 404 or 405 (with the allowed methods)."""
        environ = {'REQUEST_METHOD': method}
        found = self.mapper.routematch(path, environ)
        if found:
            url_vars, _route = found
            url_vars = dict(url_vars)
            return url_vars.pop('handler'), url_vars
        allowed = set()
        for route in self.mapper.matchlist:
            if route.match(path) is not False:
                allowed.update(route.conditions['method'])
        if allowed:
            raise errors.MethodNotAllowed(allowed)
        raise errors.NotFound()


class Application:
    """A WSGI app dispatching to the handlers of ``route_list``."""

    def __init__(self, route_list, index=None):
        self.router = Router(route_list)
        self.index = index

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        resp = self.handle(req)
        if req.method == 'HEAD':
            resp.body = b''
        return resp(environ, start_response)

    def handle(self, req):
        try:
            path = req.path_info.rstrip('/')
            if not path and self.index is not None:
                return self.index(req)
            limit = conf.CONF.api.max_request_body_size
            if req.content_length and req.content_length > limit:
                raise errors.PayloadTooLarge()
            handler, url_vars = self.router.match(path, req.method)
            auth_token = req.headers.get('X-Auth-Token')
            token = tokens.validate(auth_token) if auth_token else None
            with engine.transaction() as sess:
                resp = handler(Call(req, sess, token), **url_vars)
        except errors.IdentityError as err:
            resp = error_response(req, err)
        except sqlalchemy.exc.IntegrityError:
            # NOTE: a concurrent create won the race past our own duplicate check.
            resp = error_response(req, errors.Conflict(
                'Conflict occurred attempting to store the request - Duplicate entry.'))
        except Exception:  # noqa: BLE001 - the API must answer, not crash the worker
            LOG.exception('Unexpected error in %s %s', req.method, req.path)
            resp = error_response(req, errors.IdentityError())
        LOG.debug('%s %s -> %s', req.method, req.path, resp.status_int)
        return resp
