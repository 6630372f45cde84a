"""Reusable JSON-schema fragments for request bodies and query strings."""

import copy

MAX_INT = 2147483647

boolean = {
    'type': ['boolean', 'string'],
    'enum': [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes',
             False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no'],
}

# Nova's 'name': printable characters of the Basic Multilingual Plane, no white space at either
# end (the format is checked in novaapi.api.validation).
name = {'type': 'string', 'format': 'name', 'minLength': 1, 'maxLength': 255}

# Text without control characters or a space at either end (key pair names add a pattern).
plain_name = {
    'type': 'string', 'minLength': 1, 'maxLength': 255,
    'pattern': r'^(?! )[^\x00-\x1f\x7f]*(?<! )$',
}

description = {
    'type': ['string', 'null'], 'minLength': 0, 'maxLength': 65535,
    'pattern': r'^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$',
}

# No upper bound, as in Nova: a huge offset or limit pages past the end.
positive_integer = {'type': ['integer', 'string'], 'pattern': '^[0-9]*$', 'minimum': 1,
                    'minLength': 1}
non_negative_integer = {'type': ['integer', 'string'], 'pattern': '^[0-9]*$', 'minimum': 0,
                        'minLength': 1}


def multi(schema):
    """Query values arrive as lists of strings."""
    return {'type': 'array', 'items': schema}


def strict_query(schema):
    """The 2.75-and-later form of a query schema: unknown names are a 400."""
    result = copy.deepcopy(schema)
    result['additionalProperties'] = False
    result['patternProperties'] = {'^_': {}}
    return result


def with_properties(schema, path, **properties):
    """Deep copy of ``schema`` with ``properties`` added under the dotted ``path``."""
    result = copy.deepcopy(schema)
    node = result
    for key in path.split('.') if path else ():
        node = node['properties'][key]
    node['properties'].update(properties)
    return result


def without_properties(schema, path, *names):
    result = copy.deepcopy(schema)
    node = result
    for key in path.split('.') if path else ():
        node = node['properties'][key]
    for key in names:
        node['properties'].pop(key, None)
    return result
