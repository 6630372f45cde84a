"""Request schemas of /servers and its actions, per microversion window."""

import copy

from novaapi.api.schemas import types

MAX_TAG_COUNT = 50

uuid = {'type': 'string', 'format': 'uuid'}
image_id_or_empty = {'oneOf': [uuid, {'type': 'string', 'maxLength': 0}]}
flavor_ref = {'type': ['string', 'integer'], 'minLength': 1}
admin_password = {'type': 'string'}
metadata = {
    'type': 'object',
    'patternProperties': {'^[a-zA-Z0-9-_:. ]{1,255}$': {'type': 'string', 'maxLength': 255}},
    'additionalProperties': False,
}
ip_address = {'type': 'string', 'oneOf': [{'format': 'ipv4'}, {'format': 'ipv6'}]}
disk_config = {'type': 'string', 'enum': ['AUTO', 'MANUAL']}
access_ipv4 = {'type': 'string', 'format': 'ipv4'}
access_ipv6 = {'type': 'string', 'format': 'ipv6'}
tag = {'type': 'string', 'pattern': '^[^,/]*$', 'minLength': 1, 'maxLength': 60}
hostname = {'type': 'string', 'pattern': '^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$',
            'minLength': 2, 'maxLength': 63}
fqdn = {'type': 'string', 'pattern': '^[a-zA-Z0-9-._]*$', 'minLength': 1, 'maxLength': 255}
name_or_none = {'oneOf': [{'type': 'string', 'minLength': 1, 'maxLength': 255}, {'type': 'null'}]}
description = dict(types.description, maxLength=255)
user_data = {'type': 'string', 'maxLength': 65535}
trusted_certs = {'type': ['array', 'null'], 'minItems': 1, 'maxItems': 50, 'uniqueItems': True,
                 'items': {'type': 'string', 'minLength': 1}}
personality = {
    'type': 'array',
    'items': {'type': 'object', 'properties': {'path': {'type': 'string'},
                                               'contents': {'type': 'string'}},
              'additionalProperties': False},
}
volume_size = {'type': ['integer', 'string'], 'pattern': '^[0-9]+$', 'minimum': 1,
               'maximum': types.MAX_INT}

_legacy_bdm = {
    'type': 'object',
    'properties': {
        'virtual_name': {'type': 'string', 'maxLength': 255},
        'volume_id': uuid,
        'snapshot_id': uuid,
        'volume_size': volume_size,
        'device_name': {'type': 'string', 'minLength': 1, 'maxLength': 255,
                        'pattern': '^[a-zA-Z0-9._/-]*$'},
        'delete_on_termination': types.boolean,
        'no_device': {},
        'connection_info': {'type': 'string', 'maxLength': 16777215},
    },
    'additionalProperties': False,
}
_bdm_v2 = types.with_properties(_legacy_bdm, '', **{
    'source_type': {'type': 'string', 'enum': ['volume', 'image', 'snapshot', 'blank']},
    'uuid': {'type': 'string', 'minLength': 1, 'maxLength': 255, 'pattern': '^[a-zA-Z0-9._-]*$'},
    'image_id': uuid,
    'destination_type': {'type': 'string', 'enum': ['local', 'volume']},
    'guest_format': {'type': 'string', 'maxLength': 255},
    'device_type': {'type': 'string', 'maxLength': 255},
    'disk_bus': {'type': 'string', 'maxLength': 255},
    'boot_index': {'type': ['integer', 'string', 'null'], 'pattern': '^-?[0-9]+$'},
})

_uuid_or_list = {'oneOf': [{'type': 'array', 'items': uuid}, uuid]}
hints = {
    'type': 'object',
    'properties': {
        'group': _uuid_or_list,
        'different_host': {'oneOf': [uuid, {'type': 'array', 'items': uuid}]},
        'same_host': {'type': ['string', 'array'], 'items': uuid},
        'query': {'type': ['string', 'object']},
        'target_cell': types.name,
        'different_cell': {'type': ['string', 'array'], 'items': {'type': 'string'}},
        'build_near_host_ip': ip_address,
        'cidr': {'type': 'string', 'pattern': '^/[0-9a-f.:]+$'},
    },
    'additionalProperties': True,
}

