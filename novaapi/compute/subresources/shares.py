"""Server shares (``/servers/{id}/shares``, 2.97+) on a cloud without a shared file system service.

No share can ever be attached here: listing finds none, showing one is a 404, and
attaching one stops where Nova stops on computes without virtiofs (a 409), after the
same server, policy and state checks.  The policy target is the server's project,
deleted or not, as Nova checks it against the instance mapping.
"""

import sqlalchemy as sa

from novaapi.compute import instances
from novaapi.compute import models
from novaapi.compute import policy
from novaapi.compute import states as s
from novaapi.compute.subresources import common
from novaapi.compute.subresources import errors
from novaapi.db import engine
from novaapi import exception

RULE = 'os-server-shares:'


class ShareNotFound(exception.NotFound):
    msg_fmt = 'Share %(share_id)s could not be found.'


class SharesNotConfigured(exception.Conflict):
    msg_fmt = ('Feature not supported because either compute or instance are not configured '
               'correctly.')


def _server(sess, ctx, server_id, rule):
    project_id = sess.scalar(sa.select(models.Instance.project_id)
                             .where(models.Instance.uuid == server_id))
    if project_id is None:
        raise errors.InstanceMappingNotFound(uuid=server_id)
    policy.authorize(ctx, RULE + rule, target={'project_id': project_id})
    return instances.get(sess, ctx, server_id)


def _check_state(instance, action, allowed):
    if instance.vm_state not in allowed:
        raise common.invalid_state(instance, action, 'vm_state', instance.vm_state)


def list_shares(ctx, server_id):
    with engine.transaction() as sess:
        _server(sess, ctx, server_id, 'index')
    return []


def show(ctx, server_id, share_id):
    """:raises ShareNotFound: always, once the server is found"""
    with engine.transaction() as sess:
        _server(sess, ctx, server_id, 'show')
    raise ShareNotFound(share_id=share_id)


def attach(ctx, server_id, share_id, tag=None):
    """:raises SharesNotConfigured: for a stopped server (a 409 for any other state first)"""
    with engine.transaction() as sess:
        instance = _server(sess, ctx, server_id, 'create')
        _check_state(instance, 'create share', (s.STOPPED,))
    raise SharesNotConfigured()


def detach(ctx, server_id, share_id):
    """:raises ShareNotFound: for a stopped or failed server (a 409 for any other state first)"""
    with engine.transaction() as sess:
        instance = _server(sess, ctx, server_id, 'delete')
        _check_state(instance, 'delete share', (s.STOPPED, s.ERROR))
    raise ShareNotFound(share_id=share_id)
