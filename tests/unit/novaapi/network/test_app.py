"""The network endpoint over WSGI: discovery, auth, networks, subnets, ports, security groups."""

import pytest

from novaapi.network import app
from tests.unit.novaapi.network.conftest import Client


@pytest.fixture
def client(ids):
    return Client(app.build())


@pytest.fixture
def private(client, demo_token):
    return client.get('/v2.0/networks?name=private', token=demo_token).data['networks'][0]


def test_root_lists_v2_0_without_a_token(client):
    resp = client.get('/')
    assert resp.status_int == 200
    assert resp.data['versions'][0]['id'] == 'v2.0'


def test_missing_token_is_401(client):
    resp = client.get('/v2.0/networks')
    assert resp.status_int == 401
    assert resp.data['error']['code'] == 401


def test_shared_private_network_is_visible_to_every_project(client, ids, demo_token, admin_token):
    for token in (demo_token, admin_token):
        network, public = client.get('/v2.0/networks', token=token).data['networks']
        assert (network['name'], network['shared'], network['router:external'],
                network['status']) == ('private', True, False, 'ACTIVE')
        assert network['project_id'] == network['tenant_id'] == ids['admin_project_id']
        assert (public['name'], public['shared'], public['router:external'],
                public['is_default']) == ('public', False, True, True)


def test_network_filters_and_fields(client, private, demo_token, ids):
    def names(query):
        resp = client.get('/v2.0/networks?' + query, token=demo_token)
        assert resp.status_int == 200, resp.body
        return [n['name'] for n in resp.data['networks']]

    assert names('name=private') == ['private']
    assert names('name=other') == []
    assert names('shared=true') == ['private']
    assert names('shared=false') == ['public']
    assert names('router:external=false') == ['private']
    assert names('router:external=true') == ['public']
    assert names('id=%s' % private['id']) == ['private']
    assert names('tenant_id=%s' % ids['admin_project_id']) == ['private', 'public']
    assert names('project_id=%s' % ids['demo_project_id']) == []
    resp = client.get('/v2.0/networks?shared=maybe', token=demo_token)
    assert resp.status_int == 400
    assert resp.data['NeutronError']['type'] == 'InvalidInput'
    fields = client.get('/v2.0/networks?fields=id&fields=name&name=private', token=demo_token).data
    assert fields['networks'] == [{'id': private['id'], 'name': 'private'}]


def test_show_network_and_404(client, private, demo_token):
    resp = client.get('/v2.0/networks/%s' % private['id'], token=demo_token)
    assert resp.status_int == 200 and resp.data['network']['id'] == private['id']
    resp = client.get('/v2.0/networks/nope', token=demo_token)
    assert resp.status_int == 404
    assert resp.data == {'NeutronError': {'type': 'NetworkNotFound', 'detail': '',
                                          'message': 'Network nope could not be found.'}}


def test_create_network(client, demo_token, ids):
    resp = client.post('/v2.0/networks', {'network': {'name': 'mine'}}, token=demo_token)
    assert resp.status_int == 201, resp.body
    assert resp.data['network']['project_id'] == ids['demo_project_id']
    assert resp.data['network']['subnets'] == []
    resp = client.post('/v2.0/networks', {'network': {'name': 'x', 'shared': True}}, token=demo_token)
    assert resp.status_int == 403
    assert resp.data['NeutronError']['type'] == 'PolicyNotAuthorized'
    resp = client.post('/v2.0/networks', {'network': {'bogus': 1}}, token=demo_token)
    assert resp.status_int == 400
    assert client.post('/v2.0/networks', {'net': {}}, token=demo_token).status_int == 400


def test_subnets(client, private, demo_token):
    (subnet,) = client.get('/v2.0/subnets?name=private-subnet', token=demo_token).data['subnets']
    assert subnet['id'] == private['subnets'][0]
    assert (subnet['name'], subnet['cidr'], subnet['gateway_ip'], subnet['ip_version'],
            subnet['allocation_pools']) == ('private-subnet', '10.0.0.0/24', '10.0.0.1', 4,
                                            [{'start': '10.0.0.2', 'end': '10.0.0.254'}])
    assert client.get('/v2.0/subnets/%s' % subnet['id'], token=demo_token).status_int == 200
    resp = client.get('/v2.0/subnets/nope', token=demo_token)
    assert resp.status_int == 404 and resp.data['NeutronError']['type'] == 'SubnetNotFound'
    assert client.get('/v2.0/subnets?network_id=nope', token=demo_token).data == {'subnets': []}


