"""Server views: pure functions of (request, instance row, its extras, what policy allows).

``extra`` is one entry of :func:`novaapi.compute.instances.extras`; ``show``
is a :class:`Show` saying what the caller may see and which subset of keys
this response carries (PUT and rebuild before 2.75 return fewer keys).
"""

import dataclasses
import hashlib

from novaapi.api import common
from novaapi.compute import states

# Image properties Nova copies to a server (the standard ImageMetaProps names).
_IMAGE_PROP_PREFIXES = ('hw_', 'os_', 'img_', 'trait:', 'traits_')
_IMAGE_PROP_NAMES = ('architecture', 'auto_disk_config', 'hypervisor_type', 'vm_mode',
                     'kernel_id', 'ramdisk_id')


@dataclasses.dataclass
class Show:
    extended_attr: bool = False
    host_status: bool = False
    extra_specs: bool = False
    server_groups: bool = False
    full: bool = True
    user_data: bool = True


def isotime(value):
    """``2026-12-07T01:02:03Z``: Nova's timestamps, in UTC, to the second."""
    if not value:
        return None
    if value.year >= 1000 and value.tzinfo is None:
        return value.isoformat(timespec='seconds') + 'Z'  # the same text, 4x faster
    return value.strftime('%Y-%m-%dT%H:%M:%SZ')


def host_id(instance):
    if not instance.host:
        return ''
    return hashlib.sha224((str(instance.project_id) + instance.host).encode()).hexdigest()


def links(req, instance):
    return common.resource_links(req, 'servers', instance.uuid)


def basic(req, instance):
    return {'id': instance.uuid, 'name': instance.display_name, 'links': links(req, instance)}


def create(req, instance, security_groups, admin_pass=None):
    server = {'id': instance.uuid, 'links': links(req, instance),
              'OS-DCF:diskConfig': 'AUTO' if instance.auto_disk_config else 'MANUAL',
              'security_groups': security_groups or [{'name': 'default'}]}
    if admin_pass is not None:
        server['adminPass'] = admin_pass
    return {'server': server}


def status(instance):
    return states.status(instance.vm_state, instance.task_state, bool(instance.deleted))


def _flavor(req, instance, show):
    if req.is_version('2.47'):
        flavor = {'vcpus': instance.vcpus, 'ram': instance.memory_mb, 'disk': instance.root_gb,
                  'ephemeral': instance.ephemeral_gb, 'swap': instance.swap,
                  'original_name': instance.flavor_name}
        if show.extra_specs:
            flavor['extra_specs'] = dict(instance.extra_specs or {})
        return flavor
    return {'id': str(instance.flavorid),
            'links': [common.bookmark_link(req, 'flavors', instance.flavorid)]}


def _image(req, instance, extra):
    if not instance.image_ref:
        return ''
    image = {'id': instance.image_ref, 'links': [common.bookmark_link(req, 'images', instance.image_ref)]}
    if req.is_version('2.98'):
        image['properties'] = image_properties(extra.get('image_properties') or {})
    return image


def image_properties(sysmeta):
    props = {}
    for key, value in sysmeta.items():
        name = key[len('image_'):]
        if value is not None and (name.startswith(_IMAGE_PROP_PREFIXES) or name in _IMAGE_PROP_NAMES):
            props[name] = value
    return props


def fault(req, row):
    result = {'code': row.code, 'created': isotime(row.created_at), 'message': row.message}
    if row.details and (req.context.is_admin or row.code != 500):
        result['details'] = row.details
    return result


def _volumes(req, extra):
    volumes = []
    for bdm in extra.get('volumes', ()):
        item = {'id': bdm.volume_id}
        if req.is_version('2.3'):
            item['delete_on_termination'] = bool(bdm.delete_on_termination)
        volumes.append(item)
    return volumes


def _extended_attrs(req, instance, show):
    attrs = {'OS-EXT-SRV-ATTR:host': instance.host,
             'OS-EXT-SRV-ATTR:instance_name': instance.name,
             'OS-EXT-SRV-ATTR:hypervisor_hostname': instance.node}
    if req.is_version('2.3'):
        attrs.update({'OS-EXT-SRV-ATTR:hostname': instance.hostname,
                      'OS-EXT-SRV-ATTR:kernel_id': instance.kernel_id or '',
                      'OS-EXT-SRV-ATTR:launch_index': instance.launch_index,
                      'OS-EXT-SRV-ATTR:ramdisk_id': instance.ramdisk_id or '',
                      'OS-EXT-SRV-ATTR:reservation_id': instance.reservation_id,
                      'OS-EXT-SRV-ATTR:root_device_name': instance.root_device_name})
        if show.user_data:
            attrs['OS-EXT-SRV-ATTR:user_data'] = instance.user_data
    return attrs


