"""Servers through the compute pipeline: build to ACTIVE, no valid host, delete, other projects,
boot errors, and what a page of servers costs in SQL statements."""

import contextlib
import datetime
import json

import hypothesis
import pytest
from hypothesis import strategies as st
import sqlalchemy as sa
from sqlalchemy import event

from novaapi.api.views import servers as server_views
from novaapi.compute import engine as machine
from novaapi.compute import models
from novaapi.db import engine
from tests.unit.novaapi.api import conftest


def test_build_steps_then_active(servers):
    uuid = servers.boot(settle=False)
    seen = []
    for _ in range(12):
        server = servers.get(uuid)
        seen.append((server['status'], server['OS-EXT-STS:task_state'], server.get('progress')))
        if server['status'] == 'ACTIVE':
            break
        machine.advance_due()
    tasks = [task for _, task, _ in seen]
    assert tasks[:4] == ['scheduling', 'networking', 'block_device_mapping', 'spawning']
    assert [p for status, task, p in seen if task == 'spawning'] == [0, 25, 50, 75]
    assert seen[-1][0] == 'ACTIVE'
    server = servers.get(uuid)
    assert server['OS-EXT-STS:power_state'] == 1
    assert server['addresses'] and server['OS-SRV-USG:launched_at']
    assert server['hostId']


def test_delete_releases_everything(servers):
    uuid = servers.boot()
    assert servers.call('DELETE', '/servers/' + uuid).status_int == 204
    assert servers.get(uuid)['OS-EXT-STS:task_state'] == 'deleting'
    servers.settle()
    resp = servers.call('GET', '/servers/' + uuid)
    assert resp.status_int == 404
    assert resp.json_body_or_none['itemNotFound']['message'] == 'Instance %s could not be found.' % uuid
    from novaapi.network import api as network
    with engine.transaction() as sess:
        assert network.ports_for_device(sess, uuid) == []


def test_no_valid_host_goes_to_error(servers):
    from novaapi import conf
    conf.CONF.set('compute', 'host_vcpus', 0)
    with engine.transaction() as sess:
        sess.execute(sa.update(models.ComputeNode).values(vcpus=0))
    uuid = servers.boot()
    server = servers.get(uuid)
    assert server['status'] == 'ERROR'
    assert server['fault']['code'] == 500
    assert server['fault']['message'] == 'No valid host was found. There are not enough hosts available.'
    assert 'details' not in server['fault']
    assert 'details' in servers.get(uuid, admin=True)['fault']


def test_other_project_gets_404(servers):
    from novaapi.identity import bootstrap
    from novaapi.identity import models as identity
    from novaapi.identity import tokens
    uuid = servers.boot()
    with engine.transaction() as sess:
        demo = sess.scalars(sa.select(identity.User).where(identity.User.name == 'demo')).one()
        other = sess.scalars(sa.select(identity.Project).where(identity.Project.name == 'service')).one()
        member = sess.scalars(sa.select(identity.Role).where(identity.Role.name == 'member')).one()
        bootstrap._grant(sess, demo, other, member)
        token, _info = tokens.issue(sess, demo.id, other.id, ['password'])
    resp = servers.app.request('GET', '/v2.1/servers/' + uuid, token)
    assert resp.status_int == 404
    assert json.loads(resp.body) == {'itemNotFound': {
        'code': 404, 'message': 'Instance %s could not be found.' % uuid}}
    listed = servers.app.request('GET', '/v2.1/servers', token)
    assert json.loads(listed.body) == {'servers': []}
    assert servers.app.request('GET', '/v2.1/servers/' + uuid, servers.admin_token).status_int == 200


