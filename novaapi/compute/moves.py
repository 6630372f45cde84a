"""Moving a server: resize (with confirm and revert), cold and live migration, evacuation.

A cold move is placed at once; when no host takes it, the request still answers 202
and leaves what Nova's conductor leaves after the cast (a failed action event, the
migration in error, a fault); the quota for a bigger flavor is claimed in the same
transaction that starts the move.
"""

import sqlalchemy as sa

from novaapi.compute import actions
from novaapi.compute import flavors
from novaapi.compute import guards
from novaapi.compute import hosts
from novaapi.compute import models
from novaapi.compute import operations as ops
from novaapi.compute import quotas
from novaapi.compute import scheduler
from novaapi.compute import server_values
from novaapi.compute import states as s
from novaapi.db import base
from novaapi.db import engine
from novaapi import conf
from novaapi import exception

_COLD = guards.Guard((s.ACTIVE, s.STOPPED), host=True)
_RESIZED = guards.Guard((s.RESIZED,))


def resize(ctx, server_id, flavor_ref, auto_disk_config=None):
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'servers:resize')
        _COLD.check(ctx, instance, 'resize')
        try:
            flavor = flavors.facts(sess, ctx, flavor_ref)
        except exception.FlavorNotFound:
            raise exception.Invalid('Unable to locate requested flavor.') from None
        if flavor.flavorid == instance.flavorid:
            raise exception.Invalid('When resizing, instances must change flavor!')
        if flavor.root_gb == 0 and instance.root_gb and not hosts.is_volume_backed(instance):
            raise exception.Forbidden('Only volume-backed servers are allowed for flavors with '
                                      'zero disk.')
        _claim_growth(sess, instance, flavor.vcpus, flavor.memory_mb)
        extra = {'auto_disk_config': auto_disk_config} if auto_disk_config is not None else None
        _move(sess, ctx, instance, 'resize', _COLD, ops.flavor_snapshot(flavor), actions.RESIZE,
              extra=extra)


def migrate(ctx, server_id, host=None):
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-migrate-server:migrate')
        _COLD.check(ctx, instance, 'migrate')
        _check_host(sess, host)
        _move(sess, ctx, instance, 'migrate', _COLD, ops.instance_flavor(instance),
              actions.MIGRATE, host=host)


def confirm_resize(ctx, server_id):
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'servers:confirm_resize')
        _RESIZED.check(ctx, instance, 'confirmResize')
        migration = _finished_migration(sess, instance)
        guards.transition(sess, ctx, instance, 'confirmResize', _RESIZED, lambda inst: {
            'vm_state': s.STOPPED if inst.power_state == s.SHUTDOWN else s.ACTIVE,
            'old_flavor': None, 'new_flavor': None})
        migration.status = 'confirmed'
        actions.record(sess, ctx, instance.uuid, actions.CONFIRM_RESIZE, finished=True)


def revert_resize(ctx, server_id):
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'servers:revert_resize')
        _RESIZED.check(ctx, instance, 'revertResize')
        migration = _finished_migration(sess, instance)
        old = migration.old_flavor or {}
        _claim_growth(sess, instance, old.get('vcpus', 0), old.get('memory_mb', 0))
        guards.start_operation(sess, ctx, instance, 'revertResize', _RESIZED, 'revert_resize',
                               actions.REVERT_RESIZE, data={'migration_id': migration.id})
        migration.status = 'reverting'


def live_migrate(ctx, server_id, host=None):
    guard = guards.Guard((s.ACTIVE, s.PAUSED))
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-migrate-server:migrate_live')
        guard.check(ctx, instance, 'os-migrateLive')
        _check_host(sess, host)
        migration = _new_migration(sess, ctx, instance, 'live-migration',
                                   ops.instance_flavor(instance), status='queued')
        guards.start_operation(sess, ctx, instance, 'os-migrateLive', guard, 'live_migrate',
                               actions.LIVE_MIGRATION,
                               data={'migration_id': migration.id, 'host': host})


