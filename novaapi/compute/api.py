"""The compute API below the controllers: create, update, delete and every server action.

Each function runs inside the caller's transaction.  State changes are a
compare-and-swap on ``state_version`` (:func:`engine.cas_update`): the
allowed-state check and the write cannot be split by a concurrent request,
so of many simultaneous requests exactly one wins and the others get Nova's
409 for the state the winner left.
"""

import base64
import binascii
import hashlib
import re
import secrets

import sqlalchemy as sa

from novaapi.compute import actions
from novaapi.compute import drivers
from novaapi.compute import engine
from novaapi.compute import hosts
from novaapi.compute import instances as db
from novaapi.compute import models
from novaapi.compute import operations as ops
from novaapi.compute import scheduler
from novaapi.compute import states as s
from novaapi.compute import usage  # noqa: F401 - registers the instances, cores and ram counters
from novaapi.db import base
from novaapi.compute import flavors
from novaapi.compute import guards
from novaapi import conf
from novaapi import exception

ALLOW_REBOOT = (None, s.REBOOTING, s.REBOOT_PENDING, s.REBOOT_STARTED, s.RESUMING, s.REBOOTING_HARD,
                s.UNPAUSING, s.PAUSING, s.SUSPENDING)
ANY = object()


def start_operation(sess, ctx, instance, action, guard, op, record, data=None, extra=None):
    """Move the server into the first task state of ``op`` and record the instance action."""
    row = actions.record(sess, ctx, instance.uuid, record) if record else None
    payload = dict(data or {}, action_id=row.id if row else None)

    def values(inst):
        payload.setdefault('previous_vm_state', inst.vm_state)
        result = engine.plan(inst, op, payload)
        result.update(extra(inst) if callable(extra) else (extra or {}))
        return result
    return guards.transition(sess, ctx, instance, action, guard, values)


def get(sess, ctx, uuid):
    return db.get(sess, ctx, uuid)


# --- create -------------------------------------------------------------------------------

def sanitize_hostname(name, default=None):
    """Nova's hostname derived from a display name."""
    text = re.sub(r'[ _]', '-', name or '')
    text = re.sub(r'[^\w.-]+', '', text, flags=re.ASCII).lower()
    text = text.strip('.-')[:63].strip('.-')
    return text or default


def hash_password(password):
    if password is None:
        return None
    salt = secrets.token_hex(8)
    return 'sha256$%s$%s' % (salt, hashlib.sha256((salt + password).encode()).hexdigest())


def decode_user_data(user_data):
    if user_data is None:
        return None
    try:
        base64.b64decode(user_data, validate=True)
    except (binascii.Error, ValueError):
        raise exception.Invalid('User data needs to be valid base 64.') from None
    return user_data


def _image_for(sess, ctx, image_ref):
    from novaapi.image import api as image_api
    try:
        image = image_api.get(sess, ctx, image_ref)
    except exception.ImageNotFound:
        raise exception.Invalid('Can not find requested image') from None
    if image.status != 'active':
        raise exception.Invalid('Image %s is not active.' % image.id)
    return image


def _check_image_fits(image, flavor):
    if flavor.root_gb and image.min_disk and image.min_disk > flavor.root_gb:
        raise exception.Invalid(
            "Flavor's disk is too small for requested image. Flavor disk is %d bytes, "
            "minimum disk is %d bytes." % (flavor.root_gb * 1024 ** 3, image.min_disk * 1024 ** 3))
    if image.min_ram and image.min_ram > flavor.memory_mb:
        raise exception.Invalid("Flavor's memory is too small for requested image.")


def _check_networks(sess, ctx, requested, count):
    from novaapi.network import api as net
    if requested in ('none', 'auto') or requested is None:
        if requested != 'none' and len(net.default_networks(sess, ctx)) > 1:
            raise exception.Conflict('Multiple possible networks found, use a Network ID to be '
                                     'more specific.')
        return
    ports = set()
    for item in requested:
        if item.get('port'):
            if item['port'] in ports:
                raise exception.Invalid("Port ID '%s' was specified twice: you cannot attach a port "
                                        "multiple times." % item['port'])
            if item.get('fixed_ip') is not None:
                raise exception.Invalid("Specified Fixed IP '%s' cannot be used with port '%s': the "
                                        "two cannot be specified together." % (item['fixed_ip'],
                                                                               item['port']))
            port = net.get_port(sess, ctx, item['port'])
            if port.device_id:
                raise exception.Conflict('Port %s is still in use.' % item['port'])
            if count > 1:
                raise exception.Invalid('Unable to launch multiple instances with a single '
                                        'configured port ID. Please launch your instance one by '
                                        'one with different ports.')
            ports.add(item['port'])
        else:
            net.get_network(sess, ctx, item['uuid'])
            if item.get('fixed_ip') and count > 1:
                raise exception.Invalid('Failed to launch instances: max_count cannot be greater '
                                        'than 1 if an fixed_ip is specified.')


