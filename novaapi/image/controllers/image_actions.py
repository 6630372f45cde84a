"""Image actions: deactivate, reactivate, the interoperable ``import``, and tags."""

from novaapi import exception
from novaapi.image import data
from novaapi.image.controllers import images
from novaapi.web import responses


def _run(action, image_id, *args):
    try:
        action(*args)
    except exception.NovaException as err:
        raise images.domain_error(err, image_id) from None
    return responses.no_content()


def deactivate(call, image_id):
    """``POST /v2/images/{id}/actions/deactivate``: 204 (admins)."""
    return _run(data.deactivate, image_id, call.ctx, image_id)


def reactivate(call, image_id):
    """``POST /v2/images/{id}/actions/reactivate``: 204 (admins)."""
    return _run(data.reactivate, image_id, call.ctx, image_id)


def _method(body):
    method = body.get('method')
    if not isinstance(method, dict) or not isinstance(method.get('name'), str):
        raise images.bad_request('Import request requires a \'method\' field.')
    for flag in ('all_stores', 'all_stores_must_succeed'):
        if flag in body and not isinstance(body[flag], bool):
            raise images.bad_request("'%s' must be a boolean" % flag)
    stores = body.get('stores', [])
    if not isinstance(stores, list) or not all(isinstance(s, str) for s in stores):
        raise images.bad_request("'stores' must be a list of store identifiers")
    return method['name'], stores


def import_image(call, image_id):
    """``POST /v2/images/{id}/import``: 202 with no body once the import is under way."""
    name, stores = _method(call.body(images.bad_request))
    if stores:
        raise images.bad_request('Multi backend is not supported at this site.')
    _run(data.import_image, image_id, call.ctx, image_id, name)
    resp = responses.no_content()
    resp.status = 202
    return resp


def add_tag(call, image_id, tag):
    """``PUT /v2/images/{id}/tags/{tag}``: 204, idempotent."""
    return _run(data.add_tag, image_id, call.ctx, image_id, tag)


def delete_tag(call, image_id, tag):
    """``DELETE /v2/images/{id}/tags/{tag}``: 204; 404 for a tag the image lacks."""
    return _run(data.delete_tag, image_id, call.ctx, image_id, tag)
