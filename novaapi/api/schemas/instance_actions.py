"""Query schemas of ``/servers/{server_id}/os-instance-actions``."""

from novaapi.api.schemas import server_sub
from novaapi.api.schemas import types

_one = {'type': 'array', 'maxItems': 1}
_time = {'type': 'string', 'format': 'date-time'}

_index_v258 = {
    'type': 'object',
    'properties': {
        'limit': dict(_one, items=types.non_negative_integer),
        'marker': dict(_one, items={'type': 'string'}),
        'changes-since': dict(_one, items=_time),
    },
    'additionalProperties': False,
}
_index_v266 = types.with_properties(_index_v258, '', **{
    'changes-before': dict(_one, items=_time)})

index_query = [(None, '2.57', server_sub.LOOSE), ('2.58', '2.65', _index_v258),
               ('2.66', None, _index_v266)]
show_query = server_sub.NO_QUERY
