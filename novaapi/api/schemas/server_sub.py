"""Query-string schemas shared by the server sub-resources."""

LOOSE = {'type': 'object', 'properties': {}, 'additionalProperties': True}
STRICT = {'type': 'object', 'properties': {}, 'additionalProperties': False}

# No parameters: anything goes until 2.101; from 2.102 every unknown parameter is a 400.
NO_QUERY = [(None, '2.101', LOOSE), ('2.102', None, STRICT)]

uuid = {'type': 'string', 'format': 'uuid'}

tag = {'type': 'string', 'pattern': '^[^,/]*$', 'minLength': 1, 'maxLength': 60}
