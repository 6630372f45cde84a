"""Volume attachments (``os-volume_attachments``): block device mapping rows with a volume id.

The volume must exist in the block-storage service and be available: Nova's
sequence runs through :mod:`novaapi.volume.api` in the same unit of work (an
attachment is reserved, the simulated host connects it and completes it, the
volume is ``in-use``).  The device name (``/dev/vdb``, ``/dev/vdc``...) is
chosen after the server's other disks; detaching deletes the attachment.
"""

import re
import string

from oslo_utils import strutils
import sqlalchemy as sa

from novaapi.compute import actions
from novaapi.compute import block_devices
from novaapi.compute import models
from novaapi.compute import policy
from novaapi.compute import states as s
from novaapi.compute.subresources import common
from novaapi.compute.subresources import errors
from novaapi.db import base
from novaapi.db import engine
from novaapi import exception

B = models.BlockDeviceMapping
DEVICE = re.compile(r'(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$')
# Nova's attach_volume/detach_volume: these vm_states, no task, locked servers refused.
ALLOWED = (s.ACTIVE, s.PAUSED, s.STOPPED, s.RESIZED, s.SOFT_DELETED, s.SHELVED, s.SHELVED_OFFLOADED)


def _live(query):
    return query.where(B.deleted == 0)


def _get_all(sess, instance):
    """The server's volume BDMs, in creation order."""
    return list(sess.scalars(_live(sa.select(B)).where(B.instance_uuid == instance.uuid,
                                                       B.volume_id.is_not(None)).order_by(B.id)))


def _find(sess, instance, volume_id):
    return sess.scalars(_live(sa.select(B)).where(B.instance_uuid == instance.uuid,
                                                  B.volume_id == volume_id)
                        .order_by(B.id.desc())).first()


def _get(sess, instance, volume_id, missing=None):
    """:raises errors.VolumeNotAttached: (or ``missing`` when given)"""
    bdm = _find(sess, instance, volume_id)
    if bdm is None:
        raise missing or errors.VolumeNotAttached(instance=instance.uuid, volume=volume_id)
    return bdm


def _suffixes():
    letters = string.ascii_lowercase
    yield from letters
    for first in letters:
        for second in letters:
            yield first + second


def _used_devices(sess, instance):
    rows = sess.scalars(_live(sa.select(B.device_name)).where(B.instance_uuid == instance.uuid))
    used = {name for name in rows if name}
    used.add(instance.root_device_name or '/dev/vda')
    return used


def _next_device(sess, instance):
    """The first free ``/dev/<prefix><letter>`` after the root disk, ephemeral and swap."""
    used = _used_devices(sess, instance)
    match = DEVICE.match(instance.root_device_name or '/dev/vda')
    prefix = match.group(1) if match else '/dev/vd'
    local_disks = {prefix + 'b': bool(instance.ephemeral_gb), prefix + 'c': bool(instance.swap)}
    reserved = {name for name, present in local_disks.items() if present}
    for suffix in _suffixes():
        name = prefix + suffix
        if name not in used and name not in reserved:
            return name
    raise errors.InvalidDevicePath(path=prefix)  # pragma: no cover - 702 disks


def _check_free(sess, volume, instance):
    """Nova's ``_check_volume_already_attached``: its BDMs, whatever Cinder says."""
    holders = list(sess.scalars(_live(sa.select(B.instance_uuid)).where(B.volume_id == volume.id)))
    if holders and not volume.multiattach:
        raise errors.InvalidVolume(reason='volume %s is already attached to instances: %s'
                                   % (volume.id, ' '.join(holders)))
    if instance.uuid in holders:
        raise errors.InvalidVolume(reason='volume %s already attached' % volume.id)


def _record(sess, ctx, instance, action, event):
    row = actions.record(sess, ctx, instance.uuid, action)
    actions.start_event(sess, row.id, event, host=instance.host)
    actions.finish_events(sess, row.id)


