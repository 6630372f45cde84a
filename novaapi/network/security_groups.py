"""Security groups as the network endpoint serves them: each project's ``default`` group.

One transaction a call; the helpers that take a ``sess`` compose inside a
caller's transaction (ports join the default group when they are created).
"""

import uuid

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from novaapi import exception
from novaapi.db import engine
from novaapi.network import claims
from novaapi.network import models
from novaapi.network import policy

DEFAULT_SG_DESCRIPTION = 'Default security group'


class SecurityGroupNotFound(exception.NotFound):
    msg_fmt = 'Security group %(id)s does not exist'


def ensure_default(sess, project_id):
    """The project's ``default`` group, created the first time it is needed."""
    link = sess.get(models.DefaultSecurityGroup, project_id)
    if link is not None:
        return sess.get(models.SecurityGroup, link.security_group_id)
    claims.begin_writing(sess)
    group = models.SecurityGroup(id=str(uuid.uuid4()), project_id=project_id, name='default',
                                 description=DEFAULT_SG_DESCRIPTION)
    try:
        with sess.begin_nested():
            sess.add(group)
            sess.flush()
            sess.add(models.DefaultSecurityGroup(project_id=project_id,
                                                 security_group_id=group.id))
    except sa_exc.IntegrityError:
        # NOTE: another request created it first; use theirs (a locking read sees
        # it even under a REPEATABLE READ snapshot).
        group_id = sess.scalar(sa.select(models.DefaultSecurityGroup.security_group_id)
                               .where(models.DefaultSecurityGroup.project_id == project_id)
                               .with_for_update(read=True))
        return sess.scalars(sa.select(models.SecurityGroup)
                            .where(models.SecurityGroup.id == group_id)
                            .with_for_update(read=True)).one()
    return group


def find_all(sess, ctx, filters=None):
    """The groups ``ctx`` may see, oldest first; its project's ``default`` one is created first.

    :param filters: ``{column: [values]}`` over id, name, project_id
    """
    if ctx.project_id:
        ensure_default(sess, ctx.project_id)
    query = sa.select(models.SecurityGroup)
    if not policy.unrestricted(ctx, 'get_security_group'):
        query = query.where(models.SecurityGroup.project_id == ctx.project_id)
    for column, values in (filters or {}).items():
        query = query.where(getattr(models.SecurityGroup, column).in_(values))
    return list(sess.scalars(query.order_by(models.SecurityGroup.created_at,
                                            models.SecurityGroup.id)))


def list_security_groups(ctx, filters=None):
    """The groups ``ctx`` may see (its project's ``default`` one is created on first sight).

    :param filters: ``{column: [values]}`` over id, name, project_id
    """
    with engine.transaction() as sess:
        return find_all(sess, ctx, filters)


def get_security_group(ctx, group_id):
    """:raises SecurityGroupNotFound: unknown, or not visible to ``ctx``"""
    groups = list_security_groups(ctx, {'id': [group_id]})
    if not groups:
        raise SecurityGroupNotFound(id=group_id)
    return groups[0]
