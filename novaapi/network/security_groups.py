"""Security groups as the network endpoint serves them: each project's ``default`` group.

One transaction a call; the queries are :mod:`novaapi.network.api`'s.
"""

from novaapi import exception
from novaapi.db import engine
from novaapi.network import api


class SecurityGroupNotFound(exception.NotFound):
    msg_fmt = 'Security group %(id)s does not exist'


def list_security_groups(ctx, filters=None):
    """The groups ``ctx`` may see (its project's ``default`` one is created on first sight).

    :param filters: ``{column: [values]}`` over id, name, project_id
    """
    with engine.transaction() as sess:
        return api.list_security_groups(sess, ctx, filters)


def get_security_group(ctx, group_id):
    """:raises SecurityGroupNotFound: unknown, or not visible to ``ctx``"""
    groups = list_security_groups(ctx, {'id': [group_id]})
    if not groups:
        raise SecurityGroupNotFound(id=group_id)
    return groups[0]