def _attach(sess, ctx, instance, volume_id, device=None, tag=None, delete_on_termination=False,
            multiattach_ok=True):
    """Attach ``volume_id`` (reserve, connect, complete); return its BDM.

    :raises errors.InvalidDevicePath: / :raises errors.DevicePathInUse: / :raises
        errors.InvalidVolume: attached already / :raises exception.VolumeNotFound: /
        :raises exception.InvalidInput: the volume is not available / state and lock errors
    """
    common.check(ctx, instance, 'attach_volume', ALLOWED)
    if device and not DEVICE.match(device):
        raise errors.InvalidDevicePath(path=device)
    found = block_devices.volume(sess, ctx, volume_id)
    _check_free(sess, found, instance)
    if found.multiattach and instance.vm_state == s.SHELVED_OFFLOADED:
        raise exception.Invalid('Attaching multiattach volumes is not supported for '
                                'shelved-offloaded instances.')
    if found.multiattach and not multiattach_ok:
        raise exception.MultiattachNotSupportedOldMicroversion()
    if instance.vm_state == s.SHELVED_OFFLOADED and tag:
        raise errors.VolumeTaggedAttachToShelvedNotSupported()
    if device and device in _used_devices(sess, instance):
        raise errors.DevicePathInUse(path=device)
    bdm = B(uuid=base.new_uuid(), instance_uuid=instance.uuid, source_type='volume',
            destination_type='volume', device_type='disk', boot_index=None,
            device_name=device or _next_device(sess, instance), volume_id=volume_id,
            delete_on_termination=bool(delete_on_termination), tag=tag,
            volume_size=found.size,
            attachment_id=block_devices.reserve(sess, ctx, found.id, instance),
            deleted=0)
    sess.add(bdm)
    sess.flush()
    block_devices.connect(sess, ctx, instance, [bdm])
    _record(sess, ctx, instance, 'attach_volume', 'compute_attach_volume')
    return bdm


def _detach(sess, ctx, instance, bdm):
    """:raises exception.Invalid: the root disk / state and lock errors"""
    if bdm.boot_index == 0:
        raise exception.Invalid('Cannot detach a root device volume')
    common.check(ctx, instance, 'detach_volume', ALLOWED)
    if bdm.attachment_id:
        block_devices.release(sess, ctx, [bdm.attachment_id])
    bdm.deleted = bdm.id
    bdm.deleted_at = base.utcnow()
    _record(sess, ctx, instance, 'detach_volume', 'compute_detach_volume')


def _update(bdm, attachment):
    """2.85 PUT with the same volume: only ``delete_on_termination`` may change."""
    for key, current in (('id', bdm.volume_id), ('serverId', bdm.instance_uuid),
                         ('device', bdm.device_name), ('tag', bdm.tag)):
        if key in attachment and attachment[key] != current:
            raise exception.Invalid('The %s property is not mutable' % key)
    if 'delete_on_termination' in attachment:
        bdm.delete_on_termination = strutils.bool_from_string(
            attachment['delete_on_termination'], strict=True)


SWAP_ALLOWED = (s.ACTIVE, s.PAUSED, s.RESIZED)


def _swap_volume(sess, ctx, instance, old_volume_id, new_volume_id):
    """Nova's swap: only while Cinder migrates the old volume; the new one takes its place.

    :raises exception.Conflict: the old volume is not migrating / :raises exception.Invalid:
        the new volume is unknown, attached, smaller or busy
    """
    old = block_devices.volume(sess, ctx, old_volume_id)
    if not old.migration_status:
        raise exception.Conflict('volume %s is not migrating; this API should only be called by '
                                 'Cinder' % old_volume_id)
    try:
        new = block_devices.volume(sess, ctx, new_volume_id)
    except exception.VolumeNotFound as err:
        raise exception.Invalid(err.message) from None
    common.check(ctx, instance, 'swap_volume', SWAP_ALLOWED)
    if not any(a.instance_uuid == instance.uuid for a in old.attachments):
        raise errors.InvalidVolume(reason='Old volume is attached to a different instance.')
    if new.attach_status == 'attached':
        raise errors.InvalidVolume(reason='New volume must be detached in order to swap.')
    if new.size < old.size:
        raise errors.InvalidVolume(reason='New volume must be the same size or larger.')
    if len([a for a in old.attachments if a.attach_status == 'attached']) > 1:
        raise exception.Invalid('Swapping multi-attach volumes with more than one read/write '
                                'attachment is not supported.')
    bdm = _get(sess, instance, old_volume_id, errors.VolumeBDMNotFound(volume_id=old_volume_id))
    _check_free(sess, new, instance)
    try:
        attachment_id = block_devices.reserve(sess, ctx, new.id, instance)
    except exception.InvalidInput as err:
        raise errors.InvalidVolume(reason=err.message) from None
    old_attachment = bdm.attachment_id
    bdm.volume_id, bdm.attachment_id, bdm.volume_size = new.id, attachment_id, new.size
    block_devices.connect(sess, ctx, instance, [bdm])
    if old_attachment:
        block_devices.release(sess, ctx, [old_attachment])
    _record(sess, ctx, instance, 'swap_volume', 'compute_swap_volume')


