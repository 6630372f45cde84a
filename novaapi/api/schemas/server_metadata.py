"""Request schemas of ``/servers/{server_id}/metadata``."""

import copy

metadata = {
    'type': 'object',
    'patternProperties': {'^[a-zA-Z0-9-_:. ]{1,255}$': {'type': 'string', 'maxLength': 255}},
    'additionalProperties': False,
}

_one_item = dict(copy.deepcopy(metadata), minProperties=1, maxProperties=1)

create = {
    'type': 'object',
    'properties': {'metadata': metadata},
    'required': ['metadata'],
    'additionalProperties': False,
}

update_all = copy.deepcopy(create)

update = {
    'type': 'object',
    'properties': {'meta': _one_item},
    'required': ['meta'],
    'additionalProperties': False,
}
