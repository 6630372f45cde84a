"""Routers over WSGI: gateway on the external network, interfaces, static routes, in-use rules."""

import pytest

from novaapi.network import app
from tests.unit.novaapi.network.conftest import Client


@pytest.fixture
def client(ids):
    return Client(app.build())


def _id(client, token, kind, name):
    return client.get('/v2.0/%s?name=%s' % (kind, name), token=token).data[kind][0]['id']


@pytest.fixture
def subnet(client, demo_token):
    net = client.post('/v2.0/networks', {'network': {'name': 'net1'}}, token=demo_token).data
    resp = client.post('/v2.0/subnets', {'subnet': {'network_id': net['network']['id'],
                                                    'cidr': '192.168.9.0/24', 'name': 'sub1'}},
                       token=demo_token)
    assert resp.status_int == 201, resp.body
    return resp.data['subnet']


def _error(resp, status, kind):
    assert resp.status_int == status, resp.body
    assert resp.data['NeutronError']['type'] == kind, resp.body
    return resp.data['NeutronError']['message']


def test_router_with_gateway_interfaces_and_routes(client, demo_token, subnet):
    public = _id(client, demo_token, 'networks', 'public')
    resp = client.post('/v2.0/routers', {'router': {'name': 'r1', 'external_gateway_info': {
        'network_id': public}}}, token=demo_token)
    assert resp.status_int == 201, resp.body
    router = resp.data['router']
    info = router['external_gateway_info']
    assert (info['network_id'], info['enable_snat']) == (public, True)
    [gw_ip] = info['external_fixed_ips']
    assert gw_ip['ip_address'].startswith('172.24.4.')
    assert (router['routes'], router['status'], router['admin_state_up']) == ([], 'ACTIVE', True)
    url = '/v2.0/routers/%s' % router['id']
    # SNAT and addresses are the admin's
    resp = client.put(url, {'router': {'external_gateway_info': {'network_id': public,
                                                                 'enable_snat': False}}},
                      token=demo_token)
    _error(resp, 403, 'PolicyNotAuthorized')
    resp = client.put(url + '/add_router_interface', {'subnet_id': subnet['id']},
                      token=demo_token)
    assert resp.status_int == 200, resp.body
    iface = resp.data
    assert (iface['id'], iface['subnet_id'], iface['subnet_ids'], iface['network_id']) == (
        router['id'], subnet['id'], [subnet['id']], subnet['network_id'])
    port = client.get('/v2.0/ports/%s' % iface['port_id'], token=demo_token).data['port']
    assert (port['device_owner'], port['device_id'], port['fixed_ips'][0]['ip_address'],
            port['security_groups']) == ('network:router_interface', router['id'],
                                         '192.168.9.1', [])
    listed = client.get('/v2.0/ports?device_id=%s' % router['id'], token=demo_token).data
    assert [p['id'] for p in listed['ports']] == [iface['port_id']]
    _error(client.put(url + '/add_router_interface', {'subnet_id': subnet['id']},
                      token=demo_token), 400, 'BadRequest')
    _error(client.put(url + '/add_router_interface', {}, token=demo_token), 400, 'BadRequest')
    _error(client.put(url + '/add_router_interface', {'subnet_id': 'x'}, token=demo_token),
           400, 'BadRequest')
    _error(client.delete('/v2.0/ports/%s' % iface['port_id'], token=demo_token), 409,
           'ServicePortInUse')
    _error(client.delete('/v2.0/subnets/%s' % subnet['id'], token=demo_token), 409,
           'SubnetInUse')
    # static routes: the nexthop must be on a subnet of the router
    resp = client.put(url, {'router': {'routes': [{'destination': '10.9.0.0/16',
                                                   'nexthop': '192.168.9.20'}]}},
                      token=demo_token)
    assert resp.status_int == 200, resp.body
    assert resp.data['router']['routes'] == [{'destination': '10.9.0.0/16',
                                              'nexthop': '192.168.9.20'}]
    _error(client.put(url, {'router': {'routes': [{'destination': '10.9.0.0/16',
                                                   'nexthop': '10.1.1.1'}]}}, token=demo_token),
           400, 'InvalidRoutes')
    resp = client.put(url + '/add_extraroutes', {'router': {'routes': [
        {'destination': '10.8.0.0/16', 'nexthop': '192.168.9.21'}]}}, token=demo_token)
    assert len(resp.data['router']['routes']) == 2, resp.body
    _error(client.put(url + '/remove_router_interface', {'subnet_id': subnet['id']},
                      token=demo_token), 409, 'RouterInterfaceInUseByRoute')
    resp = client.put(url, {'router': {'routes': []}}, token=demo_token)
    _error(client.delete(url, token=demo_token), 409, 'RouterInUse')
    resp = client.put(url + '/remove_router_interface', {'subnet_id': subnet['id']},
                      token=demo_token)
    assert resp.status_int == 200 and resp.data['port_id'] == iface['port_id'], resp.body
    _error(client.put(url + '/remove_router_interface', {'subnet_id': subnet['id']},
                      token=demo_token), 404, 'RouterInterfaceNotFoundForSubnet')
    _error(client.put(url + '/remove_router_interface', {'port_id': iface['port_id']},
                      token=demo_token), 404, 'RouterInterfaceNotFound')
    resp = client.put(url, {'router': {'external_gateway_info': {}}}, token=demo_token)
    assert resp.data['router']['external_gateway_info'] is None, resp.body
    assert client.delete(url, token=demo_token).status_int == 204
    _error(client.get(url, token=demo_token), 404, 'RouterNotFound')