def test_removed_action_unknown_group_and_password_alphabet(servers):
    """resetNetwork is gone (410); an unknown security group is a 400 at boot; generated
    passwords avoid look-alike characters, as Nova's do."""
    uuid = servers.boot()
    resp = servers.action(uuid, {'resetNetwork': None})
    assert resp.status_int == 410
    assert resp.json_body_or_none['computeFault']['code'] == 410
    resp = servers.call('POST', '/servers', {'server': {
        'name': 'sg', 'imageRef': servers.image_id(), 'flavorRef': '1', 'networks': 'auto',
        'security_groups': [{'name': 'nosuch'}]}})
    assert resp.status_int == 400
    assert resp.json_body_or_none['badRequest']['message'].startswith(
        'Security group nosuch not found for project ')
    from novaapi.api import server_common
    for _ in range(50):
        password = server_common.generate_password()
        assert len(password) == 12 and not set(password) & set('01IOl-_')


def test_ip_filter_matches_fixed_addresses(servers):
    first, second = servers.boot(name='a'), servers.boot(name='b')
    addresses = servers.get(first)['addresses']
    address = next(iter(addresses.values()))[0]['addr']
    resp = servers.call('GET', '/servers?ip=%s$' % address.replace('.', r'\.'))
    assert [s['id'] for s in resp.json_body_or_none['servers']] == [first]
    assert second != first
    resp = servers.call('GET', '/servers?ip6=nosuch')
    assert resp.json_body_or_none['servers'] == []

# A page of servers costs a fixed number of SQL statements, however many servers it shows.
# Measured with these helpers (token and role lookups included): before the
# batched extras ``GET /servers/{id}`` ran 14 statements, ``/servers/detail``
# 50 for 10 servers and 210 for 50; then each ran 11; with metadata, tags, image
# properties and server groups read in one statement, 10; with a valid token and the
# quiet fault injector costing one read of the generations between them, 8; with volumes and
# the host's node in that one statement and the fault read only for an ERROR server, 5; with
# the network's addresses and security group names of the page in one statement, 4.
STATEMENTS = 4


@contextlib.contextmanager
def statements():
    """Collect the SQL statements the engine runs inside the block."""
    seen = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)
    engines = (engine.get_engine(), engine._autocommit_engine())
    for db in engines:
        event.listen(db, 'before_cursor_execute', count)
    try:
        yield seen
    finally:
        for db in engines:
            event.remove(db, 'before_cursor_execute', count)


def _boot_many(servers, count):
    project = conftest.project_id('demo')
    resp = servers.call('PUT', '/os-quota-sets/' + project,
                        {'quota_set': {'instances': -1, 'cores': -1, 'ram': -1}}, admin=True)
    assert resp.status_int == 200, resp.body
    with engine.transaction() as sess:
        sess.execute(sa.update(models.ComputeNode).values(cpu_allocation_ratio=100.0))
    uuids = [servers.boot(settle=False, min_count=count, max_count=count, metadata={'k': 'v'},
                          tags=['blue'])]
    servers.settle(limit=count * 20)
    return uuids


def _cost(servers, path, admin=False):
    if admin:
        path += ('&' if '?' in path else '?') + 'all_tenants=1'
    with statements() as seen:
        resp = servers.call('GET', path, admin=admin)
    assert resp.status_int == 200, resp.body
    return len(seen), resp.json_body_or_none


@pytest.mark.parametrize('path', ['/servers/detail', '/servers', '/servers/detail?limit=1000'])
@pytest.mark.parametrize('admin', [False, True])
def test_list_costs_the_same_for_1_and_50_servers(servers, path, admin):
    _boot_many(servers, 1)
    one, body = _cost(servers, path, admin)
    assert len(body['servers']) == 1
    _boot_many(servers, 49)
    fifty, body = _cost(servers, path, admin)
    assert len(body['servers']) == 50
    assert all(s.get('addresses', True) for s in body['servers'])
    assert fifty == one <= STATEMENTS


