"""Role grants of users on projects, and what a token loses with its last role."""

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
