"""Image records: visibility, queries and the calls the compute API makes (snapshots, backups).

Every function takes an open session; the caller's transaction commits.
``ctx`` is a :class:`novaapi.context.RequestContext` (project_id, is_admin).
"""

import hashlib

import sqlalchemy as sa

from novaapi import exception
from novaapi.db import base
from novaapi.db import utils
from novaapi.identity import api as identity
from novaapi.image import models
from novaapi.image import policy
from novaapi.image import views

VISIBILITIES = ('public', 'private', 'shared', 'community')
STATUSES = ('queued', 'saving', 'uploading', 'importing', 'active', 'killed', 'deleted',
            'pending_delete', 'deactivated')
DISK_FORMATS = ('ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop')
CONTAINER_FORMATS = ('ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker', 'compressed')
SORT_KEYS = ('name', 'status', 'container_format', 'disk_format', 'size', 'id', 'created_at',
             'updated_at', 'visibility', 'owner', 'min_disk', 'min_ram')
# Columns a list can filter on with ``key=value`` or ``key=in:a,b``.
FILTER_COLUMNS = ('id', 'name', 'status', 'owner', 'disk_format', 'container_format')

CIRROS = dict(name='cirros', disk_format='qcow2', container_format='bare', size=21430272,
              virtual_size=117440512, min_disk=0, min_ram=0, status='active',
              visibility='public', checksum='c8fc807773e5354afe61636071771906')


def view(image):
    """Glance's JSON dict of one image (see :func:`novaapi.image.views.image`)."""
    return views.image(image)


def image_meta_for_server(image):
    """The image facts Nova keeps with a server: ``{id, name, status, min_disk, min_ram, size,
    disk_format, container_format, properties}``."""
    return {'id': image.id, 'name': image.name, 'status': image.status,
            'min_disk': image.min_disk, 'min_ram': image.min_ram, 'size': image.size,
            'disk_format': image.disk_format, 'container_format': image.container_format,
            'properties': image.properties_dict}


def _visible(query, ctx):
    """The ``get_image`` rule as a filter: public and community images, and the caller's own."""
    if policy.unrestricted(ctx, 'get_image'):
        return query
    img = models.Image
    return query.where(sa.or_(img.visibility.in_(policy.PUBLIC), img.owner == ctx.project_id))


def get(sess, ctx, image_id):
    """The image ``image_id`` if ``ctx`` may see it.

    :raises exception.ImageNotFound: unknown or not visible
    """
    query = _visible(sa.select(models.Image).where(models.Image.id == str(image_id)), ctx)
    image = sess.scalars(query).first()
    if image is None:
        raise exception.ImageNotFound(image_id=image_id)
    return image


def _listed(query, ctx, visibility):
    """Glance's list rules: without a ``visibility`` filter, others' community images stay out."""
    img = models.Image
    if visibility == 'all':
        return _visible(query, ctx)
    if visibility is not None:
        return _visible(query.where(img.visibility == visibility), ctx)
    if ctx.is_admin:
        return query.where(sa.or_(img.visibility != 'community', img.owner == ctx.project_id))
    return query.where(sa.or_(img.visibility == 'public', img.owner == ctx.project_id))


def list_images(sess, ctx, filters=None, visibility=None, limit=None, marker=None,
                sort_key='created_at', sort_dir='desc', properties=None, tags=(), hidden=None):
    """A page of the images ``ctx`` may list.

    :param filters: ``{column: [values]}`` for the columns of :data:`FILTER_COLUMNS`
    :param visibility: one of :data:`VISIBILITIES`, ``'all'`` or None (Glance's default set)
    :param marker: id of the last image of the previous page
    :param properties: ``{name: value}`` custom properties every image must carry
    :param hidden: True or False keeps only images with that ``os_hidden``; None keeps all
    :raises exception.ImageNotFound: the marker is not a visible image
    """
    img = models.Image
    query = _listed(sa.select(img), ctx, visibility)
    if hidden is not None:
        query = query.where(img.os_hidden.is_(hidden))
    for column, values in (filters or {}).items():
        query = query.where(getattr(img, column).in_(values))
    for name, value in (properties or {}).items():
        query = query.where(img.properties.any(sa.and_(models.ImageProperty.name == name,
                                                       models.ImageProperty.value == value)))
    for tag in tags:
        query = query.where(img.tags.any(models.ImageTag.value == tag))
    marker_row = get(sess, ctx, marker) if marker else None
    keys = [sort_key] + [k for k in ('created_at', 'id') if k != sort_key]
    query = utils.paginate(query, img, limit, keys, [sort_dir] * len(keys), marker_row)
    return list(sess.scalars(query))


