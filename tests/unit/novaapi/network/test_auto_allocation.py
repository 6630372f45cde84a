"""Auto-allocated topology over WSGI: a project's network, subnet and router on first request."""

import pytest
import sqlalchemy as sa

from novaapi import context
from novaapi.db import engine
from novaapi.network import app
from novaapi.network import models
from novaapi.network import networks
from tests.unit.novaapi.network.conftest import Client


@pytest.fixture
def client(ids):
    return Client(app.build())


def test_topology_is_built_once_and_removed(client, demo_token, admin_token, ids):
    project = ids['demo_project_id']
    url = '/v2.0/auto-allocated-topology/%s' % project
    dry = client.get(url + '?fields=dry-run', token=demo_token)
    assert dry.status_int == 200, dry.body
    assert dry.data['auto_allocated_topology']['id'] == 'dry-run=pass'
    assert client.get('/v2.0/networks?name=auto_allocated_network',
                      token=demo_token).data['networks'] == []
    resp = client.get('/v2.0/auto-allocated-topology/None', token=demo_token)
    assert resp.status_int == 200, resp.body
    topology = resp.data['auto_allocated_topology']
    assert (topology['project_id'], topology['tenant_id']) == (project, project)
    network = client.get('/v2.0/networks/%s' % topology['id'], token=demo_token).data['network']
    assert (network['name'], network['project_id'], network['shared']) == (
        'auto_allocated_network', project, False)
    subnet = client.get('/v2.0/subnets/%s' % network['subnets'][0], token=demo_token).data
    assert (subnet['subnet']['name'], subnet['subnet']['cidr']) == ('auto_allocated_subnet_v4',
                                                                    '10.128.0.0/24')
    [router] = client.get('/v2.0/routers', token=demo_token).data['routers']
    public = client.get('/v2.0/networks?name=public', token=demo_token).data['networks'][0]
    assert (router['name'], router['external_gateway_info']['network_id']) == (
        'auto_allocated_router', public['id'])
    ports = client.get('/v2.0/ports?device_id=%s' % router['id'], token=demo_token).data['ports']
    assert [p['fixed_ips'][0]['ip_address'] for p in ports] == ['10.128.0.1']
    again = client.get(url, token=demo_token).data['auto_allocated_topology']
    assert again == topology
    # the admin's own topology takes the next free range; others' are the admin's to see
    admin = client.get('/v2.0/auto-allocated-topology/None', token=admin_token).data
    admin_net = client.get('/v2.0/networks/%s' % admin['auto_allocated_topology']['id'],
                           token=admin_token).data['network']
    admin_subnet = client.get('/v2.0/subnets/%s' % admin_net['subnets'][0], token=admin_token)
    assert admin_subnet.data['subnet']['cidr'] == '10.128.1.0/24'
    resp = client.get('/v2.0/auto-allocated-topology/%s' % ids['admin_project_id'],
                      token=demo_token)
    assert (resp.status_int, resp.data['NeutronError']['type']) == (403, 'NotAuthorized')
    resp = client.get(url + '?fields=id', token=demo_token)
    assert (resp.status_int, resp.data['NeutronError']['type']) == (400, 'BadRequest')
    assert client.delete(url, token=demo_token).status_int == 204
    assert client.get('/v2.0/routers', token=demo_token).data['routers'] == []
    assert client.get('/v2.0/networks/%s' % topology['id'], token=demo_token).status_int == 404
    assert client.delete(url, token=demo_token).status_int == 204


def test_no_default_external_network(client, demo_token, admin_token):
    public = client.get('/v2.0/networks?name=public', token=admin_token).data['networks'][0]
    resp = client.put('/v2.0/networks/%s' % public['id'], {'network': {'is_default': False}},
                      token=admin_token)
    assert resp.status_int == 200, resp.body
    for query in ('?fields=dry-run', ''):
        resp = client.get('/v2.0/auto-allocated-topology/None' + query, token=demo_token)
        assert resp.status_int == 409, resp.body
        assert resp.data['NeutronError'] == {
            'type': 'AutoAllocationFailure', 'detail': '',
            'message': 'Deployment error: No default router:external network.'}
    assert client.get('/v2.0/networks?name=auto_allocated_network',
                      token=demo_token).data['networks'] == []


def test_nova_networks_auto_boots_on_the_projects_own_network(servers):
    admin = context.RequestContext('a', 'admin-project', ['admin', 'member', 'reader'])
    private = networks.list_networks(admin, {'name': ['private']})[0]
    networks.update_network(admin, private.id, lambda: {'shared': False})
    public = networks.list_networks(admin, {'name': ['public']})[0]
    networks.update_network(admin, public.id, lambda: {'is_default': False})
    body = {'name': 'vm', 'imageRef': servers.image_id(), 'flavorRef': '1', 'networks': 'auto'}
    resp = servers.call('POST', '/servers', {'server': body})
    assert resp.status_int == 400, resp.body
    assert resp.json_body_or_none['badRequest']['message'].startswith(
        'Unable to automatically allocate a network for project ')
    networks.update_network(admin, public.id, lambda: {'is_default': True})
    uuid = servers.boot(networks='auto')
    addresses = servers.get(uuid)['addresses']
    assert list(addresses) == ['auto_allocated_network']
    assert addresses['auto_allocated_network'][0]['addr'].startswith('10.128.0.')
    # the second server uses the same network
    other = servers.boot(networks='auto', name='vm2')
    assert list(servers.get(other)['addresses']) == ['auto_allocated_network']
    with engine.transaction() as sess:
        assert len(sess.scalars(sa.select(models.AutoAllocatedTopology)).all()) == 1
