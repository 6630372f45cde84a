"""Nova's image proxy (``/images`` up to 2.35, ``/images/{id}/metadata`` up to 2.38): the
calls Nova makes to Glance for them, made through the image service's public interface
with the caller's credentials, so Glance's visibility and policy decide.

Each public function is one unit of work and returns plain dicts shaped as Nova's
translation of a Glance image: base attributes, ``properties`` (the custom ones, a
``block_device_mapping`` decoded from its JSON) and ``size`` 0 when there is no data.
"""

import json

from novaapi import exception
from novaapi.compute import quotas
from novaapi.db import engine
from novaapi.image import api as image_api

# Nova's query names -> the Glance filters it sends (``property-<name>`` -> ``<name>``).
FILTERS = {'name': 'name', 'status': 'status', 'server': 'instance_uuid', 'type': 'image_type',
           'minRam': 'min_ram', 'minDisk': 'min_disk'}
_JSON_PROPERTIES = ('block_device_mapping', 'mappings')


class ImageNotAuthorized(exception.Forbidden):
    msg_fmt = 'Not authorized for image %(image_id)s.'


class GlanceBadRequest(exception.Invalid):
    msg_fmt = '%(reason)s (HTTP 400)'


class _Query:
    """The Glance query Nova builds, with the methods the query reader uses."""

    def __init__(self, pairs):
        self.pairs = pairs

    def __contains__(self, key):
        return any(k == key for k, _v in self.pairs)

    def get(self, key, default=None):
        values = self.getall(key)
        return values[-1] if values else default

    def getall(self, key):
        return [v for k, v in self.pairs if k == key]

    def items(self):
        return list(self.pairs)


def glance_query(params):
    """The Glance filters Nova sends for its own query (``params``: ``[(name, value)]``)."""
    pairs = []
    for name, value in params:
        if name == 'changes-since':
            pairs.append(('updated_at', 'gte:' + value))
        elif name.startswith('property-'):
            pairs.append((name[len('property-'):], value))
        elif name in FILTERS:
            if name == 'server':
                value = value.rsplit('/', 1)[-1]
            elif name == 'status':
                value = value.lower()
            pairs.append((FILTERS[name], value))
    return _Query(pairs)


def _translate(image):
    properties = dict(image.properties_dict)
    for name in _JSON_PROPERTIES:
        if isinstance(properties.get(name), str):
            try:
                properties[name] = json.loads(properties[name])
            except ValueError:
                pass
    return {'id': image.id, 'name': image.name, 'status': image.status,
            'min_ram': image.min_ram, 'min_disk': image.min_disk, 'size': image.size or 0,
            'created_at': image.created_at, 'updated_at': image.updated_at or image.created_at,
            'properties': properties}


def list_images(ctx, params, limit=None, marker=None):
    """The images Glance lists for Nova's query, the first ``limit`` (all with None).

    :raises GlanceBadRequest: Glance refused the query or the marker
    """
    query = glance_query(params)
    if marker is not None:
        query.pairs.append(('marker', marker))
    with engine.transaction() as sess:
        try:
            rows = image_api.list_by_query(sess, ctx, query, limit)
        except exception.Invalid as err:
            raise GlanceBadRequest(reason=err.message) from None
        return [_translate(r) for r in rows]


def _get(sess, ctx, image_id):
    try:
        return image_api.get(sess, ctx, image_id)
    except exception.ImageNotFound:
        raise exception.ImageNotFound(image_id=image_id) from None


def show_image(ctx, image_id):
    """:raises exception.ImageNotFound:"""
    with engine.transaction() as sess:
        return _translate(_get(sess, ctx, image_id))


def delete_image(ctx, image_id):
    """:raises exception.ImageNotFound: ; :raises ImageNotAuthorized: Glance's 403"""
    with engine.transaction() as sess:
        try:
            image_api.delete_image(sess, ctx, image_id)
        except exception.ImageNotFound:
            raise exception.ImageNotFound(image_id=image_id) from None
        except exception.Forbidden:
            raise ImageNotAuthorized(image_id=image_id) from None


def metadata(ctx, image_id):
    """The image's custom properties (Nova's ``metadata``).

    :raises exception.ImageNotFound:
    """
    return show_image(ctx, image_id)['properties']


def write_metadata(ctx, image_id, change):
    """Nova's read-modify-write of an image's properties: ``change(properties)`` returns the
    new set, checked against the ``metadata_items`` quota, then written whole.

    :raises exception.ImageNotFound, ImageNotAuthorized, exception.MetadataLimitExceeded:
    :raises GlanceBadRequest: a reserved name
    """
    with engine.transaction() as sess:
        properties = change(dict(_get(sess, ctx, image_id).properties_dict))
        try:
            quotas.check_metadata_items(sess, ctx.project_id, ctx.user_id, properties)
        except exception.MetadataLimitExceeded:
            raise exception.Forbidden('Image metadata limit exceeded') from None
        try:
            image = image_api.replace_properties(sess, ctx, image_id, properties)
        except exception.Forbidden:
            raise ImageNotAuthorized(image_id=image_id) from None
        except exception.Invalid as err:
            raise GlanceBadRequest(reason=err.message) from None
        return _translate(image)['properties']