def exists(sess, image_id):
    """Whether any image, visible or not, has this id."""
    return sess.get(models.Image, str(image_id)) is not None


def list_by_property(sess, ctx, key, value):
    """Visible images whose custom property ``key`` equals ``value``, newest first."""
    return list_images(sess, ctx, visibility='all', properties={key: str(value)})


def create(sess, ctx, values, properties=None, tags=()):
    """Record a new image owned by the caller's project.

    :param values: column values (name, disk_format, visibility, ...)
    :param properties: custom properties, stored as strings
    """
    values = dict(values)
    values.setdefault('owner', ctx.project_id)
    values.setdefault('visibility', 'shared')
    image = models.Image(**values)
    for name, value in (properties or {}).items():
        image.properties.append(models.ImageProperty(name=name, value=_text(value)))
    for tag in dict.fromkeys(tags):
        image.tags.append(models.ImageTag(value=tag))
    sess.add(image)
    sess.flush()
    return image


def _text(value):
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return 'True' if value else 'False'
    return str(value)


def create_snapshot(sess, ctx, name, properties, status='queued', min_disk=0, min_ram=0,
                    disk_format='qcow2', container_format='bare'):
    """The image record of a server snapshot or backup: private to the caller's project.

    Nova's createImage/createBackup pass ``properties`` such as ``instance_uuid``,
    ``image_type`` (``snapshot``/``backup``), ``backup_type``, ``base_image_ref``
    and ``user_id``; they appear at the top level of the Glance view.
    """
    values = dict(name=name, status=status, min_disk=min_disk, min_ram=min_ram,
                  visibility='private', disk_format=disk_format,
                  container_format=container_format)
    return create(sess, ctx, values, properties)


def set_status(sess, image_id, status, size=None):
    """Move an image to ``status``; with ``size`` it also gets the checksums of its data.

    :returns: the image, or None when it no longer exists
    """
    image = sess.get(models.Image, image_id)
    if image is None:
        return None
    image.status = status
    if size is not None:
        image.size = size
        image.virtual_size = size
        image.checksum = hashlib.md5(image.id.encode(), usedforsecurity=False).hexdigest()
        image.os_hash_algo = 'sha512'
        image.os_hash_value = hashlib.sha512(image.id.encode()).hexdigest()
    image.updated_at = base.utcnow()
    return image


def delete(sess, image_id):
    """Remove an image record (no ownership check); False when there was none."""
    image = sess.get(models.Image, image_id)
    if image is None:
        return False
    sess.delete(image)
    sess.flush()
    return True


def update(sess, image, changes, removed=()):
    """Apply column ``changes`` and custom properties; names in ``removed`` go away."""
    columns = set(models.CORE_ATTRIBUTES)
    props = {p.name: p for p in image.properties}
    for name, value in changes.items():
        if name in columns:
            setattr(image, name, value)
        elif name == 'tags':
            image.tags[:] = [models.ImageTag(value=t) for t in dict.fromkeys(value)]
        elif name in props:
            props[name].value = _text(value)
        else:
            image.properties.append(models.ImageProperty(name=name, value=_text(value)))
    for name in removed:
        if name in props:
            image.properties.remove(props[name])
    image.updated_at = base.utcnow()
    sess.flush()
    return image


def _admin_project_id(sess):
    return identity.project_ids_by_name(sess, ['admin']).get('admin')


def seed(sess):
    """Register the public ``cirros`` image on a fresh deployment (when no image exists)."""
    if sess.scalar(sa.select(sa.func.count()).select_from(models.Image)):
        return
    image = models.Image(owner=_admin_project_id(sess), os_hash_algo='sha512', **CIRROS)
    image.os_hash_value = hashlib.sha512(b'cirros-0.6.2-x86_64-disk.img').hexdigest()
    sess.add(image)
    sess.flush()
