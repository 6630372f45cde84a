"""The auth_strategy = keystone filter, without a network or a Keystone."""

import json
import sys
import types

import pytest
import webob

from novaapi.web.middleware import keystone
from novaapi import conf

AUTH_URI = 'http://127.0.0.1:5000/v3'

CONFIRMED = {
    'X-Identity-Status': 'Confirmed',
    'X-User-Id': 'u-1',
    'X-User-Name': 'demo',
    'X-User-Domain-Id': 'default',
    'X-Project-Id': 'p-1',
    'X-Project-Name': 'demo',
    'X-Project-Domain-Id': 'default',
    'X-Roles': 'member, reader',
    'X-Auth-Token': 'tok',
}


class RecordingApp:
    def __init__(self):
        self.environ = None

    def __call__(self, environ, start_response):
        self.environ = environ
        return webob.Response(json_body={'ok': True})(environ, start_response)


def _call(app, headers=None, **environ):
    req = webob.Request.blank('/v2.1/flavors', headers=headers or {})
    req.environ.update(environ)
    return req.get_response(app)


def _assert_unauthorized(resp):
    assert resp.status_int == 401
    assert resp.content_type == 'application/json'
    assert json.loads(resp.body) == {'unauthorized': {
        'code': 401, 'message': keystone.AUTH_REQUIRED}}


def test_context_built_from_auth_token_headers():
    app = RecordingApp()
    resp = _call(keystone.KeystoneContext(app, AUTH_URI), CONFIRMED,
                 **{'openstack.request_id': 'req-1', 'openstack.global_request_id': 'req-g'})
    assert resp.status_int == 200
    ctx = app.environ['nova.context']
    assert (ctx.user_id, ctx.project_id, ctx.roles) == ('u-1', 'p-1', ['member', 'reader'])
    assert (ctx.user_name, ctx.project_name) == ('demo', 'demo')
    assert (ctx.user_domain_id, ctx.project_domain_id) == ('default', 'default')
    assert (ctx.auth_token, ctx.request_id, ctx.global_request_id) == ('tok', 'req-1', 'req-g')
    assert not ctx.is_admin


@pytest.mark.parametrize('drop', ['X-User-Id', 'X-Project-Id'])
def test_missing_identity_is_unauthorized(drop):
    app = RecordingApp()
    headers = {k: v for k, v in CONFIRMED.items() if k != drop}
    resp = _call(keystone.KeystoneContext(app, AUTH_URI), headers)
    _assert_unauthorized(resp)
    assert resp.headers['WWW-Authenticate'] == 'Keystone uri="%s"' % AUTH_URI
    assert app.environ is None


def test_unauthorized_without_uri_has_no_challenge():
    resp = _call(keystone.KeystoneContext(RecordingApp()))
    _assert_unauthorized(resp)
    assert 'WWW-Authenticate' not in resp.headers


def test_missing_keystonemiddleware_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, 'keystonemiddleware', None)
    monkeypatch.setitem(sys.modules, 'keystonemiddleware.auth_token', None)
    with pytest.raises(RuntimeError) as exc:
        keystone.filter_factory({})
    assert str(exc.value) == (
        "auth_strategy = keystone needs keystonemiddleware: pip install '.[keystone]'")


def test_filter_passes_the_keystone_authtoken_section(monkeypatch):
    created = []

    class FakeAuthProtocol:
        def __init__(self, app, options):
            created.append((app, options))

    fake = types.SimpleNamespace(AuthProtocol=FakeAuthProtocol)
    monkeypatch.setattr(keystone, '_auth_token_module', lambda: fake)
    monkeypatch.setitem(conf.CONF.passthrough, 'keystone_authtoken',
                        {'www_authenticate_uri': AUTH_URI, 'username': 'nova'})
    downstream = RecordingApp()
    wrapped = keystone.filter_factory({'here': '/'}, delay_auth_decision='false')(downstream)
    assert isinstance(wrapped, FakeAuthProtocol)
    (inner, options), = created
    assert options == {'www_authenticate_uri': AUTH_URI, 'username': 'nova',
                       'delay_auth_decision': 'false'}
    assert isinstance(inner, keystone.KeystoneContext)
    assert inner.application is downstream and inner.auth_uri == AUTH_URI


@pytest.fixture
def real_auth_token(monkeypatch):
    import keystonemiddleware.auth_token  # noqa: F401 - a test dependency: the keystone extra
    # NOTE: nothing listens on port 9; a request that reached Keystone would fail loudly.
    monkeypatch.setitem(conf.CONF.passthrough, 'keystone_authtoken', {
        'www_authenticate_uri': 'http://127.0.0.1:9/v3', 'auth_url': 'http://127.0.0.1:9/v3'})


def test_real_auth_token_rejects_a_missing_token_without_keystone(real_auth_token):
    app = RecordingApp()
    resp = _call(keystone.filter_factory({})(app))
    assert resp.status_int == 401
    assert resp.headers['WWW-Authenticate'] == 'Keystone uri="http://127.0.0.1:9/v3"'
    assert app.environ is None


def test_delayed_decision_reaches_the_context_layer(real_auth_token):
    app = RecordingApp()
    resp = _call(keystone.filter_factory({}, delay_auth_decision='true')(app),
                 {'X-User-Id': 'forged', 'X-Project-Id': 'forged'})
    _assert_unauthorized(resp)
    assert app.environ is None


def test_401_in_the_configured_format():
    resp = webob.Request.blank('/').get_response(
        keystone.KeystoneContext(RecordingApp(), 'http://k/v3', error_format='keystone'))
    assert resp.status_int == 401
    assert resp.json['error']['message'] == keystone.AUTH_REQUIRED
    assert resp.headers['WWW-Authenticate'] == 'Keystone uri="http://k/v3"'


def test_nova_format_by_default():
    resp = webob.Request.blank('/').get_response(keystone.KeystoneContext(RecordingApp()))
    assert resp.json == {'unauthorized': {'code': 401, 'message': keystone.AUTH_REQUIRED}}


def test_error_format_is_not_passed_to_auth_token(monkeypatch):
    created = []
    fake = type('M', (), {'AuthProtocol': lambda app, options: created.append((app, options))})
    monkeypatch.setattr(keystone, '_auth_token_module', lambda: fake)
    monkeypatch.setitem(conf.CONF.passthrough, 'keystone_authtoken', {})
    keystone.filter_factory({}, error_format='keystone', delay_auth_decision='true')(RecordingApp())
    ((inner, options),) = created
    assert options == {'delay_auth_decision': 'true'}
    assert inner.error_format.name == 'keystone'


@pytest.mark.parametrize('headers, scope', [
    ({'OpenStack-System-Scope': 'all'}, 'system'),
    ({'X-Domain-Id': 'd-1', 'X-Domain-Name': 'Default'}, 'domain')])
def test_system_and_domain_scoped_tokens_make_a_context(headers, scope):
    app = RecordingApp()
    base = {k: v for k, v in CONFIRMED.items() if k not in ('X-Project-Id', 'X-Tenant-Id')}
    resp = _call(keystone.KeystoneContext(app, AUTH_URI), dict(base, **headers))
    assert resp.status_int == 200
    ctx = app.environ['nova.context']
    assert ctx.project_id is None and ctx.scope == scope
