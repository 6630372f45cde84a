"""Query and body schemas of ``/os-migrations`` and ``/servers/{server_id}/migrations``."""

from novaapi.api.schemas import server_sub
from novaapi.api.schemas import types

_one = {'type': 'array', 'maxItems': 1}
_strings = types.multi({'type': 'string'})
_time = {'type': 'string', 'format': 'date-time'}

_index_v21 = {
    'type': 'object',
    'properties': {name: _strings for name in ('hidden', 'host', 'instance_uuid', 'source_compute',
                                               'status', 'migration_type')},
    'additionalProperties': True,
}
_index_v259 = types.strict_query(types.with_properties(_index_v21, '', **{
    'limit': dict(_one, items=types.non_negative_integer),
    'marker': dict(_one, items={'type': 'string'}),
    'changes-since': dict(_one, items=_time)}))
_index_v266 = types.with_properties(_index_v259, '', **{
    'changes-before': dict(_one, items=_time)})
_index_v280 = types.with_properties(_index_v266, '', user_id=dict(_one, items={'type': 'string'}),
                                    project_id=dict(_one, items={'type': 'string'}))

index_query = [(None, '2.58', _index_v21), ('2.59', '2.65', _index_v259),
               ('2.66', '2.79', _index_v266), ('2.80', None, _index_v280)]

force_complete = {
    'type': 'object',
    'properties': {'force_complete': {'type': 'null'}},
    'required': ['force_complete'],
    'additionalProperties': False,
}

server_query = server_sub.NO_QUERY