def test_router_interface_by_port_and_rules(client, demo_token, admin_token, subnet):
    router = client.post('/v2.0/routers', {'router': {'name': 'r2'}}, token=demo_token).data
    url = '/v2.0/routers/%s' % router['router']['id']
    assert router['router']['external_gateway_info'] is None
    port = client.post('/v2.0/ports', {'port': {'network_id': subnet['network_id']}},
                       token=demo_token).data['port']
    resp = client.put(url + '/add_router_interface', {'port_id': port['id']}, token=demo_token)
    assert resp.status_int == 200 and resp.data['port_id'] == port['id'], resp.body
    _error(client.put(url + '/add_router_interface', {'port_id': port['id']},
                      token=demo_token), 409, 'PortInUse')
    _error(client.put(url + '/add_router_interface', {'port_id': port['id'],
                                                      'subnet_id': subnet['id']},
                      token=demo_token), 400, 'BadRequest')
    other = client.post('/v2.0/subnets', {'subnet': {'network_id': subnet['network_id'],
                                                     'cidr': '192.168.10.0/24'}},
                        token=demo_token).data['subnet']
    _error(client.put(url + '/remove_router_interface', {'port_id': port['id'],
                                                         'subnet_id': other['id']},
                      token=demo_token), 400, 'SubnetMismatchForPort')
    # the shared network's subnet belongs to another project
    private = client.get('/v2.0/subnets?name=private-subnet', token=demo_token).data
    _error(client.put(url + '/add_router_interface',
                      {'subnet_id': private['subnets'][0]['id']}, token=demo_token),
           400, 'BadRequest')
    # a private network is no gateway; other projects' routers are 404
    _error(client.put(url, {'router': {'external_gateway_info': {
        'network_id': subnet['network_id']}}}, token=demo_token), 400, 'BadRequest')
    admin_router = client.post('/v2.0/routers', {'router': {'name': 'adm'}},
                               token=admin_token).data['router']
    _error(client.get('/v2.0/routers/%s' % admin_router['id'], token=demo_token), 404,
           'RouterNotFound')
    names = [r['name'] for r in client.get('/v2.0/routers', token=demo_token).data['routers']]
    assert names == ['r2']
    resp = client.put(url + '/remove_router_interface', {'port_id': port['id']},
                      token=demo_token)
    assert resp.status_int == 200, resp.body
    _error(client.get('/v2.0/ports/%s' % port['id'], token=demo_token), 404, 'PortNotFound')


def test_router_quota(client, demo_token, admin_token, ids):
    resp = client.put('/v2.0/quotas/%s' % ids['demo_project_id'], {'quota': {'router': 1}},
                      token=admin_token)
    assert resp.status_int == 200, resp.body
    assert client.post('/v2.0/routers', {'router': {}}, token=demo_token).status_int == 201
    _error(client.post('/v2.0/routers', {'router': {}}, token=demo_token), 409, 'OverQuota')
    assert len(client.get('/v2.0/routers', token=demo_token).data['routers']) == 1


def test_router_ports_hold_the_gateway_and_the_external_flag(client, demo_token, admin_token,
                                                              subnet):
    public = _id(client, admin_token, 'networks', 'public')
    router = client.post('/v2.0/routers', {'router': {'external_gateway_info': {
        'network_id': public}}}, token=demo_token).data['router']
    client.put('/v2.0/routers/%s/add_router_interface' % router['id'],
               {'subnet_id': subnet['id']}, token=demo_token)
    _error(client.put('/v2.0/subnets/%s' % subnet['id'],
                      {'subnet': {'gateway_ip': '192.168.9.254'}}, token=demo_token),
           409, 'GatewayIpInUse')
    _error(client.put('/v2.0/networks/%s' % public, {'network': {'router:external': False}},
                      token=admin_token), 409, 'ExternalNetworkInUse')
    _error(client.delete('/v2.0/networks/%s' % public, token=admin_token), 409, 'NetworkInUse')
