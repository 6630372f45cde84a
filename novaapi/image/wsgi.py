"""The image endpoint's adapter over :mod:`novaapi.web`: the names its controllers use.

Handlers are plain functions ``handler(call, **url_vars)`` returning a
:class:`webob.Response` and raising :class:`ApiError` for failures, rendered
the way Glance does (``render_error`` in :mod:`novaapi.image.app`).  The
paste filters in front (etc/api-paste.ini) authenticate before routing, as
keystonemiddleware does in front of the real service (an unauthenticated
request to any path but version discovery gets 401), and give the size
limit and the catch-all 500.
"""

from novaapi.web import app as web_app
from novaapi.web import errors
from novaapi.web import responses

ApiError = errors.ApiError
Call = web_app.Call
json_response = responses.json_response
no_content = responses.no_content
application = web_app.service_application
