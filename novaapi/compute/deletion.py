"""Deleting servers (``DELETE /servers/{id}``, ``forceDelete``) and restoring soft-deleted ones."""

from novaapi.compute import actions
from novaapi.compute import guards
from novaapi.compute import operations as ops
from novaapi.compute import quotas
from novaapi.compute import states as s
from novaapi.db import base
from novaapi.db import engine
from novaapi import conf


def delete(ctx, server_id):
    """Soft delete when reclaiming is on and the server ran, else delete."""
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'servers:delete')
        if conf.CONF.compute.reclaim_instance_interval > 0 and instance.launched_at:
            guards.start_operation(sess, ctx, instance, 'delete', guards.Guard(None, None),
                                   'soft_delete', actions.DELETE,
                                   extra={'deleted_at': base.utcnow()})
            return
        _delete(sess, ctx, instance)


def force_delete(ctx, server_id):
    """``forceDelete``: delete now, soft-deleted or not."""
    with engine.transaction() as sess:
        _delete(sess, ctx, guards.server(sess, ctx, server_id, 'os-deferred-delete:force'))


def _delete(sess, ctx, instance):
    guard = guards.Guard(None, None, launched=False)
    if not instance.host:
        # Nothing runs anywhere (never scheduled, shelved offloaded): delete locally at once.
        guards.transition(sess, ctx, instance, 'delete', guard, {})
        actions.record(sess, ctx, instance.uuid, actions.DELETE, finished=True)
        ops.destroy(sess, instance)
        sess.flush()
        return
    guards.start_operation(sess, ctx, instance, 'delete', guard, 'delete', actions.DELETE)


def restore(ctx, server_id):
    """``restore``: bring back a soft-deleted server if the quota still has room for it."""
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-deferred-delete:restore')
        guard = guards.Guard([s.SOFT_DELETED])
        guard.check(ctx, instance, 'restore')
        quotas.enforce(sess, instance.project_id, instance.user_id,
                       {'instances': 1, 'cores': instance.vcpus, 'ram': instance.memory_mb})
        guards.start_operation(sess, ctx, instance, 'restore', guard, 'restore', actions.RESTORE,
                               extra={'deleted_at': None})
