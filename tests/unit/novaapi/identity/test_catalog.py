"""Services, endpoints and regions."""

import sqlalchemy as sa

from novaapi.db import engine
from novaapi.identity import models
from tests.unit.novaapi.identity import conftest


def test_service_endpoint_region(client, admin_token):
    service = conftest.create(client, admin_token, 'services', 'service',
                              {'type': 'volumev3', 'name': 'cinder'})
    endpoint = conftest.create(client, admin_token, 'endpoints', 'endpoint', {
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
