"""Token authentication: validates ``X-Auth-Token`` and attaches the caller to the request.

Options (``[filter:...]`` in etc/api-paste.ini):

* ``validator`` - ``module:function`` taking a token value (and ``memo=``, the request's
  :func:`~novaapi.web.middleware.request_memo`) and returning its
  info (``user_id``, ``project_id``, ``roles``, names and domains) or None;
* ``required`` (default true) - answer 401 without a valid token; false only
  attaches the caller when there is one and leaves the decision to the handlers;
* ``require_project`` (default false) - an unscoped token counts as none; a
  system- or domain-scoped one passes with its scope in the context, and the
  service's policy decides what that scope may do (as Nova, Neutron and
  Glance accept any token keystonemiddleware validated);
* ``public_paths`` - paths (without trailing slash; ``/`` is the root) that
  need no token, such as version discovery;
* ``error_format`` - the body of the 401;
* ``service_type`` - the catalog type of the service behind the filter
  (``compute``, ``identity``...): a token bound to application-credential
  access rules passes only for a request one of its rules allows, as
  keystonemiddleware enforces them.

The caller's token info lands in ``environ['novaapi.token_info']`` and a
:class:`~novaapi.context.RequestContext` in ``environ['nova.context']``.
"""

import importlib
import re

from paste.deploy import converters

from novaapi import conf
from novaapi import context
from novaapi.web import errors
from novaapi.web import middleware

ENV_TOKEN_INFO = 'novaapi.token_info'
ENV_CONTEXT = 'nova.context'


def resolve(ref):
    """The object a ``module:attribute`` reference names (a callable passes through)."""
    if callable(ref):
        return ref
    module, _, attr = ref.partition(':')
    return getattr(importlib.import_module(module), attr)


def unauthorized():
    """The 401 error, pointing clients at the identity endpoint as keystonemiddleware does."""
    uri = 'Keystone uri="%s"' % conf.CONF.endpoint_url('identity')
    return errors.Unauthorized(headers=[('WWW-Authenticate', uri)])


def request_context(req, info, token):
    return context.RequestContext(
        user_id=info.user_id, project_id=info.project_id, roles=list(info.roles),
        user_name=info.user_name, project_name=info.project_name,
        user_domain_id=info.user_domain_id, project_domain_id=info.project_domain_id,
        auth_token=token, request_id=req.environ.get('openstack.request_id'),
        global_request_id=req.environ.get('openstack.global_request_id'),
        system_scope='all' if getattr(info, 'system', False) else None,
        domain_id=getattr(info, 'domain_id', None), domain_name=getattr(info, 'domain_name', None),
        memo=middleware.request_memo(req.environ))


_PATTERN_PART = re.compile(r'\*\*|\*|\{[^}]*\}|[^*{]+|.')


def path_pattern(pattern):
    """The compiled regular expression of an access rule's path pattern.

    ``*`` and ``{name}`` stand for one path segment, ``**`` for any run of
    characters (slashes included); everything else is literal, and the
    whole path must match.
    """
    out = []
    for part in _PATTERN_PART.findall(pattern):
        if part == '**':
            out.append('.*')
        elif part == '*' or (part.startswith('{') and part.endswith('}')):
            out.append('[^/]+')
        else:
            out.append(re.escape(part))
    return re.compile('^%s$' % ''.join(out))


def access_allowed(rules, service_type, method, path):
    """Whether one of an application credential's access ``rules`` allows the request."""
    if service_type == 'identity' and method == 'GET' and path.endswith('/v3/auth/tokens'):
        return True  # validating a token is always allowed
    return any(rule['service'] == service_type and rule['method'] == method
               and path_pattern(rule['path']).match(path) for rule in rules)


def _scoped(info):
    return bool(info.project_id or getattr(info, 'domain_id', None)
                or getattr(info, 'system', False))


class TokenAuth(middleware.Middleware):

    def __init__(self, application, **local_conf):
        super().__init__(application, **local_conf)
        self.validate = resolve(local_conf['validator'])
        self.required = converters.asbool(local_conf.get('required', True))
        self.require_project = converters.asbool(local_conf.get('require_project', False))
        self.public_paths = {p.rstrip('/') for p in local_conf.get('public_paths', '').split()}
        self.service_type = local_conf.get('service_type')

    def process_request(self, req):
        if self.public_paths and req.path_info.rstrip('/') in self.public_paths:
            return None
        token = req.headers.get('X-Auth-Token')
        info = self.validate(token, memo=middleware.request_memo(req.environ)) if token else None
        if info is not None and not self._rules_allow(info, req):
            raise unauthorized()
        if info is not None and (_scoped(info) or not self.require_project):
            req.environ[ENV_TOKEN_INFO] = info
            req.environ[ENV_CONTEXT] = request_context(req, info, token)
        elif self.required:
            raise unauthorized()
        return None

    def _rules_allow(self, info, req):
        cred = getattr(info, 'application_credential', None) or {}
        rules = cred.get('access_rules')
        if not rules:
            return True
        return self.service_type is not None and access_allowed(
            rules, self.service_type, req.method, req.path)
