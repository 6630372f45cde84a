"""Every operation the state machine runs: its task states, the work done as each ends, the end state.

Stages are ``(task_state, hook)``; a hook ``hook(sess, instance, data)`` runs
when its stage ends, inside the step's transaction.  ``finish`` runs after
the last stage on an idle instance (no task state, no pending step) and may
chain another operation with :func:`schedule`.  :mod:`novaapi.compute.engine` runs the
steps; this module owns the table and the column values that enter an operation.  ``data`` is the
operation's ``step_data`` (the action id, the migration id, the image id...).
"""

import dataclasses
import datetime

import sqlalchemy as sa
from sqlalchemy import orm

from novaapi.compute import actions
from novaapi.compute import behaviour_rules
from novaapi.compute import block_devices
from novaapi.compute import drivers
from novaapi.compute import hosts
from novaapi.compute import models
from novaapi.compute import scheduler
from novaapi.compute import server_groups
from novaapi.compute import states as s
from novaapi import context
from novaapi.db import base
from novaapi import conf
from novaapi import exception
from novaapi.image import api as image_api
from novaapi.network import api as network_api


@dataclasses.dataclass
class Operation:
    name: str
    stages: tuple
    finish: object
    event: str = None


def owner_context(instance):
    """The instance owner's context, for calls into the image and network services."""
    return context.RequestContext(user_id=instance.user_id, project_id=instance.project_id,
                                  roles=['member', 'reader'])


def admin_context(instance):
    return context.RequestContext(user_id=instance.user_id, project_id=instance.project_id,
                                  roles=['admin', 'member', 'reader'])


def stage_duration(op, index, instance):
    """Seconds stage ``index`` of ``op`` lasts (a task state repeated shares its time)."""
    task_state = op.stages[index][0]
    share = sum(1 for stage in op.stages if stage[0] == task_state)
    return drivers.get().step_duration(op.name, task_state, instance) / max(share, 1)


def plan(instance, op_name, data=None, now=None, delay=None):
    """Column values that put ``instance`` at the first stage of ``op_name``.

    ``delay`` postpones the first step (a reclaim or an offload timer).
    """
    op = OPERATIONS[op_name]
    now = now or base.utcnow()
    seconds = stage_duration(op, 0, instance) if delay is None else delay
    values = {'task_state': op.stages[0][0], 'step': '%s:0' % op_name,
              'step_at': now + datetime.timedelta(seconds=seconds), 'step_data': dict(data or {})}
    sess = orm.object_session(instance) if op_name != 'build' else None
    found = sess and behaviour_rules.consume(sess, instance, op_name, behaviour_rules.ACTION_KINDS)
    if found:
        values['step_data']['behaviour'] = found
        if found['kind'] in behaviour_rules.HOLDING:
            values['step_at'] = behaviour_rules.hold_until(found, now)
    return values


def schedule(instance, op_name, data=None, delay=None):
    """From inside a step: chain another operation on the same instance."""
    for key, value in plan(instance, op_name, data, delay=delay).items():
        setattr(instance, key, value)


def finish(sess, instance):
    """Make the instance idle (no task, no pending step)."""
    instance.task_state = None
    instance.step = None
    instance.step_at = None
    instance.step_data = None


def add_fault(sess, instance, code, message, details=None):
    sess.add(models.InstanceFault(instance_uuid=instance.uuid, code=code, message=message[:255],
                                  details=details, host=instance.host))


def set_sysmeta(sess, instance, **values):
    """Set (or, with None, remove) system metadata keys: one read for all of them."""
    sysmeta = models.InstanceSystemMetadata
    rows = {row.key: row for row in sess.scalars(sa.select(sysmeta).where(
        sysmeta.instance_uuid == instance.uuid, sysmeta.key.in_(sorted(values))))}
    new = {}
    for key, value in values.items():
        row = rows.get(key)
        if value is None:
            if row is not None:
                sess.delete(row)
        elif row is None:
            new[key] = value
        else:
            row.value = str(value)
    add_sysmeta(sess, instance, new)


