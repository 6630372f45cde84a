"""Compute's adapter over :mod:`novaapi.web`: microversion, body, actions, faults and contracts.

The kit reads the body (chunked too) and decodes the JSON; Nova's fault body
is the kit's ``nova`` format.

A controller method declares its contract with decorators that only record
attributes on the function; ``Resource`` enforces them on every request:

* ``@response(code)`` - success status (200 when absent);
* ``@expected_errors((404, 409))`` - statuses it may answer; anything else is a 500;
* ``@api_version('2.55', '2.101')`` - microversion window; outside it answers 404;
* ``@action('os-stop')`` - the key of a ``POST .../action`` body it handles;
* ``@removed`` - the API is gone: always 410;
* ``@schema(...)`` / ``@query_schema(...)`` in ``validation``.
"""

import json
import logging

import webob
import webob.dec
import webob.exc

from novaapi.api import api_version as microversion
from novaapi import exception
from novaapi.web import errors
from novaapi.web import faults
from novaapi.web import request as web_request

LOG = logging.getLogger(__name__)

JSON_TYPES = ('application/json', 'application/vnd.openstack.compute+json')

FAULT_NAMES = faults.NOVA_NAMES
UNEXPECTED = faults.NOVA_UNEXPECTED
NOT_FOUND = 'The resource could not be found.'
GONE = 'This resource is no longer available. No forwarding address is given.'


class Request(webob.Request):
    """A request that knows its microversion and security context."""

    api_version = None

    @property
    def context(self):
        return self.environ.get('nova.context')

    def is_version(self, min_version=None, max_version=None):
        # A page of servers asks the same few questions of every server: answered once.
        # Kept with the version they answer for, so a key is only the window (cheap to hash).
        memo = self.environ.get('novaapi.version_answers')
        if memo is None or memo[0] is not self.api_version:
            memo = self.environ['novaapi.version_answers'] = (self.api_version, {})
        answers = memo[1]
        key = (min_version, max_version)
        found = answers.get(key)
        if found is None:
            found = answers[key] = self.api_version.matches(min_version, max_version)
        return found


def fault_response(status, message, headers=None):
    """Nova's error body: ``{"<name>": {"code": N, "message": "..."}}``."""
    return Fault(status, message, headers).response()


class Fault(errors.HTTPError):
    """Raised anywhere below a Resource to answer with a Nova fault body."""

    def __init__(self, status, message, headers=None):
        super().__init__(message, headers)
        self.code = self.status = status

    def response(self):
        return faults.NOVA.render(None, self)


def response(code):
    def decorator(func):
        func.wsgi_code = code
        return func
    return decorator


def expected_errors(codes):
    codes = (codes,) if isinstance(codes, int) else tuple(codes)

    def decorator(func):
        func.wsgi_expected = codes
        return func
    return decorator


def api_version(min_version=None, max_version=None):
    def decorator(func):
        func.wsgi_version = (min_version, max_version)
        return func
    return decorator


def action(name):
    def decorator(func):
        func.wsgi_action = name
        return func
    return decorator


def removed(func):
    func.wsgi_removed = True
    return func


