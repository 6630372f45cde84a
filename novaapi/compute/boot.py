"""Creating servers (``POST /servers``): the checks Nova makes before a build, then the rows.

Everything is written in one transaction: the quota check and the new
instances commit together, so concurrent boots cannot overshoot a quota.
"""

import secrets

from novaapi.compute import actions
from novaapi.compute import block_devices
from novaapi.compute import flavors
from novaapi.compute import hosts
from novaapi.compute import models
from novaapi.compute import operations as ops
from novaapi.compute import quotas
from novaapi.compute import server_groups
from novaapi.compute import server_values
from novaapi.compute import states as s
from novaapi.db import base
from novaapi.db import engine
from novaapi import exception
from novaapi.image import api as image_api
from novaapi.network import api as network_api


def _check_image_fits(image, flavor):
    if flavor.root_gb and image.min_disk and image.min_disk > flavor.root_gb:
        raise exception.Invalid(
            "Flavor's disk is too small for requested image. Flavor disk is %d bytes, "
            "minimum disk is %d bytes." % (flavor.root_gb * 1024 ** 3, image.min_disk * 1024 ** 3))
    if image.min_ram and image.min_ram > flavor.memory_mb:
        raise exception.Invalid("Flavor's memory is too small for requested image.")


def _check_networks(sess, ctx, requested, count):
    if requested in ('none', 'auto') or requested is None:
        found = [] if requested == 'none' else network_api.default_network_ids(sess, ctx)
        if len(found) > 1:
            raise exception.Conflict('Multiple possible networks found, use a Network ID to be '
                                     'more specific.')
        if requested == 'auto' and not found and not network_api.can_auto_allocate(sess, ctx):
            raise exception.Invalid('Unable to automatically allocate a network for project %s'
                                    % ctx.project_id)
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
            port = network_api.get_port(sess, ctx, item['port'])
            if port.device_id:
                raise exception.Conflict('Port %s is still in use.' % item['port'])
            if count > 1:
                raise exception.Invalid('Unable to launch multiple instances with a single '
                                        'configured port ID. Please launch your instance one by '
                                        'one with different ports.')
            ports.add(item['port'])
        else:
            network_api.check_network(sess, ctx, item['uuid'])
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


def _quota_deltas(flavor, count):
    return {'instances': count, 'cores': flavor.vcpus * count, 'ram': flavor.memory_mb * count}


def _quota_count(sess, ctx, flavor, min_count, max_count):
    """How many servers fit, by an optimistic check (no lock); ``_create`` confirms it
    under the project's lock once the rows are written, as Nova rechecks after creating."""
    per = _quota_deltas(flavor, 1)
    try:
        quotas.enforce(sess, ctx.project_id, ctx.user_id, _quota_deltas(flavor, max_count),
                       lock_now=False)
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
        quotas.enforce(sess, ctx.project_id, ctx.user_id, _quota_deltas(flavor, min_count),
                       lock_now=False)
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


def create(ctx, spec):
    """Create ``min_count``..``max_count`` servers from the normalized request ``spec``.

    Unknown flavors, networks and ports are a 400 here, as in Nova.

    :returns: ``(instances, reservation_id)``
    """
    try:
        with engine.transaction() as sess:
            return _create(sess, ctx, spec)
    except exception.NotFound as exc:
        raise exception.Invalid(exc.message) from None


