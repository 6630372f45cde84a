"""Attachments: the 3.27+ API Nova attaches with, and the legacy attach actions.

The status machine (volume ``status`` / ``attach_status``, attachment
``attach_status``): create → ``reserved`` (with a connector straight to
``attaching``); update with a connector → ``attaching`` and a
``connection_info``; ``os-complete`` → ``attached`` / ``in-use``; delete →
``available`` / ``detached`` when no attachment remains.  A multiattach volume
takes new attachments while ``in-use``.
"""

import sqlalchemy as sa

from novaapi.db import base
from novaapi.db import engine
from novaapi.volume import errors
from novaapi.volume import models
from novaapi.volume import policy
from novaapi.volume import states
from novaapi.volume import volumes

A = models.Attachment
ERROR_STATUSES = ('error', 'error_attaching', 'error_detaching', 'error_deleting',
                  'error_extending')


def _or(statuses):
    statuses = list(statuses)
    return statuses[0] if len(statuses) == 1 else ' or '.join(statuses)


def connection_info(volume, attachment, connector):
    """What a simulated iSCSI target hands the host that connects."""
    mode = attachment.attach_mode or 'rw'
    return {'driver_volume_type': 'iscsi',
            'data': {'target_discovered': False,
                     'target_iqn': 'iqn.2010-10.org.openstack:volume-%s' % volume.id,
                     'target_portal': '127.0.0.1:3260', 'target_lun': 0,
                     'volume_id': volume.id, 'access_mode': mode, 'encrypted': False,
                     'qos_specs': None, 'discard': False, 'cacheable': False},
            'attachment_id': attachment.id}


def _refresh_volume(volume):
    """The volume's status after its attachments changed."""
    live = [a for a in volume.attachments if a.attach_status != 'detached']
    if any(a.attach_status == 'attached' for a in live):
        volume.status, volume.attach_status = 'in-use', 'attached'
    elif any(a.attach_status == 'attaching' for a in live):
        volume.status, volume.attach_status = 'attaching', 'attaching'
    elif live:
        volume.status, volume.attach_status = 'reserved', 'reserved'
    else:
        volume.status, volume.attach_status = 'available', 'detached'
    volume.updated_at = base.utcnow()


def reserve(sess, ctx, volume, instance_uuid, mode='rw'):
    """Insert a ``reserved`` attachment of ``volume`` (locked) for ``instance_uuid``.

    :raises errors.InvalidVolume: the volume's status refuses another attachment
    """
    policy.authorize(ctx, 'volume:attachment_create', {'project_id': volume.project_id})
    allowed = ('available', 'in-use', 'downloading') if volume.multiattach \
        else ('available', 'downloading')
    if volume.status not in allowed:
        same = instance_uuid and volume.status in ('in-use', 'reserved') and any(
            a.instance_uuid == instance_uuid for a in volume.attachments)
        if not same:
            raise errors.InvalidVolume(
                reason='Volume %s status must be %s to reserve, but the current status is %s.'
                % (volume.id, _or(allowed), volume.status))
    row = A(id=base.new_uuid(), volume_id=volume.id, instance_uuid=instance_uuid,
            attach_status='reserved', attach_mode=mode or 'rw')
    sess.add(row)
    volume.attachments.append(row)
    if volume.status != 'in-use':
        volume.status = 'reserved'
        if volume.attach_status == 'detached':
            volume.attach_status = 'reserved'
    sess.flush()
    return row


def connect(sess, volume, attachment, connector):
    """Give ``attachment`` a connection for ``connector``: ``attaching``."""
    if volume.status in ERROR_STATUSES:
        raise errors.Conflict('Invalid volume: Volume %s is in an error state (%s).'
                              % (volume.id, volume.status))
    attachment.connector = dict(connector)
    attachment.attached_host = connector.get('host')
    attachment.mountpoint = connector.get('mountpoint')
    if connector.get('mode'):
        attachment.attach_mode = connector['mode']
    attachment.connection_info = connection_info(volume, attachment, connector)
    if attachment.attach_status != 'attached':
        attachment.attach_status = 'attaching'
    if volume.status != 'in-use':
        volume.status = 'attaching'
        volume.attach_status = 'attaching'
    sess.flush()


