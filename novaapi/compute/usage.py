"""Quota usage of servers: ``instances``, ``cores`` and ``ram`` counted from the instances table.

Deleted servers, and servers queued for deletion (soft-deleted or being
deleted) no longer count, as in Nova's counting quota driver.
"""

import sqlalchemy as sa

from novaapi.compute import models
from novaapi.compute import quotas
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


def count_instances(sess, project_id, user_id):
    return sess.scalar(_counted(sa.select(sa.func.count()).select_from(I), project_id, user_id)) or 0


def count_cores(sess, project_id, user_id):
    return int(sess.scalar(_counted(sa.select(sa.func.sum(I.vcpus)), project_id, user_id)) or 0)


def count_ram(sess, project_id, user_id):
    return int(sess.scalar(_counted(sa.select(sa.func.sum(I.memory_mb)), project_id, user_id)) or 0)


quotas.register_counter('instances', count_instances)
quotas.register_counter('cores', count_cores)
quotas.register_counter('ram', count_ram)
