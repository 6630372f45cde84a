"""One engine per process, created lazily from the configuration.

Workers fork after the parent has run migrations; ``reset()`` drops the
inherited pool so each worker opens its own connections.
"""

import contextlib

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy import orm

from novaapi import conf

_engine = None
_sessionmaker = None


def _sqlite_pragmas(dbapi_conn, _record):
    cur = dbapi_conn.cursor()
    cur.execute('PRAGMA journal_mode=WAL')
    cur.execute('PRAGMA busy_timeout=30000')
    cur.execute('PRAGMA foreign_keys=ON')
    cur.close()


INT64_MAX = 2 ** 63 - 1
INT64_MIN = -2 ** 63


def _clamp(value):
    if type(value) is int and not INT64_MIN <= value <= INT64_MAX:  # noqa: E721 - not bool
        return INT64_MAX if value > 0 else INT64_MIN
    return value


def _clamp_row(params):
    if isinstance(params, dict):
        return {key: _clamp(value) for key, value in params.items()}
    return type(params)(_clamp(value) for value in params)


def _clamp_integers(_conn, _cursor, statement, parameters, _context, executemany):
    """Integers beyond 64 bits (ids, filters, markers from a URL) bind as the nearest 64-bit
    value: every column holds at most that much, so comparisons answer the same, and no
    driver overflows (SQLite raises on them, PostgreSQL on a bigint LIMIT)."""
    if not parameters:
        return statement, parameters
    if executemany and isinstance(parameters, list) and isinstance(parameters[0], (dict, tuple, list)):
        return statement, [_clamp_row(row) for row in parameters]
    return statement, _clamp_row(parameters)


def create(url):
    kwargs = {'future': True}
    if url.startswith('sqlite'):
        kwargs['connect_args'] = {'check_same_thread': False, 'timeout': 30}
    else:
        # No ping per checkout (a round trip on every request): a connection the server
        # dropped fails once with a disconnect error, which makes SQLAlchemy invalidate
        # the pool, and idle connections are recycled before servers time them out.
        kwargs.update(pool_pre_ping=False, pool_recycle=1800, pool_size=10, max_overflow=20)
    if url.startswith('mysql'):
        # REPEATABLE READ would keep a transaction's first snapshot even after it takes
        # a lock (quota checks read, lock, then count): read what is committed instead.
        kwargs['isolation_level'] = 'READ COMMITTED'
    engine = sa.create_engine(url, **kwargs)
    event.listen(engine, 'before_cursor_execute', _clamp_integers, retval=True)
    if url.startswith('sqlite'):
        event.listen(engine, 'connect', _sqlite_pragmas)
    return engine


def get_engine():
    global _engine, _sessionmaker
    if _engine is None:
        _engine = create(conf.CONF.database_url)
        _sessionmaker = orm.sessionmaker(bind=_engine, expire_on_commit=False)
    return _engine


def reset():
    """Forget the engine (after fork, or when the configuration changes)."""
    global _engine, _sessionmaker
    if _engine is not None:
        _engine.dispose(close=False)
    _engine = None
    _sessionmaker = None


def session():
    get_engine()
    return _sessionmaker()


@contextlib.contextmanager
def transaction():
    """A session whose work commits on success and rolls back on any error."""
    sess = session()
    try:
        with sess.begin():
            yield sess
    finally:
        sess.close()