def complete(sess, volume, attachment):
    """``os-complete``: the attachment is ``attached``, the volume ``in-use``."""
    attachment.attach_status = 'attached'
    attachment.attach_time = attachment.attach_time or base.utcnow()
    _refresh_volume(volume)
    sess.flush()


def remove(sess, volume, attachment):
    """Delete an attachment; the volume is ``available`` when it was the last one."""
    sess.delete(attachment)
    sess.flush()
    sess.refresh(volume, attribute_names=['attachments'])
    _refresh_volume(volume)
    sess.flush()


def _visible(query, ctx):
    if ctx.is_admin:
        return query
    return query.join(models.Volume).where(models.Volume.project_id == ctx.project_id)


def find(sess, ctx, attachment_id):
    """The attachment and its volume (locked).

    :raises errors.AttachmentNotFound:
    """
    row = sess.scalars(_visible(sa.select(A).where(A.id == str(attachment_id)), ctx)).first() \
        if len(str(attachment_id)) <= 36 else None
    if row is None:
        raise errors.AttachmentNotFound(filter="attachment_id = %s" % attachment_id)
    volume = volumes.lock(sess, ctx, row.volume_id)
    return volume, row


# --- the attachments API ---------------------------------------------------------------

def create_attachment(ctx, volume_id, instance_uuid=None, connector=None, mode='rw'):
    """:raises errors.VolumeNotFound: / :raises errors.InvalidVolume: (see :func:`reserve`)"""
    with engine.transaction() as sess:
        states.settle(sess)
        volume = volumes.lock(sess, ctx, volume_id)
        row = reserve(sess, ctx, volume, instance_uuid, mode)
        if connector:
            connect(sess, volume, row, connector)
        return row


def update_attachment(ctx, attachment_id, connector):
    with engine.transaction() as sess:
        states.settle(sess)
        volume, row = find(sess, ctx, attachment_id)
        policy.authorize(ctx, 'volume:attachment_update', {'project_id': volume.project_id})
        connect(sess, volume, row, connector)
        return row


def complete_attachment(ctx, attachment_id):
    with engine.transaction() as sess:
        states.settle(sess)
        volume, row = find(sess, ctx, attachment_id)
        policy.authorize(ctx, 'volume:attachment_complete', {'project_id': volume.project_id})
        complete(sess, volume, row)


def delete_attachment(ctx, attachment_id):
    """Remove an attachment; returns the other attachments sharing its connection (none)."""
    with engine.transaction() as sess:
        states.settle(sess)
        volume, row = find(sess, ctx, attachment_id)
        policy.authorize(ctx, 'volume:attachment_delete', {'project_id': volume.project_id})
        remove(sess, volume, row)
        return []


def get_attachment(ctx, attachment_id):
    with engine.transaction() as sess:
        states.settle(sess)
        row = sess.scalars(_visible(sa.select(A).where(A.id == str(attachment_id)), ctx)).first()
        if row is None:
            raise errors.AttachmentNotFound(filter="attachment_id = %s" % attachment_id)
        return row


def list_attachments(ctx, filters=None, limit=None, marker=None, offset=0, all_tenants=False):
    """``(page, total)`` of the attachments of volumes ``ctx`` may see."""
    filters = filters or {}
    with engine.transaction() as sess:
        states.settle(sess)
        query = sa.select(A)
        if not (ctx.is_admin and all_tenants):
            query = query.join(models.Volume).where(models.Volume.project_id == ctx.project_id)
        if 'volume_id' in filters:
            query = query.where(A.volume_id == filters['volume_id'])
        if 'instance_id' in filters:
            query = query.where(A.instance_uuid == filters['instance_id'])
        if 'status' in filters:
            query = query.where(A.attach_status == filters['status'])
        rows = list(sess.scalars(query.order_by(A.created_at.desc(), A.id.desc())))
        return volumes._paged(rows, marker, limit, offset), len(rows)


# --- the legacy volume actions ------------------------------------------------------------

def _action(ctx, volume_id, rule, change):
    with engine.transaction() as sess:
        states.settle(sess)
        volume = volumes.lock(sess, ctx, volume_id)
        policy.authorize(ctx, rule, {'project_id': volume.project_id})
        result = change(sess, volume)
        volume.updated_at = base.utcnow()
        return result


