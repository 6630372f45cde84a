"""Token auth: attaches the caller, 401 in the configured format, optional and public paths."""

import json
import types

import pytest
import webob

from novaapi import conf
from novaapi.web.middleware import auth

SCOPED = types.SimpleNamespace(user_id='u1', project_id='p1', roles=['member'], user_name='demo',
                               project_name='demo', user_domain_id='default',
                               project_domain_id='default')
UNSCOPED = types.SimpleNamespace(**dict(vars(SCOPED), project_id=None))
TOKENS = {'good': SCOPED, 'unscoped': UNSCOPED}


def validate(token, memo=None):
    return TOKENS.get(token)


class Recorder:
    def __init__(self):
        self.environ = None

    def __call__(self, environ, start_response):
        self.environ = environ
        return webob.Response('ok')(environ, start_response)


def _filter(**options):
    app = Recorder()
    return auth.TokenAuth.factory({}, validator=validate, **options)(app), app


def _get(app, path='/v2/images', token=None, method='GET'):
    req = webob.Request.blank(path, method=method)
    req.environ['openstack.request_id'] = 'req-1'
    if token:
        req.headers['X-Auth-Token'] = token
    return req.get_response(app)


def test_valid_token_attaches_info_and_context():
    app, inner = _filter()
    assert _get(app, token='good').status_int == 200
    assert inner.environ[auth.ENV_TOKEN_INFO] is SCOPED
    ctx = inner.environ[auth.ENV_CONTEXT]
    assert (ctx.user_id, ctx.project_id, ctx.roles, ctx.auth_token, ctx.request_id) == (
        'u1', 'p1', ['member'], 'good', 'req-1')


@pytest.mark.parametrize('token', [None, 'bogus'])
def test_missing_or_bad_token_is_401_in_the_format(token):
    app, inner = _filter(error_format='keystone')
    resp = _get(app, token=token)
    assert resp.status_int == 401
    assert json.loads(resp.body) == {'error': {'code': 401, 'title': 'Unauthorized', 'message':
                                               'The request you have made requires authentication.'}}
    assert resp.headers['WWW-Authenticate'] == 'Keystone uri="%s"' % conf.CONF.endpoint_url('identity')
    assert inner.environ is None


def test_head_401_has_no_body():
    app, _inner = _filter(error_format='keystone')
    resp = _get(app, method='HEAD')
    assert (resp.status_int, resp.body) == (401, b'')


def test_require_project_refuses_unscoped_tokens():
    app, _inner = _filter(require_project='true')
    resp = _get(app, token='unscoped')
    assert resp.status_int == 401 and 'unauthorized' in json.loads(resp.body)
    app, inner = _filter()
    assert _get(app, token='unscoped').status_int == 200
    assert inner.environ[auth.ENV_CONTEXT].project_id is None


def test_optional_auth_leaves_the_decision_to_the_app():
    app, inner = _filter(required='false')
    assert _get(app, token='bogus').status_int == 200
    assert auth.ENV_TOKEN_INFO not in inner.environ
    assert _get(app, token='good').status_int == 200
    assert inner.environ[auth.ENV_TOKEN_INFO] is SCOPED


def test_public_paths_need_no_token():
    app, _inner = _filter(public_paths='/ /versions')
    assert _get(app, '/').status_int == 200
    assert _get(app, '/versions/').status_int == 200
    assert _get(app, '/v2/images').status_int == 401


def test_validator_by_reference():
    assert auth.resolve('os.path:join') is __import__('os').path.join
    assert auth.resolve(validate) is validate


RULES = [{'service': 'compute', 'method': 'GET', 'path': '/v2.1/servers/{server_id}/**'},
         {'service': 'compute', 'method': 'POST', 'path': '/v2.1/servers'},
         {'service': 'image', 'method': 'GET', 'path': '/v2/images/*'}]
TOKENS['ruled'] = types.SimpleNamespace(**dict(vars(SCOPED), application_credential={
    'id': 'c1', 'name': 'ci', 'restricted': True, 'access_rules': RULES}))


@pytest.mark.parametrize('pattern, path, matches', [
    ('/v2.1/servers', '/v2.1/servers', True),
    ('/v2.1/servers', '/v2.1/servers/x', False),
    ('/v2.1/servers/*', '/v2.1/servers/abc', True),
    ('/v2.1/servers/*', '/v2.1/servers/abc/ips', False),
    ('/v2.1/servers/{id}', '/v2.1/servers/abc', True),
    ('/v2.1/servers/**', '/v2.1/servers/abc/ips/net', True),
    ('/v2.1/servers/*/ips', '/v2.1/servers/a.b/ips', True),
    ('/v2.1/servers.json', '/v2.1/serversXjson', False),
    ('/v2.1/*', '/v2.1/', False),
])
def test_path_patterns(pattern, path, matches):
    assert bool(auth.path_pattern(pattern).match(path)) is matches


@pytest.mark.parametrize('service_type, method, path, status', [
    ('compute', 'GET', '/v2.1/servers/s1/ips', 200),
    ('compute', 'GET', '/v2.1/servers', 401),
    ('compute', 'POST', '/v2.1/servers', 200),
    ('compute', 'DELETE', '/v2.1/servers/s1/x', 401),
    ('image', 'GET', '/v2/images/i1', 200),
    ('network', 'GET', '/v2/images/i1', 401),
    ('identity', 'GET', '/v3/auth/tokens', 200),
    ('identity', 'GET', '/v3/users', 401),
    (None, 'GET', '/v2/images/i1', 401),
])
def test_access_rules_of_an_application_credential_are_enforced(service_type, method, path,
                                                                 status):
    options = {'service_type': service_type} if service_type else {}
    app, _inner = _filter(**options)
    assert _get(app, path=path, token='ruled', method=method).status_int == status
    assert _get(app, path=path, token='good', method=method).status_int == 200


TOKENS['system'] = types.SimpleNamespace(**dict(vars(UNSCOPED), system=True, domain_id=None))
TOKENS['domain'] = types.SimpleNamespace(**dict(vars(UNSCOPED), system=False, domain_id='d1',
                                                domain_name='Default'))


@pytest.mark.parametrize('token, scope', [('system', 'system'), ('domain', 'domain'),
                                          ('good', 'project')])
def test_system_and_domain_tokens_pass_with_their_scope(token, scope):
    app, inner = _filter(require_project='true')
    assert _get(app, token=token).status_int == 200
    ctx = inner.environ[auth.ENV_CONTEXT]
    assert ctx.scope == scope and ctx.scoped
    assert (ctx.system_scope, ctx.domain_id) == {
        'system': ('all', None), 'domain': (None, 'd1'), 'project': (None, None)}[scope]
