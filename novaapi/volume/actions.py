"""Volume actions beside attaching: extend, set bootable, read-only flag, reset status (admin),
force delete (admin)."""

from novaapi.db import base
from novaapi.db import engine
from novaapi.volume import errors
from novaapi.volume import policy
from novaapi.volume import quotas
from novaapi.volume import states
from novaapi.volume import volumes

VOLUME_STATUSES = ('creating', 'available', 'deleting', 'error', 'error_deleting',
                   'error_managing', 'managing', 'attaching', 'in-use', 'detaching',
                   'maintenance', 'restoring-backup', 'error_restoring', 'reserved',
                   'awaiting-transfer', 'backing-up', 'error_backing-up', 'error_extending',
                   'downloading', 'uploading', 'retyping', 'extending')
ATTACH_STATUSES = ('attached', 'attaching', 'detached', 'reserved', 'detaching',
                   'error_attaching', 'error_detaching', 'deleted')


def extend(ctx, volume_id, new_size, attached_ok=False):
    """``os-extend``: grow an available (3.42+: or in-use) volume; ``extending`` meanwhile.

    :raises errors.InvalidInput: not larger / :raises errors.InvalidVolume: its status / quota
    """
    with engine.transaction() as sess:
        states.settle(sess)
        volume = volumes.lock(sess, ctx, volume_id)
        policy.authorize(ctx, 'volume:extend', {'project_id': volume.project_id})
        if new_size <= volume.size:
            raise errors.InvalidInput(reason='New size for extend must be greater than current '
                                      'size. (current: %s, extended: %s).'
                                      % (volume.size, new_size))
        expected = 'in-use' if attached_ok and volume.status == 'in-use' else 'available'
        if volume.status != expected:
            raise errors.InvalidVolume(reason="Volume %s status must be '%s' to extend, "
                                       "currently %s." % (volume.id, {'status': expected},
                                                          volume.status))
        quotas.reserve(sess, volume.project_id, gigabytes=new_size - volume.size)
        volume.size = new_size
        volume.updated_at = base.utcnow()
        states.start(volume, 'extending', expected)


def set_bootable(ctx, volume_id, bootable):
    with engine.transaction() as sess:
        states.settle(sess)
        volume = volumes.lock(sess, ctx, volume_id)
        policy.authorize(ctx, 'volume_extension:volume_actions:set_bootable',
                         {'project_id': volume.project_id})
        volume.bootable = bootable
        volume.updated_at = base.utcnow()


def update_readonly_flag(ctx, volume_id, readonly):
    with engine.transaction() as sess:
        states.settle(sess)
        volume = volumes.lock(sess, ctx, volume_id)
        policy.authorize(ctx, 'volume:update_readonly_flag', {'project_id': volume.project_id})
        volume.meta = {**(volume.meta or {})}
        volume.updated_at = base.utcnow()


def reset_status(ctx, volume_id, status=None, attach_status=None, migration_status=None):
    """Admin: set the statuses as given, ending any transition.

    :raises errors.InvalidInput: an unknown status
    """
    policy.authorize(ctx, 'volume_extension:volume_admin_actions:reset_status')
    if status is not None and status not in VOLUME_STATUSES:
        raise errors.InvalidInput(reason='Must specify a valid status')
    if attach_status is not None and attach_status not in ATTACH_STATUSES:
        raise errors.InvalidInput(reason='Must specify a valid attach status')
    with engine.transaction() as sess:
        states.settle(sess)
        volume = volumes.lock(sess, ctx, volume_id)
        if status is not None:
            volume.status = status
            volume.settle_to = volume.settle_at = None
        if attach_status is not None:
            volume.attach_status = attach_status
        if migration_status is not None:
            volume.migration_status = migration_status or None
        volume.updated_at = base.utcnow()


def force_delete(ctx, volume_id):
    """Admin: delete a volume whatever its status (not while attached or with snapshots)."""
    policy.authorize(ctx, 'volume_extension:volume_admin_actions:force_delete')
    volumes.delete_volume(ctx, volume_id, force=True)
