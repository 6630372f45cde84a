"""A server's user metadata (``/servers/{id}/metadata``): read, merge, replace, delete one key.

The functions taking ``ctx`` and a server id serve one request each, in one
transaction: they find the server, check the policy rule against its project,
then read or write (writes under the server's row lock).
"""

import sqlalchemy as sa

from novaapi.compute import models
from novaapi.compute import quotas
from novaapi.compute import states as s
from novaapi.compute.subresources import common
from novaapi.compute.subresources import errors
from novaapi.db import engine
from novaapi import exception

M = models.InstanceMetadata
# Nova's update/delete_instance_metadata: these vm_states, any task state, locked servers refused.
ALLOWED = (s.ACTIVE, s.PAUSED, s.SUSPENDED, s.STOPPED)


def _get_all(sess, instance):
    """``{key: value}`` in insertion order."""
    rows = sess.execute(sa.select(M.key, M.value).where(M.instance_uuid == instance.uuid)
                        .order_by(M.id))
    return {key: value for key, value in rows}


def _get_item(sess, instance, key):
    """:raises errors.MetadataItemNotFound:"""
    data = _get_all(sess, instance)
    if key not in data:
        raise errors.MetadataItemNotFound()
    return data[key]


def _check_quota(sess, ctx, metadata):
    quotas.check_metadata_items(sess, ctx.project_id, ctx.user_id, metadata)


def _update(sess, ctx, instance, metadata, delete=False, action='update metadata'):
    """Merge ``metadata`` in (or replace everything with it when ``delete``); return the result.

    :raises errors.MetadataLimitExceeded: more items than the ``metadata_items`` quota
    :raises exception.InstanceIsLocked: / :raises exception.InstanceInvalidState:
    """
    common.check(ctx, instance, action, ALLOWED, None)
    current = _get_all(sess, instance)
    wanted = dict(metadata) if delete else {**current, **metadata}
    _check_quota(sess, ctx, wanted)
    stale = [key for key in current if key not in wanted]
    if stale:
        sess.execute(sa.delete(M).where(M.instance_uuid == instance.uuid, M.key.in_(stale))
                     .execution_options(synchronize_session=False))
    for key, value in wanted.items():
        if key not in current:
            sess.add(M(instance_uuid=instance.uuid, key=key, value=value))
        elif current[key] != value:
            sess.execute(sa.update(M).where(M.instance_uuid == instance.uuid, M.key == key)
                         .values(value=value).execution_options(synchronize_session=False))
    sess.flush()
    return wanted


def _delete(sess, ctx, instance, key):
    """:raises errors.MetadataItemNotFound: / state and lock errors as :func:`_update`"""
    _get_item(sess, instance, key)
    common.check(ctx, instance, 'delete metadata', ALLOWED, None)
    sess.execute(sa.delete(M).where(M.instance_uuid == instance.uuid, M.key == key)
                 .execution_options(synchronize_session=False))


def list_metadata(ctx, server_id):
    """``{key: value}`` of the server."""
    with engine.transaction() as sess:
        return _get_all(sess, common.server(sess, ctx, server_id, 'server-metadata:index'))


def show_item(ctx, server_id, key):
    """:raises errors.MetadataItemNotFound:"""
    with engine.transaction() as sess:
        return _get_item(sess, common.server(sess, ctx, server_id, 'server-metadata:show'), key)


def _write(ctx, server_id, rule, metadata, replace):
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, rule, lock=True)
        return _update(sess, ctx, instance, metadata, delete=replace)


def merge_metadata(ctx, server_id, metadata):
    """Merge ``metadata`` into the server's; returns the result (see :func:`_update`)."""
    return _write(ctx, server_id, 'server-metadata:create', metadata, False)


def replace_metadata(ctx, server_id, metadata):
    """Make ``metadata`` the server's whole metadata; returns it (see :func:`_update`)."""
    return _write(ctx, server_id, 'server-metadata:update_all', metadata, True)


def set_item(ctx, server_id, key, meta):
    """Set the one item ``meta`` (``{key: value}``) of the URL's ``key``; returns ``meta``.

    :raises exception.Invalid: ``meta`` does not hold ``key``
    """
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, 'server-metadata:update', lock=True)
        if key not in meta:
            raise exception.Invalid('Request body and URI mismatch')
        _update(sess, ctx, instance, meta)
        return meta


def delete_item(ctx, server_id, key):
    """:raises errors.MetadataItemNotFound: / state and lock errors as :func:`_update`"""
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, 'server-metadata:delete', lock=True)
        _delete(sess, ctx, instance, key)
