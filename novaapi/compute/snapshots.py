"""Images of a server: ``createImage`` snapshots and ``createBackup`` rotations.

:func:`snapshot_image` (the image row a snapshot fills) is shared with shelving.
"""

import sqlalchemy as sa

from novaapi.compute import actions
from novaapi.compute import block_devices
from novaapi.compute import guards
from novaapi.compute import hosts
from novaapi.compute import models
from novaapi.compute import states as s
from novaapi.db import engine
from novaapi import exception
from novaapi.image import api as image_api

SNAPSHOT_STATES = (s.ACTIVE, s.STOPPED, s.PAUSED, s.SUSPENDED)
# Image facts kept in system metadata for the server itself, not copied to its snapshots.
_OWN_SYSMETA = {'image_base_image_ref', 'image_min_disk', 'image_min_ram', 'image_disk_format',
                'image_container_format'}


def create_image(ctx, server_id, name, metadata=None):
    """``createImage``: the new image (active at once for a volume-backed server)."""
    guard = guards.Guard(SNAPSHOT_STATES, lock=False)
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'servers:create_image')
        guard.check(ctx, instance, 'createImage')
        if hosts.is_volume_backed(instance):
            # Nova's snapshot_volume_backed: a snapshot of each volume, and an image of no data
            # whose block_device_mapping property points at them.
            props = block_devices.snapshot_properties(sess, ctx, instance, name)
            image = snapshot_image(sess, ctx, instance, name, 'snapshot',
                                   {**(metadata or {}), **props})
            image_api.store_generated(sess, image.id, instance.uuid, 0)
            actions.record(sess, ctx, instance.uuid, actions.CREATE_IMAGE, finished=True)
            return image
        image = snapshot_image(sess, ctx, instance, name, 'snapshot', metadata)
        guards.start_operation(sess, ctx, instance, 'createImage', guard, 'snapshot',
                               actions.CREATE_IMAGE, data={'image_id': image.id})
        return image


def create_backup(ctx, server_id, name, backup_type, rotation, metadata=None):
    """``createBackup``: the new image; older backups beyond ``rotation`` go when it is saved."""
    guard = guards.Guard(SNAPSHOT_STATES, lock=False)
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-create-backup')
        guard.check(ctx, instance, 'createBackup')
        if hosts.is_volume_backed(instance):
            raise exception.Invalid('Backup is not supported for volume-backed instances.')
        image = snapshot_image(sess, ctx, instance, name, 'backup', metadata,
                               backup_type=backup_type)
        guards.start_operation(sess, ctx, instance, 'createBackup', guard, 'backup', actions.BACKUP,
                               data={'image_id': image.id, 'backup_type': backup_type,
                                     'rotation': rotation})
        return image


def snapshot_image(sess, ctx, instance, name, image_type, metadata=None, **props):
    """The queued image a snapshot of ``instance`` will fill, with Nova's properties."""
    properties = {key[len('image_'):]: value for key, value in _image_sysmeta(sess, instance).items()}
    properties.update(metadata or {})
    properties.update(instance_uuid=instance.uuid, image_type=image_type, user_id=ctx.user_id,
                      base_image_ref=instance.image_ref or '', owner_user_name=None, **props)
    properties = {k: v for k, v in properties.items() if v is not None}
    meta = instance.image_meta or {}
    return image_api.create_snapshot(sess, ctx, name, properties, min_disk=instance.root_gb,
                                     min_ram=meta.get('min_ram') or 0,
                                     disk_format=meta.get('disk_format') or 'qcow2',
                                     container_format=meta.get('container_format') or 'bare',
                                     shared_with=(instance.project_id
                                                  if instance.project_id != ctx.project_id
                                                  else None))


def _image_sysmeta(sess, instance):
    sysmeta = models.InstanceSystemMetadata
    rows = sess.execute(sa.select(sysmeta.key, sysmeta.value)
                        .where(sysmeta.instance_uuid == instance.uuid, sysmeta.key.like('image_%')))
    return {k: v for k, v in rows if k not in _OWN_SYSMETA}
