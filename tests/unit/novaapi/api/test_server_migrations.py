"""Server live migrations (list, show, force complete, abort) and ``/os-migrations``."""

import pytest
import sqlalchemy as sa

from novaapi.compute import models
from novaapi.db import engine
from tests.conftest import sample


def _msg(resp):
    return next(iter(resp.json_body_or_none.values()))['message']


def _live_migrating(servers):
    uuid = servers.boot()
    resp = servers.action(uuid, {'os-migrateLive': {'host': None, 'block_migration': 'auto'}},
                          version='2.80', admin=True)
    assert resp.status_int == 202, resp.body
    with engine.transaction() as sess:
        migration_id = sess.scalar(sa.select(models.Migration.id)
                                   .where(models.Migration.instance_uuid == uuid))
    return uuid, migration_id


def _set_migration(migration_id, **values):
    with engine.transaction() as sess:
        sess.execute(sa.update(models.Migration).where(models.Migration.id == migration_id)
                     .values(**values))


@pytest.mark.parametrize('version,folder', [('2.23', 'v2.23/'), ('2.59', 'v2.59/'),
                                            ('2.80', 'v2.80/')])
def test_server_migrations_match_samples(servers, version, folder):
    uuid, migration_id = _live_migrating(servers)
    listed = servers.sub('GET', uuid, 'migrations', version=version, admin=True).json_body_or_none
    want = sample('server-migrations/%smigrations-index.json' % folder)['migrations'][0]
    assert [sorted(m) for m in listed['migrations']] == [sorted(want)]
    assert listed['migrations'][0]['source_compute']
    shown = servers.sub('GET', uuid, 'migrations/%d' % migration_id, version=version, admin=True)
    want = sample('server-migrations/%smigrations-get.json' % folder)['migration']
    assert sorted(shown.json_body_or_none['migration']) == sorted(want)
    assert servers.sub('GET', uuid, 'migrations', version='2.22', admin=True).status_int == 404


def test_server_migration_policy_and_errors(servers):
    uuid, migration_id = _live_migrating(servers)
    resp = servers.sub('GET', uuid, 'migrations', version='2.23')
    assert resp.status_int == 403
    resp = servers.sub('GET', uuid, 'migrations/999', version='2.23', admin=True)
    assert resp.status_int == 404
    assert _msg(resp) == 'In-progress live migration 999 is not found for server %s.' % uuid
    _set_migration(migration_id, status='completed')
    resp = servers.sub('GET', uuid, 'migrations/%d' % migration_id, version='2.23', admin=True)
    assert _msg(resp) == 'Live migration %d for server %s is not in progress.' % (migration_id, uuid)
    _set_migration(migration_id, status='running', migration_type='migration')
    resp = servers.sub('GET', uuid, 'migrations/%d' % migration_id, version='2.23', admin=True)
    assert _msg(resp) == 'Migration %d for server %s is not live-migration.' % (migration_id, uuid)


def test_force_complete(servers):
    uuid, migration_id = _live_migrating(servers)
    path = 'migrations/%d/action' % migration_id
    assert servers.sub('POST', uuid, path, {'force_complete': None}, version='2.21',
                       admin=True).status_int == 404
    resp = servers.sub('POST', uuid, path, {'force_complete': None}, version='2.22', admin=True)
    assert resp.status_int == 400
    assert _msg(resp) == ('Migration %d state of instance %s is queued. Cannot force complete '
                          'while the migration is in this state.' % (migration_id, uuid))
    resp = servers.sub('POST', uuid, 'migrations/999/action', {'force_complete': None},
                       version='2.22', admin=True)
    assert resp.status_int == 400
    assert _msg(resp) == 'Migration 999 not found for instance %s' % uuid
    _set_migration(migration_id, status='running')
    resp = servers.sub('POST', uuid, path, {'force_complete': None}, version='2.22', admin=True)
    assert resp.status_int == 202 and resp.body == b''
    servers.settle()
    resp = servers.sub('POST', uuid, path, {'force_complete': None}, version='2.22', admin=True)
    assert resp.status_int == 409
    # NOTE: Nova names no state it cannot print: an idle task_state is None.
    assert _msg(resp) == "Instance %s is in an invalid state for 'force_complete'" % uuid


