"""The state machine engine: an unknown pending step ends in ERROR, a step runs once."""

import sqlalchemy as sa
from sqlalchemy import event

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


def _pass_statements():
    """``(steps done, SQL statements)`` of one state machine pass."""
    seen = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)
    eng = engine.get_engine()
    event.listen(eng, 'before_cursor_execute', count)
    try:
        done = machine.advance_due()
    finally:
        event.remove(eng, 'before_cursor_execute', count)
    return done, len(seen)


def test_a_pass_advances_every_due_step_in_one_batch(servers):
    """A pass takes all due steps at once; a stage without side effects costs the same
    statements for 2 servers as for 8 (one scan, one claim, one read, one UPDATE)."""
    passes = {}
    for count in (2, 8):
        for _ in range(count):
            servers.boot(settle=False)
        passes[count] = []
        while True:
            done, statements = _pass_statements()
            if not done:
                break
            assert done == count  # every due step of the stage in this pass
            passes[count].append(statements)
    spawning = slice(2, 6)  # after scheduling and networking, four progress steps
    assert len(passes[2]) == len(passes[8]) == 7
    assert passes[2][spawning] == passes[8][spawning] == [5] * 4


def test_a_failing_step_leaves_the_rest_of_its_batch_to_the_next_pass(servers):
    uuids = [servers.boot(settle=False) for _ in range(4)]
    with engine.transaction() as sess:
        sess.execute(sa.update(models.Instance).where(models.Instance.uuid == uuids[1])
                     .values(step='vanished:0', step_at=base.utcnow()))
    assert machine.advance_due() == 1  # the failing step alone: rolled back, then ERROR
    assert servers.get(uuids[1])['status'] == 'ERROR'
    assert machine.advance_due() == 3  # the others, in one batch
    servers.settle()
    assert [servers.get(u)['status'] for u in uuids] == ['ACTIVE', 'ERROR', 'ACTIVE', 'ACTIVE']


def test_a_batch_opens_and_closes_the_events_of_all_its_servers_at_once(servers):
    """The pass that starts 2 or 8 builds opens their events, and the pass that ends them
    closes them, with statements that do not grow with the batch; every server's create
    action then shows its event finished with success."""
    first_and_last = {}
    uuids = []
    for count in (2, 8):
        batch = [servers.boot(settle=False) for _ in range(count)]
        uuids += batch
        passes = []
        while True:
            done, statements = _pass_statements()
            if not done:
                break
            passes.append(statements)
        first_and_last[count] = passes[-1]
    assert first_and_last[2] == first_and_last[8]
    for uuid in uuids:
        listed = servers.sub('GET', uuid, 'os-instance-actions', version='2.58').json_body_or_none
        request_id = listed['instanceActions'][-1]['request_id']
        shown = servers.sub('GET', uuid, 'os-instance-actions/' + request_id, version='2.58',
                            admin=True).json_body_or_none['instanceAction']
        assert shown['action'] == 'create'
        assert [(e['event'], e['result']) for e in shown['events']] == \
            [('compute__do_build_and_run_instance', 'Success')]
        assert shown['events'][0]['finish_time'] and shown['updated_at']
