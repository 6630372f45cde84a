"""Networks over the network endpoint: create, update, delete, in-use conflicts, policy."""

import pytest

from novaapi.network import app
from tests.unit.novaapi.network.conftest import Client


@pytest.fixture
def client(ids):
    return Client(app.build())


def test_network_lifecycle(client, demo_token):
    resp = client.post('/v2.0/networks', {'network': {'name': 'n1', 'tags': ['a', 'b']}},
                       token=demo_token)
    assert resp.status_int == 201, resp.body
    net = resp.data['network']
    assert net['tags'] == ['a', 'b']
    resp = client.put('/v2.0/networks/' + net['id'], {'network': {'name': 'n2', 'mtu': 1400}},
                      token=demo_token)
    assert resp.status_int == 200 and (resp.data['network']['name'],
                                       resp.data['network']['mtu']) == ('n2', 1400)
    resp = client.put('/v2.0/networks/' + net['id'], {'network': {'shared': True}},
                      token=demo_token)
    assert resp.status_int == 403 and resp.data['NeutronError']['type'] == 'PolicyNotAuthorized'
    assert [n['name'] for n in client.get('/v2.0/networks?tags=a', token=demo_token)
            .data['networks']] == ['n2']
    assert client.get('/v2.0/networks?not-tags-any=b&name=n2',
                      token=demo_token).data['networks'] == []
    resp = client.post('/v2.0/subnets', {'subnet': {'network_id': net['id'],
                                                    'cidr': '192.168.5.0/24',
                                                    'ip_version': 4}}, token=demo_token)
    assert resp.status_int == 201, resp.body
    port = client.post('/v2.0/ports', {'port': {'network_id': net['id']}},
                       token=demo_token).data['port']
    resp = client.delete('/v2.0/networks/' + net['id'], token=demo_token)
    assert resp.status_int == 409 and resp.data['NeutronError']['type'] == 'NetworkInUse'
    assert client.delete('/v2.0/ports/' + port['id'], token=demo_token).status_int == 204
    assert client.delete('/v2.0/networks/' + net['id'], token=demo_token).status_int == 204
    resp = client.get('/v2.0/subnets?network_id=' + net['id'], token=demo_token)
    assert resp.data == {'subnets': []}


def test_shared_network_of_another_project_cannot_be_changed(client, demo_token):
    private = client.get('/v2.0/networks?name=private', token=demo_token).data['networks'][0]
    for resp in (client.put('/v2.0/networks/' + private['id'], {'network': {'name': 'x'}},
                            token=demo_token),
                 client.delete('/v2.0/networks/' + private['id'], token=demo_token)):
        assert resp.status_int == 403, resp.body


def test_paging_links(client, demo_token):
    for n in range(3):
        client.post('/v2.0/networks', {'network': {'name': 'p%d' % n}}, token=demo_token)
    page = client.get('/v2.0/networks?limit=2&sort_key=name&sort_dir=asc',
                      token=demo_token).data
    assert [n['name'] for n in page['networks']] == ['p0', 'p1']
    rels = {link['rel']: link['href'] for link in page['networks_links']}
    assert set(rels) == {'next', 'previous'}
    following = client.get(rels['next'].split('9696')[-1].replace('http://localhost', ''),
                           token=demo_token).data
    assert [n['name'] for n in following['networks']] == ['p2', 'private']
    resp = client.get('/v2.0/networks?limit=x', token=demo_token)
    assert resp.status_int == 400
    resp = client.get('/v2.0/networks?bogus=1', token=demo_token)
    assert resp.status_int == 400 and resp.data['NeutronError']['type'] == 'HTTPBadRequest'
