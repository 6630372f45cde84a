"""Volumes as the block-storage endpoint serves them: Cinder's rules, one transaction a call.

Each public function takes the caller's context and plain arguments and
returns loaded rows for views rendered after the commit.  Helpers taking a
``sess`` (lookups, :func:`create_in`) compose inside a caller's transaction:
snapshots, attachments, actions and the public interface use them.
"""

import math

import sqlalchemy as sa

from novaapi.db import base
from novaapi.db import engine
from novaapi import exception
from novaapi.image import api as image_api
from novaapi.volume import errors
from novaapi.volume import models
from novaapi.volume import policy
from novaapi.volume import quotas
from novaapi.volume import states
from novaapi.volume import types

V = models.Volume
AVAILABILITY_ZONE = 'nova'
GIB = 1024 ** 3
SORT_KEYS = {'id': V.id, 'name': V.name, 'status': V.status, 'size': V.size,
             'created_at': V.created_at, 'updated_at': V.updated_at,
             'availability_zone': V.availability_zone, 'bootable': V.bootable,
             'project_id': V.project_id, 'volume_type_id': V.volume_type_id}
FILTER_COLUMNS = {'name': V.name, 'status': V.status, 'availability_zone': V.availability_zone,
                  'id': V.id, 'project_id': V.project_id, 'user_id': V.user_id,
                  'snapshot_id': V.snapshot_id, 'source_volid': V.source_volid,
                  'volume_type_id': V.volume_type_id, 'migration_status': V.migration_status,
                  'size': V.size}
FILTERS = (*FILTER_COLUMNS, 'bootable', 'volume_type', 'name~', 'group_id')
SRC_VOL_PROCEED_STATUS = ('available', 'in-use')
NOT_UPDATABLE = ('maintenance',)


def loaded(row):
    """``row`` with what its view reads loaded (views run after the commit)."""
    row.attachments  # noqa: B018 - loads the relationship
    row.volume_type  # noqa: B018
    return row


def find(sess, ctx, volume_id, rule='volume:get'):
    """The volume ``volume_id`` if ``ctx`` may see it (admins see every project's).

    :raises errors.VolumeNotFound:
    """
    row = sess.get(V, str(volume_id)) if volume_id is not None and len(str(volume_id)) <= 36 \
        else None
    if row is None or (row.project_id != ctx.project_id and not ctx.is_admin):
        raise errors.VolumeNotFound(volume_id=volume_id)
    policy.authorize(ctx, rule, {'project_id': row.project_id})
    return row


def lock(sess, ctx, volume_id, rule='volume:get'):
    """The volume row locked for update (FOR UPDATE where the database has it)."""
    quotas.begin_writing(sess)
    row = find(sess, ctx, volume_id, rule)
    if sess.connection().dialect.name != 'sqlite':
        sess.execute(sa.select(V.id).where(V.id == row.id).with_for_update())
        sess.refresh(row)
    return row


def find_snapshot(sess, ctx, snapshot_id):
    """:raises errors.SnapshotNotFound: unknown or another project's"""
    row = sess.get(models.Snapshot, str(snapshot_id)) if len(str(snapshot_id)) <= 36 else None
    if row is None or (row.project_id != ctx.project_id and not ctx.is_admin):
        raise errors.SnapshotNotFound(snapshot_id=snapshot_id)
    return row


def _size(spec, source, snapshot):
    size = spec.get('size')
    if size is None:
        size = source.size if source is not None else snapshot.size if snapshot else None
    if isinstance(size, str) and size.strip().isdigit():
        size = int(size)
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        raise errors.InvalidInput(reason="Volume size '%s' must be an integer and greater than 0"
                                  % size)
    if source is not None and size < source.size:
        raise errors.InvalidInput(
            reason="Volume size '%dGB cannot be smaller than original volume size  %sGB. They "
                   "must be >= original volume size." % (size, source.size))
    if snapshot is not None and size < snapshot.size:
        raise errors.InvalidInput(
            reason="Volume size '%d'GB cannot be smaller than the snapshot size %sGB. They must "
                   "be >= original snapshot size." % (size, snapshot.size))
    return size