_network_v21 = {
    'type': 'object',
    'properties': {'fixed_ip': ip_address, 'port': {'type': ['string', 'null'], 'format': 'uuid'},
                   'uuid': {'type': 'string'}},
    'additionalProperties': False,
}

_create_v21 = {
    'type': 'object',
    'properties': {
        'server': {
            'type': 'object',
            'properties': {
                'name': types.name,
                'imageRef': image_id_or_empty,
                'flavorRef': flavor_ref,
                'adminPass': admin_password,
                'metadata': metadata,
                'networks': {'type': 'array', 'items': _network_v21},
                'OS-DCF:diskConfig': disk_config,
                'accessIPv4': access_ipv4,
                'accessIPv6': access_ipv6,
                'personality': personality,
                'availability_zone': types.name,
                'block_device_mapping': {'type': 'array', 'items': _legacy_bdm},
                'block_device_mapping_v2': {'type': 'array', 'items': _bdm_v2},
                'config_drive': types.boolean,
                'key_name': types.name,
                'min_count': types.positive_integer,
                'max_count': types.positive_integer,
                'return_reservation_id': types.boolean,
                'security_groups': {'type': 'array', 'items': {
                    'type': 'object', 'properties': {'name': types.name},
                    'additionalProperties': False}},
                'user_data': user_data,
            },
            'required': ['name', 'flavorRef'],
            'additionalProperties': False,
        },
        'os:scheduler_hints': hints,
        'OS-SCH-HNT:scheduler_hints': hints,
    },
    'required': ['server'],
    'additionalProperties': False,
}


def _server_props(schema, **props):
    return types.with_properties(schema, 'server', **props)


_create_v219 = _server_props(_create_v21, description=description)
_create_v232 = copy.deepcopy(_create_v219)
_create_v232['properties']['server']['properties']['networks']['items']['properties']['tag'] = tag
_create_v232['properties']['server']['properties']['block_device_mapping_v2']['items'][
    'properties']['tag'] = tag
_create_v233 = copy.deepcopy(_create_v219)
_create_v233['properties']['server']['properties']['networks']['items']['properties']['tag'] = tag


def _networks_v237(with_tag):
    item = {'type': 'object',
            'properties': {'fixed_ip': ip_address,
                           'port': {'type': ['string', 'null'], 'format': 'uuid'},
                           'uuid': uuid},
            'additionalProperties': False}
    if with_tag:
        item['properties']['tag'] = tag
    return {'oneOf': [{'type': 'array', 'items': item}, {'type': 'string', 'enum': ['none', 'auto']}]}


_create_v237 = _server_props(_create_v233, networks=_networks_v237(False))
_create_v237['properties']['server']['required'].append('networks')
_create_v242 = _server_props(_create_v237, networks=_networks_v237(True))
_create_v242['properties']['server']['properties']['block_device_mapping_v2']['items'][
    'properties']['tag'] = tag
_create_v252 = _server_props(_create_v242, tags={'type': 'array', 'items': tag,
                                                 'maxItems': MAX_TAG_COUNT})
_create_v257 = types.without_properties(_create_v252, 'server', 'personality')
_create_v263 = _server_props(_create_v257, trusted_image_certificates=trusted_certs)
_create_v267 = copy.deepcopy(_create_v263)
_create_v267['properties']['server']['properties']['block_device_mapping_v2']['items'][
    'properties']['volume_type'] = {'type': ['string', 'null'], 'minLength': 0, 'maxLength': 255}
_create_v274 = _server_props(_create_v267, host=fqdn, hypervisor_hostname=fqdn)
_create_v290 = _server_props(_create_v274, hostname=hostname)
_create_v294 = _server_props(_create_v290, hostname=fqdn)

create = [
    (None, '2.18', _create_v21), ('2.19', '2.31', _create_v219), ('2.32', '2.32', _create_v232),
    ('2.33', '2.36', _create_v233), ('2.37', '2.41', _create_v237), ('2.42', '2.51', _create_v242),
    ('2.52', '2.56', _create_v252), ('2.57', '2.62', _create_v257), ('2.63', '2.66', _create_v263),
    ('2.67', '2.73', _create_v267), ('2.74', '2.89', _create_v274), ('2.90', '2.93', _create_v290),
    ('2.94', None, _create_v294),
]

