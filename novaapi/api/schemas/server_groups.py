"""Request schemas of the server group API."""

import copy

from novaapi.api.schemas import types


def _policies(*names):
    # Exactly one policy, in a list (Draft 4's positional ``items``).
    return {'type': 'array', 'items': [{'type': 'string', 'enum': list(names)}],
            'uniqueItems': True, 'minItems': 1, 'maxItems': 1, 'additionalItems': False}


_create_v21 = {
    'type': 'object',
    'properties': {
        'server_group': {
            'type': 'object',
            'properties': {
                'name': types.name,
                'policies': _policies('anti-affinity', 'affinity'),
            },
            'required': ['name', 'policies'],
            'additionalProperties': False,
        },
    },
    'required': ['server_group'],
    'additionalProperties': False,
}
_create_v215 = types.with_properties(_create_v21, 'server_group', policies=_policies(
    'anti-affinity', 'affinity', 'soft-anti-affinity', 'soft-affinity'))
_create_v264 = types.without_properties(_create_v215, 'server_group', 'policies')
_create_v264['properties']['server_group']['properties'].update({
    'policy': {'type': 'string',
               'enum': ['anti-affinity', 'affinity', 'soft-anti-affinity', 'soft-affinity']},
    'rules': {'type': 'object',
              'properties': {'max_server_per_host': copy.deepcopy(types.positive_integer)},
              'additionalProperties': False},
})
_create_v264['properties']['server_group']['required'] = ['name', 'policy']

create = [(None, '2.14', _create_v21), ('2.15', '2.63', _create_v215), ('2.64', None, _create_v264)]

_index_query = {
    'type': 'object',
    'properties': {
        'all_projects': types.multi({'type': 'string'}),
        'limit': types.multi(types.non_negative_integer),
        'offset': types.multi(types.non_negative_integer),
    },
    'additionalProperties': True,
}
index_query = [(None, '2.74', _index_query), ('2.75', None, types.strict_query(_index_query))]

_any_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}
show_query = [(None, '2.101', _any_query), ('2.102', None, types.strict_query(_any_query))]
