"""Request schemas of ``/servers/{server_id}/os-interface``."""

from novaapi.api.schemas import server_sub
from novaapi.api.schemas import types

_ip_address = {'type': 'string', 'oneOf': [{'format': 'ipv4'}, {'format': 'ipv6'}]}

_create_v21 = {
    'type': 'object',
    'properties': {
        'interfaceAttachment': {
            'type': 'object',
            'properties': {
                'net_id': server_sub.uuid,
                'port_id': server_sub.uuid,
                'fixed_ips': {
                    'type': 'array', 'minItems': 1, 'maxItems': 1,
                    'items': {
                        'type': 'object',
                        'properties': {'ip_address': _ip_address},
                        'required': ['ip_address'],
                        'additionalProperties': False,
                    },
                },
            },
            'additionalProperties': False,
        },
    },
    'additionalProperties': False,
}
_create_v249 = types.with_properties(_create_v21, 'interfaceAttachment', tag=server_sub.tag)

create = [(None, '2.48', _create_v21), ('2.49', None, _create_v249)]
