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