def _create(sess, ctx, spec):
    flavor = flavors.facts(sess, ctx, spec['flavor_ref'])
    image_ref, _bfv = _boot_image(spec)
    image_meta = None
    if image_ref:
        image = server_values.active_image(sess, ctx, image_ref)
        _check_image_fits(image, flavor)
        image_meta = image_api.image_meta_for_server(image)
    block_devices.check_for_boot(sess, ctx, spec.get('block_device_mapping') or [],
                                 lambda image_id: _image_visible(sess, ctx, image_id),
                                 multiattach_ok=spec.get('multiattach_ok', True))
    quotas.check_metadata_items(sess, ctx.project_id, ctx.user_id, spec.get('metadata'))
    key_data = server_values.key_data(sess, ctx, spec['key_name']) if spec.get('key_name') else None
    min_count, max_count = spec.get('min_count', 1), spec.get('max_count', 1)
    if spec.get('hostname') and max_count > 1:
        raise exception.Invalid('Unable to allocate a single hostname to multiple instances')
    _check_networks(sess, ctx, spec.get('networks'), max_count)
    for name in spec.get('security_groups') or ():
        server_values.find_security_group(sess, ctx, name)
    _check_destination(sess, spec)
    group = _server_group(sess, ctx, spec.get('scheduler_hints') or {})
    count = _quota_count(sess, ctx, flavor, min_count, max_count)
    reservation_id = 'r-' + secrets.token_hex(4)
    created = [_new_instance(sess, ctx, spec, flavor, image_ref, image_meta, key_data,
                             reservation_id, index, count) for index in range(count)]
    if group is not None:
        for instance in created:
            server_groups.add_member(sess, group, instance.uuid, user_id=ctx.user_id)
    # The lock is taken last, so concurrent boots of a project wait for each other only
    # over one count and the commit, not over every insert before it; once it is held,
    # those two go out without this worker's other requests running in between.
    quotas.lock(sess, ctx.project_id)
    engine.finish_without_yielding(sess)
    quotas.enforce(sess, ctx.project_id, ctx.user_id, _quota_deltas(flavor, count), added=True,
                   lock_now=False)
    return created, reservation_id


def _image_visible(sess, ctx, image_id):
    try:
        image_api.get(sess, ctx, image_id)
    except exception.ImageNotFound:
        return False
    return True


def _server_group(sess, ctx, hints):
    group_id = hints.get('group')
    if isinstance(group_id, list):
        group_id = group_id[0] if group_id else None
    if not group_id:
        return None
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
        hostname=spec.get('hostname') or server_values.sanitize_hostname(name, 'server-' + uuid),
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
        admin_password_hash=server_values.hash_password(spec.get('admin_password')), deleted=0,
        state_version=0)
    ops.apply_flavor(instance, ops.flavor_snapshot(flavor))
    # The action first, so the row goes in once with its first build step planned.
    row = actions.record(sess, ctx, uuid, actions.CREATE)
    data = {'action_id': row.id, 'host': spec.get('requested_host'), 'node': spec.get('requested_node')}
    if any((b.get('destination_type') == 'volume' or b.get('volume_id') or b.get('snapshot_id'))
           for b in spec.get('block_device_mapping') or ()):
        data['volumes'] = True  # the host's block_device_mapping stage has volumes to make
    for key, value in ops.plan(instance, 'build', data).items():
        setattr(instance, key, value)
    sess.add(instance)
    sess.flush()
    _add_children(sess, ctx, instance, spec, image_meta)
    sess.flush()
    return instance


def _add_children(sess, ctx, instance, spec, image_meta):
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
    ops.add_sysmeta(sess, instance, sysmeta)
    for bdm in spec.get('block_device_mapping') or []:
        row = _bdm_row(instance, bdm)
        sess.add(row)
        if row.source_type == 'volume' and row.destination_type == 'volume':
            block_devices.reserve_for_boot(sess, ctx, instance, row)


def _bdm_row(instance, bdm):
    source = bdm.get('source_type') or ('volume' if bdm.get('volume_id') else
                                        'snapshot' if bdm.get('snapshot_id') else 'blank')
    uuid = bdm.get('uuid') or bdm.get('volume_id') or bdm.get('snapshot_id') or bdm.get('image_id')
    destination = bdm.get('destination_type') or ('volume' if source in ('volume', 'snapshot')
                                                  else 'local')
    # A volume made from an image, a snapshot or nothing gets its id when the host creates it.
    volume_id = uuid if source == 'volume' else None
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
        tag=bdm.get('tag'), deleted=0)
