"""Instance action records (``os-instance-actions``): one per API action, events per compute step."""

import sqlalchemy as sa

from novaapi.compute import models
from novaapi.db import base

CREATE = 'create'
DELETE = 'delete'
EVACUATE = 'evacuate'
RESTORE = 'restore'
STOP = 'stop'
START = 'start'
REBOOT = 'reboot'
REBUILD = 'rebuild'
REVERT_RESIZE = 'revertResize'
CONFIRM_RESIZE = 'confirmResize'
RESIZE = 'resize'
MIGRATE = 'migrate'
PAUSE = 'pause'
UNPAUSE = 'unpause'
SUSPEND = 'suspend'
RESUME = 'resume'
RESCUE = 'rescue'
UNRESCUE = 'unrescue'
CHANGE_PASSWORD = 'changePassword'
SHELVE = 'shelve'
SHELVE_OFFLOAD = 'shelveOffload'
UNSHELVE = 'unshelve'
LIVE_MIGRATION = 'live-migration'
TRIGGER_CRASH_DUMP = 'trigger_crash_dump'
LOCK = 'lock'
UNLOCK = 'unlock'
BACKUP = 'createBackup'
CREATE_IMAGE = 'createImage'
RESET_STATE = 'resetState'


def record(sess, ctx, instance_uuid, action, finished=False):
    """Start an action for ``instance_uuid`` on behalf of ``ctx``; return its row.

    ``finished`` actions (lock, unlock, resetState...) have no compute step.
    """
    now = base.utcnow()
    row = models.InstanceAction(action=action, instance_uuid=instance_uuid,
                                request_id=getattr(ctx, 'request_id', None),
                                user_id=ctx.user_id, project_id=ctx.project_id,
                                start_time=now, finish_time=now if finished else None,
                                updated_at=now)
    sess.add(row)
    sess.flush()
    return row


def start_event(sess, action_id, event, host=None):
    if action_id is not None:
        start_events(sess, [(action_id, event, host)])


_EVENTS = models.InstanceActionEvent.__table__
_ACTIONS = models.InstanceAction.__table__


def start_events(sess, events):
    """Open an event per ``(action_id, event, host)``: two statements however many there are."""
    if not events:
        return
    now = base.utcnow()
    sess.execute(sa.insert(_EVENTS), [{'action_id': action_id, 'event': event, 'start_time': now,
                                       'host': host, 'created_at': now}
                                      for action_id, event, host in events])
    # An action's update time is that of its last event, as in Nova (changes-since reads it).
    sess.execute(sa.update(_ACTIONS).where(_ACTIONS.c.id.in_({e[0] for e in events}))
                 .values(updated_at=now))


def finish_events(sess, action_id, result='Success', traceback=None):
    """Close the open events of an action (and mark the action on error)."""
    if action_id is not None:
        _finish(sess, [action_id], result, traceback)


def finish_all(sess, action_ids):
    """:func:`finish_events` with success for many actions: two statements."""
    ids = {action_id for action_id in action_ids if action_id is not None}
    if ids:
        _finish(sess, ids, 'Success', None)


def _finish(sess, action_ids, result, traceback):
    now = base.utcnow()
    sess.execute(sa.update(_EVENTS)
                 .where(_EVENTS.c.action_id.in_(action_ids), _EVENTS.c.finish_time.is_(None))
                 .values(finish_time=now, result=result, traceback=traceback, updated_at=now))
    values = {'updated_at': now}
    if result != 'Success':
        values['message'] = 'Error'
    sess.execute(sa.update(_ACTIONS).where(_ACTIONS.c.id.in_(action_ids)).values(**values))
