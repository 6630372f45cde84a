"""Nova's floating IP proxy (os-floating-ips, os-floating-ip-pools) and the add/removeFloatingIp
server actions, over the network service."""

import pytest

from novaapi import context
from novaapi.network import networks
from novaapi.network import routers
from novaapi.network import subnets


@pytest.fixture
def routed(servers):
    """A server on ``private`` and an admin router joining ``private`` to ``public``."""
    uuid = servers.boot()
    admin = context.RequestContext('a', 'admin-project', ['admin', 'member', 'reader'])
    public = networks.list_networks(admin, {'name': ['public']})[0]
    private_subnet = subnets.list_subnets(admin, {'name': ['private-subnet']})[0]
    router = routers.create_router(admin, {'external_gateway_info': {'network_id': public.id}})
    routers.add_interface(admin, router.id, {'subnet_id': private_subnet.id})
    return uuid


def _proxy(servers, method, path, body=None, version='2.35', **kwargs):
    return servers.call(method, path, body, version=version, **kwargs)


def _act(servers, uuid, body, version='2.43'):
    return servers.action(uuid, body, version=version)


def _fault(resp, status):
    assert resp.status_int == status, resp.body
    return next(iter(resp.json_body_or_none.values()))['message']


def test_floating_ip_proxy(servers):
    assert _proxy(servers, 'GET', '/os-floating-ip-pools').json_body_or_none == {
        'floating_ip_pools': [{'name': 'public'}]}
    assert servers.call('GET', '/os-floating-ip-pools', version='2.36').status_int == 404
    resp = servers.call('POST', '/os-floating-ips', None, version='2.1')
    assert resp.status_int == 200, resp.body
    fip = resp.json_body_or_none['floating_ip']
    assert (fip['pool'], fip['fixed_ip'], fip['instance_id']) == ('public', None, None)
    assert fip['ip'].startswith('172.24.4.')
    listed = _proxy(servers, 'GET', '/os-floating-ips').json_body_or_none
    assert listed == {'floating_ips': [fip]}
    shown = _proxy(servers, 'GET', '/os-floating-ips/%s' % fip['id'])
    assert shown.json_body_or_none == {'floating_ip': fip}
    assert _fault(_proxy(servers, 'POST', '/os-floating-ips', {'pool': 'nosuch'}),
                  404) == 'Floating IP pool not found.'
    assert _fault(_proxy(servers, 'POST', '/os-floating-ips', {'pool': 'private'}),
                  404) == 'Floating IP pool not found.'
    assert _fault(_proxy(servers, 'GET', '/os-floating-ips/nope'),
                  404) == 'Floating IP not found for ID nope'
    assert _proxy(servers, 'POST', '/os-floating-ips', {'pool': 1}).status_int == 400
    assert servers.call('GET', '/os-floating-ips', version='2.36').status_int == 404
    # another project's list leaves it out (an admin may still show it, as Neutron lets it)
    assert servers.call('GET', '/os-floating-ips', admin=True,
                        version='2.35').json_body_or_none == {'floating_ips': []}
    resp = _proxy(servers, 'DELETE', '/os-floating-ips/%s' % fip['id'])
    assert resp.status_int == 202, resp.body
    assert _proxy(servers, 'GET', '/os-floating-ips').json_body_or_none == {'floating_ips': []}


def test_add_and_remove_floating_ip(servers, routed):
    uuid = routed
    fip = _proxy(servers, 'POST', '/os-floating-ips', {'pool': 'public'}).json_body_or_none
    address = fip['floating_ip']['ip']
    resp = _act(servers, uuid, {'addFloatingIp': {'address': address}})
    assert resp.status_int == 202, resp.body
    addresses = servers.get(uuid)['addresses']['private']
    assert [(a['OS-EXT-IPS:type'], a['addr']) for a in addresses][-1] == ('floating', address)
    fixed = addresses[0]['addr']
    listed = _proxy(servers, 'GET', '/os-floating-ips').json_body_or_none['floating_ips']
    assert (listed[0]['instance_id'], listed[0]['fixed_ip']) == (uuid, fixed)
    # Nova's errors
    assert servers.action(uuid, {'addFloatingIp': {'address': address}},
                          version='2.44').status_int == 404
    assert _fault(_act(servers, uuid, {'addFloatingIp': {'address': '192.0.2.9'}}),
                  404) == 'floating IP not found'
    assert _fault(servers.action(uuid, {'addFloatingIp': {'address': address,
                                                         'fixed_address': '10.9.9.9'}},
                                 version='2.43'),
                  400) == 'Specified fixed address not assigned to instance'
    assert _act(servers, uuid, {'addFloatingIp': {'address': 'x'}}).status_int == 400
    other = servers.boot(name='other')
    assert _fault(_act(servers, other, {'removeFloatingIp': {'address': address}}),
                  409) == 'Floating IP %s is not associated with instance %s.' % (address, other)
    # a second floating IP cannot take the same fixed IP
    second = _proxy(servers, 'POST', '/os-floating-ips', {}).json_body_or_none['floating_ip']['ip']
    message = _fault(_act(servers, uuid, {'addFloatingIp': {'address': second}}), 400)
    assert 'already has a floating IP on external network' in message
    resp = _act(servers, uuid, {'removeFloatingIp': {'address': address}})
    assert resp.status_int == 202, resp.body
    assert [a['OS-EXT-IPS:type'] for a in servers.get(uuid)['addresses']['private']] == ['fixed']
    # not associated any more: a member may not ask (Nova checks the policy on no server)
    assert _act(servers, uuid, {'removeFloatingIp': {'address': address}}).status_int == 403
    assert _fault(_act(servers, uuid, {'removeFloatingIp': {'address': '192.0.2.9'}}),
                  404) == 'Floating IP not found for address 192.0.2.9.'


def test_add_floating_ip_without_a_router(servers):
    uuid = servers.boot()
    address = _proxy(servers, 'POST', '/os-floating-ips', {}).json_body_or_none['floating_ip']['ip']
    message = _fault(_act(servers, uuid, {'addFloatingIp': {'address': address}}), 400)
    assert message.startswith('Unable to associate floating IP %s to fixed IP ' % address)
    assert 'is not reachable from subnet' in message