_update_v21 = {
    'type': 'object',
    'properties': {
        'server': {
            'type': 'object',
            'properties': {'name': types.name, 'OS-DCF:diskConfig': disk_config,
                           'accessIPv4': access_ipv4, 'accessIPv6': access_ipv6},
            'additionalProperties': False,
        },
    },
    'required': ['server'],
    'additionalProperties': False,
}
_update_v219 = _server_props(_update_v21, description=description)
_update_v290 = _server_props(_update_v219, hostname=hostname)
_update_v294 = _server_props(_update_v290, hostname=fqdn)
_update_v2104 = _server_props(_update_v294, pinned_availability_zone=name_or_none)

update = [(None, '2.18', _update_v21), ('2.19', '2.89', _update_v219), ('2.90', '2.93', _update_v290),
          ('2.94', '2.103', _update_v294), ('2.104', None, _update_v2104)]

_rebuild_v21 = {
    'type': 'object',
    'properties': {
        'rebuild': {
            'type': 'object',
            'properties': {
                'name': types.name, 'imageRef': uuid, 'adminPass': admin_password,
                'metadata': metadata, 'preserve_ephemeral': types.boolean,
                'OS-DCF:diskConfig': disk_config, 'accessIPv4': access_ipv4,
                'accessIPv6': access_ipv6, 'personality': personality,
            },
            'required': ['imageRef'],
            'additionalProperties': False,
        },
    },
    'required': ['rebuild'],
    'additionalProperties': False,
}


def _rebuild_props(schema, **props):
    return types.with_properties(schema, 'rebuild', **props)


_rebuild_v219 = _rebuild_props(_rebuild_v21, description=description)
_rebuild_v254 = _rebuild_props(_rebuild_v219, key_name=name_or_none)
_rebuild_v257 = _rebuild_props(types.without_properties(_rebuild_v254, 'rebuild', 'personality'),
                               user_data={'type': ['string', 'null'], 'maxLength': 65535})
_rebuild_v263 = _rebuild_props(_rebuild_v257, trusted_image_certificates=trusted_certs)
_rebuild_v290 = _rebuild_props(_rebuild_v263, hostname=hostname)
_rebuild_v294 = _rebuild_props(_rebuild_v290, hostname=fqdn)

rebuild = [(None, '2.18', _rebuild_v21), ('2.19', '2.53', _rebuild_v219),
           ('2.54', '2.56', _rebuild_v254), ('2.57', '2.62', _rebuild_v257),
           ('2.63', '2.89', _rebuild_v263), ('2.90', '2.93', _rebuild_v290),
           ('2.94', None, _rebuild_v294)]


def _action(name, body_schema=None, required=True):
    schema = {'type': 'object', 'properties': {name: body_schema if body_schema is not None else {}},
              'required': [name], 'additionalProperties': False}
    return schema


def _obj(properties, required=()):
    result = {'type': 'object', 'properties': properties, 'additionalProperties': False}
    if required:
        result['required'] = list(required)
    return result


resize = _action('resize', _obj({'flavorRef': flavor_ref, 'OS-DCF:diskConfig': disk_config},
                                ['flavorRef']))
create_image = _action('createImage', _obj({'name': types.name, 'metadata': metadata}, ['name']))
reboot = _action('reboot', _obj({'type': {'type': 'string', 'enum': ['HARD', 'Hard', 'hard', 'SOFT',
                                                                     'Soft', 'soft']}}, ['type']))
start = _action('os-start')
stop = _action('os-stop')
confirm_resize = _action('confirmResize')
revert_resize = _action('revertResize')
trigger_crash_dump = _action('trigger_crash_dump', {'type': 'null'})
# Nova 34 takes any value under these keys (a null-only rule is only planned), as clients send {}.
simple = {name: _action(name) for name in (
    'pause', 'unpause', 'suspend', 'resume', 'unrescue', 'shelve', 'shelveOffload', 'forceDelete',
    'restore', 'injectNetworkInfo')}
