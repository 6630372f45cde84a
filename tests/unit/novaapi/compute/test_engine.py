"""The state machine engine: an unknown pending step ends in ERROR, a step runs once."""

import sqlalchemy as sa

from novaapi.compute import engine as machine
from novaapi.compute import models
from novaapi.db import base
from novaapi.db import engine


def test_unknown_pending_step_ends_in_error(servers):
    uuid = servers.boot()
    with engine.transaction() as sess:
        sess.execute(sa.update(models.Instance).where(models.Instance.uuid == uuid)
                     .values(step='vanished:0', task_state='powering-off', step_at=base.utcnow()))
    servers.settle()
    server = servers.get(uuid)
    assert server['status'] == 'ERROR' and 'vanished' in server['fault']['message']


def test_step_runs_once(servers):
    uuid = servers.boot()
    servers.action(uuid, {'os-stop': None})
    with engine.transaction() as sess:
        row = machine.due_steps(sess)[0]
    assert machine.advance(*row) is True
    assert machine.advance(*row) is False
