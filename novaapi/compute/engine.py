"""The state machine engine: pending steps live in the database and any worker may advance them.

An *operation* (``build``, ``stop``, ``resize``...; see
:mod:`novaapi.compute.operations`) is a list of stages, each a task state
the server shows for a while.  Entering an operation stores its first
stage in the instance row (``task_state``, ``step = "<op>:<index>"``,
``step_at`` = when it is due, ``step_data``).  :func:`run` loops in one
background worker per ``nova-api`` (in each worker under another WSGI host):
every pass takes up to :data:`BATCH` due steps and claims them all with one
compare-and-swap on ``(uuid, step, state_version)``, so exactly one process
performs a step even when several ``nova-api`` processes share a database.
The batch's steps and their side effects (ports, images, migrations, hosts)
are written in one transaction; a batch in which a step fails is rolled back,
that step is advanced alone in a transaction of its own and the others make
the next batch.
Steps that fail, or that this code no longer knows after an upgrade, put the
server in ERROR with a fault.
"""

import datetime
import logging
import time
import traceback

import sqlalchemy as sa

from novaapi.compute import actions
from novaapi.compute import models
from novaapi.compute import operations
from novaapi.compute import states
from novaapi.db import base
from novaapi.db import engine as db
from novaapi import conf
from novaapi import exception

LOG = logging.getLogger(__name__)

BATCH = 50
"""Steps one pass performs in one transaction at most."""


def due_steps(sess, now=None, limit=BATCH, lock=False):
    """``(uuid, step, task_state, state_version)`` of the steps due at ``now``, oldest first.

    ``lock`` (PostgreSQL) locks them and skips rows another runner holds, so two
    runners take disjoint batches instead of waiting for each other.
    """
    inst = models.Instance
    query = (sa.select(inst.uuid, inst.step, inst.task_state, inst.state_version)
             .where(inst.step.is_not(None), inst.step_at <= (now or base.utcnow()))
             .order_by(inst.step_at).limit(limit))
    if lock and sess.get_bind().dialect.name == 'postgresql':
        query = query.with_for_update(skip_locked=True, of=inst)
    return list(sess.execute(query))


