"""Query helpers shared by resources: keyset pagination over several sort keys."""

import sqlalchemy as sa

from novaapi.db import engine


def paginate(query, model, limit, sort_keys, sort_dirs, marker=None):
    """Order ``query`` by ``sort_keys`` and return rows strictly after ``marker``.

    ``marker`` is the row the previous page ended with.  The sort keys must
    make the order total (end with a unique column).  Pages cost one indexed
    range scan however deep they are.
    """
    columns = [getattr(model, key) for key in sort_keys]
    # NULLs sort first ascending and last descending: MySQL's and SQLite's native order,
    # which PostgreSQL must be told (MariaDB rejects the NULLS clause).
    explicit_nulls = dialect_name() == 'postgresql'
    for column, direction in zip(columns, sort_dirs):
        ordered = column.desc() if direction == 'desc' else column.asc()
        if explicit_nulls:
            ordered = ordered.nulls_first() if direction == 'asc' else ordered.nulls_last()
        query = query.order_by(ordered)
    if marker is not None:
        query = query.where(_after(columns, sort_dirs, [getattr(marker, k) for k in sort_keys]))
    if limit is not None:
        query = query.limit(limit)
    return query


def dialect_name():
    """The database's dialect (``sqlite``, ``postgresql``, ``mysql``): :func:`paginate`'s
    statements differ by it, so what keeps them must tell them apart by it."""
    return engine.get_engine().dialect.name


def _after(columns, dirs, values):
    """(a > va) OR (a = va AND b > vb) OR ... honouring each direction and NULLs first on asc."""
    if len(set(dirs)) == 1 and not any(c.nullable for c in columns):
        # One direction over NOT NULL columns: a row-value comparison, which databases
        # turn into one index range instead of scanning every row before the marker.
        key, marker = sa.tuple_(*columns), sa.tuple_(*values)
        return key < marker if dirs[0] == 'desc' else key > marker
    clauses = []
    for i, (column, direction, value) in enumerate(zip(columns, dirs, values)):
        equal = [_equals(c, v) for c, v in zip(columns[:i], values[:i])]
        clauses.append(sa.and_(*equal, _beyond(column, direction, value)))
    return sa.or_(*clauses)


def _equals(column, value):
    return column.is_(None) if value is None else column == value


def _beyond(column, direction, value):
    if direction == 'desc':
        # desc puts NULLs last: after a NULL nothing follows; after a value, smaller values or NULL.
        if value is None:
            return sa.false()
        return sa.or_(column < value, column.is_(None))
    if value is None:
        return column.is_not(None)
    return column > value


_STALE = sa.text(
    'SELECT c.relname, c.reltuples, s.n_live_tup FROM pg_class c '
    'JOIN pg_stat_user_tables s ON s.relid = c.oid '
    'WHERE c.relname IN :tables AND s.schemaname = current_schema()'
).bindparams(sa.bindparam('tables', expanding=True))


def refresh_statistics(sess, tables):
    """ANALYZE those of ``tables`` whose planner statistics lag their size (PostgreSQL only).

    Autovacuum does this where it runs; where it is off, or has not yet come round
    on a young database, the planner takes a never-analyzed table for one row and
    picks plans that are fine for one row and ruinous for a thousand (the scheduler's
    usage join went from 3 ms to 540 ms at 1,000 hosts).  Stale means never analyzed,
    or 50 rows and 10 % away from the last count, autovacuum's own default thresholds.

    :returns: the tables analyzed
    """
    if sess.get_bind().dialect.name != 'postgresql':
        return []
    stale = sorted(name for name, estimate, live in sess.execute(_STALE, {'tables': list(tables)})
                   if estimate < 0 or abs(live - estimate) > 50 + 0.1 * estimate)
    if stale:
        sess.execute(sa.text('ANALYZE ' + ', '.join(sess.get_bind().dialect.identifier_preparer
                                                     .quote(name) for name in stale)))
    return stale
