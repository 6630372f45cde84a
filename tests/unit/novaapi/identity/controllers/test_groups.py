"""``/v3/groups``: CRUD, members, group grants and what their members' tokens carry."""

from novaapi.identity import tokens
from tests.unit.novaapi.identity import conftest


def _setup(client, admin_token, ids):
    group = conftest.create(client, admin_token, 'groups', 'group',
                            {'name': 'devs', 'description': 'developers'})
    user = conftest.create(client, admin_token, 'users', 'user', {'name': 'carol',
                                                                   'password': 'pw'})
    return group, user


def test_group_crud_and_membership(client, admin_token, demo_token, ids):
    group, user = _setup(client, admin_token, ids)
    assert group['domain_id'] == 'default' and group['description'] == 'developers'
    assert group['links']['self'].endswith('/v3/groups/%s' % group['id'])
    assert client.post('/v3/groups', {'group': {'name': 'devs'}}, token=admin_token) \
        .status_int == 409
    assert client.post('/v3/groups', {'group': {'name': 'x'}}, token=demo_token).status_int == 403
    listed = client.get('/v3/groups?name=devs', token=admin_token).data['groups']
    assert [g['id'] for g in listed] == [group['id']]
    renamed = client.patch('/v3/groups/%s' % group['id'], {'group': {'name': 'developers'}},
                           token=admin_token)
    assert renamed.data['group']['name'] == 'developers'
    member = '/v3/groups/%s/users/%s' % (group['id'], user['id'])
    assert client.get(member, token=admin_token).status_int == 404
    assert client.put(member, token=admin_token).status_int == 204
    assert client.put(member, token=admin_token).status_int == 204
    assert client.request('HEAD', member, token=admin_token).status_int == 204
    users = client.get('/v3/groups/%s/users' % group['id'], token=admin_token).data['users']
    assert [u['name'] for u in users] == ['carol']
    mine = client.get('/v3/users/%s/groups' % user['id'], token=admin_token).data['groups']
    assert [(g['name'], g['membership_expires_at']) for g in mine] == [('developers', None)]
    assert client.put('/v3/groups/%s/users/nobody' % group['id'], token=admin_token) \
        .status_int == 404
    assert client.delete(member, token=admin_token).status_int == 204
    gone = client.delete(member, token=admin_token)
    assert gone.status_int == 404
    assert gone.data['error']['message'] == "User '%s' not found in group '%s'" % (
        user['id'], group['id'])
    assert client.delete('/v3/groups/%s' % group['id'], token=admin_token).status_int == 204
    assert client.get('/v3/groups/%s' % group['id'], token=admin_token).status_int == 404


def test_group_grants_reach_members_tokens_and_effective_assignments(client, admin_token, ids):
    group, user = _setup(client, admin_token, ids)
    member_role = conftest.role_id(client, admin_token, 'member')
    project = ids['demo_project_id']
    assert client.post('/v3/auth/tokens', conftest.password_auth('carol', 'pw', 'demo')) \
        .status_int == 401
    grant = '/v3/projects/%s/groups/%s/roles/%s' % (project, group['id'], member_role)
    assert client.put(grant, token=admin_token).status_int == 204
    assert client.get(grant, token=admin_token).status_int == 204
    roles = client.get('/v3/projects/%s/groups/%s/roles' % (project, group['id']),
                       token=admin_token).data['roles']
    assert [r['name'] for r in roles] == ['member']
    client.put('/v3/groups/%s/users/%s' % (group['id'], user['id']), token=admin_token)
    login = client.post('/v3/auth/tokens', conftest.password_auth('carol', 'pw', 'demo'))
    assert login.status_int == 201
    assert sorted(r['name'] for r in login.data['token']['roles']) == ['member', 'reader']
    carol_token = login.headers['X-Subject-Token']
    projects = client.get('/v3/auth/projects', token=carol_token).data['projects']
    assert [p['id'] for p in projects] == [project]
    effective = client.get('/v3/role_assignments?user.id=%s&effective&include_names'
                           % user['id'], token=admin_token).data['role_assignments']
    assert sorted(r['role']['name'] for r in effective) == ['member', 'reader']
    direct = [r for r in effective if r['role']['name'] == 'member'][0]
    assert direct['user'] == {'id': user['id'], 'name': 'carol',
                              'domain': {'id': 'default', 'name': 'Default'}}
    assert direct['links']['assignment'].endswith(grant)
    assert direct['links']['membership'].endswith('/v3/groups/%s/users/%s' % (group['id'],
                                                                               user['id']))
    plain = client.get('/v3/role_assignments?group.id=%s' % group['id'], token=admin_token)
    assert plain.data['role_assignments'][0]['group'] == {'id': group['id']}
    refused = client.get('/v3/role_assignments?group.id=%s&effective' % group['id'],
                         token=admin_token)
    assert refused.status_int == 400
    client.delete('/v3/groups/%s/users/%s' % (group['id'], user['id']), token=admin_token)
    assert tokens.validate(carol_token) is None
    assert client.delete('/v3/groups/%s' % group['id'], token=admin_token).status_int == 204
    assert client.get('/v3/role_assignments?scope.project.id=%s' % project,
                      token=admin_token).data['role_assignments'][0]['user']