def evacuate(ctx, server_id, host=None, password=None, target_state=None):
    guard = guards.Guard((s.ACTIVE, s.STOPPED, s.ERROR), lock=False)
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-evacuate')
        guard.check(ctx, instance, 'evacuate')
        source = hosts.find_node(sess, host=instance.host) if instance.host else None
        if source is not None and not source.forced_down and scheduler.heartbeat_recent(source):
            raise exception.Invalid('Compute service of %s is still in use.' % instance.host)
        _check_host(sess, host)
        migration = _new_migration(sess, ctx, instance, 'evacuation', ops.instance_flavor(instance),
                                   status='accepted')
        data = {'migration_id': migration.id, 'host': host, 'target_state': target_state}
        guards.start_operation(sess, ctx, instance, 'evacuate', guard, 'evacuate', actions.EVACUATE,
                               data=data,
                               extra={'admin_password_hash': server_values.hash_password(password)})


def _check_host(sess, host):
    if host and hosts.find_node(sess, host=host) is None:
        raise exception.ComputeHostNotFound(host=host)


def _claim_growth(sess, instance, vcpus, memory_mb):
    """Claim the quota for the cores and RAM a move adds (none for what it frees)."""
    deltas = {'cores': vcpus - instance.vcpus, 'ram': memory_mb - instance.memory_mb}
    deltas = {k: v for k, v in deltas.items() if v > 0}
    if deltas:
        quotas.enforce(sess, instance.project_id, instance.user_id, deltas)


def _move(sess, ctx, instance, action, guard, new_flavor, record, host=None, extra=None):
    kind = 'resize' if action == 'resize' else 'migration'
    try:
        node = _destination(sess, instance, new_flavor, host)
    except exception.NoValidHost as exc:
        _failed_move(sess, ctx, instance, kind, new_flavor, record, exc)
        return None
    migration = _new_migration(sess, ctx, instance, kind, new_flavor)
    migration.dest_compute = migration.dest_host = node.host
    migration.dest_node = node.hypervisor_hostname
    return guards.start_operation(sess, ctx, instance, action, guard, 'resize', record,
                                  data={'migration_id': migration.id}, extra=extra)


def _failed_move(sess, ctx, instance, kind, new_flavor, record, exc):
    """What Nova's conductor leaves when no host takes a cold move it was cast (the API has
    answered 202): the action with its failed ``conductor_migrate_server`` event, the
    migration in ``error``, a fault on the server, which keeps its state and no task."""
    _new_migration(sess, ctx, instance, kind, new_flavor, status='error')
    row = actions.record(sess, ctx, instance.uuid, record)
    actions.start_event(sess, row.id, 'conductor_migrate_server')
    actions.finish_events(sess, row.id, result='Error',
                          traceback='nova.exception.NoValidHost: %s' % exc.message)
    ops.add_fault(sess, instance, 500, exc.message)


def _new_migration(sess, ctx, instance, kind, new_flavor, status='pre-migrating'):
    migration = models.Migration(
        uuid=base.new_uuid(), instance_uuid=instance.uuid, source_compute=instance.host,
        source_node=instance.node, old_instance_type_id=instance.instance_type_id,
        new_instance_type_id=new_flavor.get('instance_type_id'),
        old_flavor=ops.instance_flavor(instance), new_flavor=new_flavor, status=status,
        migration_type=kind, user_id=ctx.user_id, project_id=instance.project_id, deleted=0)
    sess.add(migration)
    sess.flush()
    return migration


def _destination(sess, instance, new_flavor, host=None):
    """Place a cold move now (:raises exception.NoValidHost: no host takes it)."""
    request = ops.placement_request(sess, instance, resources=hosts.flavor_resources(
        new_flavor, hosts.is_volume_backed(instance)))
    if host:
        request.requested_host = host
    if not conf.CONF.compute.allow_resize_to_same_host or host:
        request.ignore_hosts = (instance.host,)
    if instance.availability_zone and not request.availability_zone:
        request.availability_zone = scheduler.parse_availability_zone(instance.availability_zone)[0]
    hosts.lock_nodes(sess)
    return scheduler.select(sess, request)[0]


def _finished_migration(sess, instance):
    migration = sess.scalars(sa.select(models.Migration).where(
        models.Migration.instance_uuid == instance.uuid, models.Migration.status == 'finished')
        .order_by(models.Migration.id.desc())).first()
    if migration is None:
        raise exception.Invalid('Instance has not been resized.')
    return migration