def _image_metadata(sess, ctx, image_ref, size):
    """Cinder's ``volume_image_metadata`` of a volume made from ``image_ref``, checked."""
    try:
        image = image_api.get(sess, ctx, image_ref)
    except exception.ImageNotFound:
        raise errors.ImageNotFound(image_id=image_ref) from None
    if image.status != 'active':
        raise errors.InvalidInput(reason='Image %s is not active.' % image.id)
    meta = image_api.image_meta_for_server(image)
    image_gb = int(math.ceil((meta['size'] or 0) / GIB))
    if image_gb > size:
        raise errors.InvalidInput(reason='Size of specified image %dGB is larger than volume size '
                                  '%dGB.' % (image_gb, size))
    if (meta['min_disk'] or 0) > size:
        raise errors.InvalidInput(reason='Volume size %dGB cannot be smaller than the image minDisk '
                                  'size %dGB.' % (size, meta['min_disk']))
    found = {k: str(v) for k, v in (meta['properties'] or {}).items() if v is not None}
    found.update({'image_id': image.id, 'image_name': meta['name'] or '',
                  'container_format': meta['container_format'] or '',
                  'disk_format': meta['disk_format'] or '', 'min_disk': str(meta['min_disk'] or 0),
                  'min_ram': str(meta['min_ram'] or 0), 'size': str(meta['size'] or 0)})
    if getattr(image, 'checksum', None):
        found['checksum'] = image.checksum
    return found


def create_in(sess, ctx, spec, status='creating', then='available'):
    """Insert a volume from ``spec`` (Cinder's create body) after every check; return it.

    :raises errors.InvalidInput: (also for a token without a project) / :raises
        errors.VolumeNotFound: / :raises errors.SnapshotNotFound: / :raises
        errors.ImageNotFound: / quota errors
    """
    policy.authorize(ctx, 'volume:create', {'project_id': ctx.project_id})
    if ctx.project_id is None:
        # NOTE: Cinder would make a volume of no project; here every volume and quota has one.
        raise errors.InvalidInput(reason='A volume belongs to a project, and a system- or '
                                  'domain-scoped token has none.')
    source = snapshot = None
    if spec.get('source_volid'):
        source = find(sess, ctx, spec['source_volid'])
        if source.status not in SRC_VOL_PROCEED_STATUS:
            raise errors.InvalidVolume(reason="Originating source volume status must be one of "
                                       "'%s' values" % ', '.join(SRC_VOL_PROCEED_STATUS))
    if spec.get('snapshot_id'):
        snapshot = find_snapshot(sess, ctx, spec['snapshot_id'])
        if snapshot.status != 'available':
            raise errors.InvalidSnapshot(reason="Originating snapshot status must be one of "
                                         "'available' values")
    size = _size(spec, source, snapshot)
    zone = spec.get('availability_zone') or AVAILABILITY_ZONE
    if zone != AVAILABILITY_ZONE:
        raise errors.InvalidAvailabilityZone(az=zone)
    origin = source or (snapshot and sess.get(V, snapshot.volume_id))
    type_ref = spec.get('volume_type')
    vtype = (types.find_for_volume(sess, type_ref) if type_ref or origin is None
             else origin.volume_type)
    image_meta = (_image_metadata(sess, ctx, spec['imageRef'], size) if spec.get('imageRef')
                  else dict(origin.image_metadata) if origin is not None and origin.image_metadata
                  else None)
    quotas.reserve(sess, ctx.project_id, volumes=1, gigabytes=size)
    row = V(id=base.new_uuid(), project_id=ctx.project_id, user_id=ctx.user_id,
            name=spec.get('name'), description=spec.get('description'), size=size,
            attach_status='detached', availability_zone=zone,
            bootable=bool(image_meta) or bool(origin is not None and origin.bootable),
            multiattach=types.is_multiattach(vtype), volume_type=vtype,
            snapshot_id=snapshot.id if snapshot else None,
            source_volid=source.id if source else None, image_metadata=image_meta,
            meta=dict(spec.get('metadata') or {}))
    states.start(row, status, then)
    sess.add(row)
    sess.flush()
    return loaded(row)


def create_volume(ctx, spec):
    """A new volume, ``creating`` until the delay passes (see :func:`create_in`)."""
    with engine.transaction() as sess:
        states.settle(sess)
        return create_in(sess, ctx, spec)


def _filtered(query, filters):
    for key, value in filters.items():
        if key in FILTER_COLUMNS:
            query = query.where(FILTER_COLUMNS[key] == value)
        elif key == 'name~':
            query = query.where(V.name.contains(value, autoescape=True))
        elif key == 'bootable':
            query = query.where(V.bootable.is_(value))
        elif key == 'group_id':
            query = query.where(sa.false())
        elif key == 'volume_type':
            query = query.join(models.VolumeType).where(
                sa.or_(models.VolumeType.name == value, models.VolumeType.id == value))
    return query


