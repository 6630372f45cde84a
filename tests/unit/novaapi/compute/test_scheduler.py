"""Placement: capacity, zones, forced and requested hosts, server-group policies."""

import uuid

import pytest

from novaapi.compute import hosts
from novaapi.compute import models
from novaapi.compute import scheduler
from novaapi.db import engine
from novaapi import exception


@pytest.fixture
def sess(deployment):
    with engine.transaction() as session:
        yield session


def _instance(sess, host, vcpus=1, memory_mb=512, root_gb=1, project='p'):
    inst = models.Instance(uuid=str(uuid.uuid4()),
                           project_id=project, user_id='u', host=host, node=host, vm_state='active',
                           vcpus=vcpus, memory_mb=memory_mb, root_gb=root_gb, image_ref='img',
                           deleted=0, state_version=0)
    sess.add(inst)
    sess.flush()
    return inst


def test_seeded_hosts(sess):
    assert [n.host for n in hosts.all_nodes(sess)] == ['compute1', 'compute2']
    node = hosts.find_node(sess, host='compute1')
    assert (node.vcpus, node.memory_mb, node.local_gb, node.availability_zone) == (16, 65536, 1000, 'nova')


def test_spreads_to_most_free_ram(sess):
    _instance(sess, 'compute1', memory_mb=4096)
    chosen = scheduler.select(sess, scheduler.Request(resources=(1, 512, 1)))
    assert chosen[0].host == 'compute2'


def test_multiple_servers_account_for_each_other(sess):
    chosen = scheduler.select(sess, scheduler.Request(resources=(10, 512, 1)), count=2)
    assert sorted(n.host for n in chosen) == ['compute1', 'compute2']
    with pytest.raises(exception.NoValidHost) as err:
        scheduler.select(sess, scheduler.Request(resources=(10, 512, 1)), count=3)
    assert err.value.message == 'No valid host was found. There are not enough hosts available.'


def test_nothing_fits(sess):
    with pytest.raises(exception.NoValidHost):
        scheduler.select(sess, scheduler.Request(resources=(17, 512, 1)))


def test_zone_filter(sess):
    with pytest.raises(exception.NoValidHost):
        scheduler.select(sess, scheduler.Request(resources=(1, 512, 1), availability_zone='other'))
    assert scheduler.select(sess, scheduler.Request(resources=(1, 512, 1),
                                                    availability_zone='nova'))


def test_forced_and_requested_host(sess):
    _instance(sess, 'compute2', memory_mb=60000)
    forced = scheduler.Request(resources=(1, 512, 1), forced_host='compute2')
    assert scheduler.select(sess, forced)[0].host == 'compute2'
    with pytest.raises(exception.NoValidHost):
        scheduler.select(sess, scheduler.Request(resources=(1, 8192, 1), requested_host='compute2'))


def test_affinity_and_anti_affinity(sess):
    request = scheduler.Request(resources=(1, 512, 1), group_policy='affinity',
                                group_hosts=['compute1'])
    assert [n.host for n in scheduler.select(sess, request, count=3)] == ['compute1'] * 3
    anti = scheduler.Request(resources=(1, 512, 1), group_policy='anti-affinity')
    assert sorted(n.host for n in scheduler.select(sess, anti, count=2)) == ['compute1', 'compute2']
    with pytest.raises(exception.NoValidHost):
        scheduler.select(sess, anti, count=3)
    rules = scheduler.Request(resources=(1, 512, 1), group_policy='anti-affinity',
                              group_rules={'max_server_per_host': 2})
    assert len(scheduler.select(sess, rules, count=4)) == 4


def test_soft_policies_prefer_but_do_not_fail(sess):
    soft = scheduler.Request(resources=(1, 512, 1), group_policy='soft-anti-affinity')
    assert len(scheduler.select(sess, soft, count=5)) == 5
    soft_aff = scheduler.Request(resources=(1, 512, 1), group_policy='soft-affinity',
                                 group_hosts=['compute2'])
    assert {n.host for n in scheduler.select(sess, soft_aff, count=3)} == {'compute2'}


def test_parse_availability_zone():
    assert scheduler.parse_availability_zone('nova:compute1') == ('nova', 'compute1', None)
    assert scheduler.parse_availability_zone('nova:compute1:node') == ('nova', 'compute1', 'node')
    assert scheduler.parse_availability_zone(':compute2') == (None, 'compute2', None)
    assert scheduler.parse_availability_zone(None) == (None, None, None)


