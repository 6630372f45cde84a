"""Volumes of servers, as Nova's compute API and its simulated hosts use the block-storage
service (through :mod:`novaapi.volume.api`, in the caller's transaction).

Attaching reserves an attachment (Nova's ``attachment_create``), the host connects it and
completes it; a boot from volume checks its volumes up front, reserves existing ones and has
the host create the others while the server is in ``block_device_mapping``; deleting a server
deletes its attachments and the volumes marked ``delete_on_termination``; an image of a
volume-backed server snapshots its volumes.
"""

import json

import sqlalchemy as sa

from novaapi.compute import models
from novaapi import exception
from novaapi.volume import api as volume_api

B = models.BlockDeviceMapping
# Fields of an image's ``block_device_mapping`` entry (Nova's BlockDeviceDict, image mapping).
IMAGE_MAPPING_FIELDS = ('source_type', 'destination_type', 'guest_format', 'device_type',
                        'disk_bus', 'boot_index', 'device_name', 'delete_on_termination',
                        'snapshot_id', 'volume_id', 'volume_size', 'image_id', 'no_device',
                        'tag', 'volume_type', 'encrypted', 'encryption_secret_uuid',
                        'encryption_format', 'encryption_options')


def volume(sess, ctx, volume_id):
    """The block-storage volume ``volume_id`` as Nova's ``volume_api.get`` finds it.

    :raises exception.VolumeNotFound:
    """
    try:
        return volume_api.get(sess, ctx, volume_id)
    except volume_api.VolumeNotFound:
        raise exception.VolumeNotFound(volume_id=volume_id) from None


def reserve(sess, ctx, volume_id, instance):
    """Nova's ``attachment_create``: a reserved attachment, Cinder's 400 as Nova words it.

    :raises exception.VolumeNotFound: / :raises exception.InvalidInput:
    """
    try:
        return volume_api.reserve(sess, ctx, volume_id, instance.uuid)
    except volume_api.VolumeNotFound:
        raise exception.VolumeNotFound(volume_id=volume_id) from None
    except volume_api.Error as err:
        raise exception.from_cinder(err) from None


def connect(sess, ctx, instance, bdms):
    """The simulated host connects the BDMs' reserved attachments: the volumes are in-use."""
    wanted = [b for b in bdms if b.attachment_id]
    # NOTE: a shelved-offloaded server has no host: its volumes stay reserved until unshelve.
    if instance.host and instance.vm_state != 'shelved_offloaded' and wanted:
        volume_api.connect(sess, ctx, [b.attachment_id for b in wanted], instance.host,
                           {b.attachment_id: b.device_name for b in wanted})


def release(sess, ctx, attachment_ids):
    volume_api.release(sess, ctx, [a for a in attachment_ids if a])


def _volume_bdms(sess, instance):
    return list(sess.scalars(sa.select(B).where(B.instance_uuid == instance.uuid, B.deleted == 0,
                                                B.destination_type == 'volume').order_by(B.id)))


# --- boot from volume ---------------------------------------------------------------------

def check_for_boot(sess, ctx, bdms, image_exists, multiattach_ok=True):
    """Nova's ``_validate_bdm`` for the volumes of a boot request (before any row is written).

    :param bdms: the request's ``block_device_mapping`` (v2 dicts)
    :param image_exists: ``image_exists(image_id)``, whether the caller may use the image
    :raises exception.InvalidBDM: (and its ``Volume``/``Snapshot``/``Image`` kinds) /
        :raises exception.MultiattachNotSupportedOldMicroversion:
    """
    for bdm in bdms:
        source, destination = bdm.get('source_type'), bdm.get('destination_type')
        uuid = bdm.get('uuid') or bdm.get('volume_id') or bdm.get('snapshot_id') or \
            bdm.get('image_id')
        if source == 'image' and uuid and not image_exists(uuid):
            raise exception.InvalidBDMImage(id=uuid)
        if source == 'image' and destination == 'volume' and not bdm.get('volume_size'):
            raise exception.InvalidBDM("Images with destination_type 'volume' need to have a "
                                       "non-zero size specified")
        if source == 'volume' or (not source and bdm.get('volume_id')):
            try:
                found = volume_api.get(sess, ctx, uuid)
            except volume_api.VolumeNotFound:
                raise exception.InvalidBDMVolume(id=uuid) from None
            if found.multiattach and not multiattach_ok:
                raise exception.MultiattachNotSupportedOldMicroversion()
        if source == 'snapshot' or (not source and bdm.get('snapshot_id')):
            try:
                volume_api.get_snapshot(sess, ctx, uuid)
            except volume_api.SnapshotNotFound:
                raise exception.InvalidBDMSnapshot(id=uuid) from None
        if source == 'blank' and destination == 'volume' and not bdm.get('volume_size'):
            raise exception.InvalidBDM("Blank volumes (source: 'blank', dest: 'volume') need to "
                                       "have non-zero size")