def _claim(sess, uuid, step, task_state, version):
    inst = models.Instance
    task_match = inst.task_state.is_(None) if task_state is None else inst.task_state == task_state
    result = sess.execute(sa.update(inst)
                          .where(inst.uuid == uuid, inst.step == step, task_match,
                                 inst.state_version == version)
                          .values(state_version=version + 1)
                          .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        return None
    return sess.scalars(sa.select(inst).where(inst.uuid == uuid)).one()


def advance(uuid, step, task_state, version):
    """Perform one due step exactly once; False when another process already did."""
    try:
        with db.transaction() as sess:
            instance = _claim(sess, uuid, step, task_state, version)
            if instance is None:
                return False
            _perform(sess, instance)
        return True
    except Exception as exc:  # noqa: BLE001 - a failed step becomes an ERROR server
        LOG.warning('step %s of %s failed: %s', step, uuid, exc, exc_info=True)
        error, details = exc, traceback.format_exc()
    with db.transaction() as sess:
        instance = _claim(sess, uuid, step, task_state, version)
        if instance is None:
            return False
        _fail(sess, instance, error, details)
    return True


def _stage(instance):
    """``(name, operation, stage index)`` of the instance's pending step."""
    name, _, index = instance.step.partition(':')
    op = operations.OPERATIONS.get(name)
    if op is None or not index.isdecimal() or int(index) >= len(op.stages):
        raise exception.NovaException('Unknown pending step %s' % instance.step)
    return name, op, int(index)


def _opened_event(instance):
    """``(action_id, event, host)`` of the event the pending step opens, or None."""
    _name, op, index = _stage(instance)
    action_id = (instance.step_data or {}).get('action_id')
    if index == 0 and op.event and action_id is not None:
        return action_id, op.event, instance.host
    return None


def _perform(sess, instance, event_opened=False, finished=None):
    """Run the instance's pending step; ``event_opened``: its event is already written;
    ``finished``: a list to hand the action id of a finished operation to, whose
    events the caller closes (else they are closed here)."""
    name, op, index = _stage(instance)
    data = dict(instance.step_data or {})
    hook = op.stages[index][1]
    event = None if event_opened else _opened_event(instance)
    if event is not None:
        actions.start_events(sess, [event])
    if hook is not None:
        hook(sess, instance, data)
    if instance.step != '%s:%d' % (name, index):
        return  # the hook moved the instance elsewhere (a failure it handled, or a new operation)
    if index + 1 < len(op.stages):
        instance.task_state = op.stages[index + 1][0]
        instance.step = '%s:%d' % (name, index + 1)
        instance.step_at = base.utcnow() + datetime.timedelta(
            seconds=operations.stage_duration(op, index + 1, instance))
        instance.step_data = data
        return
    operations.finish(sess, instance)
    op.finish(sess, instance, data)
    if finished is None:
        actions.finish_events(sess, data.get('action_id'))
    else:
        finished.append(data.get('action_id'))


def _fail(sess, instance, exc, details):
    data = dict(instance.step_data or {})
    code = getattr(exc, 'code', 500)
    message = getattr(exc, 'message', None) or str(exc) or exc.__class__.__name__
    operations.finish(sess, instance)
    instance.vm_state = states.ERROR
    operations.add_fault(sess, instance, code if isinstance(code, int) else 500, message, details)
    actions.finish_events(sess, data.get('action_id'), result='Error', traceback=details)


def _write_first(sess):
    """On SQLite take the write lock before reading (see ``claims.begin_writing``): a WAL
    transaction that read first fails to write when another writer committed meanwhile."""
    connection = sess.connection()
    if connection.dialect.name == 'sqlite':
        raw = connection.connection.driver_connection
        if not raw.in_transaction:
            raw.execute('BEGIN IMMEDIATE')


def _claim_batch(sess, due):
    """Claim every row of ``due`` with one UPDATE; the instances, or None if any changed."""
    inst = models.Instance
    matches = [(uuid, step, version) for uuid, step, _task_state, version in due]
    result = sess.execute(sa.update(inst).where(
        sa.tuple_(inst.uuid, inst.step, inst.state_version).in_(matches))
                          .values(state_version=inst.state_version + 1)
                          .execution_options(synchronize_session=False))
    if result.rowcount != len(due):
        return None
    found = {i.uuid: i for i in sess.scalars(sa.select(inst).where(inst.uuid.in_([r[0] for r in due])))}
    return [found[row[0]] for row in due]


class _Retry(Exception):
    """The batch is given up (rolled back): its rows are advanced one by one instead."""


def advance_batch(now=None, limit=BATCH):
    """Perform the steps due now, up to ``limit``, in one transaction: ``(done, rows to retry)``.

    The batch is all or nothing. When a step raises, nothing is kept and only that
    step's row is handed back, to be advanced alone by :func:`advance` (which turns
    it into an ERROR server); the others are still due and make the next batch.
    When a row changed between the scan and the claim (another process, an API
    request) or the commit fails, every row is handed back.
    """
    due = failing = None
    try:
        with db.transaction() as sess:
            _write_first(sess)
            due = due_steps(sess, now, limit, lock=True)
            if not due:
                return 0, []
            instances = _claim_batch(sess, due)
            if instances is None:
                raise _Retry()
            opened = []
            for row, instance in zip(due, instances):
                failing = row
                opened.append(_opened_event(instance))
            failing = None
            actions.start_events(sess, [event for event in opened if event])
            finished = []
            for row, instance in zip(due, instances):
                failing = row
                _perform(sess, instance, event_opened=True, finished=finished)
            failing = None
            actions.finish_all(sess, finished)
            sess.flush()
    except Exception as exc:  # noqa: BLE001 - retried alone, a failing step ends in ERROR
        if not due:
            raise
        if not isinstance(exc, _Retry):
            LOG.info('a batch of %d steps is rolled back: %s', len(due), exc)
        return 0, [failing] if failing is not None else due
    return len(due), []


def advance_due(now=None):
    """Advance the steps due now (a batch); return how many this process performed."""
    with db.transaction() as sess:
        if not due_steps(sess, now, limit=1):  # idle: no write lock taken
            return 0
    done, retry = advance_batch(now)
    return done + sum(1 for row in retry if advance(*row))


def run():
    """Background loop (``service.BACKGROUND``)."""
    while True:
        done = 0
        try:
            done = advance_due()
        except Exception:  # noqa: BLE001 - keep the loop alive across database hiccups
            LOG.exception('state machine pass failed')
        time.sleep(0 if done else conf.CONF.compute.poll_interval)
