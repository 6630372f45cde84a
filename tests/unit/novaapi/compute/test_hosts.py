"""Simulated hosts: ``[compute] hosts`` as names, a count or numbered ranges, and their seeding."""

import pytest
import sqlalchemy as sa

from novaapi.compute import hosts
from novaapi.compute import models
from novaapi import conf
from novaapi.db import engine


@pytest.mark.parametrize('text, expected', [
    ('compute1,compute2', ['compute1', 'compute2']),
    ('3', ['compute1', 'compute2', 'compute3']),
    ('rack[08-11]', ['rack08', 'rack09', 'rack10', 'rack11']),
    ('edge, node[1-2].lab ,edge', ['edge', 'node1.lab', 'node2.lab']),
    ('', []),
])
def test_hosts_accept_names_counts_and_ranges(text, expected):
    assert hosts.expand_hosts(text) == expected


def test_a_count_makes_a_thousand_hosts_in_one_line():
    names = hosts.expand_hosts('1000')
    assert len(names) == len(set(names)) == 1000
    assert (names[0], names[-1]) == ('compute1', 'compute1000')


@pytest.mark.parametrize('text', ['c[5-1]', 'c[1-]', 'c[a-b]', 'c[1-2][3-4]', 'c]1'])
def test_a_malformed_range_is_a_clear_error(text):
    with pytest.raises(ValueError, match=r'\[compute\] hosts'):
        hosts.expand_hosts(text)


def test_seeding_a_fleet_gives_every_host_its_own_address(deployment):
    conf.CONF.set('compute', 'hosts', '300')
    with engine.transaction() as sess:
        hosts.seed(sess)
    with engine.transaction() as sess:
        rows = sess.execute(sa.select(models.ComputeNode.host, models.ComputeNode.host_ip)
                            .where(models.ComputeNode.deleted == 0)).all()
    ips = {host: ip for host, ip in rows}
    assert len(ips) == 300 and len(set(ips.values())) == 300
    assert (ips['compute1'], ips['compute2'], ips['compute300']) == (
        '192.168.1.11', '192.168.1.12', '192.168.2.54')


def _lock_cost(sess):
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(cursor.rowcount if statement.lstrip().upper().startswith('UPDATE') else None)
    db = engine.get_engine()
    sa.event.listen(db, 'after_cursor_execute', record)
    try:
        hosts.lock_nodes(sess)
    finally:
        sa.event.remove(db, 'after_cursor_execute', record)
    return len(seen), [n for n in seen if n is not None]


def test_placement_lock_costs_the_same_for_2_and_300_hosts(deployment):
    with engine.transaction() as sess:
        small = _lock_cost(sess)
    conf.CONF.set('compute', 'hosts', '300')
    with engine.transaction() as sess:
        hosts.seed(sess)
    with engine.transaction() as sess:
        large = _lock_cost(sess)
    # Two statements, and the update writes one row, whatever the size of the fleet.
    assert small == large == (2, [1])
