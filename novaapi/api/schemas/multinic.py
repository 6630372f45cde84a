"""Nova's request schemas of the multinic server actions (``addFixedIp``, ``removeFixedIp``)."""

add_fixed_ip = {
    'type': 'object',
    'properties': {'addFixedIp': {
        'type': 'object',
        # A network's id: Nova takes a number too (nova-network's integer ids of old).
        'properties': {'networkId': {'type': ['string', 'number'], 'minLength': 1,
                                     'maxLength': 36}},
        'required': ['networkId'], 'additionalProperties': False}},
    'required': ['addFixedIp'], 'additionalProperties': False,
}

remove_fixed_ip = {
    'type': 'object',
    'properties': {'removeFixedIp': {
        'type': 'object',
        'properties': {'address': {'type': 'string',
                                   'oneOf': [{'format': 'ipv4'}, {'format': 'ipv6'}]}},
        'required': ['address'], 'additionalProperties': False}},
    'required': ['removeFixedIp'], 'additionalProperties': False,
}