def add_sysmeta(sess, instance, values):
    """Write system metadata keys the instance does not have yet (a new one): one executemany."""
    rows = [{'instance_uuid': instance.uuid, 'key': key, 'value': str(value)}
            for key, value in values.items() if value is not None]
    if rows:
        sess.execute(sa.insert(models.InstanceSystemMetadata.__table__), rows)


def get_sysmeta(sess, instance, key):
    return sess.scalar(sa.select(models.InstanceSystemMetadata.value).where(
        models.InstanceSystemMetadata.instance_uuid == instance.uuid,
        models.InstanceSystemMetadata.key == key))


def _migration(sess, data):
    if data.get('migration_id') is None:
        return None
    return sess.get(models.Migration, data['migration_id'])


# --- placement ----------------------------------------------------------------------------

def placement_request(sess, instance, resources=None, data=None):
    """A scheduler request for ``instance`` built from what was asked at boot (and ``data``)."""
    data = data or {}
    hints = instance.scheduler_hints or {}
    zone, forced_host, forced_node = scheduler.parse_availability_zone(
        data.get('availability_zone', instance.availability_zone))
    request = scheduler.Request(
        resources=resources or hosts.flavor_resources(instance, hosts.is_volume_backed(instance)),
        availability_zone=zone, forced_host=forced_host, forced_node=forced_node,
        requested_host=data.get('host'), requested_node=data.get('node'),
        same_host=_as_list(hints.get('same_host')), different_host=_as_list(hints.get('different_host')))
    # A server joins a group only when it boots with the ``group`` hint: without it, no read.
    members_of = server_groups.groups_for_instance(sess, instance.uuid) if hints.get('group') else ()
    for group_uuid in members_of:
        group = server_groups.get(sess, None, group_uuid)
        others = [u for u in server_groups.members(sess, group) if u != instance.uuid]
        request.group_policy = group.policy
        request.group_rules = group.rules or {}
        request.group_hosts = _hosts_with_counts(sess, others)
    return request


def _hosts_with_counts(sess, uuids):
    if not uuids:
        return []
    inst = models.Instance
    return list(sess.scalars(sa.select(inst.host).where(
        inst.uuid.in_(uuids), inst.deleted == 0, inst.host.is_not(None))))


def _as_list(value):
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _place(sess, instance, request):
    hosts.lock_nodes(sess)
    node = scheduler.select(sess, request)[0]
    return node


# --- build --------------------------------------------------------------------------------

def _schedule_build(sess, instance, data):
    node = _place(sess, instance, placement_request(sess, instance, data=data))
    found = behaviour_rules.consume(sess, instance, 'build', behaviour_rules.BUILD_KINDS,
                                    host=node.host)
    if found and found['kind'] == behaviour_rules.NO_VALID_HOST:
        _failed_by_behaviour(sess, instance, 'build', data, dict(
            found, status=500, message=exception.NoValidHost(reason=scheduler.NO_VALID_HOST).message))
        return
    if found:
        data['behaviour'] = found
    instance.host = instance.launched_on = node.host
    instance.node = node.hypervisor_hostname
    instance.scheduled_at = base.utcnow()
    zone = scheduler.parse_availability_zone(instance.availability_zone)[0]
    instance.availability_zone = zone or node.availability_zone


def allocate_networks(sess, instance):
    """Create or bind the ports asked for at boot (``requested_networks``)."""
    requested = instance.requested_networks
    if requested == 'none':
        return
    ctx = owner_context(instance)
    groups = instance.security_groups
    if requested in (None, 'auto'):
        found = network_api.default_networks(sess, ctx)
        if not found and requested == 'auto':
            # Nova 2.37: a project without a network gets one of its own.
            found = [network_api.auto_allocated_network(sess, ctx)]
        if found:
            network_api.allocate_port(sess, ctx, found[0].id, instance.uuid,
                                      security_groups=groups)
        return
    for item in requested:
        if item.get('port'):
            network_api.bind_port(sess, ctx, item['port'], instance.uuid, tag=item.get('tag'))
        else:
            network_api.allocate_port(sess, ctx, item['uuid'], instance.uuid,
                                      fixed_ip=item.get('fixed_ip'), tag=item.get('tag'),
                                      security_groups=groups)


def _networking(sess, instance, data):
    allocate_networks(sess, instance)


