"""Request schemas of ``/servers/{server_id}/shares`` (2.97+)."""

from novaapi.api.schemas import server_sub

create = {
    'type': 'object',
    'properties': {'share': {
        'type': 'object',
        'properties': {'share_id': server_sub.uuid,
                       'tag': {'type': 'string', 'minLength': 1, 'maxLength': 255,
                               'pattern': '^[a-zA-Z0-9-]*$'}},
        'required': ['share_id'],
        'additionalProperties': False}},
    'required': ['share'],
    'additionalProperties': False,
}

query = server_sub.STRICT
