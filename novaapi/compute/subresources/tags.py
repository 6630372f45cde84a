"""Server tags (``/servers/{id}/tags``, 2.26): up to 50, 60 characters each, no ``/`` or ``,``.

The functions taking ``ctx`` and a server id serve one request each, in one
transaction.  Their policy rule ``os-server-tags:<rule>`` is checked against
the project of the server, deleted or not, as Nova checks it against the
instance mapping: another project's server is a 403, not a 404.
"""

import jsonschema
import sqlalchemy as sa

from novaapi.compute import instances
from novaapi.compute import models
from novaapi.compute import policy
from novaapi.compute import states as s
from novaapi.compute.subresources import common
from novaapi.compute.subresources import errors
from novaapi.db import engine

T = models.Tag
MAX_TAG_COUNT = 50
TAG_SCHEMA = {'type': 'string', 'pattern': '^[^,/]*$', 'minLength': 1, 'maxLength': 60}
# Tags change only on servers in these vm_states (no task or lock check, as in Nova).
ALLOWED = (s.ACTIVE, s.PAUSED, s.SUSPENDED, s.STOPPED)


def _owner_project(sess, server_id):
    """The project of the server ``server_id``, deleted or not: Nova's instance mapping.

    :raises errors.InstanceMappingNotFound: no such server was ever created
    """
    project_id = sess.scalar(sa.select(models.Instance.project_id)
                             .where(models.Instance.uuid == server_id))
    if project_id is None:
        raise errors.InstanceMappingNotFound(uuid=server_id)
    return project_id


def _names(sess, server_id):
    return list(sess.scalars(sa.select(T.tag).where(T.resource_id == server_id).order_by(T.tag)))


def _get_all(sess, ctx, server_id):
    """:raises exception.InstanceNotFound: deleted, or not visible to ``ctx``"""
    instances.get(sess, ctx, server_id)
    return _names(sess, server_id)


def _exists(sess, ctx, server_id, tag):
    instances.get(sess, ctx, server_id)
    return sess.scalar(sa.select(sa.func.count()).select_from(T)
                       .where(T.resource_id == server_id, T.tag == tag)) > 0


def _writable(sess, ctx, server_id, action):
    """The server, if its vm_state lets tags change (409 worded with ``action`` otherwise)."""
    common.begin_write(sess)
    instance = instances.get(sess, ctx, server_id, lock=True)
    if instance.vm_state not in ALLOWED:
        raise common.invalid_state(instance, action, 'vm_state', instance.vm_state)
    return instance


def _validate(tag):
    """:raises errors.InvalidTag: with jsonschema's words for what is wrong"""
    try:
        jsonschema.validate(tag, TAG_SCHEMA)
    except jsonschema.ValidationError as exc:
        raise errors.InvalidTag(tag=tag, err=exc.message) from None


def _add(sess, instance, tag):
    """Add ``tag``; False when the server already had it.

    :raises errors.TooManyTags: the server already has 50 tags
    """
    current = _names(sess, instance.uuid)
    if len(current) >= MAX_TAG_COUNT:
        raise errors.TooManyTags(limit=MAX_TAG_COUNT)
    if tag in current:
        return False
    sess.add(T(resource_id=instance.uuid, tag=tag))
    sess.flush()
    return True


def _replace(sess, instance, tags):
    wanted = set(tags)
    current = set(_names(sess, instance.uuid))
    if current - wanted:
        sess.execute(sa.delete(T).where(T.resource_id == instance.uuid, T.tag.in_(current - wanted))
                     .execution_options(synchronize_session=False))
    for tag in sorted(wanted - current):
        sess.add(T(resource_id=instance.uuid, tag=tag))
    sess.flush()
    return _names(sess, instance.uuid)


def _delete(sess, instance, tag):
    """:raises errors.InstanceTagNotFound:"""
    result = sess.execute(sa.delete(T).where(T.resource_id == instance.uuid, T.tag == tag)
                          .execution_options(synchronize_session=False))
    if not result.rowcount:
        raise errors.InstanceTagNotFound(instance_id=instance.uuid, tag=tag)


def _delete_all(sess, instance):
    sess.execute(sa.delete(T).where(T.resource_id == instance.uuid)
                 .execution_options(synchronize_session=False))


def _authorize(sess, ctx, server_id, rule):
    policy.authorize(ctx, 'os-server-tags:' + rule,
                     target={'project_id': _owner_project(sess, server_id)})


def list_tags(ctx, server_id):
    """The server's tags, sorted."""
    with engine.transaction() as sess:
        _authorize(sess, ctx, server_id, 'index')
        return _get_all(sess, ctx, server_id)


def check_tag(ctx, server_id, tag):
    """:raises errors.ServerTagNotFound: the server has no tag ``tag``"""
    with engine.transaction() as sess:
        _authorize(sess, ctx, server_id, 'show')
        if not _exists(sess, ctx, server_id, tag):
            raise errors.ServerTagNotFound(server_id=server_id, tag=tag)


def add_tag(ctx, server_id, tag):
    """Tag the server; False when it already had ``tag``.

    :raises errors.InvalidTag: / :raises errors.TooManyTags: / a state error (409)
    """
    with engine.transaction() as sess:
        _authorize(sess, ctx, server_id, 'update')
        instance = _writable(sess, ctx, server_id, 'update tag')
        _validate(tag)
        return _add(sess, instance, tag)


def replace_tags(ctx, server_id, tags):
    """Make ``tags`` the server's tags; returns them sorted."""
    with engine.transaction() as sess:
        _authorize(sess, ctx, server_id, 'update_all')
        return _replace(sess, _writable(sess, ctx, server_id, 'update tags'), tags)


def remove_tag(ctx, server_id, tag):
    """:raises errors.InstanceTagNotFound:"""
    with engine.transaction() as sess:
        _authorize(sess, ctx, server_id, 'delete')
        _delete(sess, _writable(sess, ctx, server_id, 'delete tag'), tag)


def remove_all_tags(ctx, server_id):
    with engine.transaction() as sess:
        _authorize(sess, ctx, server_id, 'delete_all')
        _delete_all(sess, _writable(sess, ctx, server_id, 'delete tags'))