def _block_devices(sess, instance, data):
    if data.get('volumes'):
        block_devices.build(sess, owner_context(instance), instance)


def _progress(value):
    def hook(sess, instance, data):
        instance.progress = value
    return hook


def _built(sess, instance, data):
    now = base.utcnow()
    instance.vm_state = s.ACTIVE
    instance.power_state = s.RUNNING
    instance.launched_at = instance.launched_at or now
    instance.progress = 100


# --- power --------------------------------------------------------------------------------

def _becomes(vm_state, power_state):
    def finish(sess, instance, data):
        instance.vm_state = vm_state
        instance.power_state = power_state() if callable(power_state) else power_state
        if vm_state == s.STOPPED:
            instance.progress = 0
    return finish


def _suspended_power():
    return drivers.get().suspended_power_state()


def _password_set(sess, instance, data):
    instance.vm_state = s.ACTIVE


def _rescued(sess, instance, data):
    instance.vm_state = s.RESCUED
    instance.power_state = s.RUNNING
    set_sysmeta(sess, instance, old_vm_state=data.get('previous_vm_state'))


def _unrescued(sess, instance, data):
    instance.vm_state = s.ACTIVE
    instance.power_state = s.RUNNING
    set_sysmeta(sess, instance, old_vm_state=None)


# --- images -------------------------------------------------------------------------------

def _image_saving(sess, instance, data):
    if data.get('image_id'):
        image_api.set_status(sess, data['image_id'], 'saving')


def _snapshotted(sess, instance, data):
    """The snapshot's image gets its (generated) disk bytes and becomes active."""
    if data.get('image_id'):
        image_api.store_generated(sess, data['image_id'], instance.uuid, image_api.SNAPSHOT_BYTES)


def _backed_up(sess, instance, data):
    _snapshotted(sess, instance, data)
    rotate_backups(sess, instance, data.get('backup_type'), data.get('rotation'))


def rotate_backups(sess, instance, backup_type, rotation):
    """Delete the oldest backups of this type beyond ``rotation``."""
    if rotation is None:
        return
    found = [i for i in image_api.list_by_property(sess, admin_context(instance), 'instance_uuid',
                                               instance.uuid)
             if i.properties_dict.get('image_type') == 'backup'
             and i.properties_dict.get('backup_type') == backup_type]
    found.sort(key=lambda i: (i.created_at, i.id), reverse=True)
    for old in found[rotation:]:
        image_api.delete(sess, old.id)


# --- resize and migrations ----------------------------------------------------------------

def _prep_resize(sess, instance, data):
    """The destination was chosen when the API accepted the move; the transfer begins."""
    _migration(sess, data).status = 'migrating'


def _migrated(sess, instance, data):
    _migration(sess, data).status = 'post-migrating'


def _finish_resize(sess, instance, data):
    migration = _migration(sess, data)
    instance.host = migration.dest_compute
    instance.node = migration.dest_node
    apply_flavor(instance, migration.new_flavor)
    instance.old_flavor, instance.new_flavor = migration.old_flavor, migration.new_flavor
    migration.status = 'finished'


def _resized(sess, instance, data):
    instance.vm_state = s.RESIZED
    instance.progress = 100


def apply_flavor(instance, flavor):
    for key in ('instance_type_id', 'flavorid', 'vcpus', 'memory_mb', 'root_gb', 'ephemeral_gb',
                'swap', 'extra_specs'):
        setattr(instance, key, flavor.get(key))
    instance.flavor_name = flavor.get('name')


def flavor_snapshot(flavor):
    """A flavor row as the dict kept with an instance or a migration."""
    return {'instance_type_id': flavor.id, 'flavorid': flavor.flavorid, 'name': flavor.name,
            'vcpus': flavor.vcpus, 'memory_mb': flavor.memory_mb, 'root_gb': flavor.root_gb,
            'ephemeral_gb': flavor.ephemeral_gb, 'swap': flavor.swap,
            'extra_specs': dict(flavor.extra_specs_dict)}


