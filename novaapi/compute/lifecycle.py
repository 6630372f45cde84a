"""Server actions that change power, lock or task state in place: start, stop, pause, suspend,
reboot, lock, reset-state, password, crash dump, network info and console output."""

from novaapi.compute import actions
from novaapi.compute import drivers
from novaapi.compute import guards
from novaapi.compute import policy
from novaapi.compute import server_values
from novaapi.compute import states as s
from novaapi.db import engine
from novaapi import exception

ALLOW_REBOOT = (None, s.REBOOTING, s.REBOOT_PENDING, s.REBOOT_STARTED, s.RESUMING, s.REBOOTING_HARD,
                s.UNPAUSING, s.PAUSING, s.SUSPENDING)
# Any state, any task, locked or not, launched or not.
_ANY = guards.Guard(None, None, lock=False, launched=False)

SIMPLE = {
    # verb: (policy rule, operation, allowed vm_states, check host, instance action)
    'start': ('servers:start', 'start', (s.STOPPED,), True, actions.START),
    'stop': ('servers:stop', 'stop', (s.ACTIVE, s.ERROR), True, actions.STOP),
    'pause': ('os-pause-server:pause', 'pause', (s.ACTIVE,), False, actions.PAUSE),
    'unpause': ('os-pause-server:unpause', 'unpause', (s.PAUSED,), False, actions.UNPAUSE),
    'suspend': ('os-suspend-server:suspend', 'suspend', (s.ACTIVE,), False, actions.SUSPEND),
    'resume': ('os-suspend-server:resume', 'resume', (s.SUSPENDED,), False, actions.RESUME),
    'unrescue': ('os-unrescue', 'unrescue', (s.RESCUED,), False, actions.UNRESCUE),
    'shelveOffload': ('os-shelve:shelve_offload', 'shelve_offload', (s.SHELVED,), False,
                      actions.SHELVE_OFFLOAD),
}


def simple_action(ctx, server_id, verb):
    """One of the :data:`SIMPLE` actions: a guarded move into its operation."""
    rule, op, vm_states, host, record = SIMPLE[verb]
    extra = {'progress': 0} if verb == 'stop' else None
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, rule)
        guards.start_operation(sess, ctx, instance, verb, guards.Guard(vm_states, host=host), op,
                               record, extra=extra)


def reboot(ctx, server_id, reboot_type):
    if reboot_type.upper() == 'SOFT':
        guard, op = guards.Guard((s.ACTIVE,)), 'reboot'
    else:
        guard = guards.Guard((s.ACTIVE, s.STOPPED, s.PAUSED, s.SUSPENDED, s.ERROR), ALLOW_REBOOT)
        op = 'reboot_hard'
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'servers:reboot')
        guards.start_operation(sess, ctx, instance, 'reboot', guard, op, actions.REBOOT)


def lock(ctx, server_id, reason=None):
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-lock-server:lock')
        owner = ctx.project_id == instance.project_id
        guards.transition(sess, ctx, instance, 'lock', _ANY,
                          {'locked': True, 'locked_by': 'owner' if owner else 'admin',
                           'locked_reason': reason})
        actions.record(sess, ctx, instance.uuid, actions.LOCK, finished=True)


def unlock(ctx, server_id):
    """Unlocking someone else's lock (an admin's, for an owner) needs ``unlock_override``."""
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-lock-server:unlock')
        expected = 'owner' if ctx.project_id == instance.project_id else 'admin'
        if instance.locked and instance.locked_by != expected:
            policy.authorize(ctx, 'os-lock-server:unlock:unlock_override',
                             {'project_id': instance.project_id})
        guards.transition(sess, ctx, instance, 'unlock', _ANY,
                          {'locked': False, 'locked_by': None, 'locked_reason': None})
        actions.record(sess, ctx, instance.uuid, actions.UNLOCK, finished=True)


def reset_state(ctx, server_id, state):
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-admin-actions:reset_state')
        guards.transition(sess, ctx, instance, 'os-resetState', _ANY,
                          {'vm_state': state, 'task_state': None, 'step': None, 'step_at': None,
                           'step_data': None})
        actions.record(sess, ctx, instance.uuid, actions.RESET_STATE, finished=True)


def change_password(ctx, server_id, password):
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-admin-password')
        guards.start_operation(sess, ctx, instance, 'changePassword', guards.Guard((s.ACTIVE,)),
                               'change_password', actions.CHANGE_PASSWORD,
                               extra={'admin_password_hash': server_values.hash_password(password)})


def trigger_crash_dump(ctx, server_id):
    guard = guards.Guard((s.ACTIVE, s.PAUSED, s.RESCUED, s.RESIZED, s.ERROR), host=True)
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'servers:trigger_crash_dump')
        guard.check(ctx, instance, 'trigger_crash_dump')
        actions.record(sess, ctx, instance.uuid, actions.TRIGGER_CRASH_DUMP, finished=True)


def inject_network_info(ctx, server_id):
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-admin-actions:inject_network_info')
        guards.Guard(None, None, launched=False).check(ctx, instance, 'injectNetworkInfo')


def console_output(ctx, server_id, length=None):
    """The last ``length`` lines (all for None) of the server's console log."""
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-console-output')
        if not instance.host:
            raise exception.InstanceNotReady(instance_id=instance.uuid)
        return drivers.get().console_output(instance, length)
