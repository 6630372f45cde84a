"""Volume snapshots: create from an available (or, forced, in-use) volume, list, show,
update, delete; ``creating`` and ``deleting`` settle after the delay."""

import sqlalchemy as sa

from novaapi.db import base
from novaapi.db import engine
from novaapi.volume import errors
from novaapi.volume import models
from novaapi.volume import policy
from novaapi.volume import quotas
from novaapi.volume import states
from novaapi.volume import volumes

S = models.Snapshot
SORT_KEYS = {'id': S.id, 'name': S.name, 'status': S.status, 'size': S.size,
             'created_at': S.created_at, 'updated_at': S.updated_at, 'volume_id': S.volume_id}
FILTERS = {'name': S.name, 'status': S.status, 'volume_id': S.volume_id, 'id': S.id,
           'project_id': S.project_id}


def create_in(sess, ctx, volume_id, name=None, description=None, force=False, metadata=None,
              allow_in_use=False):
    """Insert a snapshot of ``volume_id`` (locked) after Cinder's checks; return it.

    :param allow_in_use: 3.66+: an in-use volume needs no ``force``
    :raises errors.InvalidVolume: the volume's status forbids it / quota errors
    """
    volume = volumes.lock(sess, ctx, volume_id)
    policy.authorize(ctx, 'volume:create_snapshot', {'project_id': volume.project_id})
    allowed = ('available', 'in-use') if (force or allow_in_use) else ('available',)
    if volume.status not in allowed:
        wanted = 'available or in-use' if len(allowed) == 2 else 'available'
        raise errors.InvalidVolume(reason='Volume %s status must be %s, but current status is: '
                                   '%s.' % (volume.id, wanted, volume.status))
    quotas.reserve(sess, volume.project_id, snapshots=1, gigabytes=volume.size)
    row = S(id=base.new_uuid(), project_id=volume.project_id, user_id=ctx.user_id,
            volume_id=volume.id, name=name, description=description, size=volume.size,
            meta=dict(metadata or {}))
    states.start(row, 'creating', 'available')
    sess.add(row)
    sess.flush()
    return row


def create_snapshot(ctx, volume_id, name=None, description=None, force=False, metadata=None,
                    allow_in_use=False):
    """A new snapshot, ``creating`` until the delay passes (see :func:`create_in`)."""
    with engine.transaction() as sess:
        states.settle(sess)
        return create_in(sess, ctx, volume_id, name, description, force, metadata, allow_in_use)


def list_snapshots(ctx, filters=None, sort=(('created_at', 'desc'),), limit=None, marker=None,
                   offset=0, all_tenants=False, metadata=None):
    """``(page, total)`` of the snapshots ``ctx`` may list."""
    policy.authorize(ctx, 'volume:get_all_snapshots', {'project_id': ctx.project_id})
    filters = dict(filters or {})
    with engine.transaction() as sess:
        states.settle(sess)
        query = sa.select(S)
        if not (ctx.is_admin and all_tenants):
            filters['project_id'] = ctx.project_id if not ctx.is_admin else \
                filters.get('project_id', ctx.project_id)
        for key, value in filters.items():
            query = query.where(FILTERS[key] == value)
        order = [SORT_KEYS[k].desc() if d == 'desc' else SORT_KEYS[k].asc() for k, d in sort]
        rows = list(sess.scalars(query.order_by(*order, S.id.desc())))
        if metadata:
            rows = [r for r in rows if all((r.meta or {}).get(k) == v
                                           for k, v in metadata.items())]
        return volumes._paged(rows, marker, limit, offset), len(rows)


def _find(sess, ctx, snapshot_id, rule):
    row = volumes.find_snapshot(sess, ctx, snapshot_id)
    policy.authorize(ctx, rule, {'project_id': row.project_id})
    return row


def get_snapshot(ctx, snapshot_id):
    with engine.transaction() as sess:
        states.settle(sess)
        return _find(sess, ctx, snapshot_id, 'volume:get_snapshot')


def update_snapshot(ctx, snapshot_id, changes):
    with engine.transaction() as sess:
        states.settle(sess)
        row = _find(sess, ctx, snapshot_id, 'volume:update_snapshot')
        for key in ('name', 'description'):
            if key in changes:
                setattr(row, key, changes[key])
        if 'metadata' in changes:
            row.meta = dict(changes['metadata'] or {})
        row.updated_at = base.utcnow()
        sess.flush()
        return row


def delete_snapshot(ctx, snapshot_id, force=False):
    """Start deleting a snapshot (status available or error, any with ``force``, admin).

    :raises errors.InvalidSnapshot:
    """
    with engine.transaction() as sess:
        states.settle(sess)
        row = _find(sess, ctx, snapshot_id, 'volume:delete_snapshot')
        if force:
            policy.authorize(ctx, 'volume_extension:volume_admin_actions:force_delete',
                             {'project_id': row.project_id})
        elif row.status not in ('available', 'error'):
            raise errors.InvalidSnapshot(reason='Volume Snapshot status must be available or '
                                         'error, but current status is: %s' % row.status)
        states.start(row, 'deleting', states.DELETED)
        if row.status == states.DELETED:
            sess.delete(row)


def reset_status(ctx, snapshot_id, status):
    with engine.transaction() as sess:
        states.settle(sess)
        policy.authorize(ctx, 'volume_extension:volume_admin_actions:reset_status')
        row = _find(sess, ctx, snapshot_id, 'volume:get_snapshot')
        row.status, row.settle_to, row.settle_at = status, None, None
