"""The keystonemiddleware filter's context layer answers its 401 in the configured format."""

import webob

from novaapi.web.middleware import keystone


def _app(environ, start_response):
    return webob.Response('ok')(environ, start_response)


def test_401_in_the_configured_format():
    resp = webob.Request.blank('/').get_response(
        keystone.KeystoneContext(_app, 'http://k/v3', error_format='keystone'))
    assert resp.status_int == 401
    assert resp.json['error']['message'] == keystone.AUTH_REQUIRED
    assert resp.headers['WWW-Authenticate'] == 'Keystone uri="http://k/v3"'


def test_nova_format_by_default():
    resp = webob.Request.blank('/').get_response(keystone.KeystoneContext(_app))
    assert resp.json == {'unauthorized': {'code': 401, 'message': keystone.AUTH_REQUIRED}}


def test_error_format_is_not_passed_to_auth_token(monkeypatch):
    created = []
    fake = type('M', (), {'AuthProtocol': lambda app, options: created.append((app, options))})
    monkeypatch.setattr(keystone, '_auth_token_module', lambda: fake)
    monkeypatch.setitem(keystone.conf.CONF.passthrough, 'keystone_authtoken', {})
    keystone.filter_factory({}, error_format='keystone', delay_auth_decision='true')(_app)
    ((inner, options),) = created
    assert options == {'delay_auth_decision': 'true'}
    assert inner.error_format.name == 'keystone'