def test_the_database_picks_the_host_the_full_computation_picks(backend, monkeypatch):
    """The fleet-size-independent path (SQL usage, filters, order; a few rows read) chooses
    exactly what filtering and weighing every node in Python chooses: ties broken by name
    in code point order with a name after its prefixes, fractional allocation ratios,
    disabled, forced-down, silent and full hosts, zones, ignored hosts."""
    import datetime
    import random
    from novaapi.db import base
    rnd = random.Random(13)
    monkeypatch.setattr(scheduler, 'CHUNK', 3)  # read in small pages, as a big fleet is
    names = ['compute10', 'compute1a', 'c', 'cc', 'Compute3', 'compute-9', 'node_1',
             'zeta', 'alpha1', 'alpha10', 'alpha', 'b1', 'b10', 'b100', 'b2', 'b20', 'x', 'y', 'w']
    with engine.transaction() as sess:
        old = base.utcnow() - datetime.timedelta(hours=1)
        for name in names:
            sess.add(models.ComputeNode(
                host=name, hypervisor_hostname=name, vcpus=rnd.choice([2, 4, 16]),
                memory_mb=rnd.choice([4096, 4097, 8192]), local_gb=rnd.choice([20, 1000]),
                ram_allocation_ratio=rnd.choice([1.0, 1.0, 1.5, 0.7]),
                cpu_allocation_ratio=rnd.choice([1.0, 16.0]),
                availability_zone=rnd.choice(['nova', 'nova', 'other']),
                disabled=rnd.random() < 0.1, forced_down=rnd.random() < 0.05,
                last_seen_up=old if rnd.random() < 0.05 else base.utcnow()))
        sess.flush()
        for _ in range(30):
            _instance(sess, rnd.choice(names), vcpus=rnd.choice([1, 2]),
                      memory_mb=rnd.choice([512, 1024, 2048, 333]), root_gb=rnd.choice([1, 10]))
        checked = 0
        for _ in range(60):
            request = scheduler.Request(
                resources=(rnd.choice([1, 2, 8]), rnd.choice([512, 2048, 6000]), rnd.choice([1, 50])),
                availability_zone=rnd.choice([None, None, 'nova', 'other']),
                ignore_hosts=tuple(rnd.sample(names, rnd.choice([0, 0, 1, 3]))))
            full = scheduler._pick(sess, request, hosts.usage(sess), [])
            fast = scheduler._select_best(sess, request)
            assert (fast and fast.host) == (full and full.host), request
            checked += full is not None
            if full is not None and rnd.random() < 0.5:
                _instance(sess, full.host, memory_mb=request.resources[1], vcpus=1)
        assert checked > 20


@pytest.mark.parametrize('chunk', [1, 2, 16])
def test_ties_on_free_ram_go_to_the_name_weighing_picks(sess, monkeypatch, chunk):
    """Equal free RAM: the name _weigh prefers (a name after its prefixes, code point order);
    the same whole MiB from different fractions: also the name, whatever the paging."""
    monkeypatch.setattr(scheduler, 'CHUNK', chunk)
    for node in hosts.all_nodes(sess):
        node.disabled = True
    for name, memory, ratio in (('b1', 8192, 1.0), ('b2', 8192, 1.0), ('b10', 8192, 1.0),
                                ('b100', 8192, 1.0), ('a1', 4096, 1.0)):
        sess.add(models.ComputeNode(host=name, hypervisor_hostname=name, vcpus=4, memory_mb=memory,
                                    local_gb=100, ram_allocation_ratio=ratio))
    sess.flush()
    request = scheduler.Request(resources=(1, 512, 1))
    assert scheduler._pick(sess, request, hosts.usage(sess), []).host == 'b100'
    assert scheduler.select(sess, request)[0].host == 'b100'
    # 6145.5 and 6145.9 free (more in SQL's order) tie with 6145.0 on whole MiB: the name wins.
    for name, memory, ratio in (('c2', 4097, 1.5), ('c3', 8779, 0.7), ('c1', 6145, 1.0)):
        sess.add(models.ComputeNode(host=name, hypervisor_hostname=name, vcpus=4, memory_mb=memory,
                                    local_gb=100, ram_allocation_ratio=ratio))
        _instance(sess, 'b100', memory_mb=3000)
    sess.flush()
    for node in hosts.all_nodes(sess):
        if node.host.startswith('b'):
            node.disabled = True
    sess.flush()
    assert scheduler._pick(sess, request, hosts.usage(sess), []).host == 'c1'
    assert scheduler.select(sess, request)[0].host == 'c1'


def test_placing_a_server_reads_a_page_of_hosts_whatever_the_fleet(sess):
    """Two statements (any move holding resources? the best page of hosts) for 2 or 300 hosts."""
    from sqlalchemy import event

    def statements():
        seen = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(engine.get_engine(), 'before_cursor_execute', listener)
        try:
            node = scheduler.select(sess, scheduler.Request(resources=(1, 512, 1)))[0]
        finally:
            event.remove(engine.get_engine(), 'before_cursor_execute', listener)
        _instance(sess, node.host)
        return len(seen)
    small = statements()
    for n in range(300):
        sess.add(models.ComputeNode(host='rack%03d' % n, hypervisor_hostname='rack%03d' % n,
                                    vcpus=16, memory_mb=65536, local_gb=1000))
    sess.flush()
    assert small == statements() == 2
