"""Images as the image endpoint serves them: Glance's rules and policy, one transaction a call.

Each function takes the caller's context and plain arguments and returns
loaded rows (their properties and tags included) for views rendered after the
commit.  The queries themselves are :mod:`novaapi.image.api`'s.
"""

import re

from novaapi import exception
from novaapi.db import engine
from novaapi.image import api
from novaapi.image import models
from novaapi.image import policy
from novaapi.image import quotas

# Attributes kept in columns when an image is created; the other keys become custom properties.
WRITABLE_COLUMNS = ('name', 'visibility', 'protected', 'min_disk', 'min_ram', 'disk_format',
                    'container_format', 'os_hidden', 'tags')
_UUID = re.compile(r'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$')


class ReadOnlyAttribute(exception.Forbidden):
    msg_fmt = "Attribute '%(name)s' is read-only."


ImageProtected = api.ImageProtected


class OtherOwner(exception.Forbidden):
    msg_fmt = "You are not permitted to create images owned by '%(owner)s'"


class ImageExists(exception.Conflict):
    msg_fmt = 'Image with identifier %(image_id)s already exists!'


def _loaded(image):
    """``image`` with its properties and tags read, for views rendered after the session closes."""
    image.properties, image.tags  # noqa: B018 - loads the relationships
    return image


def list_images(ctx, **query):
    """A page of the images ``ctx`` may list (``query`` as :func:`novaapi.image.api.list_images`).

    :raises exception.ImageNotFound: the marker is not a visible image
    """
    policy.authorize(ctx, 'get_images')
    with engine.transaction() as sess:
        return api.list_images(sess, ctx, **query)


def get(ctx, image_id):
    """:raises exception.ImageNotFound: unknown, or not visible to ``ctx``"""
    with engine.transaction() as sess:
        return api.get(sess, ctx, image_id)


def _check_writable(ctx, values):
    """Glance's checks of written attributes: read-only keys, publicizing, known values."""
    for key in values:
        if key in models.READ_ONLY:
            raise ReadOnlyAttribute(name=key)
    if values.get('visibility') == 'public':
        policy.authorize(ctx, 'publicize_image')
    if values.get('visibility') == 'community':
        policy.authorize(ctx, 'communitize_image', {'owner': ctx.project_id})
    for key, allowed in (('visibility', api.VISIBILITIES), ('disk_format', api.DISK_FORMATS),
                         ('container_format', api.CONTAINER_FORMATS)):
        if key in values and values[key] not in allowed:
            raise exception.Invalid("Invalid value '%s' for %s: it must be one of %s."
                                    % (values[key], key, ', '.join(allowed)))
    for key in ('min_disk', 'min_ram'):
        if key in values and not (isinstance(values[key], int) and values[key] >= 0):
            raise exception.Invalid('%s must be a non-negative integer.' % key)
    for key, value in values.items():
        if key in ('protected', 'os_hidden'):
            ok = isinstance(value, bool)
        elif key in ('min_disk', 'min_ram', 'tags'):
            continue
        else:
            ok = value is None or (isinstance(value, str) and len(value) <= 255
                                   if key in WRITABLE_COLUMNS else isinstance(value, str))
        if not ok or len(key) > 255:
            raise exception.Invalid("Provided object does not match schema 'image': invalid "
                                    "value for '%s'" % key[:255])
    tags = values.get('tags', [])
    if not (isinstance(tags, list) and all(isinstance(t, str) and len(t) <= 255 for t in tags)):
        raise exception.Invalid("Provided object does not match schema 'image': tags must be "
                                "a list of strings")


