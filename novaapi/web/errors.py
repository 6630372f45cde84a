"""HTTP failures: raised by the kit and by the services, rendered by a fault format.

An error names its status (``code``), a ``key`` formats may reword it by, the
default wording (``text``) and the type name the Neutron body shows
(``kind``).  A ``message`` given to the constructor is shown verbatim.
"""


class HTTPError(Exception):
    """Base of every failure that answers with a status of its own.

    :param message: the text to show; None lets the format word it by ``key``
    :param headers: extra response headers, a dict or ``(name, value)`` pairs
    :param params: values the format's wording interpolates (``%(name)s``)
    """

    code = 500
    key = 'unexpected'
    text = 'The server has either erred or is incapable of performing the requested operation.'
    kind = 'HTTPInternalServerError'

    def __init__(self, message=None, headers=None, **params):
        self.message = message
        self.headers = list(headers.items() if isinstance(headers, dict) else headers or ())
        self.params = params
        super().__init__(message or self.text)


class BadRequest(HTTPError):
    code = 400
    key = 'bad_request'
    text = 'The server could not comply with the request since it is either malformed or otherwise incorrect.'
    kind = 'HTTPBadRequest'


class MalformedURL(BadRequest):
    """The path or query string is not percent-encoded UTF-8."""

    key = 'malformed_url'
    text = 'Malformed request URL: the path or query string is not valid percent-encoded UTF-8.'


class MalformedBody(BadRequest):
    """The body is not JSON (bad syntax, bad UTF-8 or nested too deep to decode)."""

    key = 'malformed_body'
    text = 'Malformed request body'


class Unauthorized(HTTPError):
    code = 401
    key = 'unauthorized'
    text = 'The request you have made requires authentication.'
    kind = 'HTTPUnauthorized'


class NotFound(HTTPError):
    code = 404
    key = 'not_found'
    text = 'The resource could not be found.'
    kind = 'HTTPNotFound'


class MethodNotAllowed(HTTPError):
    """405 with an ``Allow`` header listing ``allowed``."""

    code = 405
    key = 'method_not_allowed'
    text = 'The method is not allowed for the requested URL.'
    kind = 'HTTPMethodNotAllowed'

    def __init__(self, allowed, message=None):
        self.allowed = sorted(allowed)
        super().__init__(message, headers=[('Allow', ', '.join(self.allowed))])


class PayloadTooLarge(HTTPError):
    """413 for a body past ``limit`` bytes."""

    code = 413
    key = 'too_large'
    text = 'Request is too large.'
    kind = 'HTTPRequestEntityTooLarge'

    def __init__(self, limit, message=None):
        super().__init__(message, limit=limit)


class UnsupportedMediaType(HTTPError):
    code = 415
    key = 'unsupported_media_type'
    text = 'Unsupported Content-Type'
    kind = 'HTTPUnsupportedMediaType'


class ApiError(HTTPError):
    """A failure with any status and its own message; ``kind`` names it where the body shows a type."""

    def __init__(self, status, message, kind=None, headers=None):
        super().__init__(message, headers)
        self.code = self.status = status
        self.kind = kind


def from_status(code, message=None, headers=None):
    """An :class:`HTTPError` with any status, e.g. from a ``webob.exc`` exception."""
    err = HTTPError(message, headers)
    err.code = code
    err.key = 'status_%d' % code
    err.kind = None
    return err
