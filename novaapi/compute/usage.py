"""Quota usage, counted from the tables: servers, key pairs and server groups.

Each counter is ``fn(sess, project_id, user_id) -> int``; ``user_id`` None
counts the whole project.  Deleted servers, and servers queued for deletion
(soft-deleted or being deleted) no longer count, as in Nova's counting quota
driver.
"""

import sqlalchemy as sa

from novaapi.compute import models
from novaapi.compute import states

I = models.Instance


def _counted(query, project_id, user_id):
    query = query.where(I.project_id == project_id, I.deleted == 0,
                        I.vm_state != states.SOFT_DELETED,
                        sa.or_(I.task_state.is_(None),
                               I.task_state.not_in((states.DELETING, states.SOFT_DELETING))))
    if user_id is not None:
        query = query.where(I.user_id == user_id)
    return query


MEMO = 'instance_usage'
"""``sess.info`` key under which :func:`novaapi.compute.quotas.enforce` lets the three
server counters share one query for the length of a check (nothing is written meanwhile)."""


def _servers(sess, project_id, user_id):
    """``(servers, vcpus, ram)`` counted in one query, memoized while a check runs."""
    memo = sess.info.get(MEMO)
    if memo is not None and (project_id, user_id) in memo:
        return memo[project_id, user_id]
    row = sess.execute(_counted(sa.select(sa.func.count(), sa.func.sum(I.vcpus),
                                          sa.func.sum(I.memory_mb)).select_from(I),
                                project_id, user_id)).one()
    totals = (row[0] or 0, int(row[1] or 0), int(row[2] or 0))
    if memo is not None:
        memo[project_id, user_id] = totals
    return totals


def count_instances(sess, project_id, user_id):
    return _servers(sess, project_id, user_id)[0]


def count_cores(sess, project_id, user_id):
    return _servers(sess, project_id, user_id)[1]


def count_ram(sess, project_id, user_id):
    return _servers(sess, project_id, user_id)[2]


def count_key_pairs(sess, project_id, user_id):
    """Key pairs belong to users: a project-wide count is 0."""
    if not user_id:
        return 0
    return sess.scalar(sa.select(sa.func.count()).select_from(models.KeyPair).where(
        models.KeyPair.user_id == user_id))


def count_server_groups(sess, project_id, user_id):
    query = sa.select(sa.func.count()).select_from(models.ServerGroup).where(
        models.ServerGroup.project_id == project_id)
    if user_id:
        query = query.where(models.ServerGroup.user_id == user_id)
    return sess.scalar(query)


def count_server_group_members(sess, project_id, user_id):
    """Members of every group of the project (or the user's groups); shown as 0 by the API."""
    query = sa.select(sa.func.count()).select_from(models.ServerGroupMember).join(
        models.ServerGroup).where(models.ServerGroup.project_id == project_id)
    if user_id:
        query = query.where(models.ServerGroup.user_id == user_id)
    return sess.scalar(query)