def test_port_create_list_update_delete(client, private, demo_token, admin_token, ids):
    resp = client.post('/v2.0/ports', {'port': {'network_id': private['id'], 'name': 'p1'}},
                       token=demo_token)
    assert resp.status_int == 201, resp.body
    port = resp.data['port']
    assert port['mac_address'].startswith('fa:16:3e:')
    assert port['fixed_ips'] == [{'subnet_id': private['subnets'][0], 'ip_address': '10.0.0.2'}]
    assert (port['status'], port['device_id'], port['project_id']) == (
        'DOWN', '', ids['demo_project_id'])
    assert len(port['security_groups']) == 1
    second = client.post('/v2.0/ports', {'port': {'network_id': private['id']}},
                         token=demo_token).data['port']
    assert second['fixed_ips'][0]['ip_address'] == '10.0.0.3'
    assert second['mac_address'] != port['mac_address']

    def ids_of(query, token=demo_token):
        return [p['id'] for p in client.get('/v2.0/ports' + query, token=token).data['ports']]

    assert ids_of('') == [port['id'], second['id']]
    assert ids_of('?fixed_ips=ip_address%3D10.0.0.3') == [second['id']]
    assert ids_of('?network_id=%s&id=%s' % (private['id'], port['id'])) == [port['id']]
    resp = client.put('/v2.0/ports/%s' % port['id'],
                      {'port': {'device_id': 'server-1', 'device_owner': 'compute:nova'}},
                      token=demo_token)
    assert resp.status_int == 200 and resp.data['port']['status'] == 'ACTIVE'
    assert ids_of('?device_id=server-1') == [port['id']]
    # Another project neither sees nor touches the port; admin sees it.
    other = client.post('/v2.0/networks', {'network': {'name': 'n'}}, token=admin_token)
    assert other.status_int == 201
    assert ids_of('?device_id=server-1', token=admin_token) == [port['id']]
    assert client.delete('/v2.0/ports/%s' % port['id'], token=demo_token).status_int == 204
    resp = client.get('/v2.0/ports/%s' % port['id'], token=demo_token)
    assert resp.status_int == 404
    assert resp.data['NeutronError'] == {'type': 'PortNotFound', 'detail': '',
                                         'message': 'Port %s could not be found.' % port['id']}


def test_port_is_private_to_its_project(client, private, demo_token, admin_token):
    port = client.post('/v2.0/ports', {'port': {'network_id': private['id']}},
                       token=admin_token).data['port']
    assert client.get('/v2.0/ports/%s' % port['id'], token=demo_token).status_int == 404
    assert client.delete('/v2.0/ports/%s' % port['id'], token=demo_token).status_int == 404
    assert client.get('/v2.0/ports', token=demo_token).data == {'ports': []}


def test_port_fixed_ip_requests(client, private, demo_token):
    def create(ip):
        return client.post('/v2.0/ports', {'port': {'network_id': private['id'],
                                                     'fixed_ips': [{'ip_address': ip}]}},
                           token=demo_token)

    resp = create('10.0.0.50')
    assert resp.status_int == 201 and resp.data['port']['fixed_ips'][0]['ip_address'] == '10.0.0.50'
    resp = create('10.0.0.50')
    assert resp.status_int == 409
    assert resp.data['NeutronError']['type'] == 'IpAddressAlreadyAllocated'
    resp = create('192.168.1.1')
    assert resp.status_int == 400
    assert resp.data['NeutronError']['type'] == 'InvalidIpForNetwork'
    assert create('not-an-ip').status_int == 400
    resp = client.post('/v2.0/ports', {'port': {}}, token=demo_token)
    assert resp.status_int == 400
    resp = client.post('/v2.0/ports', {'port': {'network_id': 'nope'}}, token=demo_token)
    assert resp.status_int == 404
    # The failed attempts left nothing behind.
    assert len(client.get('/v2.0/ports', token=demo_token).data['ports']) == 1


def test_default_security_group_per_project(client, demo_token, admin_token, ids):
    first = client.get('/v2.0/security-groups', token=demo_token).data['security_groups']
    again = client.get('/v2.0/security-groups', token=demo_token).data['security_groups']
    assert first == again
    (group,) = first
    assert (group['name'], group['project_id']) == ('default', ids['demo_project_id'])
    assert len(group['security_group_rules']) == 4
    assert client.get('/v2.0/security-groups/%s' % group['id'], token=demo_token).status_int == 200
    assert client.get('/v2.0/security-groups/nope', token=demo_token).status_int == 404
    admin_groups = client.get('/v2.0/security-groups', token=admin_token).data['security_groups']
    assert {g['project_id'] for g in admin_groups} == {ids['demo_project_id'],
                                                       ids['admin_project_id']}


def test_extensions_and_unknown_paths(client, demo_token):
    resp = client.get('/v2.0/extensions', token=demo_token)
    assert resp.status_int == 200 and isinstance(resp.data['extensions'], list)
    assert client.get('/v2.0/bgpvpns', token=demo_token).status_int == 404
    assert client.request('PATCH', '/v2.0/networks', token=demo_token).status_int == 405


def test_v2_0_lists_the_core_resources(client, demo_token):
    resp = client.get('/v2.0/', token=demo_token)
    assert resp.status_int == 200, resp.body
    assert [(r['name'], r['collection']) for r in resp.data['resources']] == [
        ('network', 'networks'), ('subnet', 'subnets'), ('port', 'ports')]
    assert resp.data['resources'][0]['links'] == [
        {'rel': 'self', 'href': 'http://localhost/v2.0/networks'}]
    assert client.post('/v2.0/', {}, token=demo_token).status_int == 405
    assert client.get('/v2.0/').status_int == 401
