"""Floating IPs over WSGI: allocation from the external network, association through a router."""

import threading

import pytest
import sqlalchemy as sa

from novaapi.db import engine
from novaapi.identity import models as identity_models
from novaapi.network import api
from novaapi.network import app
from novaapi.network import floatingips
from novaapi.network import models
from tests.unit.novaapi.network.conftest import Client


@pytest.fixture
def client(ids):
    return Client(app.build())


def _error(resp, status, kind):
    assert resp.status_int == status, resp.body
    assert resp.data['NeutronError']['type'] == kind, resp.body
    return resp.data['NeutronError']['message']


@pytest.fixture
def topology(client, demo_token):
    """A network with a subnet, a port on it, and the public network's id."""
    net = client.post('/v2.0/networks', {'network': {'name': 'n'}}, token=demo_token).data
    subnet = client.post('/v2.0/subnets', {'subnet': {'network_id': net['network']['id'],
                                                      'cidr': '10.20.0.0/24'}},
                         token=demo_token).data['subnet']
    port = client.post('/v2.0/ports', {'port': {'network_id': subnet['network_id'],
                                                'device_owner': 'compute:nova'}},
                       token=demo_token).data['port']
    public = client.get('/v2.0/networks?name=public', token=demo_token).data['networks'][0]
    return subnet, port, public['id']


def test_allocate_associate_disassociate_delete(client, demo_token, topology):
    subnet, port, public = topology
    resp = client.post('/v2.0/floatingips', {'floatingip': {'floating_network_id': public}},
                       token=demo_token)
    assert resp.status_int == 201, resp.body
    fip = resp.data['floatingip']
    assert fip['floating_ip_address'].startswith('172.24.4.')
    assert (fip['status'], fip['port_id'], fip['router_id'], fip['port_details']) == (
        'DOWN', None, None, None)
    url = '/v2.0/floatingips/%s' % fip['id']
    # no router between the port's subnet and the external network yet
    message = _error(client.put(url, {'floatingip': {'port_id': port['id']}}, token=demo_token),
                     404, 'ExternalGatewayForFloatingIPNotFound')
    assert message == ('External network %s is not reachable from subnet %s.  Therefore, cannot '
                       'associate Port %s with a Floating IP.' % (public, subnet['id'],
                                                                  port['id']))
    router = client.post('/v2.0/routers', {'router': {'name': 'r', 'external_gateway_info': {
        'network_id': public}}}, token=demo_token).data['router']
    client.put('/v2.0/routers/%s/add_router_interface' % router['id'],
               {'subnet_id': subnet['id']}, token=demo_token)
    resp = client.put(url, {'floatingip': {'port_id': port['id']}}, token=demo_token)
    assert resp.status_int == 200, resp.body
    shown = resp.data['floatingip']
    assert (shown['status'], shown['port_id'], shown['router_id'], shown['fixed_ip_address']) == (
        'ACTIVE', port['id'], router['id'], port['fixed_ips'][0]['ip_address'])
    assert shown['port_details']['device_owner'] == 'compute:nova'
    found = client.get('/v2.0/floatingips?port_id=%s' % port['id'], token=demo_token).data
    assert [f['id'] for f in found['floatingips']] == [fip['id']]
    # a second floating IP cannot take the same fixed IP
    second = client.post('/v2.0/floatingips', {'floatingip': {'floating_network_id': public}},
                         token=demo_token).data['floatingip']
    _error(client.put('/v2.0/floatingips/%s' % second['id'],
                      {'floatingip': {'port_id': port['id']}}, token=demo_token),
           409, 'FloatingIPPortAlreadyAssociated')
    _error(client.put(url, {'floatingip': {'port_id': port['id'],
                                           'fixed_ip_address': '10.20.0.250'}},
                      token=demo_token), 400, 'BadRequest')
    # the router's interface and gateway are needed while it is associated
    _error(client.put('/v2.0/routers/%s/remove_router_interface' % router['id'],
                      {'subnet_id': subnet['id']}, token=demo_token),
           409, 'RouterInterfaceInUseByFloatingIP')
    _error(client.put('/v2.0/routers/%s' % router['id'],
                      {'router': {'external_gateway_info': None}}, token=demo_token),
           409, 'RouterExternalGatewayInUseByFloatingIp')
    resp = client.put(url, {'floatingip': {'port_id': None}}, token=demo_token)
    assert (resp.data['floatingip']['status'], resp.data['floatingip']['router_id']) == (
        'DOWN', None)
    # deleting the port disassociates
    client.put(url, {'floatingip': {'port_id': port['id']}}, token=demo_token)
    assert client.delete('/v2.0/ports/%s' % port['id'], token=demo_token).status_int == 204
    assert client.get(url, token=demo_token).data['floatingip']['port_id'] is None
    fip_port = client.get('/v2.0/ports?device_id=%s' % fip['id'], token=demo_token).data
    assert fip_port['ports'] == []  # owned by no project
    assert client.delete(url, token=demo_token).status_int == 204
    _error(client.get(url, token=demo_token), 404, 'FloatingIPNotFound')


