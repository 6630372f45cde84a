"""``/v2/images``: list with Glance's filters and paging, show, create, patch, delete."""

from novaapi import exception
from novaapi.image import data
from novaapi.image import images
from novaapi.image import queries
from novaapi.image import views
from novaapi.web import errors as web_errors
from novaapi.web import request as web_request
from novaapi.web import responses

PATCH_TYPES = ('application/openstack-images-v2.1-json-patch',
               'application/openstack-images-v2.0-json-patch')


def bad_request(message):
    return web_errors.ApiError(400, message)


def domain_error(err, image_id=None):
    """The Glance answer to a domain error: its status and message (Glance's words for 404)."""
    if isinstance(err, exception.ImageNotFound):
        return web_errors.ApiError(404, 'No image found with ID %s' % image_id)
    return web_errors.ApiError(err.code, err.message)


def index(call):
    """``GET /v2/images``: Glance's filters, newest first, pages with ``next``."""
    try:
        query = queries.read(call.params)
    except exception.Invalid as err:
        raise bad_request(err.message) from None
    try:
        rows = images.list_images(call.ctx, **query)
    except exception.ImageNotFound:
        raise bad_request('No image found with ID %s' % query['marker']) from None
    except exception.NovaException as err:
        raise domain_error(err) from None
    return responses.json_response(views.index(rows, list(call.params.items()), query['limit']))


def show(call, image_id):
    try:
        image = images.get(call.ctx, image_id)
    except exception.NovaException as err:
        raise domain_error(err, image_id) from None
    return responses.json_response(views.image(image))


def create(call):
    """``POST /v2/images``: a queued image record (201)."""
    body = call.body(bad_request)
    try:
        image = images.create(call.ctx, body)
    except exception.NovaException as err:
        raise domain_error(err) from None
    return responses.json_response(views.image(image), status=201, headers={
        'Location': '/v2/images/%s' % image.id,
        'OpenStack-image-import-methods': ','.join(data.IMPORT_METHODS)})


def _patch_ops(call):
    if call.req.content_type not in PATCH_TYPES:
        raise web_errors.ApiError(415, 'Unsupported Content-Type',
                                  headers={'Accept-Patch': ', '.join(reversed(PATCH_TYPES))})
    try:
        ops = web_request.parse_json(web_request.read_body(call.req) or b'null')
    except web_errors.MalformedBody:
        raise bad_request('Malformed JSON in request body.') from None
    if not isinstance(ops, list):
        raise bad_request('Request body must be a JSON array of operation objects.')
    return ops


def _path(raw):
    """The attribute a JSON pointer names (one segment, ``~1`` for ``/``, ``~0`` for ``~``)."""
    if not isinstance(raw, str) or not raw.startswith('/') or '/' in raw[1:] or raw == '/':
        raise bad_request('Unable to find \'%s\' in JSON Schema change' % (raw,))
    return raw[1:].replace('~1', '/').replace('~0', '~')


def _op(op, draft4):
    """``(verb, name, value)`` of one operation, in either patch media type's form."""
    if not isinstance(op, dict):
        raise bad_request('Operations must be JSON objects.')
    if draft4:
        verbs = [v for v in ('add', 'remove', 'replace') if v in op]
        if len(verbs) != 1:
            raise bad_request('Operation objects must contain exactly one member named '
                              '"add", "remove", or "replace".')
        verb, raw = verbs[0], op[verbs[0]]
    else:
        verb, raw = op.get('op'), op.get('path')
        if verb not in ('add', 'remove', 'replace'):
            raise bad_request('Invalid operation: `%s`: it must be one of add, remove, replace.'
                              % (verb,))
    if verb != 'remove' and 'value' not in op:
        raise bad_request('Operation "%s" requires a member named "value".' % verb)
    return verb, _path(raw), op.get('value')


def _patch(call):
    """``[(verb, name, value)]`` of the request's operations, in order."""
    draft4 = call.req.content_type == PATCH_TYPES[1]
    return [_op(op, draft4) for op in _patch_ops(call)], draft4


def update(call, image_id):
    """``PATCH /v2/images/{id}``: JSON-patch ``add``/``replace``/``remove`` of attributes."""
    try:
        image = images.update(call.ctx, image_id, lambda: _patch(call))
    except exception.NovaException as err:
        raise domain_error(err, image_id) from None
    return responses.json_response(views.image(image))


def delete(call, image_id):
    """``DELETE /v2/images/{id}``: owner or admin; protected images stay (403)."""
    try:
        images.delete(call.ctx, image_id)
    except exception.NovaException as err:
        raise domain_error(err, image_id) from None
    return responses.no_content()
