"""Request schema of ``POST /_sim/behaviours`` (the simulator's control API)."""

_text = {'type': 'string', 'minLength': 1, 'maxLength': 255}
_kinds = ['build-fail', 'build-slow', 'build-stuck', 'no-valid-host', 'action-fail',
          'action-hang', 'host-down', 'api-fault']

create = {
    'type': 'object',
    'properties': {'behaviour': {
        'type': 'object',
        'properties': {
            'kind': {'type': 'string', 'enum': _kinds},
            'project_id': _text, 'name': _text, 'flavor': _text, 'image': _text, 'host': _text,
            'action': {'type': 'string', 'minLength': 1, 'maxLength': 32},
            'method': {'type': 'string', 'enum': ['*', 'GET', 'HEAD', 'POST', 'PUT', 'PATCH',
                                                  'DELETE', 'get', 'head', 'post', 'put',
                                                  'patch', 'delete']},
            'path': {'type': 'string', 'pattern': '^/', 'maxLength': 255},
            'status': {'type': 'integer', 'minimum': 400, 'maximum': 599},
            'message': {'type': 'string', 'minLength': 1, 'maxLength': 1024},
            'delay': {'type': 'number', 'minimum': 0, 'maximum': 3600},
            'count': {'type': ['integer', 'null'], 'minimum': 1, 'maximum': 1000000},
        },
        'required': ['kind'],
        'additionalProperties': False,
    }},
    'required': ['behaviour'],
    'additionalProperties': False,
}
