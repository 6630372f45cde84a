"""The control API's request services: arm, list, show and delete behaviours; the API check.

Behaviours live in the database (``models.Behaviour``), so every worker and
every ``nova-api`` process sharing it honours them.  Server behaviours fire
when an operation starts (:mod:`novaapi.compute.operations`); ``host-down``
stops a host's heartbeat while it exists; ``api-fault`` answers matching
requests from the compute pipeline's ``behaviours`` filter, which calls
:func:`api_fault` once per request.
"""

import datetime

import sqlalchemy as sa

from novaapi.compute import behaviour_rules as rules
from novaapi.compute import hosts
from novaapi.compute import models
from novaapi.compute.models import behaviours as behaviour_models
from novaapi.db import base
from novaapi.db import engine
from novaapi.db import generations
from novaapi import conf
from novaapi import exception

MATCHERS = ('project_id', 'name', 'flavor', 'image', 'host')
FIELDS = MATCHERS + ('action', 'method', 'path', 'status', 'message', 'delay', 'count')


class BehaviourNotFound(exception.NotFound):
    msg_fmt = 'Behaviour %(behaviour_id)s could not be found.'


def _check(spec):
    """The arguments ``spec`` may carry for its kind; 400 for any that does not belong."""
    kind = spec['kind']
    allowed = {'count', 'project_id'}
    if kind in rules.BUILD_KINDS or kind in rules.ACTION_KINDS:
        allowed |= {'name', 'flavor', 'image', 'host'}
    if kind in rules.FAILING:
        allowed |= {'status', 'message'}
    if kind in rules.ACTION_KINDS:
        allowed.add('action')
    if kind == rules.BUILD_SLOW:
        allowed.add('delay')
    if kind == rules.HOST_DOWN:
        allowed = {'host'}
    if kind == rules.API_FAULT:
        allowed |= {'method', 'path', 'status', 'message', 'delay'}
    extra = sorted(k for k in FIELDS if spec.get(k) is not None and k not in allowed)
    if extra:
        raise exception.Invalid('%s does not take %s.' % (kind, ', '.join(extra)))
    required = {rules.ACTION_FAIL: 'action', rules.ACTION_HANG: 'action',
                rules.BUILD_SLOW: 'delay', rules.HOST_DOWN: 'host', rules.API_FAULT: 'path'}
    if kind in required and spec.get(required[kind]) is None:
        raise exception.Invalid('%s needs %s.' % (kind, required[kind]))
    if spec.get('action') is not None and spec['action'] not in rules.ACTIONS:
        raise exception.Invalid('Unknown action %s; one of: %s.' % (
            spec['action'], ', '.join(sorted(rules.ACTIONS))))
    if kind == rules.API_FAULT and spec.get('status') is None and not spec.get('delay'):
        raise exception.Invalid('api-fault needs a status, a delay or both.')


def _row(spec):
    kind = spec['kind']
    values = {k: spec.get(k) for k in FIELDS}
    if kind in rules.FAILING and values['status'] is None:
        values['status'] = 500
    if kind == rules.API_FAULT:
        values['method'] = (values['method'] or '*').upper()
        values['path'] = rules.request_path(values['path'])
    values['remaining'] = values['count']
    return models.Behaviour(kind=kind, fired=0, **values)


def _mark_host(sess, host, up):
    """Give ``host``'s compute node and services a fresh heartbeat, or one already too old."""
    seen = base.utcnow()
    if not up:
        seen -= datetime.timedelta(seconds=conf.CONF.compute.service_down_time + 1)
    for table in (models.ComputeNode, models.Service):
        sess.execute(sa.update(table).where(table.host == host, table.deleted == 0)
                     .values(last_seen_up=seen).execution_options(synchronize_session=False))


def create(ctx, spec):
    """Arm the behaviour ``spec`` (the validated request body); returns its row."""
    _check(spec)
    with engine.transaction() as sess:
        if spec['kind'] == rules.HOST_DOWN and hosts.find_node(sess, host=spec['host']) is None:
            raise exception.ComputeHostNotFound(host=spec['host'])
        row = _row(spec)
        sess.add(row)
        sess.flush()
        if row.kind == rules.HOST_DOWN:
            _mark_host(sess, row.host, up=False)
        return row


def list_all(ctx):
    with engine.transaction() as sess:
        return list(sess.scalars(sa.select(models.Behaviour).order_by(models.Behaviour.id)))


def _get(sess, behaviour_id):
    row = sess.scalars(sa.select(models.Behaviour).where(
        models.Behaviour.uuid == behaviour_id)).first()
    if row is None:
        raise BehaviourNotFound(behaviour_id=behaviour_id)
    return row


def get(ctx, behaviour_id):
    with engine.transaction() as sess:
        return _get(sess, behaviour_id)


def _disarm(sess, rows):
    """Delete ``rows``: held servers resume, hosts no longer held down beat again."""
    ids = {row.uuid for row in rows}
    inst = models.Instance
    now = base.utcnow()
    for instance in sess.scalars(sa.select(inst).where(inst.step.is_not(None),
                                                       inst.step_at >= rules.NEVER)):
        held = (instance.step_data or {}).get('behaviour') or {}
        if held.get('id') in ids:
            instance.step_at = now
    for row in rows:
        sess.delete(row)
    sess.flush()
    for host in {row.host for row in rows if row.kind == rules.HOST_DOWN}:
        still = sess.scalar(sa.select(sa.func.count()).select_from(models.Behaviour).where(
            models.Behaviour.kind == rules.HOST_DOWN, models.Behaviour.host == host))
        if not still:
            _mark_host(sess, host, up=True)


def delete(ctx, behaviour_id):
    with engine.transaction() as sess:
        _disarm(sess, [_get(sess, behaviour_id)])


def delete_all(ctx):
    """Delete every behaviour; returns how many there were."""
    with engine.transaction() as sess:
        rows = list(sess.scalars(sa.select(models.Behaviour)))
        _disarm(sess, rows)
        return len(rows)


_API_ARMED = (sa.select(models.Behaviour.id, models.Behaviour.method, models.Behaviour.path,
                        models.Behaviour.project_id, models.Behaviour.status,
                        models.Behaviour.message, models.Behaviour.delay, models.Behaviour.count)
              .where(models.Behaviour.kind == rules.API_FAULT,
                     sa.or_(models.Behaviour.remaining.is_(None), models.Behaviour.remaining > 0))
              .order_by(models.Behaviour.id))


# The behaviours generation at which this process last found no api-fault armed.
_QUIET = {'at': None}


def api_fault(method, path, ctx=None, memo=None):
    """``(status or None, message, delay)`` for a request an ``api-fault`` takes, else None.

    While nothing is armed, one primary-key read of the behaviours generation
    (arming anywhere changes it); a turn is taken atomically.
    """
    generation = generations.current(engine.reader, behaviour_models.GENERATION, memo)
    if generation is not None and _QUIET['at'] == generation:
        return None
    with engine.get_engine().begin() as conn:
        rows = conn.execute(_API_ARMED).all()
        if not rows:
            _QUIET['at'] = generation
            return None
        path = rules.request_path(path)
        project_id = getattr(ctx, 'project_id', None)
        for row in rows:
            if rules.matches_request(row, method, path, project_id) and \
                    rules.take(conn, row.id, row.count is not None):
                return row.status, row.message, row.delay
    return None