def _stamp(value):
    return value.isoformat() if value else None


def show(req, instance, extra, show_):
    """The detailed server dict (``GET /servers/{id}``, ``/servers/detail``, PUT, rebuild)."""
    server = {
        'accessIPv4': instance.access_ip_v4 or '',
        'accessIPv6': instance.access_ip_v6 or '',
        'addresses': (extra.get('addresses') or {}) if instance.vm_state != states.BUILDING else {},
        'created': isotime(instance.created_at),
        'flavor': _flavor(req, instance, show_),
        'hostId': host_id(instance),
        'id': instance.uuid,
        'image': _image(req, instance, extra),
        'links': links(req, instance),
        'metadata': dict(extra.get('metadata') or {}),
        'name': instance.display_name,
        'status': status(instance),
        'tenant_id': instance.project_id or '',
        'user_id': instance.user_id or '',
        'updated': isotime(instance.updated_at or instance.created_at),
        'OS-DCF:diskConfig': 'AUTO' if instance.auto_disk_config else 'MANUAL',
    }
    if server['status'] in states.FAULT_STATUSES and extra.get('fault') is not None:
        server['fault'] = fault(req, extra['fault'])
    if server['status'] in states.PROGRESS_STATUSES:
        server['progress'] = instance.progress or 0
    if show_.full:
        _add_full(req, instance, extra, show_, server)
    else:
        # PUT and rebuild before 2.75 show plain addresses, without the MAC and type extensions.
        server['addresses'] = {label: [{'version': a['version'], 'addr': a['addr']} for a in addrs]
                               for label, addrs in server['addresses'].items()}
    _add_versioned(req, instance, extra, show_, server)
    return server


def _add_full(req, instance, extra, show_, server):
    server['OS-EXT-AZ:availability_zone'] = _zone(instance)
    server['config_drive'] = instance.config_drive or ''
    server['key_name'] = instance.key_name
    server['OS-SRV-USG:launched_at'] = _stamp(instance.launched_at)
    server['OS-SRV-USG:terminated_at'] = _stamp(instance.terminated_at)
    if extra.get('security_groups'):
        # The groups of the server's ports, as Nova reads them from Neutron.
        server['security_groups'] = [{'name': n} for n in extra['security_groups']]
    if show_.extended_attr:
        server.update(_extended_attrs(req, instance, show_))
    server['OS-EXT-STS:task_state'] = instance.task_state
    server['OS-EXT-STS:vm_state'] = instance.vm_state
    server['OS-EXT-STS:power_state'] = instance.power_state
    server['os-extended-volumes:volumes_attached'] = _volumes(req, extra)
    if req.is_version('2.16') and show_.host_status:
        server['host_status'] = extra.get('host_status') or ''


def _zone(instance):
    zone = (instance.availability_zone or '').split(':')[0]
    return zone


def _add_versioned(req, instance, extra, show_, server):
    if req.is_version('2.9'):
        server['locked'] = bool(instance.locked)
    if req.is_version('2.19'):
        server['description'] = instance.display_description
    if req.is_version('2.26'):
        server['tags'] = list(extra.get('tags') or [])
    if req.is_version('2.63'):
        server['trusted_image_certificates'] = instance.trusted_certs or None
    if show_.server_groups and req.is_version('2.71'):
        server['server_groups'] = list(extra.get('server_groups') or [])
    if req.is_version('2.73'):
        server['locked_reason'] = instance.locked_reason
    if req.is_version('2.90') and not show_.extended_attr:
        server['OS-EXT-SRV-ATTR:hostname'] = instance.hostname
    if show_.full and req.is_version('2.96'):
        server['pinned_availability_zone'] = instance.pinned_availability_zone
    if req.is_version('2.100'):
        server['scheduler_hints'] = _hints(instance.scheduler_hints)


def _hints(hints):
    result = {}
    for key, value in (hints or {}).items():
        result[key] = value if isinstance(value, list) else [value]
    return result


def index(req, instances, detail_of=None):
    """``{servers: [...], servers_links?}``; ``detail_of(instance)`` builds detailed items."""
    items = [detail_of(inst) if detail_of else basic(req, inst) for inst in instances]
    collection = 'servers/detail' if detail_of else 'servers'
    result = {'servers': items}
    next_links = common.collection_links(req, instances, collection, lambda inst: inst.uuid)
    if next_links:
        result['servers_links'] = next_links
    return result
