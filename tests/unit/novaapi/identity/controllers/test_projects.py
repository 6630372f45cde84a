"""``/v3/domains``, ``/v3/projects`` and ``/v3/users``; who may call the admin API at all."""

import pytest

from novaapi.db import engine
from novaapi.identity import models
from novaapi.identity import passwords
from tests.unit.novaapi.identity import conftest


def test_project_crud(client, admin_token):
    project = conftest.create(client, admin_token, 'projects', 'project',
                              {'name': 'p1', 'description': 'first', 'enabled': True})
    assert project['domain_id'] == 'default' and project['parent_id'] == 'default'
    assert project['links']['self'] == 'http://localhost/v3/projects/%s' % project['id']
    url = '/v3/projects/%s' % project['id']
    assert client.get(url, token=admin_token).data['project']['name'] == 'p1'
    listed = client.get('/v3/projects?name=p1', token=admin_token).data
    assert [p['id'] for p in listed['projects']] == [project['id']]
    assert listed['links'] == {'self': 'http://localhost/v3/projects?name=p1',
                               'previous': None, 'next': None}
    assert len(client.get('/v3/projects?domain_id=default', token=admin_token)
               .data['projects']) == 4
    resp = client.patch(url, {'project': {'description': 'changed', 'enabled': False}},
                        token=admin_token)
    assert resp.data['project']['description'] == 'changed'
    assert resp.data['project']['enabled'] is False
    assert client.delete(url, token=admin_token).status_int == 204
    resp = client.get(url, token=admin_token)
    assert resp.status_int == 404
    assert resp.data == {'error': {'code': 404, 'title': 'Not Found',
                                   'message': 'Could not find project: %s.' % project['id']}}


def test_project_domain_cannot_change(client, admin_token, ids):
    resp = client.patch('/v3/projects/%s' % ids['demo_project_id'],
                        {'project': {'domain_id': 'other'}}, token=admin_token)
    assert resp.status_int == 400


def test_duplicate_project_409(client, admin_token):
    resp = client.post('/v3/projects', {'project': {'name': 'demo'}}, token=admin_token)
    assert resp.status_int == 409
    assert resp.data['error'] == {
        'code': 409, 'title': 'Conflict',
        'message': 'Conflict occurred attempting to store project - Duplicate entry found '
                   'with name demo at domain ID default.'}


@pytest.mark.parametrize('collection,key,ref', [
    ('users', 'user', {'name': 'demo'}),
    ('roles', 'role', {'name': 'member'}),
    ('domains', 'domain', {'name': 'Default'}),
])
def test_other_duplicates_409(client, admin_token, collection, key, ref):
    resp = client.post('/v3/%s' % collection, {key: ref}, token=admin_token)
    assert resp.status_int == 409
    assert resp.data['error']['message'].startswith(
        'Conflict occurred attempting to store %s - Duplicate entry' % key)


def test_create_validation_400(client, admin_token):
    resp = client.post('/v3/projects', {'project': {'description': 'no name'}},
                       token=admin_token)
    assert resp.status_int == 400
    assert resp.data['error']['message'] == "'name' is a required property"
    resp = client.post('/v3/projects', {'name': 'x'}, token=admin_token)
    assert resp.status_int == 400 and 'Expecting to find project' in resp.data['error']['message']


def test_user_crud_and_password(client, admin_token, ids):
    user = conftest.create(client, admin_token, 'users', 'user', {
        'name': 'alice', 'password': 'alice-pw', 'default_project_id': ids['demo_project_id'],
        'email': 'a@example.com'})
    assert 'password' not in user and user['default_project_id'] == ids['demo_project_id']
    assert user['password_expires_at'] is None
    with engine.transaction() as sess:
        stored = sess.get(models.User, user['id']).password_hash
    assert 'alice-pw' not in stored and passwords.verify_password('alice-pw', stored)
    assert client.get('/v3/users?name=alice', token=admin_token).data['users'][0]['id'] == \
        user['id']
    client.put('/v3/projects/%s/users/%s/roles/%s' % (
        ids['demo_project_id'], user['id'], conftest.role_id(client, admin_token, 'reader')),
        token=admin_token)
    login = client.post('/v3/auth/tokens', conftest.password_auth('alice', 'alice-pw'))
    assert login.data['token']['project']['id'] == ids['demo_project_id']
    old_token = login.headers['X-Subject-Token']
    resp = client.patch('/v3/users/%s' % user['id'], {'user': {'password': 'new-pw'}},
                        token=admin_token)
    assert resp.status_int == 200
    assert client.get('/v3/auth/projects', token=old_token).status_int == 401
    assert client.post('/v3/auth/tokens', conftest.password_auth('alice', 'new-pw')) \
        .status_int == 201
    assert client.delete('/v3/users/%s' % user['id'], token=admin_token).status_int == 204
    assert client.get('/v3/users/%s' % user['id'], token=admin_token).status_int == 404


