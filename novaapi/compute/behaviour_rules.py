"""What an armed behaviour matches, and taking one turn of it exactly once.

Shared by the state machine (:mod:`novaapi.compute.operations` asks when an
operation starts), the scheduler's build step and the control API's request
services (:mod:`novaapi.compute.behaviours`).  A behaviour that fires leaves
its *effect* (a small dict) in the operation's ``step_data``, so the later
steps act on it without asking the database again.
"""

import contextlib
import datetime
import fnmatch
import re

import sqlalchemy as sa

from novaapi.compute import models
from novaapi.compute.models import behaviours as behaviour_models
from novaapi.db import generations

BUILD_FAIL = 'build-fail'
BUILD_SLOW = 'build-slow'
BUILD_STUCK = 'build-stuck'
NO_VALID_HOST = 'no-valid-host'
ACTION_FAIL = 'action-fail'
ACTION_HANG = 'action-hang'
HOST_DOWN = 'host-down'
API_FAULT = 'api-fault'

KINDS = (BUILD_FAIL, BUILD_SLOW, BUILD_STUCK, NO_VALID_HOST, ACTION_FAIL, ACTION_HANG, HOST_DOWN,
         API_FAULT)
BUILD_KINDS = (BUILD_FAIL, BUILD_SLOW, BUILD_STUCK, NO_VALID_HOST)
ACTION_KINDS = (ACTION_FAIL, ACTION_HANG)
FAILING = (BUILD_FAIL, ACTION_FAIL)
HOLDING = (BUILD_SLOW, BUILD_STUCK, ACTION_HANG)

# The action names a behaviour may target -> the state machine's operations they cover.
ACTIONS = {
    'start': ('start',), 'stop': ('stop',), 'reboot': ('reboot', 'reboot_hard'),
    'pause': ('pause',), 'unpause': ('unpause',), 'suspend': ('suspend',), 'resume': ('resume',),
    'rescue': ('rescue',), 'unrescue': ('unrescue',), 'change-password': ('change_password',),
    'snapshot': ('snapshot',), 'backup': ('backup',), 'resize': ('resize',),
    'migrate': ('resize',), 'revert-resize': ('revert_resize',),
    'live-migrate': ('live_migrate',), 'evacuate': ('evacuate',), 'rebuild': ('rebuild',),
    'shelve': ('shelve',), 'shelve-offload': ('shelve_offload', 'offload'),
    'unshelve': ('unshelve',), 'delete': ('delete', 'soft_delete', 'reclaim'),
    'restore': ('restore',),
}
# Operations whose failure leaves the server's vm_state as it was (Nova reverts the task
# state of a failed power action); every other failed operation puts the server in ERROR.
KEEPS_STATE = frozenset(('start', 'stop', 'reboot', 'reboot_hard', 'pause', 'unpause', 'suspend',
                         'resume', 'rescue', 'unrescue', 'change_password', 'snapshot', 'backup'))

# A held step is due at this time: never, until its behaviour is deleted.
NEVER = datetime.datetime(9000, 1, 1)
METHODS = ('*', 'GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE')
_PROJECT_SEGMENT = re.compile(r'^/[0-9a-f-]{32,36}(?=/|$)')
_MEMO = 'novaapi.behaviours'


def default_message(kind, action=None):
    if kind == BUILD_FAIL:
        return 'Build of instance %(uuid)s aborted: the simulated hypervisor failed to spawn it.'
    if kind == ACTION_FAIL:
        return 'The simulated hypervisor failed to %s instance %%(uuid)s.' % (action or 'act on')
    return None


def _glob(pattern, value):
    return value is not None and fnmatch.fnmatchcase(value, pattern)


def matches_server(row, instance, op_name, host=None):
    """Does behaviour ``row`` apply to ``op_name`` of ``instance`` (placed on ``host``)?"""
    if row.kind in BUILD_KINDS:
        if op_name != 'build':
            return False
    elif row.kind in ACTION_KINDS:
        if op_name not in ACTIONS.get(row.action, ()):
            return False
    else:
        return False
    if row.project_id is not None and row.project_id != instance.project_id:
        return False
    if row.name is not None and not _glob(row.name, instance.display_name):
        return False
    if row.flavor is not None and row.flavor not in (instance.flavorid, instance.flavor_name):
        return False
    if row.image is not None and row.image != (instance.image_ref or ''):
        return False
    if row.host is not None and row.host != (host or instance.host):
        return False
    return True


def request_path(path):
    """The path an API behaviour is matched against: no ``/v2.1``, no project segment."""
    if path.startswith('/v2.1/') or path == '/v2.1':
        path = path[len('/v2.1'):] or '/'
    return _PROJECT_SEGMENT.sub('', path, count=1) or '/'


def matches_request(row, method, path, project_id=None):
    """Does API behaviour ``row`` apply to ``method path`` (already :func:`request_path`)?"""
    if row.method not in (None, '*') and row.method != method:
        return False
    if row.project_id is not None and row.project_id != project_id:
        return False
    return row.path is None or fnmatch.fnmatchcase(path, row.path)


def take(conn, behaviour_id, limited):
    """One turn of a behaviour, atomically: True when this caller got it.

    A limited behaviour's ``remaining`` is decremented only while above zero, so
    concurrent takers across processes get exactly ``count`` turns between them.
    """
    table = models.Behaviour
    query = sa.update(table).where(table.id == behaviour_id).values(fired=table.fired + 1)
    if limited:
        query = query.where(table.remaining > 0).values(remaining=table.remaining - 1)
    return conn.execute(query.execution_options(synchronize_session=False)).rowcount == 1


# kinds -> the behaviours generation at which this process last found none of them armed
_QUIET = {}


def armed(sess, kinds):
    """Behaviours of ``kinds`` that still have turns, oldest first.

    While none is armed, the answer costs one read of the behaviours generation a
    transaction (arming anywhere changes it), shared by every step of a batch.
    """
    kinds = tuple(kinds)
    generation = generations.current(lambda: contextlib.nullcontext(sess), behaviour_models.GENERATION,
                                     sess.info)
    if generation is not None and _QUIET.get(kinds) == generation:
        return []
    table = models.Behaviour
    found = list(sess.scalars(sa.select(table).where(
        table.kind.in_(kinds), sa.or_(table.remaining.is_(None), table.remaining > 0))
        .order_by(table.id)))
    if not found:
        _QUIET[kinds] = generation
    return found


def effect(row, instance):
    """The dict an operation carries in its step data once ``row`` fired for it."""
    message = row.message or default_message(row.kind, row.action)
    if message and '%(uuid)s' in message:
        message = message.replace('%(uuid)s', instance.uuid)
    return {'id': row.uuid, 'kind': row.kind, 'status': row.status or 500, 'message': message,
            'delay': row.delay}


def consume(sess, instance, op_name, kinds, host=None):
    """The effect of the first armed behaviour of ``kinds`` matching this operation, or None.

    The turn is taken in the caller's transaction: if that rolls back, so does the turn.
    A retried transition inside one transaction takes at most one turn per operation.
    """
    memo = sess.info.setdefault(_MEMO, {})
    key = (instance.uuid, op_name)
    if key in memo:
        return memo[key]
    found = None
    for row in armed(sess, kinds):
        if matches_server(row, instance, op_name, host) and take(sess, row.id, row.count is not None):
            found = effect(row, instance)
            break
    memo[key] = found
    return found


def hold_until(effect_, now):
    """When a step held by ``effect_`` becomes due."""
    if effect_['kind'] == BUILD_SLOW:
        return now + datetime.timedelta(seconds=effect_['delay'] or 0)
    return NEVER
