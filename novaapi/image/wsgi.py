"""The small WSGI layer under the image and network endpoints: routing, token auth, JSON.

Handlers are plain functions ``handler(call, **url_vars)`` returning a
:class:`webob.Response` and raising :class:`ApiError` for failures.  Each
endpoint passes its own ``render_error`` so Glance and Neutron keep their own
error bodies.  Authentication happens before routing, as keystonemiddleware
does in front of the real services, so an unauthenticated request to any
path but version discovery gets 401.
"""

import json
import logging

import routes
import webob

from novaapi import conf
from novaapi import httpjson
from novaapi import context
from novaapi.db import engine
from novaapi.identity import tokens

LOG = logging.getLogger(__name__)
JSON_TYPE = 'application/json'
UNAUTHORIZED = 'The request you have made requires authentication.'


class ApiError(Exception):
    """A failure with its HTTP status; ``kind`` names it where the body shows a type."""

    def __init__(self, status, message, kind=None, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.kind = kind
        self.headers = headers or {}


json_response = httpjson.json_response
no_content = httpjson.no_content


def unauthorized():
    """keystonemiddleware's 401, as both real services answer a missing or bad token."""
    body = {'error': {'code': 401, 'title': 'Unauthorized', 'message': UNAUTHORIZED}}
    resp = json_response(body, status=401)
    resp.headers['WWW-Authenticate'] = 'Keystone uri="%s"' % conf.CONF.endpoint_url('identity')
    return resp


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
            doc = json.loads(self.req.body or b'null')
        except ValueError:
            raise bad_request('Malformed JSON in request body.') from None
        if not isinstance(doc, dict):
            raise bad_request('Body must be a JSON object.')
        return doc


class Router:
    """Routes ``(path, {METHOD: handler})`` rows with a Routes mapper."""

    def __init__(self, route_list):
        self.mapper = routes.Mapper()
        self.mapper.minimization = False
        for path, methods in route_list:
            for method, handler in methods.items():
                verbs = [method, 'HEAD'] if method == 'GET' else [method]
                self.mapper.connect(None, path, handler=handler, conditions={'method': verbs})

    def match(self, path, method):
        """``(handler, url_vars)``; raises 404, or 405 naming the allowed methods."""
        found = self.mapper.routematch(path, {'REQUEST_METHOD': method})
        if found:
            url_vars = dict(found[0])
            return url_vars.pop('handler'), url_vars
        allowed = set()
        for route in self.mapper.matchlist:
            if route.match(path) is not False:
                allowed.update(route.conditions['method'])
        if allowed:
            raise ApiError(405, 'The method is not allowed for the requested URL.',
                           kind='HTTPMethodNotAllowed',
                           headers={'Allow': ', '.join(sorted(allowed))})
        raise ApiError(404, 'The resource could not be found.', kind='HTTPNotFound')


def request_context(req, info):
    return context.RequestContext(
        user_id=info.user_id, project_id=info.project_id, roles=list(info.roles),
        user_name=info.user_name, project_name=info.project_name,
        user_domain_id=info.user_domain_id, project_domain_id=info.project_domain_id,
        auth_token=req.headers.get('X-Auth-Token'),
        request_id=req.environ.get('openstack.request_id'))


class Application:
    """A WSGI app: ``versions(req)`` at the root, authenticated handlers elsewhere."""

    def __init__(self, route_list, versions, render_error, public_paths=()):
        self.router = Router(route_list)
        self.versions = versions
        self.render_error = render_error
        self.public_paths = ('',) + tuple(public_paths)

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        resp = self.handle(req)
        if req.method == 'HEAD':
            resp.body = b''
        return resp(environ, start_response)

    def handle(self, req):
        path = req.path_info.rstrip('/')
        if path in self.public_paths:
            return self.versions(req)
        info = tokens.validate(req.headers.get('X-Auth-Token'))
        if info is None:
            return unauthorized()
        try:
            handler, url_vars = self.router.match(path, req.method)
            limit = conf.CONF.api.max_request_body_size
            if req.content_length and req.content_length > limit:
                raise ApiError(413, 'Request is too large.', kind='HTTPRequestEntityTooLarge')
            with engine.transaction() as sess:
                return handler(Call(req, sess, request_context(req, info)), **url_vars)
        except ApiError as err:
            resp = self.render_error(req, err)
            for name, value in err.headers.items():
                resp.headers[name] = value
        except Exception:  # noqa: BLE001 - the API must answer, not crash the worker
            LOG.exception('Unexpected error in %s %s', req.method, req.path)
            resp = self.render_error(req, ApiError(
                500, 'Request Failed: internal server error while processing your request.',
                kind='HTTPInternalServerError'))
        return resp