def _sorted(query, sort):
    order = []
    for key, direction in sort:
        column = SORT_KEYS[key]
        order.append(column.desc() if direction == 'desc' else column.asc())
    if not any(key == 'id' for key, _ in sort):
        order.append(V.id.desc() if (sort and sort[-1][1] == 'desc') else V.id.asc())
    return query.order_by(*order)


def _paged(rows, marker, limit, offset):
    if marker is not None:
        ids = [r.id for r in rows]
        if marker not in ids:
            raise errors.MarkerNotFound(marker=marker)
        rows = rows[ids.index(marker) + 1:]
    if offset:
        rows = rows[offset:]
    return rows[:limit] if limit is not None else rows


def list_volumes(ctx, filters=None, sort=(('created_at', 'desc'),), limit=None, marker=None,
                 offset=0, all_tenants=False, metadata=None):
    """``(page, total)``: the volumes ``ctx`` may list, filtered, sorted and paged.

    :param filters: ``{key: value}`` over :data:`FILTER_COLUMNS`, ``bootable``, ``volume_type``
    :param metadata: ``{key: value}`` every listed volume's metadata holds
    """
    policy.authorize(ctx, 'volume:get_all', {'project_id': ctx.project_id})
    filters = dict(filters or {})
    with engine.transaction() as sess:
        states.settle(sess)
        query = sa.select(V)
        if not (ctx.is_admin and all_tenants) and 'project_id' not in filters:
            query = query.where(V.project_id == ctx.project_id)
        elif not ctx.is_admin:
            filters['project_id'] = ctx.project_id
        rows = list(sess.scalars(_sorted(_filtered(query, filters), sort)).unique())
        if metadata:
            rows = [r for r in rows if all((r.meta or {}).get(k) == v
                                           for k, v in metadata.items())]
        return _paged(rows, marker, limit, offset), len(rows)


def get_volume(ctx, volume_id):
    """:raises errors.VolumeNotFound:"""
    with engine.transaction() as sess:
        states.settle(sess)
        return loaded(find(sess, ctx, volume_id))


def update_volume(ctx, volume_id, changes):
    """Rename, describe or replace the metadata of a volume."""
    with engine.transaction() as sess:
        states.settle(sess)
        row = find(sess, ctx, volume_id, 'volume:update')
        if row.status in NOT_UPDATABLE:
            raise errors.InvalidVolume(reason='Volume status must not be %s' % row.status)
        for key in ('name', 'description'):
            if key in changes:
                setattr(row, key, changes[key])
        if 'metadata' in changes:
            row.meta = dict(changes['metadata'] or {})
        if 'metadata_merge' in changes:
            row.meta = {**(row.meta or {}), **changes['metadata_merge']}
        row.updated_at = base.utcnow()
        sess.flush()
        return loaded(row)


def _has_snapshots(sess, volume):
    return sess.scalar(sa.select(sa.func.count()).select_from(models.Snapshot)
                       .where(models.Snapshot.volume_id == volume.id))


def delete_volume(ctx, volume_id, cascade=False, force=False):
    """Start deleting a volume (and with ``cascade`` its snapshots).

    :raises errors.InvalidVolume: its status, an attachment or snapshots forbid it
    """
    with engine.transaction() as sess:
        states.settle(sess)
        row = lock(sess, ctx, volume_id, 'volume:delete')
        if force:
            policy.authorize(ctx, 'volume:force_delete', {'project_id': row.project_id})
        snapshots = list(sess.scalars(sa.select(models.Snapshot)
                                      .where(models.Snapshot.volume_id == row.id)))
        busy = (row.status not in states.DELETABLE and not force) or \
            row.attach_status == 'attached' or row.attachments or \
            row.migration_status not in (None, 'success', 'error') or \
            (snapshots and not cascade) or \
            (cascade and any(s.status not in ('available', 'error') for s in snapshots))
        if busy:
            raise errors.InvalidVolume(reason=(
                'Volume status must be available or error or error_restoring or error_extending '
                'or error_managing and must not be migrating, attached, belong to a group, have '
                'snapshots, awaiting a transfer, or be disassociated from snapshots after volume '
                'transfer.'))
        for snap in snapshots:
            states.start(snap, 'deleting', states.DELETED)
        states.start(row, 'deleting', states.DELETED)
        _settle_deleted(sess, [*snapshots, row])


def _settle_deleted(sess, rows):
    """Without a delay the rows go at once."""
    for row in rows:
        if row.status == states.DELETED:
            sess.delete(row)
    sess.flush()