def _check_destination(sess, spec):
    for key, column in (('forced_host', 'host'), ('requested_host', 'host')):
        if spec.get(key) and hosts.find_node(sess, host=spec[key]) is None:
            raise exception.ComputeHostNotFound(host=spec[key])
    for key in ('forced_node', 'requested_node'):
        if spec.get(key) and hosts.find_node(sess, hypervisor_hostname=spec[key]) is None:
            raise exception.ComputeHostNotFound(host=spec[key])
    zone = spec.get('availability_zone')
    if zone and zone not in hosts.availability_zones(sess):
        raise exception.Invalid('The requested availability zone is not available')


def _quota_count(sess, ctx, flavor, min_count, max_count):
    from novaapi.compute import quotas
    per = {'instances': 1, 'cores': flavor.vcpus, 'ram': flavor.memory_mb}
    try:
        quotas.enforce(sess, ctx.project_id, ctx.user_id,
                       {k: v * max_count for k, v in per.items()})
        return max_count
    except exception.OverQuota as exc:
        if min_count == max_count:
            raise
        error = exc
    allowed = max_count
    for resource in error.resources:
        room = error.quotas[resource] - error.usages[resource]
        allowed = min(allowed, room // per[resource] if per[resource] else allowed)
    if allowed < min_count:
        quotas.enforce(sess, ctx.project_id, ctx.user_id, {k: v * min_count for k, v in per.items()})
    return max(allowed, min_count)


def _boot_image(spec):
    """(image_ref, volume backed?) from imageRef or the boot disk of block_device_mapping_v2."""
    image_ref = spec.get('image_ref') or ''
    bdms = spec.get('block_device_mapping') or []
    if image_ref:
        return image_ref, False
    boot = [b for b in bdms if str(b.get('boot_index')) == '0'] or bdms[:1]
    if not boot:
        raise exception.Invalid('Missing imageRef attribute')
    if boot[0].get('source_type') == 'image' and boot[0].get('destination_type', 'local') == 'local':
        return boot[0].get('uuid') or boot[0].get('image_id'), False
    return '', True


def create(sess, ctx, spec):
    """Create ``min_count``..``max_count`` servers from the normalized request ``spec``.

    Unknown flavors, networks and ports are a 400 here, as in Nova.

    :returns: ``(instances, reservation_id)``
    """
    try:
        return _create(sess, ctx, spec)
    except exception.NotFound as exc:
        raise exception.Invalid(exc.message) from None


def _create(sess, ctx, spec):
    flavor = flavors.get(sess, ctx, spec['flavor_ref'])
    image_ref, _bfv = _boot_image(spec)
    image_meta = None
    if image_ref:
        image = _image_for(sess, ctx, image_ref)
        _check_image_fits(image, flavor)
        from novaapi.image import api as image_api
        image_meta = image_api.image_meta_for_server(image)
    key_data = None
    if spec.get('key_name'):
        from novaapi.compute import keypairs
        try:
            key_data = keypairs.get(sess, ctx.user_id, spec['key_name']).public_key
        except exception.KeypairNotFound:
            raise exception.Invalid('Invalid key_name provided.') from None
    min_count, max_count = spec.get('min_count', 1), spec.get('max_count', 1)
    if spec.get('hostname') and max_count > 1:
        raise exception.Invalid('Unable to allocate a single hostname to multiple instances')
    _check_networks(sess, ctx, spec.get('networks'), max_count)
    for name in spec.get('security_groups') or ():
        _find_security_group(sess, ctx, name)
    _check_destination(sess, spec)
    group = _server_group(sess, ctx, spec.get('scheduler_hints') or {})
    count = _quota_count(sess, ctx, flavor, min_count, max_count)
    reservation_id = 'r-' + secrets.token_hex(4)
    created = [_new_instance(sess, ctx, spec, flavor, image_ref, image_meta, key_data,
                             reservation_id, index, count) for index in range(count)]
    if group is not None:
        from novaapi.compute import server_groups
        for instance in created:
            server_groups.add_member(sess, group, instance.uuid, user_id=ctx.user_id)
    return created, reservation_id


def _server_group(sess, ctx, hints):
    group_id = hints.get('group')
    if isinstance(group_id, list):
        group_id = group_id[0] if group_id else None
    if not group_id:
        return None
    from novaapi.compute import server_groups
    try:
        group = server_groups.get(sess, ctx, group_id)
    except exception.InstanceGroupNotFound as exc:
        raise exception.Invalid(exc.message) from None
    if group.project_id != ctx.project_id and not ctx.is_admin:
        raise exception.Invalid('Instance group %s could not be found.' % group_id)
    return group


def _new_instance(sess, ctx, spec, flavor, image_ref, image_meta, key_data, reservation_id, index,
                  count):
    uuid = base.new_uuid()
    name = spec['name'] if count == 1 else '%s-%d' % (spec['name'], index + 1)
    zone = spec.get('availability_zone')
    az_value = zone
    if spec.get('forced_host') or spec.get('forced_node'):
        az_value = '%s:%s:%s' % (zone or '', spec.get('forced_host') or '', spec.get('forced_node') or '')
    instance = models.Instance(
        uuid=uuid, display_name=name, display_description=spec.get('description'),
        hostname=spec.get('hostname') or sanitize_hostname(name, 'server-' + uuid),
        project_id=ctx.project_id, user_id=ctx.user_id, image_ref=image_ref, image_meta=image_meta,
        vm_state=s.BUILDING, power_state=s.NOSTATE, progress=0, availability_zone=az_value,
        pinned_availability_zone=zone, key_name=spec.get('key_name'), key_data=key_data,
        user_data=spec.get('user_data'), config_drive='True' if spec.get('config_drive') else '',
        access_ip_v4=spec.get('access_ip_v4'), access_ip_v6=spec.get('access_ip_v6'),
        locked=False, reservation_id=reservation_id, launch_index=index,
        auto_disk_config=spec.get('auto_disk_config', True), root_device_name='/dev/vda',
        security_groups=spec.get('security_groups') or ['default'],
        requested_networks=spec.get('networks'), scheduler_hints=spec.get('scheduler_hints') or {},
        trusted_certs=spec.get('trusted_certs'),
        admin_password_hash=hash_password(spec.get('admin_password')), deleted=0, state_version=0)
    ops.apply_flavor(instance, ops.flavor_snapshot(flavor))
    sess.add(instance)
    sess.flush()
    _add_children(sess, instance, spec, image_meta)
    row = actions.record(sess, ctx, uuid, actions.CREATE)
    data = {'action_id': row.id, 'host': spec.get('requested_host'), 'node': spec.get('requested_node')}
    for key, value in engine.plan(instance, 'build', data).items():
        setattr(instance, key, value)
    sess.flush()
    return instance


def _add_children(sess, instance, spec, image_meta):
    for key, value in (spec.get('metadata') or {}).items():
        sess.add(models.InstanceMetadata(instance_uuid=instance.uuid, key=key, value=value))
    for tag in dict.fromkeys(spec.get('tags') or ()):
        sess.add(models.Tag(resource_id=instance.uuid, tag=tag))
    sysmeta = {'image_%s' % k: v for k, v in ((image_meta or {}).get('properties') or {}).items()}
    if image_meta:
        sysmeta.update(image_base_image_ref=image_meta['id'], image_min_disk=image_meta['min_disk'],
                       image_min_ram=image_meta['min_ram'],
                       image_disk_format=image_meta.get('disk_format'),
                       image_container_format=image_meta.get('container_format'))
    ops.set_sysmeta(sess, instance, **sysmeta)
    for bdm in spec.get('block_device_mapping') or []:
        sess.add(_bdm_row(instance, bdm))


def _bdm_row(instance, bdm):
    source = bdm.get('source_type') or ('volume' if bdm.get('volume_id') else
                                        'snapshot' if bdm.get('snapshot_id') else 'blank')
    uuid = bdm.get('uuid') or bdm.get('volume_id') or bdm.get('snapshot_id') or bdm.get('image_id')
    destination = bdm.get('destination_type') or ('volume' if source in ('volume', 'snapshot')
                                                  else 'local')
    volume_id = uuid if source == 'volume' else (base.new_uuid() if destination == 'volume' else None)
    boot_index = bdm.get('boot_index')
    return models.BlockDeviceMapping(
        uuid=base.new_uuid(), instance_uuid=instance.uuid, source_type=source,
        destination_type=destination, guest_format=bdm.get('guest_format'),
        device_type=bdm.get('device_type', 'disk'), disk_bus=bdm.get('disk_bus'),
        boot_index=int(boot_index) if boot_index not in (None, '') else None,
        device_name=bdm.get('device_name'),
        delete_on_termination=str(bdm.get('delete_on_termination', False)).lower() in ('true', '1'),
        snapshot_id=uuid if source == 'snapshot' else None, volume_id=volume_id,
        volume_size=int(bdm['volume_size']) if bdm.get('volume_size') else None,
        volume_type=bdm.get('volume_type'), image_id=uuid if source == 'image' else None,
        tag=bdm.get('tag'), attachment_id=base.new_uuid() if volume_id else None, deleted=0)


# --- update and delete --------------------------------------------------------------------

def update(sess, ctx, instance, changes):
    """PUT /servers/{id}: name, description, hostname, access IPs, disk config, pinned AZ."""
    values = {key: value for key, value in changes.items() if key != 'pinned_availability_zone'}
    if 'pinned_availability_zone' in changes:
        values['pinned_availability_zone'] = _repin(instance, changes['pinned_availability_zone'])
    return guards.transition(sess, ctx, instance, 'update', guards.Guard(None, None, lock=False, launched=False),
                      values)


def _repin(instance, requested):
    current = instance.pinned_availability_zone
    if requested is None:
        return None
    actual = scheduler.parse_availability_zone(instance.availability_zone)[0]
    if current is not None:
        if requested != current:
            raise exception.Conflict('Cannot change pinned availability zone directly. Unpin first '
                                     'by setting pinned_availability_zone to null.')
        return current
    if requested != actual:
        raise exception.Conflict("Server can only be pinned to its current availability zone "
                                 "'%s', but '%s' was requested." % (actual, requested))
    return requested


def delete(sess, ctx, instance):
    """DELETE /servers/{id}: soft delete when reclaiming is on and the server ran, else delete."""
    if conf.CONF.compute.reclaim_instance_interval > 0 and instance.launched_at:
        return start_operation(sess, ctx, instance, 'delete', guards.Guard(None, None), 'soft_delete',
                               actions.DELETE, extra={'deleted_at': base.utcnow()})
    return _delete(sess, ctx, instance, guards.Guard(None, None, launched=False))


def _delete(sess, ctx, instance, guard):
    if not instance.host:
        # Nothing runs anywhere (never scheduled, shelved offloaded): delete locally at once.
        guards.transition(sess, ctx, instance, 'delete', guard, {})
        actions.record(sess, ctx, instance.uuid, actions.DELETE, finished=True)
        ops.destroy(sess, instance)
        sess.flush()
        return instance
    return start_operation(sess, ctx, instance, 'delete', guard, 'delete', actions.DELETE)


def force_delete(sess, ctx, instance):
    return _delete(sess, ctx, instance, guards.Guard(None, None, launched=False))


def restore(sess, ctx, instance):
    from novaapi.compute import quotas
    guards.Guard([s.SOFT_DELETED]).check(ctx, instance, 'restore')
    quotas.enforce(sess, instance.project_id, instance.user_id,
                   {'instances': 1, 'cores': instance.vcpus, 'ram': instance.memory_mb})
    return start_operation(sess, ctx, instance, 'restore', guards.Guard([s.SOFT_DELETED]), 'restore',
                           actions.RESTORE, extra={'deleted_at': None})


# --- simple actions -----------------------------------------------------------------------

SIMPLE = {
    # verb: (operation, allowed vm_states, check host, instance action)
    'start': ('start', (s.STOPPED,), True, actions.START),
    'stop': ('stop', (s.ACTIVE, s.ERROR), True, actions.STOP),
    'pause': ('pause', (s.ACTIVE,), False, actions.PAUSE),
    'unpause': ('unpause', (s.PAUSED,), False, actions.UNPAUSE),
    'suspend': ('suspend', (s.ACTIVE,), False, actions.SUSPEND),
    'resume': ('resume', (s.SUSPENDED,), False, actions.RESUME),
    'unrescue': ('unrescue', (s.RESCUED,), False, actions.UNRESCUE),
    'shelveOffload': ('shelve_offload', (s.SHELVED,), False, actions.SHELVE_OFFLOAD),
}


def simple_action(sess, ctx, instance, verb):
    op, vm_states, host, record = SIMPLE[verb]
    extra = {'progress': 0} if verb == 'stop' else None
    return start_operation(sess, ctx, instance, verb, guards.Guard(vm_states, host=host), op, record,
                           extra=extra)


def reboot(sess, ctx, instance, reboot_type):
    if reboot_type.upper() == 'SOFT':
        guard, op = guards.Guard((s.ACTIVE,)), 'reboot'
    else:
        guard, op = guards.Guard((s.ACTIVE, s.STOPPED, s.PAUSED, s.SUSPENDED, s.ERROR), ALLOW_REBOOT), \
            'reboot_hard'
    return start_operation(sess, ctx, instance, 'reboot', guard, op, actions.REBOOT)


def lock(sess, ctx, instance, reason=None):
    owner = ctx.project_id == instance.project_id
    guards.transition(sess, ctx, instance, 'lock', guards.Guard(None, None, lock=False, launched=False),
               {'locked': True, 'locked_by': 'owner' if owner else 'admin', 'locked_reason': reason})
    actions.record(sess, ctx, instance.uuid, actions.LOCK, finished=True)
    return instance


def unlock(sess, ctx, instance):
    guards.transition(sess, ctx, instance, 'unlock', guards.Guard(None, None, lock=False, launched=False),
               {'locked': False, 'locked_by': None, 'locked_reason': None})
    actions.record(sess, ctx, instance.uuid, actions.UNLOCK, finished=True)
    return instance


def reset_state(sess, ctx, instance, state):
    guards.transition(sess, ctx, instance, 'os-resetState', guards.Guard(None, None, lock=False, launched=False),
               {'vm_state': state, 'task_state': None, 'step': None, 'step_at': None,
                'step_data': None})
    actions.record(sess, ctx, instance.uuid, actions.RESET_STATE, finished=True)
    return instance


def change_password(sess, ctx, instance, password):
    return start_operation(sess, ctx, instance, 'changePassword', guards.Guard((s.ACTIVE,)),
                           'change_password', actions.CHANGE_PASSWORD,
                           extra={'admin_password_hash': hash_password(password)})


def trigger_crash_dump(sess, ctx, instance):
    guard = guards.Guard((s.ACTIVE, s.PAUSED, s.RESCUED, s.RESIZED, s.ERROR), host=True)
    guard.check(ctx, instance, 'trigger_crash_dump')
    actions.record(sess, ctx, instance.uuid, actions.TRIGGER_CRASH_DUMP, finished=True)
    return instance


def inject_network_info(sess, ctx, instance):
    guards.Guard(None, None, launched=False).check(ctx, instance, 'injectNetworkInfo')
    return instance


def console_output(sess, ctx, instance, length=None):
    if not instance.host:
        raise exception.InstanceNotReady(instance_id=instance.uuid)
    return drivers.get().console_output(instance, length)


def rescue(sess, ctx, instance, password, rescue_image_ref=None):
    if hosts.is_volume_backed(instance):
        raise exception.Invalid('Instance %s cannot be rescued: Cannot rescue a volume-backed '
                                'instance' % instance.uuid)
    if rescue_image_ref:
        _image_for(sess, ctx, rescue_image_ref)
    return start_operation(sess, ctx, instance, 'rescue', guards.Guard((s.ACTIVE, s.STOPPED, s.ERROR)),
                           'rescue', actions.RESCUE, data={'rescue_image_ref': rescue_image_ref},
                           extra={'admin_password_hash': hash_password(password)})


# --- images -------------------------------------------------------------------------------

_SNAPSHOT_STATES = (s.ACTIVE, s.STOPPED, s.PAUSED, s.SUSPENDED)


def _snapshot_image(sess, ctx, instance, name, image_type, metadata=None, **props):
    from novaapi.image import api as image_api
    properties = {key[len('image_'):]: value for key, value in _image_sysmeta(sess, instance).items()}
    properties.update(metadata or {})
    properties.update(instance_uuid=instance.uuid, image_type=image_type, user_id=ctx.user_id,
                      base_image_ref=instance.image_ref or '', owner_user_name=None, **props)
    properties = {k: v for k, v in properties.items() if v is not None}
    meta = instance.image_meta or {}
    return image_api.create_snapshot(sess, ctx, name, properties, min_disk=instance.root_gb,
                                     min_ram=meta.get('min_ram') or 0,
                                     disk_format=meta.get('disk_format') or 'qcow2',
                                     container_format=meta.get('container_format') or 'bare')


def _image_sysmeta(sess, instance):
    rows = sess.execute(sa.select(models.InstanceSystemMetadata.key, models.InstanceSystemMetadata.value)
                        .where(models.InstanceSystemMetadata.instance_uuid == instance.uuid,
                               models.InstanceSystemMetadata.key.like('image_%')))
    skip = {'image_base_image_ref', 'image_min_disk', 'image_min_ram', 'image_disk_format',
            'image_container_format'}
    return {k: v for k, v in rows if k not in skip}


def create_image(sess, ctx, instance, name, metadata=None):
    guard = guards.Guard(_SNAPSHOT_STATES, lock=False)
    guard.check(ctx, instance, 'createImage')
    if hosts.is_volume_backed(instance):
        image = _snapshot_image(sess, ctx, instance, name, 'snapshot', metadata)
        from novaapi.image import api as image_api
        image_api.set_status(sess, image.id, 'active', size=0)
        actions.record(sess, ctx, instance.uuid, actions.CREATE_IMAGE, finished=True)
        return image
    image = _snapshot_image(sess, ctx, instance, name, 'snapshot', metadata)
    start_operation(sess, ctx, instance, 'createImage', guard, 'snapshot', actions.CREATE_IMAGE,
                    data={'image_id': image.id})
    return image


def create_backup(sess, ctx, instance, name, backup_type, rotation, metadata=None):
    guard = guards.Guard(_SNAPSHOT_STATES, lock=False)
    guard.check(ctx, instance, 'createBackup')
    if hosts.is_volume_backed(instance):
        raise exception.Invalid('Backup is not supported for volume-backed instances.')
    image = _snapshot_image(sess, ctx, instance, name, 'backup', metadata, backup_type=backup_type)
    start_operation(sess, ctx, instance, 'createBackup', guard, 'backup', actions.BACKUP,
                    data={'image_id': image.id, 'backup_type': backup_type, 'rotation': rotation})
    return image


# --- rebuild ------------------------------------------------------------------------------

def rebuild(sess, ctx, instance, image_ref, password, changes):
    """``changes``: display_name, display_description, metadata, access IPs, key_name,
    user_data, trusted_certs, hostname, auto_disk_config (only the keys given)."""
    guard = guards.Guard((s.ACTIVE, s.STOPPED, s.ERROR))
    guard.check(ctx, instance, 'rebuild')
    try:
        from novaapi.image import api as image_api
        image = image_api.get(sess, ctx, image_ref)
    except exception.ImageNotFound:
        raise exception.Invalid('Cannot find image for rebuild') from None
    if image.status != 'active':
        raise exception.Invalid('Image %s is not active.' % image.id)
    values = {k: v for k, v in changes.items() if k != 'metadata'}
    if 'key_name' in changes:
        values['key_data'] = _key_data(sess, ctx, changes['key_name'])
    if not hosts.is_volume_backed(instance):
        values.update(image_ref=image.id, image_meta=image_api.image_meta_for_server(image))
    values['admin_password_hash'] = hash_password(password)
    if 'metadata' in changes:
        sess.execute(sa.delete(models.InstanceMetadata).where(
            models.InstanceMetadata.instance_uuid == instance.uuid))
        for key, value in changes['metadata'].items():
            sess.add(models.InstanceMetadata(instance_uuid=instance.uuid, key=key, value=value))
    start_operation(sess, ctx, instance, 'rebuild', guard, 'rebuild', actions.REBUILD, extra=values)
    return instance


def _key_data(sess, ctx, key_name):
    if key_name is None:
        return None
    from novaapi.compute import keypairs
    try:
        return keypairs.get(sess, ctx.user_id, key_name).public_key
    except exception.KeypairNotFound:
        raise exception.Invalid('Invalid key_name provided.') from None


# --- resize and migrations ----------------------------------------------------------------

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
    """Place a cold move now (Nova's conductor answers NoValidHost synchronously: a 400)."""
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


def resize(sess, ctx, instance, flavor_ref, auto_disk_config=None):
    from novaapi.compute import quotas
    guard = guards.Guard((s.ACTIVE, s.STOPPED), host=True)
    guard.check(ctx, instance, 'resize')
    try:
        flavor = flavors.get(sess, ctx, flavor_ref)
    except exception.FlavorNotFound:
        raise exception.Invalid('Unable to locate requested flavor.') from None
    if flavor.flavorid == instance.flavorid:
        raise exception.Invalid('When resizing, instances must change flavor!')
    if flavor.root_gb == 0 and instance.root_gb and not hosts.is_volume_backed(instance):
        raise exception.Forbidden('Only volume-backed servers are allowed for flavors with zero disk.')
    deltas = {'cores': flavor.vcpus - instance.vcpus, 'ram': flavor.memory_mb - instance.memory_mb}
    deltas = {k: v for k, v in deltas.items() if v > 0}
    if deltas:
        quotas.enforce(sess, instance.project_id, instance.user_id, deltas)
    return _move(sess, ctx, instance, 'resize', guard, ops.flavor_snapshot(flavor), actions.RESIZE,
                 extra={'auto_disk_config': auto_disk_config} if auto_disk_config is not None else None)


def migrate(sess, ctx, instance, host=None):
    guard = guards.Guard((s.ACTIVE, s.STOPPED), host=True)
    guard.check(ctx, instance, 'migrate')
    if host and hosts.find_node(sess, host=host) is None:
        raise exception.ComputeHostNotFound(host=host)
    return _move(sess, ctx, instance, 'migrate', guard, ops.instance_flavor(instance), actions.MIGRATE,
                 host=host)


def _move(sess, ctx, instance, action, guard, new_flavor, record, host=None, extra=None):
    node = _destination(sess, instance, new_flavor, host)
    kind = 'resize' if action == 'resize' else 'migration'
    migration = _new_migration(sess, ctx, instance, kind, new_flavor)
    migration.dest_compute = migration.dest_host = node.host
    migration.dest_node = node.hypervisor_hostname
    return start_operation(sess, ctx, instance, action, guard, 'resize', record,
                           data={'migration_id': migration.id}, extra=extra)


def _finished_migration(sess, instance):
    migration = sess.scalars(sa.select(models.Migration).where(
        models.Migration.instance_uuid == instance.uuid, models.Migration.status == 'finished')
        .order_by(models.Migration.id.desc())).first()
    if migration is None:
        raise exception.Invalid('Instance has not been resized.')
    return migration


def confirm_resize(sess, ctx, instance):
    guard = guards.Guard((s.RESIZED,))
    guard.check(ctx, instance, 'confirmResize')
    migration = _finished_migration(sess, instance)
    guards.transition(sess, ctx, instance, 'confirmResize', guard, lambda inst: {
        'vm_state': s.STOPPED if inst.power_state == s.SHUTDOWN else s.ACTIVE,
        'old_flavor': None, 'new_flavor': None})
    migration.status = 'confirmed'
    actions.record(sess, ctx, instance.uuid, actions.CONFIRM_RESIZE, finished=True)
    return instance


def revert_resize(sess, ctx, instance):
    from novaapi.compute import quotas
    guard = guards.Guard((s.RESIZED,))
    guard.check(ctx, instance, 'revertResize')
    migration = _finished_migration(sess, instance)
    old = migration.old_flavor or {}
    deltas = {'cores': old.get('vcpus', 0) - instance.vcpus,
              'ram': old.get('memory_mb', 0) - instance.memory_mb}
    deltas = {k: v for k, v in deltas.items() if v > 0}
    if deltas:
        quotas.enforce(sess, instance.project_id, instance.user_id, deltas)
    start_operation(sess, ctx, instance, 'revertResize', guard, 'revert_resize', actions.REVERT_RESIZE,
                    data={'migration_id': migration.id})
    migration.status = 'reverting'
    return instance


def live_migrate(sess, ctx, instance, host=None):
    guard = guards.Guard((s.ACTIVE, s.PAUSED))
    guard.check(ctx, instance, 'os-migrateLive')
    if host and hosts.find_node(sess, host=host) is None:
        raise exception.ComputeHostNotFound(host=host)
    migration = _new_migration(sess, ctx, instance, 'live-migration', ops.instance_flavor(instance),
                               status='queued')
    return start_operation(sess, ctx, instance, 'os-migrateLive', guard, 'live_migrate',
                           actions.LIVE_MIGRATION, data={'migration_id': migration.id, 'host': host})


def evacuate(sess, ctx, instance, host=None, password=None, target_state=None):
    guard = guards.Guard((s.ACTIVE, s.STOPPED, s.ERROR), lock=False)
    guard.check(ctx, instance, 'evacuate')
    source = hosts.find_node(sess, host=instance.host) if instance.host else None
    if source is not None and not source.forced_down:
        raise exception.Invalid('Compute service of %s is still in use.' % instance.host)
    if host and hosts.find_node(sess, host=host) is None:
        raise exception.ComputeHostNotFound(host=host)
    migration = _new_migration(sess, ctx, instance, 'evacuation', ops.instance_flavor(instance),
                               status='accepted')
    data = {'migration_id': migration.id, 'host': host, 'target_state': target_state}
    return start_operation(sess, ctx, instance, 'evacuate', guard, 'evacuate', actions.EVACUATE,
                           data=data, extra={'admin_password_hash': hash_password(password)})


# --- shelve -------------------------------------------------------------------------------

def shelve(sess, ctx, instance):
    guard = guards.Guard(_SNAPSHOT_STATES)
    guard.check(ctx, instance, 'shelve')
    data = {}
    if not hosts.is_volume_backed(instance):
        data['image_id'] = _snapshot_image(sess, ctx, instance, '%s-shelved' % instance.display_name,
                                           'snapshot').id
    return start_operation(sess, ctx, instance, 'shelve', guard, 'shelve', actions.SHELVE, data=data)


def unshelve(sess, ctx, instance, zone=ANY, host=None):
    guard = guards.Guard((s.SHELVED, s.SHELVED_OFFLOADED))
    guard.check(ctx, instance, 'unshelve')
    if (zone is not ANY or host) and instance.vm_state != s.SHELVED_OFFLOADED:
        raise exception.Conflict(
            'The unshelve action failed because it is not possible to specify an availability '
            'zone or a host when unshelving server %s with status %s. The server status must be '
            'SHELVED_OFFLOADED.' % (instance.uuid, 'SHELVED'))
    if zone not in (ANY, None) and zone not in hosts.availability_zones(sess):
        raise exception.Invalid('The requested availability zone is not available')
    if host and hosts.find_node(sess, host=host) is None:
        raise exception.ComputeHostNotFound(host=host)
    data = {'host': host}
    extra = {}
    if zone is not ANY:
        data['availability_zone'] = zone
        extra['pinned_availability_zone'] = zone
    return start_operation(sess, ctx, instance, 'unshelve', guard, 'unshelve', actions.UNSHELVE,
                           data=data, extra=extra)


# --- security groups ----------------------------------------------------------------------

def add_security_group(sess, ctx, instance, name):
    groups = list(instance.security_groups or [])
    _find_security_group(sess, ctx, name)
    if name in groups:
        raise exception.Invalid('Security group %s is already associated with the instance %s'
                                % (name, instance.uuid))
    return guards.transition(sess, ctx, instance, 'addSecurityGroup', guards.Guard(None, None, lock=False,
                                                                     launched=False),
                      {'security_groups': groups + [name]})


def remove_security_group(sess, ctx, instance, name):
    groups = list(instance.security_groups or [])
    _find_security_group(sess, ctx, name)
    if name not in groups:
        raise exception.Invalid('Security group %s not associated with the instance %s'
                                % (name, instance.uuid))
    groups.remove(name)
    return guards.transition(sess, ctx, instance, 'removeSecurityGroup', guards.Guard(None, None, lock=False,
                                                                        launched=False),
                      {'security_groups': groups})


def _find_security_group(sess, ctx, name):
    from novaapi.network import api as net
    net.ensure_default_security_group(sess, ctx.project_id)
    for group in net.list_security_groups(sess, ctx):
        if name in (group.name, group.id):
            return group
    raise exception.NotFound('Security group %s not found for project %s.' % (name, ctx.project_id))
