"""Request and query schemas of Nova's volume and snapshot proxies (``os-volumes``,
``os-snapshots``)."""

from novaapi.api.schemas import server_sub
from novaapi.api.schemas import types

create = {
    'type': 'object',
    'properties': {
        'volume': {
            'type': 'object',
            'properties': {
                'volume_type': {'type': 'string'},
                'metadata': {'type': 'object', 'properties': {}, 'additionalProperties': True},
                'snapshot_id': {'type': 'string'},
                'size': {'type': ['integer', 'string'], 'pattern': '^[0-9]+$', 'minimum': 1},
                'availability_zone': {'type': 'string'},
                'display_name': {'type': 'string'},
                'display_description': {'type': 'string'},
            },
            'required': ['size'],
            'additionalProperties': False,
        },
    },
    'required': ['volume'],
    'additionalProperties': False,
}

create_snapshot = {
    'type': 'object',
    'properties': {
        'snapshot': {
            'type': 'object',
            'properties': {
                'volume_id': {'type': 'string'},
                'force': types.boolean,
                'display_name': {'type': 'string'},
                'display_description': {'type': 'string'},
            },
            'required': ['volume_id'],
            'additionalProperties': False,
        },
    },
    'required': ['snapshot'],
    'additionalProperties': False,
}

index_query = {
    'type': 'object',
    'properties': {
        'limit': types.multi(types.non_negative_integer),
        'offset': types.multi(types.non_negative_integer),
    },
    'additionalProperties': True,
}

show_query = server_sub.LOOSE
