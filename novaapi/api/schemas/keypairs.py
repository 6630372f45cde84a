"""Request schemas of the key pair API."""

from novaapi.api.schemas import types


def _name(pattern):
    return {'allOf': [types.plain_name, {'type': 'string', 'pattern': pattern, 'minLength': 1,
                                   'maxLength': 255}]}


_create_v21 = {
    'type': 'object',
    'properties': {
        'keypair': {
            'type': 'object',
            'properties': {
                'name': _name(r'^[_\- a-zA-Z0-9]+$'),
                'public_key': {'type': 'string'},
            },
            'required': ['name'],
            'additionalProperties': False,
        },
    },
    'required': ['keypair'],
    'additionalProperties': False,
}
_create_v22 = types.with_properties(_create_v21, 'keypair',
                                    type={'type': 'string', 'enum': ['ssh', 'x509']})
_create_v210 = types.with_properties(_create_v22, 'keypair', user_id={'type': 'string'})
_create_v292 = types.with_properties(_create_v210, 'keypair', name=_name(r'^[_\-\@\. a-zA-Z0-9]+$'))
_create_v292['properties']['keypair']['required'] = ['name', 'public_key']

create = [(None, '2.1', _create_v21), ('2.2', '2.9', _create_v22), ('2.10', '2.91', _create_v210),
          ('2.92', None, _create_v292)]

_any_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}
_user_query = {'type': 'object', 'properties': {'user_id': types.multi({'type': 'string'})},
               'additionalProperties': True}
_paged_query = types.with_properties(_user_query, '', limit=types.multi(types.non_negative_integer),
                                     marker=types.multi({'type': 'string'}))

index_query = [(None, '2.9', _any_query), ('2.10', '2.34', _user_query),
               ('2.35', '2.74', _paged_query), ('2.75', None, types.strict_query(_paged_query))]

show_query = [(None, '2.9', _any_query), ('2.10', '2.74', _user_query),
              ('2.75', None, types.strict_query(_user_query))]

delete_query = show_query