# Up to 2.72 any value; from 2.73 Nova validates nothing at all.
unlock = [(None, '2.72', _action('unlock'))]
lock_v273 = _action('lock', {'type': ['object', 'null'], 'properties': {
    'locked_reason': {'type': 'string', 'minLength': 1, 'maxLength': 255}},
    'additionalProperties': False})
lock = [(None, '2.72', _action('lock')), ('2.73', None, lock_v273)]

rescue = _action('rescue', {'type': ['object', 'null'], 'properties': {
    'adminPass': admin_password, 'rescue_image_ref': uuid}, 'additionalProperties': False})

_unshelve_v277 = _action('unshelve', {'type': ['object', 'null'], 'properties': {
    'availability_zone': types.name}, 'required': ['availability_zone'],
    'additionalProperties': False})
# Nova's schema takes any strings; the zone and the host are then looked up.
_unshelve_v291 = _action('unshelve', {'type': ['object', 'null'], 'properties': {
    'availability_zone': {'type': ['string', 'null']}, 'host': {'type': 'string'}},
    'additionalProperties': False})
unshelve = [(None, '2.76', _action('unshelve')), ('2.77', '2.90', _unshelve_v277),
            ('2.91', None, _unshelve_v291)]

change_password = _action('changePassword', _obj({'adminPass': admin_password}, ['adminPass']))
create_backup = _action('createBackup', _obj({
    'name': types.name,
    'backup_type': {'type': 'string'},
    'rotation': {'type': ['integer', 'string'], 'pattern': '^[0-9]+$', 'minimum': 0},
    'metadata': metadata}, ['name', 'backup_type', 'rotation']))
reset_state = _action('os-resetState', _obj({'state': {'type': 'string', 'enum': ['active', 'error']}},
                                            ['state']))
console_output = _action('os-getConsoleOutput', {
    'type': 'object',
    'properties': {'length': {'type': ['integer', 'string', 'null'], 'pattern': '^-?[0-9]+$',
                              'minimum': -1}},
    'additionalProperties': False})
security_group = {name: _action(name, _obj({'name': {'type': 'string', 'minLength': 1}},
                                           ['name']))
                  for name in ('addSecurityGroup', 'removeSecurityGroup')}

_migrate_v256 = _action('migrate', {'type': ['object', 'null'], 'properties': {
    'host': {'oneOf': [fqdn, {'type': 'null'}]}},
                                    'additionalProperties': False})
# Before 2.56 Nova validates nothing.
migrate = [('2.56', None, _migrate_v256)]

_live_v21 = _action('os-migrateLive', _obj({
    'block_migration': types.boolean, 'disk_over_commit': types.boolean,
    'host': {'oneOf': [fqdn, {'type': 'null'}]}}, ['block_migration', 'disk_over_commit', 'host']))
_live_v225 = _action('os-migrateLive', _obj({
    'block_migration': {'oneOf': [types.boolean, {'type': 'string', 'enum': ['auto']}]},
    'host': {'oneOf': [fqdn, {'type': 'null'}]}}, ['block_migration', 'host']))
_live_v230 = copy.deepcopy(_live_v225)
_live_v230['properties']['os-migrateLive']['properties']['force'] = types.boolean
_live_v268 = copy.deepcopy(_live_v225)
migrate_live = [(None, '2.24', _live_v21), ('2.25', '2.29', _live_v225), ('2.30', '2.67', _live_v230),
                ('2.68', None, _live_v268)]

_evacuate_v21 = _action('evacuate', _obj({'host': fqdn, 'onSharedStorage': types.boolean,
                                          'adminPass': admin_password}, ['onSharedStorage']))
_evacuate_v214 = _action('evacuate', _obj({'host': fqdn, 'adminPass': admin_password}))
_evacuate_v229 = copy.deepcopy(_evacuate_v214)
_evacuate_v229['properties']['evacuate']['properties']['force'] = types.boolean
_evacuate_v268 = copy.deepcopy(_evacuate_v214)
_evacuate_v295 = copy.deepcopy(_evacuate_v214)
evacuate = [(None, '2.13', _evacuate_v21), ('2.14', '2.28', _evacuate_v214),
            ('2.29', '2.67', _evacuate_v229), ('2.68', None, _evacuate_v268)]

