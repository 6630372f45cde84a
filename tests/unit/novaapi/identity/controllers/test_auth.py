"""``/v3/auth/*`` and version discovery, driven through the WSGI app."""

import datetime
import logging
from unittest import mock

import pytest
import webob

from novaapi import conf
from novaapi.db import base
from tests.unit.novaapi.identity import conftest

UNAUTHORIZED = {'error': {'code': 401, 'title': 'Unauthorized',
                          'message': 'The request you have made requires authentication.'}}


def test_versions_root(client):
    resp = client.get('/')
    assert resp.status_int == 300
    (v3,) = resp.data['versions']['values']
    assert v3['id'] == 'v3.14' and v3['status'] == 'stable'
    assert v3['links'] == [{'rel': 'self', 'href': 'http://localhost/v3/'}]


@pytest.mark.parametrize('path,href', [
    ('/v3', 'http://localhost/v3/'), ('/v3/', 'http://localhost/v3/'),
    ('/identity/v3', 'http://localhost/identity/v3/'),
])
def test_version_document_follows_mount_point(client, path, href):
    resp = client.get(path)
    assert resp.status_int == 200
    assert resp.data['version']['id'] == 'v3.14'
    assert resp.data['version']['links'][0]['href'] == href
    assert client.get('/identity').data['versions']['values'][0]['links'][0]['href'] == \
        'http://localhost/identity/v3/'


def test_password_by_name_project_scoped(client, ids):
    resp = client.login('admin', project='admin')
    assert resp.status_int == 201
    token = resp.data['token']
    assert resp.headers['X-Subject-Token']
    assert token['methods'] == ['password']
    assert token['user'] == {'id': ids['admin_user_id'], 'name': 'admin',
                             'password_expires_at': None,
                             'domain': {'id': 'default', 'name': 'Default'}}
    assert token['project'] == {'id': ids['admin_project_id'], 'name': 'admin',
                                'domain': {'id': 'default', 'name': 'Default'}}
    assert token['is_domain'] is False
    assert sorted(r['name'] for r in token['roles']) == ['admin', 'manager', 'member', 'reader']
    assert token['expires_at'].endswith('.000000Z') and len(token['audit_ids']) == 1
    types = {s['type']: s for s in token['catalog']}
    assert set(types) == {'identity', 'compute', 'image', 'network'}
    assert {e['interface'] for e in types['compute']['endpoints']} == {
        'public', 'internal', 'admin'}
    assert types['compute']['endpoints'][0]['url'] == 'http://127.0.0.1:8774/v2.1'
    assert types['compute']['name'] == 'nova'


def test_password_by_user_id_and_project_id(client, ids):
    body = {'auth': {'identity': {'methods': ['password'], 'password': {'user': {
        'id': ids['demo_user_id'], 'password': conftest.DEMO_PASSWORD}}},
        'scope': {'project': {'id': ids['demo_project_id']}}}}
    resp = client.post('/v3/auth/tokens', body)
    assert resp.status_int == 201
    assert [r['name'] for r in resp.data['token']['roles']] == ['member', 'reader']


def test_domain_by_id(client):
    resp = client.post('/v3/auth/tokens', conftest.password_auth(
        'demo', conftest.DEMO_PASSWORD, 'demo', domain={'id': 'default'}))
    assert resp.status_int == 201


def test_unscoped_token(client):
    resp = client.login('demo')
    assert resp.status_int == 201
    token = resp.data['token']
    assert not {'project', 'roles', 'catalog'} & set(token)


def test_explicit_unscoped_beats_default_project(client, admin_token, ids):
    client.patch('/v3/users/%s' % ids['demo_user_id'],
                 {'user': {'default_project_id': ids['demo_project_id']}}, token=admin_token)
    assert client.login('demo').data['token']['project']['id'] == ids['demo_project_id']
    body = conftest.password_auth('demo', conftest.DEMO_PASSWORD)
    body['auth']['scope'] = 'unscoped'
    assert 'project' not in client.post('/v3/auth/tokens', body).data['token']


def test_nocatalog(client):
    resp = client.post('/v3/auth/tokens?nocatalog',
                       conftest.password_auth('demo', conftest.DEMO_PASSWORD, 'demo'))
    assert resp.status_int == 201
    assert 'catalog' not in resp.data['token'] and resp.data['token']['roles']


