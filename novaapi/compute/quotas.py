"""Quota limits, usage counting and race-free enforcement.

A limit comes from, in order of precedence: the user's override inside the
project (``project_user_quotas``), the project's override (``quotas``), the
``default`` quota class (``quota_classes``), then ``[quota]`` configuration.
-1 means unlimited.

Usage is counted, never stored: each countable resource has a counter
``fn(sess, project_id, user_id) -> int`` (``user_id`` None counts the whole
project) in ``COUNTERS``.

``enforce`` makes count-then-insert safe across worker processes: it first
writes the caller's lock row in ``quota_locks`` inside the caller's
transaction.  The row lock (PostgreSQL, MariaDB) or the database write lock
(SQLite) is held until that transaction ends, so a second request for the
same project waits, then counts the rows the first one committed.
"""

from oslo_utils import strutils
import sqlalchemy as sa
from sqlalchemy.dialects import mysql
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects import sqlite

from novaapi.compute import models
from novaapi.compute import usage
from novaapi import conf
from novaapi.db import engine
from novaapi.db import prepared
from novaapi import exception
from novaapi.identity import api as identity

UNLIMITED = -1
DEFAULT_CLASS = 'default'

# Resource -> [quota] option holding its default; None means unlimited (-1).
_DEFAULT_FLAGS = {
    'cores': 'cores',
    'fixed_ips': None,
    'floating_ips': None,
    'injected_file_content_bytes': 'injected_file_content_bytes',
    'injected_file_path_bytes': 'injected_file_path_length',
    'injected_files': 'injected_files',
    'instances': 'instances',
    'key_pairs': 'key_pairs',
    'metadata_items': 'metadata_items',
    'ram': 'ram',
    'security_group_rules': None,
    'security_groups': None,
    'server_group_members': 'server_group_members',
    'server_groups': 'server_groups',
}

RESOURCES = tuple(sorted(_DEFAULT_FLAGS))

# Counted per user only (never across a project): checked against the user's limit.
PER_USER = ('key_pairs', 'server_group_members')
# Always set at project level, even in a request naming a user.
PER_PROJECT = ('fixed_ips', 'floating_ips')

# Resource -> its counter ``fn(sess, project_id, user_id) -> int``; the others count nothing.
COUNTERS = {
    'cores': usage.count_cores,
    'instances': usage.count_instances,
    'key_pairs': usage.count_key_pairs,
    'ram': usage.count_ram,
    'server_group_members': usage.count_server_group_members,
    'server_groups': usage.count_server_groups,
}
_MEMO = usage.MEMO  # (``usage`` is a function of this module further down)


def _configured_defaults():
    return {name: (conf.CONF.get('quota', flag) if flag else UNLIMITED)
            for name, flag in _DEFAULT_FLAGS.items()}


_READ = 'quota_rows'
"""``sess.info`` key of the limit rows this transaction has read (a boot reads them twice:
for its metadata items and for its resources); any write of a limit forgets them."""


def _rows(sess, model, **where):
    read = sess.info.setdefault(_READ, {})
    key = (model.__tablename__,) + tuple(sorted(where.items()))
    if key not in read:
        query = sa.select(model.resource, model.hard_limit)
        for column, value in where.items():
            query = query.where(getattr(model, column) == value)
        read[key] = {resource: limit for resource, limit in sess.execute(query)}
    return dict(read[key])


def class_limits(sess, class_name):
    """A quota class: its own rows over the configured defaults."""
    return dict(_configured_defaults(), **_rows(sess, models.QuotaClass, class_name=class_name))


def defaults(sess):
    """The limits of a project without overrides: the ``default`` class over the configuration."""
    return class_limits(sess, DEFAULT_CLASS)


def project_overrides(sess, project_id):
    return _rows(sess, models.Quota, project_id=project_id)


def user_overrides(sess, project_id, user_id):
    return _rows(sess, models.ProjectUserQuota, project_id=project_id, user_id=user_id)


def _all_levels(model, **where):
    kind = sa.literal(model.__tablename__).label('level')
    return sa.select(kind, model.resource, model.hard_limit).where(
        *(getattr(model, column) == sa.bindparam(name) for column, name in where.items()))


