"""System- and domain-scoped tokens on the block-storage endpoint of the real nova-api, as
Cinder's default policies answer them: no rule declares scope_types and enforce_scope is off,
so role:admin passes every rule whatever the scope, a reader without a project passes only
its own (empty) lists, and a project in the URL is not the token's ("Malformed request url").
"""

import uuid

import pytest
import requests

from tests.functional import server as server_mod

pytestmark = pytest.mark.functional

CONFIG = '[volume]\nstatus_delay = 0\n'


@pytest.fixture(scope='module')
def api(tmp_path_factory):
    srv = server_mod.start_api(tmp_path_factory.mktemp('volume-scope'), config_text=CONFIG)
    yield srv
    srv.stop()


def _password_token(api, user, password, scope):
    body = {'auth': {'identity': {'methods': ['password'], 'password': {'user': {
        'name': user, 'domain': {'id': 'default'}, 'password': password}}}, 'scope': scope}}
    resp = requests.post(api.identity_url + '/auth/tokens', json=body, timeout=30)
    assert resp.status_code == 201, resp.text
    return resp.headers['X-Subject-Token'], resp.json()['token']


def _identity(api, token, method, path, **kwargs):
    resp = requests.request(method, api.identity_url + path, headers={'X-Auth-Token': token},
                            timeout=30, **kwargs)
    assert resp.status_code < 300, resp.text
    return resp.json() if resp.content else None


@pytest.fixture(scope='module')
def tokens(api):
    """The bootstrap admin and a new reader, each scoped to the system and to the domain."""
    admin = api.admin_openrc
    admin_token = api.token()
    roles = {r['name']: r['id'] for r in _identity(api, admin_token, 'GET', '/roles')['roles']}
    name, password = 'scope-%s' % uuid.uuid4().hex[:6], uuid.uuid4().hex
    user = _identity(api, admin_token, 'POST', '/users', json={'user': {
        'name': name, 'password': password, 'domain_id': 'default'}})['user']
    _identity(api, admin_token, 'PUT', '/system/users/%s/roles/%s' % (user['id'],
                                                                      roles['reader']))
    _identity(api, admin_token, 'PUT', '/domains/default/users/%s/roles/%s' % (
        user['id'], roles['reader']))
    admin_id = _identity(api, admin_token, 'GET', '/users?name=%s' % admin['OS_USERNAME'])
    _identity(api, admin_token, 'PUT', '/domains/default/users/%s/roles/%s' % (
        admin_id['users'][0]['id'], roles['admin']))
    found = {}
    for who, (login, secret) in {'admin': (admin['OS_USERNAME'], admin['OS_PASSWORD']),
                                 'reader': (name, password)}.items():
        for scope, body in {'system': {'system': {'all': True}},
                            'domain': {'domain': {'id': 'default'}}}.items():
            token, info = _password_token(api, login, secret, body)
            assert 'project' not in info and (scope in info)
            found['%s %s' % (scope, who)] = token
    return found


def _volume(api, method, path, token, **kwargs):
    return requests.request(method, api.volume_url + path, timeout=30, headers={
        'X-Auth-Token': token, 'OpenStack-API-Version': 'volume 3.71'}, **kwargs)


def test_scoped_tokens_on_the_block_storage_endpoint(api, tokens):
    made = _volume(api, 'POST', '/v3/volumes', api.token(api.demo_openrc),
                   json={'volume': {'size': 1}})
    assert made.status_code == 202, made.text
    volume = made.json()['volume']
    project = volume['os-vol-tenant-attr:tenant_id']
    for name, token in tokens.items():
        admin = name.endswith('admin')
        resp = _volume(api, 'GET', '/v3/%s/volumes' % project, token)
        assert resp.status_code == 400, (name, resp.text)
        assert resp.json() == {'badRequest': {'message': 'Malformed request url', 'code': 400}}
        resp = _volume(api, 'GET', '/v3/volumes', token)
        assert (resp.status_code, resp.json()) == (200, {'volumes': []}), name
        resp = _volume(api, 'GET', '/v3/volumes/detail?all_tenants=1', token)
        assert [v['id'] for v in resp.json()['volumes']] == ([volume['id']] if admin else [])
        resp = _volume(api, 'GET', '/v3/volumes/%s' % volume['id'], token)
        assert resp.status_code == (200 if admin else 404), (name, resp.text)
        resp = _volume(api, 'GET', '/v3/os-quota-sets/%s' % project, token)
        assert resp.status_code == (200 if admin else 403), (name, resp.text)
        if not admin:
            assert resp.json() == {'forbidden': {
                'message': "Policy doesn't allow volume_extension:quotas:show to be performed.",
                'code': 403}}
        resp = _volume(api, 'POST', '/v3/volumes/%s/action' % volume['id'], token,
                       json={'os-reset_status': {'status': 'available'}})
        assert resp.status_code == (202 if admin else 403), (name, resp.text)
        resp = _volume(api, 'POST', '/v3/types', token,
                       json={'volume_type': {'name': 'type-' + name.replace(' ', '-')}})
        assert resp.status_code == (200 if admin else 403), (name, resp.text)
        for path in ('/v3/types', '/v3/limits', '/v3/os-availability-zone', '/v3/snapshots'):
            assert _volume(api, 'GET', path, token).status_code == 200, (name, path)