class Controller:
    """Base for controllers; collects ``@action`` methods into ``wsgi_actions``."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        actions = {}
        for klass in reversed(cls.__mro__):
            for attr in vars(klass).values():
                name = getattr(attr, 'wsgi_action', None)
                if name:
                    actions[name] = attr
        cls.wsgi_actions = actions


def _decode_body(req):
    raw = web_request.read_body(req)
    if not raw:
        return None
    ctype = (req.content_type or '').lower()
    if ctype and ctype != 'text/plain' and ctype not in JSON_TYPES:
        raise Fault(415, 'Unsupported Content-Type')
    return web_request.parse_json(raw, encoding='utf-8')


def _error_status(exc):
    if isinstance(exc, errors.HTTPError):
        return exc.code
    if isinstance(exc, webob.exc.HTTPException):
        return exc.code
    if isinstance(exc, exception.NovaException):
        return exc.code
    return None


class Resource:
    """WSGI app around one controller, called by the router with routing args."""

    def __init__(self, controller):
        self.controller = controller

    @webob.dec.wsgify(RequestClass=Request)
    def __call__(self, req):
        version = None
        try:
            version = microversion.from_headers(req.headers)
            req.api_version = version
            resp = self._dispatch(req)
        except microversion.InvalidFormat as exc:
            resp = fault_response(400, str(exc))
        except microversion.NotAcceptable as exc:
            version = exc.version
            resp = fault_response(406, str(exc))
        except errors.HTTPError as exc:
            resp = faults.NOVA.render(req, exc)
        if version is not None:
            for key, value in microversion.response_headers(version):
                resp.headers.add(key, value)
        return resp

    def _dispatch(self, req):
        method, args = self.prepare(req)
        try:
            result = method(self.controller, req, **args)
        except Exception as exc:  # noqa: BLE001 - every error is mapped to a fault
            raise self._fault_for(method, exc) from exc
        return self._serialize(req, method, result)

    def prepare(self, req):
        """Everything before the controller runs: the URL's project, the body, the method it
        picks, the method's version window and its validators.  Returns ``(method, args)``;
        raises :class:`Fault` (400, 404, 410, 415) when the request stops here."""
        args = dict(req.environ['wsgiorg.routing_args'][1])
        method_name = args.pop('action')
        args.pop('controller', None)
        project_id = args.pop('project_id', None)
        self._check_project(req, project_id)
        req.environ['novaapi.url_project_id'] = project_id
        body = _decode_body(req) if req.method in ('POST', 'PUT') else None
        method = self._find_method(method_name, body)
        if getattr(method, 'wsgi_removed', False):
            raise Fault(410, GONE)
        window = getattr(method, 'wsgi_version', None)
        if window and not req.is_version(*window):
            raise Fault(404, NOT_FOUND)
        if body is not None or req.method in ('POST', 'PUT'):
            args['body'] = body
        for validate in getattr(method, 'wsgi_validators', ()):
            validate(req, body)
        return method, args

    @staticmethod
    def _check_project(req, project_id):
        ctx = req.context
        if project_id and ctx is not None and project_id != ctx.project_id:
            raise Fault(400, "Malformed request URL: URL's project_id '%s' doesn't match "
                             "Context's project_id '%s'" % (project_id, ctx.project_id))

    def _find_method(self, name, body):
        if name != 'action':
            return getattr(type(self.controller), name)
        if not isinstance(body, dict) or len(body) != 1:
            raise Fault(400, 'Malformed request body')
        key = next(iter(body))
        try:
            return self.controller.wsgi_actions[key]
        except KeyError:
            raise Fault(400, 'There is no such action: %s' % key) from None

    @staticmethod
    def _fault_for(method, exc):
        status = _error_status(exc)
        if isinstance(exc, Fault):
            return exc
        if status is not None and status in getattr(method, 'wsgi_expected', ()):
            message = (faults.NOVA.message(exc) if isinstance(exc, errors.HTTPError)
                       else getattr(exc, 'message', None) or getattr(exc, 'explanation', None)
                       or str(exc))
            return Fault(status, message)
        if status is not None and status < 500 and isinstance(exc, exception.NovaException):
            # Forbidden and Invalid are always shown, as Nova's exception handler does.
            if status in (400, 403):
                return Fault(status, exc.message)
        LOG.exception('Unexpected error in %s', getattr(method, '__qualname__', method))
        return Fault(500, UNEXPECTED)

    @staticmethod
    def _serialize(req, method, result):
        if isinstance(result, webob.Response):
            return result
        code = getattr(method, 'wsgi_code', 200)
        resp = webob.Response(status=code)
        if isinstance(result, tuple):
            result, headers = result
            for key, value in headers.items():
                resp.headers[key] = value
        if result is None:
            resp.content_type = None
            resp.body = b''
        else:
            resp.content_type = 'application/json'
            resp.charset = None
            resp.body = json.dumps(result).encode()
        return resp
