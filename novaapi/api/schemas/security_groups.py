"""Request schemas of Nova's security group proxies (os-security-groups, -rules)."""

from novaapi.api.schemas import types

ANY_QUERY = {}

_text = {'type': 'string', 'minLength': 0, 'maxLength': 255}

create = {
    'type': 'object',
    'properties': {
        'security_group': {
            'type': 'object',
            'properties': {'name': _text, 'description': _text},
            'required': ['name', 'description'],
        },
    },
    'required': ['security_group'],
}
"""Create and update alike; other keys are let through, as Nova does."""

create_rule = {
    'type': 'object',
    'properties': {
        'security_group_rule': {
            'type': 'object',
            'properties': {
                'group_id': {'type': ['string', 'null'], 'format': 'uuid'},
                'parent_group_id': {'type': 'string', 'format': 'uuid'},
            },
            'required': ['parent_group_id'],
        },
    },
    'required': ['security_group_rule'],
}

index_query = {
    'type': 'object',
    'properties': {
        'limit': types.multi(types.non_negative_integer),
        'offset': types.multi(types.non_negative_integer),
        'all_tenants': types.multi({'type': 'string'}),
    },
}
