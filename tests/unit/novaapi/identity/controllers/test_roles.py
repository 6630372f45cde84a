"""``/v3/roles`` and implied roles."""

from tests.unit.novaapi.identity import conftest


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


def test_a_limit_cuts_other_lists_and_says_truncated_only_when_more_matched(client, admin_token):
    every = client.get('/v3/roles', token=admin_token).data['roles']
    cut = client.get('/v3/roles?limit=2', token=admin_token).data
    assert [r['id'] for r in cut['roles']] == [r['id'] for r in every[:2]]
    assert cut['truncated'] is True
    assert cut['links']['next'] == 'http://localhost/v3/roles?limit=2&marker=%s' % every[1]['id']
    whole = client.get('/v3/roles?limit=%d' % len(every), token=admin_token).data
    assert len(whole['roles']) == len(every) and 'truncated' not in whole
    assert whole['links']['next'] is None
