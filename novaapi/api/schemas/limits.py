"""Query schema of the limits API."""

from novaapi.api.schemas import types

_index_query = {'type': 'object', 'properties': {'tenant_id': types.multi({'type': 'string'})},
                'additionalProperties': True}

index_query = [(None, '2.74', _index_query), ('2.75', None, types.strict_query(_index_query))]
