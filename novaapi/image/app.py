"""The image endpoint (a Glance v2 subset): version discovery and ``/v2/images``.

Errors come back the way Glance's WebOb exceptions render (the body follows
the client's ``Accept``); a missing or bad token gets keystonemiddleware's 401.
"""

import json

from paste import deploy

from novaapi import conf
from novaapi import exception
from novaapi.image import api
from novaapi.image import views
from novaapi.image import wsgi
from novaapi.web import faults

DEFAULT_LIMIT = 25
MAX_LIMIT = 1000
PATCH_TYPES = ('application/openstack-images-v2.1-json-patch',
               'application/openstack-images-v2.0-json-patch')
# Query parameters with a meaning of their own; any other one filters on a custom property.
RESERVED_PARAMS = ('limit', 'marker', 'sort_key', 'sort_dir', 'sort', 'visibility', 'tag',
                   'member_status', 'size_min', 'size_max', 'created_at', 'updated_at',
                   'protected', 'os_hidden') + api.FILTER_COLUMNS
WRITABLE_COLUMNS = ('name', 'visibility', 'protected', 'min_disk', 'min_ram', 'disk_format',
                    'container_format', 'os_hidden', 'tags')


def _versions_body(req):
    href = req.host_url + req.script_name + '/v2/'
    return {'versions': [{'id': 'v2.%d' % minor,
                          'status': 'CURRENT' if minor == 16 else 'SUPPORTED',
                          'links': [{'rel': 'self', 'href': href}]}
                         for minor in range(16, -1, -1)]}


def versions(req):
    """Glance answers its root with 300 and ``/versions`` with 200, both listing v2.x."""
    status = 200 if req.path_info.rstrip('/') == '/versions' else 300
    return wsgi.json_response(_versions_body(req), status=status)


def render_error(req, err):
    """A WebOb HTTP exception, as Glance raises them (plain, HTML or JSON per ``Accept``)."""
    return faults.GLANCE.render(req, err)


def bad_request(message):
    return wsgi.ApiError(400, message)


def forbidden(action):
    return wsgi.ApiError(403, 'You are not authorized to complete %s action.' % action)


def _not_found(image_id):
    return wsgi.ApiError(404, 'No image found with ID %s' % image_id)


def _load(call, image_id):
    try:
        return api.get(call.sess, call.ctx, image_id)
    except exception.ImageNotFound:
        raise _not_found(image_id) from None


def _owned(call, image, action):
    if not (call.ctx.is_admin or image.owner == call.ctx.project_id):
        raise forbidden(action)


def _limit(params):
    raw = params.get('limit')
    if raw is None:
        return DEFAULT_LIMIT
    try:
        limit = int(raw)
    except ValueError:
        raise bad_request('limit param must be an integer') from None
    if limit < 0:
        raise bad_request('limit param must be positive')
    return min(limit, MAX_LIMIT)


def _sort(params):
    key, direction = params.get('sort_key', 'created_at'), params.get('sort_dir', 'desc')
    if key not in api.SORT_KEYS:
        raise bad_request('Invalid sort key: %s. It must be one of the following: %s.'
                          % (key, ', '.join(api.SORT_KEYS)))
    if direction not in ('asc', 'desc'):
        raise bad_request('Invalid sort direction: %s' % direction)
    return key, direction


def _filters(params):
    filters = {}
    for column in api.FILTER_COLUMNS:
        if column in params:
            value = params[column]
            filters[column] = value[3:].split(',') if value.startswith('in:') else [value]
    for status in filters.get('status', []):
        if status not in api.STATUSES:
            raise bad_request('Invalid status value: %s' % status)
    visibility = params.get('visibility')
    if visibility is not None and visibility not in api.VISIBILITIES + ('all',):
        raise bad_request('Invalid visibility value: %s' % visibility)
    properties = {k: v for k, v in params.items() if k not in RESERVED_PARAMS}
    return filters, visibility, properties


