"""Nova's request schemas of the floating IP proxy and the floating IP server actions."""

_ip_address = {'type': 'string', 'oneOf': [{'format': 'ipv4'}, {'format': 'ipv6'}]}

create = {'type': ['object', 'null'], 'properties': {'pool': {'type': ['string', 'null']}}}

add_floating_ip = {
    'type': 'object',
    'properties': {'addFloatingIp': {
        'type': 'object',
        'properties': {'address': _ip_address, 'fixed_address': _ip_address},
        'required': ['address'], 'additionalProperties': False}},
    'required': ['addFloatingIp'], 'additionalProperties': False,
}

remove_floating_ip = {
    'type': 'object',
    'properties': {'removeFloatingIp': {
        'type': 'object', 'properties': {'address': _ip_address},
        'required': ['address'], 'additionalProperties': False}},
    'required': ['removeFloatingIp'], 'additionalProperties': False,
}

NO_QUERY = {}