# A user's limits read at once: the default class, the project's and the user's own rows.
_LEVELS = prepared.Query(sa.union_all(
    _all_levels(models.QuotaClass, class_name='class_name'),
    _all_levels(models.Quota, project_id='project_id'),
    _all_levels(models.ProjectUserQuota, project_id='project_id', user_id='user_id')))


def _read_levels(sess, project_id, user_id):
    """Read the three levels of rows :func:`limits` combines in one statement (a boot's)."""
    read = sess.info.setdefault(_READ, {})
    keys = {models.QuotaClass.__tablename__: (models.QuotaClass.__tablename__,
                                               ('class_name', DEFAULT_CLASS)),
            models.Quota.__tablename__: (models.Quota.__tablename__, ('project_id', project_id)),
            models.ProjectUserQuota.__tablename__: (models.ProjectUserQuota.__tablename__,
                                                     ('project_id', project_id),
                                                     ('user_id', user_id))}
    if any(key in read for key in keys.values()):
        return
    found = {key: {} for key in keys.values()}
    for level, resource, limit in _LEVELS.rows(sess, class_name=DEFAULT_CLASS,
                                               project_id=project_id, user_id=user_id):
        found[keys[level]][resource] = limit
    read.update(found)


def limits(sess, project_id, user_id=None):
    """Effective limit of every resource for the project, or for one user inside it."""
    if user_id:
        _read_levels(sess, project_id, user_id)
    result = dict(defaults(sess), **project_overrides(sess, project_id))
    if user_id:
        result.update(user_overrides(sess, project_id, user_id))
    return result


def check_metadata_items(sess, project_id, user_id, metadata):
    """:raises exception.MetadataLimitExceeded: more items than the ``metadata_items`` limit"""
    allowed = limits(sess, project_id, user_id).get('metadata_items', -1)
    if metadata and 0 <= allowed < len(metadata):
        raise exception.MetadataLimitExceeded(allowed=allowed)


def usage(sess, project_id, user_id=None):
    """Counted usage of every resource with a counter (project-wide when ``user_id`` is None)."""
    return {name: fn(sess, project_id, user_id) for name, fn in COUNTERS.items()}


def set_limit(sess, project_id, resource, limit, user_id=None):
    """Create or replace an override (a user's, unless the resource is only per project)."""
    if user_id and resource not in PER_PROJECT:
        _upsert(sess, models.ProjectUserQuota, dict(project_id=project_id, user_id=user_id,
                                                    resource=resource), limit)
    else:
        _upsert(sess, models.Quota, dict(project_id=project_id, resource=resource), limit)


def set_class_limit(sess, class_name, resource, limit):
    _upsert(sess, models.QuotaClass, dict(class_name=class_name, resource=resource), limit)


def _upsert(sess, model, keys, limit):
    sess.info.pop(_READ, None)
    query = sa.select(model)
    for column, value in keys.items():
        query = query.where(getattr(model, column) == value)
    row = sess.scalars(query).first()
    if row is None:
        sess.add(model(hard_limit=limit, **keys))
    else:
        row.hard_limit = limit
    sess.flush()


def delete_overrides(sess, project_id, user_id=None):
    """Drop a user's overrides, or every override of the project (its users' too)."""
    sess.info.pop(_READ, None)
    sess.execute(sa.delete(models.ProjectUserQuota).where(
        models.ProjectUserQuota.project_id == project_id,
        *([models.ProjectUserQuota.user_id == user_id] if user_id else [])))
    if not user_id:
        sess.execute(sa.delete(models.Quota).where(models.Quota.project_id == project_id))


def _add(a, b):
    return UNLIMITED if UNLIMITED in (a, b) else a + b


def _sub(a, b):
    return UNLIMITED if UNLIMITED in (a, b) else a - b