def test_token_rescope(client, ids):
    unscoped = client.login('demo')
    body = {'auth': {'identity': {'methods': ['token'], 'token': {
        'id': unscoped.headers['X-Subject-Token']}},
        'scope': {'project': {'name': 'demo', 'domain': {'name': 'Default'}}}}}
    resp = client.post('/v3/auth/tokens', body)
    assert resp.status_int == 201
    token = resp.data['token']
    assert token['project']['id'] == ids['demo_project_id']
    assert token['methods'] == ['token', 'password']
    assert token['expires_at'] == unscoped.data['token']['expires_at']
    assert token['audit_ids'][1] == unscoped.data['token']['audit_ids'][0]


def test_rescope_with_bad_token_401(client):
    body = {'auth': {'identity': {'methods': ['token'], 'token': {'id': 'bogus'}}}}
    assert client.post('/v3/auth/tokens', body).status_int == 401


@pytest.mark.parametrize('user,password', [
    ('admin', 'wrong'), ('nobody', 'whatever'), ('admin', ''),
])
def test_bad_credentials_401(client, user, password):
    resp = client.post('/v3/auth/tokens', conftest.password_auth(user, password))
    assert resp.status_int == 401
    assert resp.data == UNAUTHORIZED
    assert resp.headers['WWW-Authenticate'] == 'Keystone uri="http://localhost"'


def test_www_authenticate_follows_mount_point(client):
    resp = client.post('/identity/v3/auth/tokens', conftest.password_auth('admin', 'wrong'))
    assert resp.headers['WWW-Authenticate'] == 'Keystone uri="http://localhost/identity"'


def test_wrong_domain_401(client):
    resp = client.post('/v3/auth/tokens', conftest.password_auth(
        'admin', conftest.ADMIN_PASSWORD, domain={'name': 'Nope'}))
    assert resp.status_int == 401


def test_project_without_role_401(client):
    resp = client.login('demo', project='admin')
    assert resp.status_int == 401 and resp.data == UNAUTHORIZED


def test_unknown_project_401(client):
    assert client.login('demo', project='nope').status_int == 401


def test_disabled_user_401(client, admin_token, ids):
    client.patch('/v3/users/%s' % ids['demo_user_id'], {'user': {'enabled': False}},
                 token=admin_token)
    assert client.login('demo').status_int == 401


def test_unsupported_method_401(client):
    body = {'auth': {'identity': {'methods': ['totp'], 'totp': {}}}}
    resp = client.post('/v3/auth/tokens', body)
    assert resp.status_int == 401
    assert resp.data['error']['identity'] == {
        'methods': ['password', 'token', 'application_credential']}


@pytest.mark.parametrize('body,fragment', [
    ({}, 'Expecting to find auth in request body'),
    ({'auth': {}}, "'identity' is a required property"),
    ({'auth': {'identity': {}}}, "Invalid input for field 'identity': 'methods' is a required"),
    ({'auth': {'identity': {'methods': ['password']}}},
     'Expecting to find password in identity'),
    ({'auth': {'identity': {'methods': ['password'], 'password': {'user': {'password': 'x'}}}}},
     'identity/password/user: id or name must be present'),
    ({'auth': {'identity': {'methods': ['password'], 'password': {'user': {'name': 'admin',
                                                                           'password': 'x'}}}}},
     'Expecting to find domain in user'),
    ({'auth': {'identity': {'methods': 'password'}}},
     "Invalid input for field 'identity/methods'"),
    ({'auth': {'identity': {'methods': ['password'], 'password': {'user': {
        'name': 'admin', 'domain': {'id': 'default'}, 'password': 12345}}}}},
     "'identity/password/user/password': the value is not a valid string"),
    ({'auth': {'identity': {'methods': ['password'], 'password': {'user': {
        'name': 'demo', 'domain': {'id': 'default'}, 'password': conftest.DEMO_PASSWORD}}},
        'scope': {'project': {'name': 'demo'}}}}, 'Expecting to find domain in project'),
])
def test_malformed_bodies_400(client, body, fragment):
    resp = client.post('/v3/auth/tokens', body)
    assert resp.status_int == 400, resp.body
    assert resp.data['error']['title'] == 'Bad Request'
    assert fragment in resp.data['error']['message']
    assert '12345' not in resp.data['error']['message']


