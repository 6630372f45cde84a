"""Request schemas of ``/servers/{server_id}/remote-consoles`` and the console token query."""

import copy

from novaapi.api.schemas import server_sub

_create_v26 = {
    'type': 'object',
    'properties': {
        'remote_console': {
            'type': 'object',
            'properties': {
                'protocol': {'type': 'string', 'enum': ['vnc', 'spice', 'serial', 'rdp']},
                'type': {'type': 'string',
                         'enum': ['novnc', 'xvpvnc', 'spice-html5', 'serial', 'rdp-html5']},
            },
            'required': ['protocol', 'type'],
            'additionalProperties': False,
        },
    },
    'required': ['remote_console'],
    'additionalProperties': False,
}
_create_v28 = copy.deepcopy(_create_v26)
_create_v28['properties']['remote_console']['properties']['protocol']['enum'].append('mks')
_create_v28['properties']['remote_console']['properties']['type']['enum'].append('webmks')
_create_v299 = copy.deepcopy(_create_v28)
_create_v299['properties']['remote_console']['properties']['type']['enum'].append('spice-direct')

create = [('2.6', '2.7', _create_v26), ('2.8', '2.98', _create_v28), ('2.99', None, _create_v299)]

token_query = [(None, '2.98', server_sub.LOOSE), ('2.99', None, server_sub.STRICT)]


def _legacy(action, types):
    return {
        'type': 'object',
        'properties': {
            action: {
                'type': 'object',
                'properties': {'type': {'type': 'string', 'enum': types}},
                'required': ['type'],
                'additionalProperties': False,
            },
        },
        'required': [action],
        'additionalProperties': False,
    }


get_vnc_console = _legacy('os-getVNCConsole', ['novnc', 'xvpvnc'])
get_spice_console = _legacy('os-getSPICEConsole', ['spice-html5'])
get_serial_console = _legacy('os-getSerialConsole', ['serial'])