def instance_flavor(instance):
    return {'instance_type_id': instance.instance_type_id, 'flavorid': instance.flavorid,
            'name': instance.flavor_name, 'vcpus': instance.vcpus, 'memory_mb': instance.memory_mb,
            'root_gb': instance.root_gb, 'ephemeral_gb': instance.ephemeral_gb,
            'swap': instance.swap, 'extra_specs': instance.extra_specs or {}}


def _previous_power_state(instance):
    return s.STOPPED if instance.power_state == s.SHUTDOWN else s.ACTIVE


def _reverted(sess, instance, data):
    migration = _migration(sess, data)
    instance.host = migration.source_compute
    instance.node = migration.source_node
    apply_flavor(instance, migration.old_flavor)
    instance.old_flavor = instance.new_flavor = None
    instance.vm_state = _previous_power_state(instance)
    migration.status = 'reverted'


def _live_migration_running(sess, instance, data):
    # Pre-checks passed: memory is being copied, so the migration can be forced or aborted.
    migration = _migration(sess, data)
    if migration is not None and migration.status == 'queued':
        migration.status = 'running'


def _live_migrated(sess, instance, data):
    migration = _migration(sess, data)
    request = placement_request(sess, instance, data=data)
    request.ignore_hosts = (instance.host,)
    if data.get('host'):
        request.requested_host = data['host']
    try:
        node = _place(sess, instance, request)
    except exception.NoValidHost as exc:
        migration.status = 'error'
        finish(sess, instance)
        add_fault(sess, instance, 500, exc.message)
        actions.finish_events(sess, data.get('action_id'), result='Error')
        return
    migration.dest_compute = migration.dest_host = node.host
    migration.dest_node = node.hypervisor_hostname
    migration.status = 'completed'
    instance.host, instance.node = node.host, node.hypervisor_hostname


def _live_migration_done(sess, instance, data):
    pass


def _evacuate_to(sess, instance, data):
    migration = _migration(sess, data)
    request = placement_request(sess, instance, data=data)
    request.ignore_hosts = (migration.source_compute,)
    if data.get('host'):
        request.requested_host = data['host']
    node = _place(sess, instance, request)
    migration.dest_compute = migration.dest_host = node.host
    migration.dest_node = node.hypervisor_hostname
    migration.status = 'pre-migrating'
    instance.host, instance.node = node.host, node.hypervisor_hostname


def _evacuated(sess, instance, data):
    migration = _migration(sess, data)
    if migration is not None:
        migration.status = 'done'
    _rebuilt(sess, instance, data)


# --- rebuild ------------------------------------------------------------------------------

def _rebuilt(sess, instance, data):
    target = data.get('target_state')
    if target == s.STOPPED or (target is None and data.get('previous_vm_state') == s.STOPPED):
        instance.vm_state, instance.power_state = s.STOPPED, s.SHUTDOWN
    else:
        instance.vm_state, instance.power_state = s.ACTIVE, s.RUNNING
    instance.launched_at = base.utcnow()
    instance.progress = 100


# --- shelve -------------------------------------------------------------------------------

def _shelved(sess, instance, data):
    instance.vm_state = s.SHELVED
    instance.power_state = s.SHUTDOWN
    _snapshotted(sess, instance, data)
    set_sysmeta(sess, instance, shelved_at=base.utcnow().isoformat(),
                shelved_image_id=data.get('image_id'), shelved_host=instance.host)
    delay = conf.CONF.compute.shelved_offload_time
    if delay == 0:
        offload(sess, instance, data)
    elif delay > 0:
        schedule(instance, 'offload', {}, delay=delay)


def offload(sess, instance, data=None):
    instance.vm_state = s.SHELVED_OFFLOADED
    instance.power_state = s.SHUTDOWN
    instance.host = instance.node = None
    instance.progress = 0


def _shelve_offloaded(sess, instance, data):
    offload(sess, instance, data)


def _unshelve_place(sess, instance, data):
    if instance.host:
        return
    if data.get('availability_zone') is not None:
        instance.availability_zone = data['availability_zone'] or None
    node = _place(sess, instance, placement_request(sess, instance, data={
        'host': data.get('host')}))
    instance.host = node.host
    instance.node = node.hypervisor_hostname
    zone = scheduler.parse_availability_zone(instance.availability_zone)[0]
    instance.availability_zone = zone or node.availability_zone


