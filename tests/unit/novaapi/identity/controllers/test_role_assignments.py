"""Roles, grants, role assignments and implied roles."""

from tests.unit.novaapi.identity import conftest


def test_grants(client, admin_token, ids):
    reader = conftest.role_id(client, admin_token, 'reader')
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
    member = conftest.role_id(client, admin_token, 'member')
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
    admin, manager = (conftest.role_id(client, admin_token, n) for n in ('admin', 'manager'))
    resp = client.get('/v3/roles/%s/implies' % admin, token=admin_token)
    assert [r['name'] for r in resp.data['role_inference']['implies']] == ['manager']
    inferences = client.get('/v3/role_inferences', token=admin_token).data['role_inferences']
    assert {i['prior_role']['name'] for i in inferences} == {'admin', 'manager', 'member'}
    new = conftest.create(client, admin_token, 'roles', 'role', {'name': 'auditor'})
    url = '/v3/roles/%s/implies/%s' % (new['id'], manager)
    assert client.put(url, token=admin_token).status_int == 201
    assert client.request('HEAD', url, token=admin_token).status_int == 204
    assert client.get(url, token=admin_token).data['role_inference']['implies']['name'] == \
        'manager'
    assert client.delete(url, token=admin_token).status_int == 204
    assert client.get(url, token=admin_token).status_int == 404


def test_role_crud(client, admin_token):
    role = conftest.create(client, admin_token, 'roles', 'role', {'name': 'observer'})
    assert role['domain_id'] is None and role['options'] == {}
    url = '/v3/roles/%s' % role['id']
    assert client.patch(url, {'role': {'description': 'd'}}, token=admin_token) \
        .data['role']['description'] == 'd'
    assert client.delete(url, token=admin_token).status_int == 204
    assert client.get(url, token=admin_token).status_int == 404
