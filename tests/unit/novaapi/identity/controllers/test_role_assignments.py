"""``/v3/role_assignments``: by user, by project, effective, and the filters Keystone refuses."""

from tests.unit.novaapi.identity import conftest


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