def index(call):
    """``GET /v2/images``: Glance's filters, newest first, pages with ``next``."""
    params = call.params
    limit = _limit(params)
    sort_key, sort_dir = _sort(params)
    filters, visibility, properties = _filters(params)
    # Glance leaves hidden images out of lists unless asked for them.
    hidden = params.get('os_hidden', 'false').lower() in ('true', '1', 'yes', 'on')
    try:
        rows = api.list_images(call.sess, call.ctx, filters, visibility, limit,
                               params.get('marker'), sort_key, sort_dir, properties,
                               params.getall('tag'), hidden)
    except exception.ImageNotFound:
        raise bad_request('Invalid marker. Image %s could not be found.'
                          % params.get('marker')) from None
    return wsgi.json_response(views.index(rows, list(params.items()), limit))


def show(call, image_id):
    return wsgi.json_response(views.image(_load(call, image_id)))


def _check_writable(call, values):
    for key in values:
        if key in views.READ_ONLY:
            raise wsgi.ApiError(403, "Attribute '%s' is read-only." % key)
    if values.get('visibility') == 'public' and not call.ctx.is_admin:
        raise forbidden('publicize_image')
    for key, allowed in (('visibility', api.VISIBILITIES), ('disk_format', api.DISK_FORMATS),
                         ('container_format', api.CONTAINER_FORMATS)):
        if key in values and values[key] not in allowed:
            raise bad_request("Invalid value '%s' for %s: it must be one of %s."
                              % (values[key], key, ', '.join(allowed)))
    for key in ('min_disk', 'min_ram'):
        if key in values and not (isinstance(values[key], int) and values[key] >= 0):
            raise bad_request('%s must be a non-negative integer.' % key)


def create(call):
    """``POST /v2/images``: a queued image record (201)."""
    body = call.body(bad_request)
    image_id = body.pop('id', None)
    tags = body.pop('tags', [])
    _check_writable(call, body)
    columns = {k: body.pop(k) for k in list(body) if k in WRITABLE_COLUMNS}
    if image_id:
        columns['id'] = image_id
        if api.exists(call.sess, image_id):
            raise wsgi.ApiError(409, 'Image with identifier %s already exists!' % image_id)
    image = api.create(call.sess, call.ctx, columns, body, tags)
    return wsgi.json_response(views.image(image), status=201,
                              headers={'Location': '/v2/images/%s' % image.id})


def _patch_ops(call):
    if call.req.content_type not in PATCH_TYPES:
        raise wsgi.ApiError(415, 'Unsupported Content-Type')
    try:
        ops = json.loads(call.req.body or b'null')
    except ValueError:
        raise bad_request('Malformed JSON in request body.') from None
    if not isinstance(ops, list):
        raise bad_request('Request body must be a JSON array of operation objects.')
    return ops


def update(call, image_id):
    """``PATCH /v2/images/{id}``: JSON-patch ``add``/``replace``/``remove`` of attributes."""
    image = _load(call, image_id)
    _owned(call, image, 'modify_image')
    changes, removed = {}, []
    for op in _patch_ops(call):
        if not isinstance(op, dict) or op.get('op') not in ('add', 'replace', 'remove'):
            raise bad_request('Operation objects must contain exactly one member named '
                              '"add", "remove", or "replace".')
        name = str(op.get('path', '')).lstrip('/')
        if op['op'] == 'remove':
            removed.append(name)
        else:
            changes[name] = op.get('value')
    _check_writable(call, dict(changes, **{n: None for n in removed if n in views.READ_ONLY}))
    api.update(call.sess, image, changes, removed)
    return wsgi.json_response(views.image(image))


def delete(call, image_id):
    """``DELETE /v2/images/{id}``: owner or admin; protected images stay (403)."""
    image = _load(call, image_id)
    _owned(call, image, 'delete_image')
    if image.protected:
        raise wsgi.ApiError(403, 'Image %s is protected and cannot be deleted.' % image_id)
    api.delete(call.sess, image.id)
    return wsgi.no_content()


ROUTES = [
    ('/v2/images', {'GET': index, 'POST': create}),
    ('/v2/images/{image_id}', {'GET': show, 'PATCH': update, 'DELETE': delete}),
]


def build():
    """The image endpoint as nova-api serves it: the ``image`` pipeline of api-paste.ini."""
    return deploy.loadapp('config:' + conf.CONF.paste_config, name='image')


def app_factory(global_conf, **local_conf):
    """PasteDeploy ``app`` factory of the image endpoint (behind the filters)."""
    return wsgi.application(ROUTES, versions, render_error, public_paths=('/versions',))
