"""Request schemas of ``/os-services``."""

from novaapi.api.schemas import types

fqdn = {'type': 'string', 'pattern': '^[a-zA-Z0-9-._]*$', 'minLength': 1, 'maxLength': 255}
_text = {'type': 'string', 'minLength': 1, 'maxLength': 255}

_update_v21 = {
    'type': 'object',
    'properties': {'host': fqdn, 'binary': _text, 'disabled_reason': _text},
    'required': ['host', 'binary'],
    'additionalProperties': False,
}
_update_v211 = types.with_properties(_update_v21, '', forced_down=types.boolean)
_update_v253 = {
    'type': 'object',
    'properties': {'status': {'type': 'string', 'enum': ['enabled', 'disabled']},
                   'disabled_reason': _text, 'forced_down': types.boolean},
    'additionalProperties': False,
}
update = [(None, '2.10', _update_v21), ('2.11', '2.52', _update_v211), ('2.53', None, _update_v253)]

_index_query = {
    'type': 'object',
    'properties': {'host': types.multi({'type': 'string'}), 'binary': types.multi({'type': 'string'})},
    'additionalProperties': True,
}
index_query = [(None, '2.74', _index_query), ('2.75', None, types.strict_query(_index_query))]