def _unshelved(sess, instance, data):
    image_id = get_sysmeta(sess, instance, 'shelved_image_id')
    if image_id:
        image_api.delete(sess, image_id)
    set_sysmeta(sess, instance, shelved_at=None, shelved_image_id=None, shelved_host=None)
    instance.vm_state = s.ACTIVE
    instance.power_state = s.RUNNING


# --- delete -------------------------------------------------------------------------------

def destroy(sess, instance):
    """Mark the instance deleted and give back what it held (ports, group seats, disks)."""
    now = base.utcnow()
    network_api.release_device(sess, instance.uuid)
    server_groups.remove_member(sess, instance.uuid)
    image_id = get_sysmeta(sess, instance, 'shelved_image_id')
    if image_id:
        image_api.delete(sess, image_id)
    block_devices.clean_up(sess, admin_context(instance), instance)
    sess.execute(sa.update(models.BlockDeviceMapping)
                 .where(models.BlockDeviceMapping.instance_uuid == instance.uuid,
                        models.BlockDeviceMapping.deleted == 0)
                 .values(deleted=models.BlockDeviceMapping.id, deleted_at=now)
                 .execution_options(synchronize_session=False))
    sess.execute(sa.update(models.Migration)
                 .where(models.Migration.instance_uuid == instance.uuid,
                        models.Migration.status.in_(hosts.HOLDING_STATUSES))
                 .values(status='error').execution_options(synchronize_session=False))
    finish(sess, instance)
    instance.vm_state = s.DELETED
    instance.power_state = s.NOSTATE
    instance.deleted = instance.id
    instance.deleted_at = instance.deleted_at or now
    instance.terminated_at = now
    instance.progress = 0


def _deleted(sess, instance, data):
    destroy(sess, instance)


def _soft_deleted(sess, instance, data):
    instance.vm_state = s.SOFT_DELETED
    instance.power_state = s.SHUTDOWN
    instance.terminated_at = base.utcnow()
    schedule(instance, 'reclaim', {}, delay=max(conf.CONF.compute.reclaim_instance_interval, 0))


def _restored(sess, instance, data):
    instance.vm_state = s.ACTIVE
    instance.power_state = s.RUNNING
    instance.terminated_at = None
    instance.deleted_at = None


# --- armed behaviours (novaapi.compute.behaviour_rules) ------------------------------------

def _failed_by_behaviour(sess, instance, op_name, data, found):
    """End the operation as failed: fault, action event in Error, ERROR unless a power action."""
    finish(sess, instance)
    if op_name not in behaviour_rules.KEEPS_STATE:
        instance.vm_state = s.ERROR
    migration = _migration(sess, data)
    if migration is not None:
        migration.status = 'error'
    add_fault(sess, instance, found['status'], found['message'] or 'Failed.')
    actions.finish_events(sess, data.get('action_id'), result='Error')


def _hold_stage(op_name, stages):
    """Index of the stage a held operation waits in: a build spawns, the rest wait in stage 0."""
    if op_name == 'build':
        return next(i for i, (task_state, _) in enumerate(stages) if task_state == s.SPAWNING)
    return 0


def _behaving(op_name, index, stages, hook):
    """Stage ``index``'s hook, acting first on a behaviour the operation carries.

    A failing behaviour replaces the last stage; a holding one (build) moves the
    server into the held stage with its due time postponed.
    """
    last, held = len(stages) - 1, _hold_stage(op_name, stages)

    def run(sess, instance, data):
        found = data.get('behaviour')
        if found and index == last and found['kind'] in behaviour_rules.FAILING:
            _failed_by_behaviour(sess, instance, op_name, data, found)
            return
        if hook is not None:
            hook(sess, instance, data)
        found = data.get('behaviour')
        step = '%s:%d' % (op_name, index)
        if found and found['kind'] in behaviour_rules.HOLDING and index + 1 == held \
                and instance.step == step:
            instance.task_state = stages[held][0]
            instance.step = '%s:%d' % (op_name, held)
            instance.step_at = behaviour_rules.hold_until(found, base.utcnow())
            instance.step_data = data
    return run