def reserve_volume(ctx, volume_id):
    """``os-reserve``: available (or in-use, multiattach) → ``attaching``."""
    def change(sess, volume):
        allowed = ('available', 'in-use') if volume.multiattach else ('available',)
        if volume.status not in allowed:
            raise errors.InvalidVolume(reason='Volume status must be %s to reserve, but the '
                                       'status is %s.' % (_or(allowed), volume.status))
        volume.status = 'attaching'
    _action(ctx, volume_id, 'volume_extension:volume_actions:reserve', change)


def unreserve_volume(ctx, volume_id):
    """``os-unreserve``: ``attaching`` → in-use with attachments, else available."""
    def change(sess, volume):
        if volume.status == 'attaching':
            attached = any(a.attach_status == 'attached' for a in volume.attachments)
            volume.status = 'in-use' if attached else 'available'
    _action(ctx, volume_id, 'volume_extension:volume_actions:unreserve', change)


def begin_detaching(ctx, volume_id):
    def change(sess, volume):
        if volume.status != 'in-use' or volume.attach_status != 'attached':
            raise errors.InvalidVolume(reason="Unable to detach volume. Volume status must be "
                                       "'in-use' and attach_status must be 'attached' to "
                                       "detach.")
        volume.status = 'detaching'
    _action(ctx, volume_id, 'volume_extension:volume_actions:begin_detaching', change)


def roll_detaching(ctx, volume_id):
    def change(sess, volume):
        if volume.status == 'detaching':
            volume.status = 'in-use'
    _action(ctx, volume_id, 'volume_extension:volume_actions:roll_detaching', change)


def attach_volume(ctx, volume_id, instance_uuid=None, host_name=None, mountpoint=None,
                  mode='rw'):
    """``os-attach``: record an attached attachment; the volume is ``in-use``."""
    def change(sess, volume):
        if volume.status == 'maintenance':
            raise errors.InvalidVolume(reason='The volume cannot be attached in maintenance '
                                       'mode.')
        if volume.status not in ('available', 'attaching', 'reserved', 'in-use') or (
                volume.status == 'in-use' and not volume.multiattach):
            raise errors.InvalidVolume(reason='Volume status must be available or attaching '
                                       'to attach, but the status is %s.' % volume.status)
        row = A(id=base.new_uuid(), volume_id=volume.id, instance_uuid=instance_uuid,
                attached_host=host_name, mountpoint=mountpoint, attach_mode=mode or 'rw',
                attach_status='attaching')
        sess.add(row)
        volume.attachments.append(row)
        complete(sess, volume, row)
    _action(ctx, volume_id, 'volume_extension:volume_actions:attach', change)


def detach_volume(ctx, volume_id, attachment_id=None, force=False):
    """``os-detach`` (or admin ``os-force_detach``): remove an attachment."""
    def change(sess, volume):
        if volume.status == 'maintenance':
            raise errors.InvalidVolume(reason='The volume cannot be detached in maintenance '
                                       'mode.')
        live = list(volume.attachments)
        if attachment_id:
            live = [a for a in live if a.id == attachment_id]
            if not live:
                raise errors.AttachmentNotFound(filter='attachment_id = %s' % attachment_id)
        elif len(live) > 1:
            raise errors.InvalidVolume(reason='Detach volume failed: More than one attachment, '
                                       'but no attachment_id provided.')
        for row in live:
            remove(sess, volume, row)
        if not live:
            _refresh_volume(volume)
    rule = 'volume_extension:volume_admin_actions:force_detach' if force \
        else 'volume_extension:volume_actions:detach'
    _action(ctx, volume_id, rule, change)


def initialize_connection(ctx, volume_id, connector):
    """``os-initialize_connection``: the connection info for ``connector``."""
    def change(sess, volume):
        if volume.status not in ('available', 'in-use', 'attaching', 'reserved', 'downloading'):
            raise errors.InvalidVolume(reason='Volume status must be available, in-use, attaching, '
                                       'reserved or downloading, but the status is %s.'
                                       % volume.status)
        probe = A(id=base.new_uuid(), volume_id=volume.id, attach_mode='rw',
                  attach_status='attaching')
        info = connection_info(volume, probe, connector)
        info.pop('attachment_id')
        return info
    return _action(ctx, volume_id, 'volume_extension:volume_actions:initialize_connection',
                   change)


def terminate_connection(ctx, volume_id, connector):
    _action(ctx, volume_id, 'volume_extension:volume_actions:terminate_connection',
            lambda sess, volume: None)
