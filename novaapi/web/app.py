"""The dispatching WSGI application: fixed pages, then routes, then the service's handler call.

Authentication, the body-size limit and the catch-all 500 are paste filters
(:mod:`novaapi.web.middleware`) in front of it, so the application only
routes, calls and renders the :class:`~novaapi.web.errors.HTTPError` a
handler raises.
"""

import webob

from novaapi.web import errors
from novaapi.web import request as web_request
from novaapi.web import routing
from novaapi.web.middleware import auth


class Call:
    """What a ``handler(call, **url_vars)`` gets: the request and the caller.

    Handlers run no transaction of their own: the service's domain functions
    they call each own one unit of work.
    """

    def __init__(self, req, ctx):
        self.req = req
        self.ctx = ctx

    @property
    def params(self):
        return self.req.GET

    def body(self, bad_request):
        """The decoded JSON object of the request (sized or chunked).

        :param bad_request: ``bad_request(message)`` builds the service's 400.
        """
        try:
            doc = web_request.parse_json(web_request.read_body(self.req) or b'null')
        except errors.MalformedBody:
            raise bad_request('Malformed JSON in request body.') from None
        if not isinstance(doc, dict):
            raise bad_request('Body must be a JSON object.')
        return doc


class Application:
    """Route a request to a handler and call it the service's way.

    :param route_list: ``[(path, {method: handler})]`` for :class:`~novaapi.web.routing.Router`
    :param render_error: ``render_error(req, err)`` returning the service's error response
    :param invoke: ``invoke(handler, req, url_vars)`` returning a response;
        the service's adapter builds its call object here (by default a
        :class:`Call` with the context the auth filter attached)
    :param pages: ``{path: view(req)}`` answered before routing, whatever
        the method (version documents); paths lose their trailing slash
    """

    def __init__(self, route_list, render_error, invoke=None, pages=None):
        self.router = routing.Router(route_list)
        self.render_error = render_error
        self.invoke = invoke or call_with_context
        self.pages = dict(pages or {})

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        try:
            resp = self.dispatch(req)
        except errors.HTTPError as err:
            resp = self.render_error(req, err)
        if req.method == 'HEAD':
            resp.body = b''
        return resp(environ, start_response)

    def dispatch(self, req):
        """The response of the page or handler ``req`` reaches; errors propagate."""
        path = req.path_info.rstrip('/')
        page = self.pages.get(path)
        if page is not None:
            return page(req)
        handler, url_vars = self.router.match(path, req.method)
        return self.invoke(handler, req, url_vars)


def call_with_context(handler, req, url_vars):
    """Call ``handler`` with a :class:`Call` carrying the context the auth filter attached."""
    return handler(Call(req, req.environ.get(auth.ENV_CONTEXT)), **url_vars)


def service_application(route_list, versions, render_error, public_paths=()):
    """An endpoint answering ``versions(req)`` at its root and ``public_paths``, handlers elsewhere.

    :param route_list: ``[(path, {method: handler})]``
    """
    pages = {path.rstrip('/'): versions for path in ('',) + tuple(public_paths)}
    return Application(route_list, render_error, pages=pages)
