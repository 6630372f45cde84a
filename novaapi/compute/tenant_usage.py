"""Usage per project over a period, from the instances' launch and termination times and flavors."""

import datetime

import sqlalchemy as sa

from novaapi.compute import models
from novaapi.db import base
from novaapi.db import engine
from novaapi import exception

FORMATS = ('%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M:%S.%f', '%Y-%m-%d %H:%M:%S.%f')


class MarkerNotFound(exception.Invalid):
    msg_fmt = 'Marker %(marker)s could not be found.'


def _parse_time(text, now):
    """One of Nova's three accepted forms; missing means now."""
    if not text:
        return now
    for fmt in FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise exception.Invalid('Invalid datetime string: Datetime is in invalid format')


def period(start_text, end_text):
    """``(start, stop)``; stop is capped at now, and start must precede it."""
    now = base.utcnow()
    start, stop = _parse_time(start_text, now), _parse_time(end_text, now)
    if not start < stop:
        raise exception.Invalid('Invalid start time. The start time cannot occur after the end time.')
    return start, min(stop, now)


def _hours(instance, start, stop):
    launched, terminated = instance.launched_at, instance.terminated_at
    if not launched or (terminated and terminated < start) or launched > stop:
        return 0
    end = min(stop, terminated) if terminated else stop
    return (end - max(launched, start)).total_seconds() / 3600.0


def _instances(sess, start, stop, project_id, limit, marker):
    inst = models.Instance
    query = (sa.select(inst).where(sa.or_(inst.terminated_at.is_(None), inst.terminated_at > start),
                                   inst.launched_at < stop)
             .order_by(inst.created_at, inst.id))
    if project_id:
        query = query.where(inst.project_id == project_id)
    if marker is not None:
        row = sess.scalars(sa.select(inst).where(inst.uuid == marker)).first()
        if row is None:
            raise MarkerNotFound(marker=marker)
        query = query.where(sa.or_(inst.created_at > row.created_at,
                                   sa.and_(inst.created_at == row.created_at, inst.id > row.id)))
    if limit is not None:
        query = query.limit(limit)
    return list(sess.scalars(query))


def _server_usage(instance, start, stop, now):
    ended = instance.terminated_at
    state = 'terminated' if ended else instance.vm_state
    uptime = (ended if ended else now) - instance.launched_at
    return {'hours': _hours(instance, start, stop), 'flavor': instance.flavor_name or '',
            'instance_id': instance.uuid, 'name': instance.display_name, 'tenant_id': instance.project_id,
            'memory_mb': instance.memory_mb, 'local_gb': instance.root_gb + instance.ephemeral_gb,
            'vcpus': instance.vcpus, 'started_at': instance.launched_at, 'ended_at': ended,
            'state': state, 'uptime': int(uptime.total_seconds())}


def _usages(sess, start, stop, project_id=None, detailed=True, limit=None, marker=None):
    """``([per-project summary], [every server usage])`` in instance order."""
    now = base.utcnow()
    summaries, servers = {}, []
    for instance in _instances(sess, start, stop, project_id, limit, marker):
        info = _server_usage(instance, start, stop, now)
        summary = summaries.setdefault(info['tenant_id'], dict(
            {'tenant_id': info['tenant_id'], 'total_local_gb_usage': 0, 'total_vcpus_usage': 0,
             'total_memory_mb_usage': 0, 'total_hours': 0, 'start': start, 'stop': stop},
            **({'server_usages': []} if detailed else {})))
        summary['total_local_gb_usage'] += info['local_gb'] * info['hours']
        summary['total_vcpus_usage'] += info['vcpus'] * info['hours']
        summary['total_memory_mb_usage'] += info['memory_mb'] * info['hours']
        summary['total_hours'] += info['hours']
        servers.append(info)
        if detailed:
            summary['server_usages'].append(info)
    return list(summaries.values()), servers


def usage_report(ctx, start, stop, project_id=None, detailed=True, limit=None, marker=None):
    """:func:`_usages` of one project (or every project when None) over ``[start, stop]``."""
    with engine.transaction() as sess:
        return _usages(sess, start, stop, project_id, detailed, limit, marker)