def test_abort(servers):
    uuid, migration_id = _live_migrating(servers)
    path = 'migrations/%d' % migration_id
    assert servers.sub('DELETE', uuid, path, version='2.23', admin=True).status_int == 404
    resp = servers.sub('DELETE', uuid, path, version='2.24', admin=True)
    assert resp.status_int == 400
    assert 'Cannot abort live migration while the migration is in this state.' in _msg(resp)
    resp = servers.sub('DELETE', uuid, 'migrations/999', version='2.65', admin=True)
    assert resp.status_int == 404
    resp = servers.sub('DELETE', uuid, path, version='2.65', admin=True)
    assert resp.status_int == 202
    server = servers.get(uuid, admin=True)
    assert server['status'] == 'ACTIVE' and server['OS-EXT-STS:task_state'] is None
    listed = servers.call('GET', '/os-migrations', version='2.59', admin=True).json_body_or_none
    assert listed['migrations'][0]['status'] == 'cancelled'
    resp = servers.sub('DELETE', uuid, path, version='2.65', admin=True)
    assert resp.status_int == 409
    actions = servers.sub('GET', uuid, 'os-instance-actions').json_body_or_none['instanceActions']
    assert actions[0]['action'] == 'live_migration_cancel'


@pytest.mark.parametrize('version,folder', [('2.1', ''), ('2.23', 'v2.23/'), ('2.59', 'v2.59/'),
                                            ('2.80', 'v2.80/')])
def test_os_migrations_keys(servers, version, folder):
    uuid, migration_id = _live_migrating(servers)
    listed = servers.call('GET', '/os-migrations', version=version, admin=True).json_body_or_none
    want = sample('os-migrations/%smigrations-get.json' % folder)['migrations']
    live = [m for m in want if m.get('migration_type', 'live-migration') == 'live-migration'
            and m['status'] == 'running'] or want
    assert sorted(listed['migrations'][0]) == sorted(live[0])
    if version != '2.1':
        assert listed['migrations'][0]['links'][0]['href'].endswith(
            '/v2.1/servers/%s/migrations/%d' % (uuid, migration_id))


def test_os_migrations_filters_paging_policy(servers):
    first, _ = _live_migrating(servers)
    second, _ = _live_migrating(servers)
    call = servers.call
    both = call('GET', '/os-migrations', version='2.59', admin=True).json_body_or_none['migrations']
    assert [m['instance_uuid'] for m in both] == [second, first]
    one = call('GET', '/os-migrations?instance_uuid=' + first, admin=True).json_body_or_none
    assert [m['instance_uuid'] for m in one['migrations']] == [first]
    assert call('GET', '/os-migrations?status=done', admin=True).json_body_or_none == {
        'migrations': []}
    page = call('GET', '/os-migrations?limit=1', version='2.59', admin=True).json_body_or_none
    assert page['migrations_links'][0]['href'].endswith(
        '/v2.1/os-migrations?limit=1&marker=%s' % page['migrations'][0]['uuid'])
    rest = call('GET', '/os-migrations?marker=' + page['migrations'][0]['uuid'], version='2.59',
                admin=True).json_body_or_none
    assert [m['instance_uuid'] for m in rest['migrations']] == [first]
    resp = call('GET', '/os-migrations?marker=nope', version='2.59', admin=True)
    assert resp.status_int == 400 and _msg(resp) == 'Marker nope could not be found.'
    assert call('GET', '/os-migrations?foo=1', version='2.59', admin=True).status_int == 400
    assert call('GET', '/os-migrations?user_id=x', version='2.79', admin=True).status_int == 400
    assert call('GET', '/os-migrations?user_id=x', version='2.80',
                admin=True).json_body_or_none == {'migrations': []}
    resp = call('GET', '/os-migrations')
    assert resp.status_int == 403
    assert _msg(resp) == "Policy doesn't allow os_compute_api:os-migrations:index to be performed."