def _check_not_shelved(instance, verb, shelved_ok):
    """Before 2.20 (``shelved_ok`` False) shelved servers refuse volume changes."""
    if instance.vm_state in (s.SHELVED, s.SHELVED_OFFLOADED) and not shelved_ok:
        raise common.invalid_state(instance, verb, 'vm_state', instance.vm_state)


def list_attachments(ctx, server_id):
    """The server's volume BDMs, in creation order."""
    with engine.transaction() as sess:
        return _get_all(sess, common.server(sess, ctx, server_id, 'os-volumes-attachments:index'))


def show_attachment(ctx, server_id, volume_id):
    """:raises errors.VolumeNotAttached:"""
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, 'os-volumes-attachments:show')
        return _get(sess, instance, volume_id)


def attach_volume(ctx, server_id, volume_id, device=None, tag=None, delete_on_termination=False,
                  shelved_ok=True, multiattach_ok=True):
    """Attach ``volume_id`` to the server; returns its BDM (see :func:`_attach`)."""
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, 'os-volumes-attachments:create', lock=True)
        _check_not_shelved(instance, 'attach_volume', shelved_ok)
        return _attach(sess, ctx, instance, volume_id, device, tag, delete_on_termination,
                       multiattach_ok)


def update_attachment(ctx, server_id, volume_id, attachment, swap, mutable):
    """PUT of an attachment: a swap to another volume (Cinder's, refused) or, with
    ``mutable`` (2.85+), a change of the attachment itself.

    The ``swap`` rule has no target; the ``update`` rule targets the server's project.
    """
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, None, lock=True)
        rule = 'os-volumes-attachments:' + ('swap' if swap else 'update')
        policy.authorize(ctx, rule, target={} if swap else {'project_id': instance.project_id})
        if mutable:
            bdm = _get(sess, instance, volume_id, errors.VolumeBDMNotFound(volume_id=volume_id))
            _update(bdm, attachment)
        if swap:
            _swap_volume(sess, ctx, instance, volume_id, attachment['volumeId'])


def detach_volume(ctx, server_id, volume_id, shelved_ok=True):
    """:raises exception.VolumeNotFound: / :raises errors.VolumeNotAttached: / see :func:`_detach`"""
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, 'os-volumes-attachments:delete', lock=True)
        _check_not_shelved(instance, 'detach_volume', shelved_ok)
        block_devices.volume(sess, ctx, volume_id)
        _detach(sess, ctx, instance, _get(sess, instance, volume_id))


# --- assisted volume snapshots (the volume service asks the server's host to snapshot) ---

def _snapshot_target(sess, volume_id, method):
    """The server holding ``volume_id``, checked as Nova checks it before casting to its host:
    it has a host, no task and has been launched (each refusal a 400 in Nova's words)."""
    bdm = sess.scalars(_live(sa.select(B)).where(B.volume_id == volume_id)).first()
    if bdm is None:
        raise exception.Invalid('No volume Block Device Mapping with id %s.' % volume_id)
    instance = sess.scalars(sa.select(models.Instance)
                            .where(models.Instance.uuid == bdm.instance_uuid)).one()
    if not instance.host:
        raise exception.Invalid('Instance %s is not ready' % instance.uuid)
    for attr, refused in (('task_state', instance.task_state is not None),
                          ('launched_at', instance.launched_at is None)):
        if refused:
            raise exception.Invalid('Instance %s in %s %s. Cannot %s while the instance is in '
                                    'this state.' % (instance.uuid, attr,
                                                     getattr(instance, attr), method))
    return instance


def assisted_snapshot_create(ctx, volume_id, create_info):
    """Nova's answer to the volume service's snapshot request: ``{id, volumeId}``.

    :raises exception.Invalid: no server holds the volume, or it cannot snapshot now
    """
    with engine.transaction() as sess:
        _snapshot_target(sess, volume_id, 'do_volume_snapshot_create')
    return {'id': create_info.get('id'), 'volumeId': volume_id}


def assisted_snapshot_delete(ctx, snapshot_id, delete_info):
    """:raises exception.Invalid: no server holds the volume, or it cannot merge now"""
    volume_id = delete_info['volume_id']
    with engine.transaction() as sess:
        instance = _snapshot_target(sess, volume_id, 'do_volume_snapshot_delete')
        if delete_info.get('merge_target_file') is not None and instance.vm_state != s.ACTIVE:
            raise exception.Invalid('Instance %s in vm_state %s. Cannot volume_snapshot_delete '
                                    'while the instance is in this state.'
                                    % (instance.uuid, instance.vm_state))