def test_domain_and_system_grants_and_scoped_tokens(client, admin_token, demo_token, ids):
    group, user = _setup(client, admin_token, ids)
    reader = conftest.role_id(client, admin_token, 'reader')
    domain_grant = '/v3/domains/default/users/%s/roles/%s' % (user['id'], reader)
    assert client.put(domain_grant, token=admin_token).status_int == 204
    assert client.put(domain_grant, token=demo_token).status_int == 403
    auth = conftest.password_auth('carol', 'pw')
    auth['auth']['scope'] = {'domain': {'name': 'Default'}}
    domain_token = client.post('/v3/auth/tokens', auth)
    assert domain_token.status_int == 201, domain_token.body
    body = domain_token.data['token']
    assert body['domain'] == {'id': 'default', 'name': 'Default'} and 'project' not in body
    assert [r['name'] for r in body['roles']] == ['reader'] and body['catalog']
    domains = client.get('/v3/auth/domains',
                         token=domain_token.headers['X-Subject-Token']).data['domains']
    assert [d['id'] for d in domains] == ['default']
    auth['auth']['scope'] = {'system': {'all': True}}
    assert client.post('/v3/auth/tokens', auth).status_int == 401
    system_grant = '/v3/system/groups/%s/roles/%s' % (group['id'], reader)
    assert client.put(system_grant, token=admin_token).status_int == 204
    client.put('/v3/groups/%s/users/%s' % (group['id'], user['id']), token=admin_token)
    system_token = client.post('/v3/auth/tokens', auth)
    assert system_token.status_int == 201
    assert system_token.data['token']['system'] == {'all': True}
    subject = system_token.headers['X-Subject-Token']
    assert client.get('/v3/auth/system', token=subject).data['system'] == [{'all': True}]
    info = tokens.validate(subject)
    assert info.system and info.project_id is None and info.roles == ['reader']
    listed = client.get('/v3/system/groups/%s/roles' % group['id'], token=admin_token)
    assert [r['name'] for r in listed.data['roles']] == ['reader']
    system_rows = client.get('/v3/role_assignments?scope.system=all&include_names',
                             token=admin_token).data['role_assignments']
    assert {'system': {'all': True}} in [r['scope'] for r in system_rows]
    assert client.delete(system_grant, token=admin_token).status_int == 204
    assert tokens.validate(subject) is None
    assert client.get(system_grant, token=admin_token).status_int == 404
    admin_auth = conftest.password_auth('admin', conftest.ADMIN_PASSWORD)
    admin_auth['auth']['scope'] = {'system': {'all': True}}
    admin_system = client.post('/v3/auth/tokens', admin_auth)
    assert admin_system.status_int == 201
    assert 'admin' in [r['name'] for r in admin_system.data['token']['roles']]
    client.patch('/v3/domains/default', {'domain': {'enabled': False}}, token=admin_token)
    assert tokens.validate(domain_token.headers['X-Subject-Token']) is None
