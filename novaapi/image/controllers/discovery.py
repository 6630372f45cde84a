"""``/v2/info/*``: the import methods this site offers, its (single) store, the quota usage."""

from novaapi.image import data
from novaapi.image import images
from novaapi.web import errors as web_errors
from novaapi.web import responses


def import_info(call):
    """``GET /v2/info/import``: the enabled import methods."""
    return responses.json_response({'import-methods': {
        'description': 'Import methods available.', 'type': 'array',
        'value': list(data.IMPORT_METHODS)}})


def stores(call):
    """``GET /v2/info/stores``: one file store and no multi-store, so 404 as Glance answers."""
    raise web_errors.ApiError(404, 'Multi backend is not supported at this site.')


def stores_detail(call):
    """``GET /v2/info/stores/detail``: Glance lists the stores before the admin check: 404."""
    return stores(call)


def usage(call):
    """``GET /v2/info/usage``: ``{"usage": {resource: {"limit", "usage"}}}``."""
    return responses.json_response({'usage': images.usage(call.ctx)})
