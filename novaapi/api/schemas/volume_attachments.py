"""Request and query schemas of ``/servers/{server_id}/os-volume_attachments``."""

from novaapi.api.schemas import server_sub
from novaapi.api.schemas import types

_device = {'type': ['string', 'null'], 'pattern': '(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$'}


def _body(**properties):
    return {
        'type': 'object',
        'properties': {
            'volumeAttachment': {
                'type': 'object',
                'properties': properties,
                'required': ['volumeId'],
                'additionalProperties': False,
            },
        },
        'required': ['volumeAttachment'],
        'additionalProperties': False,
    }


_create_v21 = _body(volumeId=server_sub.uuid, device=_device)
_create_v249 = types.with_properties(_create_v21, 'volumeAttachment', tag=server_sub.tag)
_create_v279 = types.with_properties(_create_v249, 'volumeAttachment',
                                     delete_on_termination=types.boolean)
create = [(None, '2.48', _create_v21), ('2.49', '2.78', _create_v249), ('2.79', None, _create_v279)]

_update_v21 = _body(volumeId=server_sub.uuid)
_update_v285 = _body(volumeId=server_sub.uuid, device=_device, tag=server_sub.tag,
                     delete_on_termination=types.boolean, serverId=server_sub.uuid,
                     id=server_sub.uuid)
update = [(None, '2.84', _update_v21), ('2.85', None, _update_v285)]

_index_v21 = {
    'type': 'object',
    'properties': {
        'limit': types.multi(types.non_negative_integer),
        'offset': types.multi(types.non_negative_integer),
    },
    'additionalProperties': True,
}
index_query = [(None, '2.74', _index_v21), ('2.75', None, types.strict_query(_index_v21))]
# NOTE: Nova defines a 2.102 variant of the show query but does not apply it.
show_query = server_sub.LOOSE

_text = {'type': 'string', 'minLength': 1}

assisted_snapshot_create = {
    'type': 'object',
    'properties': {
        'snapshot': {
            'type': 'object',
            'properties': {
                'volume_id': _text,
                'create_info': {
                    'type': 'object',
                    'properties': {'snapshot_id': _text, 'type': {'type': 'string', 'enum': ['qcow2']},
                                   'new_file': _text, 'id': _text},
                    'required': ['snapshot_id', 'type', 'new_file'],
                    'additionalProperties': False,
                },
            },
            'required': ['volume_id', 'create_info'],
            'additionalProperties': False,
        },
    },
    'required': ['snapshot'],
    'additionalProperties': False,
}

_delete_query = {'type': 'object', 'properties': {'delete_info': types.multi({'type': 'string'})}}
assisted_snapshot_delete_query = [(None, '2.74', _delete_query),
                                  ('2.75', None, types.strict_query(_delete_query))]