# --- query strings ------------------------------------------------------------------------

JOINED_TABLE_PARAMS = ('block_device_mapping', 'services', 'metadata', 'system_metadata',
                       'info_cache', 'security_groups', 'pci_devices')

IGNORED_SORT_KEYS = ('architecture', 'cell_name', 'cleaned', 'default_ephemeral_device',
                     'default_swap_device', 'deleted', 'deleted_at', 'disable_terminate',
                     'ephemeral_gb', 'ephemeral_key_uuid', 'id', 'key_data', 'launched_on',
                     'locked', 'memory_mb', 'os_type', 'reservation_id', 'root_gb',
                     'shutdown_terminate', 'user_data', 'vcpus', 'vm_mode')
SORT_KEYS = ('access_ip_v4', 'access_ip_v6', 'auto_disk_config', 'availability_zone', 'config_drive',
             'created_at', 'display_description', 'display_name', 'host', 'hostname', 'image_ref',
             'instance_type_id', 'kernel_id', 'key_name', 'launch_index', 'launched_at',
             'locked_by', 'node', 'power_state', 'progress', 'project_id', 'ramdisk_id',
             'root_device_name', 'task_state', 'terminated_at', 'updated_at', 'user_id', 'uuid',
             'vm_state')

_param = types.multi({'type': 'string'})
_regex = types.multi({'type': 'string', 'format': 'regex'})

_index_query = {
    'type': 'object',
    'properties': dict(
        {name: _param for name in ('user_id', 'project_id', 'tenant_id', 'launch_index', 'image_ref',
                                   'image', 'vm_state', 'task_state', 'host', 'uuid', 'sort_dir',
                                   'all_tenants', 'soft_deleted', 'deleted', 'status', 'marker')},
        **{name: _regex for name in (
            'kernel_id', 'ramdisk_id', 'hostname', 'key_name', 'power_state', 'node', 'flavor',
            'reservation_id', 'launched_at', 'terminated_at', 'availability_zone', 'name',
            'display_name', 'description', 'display_description', 'locked_by', 'root_device_name',
            'config_drive', 'access_ip_v4', 'access_ip_v6', 'auto_disk_config', 'progress', 'ip',
            'ip6', 'created_at')},
        **{name: _param for name in JOINED_TABLE_PARAMS},
        **{'sort_key': types.multi({'type': 'string', 'enum': list(SORT_KEYS + IGNORED_SORT_KEYS)}),
           'changes-since': types.multi({'type': 'string', 'format': 'date-time'}),
           'limit': types.multi(types.non_negative_integer)}),
    'additionalProperties': True,
    'patternProperties': {'^_': _param},
}
_index_query_v226 = types.with_properties(_index_query, '', **{
    name: _regex for name in ('tags', 'tags-any', 'not-tags', 'not-tags-any')})
_index_query_v266 = types.with_properties(_index_query_v226, '', **{
    'changes-before': types.multi({'type': 'string', 'format': 'date-time'})})
_index_query_v273 = types.with_properties(_index_query_v266, '', locked=_param, sort_key=types.multi(
    {'type': 'string', 'enum': list(SORT_KEYS + ('locked',)
                                    + tuple(k for k in IGNORED_SORT_KEYS if k != 'locked'))}))
_index_query_v275 = types.with_properties(_index_query_v273, '', sort_key=types.multi(
    {'type': 'string', 'enum': list(SORT_KEYS + ('locked',))}))
_index_query_v275['additionalProperties'] = False

index_query = [(None, '2.25', _index_query), ('2.26', '2.65', _index_query_v226),
               ('2.66', '2.72', _index_query_v266), ('2.73', '2.74', _index_query_v273),
               ('2.75', None, _index_query_v275)]

show_query = [('2.102', None, {'type': 'object', 'properties': {}, 'additionalProperties': False})]
