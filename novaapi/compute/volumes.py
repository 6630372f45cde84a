"""Nova's volume and snapshot proxies to the block-storage service (``os-volumes``,
``os-snapshots``, up to 2.35): Cinder's volumes in Nova's camelCase views.

Each call is one request to the block-storage service (a unit of work of its own there), as
Nova's proxy is one HTTP call to Cinder; Cinder's refusals come back as Nova translates them.
"""

from novaapi.compute import policy
from novaapi import exception
from novaapi.volume import api as volume_api


def _when(value):
    return value.strftime('%Y-%m-%dT%H:%M:%S.%f') if value is not None else None


def volume_view(vol):
    """Nova's ``_translate_volume_summary_view`` of a Cinder volume."""
    attached = [a for a in vol.attachments if a.attach_status == 'attached']
    if attached:
        first = {'id': vol.id, 'volumeId': vol.id, 'serverId': attached[0].instance_uuid}
        if attached[0].mountpoint:
            first['device'] = attached[0].mountpoint
        attachments = [first]
    else:
        attachments = [{}]
    return {'id': vol.id, 'status': vol.status, 'size': vol.size,
            'availabilityZone': vol.availability_zone, 'createdAt': _when(vol.created_at),
            'attachments': attachments, 'displayName': vol.name,
            'displayDescription': vol.description, 'volumeType': vol.volume_type.name,
            'snapshotId': vol.snapshot_id, 'metadata': dict(vol.meta or {})}


def snapshot_view(snap):
    """Nova's ``_translate_snapshot_summary_view`` of a Cinder snapshot."""
    return {'id': snap.id, 'volumeId': snap.volume_id, 'status': snap.status, 'size': snap.size,
            'createdAt': _when(snap.created_at), 'displayName': snap.name,
            'displayDescription': snap.description}


def _authorize(ctx, rule):
    policy.authorize(ctx, 'os-volumes:' + rule, target={'project_id': ctx.project_id})


def _translated(func, *args, **kwargs):
    """``func(...)``, a block-storage call; its refusals as Nova's ``translate_*_exception``."""
    try:
        return func(*args, **kwargs)
    except volume_api.VolumeNotFound as err:
        raise exception.VolumeNotFound(volume_id=err.kwargs['volume_id']) from None
    except volume_api.SnapshotNotFound as err:
        raise exception.NotFound('Snapshot %s could not be found.'
                                 % err.kwargs['snapshot_id']) from None
    except volume_api.Error as err:
        if err.code == 404:
            raise exception.NotFound(err.message) from None
        raise exception.from_cinder(err) from None


def list_volumes(ctx, rule='list'):
    _authorize(ctx, rule)
    return [volume_view(v) for v in volume_api.list_volumes(ctx)]


def show_volume(ctx, volume_id):
    _authorize(ctx, 'show')
    return volume_view(_translated(volume_api.show_volume, ctx, volume_id))


def create_volume(ctx, spec):
    """:raises exception.InvalidInput: (400) / :raises exception.Forbidden: quota (403) /
    :raises exception.NotFound: an unknown snapshot"""
    _authorize(ctx, 'create')
    size = spec.get('size')
    if spec.get('snapshot_id') is not None:
        snap = _translated(volume_api.show_snapshot, ctx, spec['snapshot_id'])
        size = size if size is not None else snap.size
    made = _translated(volume_api.create_volume, ctx, int(size), spec.get('display_name'),
                       spec.get('display_description'), spec.get('snapshot_id'),
                       spec.get('volume_type'), spec.get('metadata'),
                       spec.get('availability_zone'))
    return volume_view(made)


def delete_volume(ctx, volume_id):
    _authorize(ctx, 'delete')
    _translated(volume_api.delete_volume, ctx, volume_id)


def list_snapshots(ctx, rule='list'):
    _authorize(ctx, 'snapshots:' + rule)
    return [snapshot_view(s) for s in volume_api.list_snapshots(ctx)]


def show_snapshot(ctx, snapshot_id):
    _authorize(ctx, 'snapshots:show')
    return snapshot_view(_translated(volume_api.show_snapshot, ctx, snapshot_id))


def create_snapshot(ctx, volume_id, name=None, description=None, force=False):
    _authorize(ctx, 'snapshots:create')
    return snapshot_view(_translated(volume_api.create_snapshot, ctx, volume_id, name,
                                     description, force))


def delete_snapshot(ctx, snapshot_id):
    _authorize(ctx, 'snapshots:delete')
    _translated(volume_api.delete_snapshot, ctx, snapshot_id)