def _op(name, stages, finish, event=None):
    stages = tuple(stage if isinstance(stage, tuple) else (stage, None) for stage in stages)
    stages = tuple((task_state, _behaving(name, i, stages, hook))
                   for i, (task_state, hook) in enumerate(stages))
    return name, Operation(name, stages, finish, event or 'compute_%s_instance' % name)


_SPAWN = tuple((s.SPAWNING, _progress(p)) for p in (25, 50, 75, 90))

OPERATIONS = dict([
    _op('build', ((s.SCHEDULING, _schedule_build), (s.NETWORKING, _networking),
                  (s.BLOCK_DEVICE_MAPPING, _block_devices)) + _SPAWN, _built,
        'compute__do_build_and_run_instance'),
    _op('start', (s.POWERING_ON,), _becomes(s.ACTIVE, s.RUNNING)),
    _op('stop', (s.POWERING_OFF,), _becomes(s.STOPPED, s.SHUTDOWN)),
    _op('reboot', (s.REBOOTING, s.REBOOT_PENDING, s.REBOOT_STARTED), _becomes(s.ACTIVE, s.RUNNING)),
    _op('reboot_hard', (s.REBOOTING_HARD, s.REBOOT_PENDING_HARD, s.REBOOT_STARTED_HARD),
        _becomes(s.ACTIVE, s.RUNNING), 'compute_reboot_instance'),
    _op('pause', (s.PAUSING,), _becomes(s.PAUSED, s.PAUSED_POWER)),
    _op('unpause', (s.UNPAUSING,), _becomes(s.ACTIVE, s.RUNNING)),
    _op('suspend', (s.SUSPENDING,), _becomes(s.SUSPENDED, _suspended_power)),
    _op('resume', (s.RESUMING,), _becomes(s.ACTIVE, s.RUNNING)),
    _op('rescue', (s.RESCUING,), _rescued),
    _op('unrescue', (s.UNRESCUING,), _unrescued),
    _op('change_password', (s.UPDATING_PASSWORD,), _password_set, 'compute_set_admin_password'),
    _op('snapshot', (s.IMAGE_SNAPSHOT_PENDING, s.IMAGE_SNAPSHOT, (s.IMAGE_PENDING_UPLOAD, _image_saving),
                     s.IMAGE_UPLOADING), _snapshotted),
    _op('backup', ((s.IMAGE_BACKUP, _image_saving),), _backed_up),
    _op('resize', ((s.RESIZE_PREP, _prep_resize), (s.RESIZE_MIGRATING, _migrated),
                   (s.RESIZE_MIGRATED, _finish_resize), s.RESIZE_FINISH), _resized,
        'compute_prep_resize'),
    _op('revert_resize', (s.RESIZE_REVERTING,), _reverted),
    _op('live_migrate', ((s.MIGRATING, _live_migration_running), (s.MIGRATING, _live_migrated)),
        _live_migration_done,
        'compute_live_migration'),
    _op('evacuate', ((s.REBUILDING, _evacuate_to), s.REBUILD_BLOCK_DEVICE_MAPPING,
                     s.REBUILD_SPAWNING), _evacuated, 'compute_rebuild_instance'),
    _op('rebuild', (s.REBUILDING, s.REBUILD_BLOCK_DEVICE_MAPPING, s.REBUILD_SPAWNING), _rebuilt),
    _op('shelve', (s.SHELVING, (s.SHELVING_IMAGE_PENDING_UPLOAD, _image_saving),
                   s.SHELVING_IMAGE_UPLOADING), _shelved),
    _op('shelve_offload', (s.SHELVING_OFFLOADING,), _shelve_offloaded),
    _op('offload', (None,), _shelve_offloaded, 'compute_shelve_offload_instance'),
    _op('unshelve', ((s.UNSHELVING, _unshelve_place), s.SPAWNING), _unshelved),
    _op('delete', (s.DELETING,), _deleted, 'compute_terminate_instance'),
    _op('soft_delete', (s.SOFT_DELETING,), _soft_deleted),
    _op('reclaim', (None,), _deleted, 'compute_reclaim_instance'),
    _op('restore', (s.RESTORING,), _restored),
])