def test_floating_ip_errors(client, demo_token, admin_token, ids, topology):
    subnet, port, public = topology
    _error(client.post('/v2.0/floatingips', {'floatingip': {
        'floating_network_id': subnet['network_id']}}, token=demo_token), 400, 'BadRequest')
    _error(client.post('/v2.0/floatingips', {'floatingip': {}}, token=demo_token), 400,
           'BadRequest')
    _error(client.post('/v2.0/floatingips', {'floatingip': {
        'floating_network_id': public, 'floating_ip_address': '172.24.4.77'}},
        token=demo_token), 403, 'PolicyNotAuthorized')
    resp = client.post('/v2.0/floatingips', {'floatingip': {
        'floating_network_id': public, 'floating_ip_address': '172.24.4.77',
        'project_id': ids['demo_project_id']}}, token=admin_token)
    assert resp.status_int == 201 and resp.data['floatingip']['floating_ip_address'] == \
        '172.24.4.77', resp.body
    _error(client.post('/v2.0/floatingips', {'floatingip': {
        'floating_network_id': public, 'floating_ip_address': '172.24.4.77'}},
        token=admin_token), 409, 'IpAddressAlreadyAllocated')
    _error(client.post('/v2.0/floatingips', {'floatingip': {'floating_network_id': public,
                                                            'fixed_ip_address': '10.0.0.1'}},
                       token=demo_token), 400, 'BadRequest')
    # a project sees only its own; the quota counts them
    mine = client.get('/v2.0/floatingips', token=demo_token).data['floatingips']
    assert [f['floating_ip_address'] for f in mine] == ['172.24.4.77']
    assert client.get('/v2.0/floatingips', token=admin_token).data['floatingips'] == mine
    client.put('/v2.0/quotas/%s' % ids['demo_project_id'], {'quota': {'floatingip': 1}},
               token=admin_token)
    _error(client.post('/v2.0/floatingips', {'floatingip': {'floating_network_id': public}},
                       token=demo_token), 409, 'OverQuota')


def test_external_network_exhausted(client, admin_token):
    net = client.post('/v2.0/networks', {'network': {'name': 'tiny', 'router:external': True}},
                      token=admin_token).data['network']
    client.post('/v2.0/subnets', {'subnet': {'network_id': net['id'], 'cidr': '203.0.113.0/30'}},
                token=admin_token)
    assert client.post('/v2.0/floatingips', {'floatingip': {'floating_network_id': net['id']}},
                       token=admin_token).status_int == 201
    _error(client.post('/v2.0/floatingips', {'floatingip': {'floating_network_id': net['id']}},
                       token=admin_token), 400, 'ExternalIpAddressExhausted')


def test_server_addresses_show_floating_ips_after_the_fixed_ones(client, demo_token, topology):
    subnet, port, public = topology
    client.put('/v2.0/ports/%s' % port['id'], {'port': {'device_id': 'server-1'}},
               token=demo_token)
    router = client.post('/v2.0/routers', {'router': {'external_gateway_info': {
        'network_id': public}}}, token=demo_token).data['router']
    client.put('/v2.0/routers/%s/add_router_interface' % router['id'],
               {'subnet_id': subnet['id']}, token=demo_token)
    fip = client.post('/v2.0/floatingips', {'floatingip': {'floating_network_id': public,
                                                           'port_id': port['id']}},
                      token=demo_token).data['floatingip']
    with engine.transaction() as sess:
        found = api.addresses_for_devices(sess, ['server-1', 'server-2'])
    mac = port['mac_address']
    assert found == {'server-2': {}, 'server-1': {'n': [
        {'version': 4, 'addr': port['fixed_ips'][0]['ip_address'], 'OS-EXT-IPS:type': 'fixed',
         'OS-EXT-IPS-MAC:mac_addr': mac},
        {'version': 4, 'addr': fip['floating_ip_address'], 'OS-EXT-IPS:type': 'floating',
         'OS-EXT-IPS-MAC:mac_addr': mac}]}}