def test_self_service_password_change(client, ids):
    url = '/v3/users/%s/password' % ids['demo_user_id']
    bad = client.post(url, {'user': {'password': 'n', 'original_password': 'wrong'}})
    assert bad.status_int == 401
    ok = client.post(url, {'user': {'password': 'fresh', 'original_password':
                                    conftest.DEMO_PASSWORD}})
    assert ok.status_int == 204
    assert client.login('demo', password='fresh').status_int == 201


def test_users_read_themselves_and_their_projects(client, demo_token, ids):
    me = client.get('/v3/users/%s' % ids['demo_user_id'], token=demo_token)
    assert me.status_int == 200 and me.data['user']['name'] == 'demo'
    mine = client.get('/v3/users/%s/projects' % ids['demo_user_id'], token=demo_token)
    assert [p['name'] for p in mine.data['projects']] == ['demo']
    assert client.get('/v3/projects/%s' % ids['demo_project_id'], token=demo_token) \
        .status_int == 200
    assert client.get('/v3/users/%s' % ids['admin_user_id'], token=demo_token).status_int == 403
    assert client.get('/v3/users/%s/projects' % ids['admin_user_id'], token=demo_token) \
        .status_int == 403


@pytest.mark.parametrize('method,path,action', [
    ('GET', '/v3/projects', 'identity:list_projects'),
    ('POST', '/v3/projects', 'identity:create_project'),
    ('GET', '/v3/users', 'identity:list_users'),
    ('POST', '/v3/users', 'identity:create_user'),
    ('GET', '/v3/roles', 'identity:list_roles'),
    ('GET', '/v3/domains', 'identity:list_domains'),
    ('GET', '/v3/services', 'identity:list_services'),
    ('POST', '/v3/endpoints', 'identity:create_endpoint'),
    ('GET', '/v3/role_assignments', 'identity:list_role_assignments'),
    ('PUT', '/v3/projects/x/users/y/roles/z', 'identity:create_grant'),
])
def test_member_gets_403(client, demo_token, method, path, action):
    body = {'project': {'name': 'sneaky'}} if method == 'POST' else None
    resp = client.request(method, path, body, token=demo_token)
    assert resp.status_int == 403
    assert resp.data == {'error': {
        'code': 403, 'title': 'Forbidden',
        'message': 'You are not authorized to perform the requested action: %s.' % action}}


def test_no_token_401(client):
    resp = client.get('/v3/projects')
    assert resp.status_int == 401
    assert resp.headers['WWW-Authenticate'] == 'Keystone uri="http://localhost"'


def test_domain_crud(client, admin_token):
    domain = conftest.create(client, admin_token, 'domains', 'domain', {'name': 'Other'})
    url = '/v3/domains/%s' % domain['id']
    conftest.create(client, admin_token, 'projects', 'project', {'name': 'p', 'domain_id': domain['id']})
    assert client.get('/v3/projects?domain_id=%s' % domain['id'], token=admin_token) \
        .data['projects'][0]['name'] == 'p'
    assert client.delete(url, token=admin_token).status_int == 403
    assert client.patch(url, {'domain': {'enabled': False}}, token=admin_token).status_int == 200
    assert client.delete(url, token=admin_token).status_int == 204
    assert client.get('/v3/projects?domain_id=%s' % domain['id'], token=admin_token) \
        .data['projects'] == []
    assert client.get('/v3/domains?name=Default', token=admin_token) \
        .data['domains'][0]['id'] == 'default'