def create(ctx, attributes):
    """A queued image owned by the caller's project, from ``POST /v2/images``'s attributes.

    :param attributes: ``id`` and ``tags`` (optional), columns and custom properties
    :raises ReadOnlyAttribute, policy.Forbidden, exception.Invalid: a refused attribute
    :raises ImageExists: an image already has the requested ``id``
    """
    properties = dict(attributes)
    owner = properties.pop('owner', None) or ctx.project_id
    if not isinstance(owner, str) or len(owner) > 255:
        raise exception.Invalid("Provided object does not match schema 'image': 'owner' must be "
                                "a string of at most 255 characters")
    if not policy.check(ctx, 'add_image', {'owner': owner}) and owner != ctx.project_id:
        raise OtherOwner(owner=owner)
    policy.authorize(ctx, 'add_image', {'owner': owner})
    image_id = properties.pop('id', None)
    if image_id is not None and not (isinstance(image_id, str) and _UUID.match(image_id)):
        raise exception.Invalid("Provided object does not match schema 'image': 'id' must be "
                                "a UUID string")
    _check_writable(ctx, properties)
    tags = properties.pop('tags', [])
    columns = {k: properties.pop(k) for k in list(properties) if k in WRITABLE_COLUMNS}
    with engine.transaction() as sess:
        quotas.enforce(sess, ctx.project_id, quotas.IMAGE_COUNT_TOTAL, 1)
        if image_id:
            columns['id'] = image_id
            if api.exists(sess, image_id):
                raise ImageExists(image_id=image_id)
        columns['owner'] = owner
        return _loaded(api.create(sess, ctx, columns, properties, tags))


class PropertyMissing(exception.Conflict):
    msg_fmt = 'Property %(name)s does not exist.'


class PropertyExists(exception.Conflict):
    msg_fmt = 'Property %(name)s already present.'


class NotRemovable(exception.Forbidden):
    msg_fmt = 'Property %(name)s may not be removed.'


class QueuedOnly(exception.Forbidden):
    msg_fmt = 'Attribute %(name)s can be only replaced for a queued image.'


def _apply(image, ops, draft4):
    """Glance's rules for each operation against the image as it is: ``(changes, removed)``."""
    present = set(image.properties_dict)
    changes, removed = {}, []
    for verb, name, value in ops:
        base = name in models.CORE_ATTRIBUTES or name in WRITABLE_COLUMNS
        if verb == 'remove':
            if name in models.READ_ONLY:
                raise ReadOnlyAttribute(name=name)
            if base:
                raise NotRemovable(name=name)
            if name not in present:
                raise PropertyMissing(name=name)
            present.discard(name)
            changes.pop(name, None)
            removed.append(name)
            continue
        if name in ('disk_format', 'container_format') and image.status not in (
                'queued', 'importing') and value != getattr(image, name):
            raise QueuedOnly(name=name)
        if not base and name not in models.READ_ONLY:
            if verb == 'replace' and name not in present:
                raise PropertyMissing(name=name)
            if verb == 'add' and draft4 and name in present:
                raise PropertyExists(name=name)
            if value is not None and not isinstance(value, str):
                raise exception.Invalid("Provided object does not match schema 'image': "
                                        "%r is not of type 'string'" % (value,))
            present.add(name)
        if name == 'tags' and not (isinstance(value, list)
                                   and all(isinstance(t, str) and len(t) <= 255 for t in value)):
            raise exception.Invalid("Provided object does not match schema 'image': tags must "
                                    "be a list of strings")
        if name in removed:
            removed.remove(name)
        changes[name] = value
    return changes, removed


def update(ctx, image_id, read_patch):
    """Apply a JSON patch to an image the caller may modify, all or nothing.

    :param read_patch: ``read_patch()`` returns ``([(verb, name, value)], draft4)``; it is
        called once the image is found and may be modified, so those refusals come first
    :raises exception.ImageNotFound: unknown, or not visible to ``ctx``
    :raises policy.Forbidden: not the caller's image
    :raises ReadOnlyAttribute, exception.Invalid, PropertyMissing, NotRemovable: a refused change
    """
    with engine.transaction() as sess:
        image = api.get(sess, ctx, image_id)
        policy.authorize(ctx, 'modify_image', policy.target(image))
        ops, draft4 = read_patch()
        changes, removed = _apply(image, ops, draft4)
        _check_writable(ctx, changes)
        return _loaded(api.update(sess, image, changes, removed))


def delete(ctx, image_id):
    """Delete an image the caller owns (or any, for an admin).

    :raises exception.ImageNotFound: unknown, or not visible to ``ctx``
    :raises policy.Forbidden: not the caller's image
    :raises ImageProtected: the image is protected
    """
    with engine.transaction() as sess:
        api.delete_image(sess, ctx, image_id)


def usage(ctx):
    """``/v2/info/usage``: the caller's project against its unified limits (empty without)."""
    with engine.transaction() as sess:
        return quotas.usage(sess, ctx.project_id)
