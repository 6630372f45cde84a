"""Reading and updating servers (``GET /servers``, ``/servers/detail``, ``GET`` and ``PUT
/servers/{id}``): each call is one transaction returning rows and their view extras; the
reads run on one connection without BEGIN/COMMIT (``engine.reader``), with no Session."""

from novaapi.compute import guards
from novaapi.compute import instances
from novaapi.compute import scheduler
from novaapi.db import engine
from novaapi import exception


def _memo(ctx):
    # the request's, where the token check already read the generations; else this call's
    return ctx.memo if ctx.memo is not None else {}


def show(ctx, server_id):
    """``(instance, extra)`` of the server ``server_id`` after ``servers:show`` on it.

    What the worker read at the current generations of the servers' and the network's
    tables is used again (shared values: read them, do not change them).
    """
    memo = _memo(ctx)
    with engine.reader() as conn:
        instance = guards.server(conn, ctx, server_id, 'servers:show', view=True, memo=memo)
        return instance, instances.extras(conn, [instance], memo=memo)[instance.uuid]


def list_servers(ctx, filters, sort_keys, sort_dirs, limit=None, marker=None, detail=False):
    """``(instances, extras)`` of one page; ``extras`` (``{uuid: extra}``) only with ``detail``
    (kept ones used again, as in :func:`show`)."""
    memo = _memo(ctx)
    with engine.reader() as conn:
        rows = instances.get_all(conn, filters, sort_keys, sort_dirs, limit, marker, memo)
        return rows, (instances.extras(conn, rows, memo=memo) if detail else None)


def update(ctx, server_id, changes):
    """PUT /servers/{id}: name, description, hostname, access IPs, disk config, pinned AZ.

    :returns: ``(instance, extra)`` as updated
    """
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'servers:update')
        values = {key: value for key, value in changes.items() if key != 'pinned_availability_zone'}
        if 'pinned_availability_zone' in changes:
            values['pinned_availability_zone'] = _repin(instance, changes['pinned_availability_zone'])
        guards.transition(sess, ctx, instance, 'update',
                          guards.Guard(None, None, lock=False, launched=False), values)
        return instance, instances.extras(sess, [instance])[instance.uuid]


def _repin(instance, requested):
    current = instance.pinned_availability_zone
    if requested is None:
        return None
    actual = scheduler.parse_availability_zone(instance.availability_zone)[0]
    if current is not None:
        if requested != current:
            raise exception.Conflict('Cannot change pinned availability zone directly. Unpin first '
                                     'by setting pinned_availability_zone to null.')
        return current
    if requested != actual:
        raise exception.Conflict("Server can only be pinned to its current availability zone "
                                 "'%s', but '%s' was requested." % (actual, requested))
    return requested
