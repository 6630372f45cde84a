"""Request schemas of ``/os-aggregates``."""

from novaapi.api.schemas import types

fqdn = {'type': 'string', 'pattern': '^[a-zA-Z0-9-._]*$', 'minLength': 1, 'maxLength': 255}
# Printable, and no colon: "az:host" is the forced-host syntax.
_az_name = {'type': 'string', 'format': 'az_name', 'minLength': 1, 'maxLength': 255}
_zone = {'oneOf': [_az_name, {'type': 'null'}]}
_name_spaces = {'type': 'string', 'format': 'name_with_leading_trailing_spaces', 'minLength': 1,
                'maxLength': 255}


def _wrapped(key, properties, required=(), **extra):
    inner = dict({'type': 'object', 'properties': properties, 'additionalProperties': False}, **extra)
    if required:
        inner['required'] = list(required)
    return {'type': 'object', 'properties': {key: inner}, 'required': [key], 'additionalProperties': False}


create = _wrapped('aggregate', {'name': types.name, 'availability_zone': _zone}, ['name'])
update = _wrapped('aggregate', {'name': _name_spaces, 'availability_zone': _zone},
                  anyOf=[{'required': ['name']}, {'required': ['availability_zone']}])
add_host = _wrapped('add_host', {'host': fqdn}, ['host'])
remove_host = _wrapped('remove_host', {'host': fqdn}, ['host'])
set_metadata = _wrapped('set_metadata', {'metadata': {
    'type': 'object',
    'patternProperties': {'^[a-zA-Z0-9-_:. ]{1,255}$': {'type': ['string', 'null'], 'maxLength': 255}},
    'additionalProperties': False}}, ['metadata'])

images = {
    'type': 'object',
    'properties': {'cache': {'type': 'array', 'minItems': 1, 'items': {
        'type': 'object', 'properties': {'id': {'type': 'string', 'format': 'uuid'}},
        'required': ['id'], 'additionalProperties': False}}},
    'required': ['cache'],
    'additionalProperties': False,
}

_any = {'type': 'object', 'properties': {}, 'additionalProperties': True}
query = [(None, '2.101', _any), ('2.102', None, types.strict_query(_any))]
