"""Events other services send about servers (``/os-server-external-events``).

Events for servers with a host are accepted; a ``power-update`` changes the
server's power state as Nova's compute manager does when the hypervisor
reports it (``POWER_OFF`` stops an active server, ``POWER_ON`` starts a
stopped one, anything else is ignored).
"""

import sqlalchemy as sa

from novaapi.compute import guards
from novaapi.compute import models
from novaapi.compute import states as s
from novaapi.db import engine
from novaapi import exception

TAG_REQUIRED = ('volume-extended', 'power-update', 'accelerator-request-bound')
POWER = {'POWER_OFF': ((s.ACTIVE,), {'vm_state': s.STOPPED, 'power_state': s.SHUTDOWN}),
         'POWER_ON': ((s.STOPPED,), {'vm_state': s.ACTIVE, 'power_state': s.RUNNING})}


def _instances(sess, uuids):
    inst = models.Instance
    rows = sess.scalars(sa.select(inst).where(inst.uuid.in_(list(uuids)), inst.deleted == 0))
    return {row.uuid: row for row in rows}


def _power_update(sess, ctx, instance, tag):
    allowed, values = POWER.get(tag, (None, None))
    if values is None:
        return
    guard = guards.Guard(allowed, lock=False, launched=False)
    try:
        guards.transition(sess, ctx, instance, 'power-update', guard, values)
    except exception.InstanceInvalidState:
        pass


def _create(sess, ctx, events):
    """``(response events, 200 or 207)``: each event gets its ``status`` and ``code``."""
    instances = _instances(sess, {e['server_uuid'] for e in events})
    result, status = [], 200
    for event in events:
        answer = dict(event)
        answer.setdefault('status', 'completed')
        instance = instances.get(event['server_uuid'])
        if instance is None:
            answer.update(status='failed', code=404)
        elif event['name'] in TAG_REQUIRED and event.get('tag') is None:
            answer.update(status='failed', code=400)
        elif instance.host:
            answer.update(status='completed', code=200)
            if event['name'] == 'power-update':
                _power_update(sess, ctx, instance, event.get('tag'))
        else:
            answer.update(status='failed', code=422)
        status = status if answer['code'] == 200 else 207
        result.append(answer)
    return result, status


def deliver(ctx, events):
    """Handle ``events`` in one transaction; returns as :func:`_create`."""
    with engine.transaction() as sess:
        return _create(sess, ctx, events)
