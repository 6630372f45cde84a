"""Exceptions raised by the client, and the HTTP status -> exception map."""


class UnsupportedVersion(Exception):
    """The requested API version is malformed or outside what is supported."""


class UnsupportedConsoleType(Exception):
    """A console type the selected API version cannot produce."""

    def __init__(self, console_type):
        self.message = 'Unsupported console_type "%s"' % console_type
        super().__init__(self.message)


class UnsupportedAttribute(AttributeError):
    """An argument was given that the selected microversion does not accept."""

    def __init__(self, argument_name, start_version, end_version=None):
        if end_version:
            self.message = (
                "'%s' argument is only allowed for microversions %s - %s."
                % (argument_name, start_version, end_version))
        else:
            self.message = (
                "'%s' argument is only allowed since microversion %s."
                % (argument_name, start_version))
        super().__init__(self.message)


class CommandError(Exception):
    """A user-facing CLI error; printed as ``ERROR (CommandError): ...``."""


class NoUniqueMatch(Exception):
    """More than one resource matched a lookup."""


class ResourceInErrorState(Exception):
    """A polled resource went to the ERROR state."""

    def __init__(self, obj):
        msg = "`%s` resource is in the error state" % type(obj).__name__
        fault = getattr(obj, 'fault', None) or {}
        if fault.get('message'):
            msg += "due to '%s'" % fault['message']
        self.message = msg + '.'
        super().__init__(self.message)


class InstanceInDeletedState(Exception):
    """A polled server disappeared while we were waiting for it."""


class VersionNotFoundForAPIMethod(Exception):
    """No variant of a versioned method matches the client's microversion."""

    def __init__(self, version, method):
        self.version = version
        self.method = method
        super().__init__(version, method)

    def __str__(self):
        return ("API version '%s' is not supported on '%s' method."
                % (self.version, self.method))


class InvalidUsage(RuntimeError):
    """The library was called in a way it does not support."""


class ResourceNotFound(Exception):
    """A lookup in another service (image, network) failed."""


class ClientException(Exception):
    """Base class of every error built from an HTTP error response."""

    message = 'Unknown Error'
    http_status = None

    def __init__(self, code, message=None, details=None, request_id=None,
                 url=None, method=None):
        self.code = code
        self.message = message or type(self).message
        self.details = details
        self.request_id = request_id
        self.url = url
        self.method = method
        super().__init__(self.message)

    def __str__(self):
        text = '%s (HTTP %s)' % (self.message, self.code)
        if self.request_id:
            text += ' (Request-ID: %s)' % self.request_id
        return text


class RetryAfterException(ClientException):
    """An error that may carry a ``Retry-After`` delay in seconds."""

    def __init__(self, *args, **kwargs):
        try:
            self.retry_after = int(kwargs.pop('retry_after'))
        except (KeyError, TypeError, ValueError):
            self.retry_after = 0
        super().__init__(*args, **kwargs)


class BadRequest(ClientException):
    http_status = 400
    message = 'Bad request'


class Unauthorized(ClientException):
    http_status = 401
    message = 'Unauthorized'


class Forbidden(ClientException):
    http_status = 403
    message = 'Forbidden'


class NotFound(ClientException):
    http_status = 404
    message = 'Not found'


class MethodNotAllowed(ClientException):
    http_status = 405
    message = 'Method Not Allowed'


class NotAcceptable(ClientException):
    http_status = 406
    message = 'Not Acceptable'


class Conflict(ClientException):
    http_status = 409
    message = 'Conflict'


class OverLimit(RetryAfterException):
    http_status = 413
    message = 'Over limit'


class RateLimit(RetryAfterException):
    http_status = 429
    message = 'Rate limit'


class HTTPNotImplemented(ClientException):
    http_status = 501
    message = 'Not Implemented'


_code_map = {cls.http_status: cls for cls in (
    BadRequest, Unauthorized, Forbidden, NotFound, MethodNotAllowed,
    NotAcceptable, Conflict, OverLimit, RateLimit, HTTPNotImplemented)}


def _message_and_details(body):
    """Pull (message, details) out of a Nova fault body, or a flat one."""
    if not isinstance(body, dict):
        return 'n/a', 'n/a'
    if 'message' in body:
        return body.get('message'), body.get('details')
    fault = next(iter(body.values()), None)
    if isinstance(fault, dict):
        return fault.get('message'), fault.get('details')
    return 'n/a', 'n/a'


def from_response(response, body, url, method=None):
    """Build the exception matching an error response.

    :param response: the HTTP response (anything with ``status_code`` and
        ``headers``)
    :param body: the decoded JSON body, or None
    :param url: the requested URL
    :param method: the HTTP method
    :returns: a :class:`ClientException` subclass instance
    """
    cls = _code_map.get(response.status_code, ClientException)
    headers = response.headers or {}
    kwargs = {'code': response.status_code, 'method': method, 'url': url,
              'request_id': headers.get('x-compute-request-id')}
    if issubclass(cls, RetryAfterException) and 'retry-after' in headers:
        kwargs['retry_after'] = headers.get('retry-after')
    if body:
        kwargs['message'], kwargs['details'] = _message_and_details(body)
    return cls(**kwargs)
