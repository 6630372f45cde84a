"""Shelving a server (a snapshot, then its host given back) and unshelving it."""

from novaapi.compute import actions
from novaapi.compute import guards
from novaapi.compute import hosts
from novaapi.compute import snapshots
from novaapi.compute import states as s
from novaapi.db import engine
from novaapi import exception

ANY = object()
"""``unshelve``'s zone when the request names none (None unpins the server)."""


def shelve(ctx, server_id):
    guard = guards.Guard(snapshots.SNAPSHOT_STATES)
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-shelve:shelve')
        guard.check(ctx, instance, 'shelve')
        data = {}
        if not hosts.is_volume_backed(instance):
            data['image_id'] = snapshots.snapshot_image(
                sess, ctx, instance, '%s-shelved' % instance.display_name, 'snapshot').id
        guards.start_operation(sess, ctx, instance, 'shelve', guard, 'shelve', actions.SHELVE,
                               data=data)


def unshelve(ctx, server_id, zone=ANY, host=None):
    guard = guards.Guard((s.SHELVED, s.SHELVED_OFFLOADED))
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-shelve:unshelve')
        guard.check(ctx, instance, 'unshelve')
        _check_destination(sess, instance, zone, host)
        data = {'host': host}
        extra = {}
        if zone is not ANY:
            data['availability_zone'] = zone
            extra['pinned_availability_zone'] = zone
        guards.start_operation(sess, ctx, instance, 'unshelve', guard, 'unshelve',
                               actions.UNSHELVE, data=data, extra=extra)


def _check_destination(sess, instance, zone, host):
    if (zone is not ANY or host) and instance.vm_state != s.SHELVED_OFFLOADED:
        raise exception.Conflict(
            'The unshelve action failed because it is not possible to specify an availability '
            'zone or a host when unshelving server %s with status %s. The server status must be '
            'SHELVED_OFFLOADED.' % (instance.uuid, 'SHELVED'))
    if zone not in (ANY, None) and zone not in hosts.availability_zones(sess):
        raise exception.Invalid('The requested availability zone is not available')
    if host and hosts.find_node(sess, host=host) is None:
        raise exception.ComputeHostNotFound(host=host)
