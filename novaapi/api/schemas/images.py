"""Request schemas of Nova's image proxy (``/images`` and ``/images/{image_id}/metadata``)."""

from novaapi.api.schemas import types

ANY_QUERY = {'type': 'object', 'properties': {}, 'additionalProperties': True}

index_query = {
    'type': 'object',
    'properties': {
        'limit': types.multi(types.positive_integer),
        'page_size': types.multi(types.positive_integer),
        'offset': types.multi(types.positive_integer),
    },
    'additionalProperties': True,
}
