"""Keystone authentication: keystonemiddleware ``auth_token`` against a real Keystone.

Selected for compute by ``[api] auth_strategy = keystone``; ``auth_token`` is
configured from the ``[keystone_authtoken]`` section of the nova-api config
file.  Option ``error_format``: the body of the 401 the context layer answers.
"""

import webob

from novaapi import conf
from novaapi import context
from novaapi.web import errors
from novaapi.web import faults
from novaapi.web import middleware

MISSING_MIDDLEWARE = ("auth_strategy = keystone needs keystonemiddleware: "
                      "pip install '.[keystone]'")
AUTH_REQUIRED = errors.Unauthorized.text


def _auth_token_module():
    try:
        # deferred: keystonemiddleware is an optional extra the embedded strategy never needs
        from keystonemiddleware import auth_token
    except ImportError as exc:
        raise RuntimeError(MISSING_MIDDLEWARE) from exc
    return auth_token


class KeystoneContext:
    """Turn the X-* headers ``auth_token`` sets into ``environ['nova.context']``.

    :param application: the downstream WSGI app.
    :param auth_uri: advertised in ``WWW-Authenticate`` on a 401, if set.
    :param error_format: the body of that 401 (a name in :mod:`novaapi.web.faults`).
    """

    def __init__(self, application, auth_uri=None, error_format='nova'):
        self.application = application
        self.auth_uri = auth_uri
        self.error_format = faults.get(error_format)

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        ctx = context.RequestContext.from_headers(
            req.headers, request_id=environ.get('openstack.request_id'))
        if ctx is None or not ctx.scoped:
            return self._unauthorized(req)(environ, start_response)
        ctx.global_request_id = environ.get('openstack.global_request_id')
        ctx.memo = middleware.request_memo(environ)
        environ['nova.context'] = ctx
        return self.application(environ, start_response)

    def _unauthorized(self, req):
        headers = []
        if self.auth_uri:
            headers.append(('WWW-Authenticate', 'Keystone uri="%s"' % self.auth_uri))
        return self.error_format.render(req, errors.Unauthorized(headers=headers))


def filter_factory(global_conf, **local_conf):
    """PasteDeploy filter: ``auth_token`` in front of ``KeystoneContext``.

    :raises RuntimeError: when keystonemiddleware is not installed.
    """
    auth_token = _auth_token_module()
    options = dict(local_conf)
    error_format = options.pop('error_format', 'nova')
    options.update(conf.CONF.passthrough['keystone_authtoken'])
    auth_uri = options.get('www_authenticate_uri') or options.get('auth_uri')

    def _filter(app):
        return auth_token.AuthProtocol(KeystoneContext(app, auth_uri, error_format), options)
    return _filter
