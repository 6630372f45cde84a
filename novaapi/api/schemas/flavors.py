"""Request schemas of the flavor APIs."""

from novaapi.api.schemas import types
from novaapi.compute import flavors

_flavor_id = {'type': ['string', 'number', 'null'], 'minLength': 1, 'maxLength': 255,
              'pattern': r'^(?! )[a-zA-Z0-9. _-]+(?<! )$'}

_create_v21 = {
    'type': 'object',
    'properties': {
        'flavor': {
            'type': 'object',
            'properties': {
                'name': types.name,
                'id': _flavor_id,
                'ram': types.positive_integer,
                'vcpus': types.positive_integer,
                'disk': types.non_negative_integer,
                'OS-FLV-EXT-DATA:ephemeral': types.non_negative_integer,
                'swap': types.non_negative_integer,
                'rxtx_factor': {'type': ['number', 'string'], 'pattern': r'^[0-9]+(\.[0-9]+)?$',
                                'minimum': 0, 'exclusiveMinimum': True, 'maximum': 3.40282e+38},
                'os-flavor-access:is_public': types.boolean,
            },
            'required': ['name', 'ram', 'vcpus', 'disk'],
            'additionalProperties': False,
        },
    },
    'required': ['flavor'],
    'additionalProperties': False,
}
_create_v255 = types.with_properties(_create_v21, 'flavor', description=types.description)
_create_v2102 = types.without_properties(_create_v255, 'flavor', 'rxtx_factor')

create = [(None, '2.54', _create_v21), ('2.55', '2.101', _create_v255), ('2.102', None, _create_v2102)]

update = {
    'type': 'object',
    'properties': {
        'flavor': {
            'type': 'object',
            'properties': {'description': types.description},
            'required': ['description'],
            'additionalProperties': False,
        },
    },
    'required': ['flavor'],
    'additionalProperties': False,
}

_index_query_v21 = {
    'type': 'object',
    'properties': {
        'limit': types.multi(types.non_negative_integer),
        'marker': types.multi({'type': 'string'}),
        'is_public': types.multi({'type': 'string'}),
        'minRam': types.multi({'type': 'string'}),
        'minDisk': types.multi({'type': 'string'}),
        'sort_key': types.multi({'type': 'string', 'enum': list(flavors.SORT_KEYS)}),
        'sort_dir': types.multi({'type': 'string', 'enum': ['asc', 'desc']}),
    },
    'additionalProperties': True,
}
_index_query_v275 = types.strict_query(_index_query_v21)
_index_query_v2102 = types.with_properties(_index_query_v275, '', name=types.multi({'type': 'string'}))

index_query = [(None, '2.74', _index_query_v21), ('2.75', '2.101', _index_query_v275),
               ('2.102', None, _index_query_v2102)]

# Any project id as Nova's schema has it; the identity service then says whether it exists.
_tenant = {'type': 'string', 'minLength': 1, 'maxLength': 255}

add_tenant_access = {
    'type': 'object',
    'properties': {
        'addTenantAccess': {
            'type': 'object',
            'properties': {'tenant': _tenant},
            'required': ['tenant'],
            'additionalProperties': False,
        },
    },
    'required': ['addTenantAccess'],
    'additionalProperties': False,
}

remove_tenant_access = {
    'type': 'object',
    'properties': {
        'removeTenantAccess': {
            'type': 'object',
            'properties': {'tenant': _tenant},
            'required': ['tenant'],
            'additionalProperties': False,
        },
    },
    'required': ['removeTenantAccess'],
    'additionalProperties': False,
}

_spec_key = r'^[a-zA-Z0-9-_:. /]{1,255}$'
_spec_value = {'type': ['string', 'number', 'boolean'], 'minLength': 0, 'maxLength': 255}

extra_specs_create = {
    'type': 'object',
    'properties': {
        'extra_specs': {
            'type': 'object',
            'patternProperties': {_spec_key: _spec_value},
            'additionalProperties': False,
        },
    },
    'required': ['extra_specs'],
    'additionalProperties': False,
}

extra_specs_update = {
    'type': 'object',
    'patternProperties': {_spec_key: _spec_value},
    'minProperties': 1,
    'maxProperties': 1,
    'additionalProperties': False,
}
