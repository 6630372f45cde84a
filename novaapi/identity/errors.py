"""Keystone's error vocabulary: each error knows its status, title and message.

Rendered as ``{"error": {"code": ..., "title": ..., "message": ...}}``.
Messages never carry passwords or token values.
"""

import http.client

from novaapi.web import errors


class IdentityError(errors.HTTPError):
    """Base error; subclasses set ``code`` and a default ``message``."""

    code = 500
    message = 'An unexpected error prevented the server from fulfilling your request.'

    def __init__(self, message=None):
        self.message = message or self.message
        super().__init__(self.message)

    @property
    def title(self):
        return http.client.responses[self.code]

    def body(self):
        return {'error': {'code': self.code, 'title': self.title, 'message': self.message}}


class ValidationError(IdentityError):
    code = 400

    @classmethod
    def expecting(cls, attribute, target):
        return cls('Expecting to find %s in %s. The server could not comply with the request'
                   ' since it is either malformed or otherwise incorrect. The client is'
                   ' assumed to be in error.' % (attribute, target))


class Unauthorized(IdentityError):
    """Always the generic message: details would help an attacker."""

    code = 401
    message = 'The request you have made requires authentication.'

    def __init__(self, message=None):
        super().__init__(None)


class ApplicationCredentialAuthError(Unauthorized):
    """A 401 whose detail Keystone shows: it names no secret and helps the caller."""

    def __init__(self, detail):
        super().__init__()
        self.message = 'Error authenticating with application credential: %s' % detail


class AuthMethodNotSupported(Unauthorized):
    def __init__(self, supported):
        super().__init__()
        self.message = 'Attempted to authenticate with an unsupported method.'
        self.supported = list(supported)

    def body(self):
        body = super().body()
        body['error']['identity'] = {'methods': self.supported}
        return body


class Forbidden(IdentityError):
    code = 403
    message = 'You are not authorized to perform the requested action.'


class ForbiddenAction(Forbidden):
    def __init__(self, action):
        super().__init__('You are not authorized to perform the requested action: %s.' % action)


class NotFound(IdentityError):
    code = 404
    message = 'The resource could not be found.'

    @classmethod
    def entity(cls, kind, entity_id):
        return cls('Could not find %s: %s.' % (kind, entity_id))


class MethodNotAllowed(IdentityError):
    code = 405
    message = 'The method is not allowed for the requested URL.'

    def __init__(self, allowed):
        super().__init__()
        self.allowed = sorted(allowed)


class Conflict(IdentityError):
    code = 409

    @classmethod
    def duplicate(cls, kind, name, domain_id=None):
        detail = 'Duplicate entry found with name %s' % name
        if domain_id:
            detail += ' at domain ID %s' % domain_id
        return cls('Conflict occurred attempting to store %s - %s.' % (kind, detail))


class PayloadTooLarge(IdentityError):
    code = 413
    message = 'Request is too large.'
