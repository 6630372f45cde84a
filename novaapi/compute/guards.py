"""State and lock checks before a server changes, and the compare-and-swap write they guard."""

from novaapi.compute import engine
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
        if engine.cas_update(sess, instance, values(instance) if callable(values) else values):
            return instance
        engine.reload(sess, instance)
    raise exception.InstanceUnknownState(instance_uuid=instance.uuid, action=action)
