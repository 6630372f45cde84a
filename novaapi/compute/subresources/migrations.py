"""Reading migrations (``os-migrations``, ``/servers/{id}/migrations``) and steering live ones."""

import sqlalchemy as sa

from novaapi.compute import actions
from novaapi.compute import guards
from novaapi.compute import models
from novaapi.compute import states as s
from novaapi.compute.subresources import common
from novaapi.compute.subresources import errors
from novaapi.db import base
from novaapi.db import engine
from novaapi.db import utils
from novaapi import exception

M = models.Migration
LIVE = 'live-migration'
IN_PROGRESS = ('queued', 'preparing', 'running', 'post-migrating')


def _in_progress(sess, instance_uuid):
    """The server's live migrations still under way."""
    return list(sess.scalars(sa.select(M).where(M.instance_uuid == instance_uuid, M.deleted == 0,
                                                M.status.in_(IN_PROGRESS),
                                                M.migration_type == LIVE).order_by(M.id)))


def _get(sess, instance_uuid, migration_id):
    """:raises errors.MigrationNotFoundForInstance:"""
    row = None
    if str(migration_id).isdigit():
        row = sess.scalars(sa.select(M).where(M.id == int(migration_id), M.deleted == 0,
                                              M.instance_uuid == instance_uuid)).first()
    if row is None:
        raise errors.MigrationNotFoundForInstance(migration_id=migration_id,
                                                  instance_id=instance_uuid)
    return row


def _get_in_progress(sess, instance_uuid, migration_id):
    """A live migration of the server still under way (404s worded as Nova's)."""
    try:
        row = _get(sess, instance_uuid, migration_id)
    except errors.MigrationNotFoundForInstance:
        raise exception.NotFound('In-progress live migration %s is not found for server %s.'
                                 % (migration_id, instance_uuid)) from None
    if row.migration_type != LIVE:
        raise exception.NotFound('Migration %s for server %s is not live-migration.'
                                 % (migration_id, instance_uuid))
    if row.status not in IN_PROGRESS:
        raise exception.NotFound('Live migration %s for server %s is not in progress.'
                                 % (migration_id, instance_uuid))
    return row


def _live_action_id(instance):
    return (instance.step_data or {}).get('action_id')


def _force_complete(sess, ctx, instance, migration_id):
    """Finish a running live migration now (its pending step becomes due).

    :raises exception.Invalid: unknown migration, or one that is not running
    """
    guard = guards.Guard((s.ACTIVE,), (s.MIGRATING,))
    common.check(ctx, instance, 'force_complete', (s.ACTIVE,), (s.MIGRATING,))
    try:
        migration = _get(sess, instance.uuid, migration_id)
    except errors.MigrationNotFoundForInstance as exc:
        raise exception.Invalid(exc.message) from None
    if migration.status != 'running':
        raise errors.InvalidMigrationState(migration_id=migration_id, instance_uuid=instance.uuid,
                                           state=migration.status, method='force complete')
    actions.record(sess, ctx, instance.uuid, 'live_migration_force_complete', finished=True)
    guards.transition(sess, ctx, instance, 'force_complete', guard, {'step_at': base.utcnow()})


def _abort(sess, ctx, instance, migration_id, queued_too=False):
    """Cancel a live migration: the server stays where it is, idle.

    :raises errors.MigrationNotFoundForInstance: / :raises errors.InvalidMigrationState:
    """
    guard = guards.Guard(None, (s.MIGRATING,))
    common.check(ctx, instance, 'abort live migration', None, (s.MIGRATING,))
    migration = _get(sess, instance.uuid, migration_id)
    allowed = ('running', 'queued', 'preparing') if queued_too else ('running',)
    if migration.status not in allowed:
        raise errors.InvalidMigrationState(migration_id=migration_id, instance_uuid=instance.uuid,
                                           state=migration.status, method='abort live migration')
    actions.record(sess, ctx, instance.uuid, 'live_migration_cancel', finished=True)
    actions.finish_events(sess, _live_action_id(instance))
    migration.status = 'cancelled'
    guards.transition(sess, ctx, instance, 'abort live migration', guard,
                           {'task_state': None, 'step': None, 'step_at': None, 'step_data': None})


def _get_all(sess, filters, limit=None, marker=None, paged=False):
    """Migrations matching Nova's ``os-migrations`` filters; hidden ones never show.

    ``paged`` (2.59+) orders newest first and pages by ``marker`` (a migration uuid).
    """
    if limit == 0:
        return []
    query = sa.select(M).where(M.deleted == 0, M.hidden.is_(False))
    for key, column in (('status', M.status), ('migration_type', M.migration_type),
                        ('instance_uuid', M.instance_uuid), ('user_id', M.user_id),
                        ('project_id', M.project_id)):
        if filters.get(key):
            query = query.where(column == filters[key])
    if filters.get('host'):
        query = query.where(sa.or_(M.source_compute == filters['host'],
                                   M.dest_compute == filters['host']))
    elif filters.get('source_compute'):
        query = query.where(M.source_compute == filters['source_compute'])
    if filters.get('changes-since'):
        query = query.where(M.updated_at >= filters['changes-since'])
    if filters.get('changes-before'):
        query = query.where(M.updated_at <= filters['changes-before'])
    if not paged:
        return list(sess.scalars(query.order_by(M.id)))
    marker_row = None
    if marker:
        marker_row = sess.scalars(sa.select(M).where(M.uuid == marker)).first()
        if marker_row is None:
            raise errors.MarkerNotFound(marker=marker)
    return list(sess.scalars(utils.paginate(query, M, limit, ['created_at', 'id'],
                                            ['desc', 'desc'], marker_row)))


def list_migrations(ctx, filters, limit=None, marker=None, paged=False):
    """The migrations of the cloud matching ``filters`` (see :func:`_get_all`)."""
    with engine.transaction() as sess:
        return _get_all(sess, filters, limit, marker, paged)


def list_live(ctx, server_id):
    """``(live migrations under way, the server's project)`` of the server ``server_id``.

    The project is the target of ``servers:migrations:index:host``, which decides
    whether the view shows the hosts.
    """
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, 'servers:migrations:index')
        return _in_progress(sess, instance.uuid), instance.project_id


def show_live(ctx, server_id, migration_id):
    """A live migration of the server still under way (404s worded as Nova's)."""
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, 'servers:migrations:show')
        return _get_in_progress(sess, instance.uuid, migration_id)


def force_complete_live(ctx, server_id, migration_id):
    """See :func:`_force_complete`."""
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, 'servers:migrations:force_complete',
                                 lock=True)
        _force_complete(sess, ctx, instance, migration_id)


def abort_live(ctx, server_id, migration_id, queued_too=False):
    """See :func:`_abort`."""
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, 'servers:migrations:delete', lock=True)
        _abort(sess, ctx, instance, migration_id, queued_too)
