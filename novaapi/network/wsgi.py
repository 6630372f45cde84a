"""The network endpoint's adapter over :mod:`novaapi.web`: the handler call and its DB transaction.

Handlers are plain functions ``handler(call, **url_vars)`` returning a
:class:`webob.Response` and raising :class:`ApiError` for failures, rendered
in Neutron's body (``render_error`` in :mod:`novaapi.network.app`).  The
paste filters in front (etc/api-paste.ini) authenticate before routing, as
keystonemiddleware does in front of the real service (an unauthenticated
request to any path but version discovery gets 401), and give the size
limit and the catch-all 500.
"""

from novaapi.db import engine
from novaapi.web import app as web_app
from novaapi.web import errors
from novaapi.web import responses
from novaapi.web.middleware import auth

ApiError = errors.ApiError
Call = web_app.Call
json_response = responses.json_response
no_content = responses.no_content


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
