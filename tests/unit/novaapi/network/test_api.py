"""The network Python API the compute API calls, and unique allocation under concurrency."""

import ipaddress

import pytest
import sqlalchemy as sa

from novaapi import context
from novaapi import exception
from novaapi.db import engine
from novaapi.identity import models as identity_models
from novaapi.network import api
from novaapi.network import converters
from novaapi.network import models
from novaapi.network import networks
from novaapi.network import ports as net_ports
from novaapi.network import quotas
from novaapi.network import routers
from novaapi.network import security_groups
from novaapi.network import subnets
from tests.conftest import together
from tests.unit.novaapi.network.conftest import Ctx


@pytest.fixture
def demo(ids):
    return Ctx(ids['demo_project_id'])


def _private_id(sess, ctx):
    return api.find_network_by_name(sess, ctx, 'private').id


def test_get_network_and_lookups(demo):
    with engine.transaction() as sess:
        with pytest.raises(exception.NetworkNotFound) as err:
            api.check_network(sess, demo, 'nope')
        assert err.value.message == 'Network nope could not be found.'
        assert err.value.code == 404
        assert api.find_network_by_name(sess, demo, 'missing') is None
        private = _private_id(sess, demo)
        assert api.check_network(sess, demo, private) is None
        assert [n.id for n in api.default_networks(sess, demo)] == [private]
        hidden = networks.insert(sess, Ctx('other'), {'name': 'hidden'})
        assert api.find_network_by_name(sess, demo, 'hidden') is None
        with pytest.raises(exception.NetworkNotFound):
            api.check_network(sess, demo, hidden.id)


def test_allocate_bind_addresses_release(demo):
    with engine.transaction() as sess:
        net_id = _private_id(sess, demo)
        existing = net_ports.insert(sess, demo, networks.find(sess, demo, net_id), {})
        existing_id = existing.id
    with engine.transaction() as sess:
        first = api.allocate_port(sess, demo, net_id, 'server-1', tag='nic1')
        assert (first.device_owner, first.created_by_nova, first.tag) == (
            'compute:nova', True, 'nic1')
        bound = api.bind_port(sess, demo, existing_id, 'server-1')
        fixed = api.allocate_port(sess, demo, net_id, 'server-1', fixed_ip='10.0.0.99')
        ports = api.ports_for_device(sess, 'server-1')
        assert [p.id for p in ports] == [first.id, bound.id, fixed.id]
        addresses = api.addresses_for_device(sess, 'server-1')
        assert list(addresses) == ['private']
        assert [a['addr'] for a in addresses['private']] == ['10.0.0.3', '10.0.0.2', '10.0.0.99']
        assert addresses['private'][0] == {'version': 4, 'addr': '10.0.0.3',
                                           'OS-EXT-IPS:type': 'fixed',
                                           'OS-EXT-IPS-MAC:mac_addr': first.mac_address}
        with pytest.raises(exception.PortInUse) as err:
            api.bind_port(sess, demo, existing_id, 'server-2')
        assert err.value.message == 'Port %s is still in use.' % existing_id
        assert err.value.code == 409
        with pytest.raises(exception.PortNotFound):
            api.bind_port(sess, demo, 'nope', 'server-2')
    with engine.transaction() as sess:
        api.release_device(sess, 'server-1')
    with engine.transaction() as sess:
        assert api.ports_for_device(sess, 'server-1') == []
        remaining = net_ports.find_all(sess, demo)
        assert [(p.id, p.device_id, p.device_owner) for p in remaining] == [(existing_id, '', '')]
        assert api.detach_port(sess, 'nope') is False


