"""``/v3/domains``: CRUD and the projects of a domain."""

from tests.unit.novaapi.identity import conftest


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
