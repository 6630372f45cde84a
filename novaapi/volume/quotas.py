"""Block-storage quotas: per-project limits on volumes, gigabytes and snapshots.

Every create or extend first takes the project's lock row (written, inserted the
first time, in one statement on PostgreSQL and MariaDB; SQLite writers are
serialized already), counts the usage and refuses past the limit, all in the
transaction that writes: two requests can never both squeeze under a limit.
Snapshots count towards ``gigabytes`` as in Cinder.
"""

import sqlalchemy as sa
from sqlalchemy.dialects import mysql
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects import sqlite

from novaapi.db import engine
from novaapi.volume import errors
from novaapi.volume import models
from novaapi.volume import policy
from novaapi.volume import states

DEFAULTS = {'volumes': 10, 'gigabytes': 1000, 'snapshots': 10, 'backups': 10,
            'backup_gigabytes': 1000, 'groups': 10, 'per_volume_gigabytes': -1}
"""Cinder's default limits (-1: unlimited)."""

MAX_LIMIT = 2 ** 31 - 1


def begin_writing(sess):
    """On SQLite take the write lock now, so the savepoint nests in one real transaction."""
    connection = sess.connection()
    if connection.dialect.name == 'sqlite':
        raw = connection.connection.driver_connection
        if not raw.in_transaction:
            raw.execute('BEGIN IMMEDIATE')


def lock(sess, project_id):
    """Make concurrent creates of ``project_id`` take turns until commit.

    One statement writes the project's lock row, inserting it the first time, and the
    write locks it either way. (Inserting it, then locking it FOR UPDATE, deadlocked on
    MariaDB when the row was new: each loser of the insert kept a shared lock on it from
    its duplicate-key error, and waited for the others' to turn it exclusive.)
    """
    begin_writing(sess)
    table = models.ProjectLock.__table__
    dialect = sess.connection().dialect.name
    if dialect == 'postgresql':
        statement = postgresql.insert(table).values(project_id=project_id).on_conflict_do_update(
            index_elements=['project_id'], set_={'project_id': project_id})
    elif dialect in ('mysql', 'mariadb'):
        statement = mysql.insert(table).values(project_id=project_id).on_duplicate_key_update(
            project_id=project_id)
    else:  # SQLite: writers are serialized already (begin_writing)
        statement = sqlite.insert(table).values(project_id=project_id).on_conflict_do_nothing()
    sess.execute(statement)


def limits(sess, project_id):
    """The effective limits of ``project_id``: defaults with its overrides."""
    found = dict(DEFAULTS)
    for row in sess.scalars(sa.select(models.Quota).where(models.Quota.project_id == project_id)):
        found[row.resource] = row.hard_limit
    return found


def usage(sess, project_id):
    """``{'volumes', 'gigabytes', 'snapshots'}`` in use by ``project_id``."""
    vol_count, vol_gb = sess.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(models.Volume.size), 0))
        .where(models.Volume.project_id == project_id)).one()
    snap_count, snap_gb = sess.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(models.Snapshot.size), 0))
        .where(models.Snapshot.project_id == project_id)).one()
    return {'volumes': int(vol_count), 'snapshots': int(snap_count),
            'gigabytes': int(vol_gb) + int(snap_gb), 'backups': 0, 'backup_gigabytes': 0,
            'groups': 0, 'per_volume_gigabytes': 0}


def reserve(sess, project_id, volumes=0, gigabytes=0, snapshots=0):
    """Lock the project and refuse when adding these would pass a limit.

    :raises errors.VolumeLimitExceeded: / :raises errors.SnapshotLimitExceeded: /
        :raises errors.VolumeSizeExceedsAvailableQuota:
    """
    lock(sess, project_id)
    found, used = limits(sess, project_id), usage(sess, project_id)
    per_volume = found['per_volume_gigabytes']
    if volumes and 0 <= per_volume < gigabytes:
        raise errors.QuotaError(
            'Requested volume size %dG is larger than maximum allowed limit %dG.'
            % (gigabytes, per_volume))
    if volumes and 0 <= found['volumes'] < used['volumes'] + volumes:
        raise errors.VolumeLimitExceeded(allowed=found['volumes'], name='volumes')
    if snapshots and 0 <= found['snapshots'] < used['snapshots'] + snapshots:
        raise errors.SnapshotLimitExceeded(allowed=found['snapshots'])
    if gigabytes and 0 <= found['gigabytes'] < used['gigabytes'] + gigabytes:
        raise errors.VolumeSizeExceedsAvailableQuota(
            name='gigabytes', requested=gigabytes, quota=found['gigabytes'],
            consumed=used['gigabytes'])


# --- the os-quota-sets and limits API ----------------------------------------------------

def get_quota_set(ctx, project_id, with_usage=False):
    """``{resource: limit}`` (or ``{resource: {limit, in_use, reserved, allocated}}``)."""
    policy.authorize(ctx, 'volume_extension:quotas:show', {'project_id': project_id})
    with engine.transaction() as sess:
        states.settle(sess)
        found = limits(sess, project_id)
        if not with_usage:
            return found
        used = usage(sess, project_id)
        return {r: {'limit': v, 'in_use': used.get(r, 0), 'reserved': 0, 'allocated': 0}
                for r, v in found.items()}


def defaults(ctx, project_id):
    policy.authorize(ctx, 'volume_extension:quotas:show', {'project_id': project_id})
    return dict(DEFAULTS)


def update_quota_set(ctx, project_id, values):
    """Set limits (admin); a limit below usage is refused as Cinder does.

    :raises errors.InvalidInput: an unknown resource or a bad value
    """
    policy.authorize(ctx, 'volume_extension:quotas:update', {'project_id': project_id})
    wanted = {}
    for key, value in values.items():
        if key not in DEFAULTS:
            raise errors.InvalidInput(reason='Bad key(s) in quota set: %s' % key)
        try:
            number = int(value)
            if isinstance(value, bool) or str(value).strip() != str(number):
                raise ValueError
        except (TypeError, ValueError):
            raise errors.InvalidInput(
                reason='Quota %s must be an integer.' % key) from None
        if number < -1 or number > MAX_LIMIT:
            raise errors.InvalidInput(
                reason='Quota limit must be -1 or between 0 and %d.' % MAX_LIMIT)
        wanted[key] = number
    with engine.transaction() as sess:
        lock(sess, project_id)
        used = usage(sess, project_id)
        for key, number in sorted(wanted.items()):
            if 0 <= number < used.get(key, 0):
                raise errors.InvalidInput(
                    reason='Quota limit %d for %s must be greater than or equal to already used '
                           'and reserved %d.' % (number, key, used[key]))
            row = sess.get(models.Quota, (project_id, key))
            if row is None:
                sess.add(models.Quota(project_id=project_id, resource=key, hard_limit=number))
            else:
                row.hard_limit = number
        sess.flush()
        return limits(sess, project_id)


def delete_quota_set(ctx, project_id):
    policy.authorize(ctx, 'volume_extension:quotas:delete', {'project_id': project_id})
    with engine.transaction() as sess:
        sess.execute(sa.delete(models.Quota).where(models.Quota.project_id == project_id))


def absolute_limits(ctx):
    """The caller's project's limits and usage, as ``GET /limits`` shows them."""
    policy.authorize(ctx, 'limits_extension:used_limits', {'project_id': ctx.project_id})
    with engine.transaction() as sess:
        states.settle(sess)
        return limits(sess, ctx.project_id), usage(sess, ctx.project_id)
