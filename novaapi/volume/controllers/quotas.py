"""``os-quota-sets``, ``limits`` and ``os-availability-zone`` of the block-storage endpoint."""

from novaapi.volume import quotas
from novaapi.volume import types
from novaapi.volume.controllers import common


def _with_types(call, found, with_usage=False):
    """Cinder adds ``<resource>_<type>`` keys (unlimited here) for every type."""
    doc = dict(found)
    for vtype in common.run(types.list_types, call.ctx):
        for resource in ('volumes', 'gigabytes', 'snapshots'):
            unlimited = {'limit': -1, 'in_use': 0, 'reserved': 0, 'allocated': 0} \
                if with_usage else -1
            doc.setdefault('%s_%s' % (resource, vtype.name), unlimited)
    return doc


def show(call, target_id):
    with_usage = common.boolean(call.params.get('usage', False), 'usage')
    found = common.run(quotas.get_quota_set, call.ctx, target_id, with_usage)
    return common.ok({'quota_set': {'id': target_id, **_with_types(call, found, with_usage)}})


def defaults(call, target_id):
    found = common.run(quotas.defaults, call.ctx, target_id)
    return common.ok({'quota_set': {'id': target_id, **_with_types(call, found)}})


def update(call, target_id):
    item = common.body(call, 'quota_set')
    values = {k: v for k, v in item.items() if k not in ('id', 'tenant_id')}
    found = common.run(quotas.update_quota_set, call.ctx, target_id, values)
    return common.ok({'quota_set': _with_types(call, found)})


def delete(call, target_id):
    common.run(quotas.delete_quota_set, call.ctx, target_id)
    return common.empty(200)


def limits(call):
    found, used = common.run(quotas.absolute_limits, call.ctx)
    return common.ok({'limits': {'rate': [], 'absolute': {
        'maxTotalVolumes': found['volumes'], 'maxTotalSnapshots': found['snapshots'],
        'maxTotalVolumeGigabytes': found['gigabytes'], 'maxTotalBackups': found['backups'],
        'maxTotalBackupGigabytes': found['backup_gigabytes'],
        'totalVolumesUsed': used['volumes'], 'totalGigabytesUsed': used['gigabytes'],
        'totalSnapshotsUsed': used['snapshots'], 'totalBackupsUsed': 0,
        'totalBackupGigabytesUsed': 0}}})


def availability_zones(call):
    return common.ok({'availabilityZoneInfo': [{'zoneName': 'nova',
                                                'zoneState': {'available': True}}]})
