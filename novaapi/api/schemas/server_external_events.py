"""Request schemas of ``/os-server-external-events``: event names grow with the microversion."""

_NAMES = ['network-changed', 'network-vif-plugged', 'network-vif-unplugged', 'network-vif-deleted']


def _create(*extra):
    return {
        'type': 'object',
        'properties': {'events': {'type': 'array', 'minItems': 1, 'items': {
            'type': 'object',
            'properties': {'name': {'type': 'string', 'enum': _NAMES + list(extra)},
                           'server_uuid': {'type': 'string', 'format': 'uuid'},
                           'status': {'type': 'string', 'enum': ['failed', 'completed', 'in-progress']},
                           'tag': {'type': 'string', 'maxLength': 255}},
            'required': ['name', 'server_uuid'],
            'additionalProperties': False}}},
        'required': ['events'],
        'additionalProperties': False,
    }


_EXTRA = ('volume-extended', 'power-update', 'accelerator-request-bound', 'volume-reimaged')
create = [(None, '2.50', _create()), ('2.51', '2.75', _create(*_EXTRA[:1])),
          ('2.76', '2.81', _create(*_EXTRA[:2])), ('2.82', '2.92', _create(*_EXTRA[:3])),
          ('2.93', None, _create(*_EXTRA))]
