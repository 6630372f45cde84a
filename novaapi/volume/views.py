"""Cinder's JSON of volumes, types, snapshots and attachments: pure functions of the rows."""


def when(value):
    """Cinder's timestamps: ``2016-02-11T19:21:21.000000`` (no zone); None stays None."""
    return value.strftime('%Y-%m-%dT%H:%M:%S.%f') if value is not None else None


def links(base_url, project_id, kind, item_id):
    """``self`` and ``bookmark`` links of an item."""
    root = base_url.rstrip('/')
    return [{'href': '%s/v3/%s/%s/%s' % (root, project_id, kind, item_id), 'rel': 'self'},
            {'href': '%s/%s/%s/%s' % (root, project_id, kind, item_id), 'rel': 'bookmark'}]


def volume_summary(volume, base_url):
    return {'id': volume.id, 'name': volume.name,
            'links': links(base_url, volume.project_id, 'volumes', volume.id)}


def volume_attachments(volume, privileged):
    """The ``attachments`` of a volume: its attached ones."""
    found = []
    for att in volume.attachments:
        if att.attach_status != 'attached':
            continue
        found.append({'id': volume.id, 'attachment_id': att.id, 'volume_id': volume.id,
                      'server_id': att.instance_uuid,
                      'host_name': att.attached_host if privileged else None,
                      'device': att.mountpoint, 'attached_at': when(att.attach_time)})
    return found


def volume(volume, base_url, version, ctx):
    """The detailed view at microversion ``version`` (a ``(3, minor)`` tuple)."""
    admin = ctx.is_admin
    body = {
        'id': volume.id, 'status': volume.status, 'size': volume.size,
        'availability_zone': volume.availability_zone,
        'created_at': when(volume.created_at), 'updated_at': when(volume.updated_at),
        'name': volume.name, 'description': volume.description,
        'volume_type': volume.volume_type.name, 'snapshot_id': volume.snapshot_id,
        'source_volid': volume.source_volid, 'metadata': dict(volume.meta or {}),
        'links': links(base_url, volume.project_id, 'volumes', volume.id),
        'user_id': volume.user_id, 'bootable': str(bool(volume.bootable)).lower(),
        'encrypted': False, 'replication_status': None, 'consistencygroup_id': None,
        'multiattach': bool(volume.multiattach),
        'attachments': volume_attachments(volume, admin or 'service' in ctx.roles),
        'os-vol-tenant-attr:tenant_id': volume.project_id,
    }
    if admin:
        body.update({'migration_status': volume.migration_status,
                     'os-vol-host-attr:host': 'block-storage@simulated#simulated',
                     'os-vol-mig-status-attr:migstat': volume.migration_status,
                     'os-vol-mig-status-attr:name_id': None})
    if volume.image_metadata:
        body['volume_image_metadata'] = dict(volume.image_metadata)
    if version >= (3, 13):
        body['group_id'] = None
    if admin and version >= (3, 21):
        body['provider_id'] = None
    if version >= (3, 48):
        body['shared_targets'] = None if version >= (3, 69) else False
        body['service_uuid'] = None
    if admin and version >= (3, 61):
        body['cluster_name'] = None
    if version >= (3, 63):
        body['volume_type_id'] = volume.volume_type_id
    if version >= (3, 65):
        body['consumes_quota'] = True
    return body


def volume_type(vtype, admin):
    """A type; users see only the extra specs Cinder shows them."""
    specs = dict(vtype.extra_specs or {})
    if not admin:
        specs = {k: v for k, v in specs.items()
                 if k in ('multiattach', 'RESKEY:availability_zones', 'replication_enabled')}
    return {'id': vtype.id, 'name': vtype.name, 'description': vtype.description,
            'is_public': bool(vtype.is_public), 'extra_specs': specs,
            'os-volume-type-access:is_public': bool(vtype.is_public), 'qos_specs_id': None}


def snapshot_summary(snap, version):
    body = {'id': snap.id, 'volume_id': snap.volume_id, 'status': snap.status, 'size': snap.size,
            'name': snap.name, 'description': snap.description,
            'created_at': when(snap.created_at), 'updated_at': when(snap.updated_at),
            'metadata': dict(snap.meta or {})}
    if version >= (3, 14):
        body['group_snapshot_id'] = None
    if version >= (3, 41):
        body['user_id'] = snap.user_id
    if version >= (3, 65):
        body['consumes_quota'] = True
    return body


def snapshot(snap, version):
    body = snapshot_summary(snap, version)
    body['os-extended-snapshot-attributes:progress'] = \
        '100%' if snap.status == 'available' else '0%'
    body['os-extended-snapshot-attributes:project_id'] = snap.project_id
    return body


def attachment_summary(att):
    return {'id': att.id, 'status': att.attach_status, 'instance': att.instance_uuid,
            'volume_id': att.volume_id}


def attachment(att):
    body = attachment_summary(att)
    body.update({'attached_at': when(att.attach_time) or '',
                 'detached_at': when(att.detach_time) or '',
                 'attach_mode': att.attach_mode, 'connection_info': att.connection_info})
    return body
