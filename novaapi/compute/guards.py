"""State and lock checks before a server changes, the compare-and-swap write they guard, and
entering an operation of the state machine under them.

A state change is a compare-and-swap on ``state_version`` (:func:`cas_update`):
the allowed-state check and the write cannot be split by a concurrent request,
so of many simultaneous requests exactly one wins and the others get Nova's
409 for the state the winner left.
"""

import sqlalchemy as sa
from sqlalchemy.orm import attributes

from novaapi.compute import actions
from novaapi.compute import instances
from novaapi.compute import models
from novaapi.compute import operations
from novaapi.compute import policy
from novaapi.db import base
from novaapi import exception


class Guard:
    """Nova's ``check_instance_lock`` / ``check_instance_host`` / ``check_instance_state``."""

    def __init__(self, vm_states=None, task_states=(None,), lock=True, host=False, launched=True):
        self.vm_states = vm_states
        self.task_states = task_states
        self.lock = lock
        self.host = host
        self.launched = launched

    def check(self, ctx, instance, action):
        if self.lock and instance.locked and not ctx.is_admin:
            raise exception.InstanceIsLocked(instance_uuid=instance.uuid)
        if self.host and not instance.host:
            raise exception.InstanceNotReady(instance_id=instance.uuid)
        for attr, allowed in (('vm_state', self.vm_states), ('task_state', self.task_states)):
            state = getattr(instance, attr)
            if allowed is not None and state not in allowed:
                raise exception.InstanceInvalidState(action=action, instance_uuid=instance.uuid,
                                                     attr=attr, state=state)
        if self.launched and not instance.launched_at:
            raise exception.InstanceInvalidState(action=action, instance_uuid=instance.uuid,
                                                 attr='launched_at', state=None)


def transition(sess, ctx, instance, action, guard, values):
    """Check ``guard`` then write ``values`` (a dict or ``fn(instance)``) atomically; retry on races."""
    for _ in range(20):
        guard.check(ctx, instance, action)
        if cas_update(sess, instance, values(instance) if callable(values) else values):
            return instance
        reload(sess, instance)
    raise exception.InstanceUnknownState(instance_uuid=instance.uuid, action=action)


def cas_update(sess, instance, values):
    """Write ``values`` if the row is still at the version ``instance`` was read at.

    :returns: True when this call won; the object then mirrors the new row.
    """
    values = dict(values, state_version=instance.state_version + 1, updated_at=base.utcnow())
    result = sess.execute(sa.update(models.Instance)
                          .where(models.Instance.id == instance.id,
                                 models.Instance.state_version == instance.state_version)
                          .values(**values).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        return False
    for key, value in values.items():
        attributes.set_committed_value(instance, key, value)
    return True


def reload(sess, instance):
    """Re-read a row after a lost compare-and-swap (a locking read, so MySQL sees the winner)."""
    sess.refresh(instance, with_for_update=True)
    return instance


def start_operation(sess, ctx, instance, action, guard, op, record, data=None, extra=None):
    """Move the server into the first task state of ``op`` and record the instance action."""
    row = actions.record(sess, ctx, instance.uuid, record) if record else None
    payload = dict(data or {}, action_id=row.id if row else None)

    def values(inst):
        payload.setdefault('previous_vm_state', inst.vm_state)
        result = operations.plan(inst, op, payload)
        result.update(extra(inst) if callable(extra) else (extra or {}))
        return result
    return transition(sess, ctx, instance, action, guard, values)


def target(instance):
    """The policy target of a server: its project and user."""
    return {'project_id': instance.project_id, 'user_id': instance.user_id}


def server(sess, ctx, server_id, rule, of_user=True, view=False, memo=None):
    """The server ``server_id`` as ``ctx`` may see it (404 otherwise), after policy ``rule`` on it.

    The target is the server's project and, with ``of_user``, its user. With
    ``view``, a read-only :class:`instances.View` rather than the model, from what
    the worker keeps when ``memo`` is given (see :func:`instances.get_view`).
    """
    if view:
        instance = instances.get_view(sess, ctx, server_id, memo)
    else:
        instance = instances.get(sess, ctx, server_id)
    policy.authorize(ctx, rule, target(instance) if of_user else {'project_id': instance.project_id})
    return instance