class _Member:
    def __init__(self, project_id):
        self.project_id, self.is_admin, self.roles = project_id, False, ['member']


def _concurrent_floating_ips(count=12):
    with engine.transaction() as sess:
        project_id = sess.scalar(sa.select(identity_models.Project.id)
                                 .where(identity_models.Project.name == 'demo'))
        public = api.find_network_by_name(sess, _Member(project_id), 'public').id
    barrier, errors = threading.Barrier(count), []

    def worker():
        try:
            barrier.wait(timeout=30)
            floatingips.create_floatingip(_Member(project_id), {'floating_network_id': public})
        except Exception as exc:  # noqa: BLE001 - collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    with engine.transaction() as sess:
        addresses = sess.scalars(sa.select(models.FloatingIP.floating_ip_address)).all()
    assert len(addresses) == len(set(addresses)) == count


def test_unique_floating_ips_under_concurrency_sqlite(ids):
    _concurrent_floating_ips()


@pytest.mark.db
def test_unique_floating_ips_under_concurrency_on_each_backend(backend):
    _concurrent_floating_ips()


def test_floating_ip_pools(client, demo_token, ids):
    resp = client.get('/v2.0/floatingip_pools', token=demo_token)
    assert resp.status_int == 200, resp.body
    [pool] = resp.data['floatingip_pools']
    public = client.get('/v2.0/networks?name=public', token=demo_token).data['networks'][0]
    assert pool == {'subnet_id': public['subnets'][0], 'subnet_name': 'public-subnet',
                    'network_id': public['id'], 'cidr': '172.24.4.0/24',
                    'project_id': ids['demo_project_id']}


def test_port_fixed_ips_update_releases_and_claims(client, demo_token, topology):
    """Neutron's fixed_ips update is the whole list: a floating IP on a released address lets
    go; an address of another network is refused; the last address of a port in a group stays."""
    subnet, port, public = topology
    router = client.post('/v2.0/routers', {'router': {'name': 'r', 'external_gateway_info': {
        'network_id': public}}}, token=demo_token).data['router']
    client.put('/v2.0/routers/%s/add_router_interface' % router['id'],
               {'subnet_id': subnet['id']}, token=demo_token)
    fip = client.post('/v2.0/floatingips', {'floatingip': {
        'floating_network_id': public, 'port_id': port['id']}}, token=demo_token).data['floatingip']
    first = port['fixed_ips'][0]['ip_address']
    assert fip['fixed_ip_address'] == first
    url = '/v2.0/ports/%s' % port['id']
    resp = client.put(url, {'port': {'fixed_ips': [{'subnet_id': subnet['id']},
                                                   {'ip_address': '10.20.0.99'}]}},
                      token=demo_token)
    assert resp.status_int == 200, resp.body
    updated = resp.data['port']
    # the subnet-only entry keeps the address the port holds there; the other is claimed
    assert sorted(ip['ip_address'] for ip in updated['fixed_ips']) == sorted([first, '10.20.0.99'])
    assert updated['revision_number'] > port['revision_number']
    resp = client.put(url, {'port': {'fixed_ips': [{'ip_address': '10.20.0.99'}]}},
                      token=demo_token)
    assert [ip['ip_address'] for ip in resp.data['port']['fixed_ips']] == ['10.20.0.99']
    shown = client.get('/v2.0/floatingips/%s' % fip['id'], token=demo_token).data['floatingip']
    assert (shown['port_id'], shown['fixed_ip_address'], shown['status']) == (None, None, 'DOWN')
    _error(client.put(url, {'port': {'fixed_ips': [{'ip_address': '10.99.0.5'}]}},
                      token=demo_token), 400, 'InvalidIpForNetwork')
    _error(client.put(url, {'port': {'fixed_ips': []}}, token=demo_token), 409,
           'PortSecurityPortHasSecurityGroup')
    kept = client.get(url, token=demo_token).data['port']['fixed_ips']
    assert [ip['ip_address'] for ip in kept] == ['10.20.0.99']
