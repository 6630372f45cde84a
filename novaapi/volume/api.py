"""The block-storage service's public interface: what compute (and first-run wiring) may call.

Every function composes inside the caller's transaction (``sess``) and takes a
whole batch where a caller has several volumes, as if a real Cinder answered
behind it: compute attaches and detaches through attachments, creates the
volumes of a boot from volume, deletes them with the server when asked, and
snapshots them for an image of a volume-backed server.
"""

import sqlalchemy as sa

from novaapi.volume import attachments
from novaapi.volume import errors
from novaapi.volume import models
from novaapi.volume import snapshots
from novaapi.volume import states
from novaapi.volume import types
from novaapi.volume import volumes

VolumeNotFound = errors.VolumeNotFound
SnapshotNotFound = errors.SnapshotNotFound
InvalidVolume = errors.InvalidVolume
Error = errors.exception.NovaException
"""Any refusal of the service (its ``code`` and ``message`` are Cinder's)."""


def seed(sess):
    """Create the ``__DEFAULT__`` volume type on a fresh deployment."""
    types.seed(sess)


def volumes_for(sess, ctx, volume_ids):
    """``{volume id: volume}`` of the ids ``ctx`` may see (unknown ones are left out).

    A volume has ``id, status, size, name, description, availability_zone, bootable,
    multiattach, snapshot_id, volume_type`` (with ``name``), ``meta``, ``created_at`` and
    its ``attachments`` (``id, instance_uuid, attach_status, mountpoint``).
    """
    states.settle(sess)
    ids = sorted({str(v) for v in volume_ids if v})
    if not ids:
        return {}
    query = sa.select(models.Volume).where(models.Volume.id.in_(ids))
    if not ctx.is_admin:
        query = query.where(models.Volume.project_id == ctx.project_id)
    return {row.id: row for row in sess.scalars(query)}


def get(sess, ctx, volume_id):
    """:raises VolumeNotFound:"""
    states.settle(sess)
    return volumes.find(sess, ctx, volume_id)


def reserve(sess, ctx, volume_id, instance_uuid):
    """A ``reserved`` attachment of the volume to the server (Nova's attachment_create).

    :returns: the attachment id
    :raises VolumeNotFound: / :raises InvalidVolume: the volume's status refuses it
    """
    states.settle(sess)
    volume = volumes.lock(sess, ctx, volume_id)
    return attachments.reserve(sess, ctx, volume, instance_uuid).id


def connect(sess, ctx, attachment_ids, host, mountpoints=None):
    """Connect each reserved attachment for ``host`` and complete it: the volumes are in-use.

    :param mountpoints: ``{attachment id: device}``
    """
    mountpoints = mountpoints or {}
    for attachment_id in attachment_ids:
        volume, row = attachments.find(sess, ctx, attachment_id)
        attachments.connect(sess, volume, row, {'host': host, 'platform': 'x86_64',
                                                'os_type': 'linux', 'multipath': False,
                                                'mountpoint': mountpoints.get(attachment_id)})
        attachments.complete(sess, volume, row)


def release(sess, ctx, attachment_ids):
    """Delete the attachments (gone ones are skipped): volumes left without one are available."""
    for attachment_id in attachment_ids:
        try:
            volume, row = attachments.find(sess, ctx, attachment_id)
        except errors.AttachmentNotFound:
            continue
        attachments.remove(sess, volume, row)


def create(sess, ctx, size, name=None, image_id=None, snapshot_id=None, volume_type=None,
           availability_zone=None):
    """A new volume, available at once (Nova waits for it before attaching).

    :raises Error: Cinder's refusals (404 for an unknown image or snapshot, 400, 413 quota)
    """
    states.settle(sess)
    spec = {'size': size, 'name': name, 'imageRef': image_id, 'snapshot_id': snapshot_id,
            'volume_type': volume_type, 'availability_zone': availability_zone}
    return volumes.create_in(sess, ctx, {k: v for k, v in spec.items() if v is not None},
                             status='available', then='available')


def delete(sess, ctx, volume_ids):
    """Delete the (detached) volumes; ones already gone or still busy are left alone."""
    for row in volumes_for(sess, ctx, volume_ids).values():
        if row.status in states.DELETABLE and not row.attachments and \
                not volumes._has_snapshots(sess, row):
            states.start(row, 'deleting', states.DELETED)
            if row.status == states.DELETED:
                sess.delete(row)
    sess.flush()


def snapshot(sess, ctx, volume_id, name, description=None):
    """A snapshot of the volume (forced: it may be in-use), as Nova takes for an image."""
    states.settle(sess)
    row = snapshots.create_in(sess, ctx, volume_id, name, description, force=True)
    return row


def get_snapshot(sess, ctx, snapshot_id):
    """:raises SnapshotNotFound:"""
    states.settle(sess)
    return volumes.find_snapshot(sess, ctx, snapshot_id)


# --- what Nova's os-volumes and os-snapshots proxies ask (each call its own unit of work) ---

def list_volumes(ctx):
    """The caller's volumes, newest first (Cinder's ``GET /volumes/detail``)."""
    return volumes.list_volumes(ctx)[0]


def show_volume(ctx, volume_id):
    """:raises VolumeNotFound:"""
    return volumes.get_volume(ctx, volume_id)


def create_volume(ctx, size, name=None, description=None, snapshot_id=None, volume_type=None,
                  metadata=None, availability_zone=None):
    """A new volume, ``creating`` for the delay, as ``POST /volumes`` makes it.

    :raises Error: Cinder's refusals (404 unknown snapshot or type, 400, 413 quota)
    """
    if metadata and not all(isinstance(k, str) and isinstance(v, str)
                            for k, v in metadata.items()):
        raise errors.InvalidInput(reason='Metadata keys and values must be strings.')
    spec = {'size': size, 'name': name, 'description': description,
            'snapshot_id': snapshot_id, 'volume_type': volume_type,
            'metadata': metadata or {}, 'availability_zone': availability_zone}
    return volumes.create_volume(ctx, {k: v for k, v in spec.items() if v is not None})


def delete_volume(ctx, volume_id):
    """:raises VolumeNotFound: / :raises InvalidVolume:"""
    volumes.delete_volume(ctx, volume_id)


def list_snapshots(ctx):
    return snapshots.list_snapshots(ctx)[0]


def show_snapshot(ctx, snapshot_id):
    """:raises SnapshotNotFound:"""
    return snapshots.get_snapshot(ctx, snapshot_id)


def create_snapshot(ctx, volume_id, name=None, description=None, force=False):
    """:raises VolumeNotFound: / :raises Error: (400 the volume's status, 413 quota)"""
    return snapshots.create_snapshot(ctx, volume_id, name, description, force)


def delete_snapshot(ctx, snapshot_id):
    """:raises SnapshotNotFound: / :raises Error: (400 the snapshot's status)"""
    snapshots.delete_snapshot(ctx, snapshot_id)
