"""Reading the instance actions the compute API records (``/servers/{id}/os-instance-actions``)."""

import datetime

import sqlalchemy as sa

from novaapi.compute import models
from novaapi.compute.subresources import common
from novaapi.compute.subresources import errors
from novaapi.db import engine
from novaapi.db import utils
from novaapi import exception

A = models.InstanceAction


def _parse_time(value, name):
    """An ISO 8601 query value as naive UTC; 400 in Nova's words when it is not one."""
    try:
        parsed = datetime.datetime.fromisoformat(value.replace('Z', '+00:00'))
    except (ValueError, AttributeError):
        raise exception.Invalid("Invalid input for query parameters %s. Value: %s. '%s' is not a "
                                "'date-time'" % (name, [value], value)) from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return parsed


def changes_window(since, before):
    """``(since, before)`` parsed; 400 when they are the wrong way round."""
    # NOTE: an empty value is no time at all (Nova's date-time format refuses it).
    since = _parse_time(since, 'changes-since') if since is not None else None
    before = _parse_time(before, 'changes-before') if before is not None else None
    if since and before and before < since:
        raise exception.Invalid('The value of changes-since must be less than or equal to '
                                'changes-before.')
    return since, before


def _by_request_id(sess, instance_uuid, request_id):
    return sess.scalars(sa.select(A).where(A.instance_uuid == instance_uuid,
                                           A.request_id == request_id)
                        .order_by(A.created_at.desc(), A.id.desc())).first()


def _get(sess, instance_uuid, request_id):
    """:raises errors.ActionNotFound:"""
    action = _by_request_id(sess, instance_uuid, request_id)
    if action is None:
        raise errors.ActionNotFound(request_id=request_id)
    return action


def _get_all(sess, instance_uuid, limit=None, marker=None, since=None, before=None):
    """Newest first; ``marker`` is a request id (400 "Marker None ..." when unknown, as in Nova)."""
    if limit == 0:
        return []
    query = sa.select(A).where(A.instance_uuid == instance_uuid)
    if since is not None:
        query = query.where(A.updated_at >= since)
    if before is not None:
        query = query.where(A.updated_at <= before)
    marker_row = None
    if marker is not None:
        marker_row = _by_request_id(sess, instance_uuid, marker)
        if marker_row is None:
            # NOTE: Nova reports the failed lookup's result, not the marker it was given.
            raise errors.MarkerNotFound(marker=None)
    return list(sess.scalars(utils.paginate(query, A, limit, ['created_at', 'id'], ['desc', 'desc'],
                                            marker_row)))


def list_actions(ctx, server_id, with_deleted=False, limit=None, marker=None, since=None,
                 before=None):
    """The server's actions, newest first (see :func:`_get_all`).

    ``with_deleted`` (2.21+) finds deleted servers too: they keep their history.
    ``since`` and ``before`` are the query's texts, checked once the server is found.
    """
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, 'os-instance-actions:list',
                                 read_deleted=with_deleted)
        since, before = changes_window(since, before)
        return _get_all(sess, instance.uuid, limit, marker, since, before)


def show_action(ctx, server_id, request_id, with_deleted=False):
    """``(action with its events, server)`` of the action ``request_id``.

    :raises errors.ActionNotFound:
    """
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, 'os-instance-actions:show',
                                 read_deleted=with_deleted)
        return _get(sess, instance.uuid, request_id), instance
