"""Server groups: a scheduling policy (with rules) and the servers that are its members.

Rows carry ``policy`` (str) and ``rules`` (dict) whatever the microversion;
the API shows ``policies: [policy]`` before 2.64.  The functions taking
``ctx`` serve one request each, in one transaction; the ones taking ``sess``
compose inside a caller's transaction (the servers' create and delete).
"""

import sqlalchemy as sa

from novaapi.compute import models
from novaapi.compute import policy
from novaapi.compute import quotas
from novaapi.db import engine
from novaapi import exception

POLICIES = ('anti-affinity', 'affinity', 'soft-anti-affinity', 'soft-affinity')


def get(sess, ctx, group_id):
    """The group with uuid ``group_id`` (any project: callers check policy on ``.project_id``).

    :raises exception.InstanceGroupNotFound:
    """
    group = sess.scalars(sa.select(models.ServerGroup).where(
        models.ServerGroup.uuid == group_id)).first()
    if group is None:
        raise exception.InstanceGroupNotFound(group_uuid=group_id)
    return group


def _get_all(sess, project_id=None, offset=0, limit=None):
    """Groups of ``project_id`` (every project when None), oldest first."""
    query = sa.select(models.ServerGroup).order_by(models.ServerGroup.id)
    if project_id is not None:
        query = query.where(models.ServerGroup.project_id == project_id)
    return list(sess.scalars(query.offset(offset).limit(limit)))


def _create(sess, project_id, user_id, name, group_policy, rules=None):
    """Create a group (quota first, then the rules, in Nova's order).

    :raises exception.ServerGroupLimitExceeded: the project has ``server_groups`` groups.
    :raises exception.Invalid: rules given for a policy other than anti-affinity.
    """
    try:
        quotas.enforce(sess, project_id, user_id, {'server_groups': 1})
    except exception.OverQuota:
        raise exception.ServerGroupLimitExceeded() from None
    if rules and group_policy != 'anti-affinity':
        raise exception.Invalid('Only anti-affinity policy supports rules.')
    group = models.ServerGroup(name=name, project_id=project_id, user_id=user_id,
                               policy=group_policy)
    group.rules = rules
    sess.add(group)
    sess.flush()
    return group


def _delete(sess, group):
    sess.delete(group)
    sess.flush()


def members(sess, group):
    """Instance uuids of the group's members, in the order they joined."""
    return list(sess.scalars(sa.select(models.ServerGroupMember.instance_uuid).where(
        models.ServerGroupMember.group_id == group.id).order_by(models.ServerGroupMember.id)))


def add_member(sess, group, instance_uuid, user_id=None):
    """Add a server to ``group`` within the ``server_group_members`` quota.

    Every member of the group counts (Nova counts the requesting user's
    members only); ``user_id`` makes that user's quota override apply.

    :raises exception.ServerGroupMemberLimitExceeded: the group is full.
    """
    def count(sess_, _project_id, _user_id):
        return sess_.scalar(sa.select(sa.func.count()).select_from(models.ServerGroupMember).where(
            models.ServerGroupMember.group_id == group.id))
    try:
        quotas.enforce(sess, group.project_id, user_id, {'server_group_members': 1},
                       counters={'server_group_members': count})
    except exception.OverQuota:
        raise exception.ServerGroupMemberLimitExceeded() from None
    sess.add(models.ServerGroupMember(group_id=group.id, instance_uuid=instance_uuid))
    sess.flush()
    sess.expire(group, ['member_rows'])


def remove_member(sess, instance_uuid):
    """Drop the server from every group it is in (when the server is deleted)."""
    sess.execute(sa.delete(models.ServerGroupMember).where(
        models.ServerGroupMember.instance_uuid == instance_uuid))


def groups_for_instance(sess, instance_uuid):
    """Uuids of the groups the server is a member of."""
    return list(sess.scalars(sa.select(models.ServerGroup.uuid).join(models.ServerGroupMember).where(
        models.ServerGroupMember.instance_uuid == instance_uuid).order_by(models.ServerGroup.id)))


def list_groups(ctx, project_id=None, offset=0, limit=None):
    """A page of the groups of ``project_id`` (every project when None)."""
    with engine.transaction() as sess:
        return _get_all(sess, project_id, offset, limit)


def create_group(ctx, name, group_policy, rules=None):
    """A group of the caller's project (see :func:`_create`)."""
    with engine.transaction() as sess:
        return _create(sess, ctx.project_id, ctx.user_id, name, group_policy, rules)


def show_group(ctx, group_id):
    """``(group, member uuids)`` once the caller may see the group's project.

    :raises exception.InstanceGroupNotFound: / :raises exception.PolicyNotAuthorized:
    """
    with engine.transaction() as sess:
        group = get(sess, ctx, group_id)
        policy.authorize(ctx, 'os-server-groups:show', target={'project_id': group.project_id})
        return group, members(sess, group)


def delete_group(ctx, group_id):
    """:raises exception.InstanceGroupNotFound: / :raises exception.PolicyNotAuthorized:"""
    with engine.transaction() as sess:
        group = get(sess, ctx, group_id)
        policy.authorize(ctx, 'os-server-groups:delete', target={'project_id': group.project_id})
        _delete(sess, group)