def test_show_costs_a_fixed_number_of_statements(servers):
    uuid = _boot_many(servers, 1)[0]
    one, body = _cost(servers, '/servers/' + uuid)
    assert body['server']['addresses']
    _boot_many(servers, 49)
    again, _ = _cost(servers, '/servers/' + uuid)
    assert again == one <= STATEMENTS


def test_a_server_read_again_costs_only_the_generations_until_it_changes(servers):
    """A worker keeps what the server views read while the generations of the servers' and
    the network's tables hold: read again, a show or a small page of detail costs the one
    read of the generations (the token check's); a write to either side makes the next read
    whole again, and shows the change."""
    uuid = _boot_many(servers, 2)[0]
    cold, _ = _cost(servers, '/servers/' + uuid)
    warm, body = _cost(servers, '/servers/' + uuid)
    assert (cold, warm) == (STATEMENTS, 1) and body['server']['metadata'] == {'k': 'v'}
    assert _cost(servers, '/servers/detail')[0] == STATEMENTS  # the other server: not kept yet
    warm, body = _cost(servers, '/servers/detail')
    assert warm == 1 and len(body['servers']) == 2
    first = body['servers'][0]['id']
    paged, body = _cost(servers, '/servers/detail?limit=1&marker=' + first)
    assert paged == 3 and len(body['servers']) == 1     # the marker's row, the page's rows
    assert _cost(servers, '/servers/detail?limit=1&marker=' + first)[0] == 1
    newest = servers.boot()
    cold, body = _cost(servers, '/servers/detail')
    assert cold == STATEMENTS and newest in [s['id'] for s in body['servers']]
    assert _cost(servers, '/servers/detail?limit=1&marker=' + first)[1]['servers'][0]['id'] != first
    resp = servers.call('PUT', '/servers/%s/metadata/k' % uuid, {'meta': {'k': 'w'}})
    assert resp.status_int == 200, resp.body
    again, body = _cost(servers, '/servers/' + uuid)
    assert again == STATEMENTS - 1 and body['server']['metadata'] == {'k': 'w'}  # not the network's
    from novaapi.network import models as network_models
    with engine.transaction() as sess:
        sess.execute(sa.update(network_models.Network).values(name='renamed'))
    again, body = _cost(servers, '/servers/' + uuid)
    assert again == 2 and list(body['server']['addresses']) == ['renamed']  # the network's only
    assert _cost(servers, '/servers/' + uuid)[0] == 1


def _admin_cost(servers, path):
    with statements() as seen:
        resp = servers.call('GET', path, admin=True)
    assert resp.status_int == 200, resp.body
    return len(seen), resp.json_body_or_none


