"""The admin half of the v3 API: domains, projects, users, roles, grants, catalog."""

import pytest
import sqlalchemy as sa

from novaapi.db import engine
from novaapi.identity import models
from novaapi.identity import passwords
from tests.unit.identity import conftest


def _create(client, token, collection, key, ref):
    resp = client.post('/v3/%s' % collection, {key: ref}, token=token)
    assert resp.status_int == 201, resp.body
    return resp.data[key]


def test_project_crud(client, admin_token):
    project = _create(client, admin_token, 'projects', 'project',
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
    user = _create(client, admin_token, 'users', 'user', {
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
        ids['demo_project_id'], user['id'], _role_id(client, admin_token, 'reader')),
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


def _role_id(client, token, name):
    return client.get('/v3/roles?name=%s' % name, token=token).data['roles'][0]['id']


def test_grants(client, admin_token, ids):
    reader = _role_id(client, admin_token, 'reader')
    url = '/v3/projects/%s/users/%s/roles' % (ids['admin_project_id'], ids['demo_user_id'])
    assert client.request('HEAD', '%s/%s' % (url, reader), token=admin_token).status_int == 404
    assert client.put('%s/%s' % (url, reader), token=admin_token).status_int == 204
    assert client.request('HEAD', '%s/%s' % (url, reader), token=admin_token).status_int == 204
    roles = client.get(url, token=admin_token).data['roles']
    assert [r['name'] for r in roles] == ['reader']
    token = client.token('demo', project='admin')
    resp = client.get('/v3/auth/tokens', token=admin_token, headers={'X-Subject-Token': token})
    assert [r['name'] for r in resp.data['token']['roles']] == ['reader']
    assert client.delete('%s/%s' % (url, reader), token=admin_token).status_int == 204
    resp = client.delete('%s/%s' % (url, reader), token=admin_token)
    assert resp.status_int == 404 and 'Could not find role assignment' in resp.body.decode()
    # the scoped token lost its only role, so it is no longer valid
    assert client.get('/v3/auth/projects', token=token).status_int == 401
    resp = client.put('%s/%s' % (url, 'nope'), token=admin_token)
    assert resp.data['error']['message'] == 'Could not find role: nope.'


def test_role_assignments(client, admin_token, ids):
    resp = client.get('/v3/role_assignments?user.id=%s' % ids['demo_user_id'], token=admin_token)
    (only,) = resp.data['role_assignments']
    member = _role_id(client, admin_token, 'member')
    assert only == {
        'user': {'id': ids['demo_user_id']},
        'scope': {'project': {'id': ids['demo_project_id']}},
        'role': {'id': member},
        'links': {'assignment': 'http://localhost/v3/projects/%s/users/%s/roles/%s' % (
            ids['demo_project_id'], ids['demo_user_id'], member)}}
    resp = client.get('/v3/role_assignments?scope.project.id=%s&effective&include_names'
                      % ids['admin_project_id'], token=admin_token)
    refs = resp.data['role_assignments']
    assert sorted(r['role']['name'] for r in refs) == ['admin', 'manager', 'member', 'reader']
    assert refs[0]['user']['name'] == 'admin'
    assert refs[0]['scope']['project']['domain'] == {'id': 'default', 'name': 'Default'}
    implied = [r for r in refs if r['role']['name'] == 'reader'][0]
    assert 'prior_role' in implied['links']
    resp = client.get('/v3/role_assignments?effective&role.id=%s' % member, token=admin_token)
    assert {r['user']['id'] for r in resp.data['role_assignments']} == {
        ids['admin_user_id'], ids['demo_user_id']}
    resp = client.get('/v3/role_assignments?user.id=x&group.id=y', token=admin_token)
    assert resp.status_int == 400


def test_implied_roles(client, admin_token):
    admin, manager = (_role_id(client, admin_token, n) for n in ('admin', 'manager'))
    resp = client.get('/v3/roles/%s/implies' % admin, token=admin_token)
    assert [r['name'] for r in resp.data['role_inference']['implies']] == ['manager']
    inferences = client.get('/v3/role_inferences', token=admin_token).data['role_inferences']
    assert {i['prior_role']['name'] for i in inferences} == {'admin', 'manager', 'member'}
    new = _create(client, admin_token, 'roles', 'role', {'name': 'auditor'})
    url = '/v3/roles/%s/implies/%s' % (new['id'], manager)
    assert client.put(url, token=admin_token).status_int == 201
    assert client.request('HEAD', url, token=admin_token).status_int == 204
    assert client.get(url, token=admin_token).data['role_inference']['implies']['name'] == \
        'manager'
    assert client.delete(url, token=admin_token).status_int == 204
    assert client.get(url, token=admin_token).status_int == 404


def test_role_crud(client, admin_token):
    role = _create(client, admin_token, 'roles', 'role', {'name': 'observer'})
    assert role['domain_id'] is None and role['options'] == {}
    url = '/v3/roles/%s' % role['id']
    assert client.patch(url, {'role': {'description': 'd'}}, token=admin_token) \
        .data['role']['description'] == 'd'
    assert client.delete(url, token=admin_token).status_int == 204
    assert client.get(url, token=admin_token).status_int == 404


def test_domain_crud(client, admin_token):
    domain = _create(client, admin_token, 'domains', 'domain', {'name': 'Other'})
    url = '/v3/domains/%s' % domain['id']
    _create(client, admin_token, 'projects', 'project', {'name': 'p', 'domain_id': domain['id']})
    assert client.get('/v3/projects?domain_id=%s' % domain['id'], token=admin_token) \
        .data['projects'][0]['name'] == 'p'
    assert client.delete(url, token=admin_token).status_int == 403
    assert client.patch(url, {'domain': {'enabled': False}}, token=admin_token).status_int == 200
    assert client.delete(url, token=admin_token).status_int == 204
    assert client.get('/v3/projects?domain_id=%s' % domain['id'], token=admin_token) \
        .data['projects'] == []
    assert client.get('/v3/domains?name=Default', token=admin_token) \
        .data['domains'][0]['id'] == 'default'


def test_service_endpoint_region(client, admin_token):
    service = _create(client, admin_token, 'services', 'service',
                      {'type': 'volumev3', 'name': 'cinder'})
    endpoint = _create(client, admin_token, 'endpoints', 'endpoint', {
        'service_id': service['id'], 'interface': 'public', 'url': 'http://x:8776/v3',
        'region_id': 'RegionTwo'})
    assert endpoint['region'] == 'RegionTwo'
    regions = client.get('/v3/regions', token=admin_token).data['regions']
    assert {r['id'] for r in regions} == {'RegionOne', 'RegionTwo'}
    listed = client.get('/v3/endpoints?service_id=%s&interface=public' % service['id'],
                        token=admin_token).data['endpoints']
    assert [e['id'] for e in listed] == [endpoint['id']]
    assert len(client.get('/v3/endpoints?interface=admin', token=admin_token)
               .data['endpoints']) == 4
    assert client.get('/v3/services?type=compute', token=admin_token) \
        .data['services'][0]['name'] == 'nova'
    resp = client.patch('/v3/endpoints/%s' % endpoint['id'],
                        {'endpoint': {'url': 'http://y:8776/v3'}}, token=admin_token)
    assert resp.data['endpoint']['url'] == 'http://y:8776/v3'
    assert client.delete('/v3/services/%s' % service['id'], token=admin_token).status_int == 204
    assert client.get('/v3/endpoints/%s' % endpoint['id'], token=admin_token).status_int == 404
    resp = client.post('/v3/endpoints', {'endpoint': {'service_id': 'x', 'interface': 'bogus',
                                                      'url': 'http://z'}}, token=admin_token)
    assert resp.status_int == 400
    with engine.transaction() as sess:
        assert sess.scalar(sa.select(sa.func.count()).select_from(models.Endpoint)) == 12