def test_allocate_port_errors(demo):
    with engine.transaction() as sess:
        net_id = _private_id(sess, demo)
        api.allocate_port(sess, demo, net_id, 'server-1', fixed_ip='10.0.0.7')
    with engine.transaction() as sess:
        with pytest.raises(exception.FixedIpAlreadyInUse) as err:
            api.allocate_port(sess, demo, net_id, 'server-2', fixed_ip='10.0.0.7')
        assert err.value.message == 'Fixed IP 10.0.0.7 is already in use.'
        with pytest.raises(exception.InvalidInput):
            api.allocate_port(sess, demo, net_id, 'server-2', fixed_ip='172.16.0.1')
        with pytest.raises(exception.NetworkNotFound):
            api.allocate_port(sess, demo, 'nope', 'server-2')


def test_pool_exhaustion(demo):
    with engine.transaction() as sess:
        network = networks.insert(sess, demo, {'name': 'tiny'})
        subnets.insert(sess, network, name='tiny', cidr='10.9.0.0/30', gateway_ip='10.9.0.1',
                       pool_start='10.9.0.2', pool_end='10.9.0.2')
        api.allocate_port(sess, demo, network.id, 'server-1')
        with pytest.raises(exception.NoMoreFixedIps):
            api.allocate_port(sess, demo, network.id, 'server-2')


def _concurrent_allocations(ctx, network_id, count=20):
    def allocate(n):
        with engine.transaction() as sess:
            api.allocate_port(sess, ctx, network_id, 'server-%d' % n)
    together(count, allocate)
    with engine.transaction() as sess:
        ips = sess.scalars(sa.select(models.IPAllocation.ip_address)).all()
        macs = sess.scalars(sa.select(models.Port.mac_address)).all()
    assert len(ips) == len(set(ips)) == count
    assert len(macs) == len(set(macs)) == count
    expected = {str(ipaddress.ip_address('10.0.0.2') + n) for n in range(count)}
    assert set(ips) == expected


def test_unique_ips_under_concurrency_sqlite(demo):
    with engine.transaction() as sess:
        net_id = _private_id(sess, demo)
    _concurrent_allocations(demo, net_id)


@pytest.mark.db
def test_unique_ips_under_concurrency_on_each_backend(backend):
    """Twenty threads allocate at once on a migrated, seeded database of each kind."""
    with engine.transaction() as sess:
        project_id = sess.scalar(sa.select(identity_models.Project.id)
                                 .where(identity_models.Project.name == 'demo'))
        ctx = Ctx(project_id)
        net_id = _private_id(sess, ctx)
    _concurrent_allocations(ctx, net_id)


def _quota_race(project_id, resource, create, room=3, count=30):
    """``count`` threads create at once with room for ``room`` more: exactly ``room`` get theirs,
    the others Neutron's OverQuota, and usage ends at the limit."""
    with engine.transaction() as sess:
        used = quotas.usage(sess, project_id, resource)
    admin = context.RequestContext('admin', project_id, ['admin', 'member', 'reader'])
    quotas.update_quota(admin, project_id, {resource: used + room})
    made, refused = together(count, create, converters.OverQuota)
    assert (len(made), len(refused)) == (room, count - room)
    with engine.transaction() as sess:
        assert quotas.usage(sess, project_id, resource) == used + room


def _quota_races(ctx):
    _quota_race(ctx.project_id, 'network',
                lambda n: networks.create_network(ctx, {'name': 'race-%d' % n}))
    _quota_race(ctx.project_id, 'router',
                lambda n: routers.create_router(ctx, {'name': 'race-%d' % n}))
    _quota_race(ctx.project_id, 'security_group',
                lambda n: security_groups.create_security_group(ctx, {'name': 'race-%d' % n}))


def _member(project_id):
    return context.RequestContext('race-user', project_id, ['member', 'reader'])


def test_quotas_hold_under_concurrency_sqlite(demo):
    _quota_races(_member(demo.project_id))


@pytest.mark.db
def test_quotas_hold_under_concurrency_on_each_backend(backend):
    """Thirty threads create networks, routers and groups at once against a quota with room
    for three, on each database."""
    with engine.transaction() as sess:
        project_id = sess.scalar(sa.select(identity_models.Project.id)
                                 .where(identity_models.Project.name == 'demo'))
    _quota_races(_member(project_id))