def test_hypervisor_and_flavor_pages_cost_the_same_whatever_their_size(servers):
    """``os-hypervisors/detail`` with 2 or 50 hosts (servers on them), ``flavors/detail``
    with the default flavors or 40 more carrying extra specs and project access."""
    _boot_many(servers, 2)
    hyper_few, body = _admin_cost(servers, '/os-hypervisors/detail')
    assert len(body['hypervisors']) == 2
    listed_few, body = _admin_cost(servers, '/os-hypervisors/detail?with_servers=true')
    assert sum(len(h.get('servers', [])) for h in body['hypervisors']) == 2
    flavors_few, body = _admin_cost(servers, '/flavors/detail?is_public=None')
    few = len(body['flavors'])
    with engine.transaction() as sess:
        for n in range(48):
            node = models.ComputeNode(host='rack%02d' % n, hypervisor_hostname='rack%02d' % n,
                                      vcpus=16, memory_mb=65536, local_gb=1000, service_uuid=str(n))
            sess.add(node)
            sess.add(models.Service(host=node.host, binary='nova-compute', topic='compute',
                                    uuid=node.service_uuid))
    _boot_many(servers, 10)
    for n in range(40):
        flavor = {'flavor': {'name': 'f%02d' % n, 'ram': 512, 'vcpus': 1, 'disk': 1,
                             'os-flavor-access:is_public': n % 2 == 0}}
        resp = servers.call('POST', '/flavors', flavor, admin=True)
        assert resp.status_int == 200, resp.body
        flavor_id = resp.json_body_or_none['flavor']['id']
        resp = servers.call('POST', '/flavors/%s/os-extra_specs' % flavor_id,
                            {'extra_specs': {'hw:cpu_policy': 'shared', 'k%d' % n: 'v'}}, admin=True)
        assert resp.status_int == 200, resp.body
        if n % 2:
            resp = servers.call('POST', '/flavors/%s/action' % flavor_id,
                                {'addTenantAccess': {'tenant': conftest.project_id('demo')}}, admin=True)
            assert resp.status_int == 200, resp.body
    hyper_many, body = _admin_cost(servers, '/os-hypervisors/detail')
    assert len(body['hypervisors']) == 50
    listed_many, body = _admin_cost(servers, '/os-hypervisors/detail?with_servers=true')
    assert sum(len(h.get('servers', [])) for h in body['hypervisors']) == 12
    assert listed_many == listed_few
    flavors_many, body = _admin_cost(servers, '/flavors/detail?is_public=None')
    assert len(body['flavors']) == few + 40
    assert (hyper_many, flavors_many) == (hyper_few, flavors_few)
    demo_many, body = _cost(servers, '/flavors/detail')
    assert any(f['name'] == 'f01' for f in body['flavors'])  # private, shared with demo
    assert demo_many <= flavors_few + 1


def test_host_status_volumes_and_faults_read_with_the_page(servers):
    """The page's small extras come from one statement: each server's host status follows
    its compute node, volumes keep their order and delete flag, and only an ERROR server's
    fault is read and shown."""
    image_id = servers.image_id()
    bdm = [{'boot_index': 0, 'source_type': 'image', 'destination_type': 'volume', 'uuid': image_id,
            'volume_size': 1, 'delete_on_termination': True}]
    bfv = servers.boot(imageRef='', block_device_mapping_v2=bdm)
    plain = servers.boot()
    attached = servers.get(bfv)['os-extended-volumes:volumes_attached']
    assert [v['delete_on_termination'] for v in attached] == [True]
    host = servers.get(plain, admin=True)['OS-EXT-SRV-ATTR:host']

    def statuses():
        detail = servers.call('GET', '/servers/detail?all_tenants=1', version='2.16', admin=True)
        listed = {s['id']: s['host_status'] for s in detail.json_body_or_none['servers']}
        assert listed[plain] == servers.get(plain, version='2.16', admin=True)['host_status']
        return listed[plain]
    assert statuses() == 'UP'
    for values, expected in (({'disabled': True}, 'MAINTENANCE'),
                             ({'disabled': False, 'forced_down': True}, 'DOWN')):
        with engine.transaction() as sess:
            sess.execute(sa.update(models.ComputeNode).where(models.ComputeNode.host == host)
                         .values(**values))
        assert statuses() == expected
    servers.set_instance(plain, host='gone')
    assert statuses() == 'UNKNOWN'

    with engine.transaction() as sess:
        sess.add(models.InstanceFault(instance_uuid=plain, code=500, message='boom'))
    assert 'fault' not in servers.get(plain)
    servers.set_instance(plain, vm_state='error')
    with statements() as failed:
        assert servers.get(plain)['fault']['message'] == 'boom'
    with statements() as active:
        assert 'fault' not in servers.get(bfv)
    assert len(failed) == len(active) + 1


@hypothesis.given(st.datetimes(min_value=datetime.datetime(1, 1, 1)))
def test_timestamps_read_as_nova_formats_them(value):
    assert server_views.isotime(value) == value.strftime('%Y-%m-%dT%H:%M:%SZ')
    aware = value.replace(tzinfo=datetime.timezone.utc)
    assert server_views.isotime(aware) == aware.strftime('%Y-%m-%dT%H:%M:%SZ')