def test_not_json_400(client):
    req = webob.Request.blank('/v3/auth/tokens', method='POST', body=b'{nope',
                              content_type='application/json')
    resp = req.get_response(client.app)
    assert resp.status_int == 400 and b'valid JSON in request body' in resp.body
    req = webob.Request.blank('/v3/auth/tokens', method='POST', body=b'{}',
                              content_type='text/plain')
    assert b'application/json in Content-Type header' in req.get_response(client.app).body


def test_validate_head_and_revoke(client, admin_token):
    subject = client.token('demo')
    resp = client.get('/v3/auth/tokens', token=admin_token, headers={'X-Subject-Token': subject})
    assert resp.status_int == 200
    assert resp.headers['X-Subject-Token'] == subject
    assert resp.data['token']['user']['name'] == 'demo' and 'catalog' in resp.data['token']
    resp = client.get('/v3/auth/tokens?nocatalog', token=admin_token,
                      headers={'X-Subject-Token': subject})
    assert 'catalog' not in resp.data['token']
    head = client.request('HEAD', '/v3/auth/tokens', token=admin_token,
                          headers={'X-Subject-Token': subject})
    assert head.status_int == 200 and head.body == b''
    resp = client.delete('/v3/auth/tokens', token=admin_token,
                         headers={'X-Subject-Token': subject})
    assert resp.status_int == 204 and resp.body == b''
    resp = client.get('/v3/auth/tokens', token=admin_token, headers={'X-Subject-Token': subject})
    assert resp.status_int == 404
    assert resp.data['error']['title'] == 'Not Found'
    assert subject not in resp.body.decode()
    assert client.get('/v3/users', token=subject).status_int == 401


def test_own_token_may_be_validated_and_revoked(client, demo_token):
    headers = {'X-Subject-Token': demo_token}
    assert client.get('/v3/auth/tokens', token=demo_token, headers=headers).status_int == 200
    assert client.delete('/v3/auth/tokens', token=demo_token, headers=headers).status_int == 204
    assert client.get('/v3/auth/tokens', token=demo_token, headers=headers).status_int == 401


def test_other_users_token_is_forbidden_for_member(client, demo_token, admin_token):
    resp = client.get('/v3/auth/tokens', token=demo_token,
                      headers={'X-Subject-Token': admin_token})
    assert resp.status_int == 403
    assert resp.data['error']['message'] == ('You are not authorized to perform the requested '
                                             'action: identity:validate_token.')


def test_validate_requires_auth_token(client, demo_token):
    resp = client.get('/v3/auth/tokens', headers={'X-Subject-Token': demo_token})
    assert resp.status_int == 401 and 'WWW-Authenticate' in resp.headers


def test_expired_token(client):
    conf.CONF.set('identity', 'token_expiration', 1)
    token = client.token('demo')
    assert client.get('/v3/auth/projects', token=token).status_int == 200
    later = base.utcnow() + datetime.timedelta(seconds=5)
    with mock.patch.object(base, 'utcnow', return_value=later):
        assert client.get('/v3/auth/projects', token=token).status_int == 401
        admin = client.token('admin')
        resp = client.get('/v3/auth/tokens', token=admin, headers={'X-Subject-Token': token})
        assert resp.status_int == 404


def test_auth_catalog_projects_domains(client, demo_token, ids):
    resp = client.get('/v3/auth/catalog', token=demo_token)
    assert resp.status_int == 200 and len(resp.data['catalog']) == 4
    assert resp.data['links']['self'] == 'http://localhost/v3/auth/catalog'
    resp = client.get('/v3/auth/projects', token=demo_token)
    assert [p['id'] for p in resp.data['projects']] == [ids['demo_project_id']]
    assert resp.data['links'] == {'self': 'http://localhost/v3/auth/projects',
                                  'previous': None, 'next': None}
    assert client.get('/v3/auth/domains', token=demo_token).data['domains'] == []
    unscoped = client.login('demo').headers['X-Subject-Token']
    assert client.get('/v3/auth/catalog', token=unscoped).status_int == 403


def test_secrets_never_logged(client, caplog):
    caplog.set_level(logging.DEBUG)
    resp = client.login('admin', project='admin')
    token = resp.headers['X-Subject-Token']
    client.get('/v3/auth/tokens', token=token, headers={'X-Subject-Token': token})
    client.login('admin', password='wrong-password-xyz')
    text = caplog.text
    assert token not in text
    assert conftest.ADMIN_PASSWORD not in text and 'wrong-password-xyz' not in text
