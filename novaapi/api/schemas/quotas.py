"""Request schemas of the quota set and quota class set APIs."""

import copy

from novaapi.api.schemas import types

NETWORK_QUOTAS = ('fixed_ips', 'floating_ips', 'security_group_rules', 'security_groups')
FILE_QUOTAS = ('injected_files', 'injected_file_content_bytes', 'injected_file_path_bytes')

_limit = {'type': ['integer', 'string'], 'pattern': '^-?[0-9]+$', 'minimum': -1,
          'maximum': types.MAX_INT}

_RESOURCES = ('instances', 'cores', 'ram', 'floating_ips', 'fixed_ips', 'metadata_items',
              'key_pairs', 'security_groups', 'security_group_rules', 'injected_files',
              'injected_file_content_bytes', 'injected_file_path_bytes', 'server_groups',
              'server_group_members')


def _body(key, dropped=(), extra=None):
    properties = {name: copy.deepcopy(_limit) for name in _RESOURCES if name not in dropped}
    properties.update(extra or {})
    return {
        'type': 'object',
        'properties': {key: {'type': 'object', 'properties': properties,
                             'additionalProperties': False}},
        'required': [key],
        'additionalProperties': False,
    }


_force = {'force': types.boolean}

update = [(None, '2.35', _body('quota_set', extra=_force)),
          ('2.36', '2.56', _body('quota_set', NETWORK_QUOTAS, _force)),
          ('2.57', None, _body('quota_set', NETWORK_QUOTAS + FILE_QUOTAS, _force))]

class_update = [(None, '2.49', _body('quota_class_set')),
                ('2.50', '2.56', _body('quota_class_set', NETWORK_QUOTAS)),
                ('2.57', None, _body('quota_class_set', NETWORK_QUOTAS + FILE_QUOTAS))]

_user_query = {'type': 'object', 'properties': {'user_id': types.multi({'type': 'string'})},
               'additionalProperties': True}
user_query = [(None, '2.74', _user_query), ('2.75', None, types.strict_query(_user_query))]

_any_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}
class_show_query = [(None, '2.101', _any_query), ('2.102', None, types.strict_query(_any_query))]
# Nova keeps the defaults loose at every version.
defaults_query = _any_query
