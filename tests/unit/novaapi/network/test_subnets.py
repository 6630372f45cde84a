"""Subnets over the network endpoint: defaults, pools, validation, in-use conflicts."""

import pytest

from novaapi.network import app
from tests.unit.novaapi.network.conftest import Client


@pytest.fixture
def client(ids):
    return Client(app.build())


@pytest.fixture
def net(client, demo_token):
    return client.post('/v2.0/networks', {'network': {'name': 'n'}},
                       token=demo_token).data['network']


def _subnet(client, token, **values):
    return client.post('/v2.0/subnets', {'subnet': values}, token=token)


def test_subnet_defaults_and_update(client, demo_token, net):
    resp = _subnet(client, demo_token, network_id=net['id'], cidr='10.9.0.0/24', ip_version=4,
                   dns_nameservers=['8.8.8.8'],
                   host_routes=[{'destination': '10.10.0.0/16', 'nexthop': '10.9.0.9'}])
    assert resp.status_int == 201, resp.body
    subnet = resp.data['subnet']
    assert (subnet['gateway_ip'], subnet['allocation_pools']) == (
        '10.9.0.1', [{'start': '10.9.0.2', 'end': '10.9.0.254'}])
    assert subnet['dns_nameservers'] == ['8.8.8.8']
    resp = client.put('/v2.0/subnets/' + subnet['id'],
                      {'subnet': {'name': 's2', 'enable_dhcp': False}}, token=demo_token)
    assert resp.status_int == 200 and resp.data['subnet']['enable_dhcp'] is False
    port = client.post('/v2.0/ports', {'port': {'network_id': net['id']}},
                       token=demo_token).data['port']
    assert port['fixed_ips'][0]['ip_address'] == '10.9.0.2'
    resp = client.delete('/v2.0/subnets/' + subnet['id'], token=demo_token)
    assert resp.status_int == 409 and resp.data['NeutronError']['type'] == 'SubnetInUse'
    client.delete('/v2.0/ports/' + port['id'], token=demo_token)
    assert client.delete('/v2.0/subnets/' + subnet['id'], token=demo_token).status_int == 204


def test_ipv6_and_pools(client, demo_token, net):
    resp = _subnet(client, demo_token, network_id=net['id'], cidr='fd00:1::/64', ip_version=6,
                   ipv6_ra_mode='slaac', ipv6_address_mode='slaac')
    assert resp.status_int == 201, resp.body
    assert resp.data['subnet']['gateway_ip'] == 'fd00:1::1'
    resp = _subnet(client, demo_token, network_id=net['id'], cidr='10.8.0.0/24',
                   allocation_pools=[{'start': '10.8.0.100', 'end': '10.8.0.110'}],
                   gateway_ip=None)
    assert resp.status_int == 201, resp.body
    assert resp.data['subnet']['gateway_ip'] is None


@pytest.mark.parametrize('values, status', [
    ({'cidr': 'nope'}, 400),
    ({'cidr': '10.0.0.0/24', 'ip_version': 6}, 400),
    ({'cidr': '10.7.0.0/24', 'allocation_pools': [{'start': '10.6.0.2', 'end': '10.6.0.9'}]},
     400),
    ({'cidr': '10.7.0.0/24', 'ipv6_ra_mode': 'slaac'}, 400),
    ({'cidr': '10.7.0.0/24', 'gateway_ip': '10.7.0.5',
      'allocation_pools': [{'start': '10.7.0.2', 'end': '10.7.0.9'}]}, 409),
    ({'cidr': '10.7.0.0/24', 'dns_nameservers': ['x']}, 400),
])
def test_bad_subnets(client, demo_token, net, values, status):
    resp = _subnet(client, demo_token, network_id=net['id'], **values)
    assert resp.status_int == status, resp.body
    assert 'NeutronError' in resp.data


def test_overlap_and_unknown_network(client, demo_token, net):
    assert _subnet(client, demo_token, network_id=net['id'], cidr='10.5.0.0/16').status_int == 201
    resp = _subnet(client, demo_token, network_id=net['id'], cidr='10.5.1.0/24')
    assert resp.status_int == 400 and resp.data['NeutronError']['type'] == 'InvalidInput'
    resp = _subnet(client, demo_token, network_id='nope', cidr='10.4.0.0/24')
    assert resp.status_int == 404 and resp.data['NeutronError']['type'] == 'NetworkNotFound'