def settable_ranges(sess, project_id, user_id=None, in_use=None):
    """``{resource: (minimum, maximum)}`` a quota update must respect (Nova's rules).

    A project limit must cover what its users were given and what is in use;
    a user's limit must cover the user's usage and fit in what the project
    has not handed to other users.
    """
    project = limits(sess, project_id)
    handed_out = {}
    for resource, limit in sess.execute(sa.select(models.ProjectUserQuota.resource,
                                                  models.ProjectUserQuota.hard_limit).where(
            models.ProjectUserQuota.project_id == project_id)):
        handed_out[resource] = handed_out.get(resource, 0) + limit
    remains = {r: project[r] - handed_out.get(r, 0) for r in project}
    in_use = in_use if in_use is not None else displayed_usage(sess, project_id, user_id)
    if user_id:
        own = user_overrides(sess, project_id, user_id)
        return {r: (in_use.get(r, 0), _add(remains[r], own.get(r, 0))) for r in project}
    return {r: (max(_sub(project[r], remains[r]), in_use.get(r, 0)), UNLIMITED) for r in project}


def displayed_usage(sess, project_id, user_id=None):
    """Usage as the quota and limits APIs show it: per-user resources always read 0."""
    counted = usage(sess, project_id, user_id)
    return {r: (0 if r in PER_USER else counted.get(r, 0)) for r in RESOURCES}


def lock(sess, key):
    """Write the lock row ``key`` in the current transaction; held until commit or rollback."""
    table = models.QuotaLock.__table__
    dialect = sess.get_bind().dialect.name
    values = {'lock_id': key, 'counter': 1}
    bump = {'counter': table.c.counter + 1}
    if dialect == 'postgresql':
        stmt = postgresql.insert(table).values(**values).on_conflict_do_update(
            index_elements=['lock_id'], set_=bump)
    elif dialect in ('mysql', 'mariadb'):
        stmt = mysql.insert(table).values(**values).on_duplicate_key_update(**bump)
    elif dialect == 'sqlite':
        stmt = sqlite.insert(table).values(**values).on_conflict_do_update(
            index_elements=['lock_id'], set_=bump)
    else:  # pragma: no cover - every supported backend is above
        raise NotImplementedError(dialect)
    sess.execute(stmt)


def _over(limit, value):
    return limit > UNLIMITED and value > limit


def enforce(sess, project_id, user_id, deltas, counters=None, lock_key=None, added=False,
            lock_now=True):
    """Check that adding ``deltas`` keeps the project (and user) within quota.

    Call inside the transaction that then inserts the new rows: this first
    takes the per-project lock (``lock_key``, default ``project_id``), so
    concurrent checks of one project run one after another.  On MariaDB
    under REPEATABLE READ a read earlier in the transaction pins an old
    snapshot; the counts are only fresh under READ COMMITTED.

    :param deltas: ``{resource: amount}`` about to be added.
    :param counters: per-call counters replacing those of ``COUNTERS``, e.g. the
        members of one server group for ``server_group_members``.
    :param added: the new rows are already written in this transaction (counted with the
        rest); the lock is then held only from here to the commit. Usage is reported
        as it was before them.
    :param lock_now: False for an early, optimistic check (no lock) that a check
        with ``added`` confirms under the lock once the rows are written
    :raises exception.OverQuota: with Nova's "Quota exceeded for ..." message;
        ``resources``, ``quotas``, ``usages`` and ``deltas`` attributes say which.
    """
    if lock_now:
        lock(sess, lock_key or project_id)
    sess.info[_MEMO] = {}
    try:
        _enforce(sess, project_id, user_id, deltas, dict(COUNTERS, **(counters or {})), added)
    finally:
        sess.info.pop(_MEMO, None)


def _enforce(sess, project_id, user_id, deltas, counters, added=False):
    project = limits(sess, project_id)
    own = user_overrides(sess, project_id, user_id) if user_id else {}
    overs, used, allowed = [], {}, {}
    for resource, delta in deltas.items():
        count = counters[resource]
        pending = 0 if added else delta     # added rows are in the count already
        # A usage is counted only against a limit: an unlimited resource costs no query.
        if resource in PER_USER:
            limit = min(project[resource], own.get(resource, project[resource]))
            if limit > UNLIMITED:
                used[resource], allowed[resource] = count(sess, project_id, user_id), limit
        else:
            if project[resource] > UNLIMITED:
                used[resource], allowed[resource] = count(sess, project_id, None), project[resource]
            if resource in own and own[resource] > UNLIMITED and not (
                    resource in used and _over(allowed[resource], used[resource] + pending)):
                used[resource], allowed[resource] = count(sess, project_id, user_id), own[resource]
        if resource not in used:
            continue
        if _over(allowed[resource], used[resource] + pending):
            overs.append(resource)
        used[resource] -= delta - pending
    if overs:
        raise _over_quota(sorted(overs), deltas, used, allowed)


