"""Server live migrations: list, show, force complete and abort."""

import pytest
import sqlalchemy as sa

from novaapi.compute import models
from novaapi.db import engine
from tests.conftest import sample
from tests.unit.novaapi.api import helpers


def _msg(resp):
    return next(iter(resp.json_body_or_none.values()))['message']


def _set_migration(migration_id, **values):
    with engine.transaction() as sess:
        sess.execute(sa.update(models.Migration).where(models.Migration.id == migration_id)
                     .values(**values))


@pytest.mark.parametrize('version,folder', [('2.23', 'v2.23/'), ('2.59', 'v2.59/'),
                                            ('2.80', 'v2.80/')])
def test_server_migrations_match_samples(servers, version, folder):
    uuid, migration_id = helpers.live_migrating(servers)
    listed = servers.sub('GET', uuid, 'migrations', version=version, admin=True).json_body_or_none
    want = sample('server-migrations/%smigrations-index.json' % folder)['migrations'][0]
    assert [sorted(m) for m in listed['migrations']] == [sorted(want)]
    assert listed['migrations'][0]['source_compute']
    shown = servers.sub('GET', uuid, 'migrations/%d' % migration_id, version=version, admin=True)
    want = sample('server-migrations/%smigrations-get.json' % folder)['migration']
    assert sorted(shown.json_body_or_none['migration']) == sorted(want)
    assert servers.sub('GET', uuid, 'migrations', version='2.22', admin=True).status_int == 404


def test_server_migration_policy_and_errors(servers):
    uuid, migration_id = helpers.live_migrating(servers)
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
    uuid, migration_id = helpers.live_migrating(servers)
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
    uuid, migration_id = helpers.live_migrating(servers)
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