def reserve_for_boot(sess, ctx, instance, bdm):
    """Reserve the existing volume of a new server's BDM row (``source_type`` volume).

    :raises exception.InvalidVolume: the volume is not available
    """
    try:
        bdm.attachment_id = reserve(sess, ctx, bdm.volume_id, instance)
    except exception.VolumeNotFound:
        raise exception.InvalidBDMVolume(id=bdm.volume_id) from None
    except exception.InvalidInput as err:
        raise exception.InvalidVolume(reason=err.message) from None
    found = volume_api.get(sess, ctx, bdm.volume_id)
    bdm.volume_size = bdm.volume_size or found.size


def build(sess, ctx, instance):
    """The host's part of a boot: create the volumes to make, then connect every volume.

    :raises exception.BuildAbortException: a volume could not be created
    """
    bdms = _volume_bdms(sess, instance)
    for bdm in bdms:
        if bdm.volume_id:
            continue
        name = '%s-blank-vol' % instance.uuid if bdm.source_type == 'blank' else ''
        try:
            made = volume_api.create(sess, ctx, bdm.volume_size, name=name,
                                     image_id=bdm.image_id, snapshot_id=bdm.snapshot_id,
                                     volume_type=bdm.volume_type)
            bdm.volume_id = made.id
            bdm.volume_size = made.size
            bdm.attachment_id = volume_api.reserve(sess, ctx, made.id, instance.uuid)
        except volume_api.Error as err:
            raise exception.BuildAbortException(instance_uuid=instance.uuid,
                                                reason=err.message) from None
    for bdm in bdms:
        if bdm.boot_index == 0 and not bdm.device_name:
            bdm.device_name = instance.root_device_name or '/dev/vda'
    sess.flush()
    connect(sess, ctx, instance, bdms)


def clean_up(sess, ctx, instance):
    """A deleted server's volumes: attachments deleted, ``delete_on_termination`` ones gone."""
    bdms = _volume_bdms(sess, instance)
    release(sess, ctx, [b.attachment_id for b in bdms])
    volume_api.delete(sess, ctx, [b.volume_id for b in bdms
                                  if b.delete_on_termination and b.volume_id])


# --- images of volume-backed servers -----------------------------------------------------

def snapshot_properties(sess, ctx, instance, image_name):
    """Snapshot every volume of the server; the image properties that point at the snapshots.

    :returns: ``{'block_device_mapping': <JSON>, 'bdm_v2': 'True', 'root_device_name'}`` (no
        mapping when the server has no volume)
    :raises exception.Forbidden: the snapshot quota is exhausted
    """
    mapping = []
    for bdm in _volume_bdms(sess, instance):
        if not bdm.volume_id:
            continue
        try:
            snap = volume_api.snapshot(sess, ctx, bdm.volume_id,
                                       'snapshot for %s' % image_name)
        except volume_api.Error as err:
            raise exception.from_cinder(err) from None
        entry = dict.fromkeys(IMAGE_MAPPING_FIELDS)
        entry.update(source_type='snapshot', destination_type='volume', snapshot_id=snap.id,
                     disk_bus=bdm.disk_bus, device_type=bdm.device_type,
                     boot_index=bdm.boot_index, delete_on_termination=bdm.delete_on_termination,
                     volume_size=bdm.volume_size or snap.size, device_name=bdm.device_name)
        mapping.append(entry)
    props = {'root_device_name': instance.root_device_name or '/dev/vda'}
    if mapping:
        props.update(block_device_mapping=json.dumps(mapping), bdm_v2='True')
    return props