def _over_quota(overs, deltas, used, allowed):
    def joined(values):
        return ', '.join(str(values[r]) for r in overs)
    exc = exception.OverQuota(overs=', '.join(overs), req=joined(deltas), used=joined(used),
                              allowed=joined(allowed))
    exc.resources, exc.deltas = overs, dict(deltas)
    exc.usages, exc.quotas = used, allowed
    return exc


def project_exists(sess, project_id):
    """False only when this service's own identity knows no such project (Nova asks Keystone)."""
    if conf.CONF.api.auth_strategy != 'embedded':
        return True
    return bool(identity.existing_project_ids(sess, [project_id]))


def _check_project(sess, project_id):
    if not project_exists(sess, project_id):
        raise exception.Invalid('Project ID %s is not a valid project.' % project_id)


def _conv_inf(value):
    return float('inf') if value == UNLIMITED else value


def _check_range(resource, limit, minimum, maximum):
    if _conv_inf(limit) < _conv_inf(minimum):
        raise exception.Invalid('Quota limit %s for %s must be greater than or equal to already '
                                'used and reserved %s.' % (limit, resource, minimum))
    if _conv_inf(limit) > _conv_inf(maximum):
        raise exception.Invalid('Quota limit %s for %s must be less than or equal to %s.'
                                % (limit, resource, maximum))


def _requested(sess, project_id, user_id, spec):
    """Validated ``{resource: limit}`` of an update body (ranges skipped with ``force``)."""
    force = strutils.bool_from_string(spec.get('force', 'False'))
    ranges = None if force else settable_ranges(sess, project_id, user_id)
    values = {}
    for resource, value in spec.items():
        if resource == 'force':
            continue
        values[resource] = int(value)
        if ranges is not None:
            _check_range(resource, values[resource], *ranges[resource])
    return values


def show_limits(ctx, project_id, user_id=None):
    """The effective limits of a known project (or of one user inside it).

    :raises exception.Invalid: the embedded identity knows no such project
    """
    with engine.transaction() as sess:
        _check_project(sess, project_id)
        return limits(sess, project_id, user_id)


def show_detail(ctx, project_id, user_id=None):
    """``(limits, displayed usage)`` of a known project (or of one user inside it)."""
    with engine.transaction() as sess:
        _check_project(sess, project_id)
        return limits(sess, project_id, user_id), displayed_usage(sess, project_id, user_id)


def show_defaults(ctx, project_id):
    """The default limits, for a known project."""
    with engine.transaction() as sess:
        _check_project(sess, project_id)
        return defaults(sess)


def update_limits(ctx, project_id, spec, user_id=None):
    """Set the limits of an update body ``{resource: limit, 'force': ...}``; return the new limits.

    Without ``force`` each limit must lie in :func:`settable_ranges`.

    :raises exception.Invalid: unknown project, or a limit out of its range
    """
    with engine.transaction() as sess:
        _check_project(sess, project_id)
        for resource, limit in _requested(sess, project_id, user_id, spec).items():
            set_limit(sess, project_id, resource, limit, user_id)
        return limits(sess, project_id, user_id)


def reset_limits(ctx, project_id, user_id=None):
    """Drop the overrides of a project (or of one user inside it)."""
    with engine.transaction() as sess:
        delete_overrides(sess, project_id, user_id)


def show_class(ctx, class_name):
    with engine.transaction() as sess:
        return class_limits(sess, class_name)


def update_class(ctx, class_name, values):
    """Set ``{resource: limit}`` on a quota class; return its limits."""
    with engine.transaction() as sess:
        for resource, limit in values.items():
            set_class_limit(sess, class_name, resource, int(limit))
        return class_limits(sess, class_name)


def show_usage(ctx, project_id):
    """``(limits, displayed usage)`` of a project, as ``/limits`` shows them."""
    with engine.transaction() as sess:
        return limits(sess, project_id), displayed_usage(sess, project_id)
