"""The state machine engine: pending steps live in the database and any worker may advance them.

An *operation* (``build``, ``stop``, ``resize``...; see
:mod:`novaapi.compute.operations`) is a list of stages, each a task state
the server shows for a while.  Entering an operation stores its first
stage in the instance row (``task_state``, ``step = "<op>:<index>"``,
``step_at`` = when it is due, ``step_data``).  :func:`run` loops in every
worker: it finds due steps and advances each one with a compare-and-swap on
``(uuid, task_state, step, state_version)``, so exactly one process performs
a step even when several workers or ``nova-api`` processes share a database.
A step's side effects (ports, images, migrations, hosts) are written in the
same transaction as its claim.  Steps that fail, or that this code no longer
knows after an upgrade, put the server in ERROR with a fault.
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

BATCH = 20


def due_steps(sess, now=None, limit=BATCH):
    inst = models.Instance
    query = (sa.select(inst.uuid, inst.step, inst.task_state, inst.state_version)
             .where(inst.step.is_not(None), inst.step_at <= (now or base.utcnow()))
             .order_by(inst.step_at).limit(limit))
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


def _perform(sess, instance):
    name, _, index = instance.step.partition(':')
    op = operations.OPERATIONS.get(name)
    if op is None or not index.isdecimal() or int(index) >= len(op.stages):
        raise exception.NovaException('Unknown pending step %s' % instance.step)
    index = int(index)
    data = dict(instance.step_data or {})
    hook = op.stages[index][1]
    if index == 0 and op.event:
        actions.start_event(sess, data.get('action_id'), op.event, host=instance.host)
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
    actions.finish_events(sess, data.get('action_id'))


def _fail(sess, instance, exc, details):
    data = dict(instance.step_data or {})
    code = getattr(exc, 'code', 500)
    message = getattr(exc, 'message', None) or str(exc) or exc.__class__.__name__
    operations.finish(sess, instance)
    instance.vm_state = states.ERROR
    operations.add_fault(sess, instance, code if isinstance(code, int) else 500, message, details)
    actions.finish_events(sess, data.get('action_id'), result='Error', traceback=details)


def advance_due(now=None):
    """Advance every step due now; return how many this process performed."""
    with db.transaction() as sess:
        due = due_steps(sess, now)
    return sum(1 for row in due if advance(*row))


def run():
    """Background loop of each worker (``service.BACKGROUND``)."""
    while True:
        done = 0
        try:
            done = advance_due()
        except Exception:  # noqa: BLE001 - keep the loop alive across database hiccups
            LOG.exception('state machine pass failed')
        time.sleep(0 if done else conf.CONF.compute.poll_interval)
