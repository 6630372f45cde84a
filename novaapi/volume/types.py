"""Volume types: the ``__DEFAULT__`` type every volume falls back to, and admin-made ones.

A type whose extra specs hold ``multiattach: "<is> True"`` makes multiattach volumes.
"""

import sqlalchemy as sa

from novaapi.db import engine
from novaapi.volume import errors
from novaapi.volume import models
from novaapi.volume import policy

DEFAULT_NAME = '__DEFAULT__'
MULTIATTACH_SPEC = 'multiattach'


def is_multiattach(vtype):
    value = str((vtype.extra_specs or {}).get(MULTIATTACH_SPEC, '')).strip()
    return value.lower() in ('<is> true', 'true')


def seed(sess):
    """Create ``__DEFAULT__`` on a fresh deployment."""
    if sess.scalars(sa.select(models.VolumeType)
                    .where(models.VolumeType.name == DEFAULT_NAME)).first() is None:
        sess.add(models.VolumeType(name=DEFAULT_NAME, description='Default Volume Type',
                                   is_public=True, extra_specs={}))
        sess.flush()


def default(sess):
    return sess.scalars(sa.select(models.VolumeType)
                        .where(models.VolumeType.name == DEFAULT_NAME)).one()


def find(sess, ref):
    """The type whose id or name is ``ref``.

    :raises errors.VolumeTypeNotFound:
    """
    ref = str(ref)
    row = sess.get(models.VolumeType, ref) if len(ref) <= 36 else None
    if row is None:
        row = sess.scalars(sa.select(models.VolumeType)
                           .where(models.VolumeType.name == ref)).first()
    if row is None:
        raise errors.VolumeTypeNotFound(volume_type_id=ref)
    return row


def find_for_volume(sess, ref):
    """The type a new volume gets: ``ref`` (id or name) or the default.

    :raises errors.VolumeTypeNotFoundByName: an unknown name or id
    """
    if ref is None or ref == '':
        return default(sess)
    try:
        return find(sess, ref)
    except errors.VolumeTypeNotFound:
        raise errors.VolumeTypeNotFoundByName(volume_type_name=ref) from None


def list_types(ctx):
    """Every public type (and private ones for admins), by name."""
    policy.authorize(ctx, 'volume_extension:type_get_all')
    with engine.transaction() as sess:
        query = sa.select(models.VolumeType).order_by(models.VolumeType.name)
        if not ctx.is_admin:
            query = query.where(models.VolumeType.is_public.is_(True))
        return list(sess.scalars(query))


def get_type(ctx, type_id):
    """The type ``type_id`` (id or name; ``default`` is the default type)."""
    policy.authorize(ctx, 'volume_extension:type_get')
    with engine.transaction() as sess:
        if type_id == 'default':
            return default(sess)
        row = find(sess, type_id)
        if not row.is_public and not ctx.is_admin:
            raise errors.VolumeTypeNotFound(volume_type_id=type_id)
        return row


def create_type(ctx, name, description=None, is_public=True, extra_specs=None):
    """:raises errors.VolumeTypeExists: the name is taken"""
    policy.authorize(ctx, 'volume_extension:types_manage')
    with engine.transaction() as sess:
        taken = sess.scalars(sa.select(models.VolumeType.id)
                             .where(models.VolumeType.name == name)).first()
        if taken is not None:
            raise errors.VolumeTypeExists(id=name)
        row = models.VolumeType(name=name, description=description, is_public=is_public,
                                extra_specs=dict(extra_specs or {}))
        sess.add(row)
        sess.flush()
        return row


def update_type(ctx, type_id, name=None, description=None, is_public=None):
    policy.authorize(ctx, 'volume_extension:types_manage')
    with engine.transaction() as sess:
        row = find(sess, type_id)
        if name is not None and name != row.name:
            if row.name == DEFAULT_NAME:
                raise errors.Invalid('The type %s cannot be renamed.' % DEFAULT_NAME)
            if sess.scalars(sa.select(models.VolumeType.id)
                            .where(models.VolumeType.name == name)).first() is not None:
                raise errors.VolumeTypeExists(id=name)
            row.name = name
        if description is not None:
            row.description = description
        if is_public is not None:
            row.is_public = is_public
        sess.flush()
        return row


def set_extra_specs(ctx, type_id, specs):
    policy.authorize(ctx, 'volume_extension:types_manage')
    with engine.transaction() as sess:
        row = find(sess, type_id)
        row.extra_specs = {**(row.extra_specs or {}), **specs}
        return dict(row.extra_specs)


def delete_type(ctx, type_id):
    """:raises errors.VolumeTypeInUse: / :raises errors.Invalid: the default type"""
    policy.authorize(ctx, 'volume_extension:types_manage')
    with engine.transaction() as sess:
        row = find(sess, type_id)
        if row.name == DEFAULT_NAME:
            raise errors.VolumeTypeDefaultDeletionError(volume_type_id=row.id)
        used = sess.scalar(sa.select(sa.func.count()).select_from(models.Volume)
                           .where(models.Volume.volume_type_id == row.id))
        if used:
            raise errors.VolumeTypeInUse(volume_type_id=row.id)
        sess.delete(row)
