"""One engine per process, created lazily from the configuration.

Workers fork after the parent has run migrations; ``reset()`` drops the
inherited pool so each worker opens its own connections.
"""

import contextlib
import functools
import re
import select
import socket
import sys
import time

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy import event
from sqlalchemy import orm

from novaapi import conf
from novaapi.db import generations

_engine = None
_autocommit = None
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
    for value in (params.values() if isinstance(params, dict) else params):
        if type(value) is int and not INT64_MIN <= value <= INT64_MAX:  # noqa: E721 - not bool
            break
    else:
        return params  # the usual case: nothing to clamp, nothing copied
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


def _socket_of(dbapi_conn):
    """The driver connection's socket (pg8000, PyMySQL, psycopg, mysqlclient) or None."""
    for name in ('_usock', '_sock'):
        sock = getattr(dbapi_conn, name, None)
        if sock is not None and hasattr(sock, 'fileno'):
            return sock
    return dbapi_conn if hasattr(dbapi_conn, 'fileno') else None


def _real_select():
    """The ``select`` module as the kernel gives it, even under eventlet's monkey patching."""
    if 'eventlet' in sys.modules:
        # deferred: eventlet is only there when a server monkey-patched the interpreter
        from eventlet import patcher
        return patcher.original('select')
    return select


def _drop_if_closed(dbapi_conn, _record, _proxy):
    """On checkout: a connection the server closed (restart, ``pg_terminate_backend``, idle timeout)
    is replaced before any statement runs on it.

    An idle connection receives nothing from the server, so a socket that is readable
    (the server's goodbye, or EOF) or in error is dead. This is one non-blocking poll,
    not a round trip like a ping. The pool answers ``DisconnectionError`` by opening a
    new connection.
    """
    sock = _socket_of(dbapi_conn)
    if sock is None:
        return
    try:
        fd = sock.fileno()
    except Exception:  # noqa: BLE001 - a closed socket object
        raise sa_exc.DisconnectionError('connection socket closed') from None
    if fd < 0:
        raise sa_exc.DisconnectionError('connection socket closed')
    real = _real_select()
    poller = real.poll()
    poller.register(fd, real.POLLIN | real.POLLERR | real.POLLHUP)
    if poller.poll(0):
        raise sa_exc.DisconnectionError('the server closed the connection')


# PostgreSQL (pg8000) binds every parameter with a cast to its column's type, ``%s::INTEGER``,
# which fails on a value outside that type's range; such a value compares like the type's
# nearest bound (no row holds more), so it binds as that bound.
_PG_PLACEHOLDER = re.compile(r'%%|%s(?:::(SMALLINT|INTEGER)\b)?')
_PG_BOUNDS = {'SMALLINT': 2 ** 15 - 1, 'INTEGER': 2 ** 31 - 1}


def _narrow(value, cast):
    if cast and type(value) is int:  # noqa: E721 - not bool
        bound = _PG_BOUNDS[cast]
        return max(-bound - 1, min(bound, value))
    return value


def _pg_narrow_row(casts, row):
    if not isinstance(row, (tuple, list)) or len(row) != len(casts):
        return row
    return type(row)(_narrow(value, cast) for value, cast in zip(row, casts))


def _pg_clamp_to_casts(_conn, _cursor, statement, parameters, _context, executemany):
    if not parameters or '::SMALLINT' not in statement and '::INTEGER' not in statement:
        return statement, parameters
    casts = [m.group(1) for m in _PG_PLACEHOLDER.finditer(statement) if m.group(0) != '%%']
    if executemany and isinstance(parameters, list):
        return statement, [_pg_narrow_row(casts, row) for row in parameters]
    return statement, _pg_narrow_row(casts, parameters)


def _memoize_pg8000_paramstyle():
    """Convert each statement's placeholders once, not on every execution (pg8000).

    pg8000 rewrites ``%s`` into ``$1``... by scanning the SQL text a character at
    a time in Python on every ``execute``: 28 % of a ``GET /servers/{id}`` on
    PostgreSQL.  SQLAlchemy reuses a few hundred statement texts, and with
    positional styles the rewrite depends on the text alone, so it is kept.
    """
    # deferred: only a PostgreSQL deployment loads the driver
    from pg8000 import legacy
    original = legacy.convert_paramstyle
    if getattr(original, 'memoized', False):
        return

    @functools.lru_cache(maxsize=4096)
    def rewritten(style, query):
        return original(style, query, ())[0]

    def convert(style, query, args):
        if style in ('format', 'qmark', 'numeric'):
            return rewritten(style, query), args
        return original(style, query, args)
    convert.memoized = True
    legacy.convert_paramstyle = convert


def _no_delay(dbapi_connection, _record):
    """Send each message to PostgreSQL at once (pg8000 leaves Nagle's algorithm on).

    A statement leaves in several writes; with Nagle's algorithm the last one
    waited for the server's delayed ACK, ~40 ms, once a statement carried many
    parameters or its answer many rows: a page of 1,000 servers spent 0.4 s so.
    """
    sock = getattr(dbapi_connection, '_usock', None)
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def create(url, autocommit=False):
    kwargs = {'future': True}
    if url.startswith('sqlite'):
        kwargs['connect_args'] = {'check_same_thread': False, 'timeout': 30}
    else:
        # No ping per checkout (a round trip on every request): a connection the server
        # dropped is noticed on checkout by a poll of its socket (_drop_if_closed), and
        # idle connections are recycled before servers time them out.
        kwargs.update(pool_pre_ping=False, pool_recycle=1800, pool_size=10, max_overflow=20)
    if autocommit:
        # No transaction is ever open on these connections, so none is rolled back on checkin.
        kwargs.update(isolation_level='AUTOCOMMIT', pool_reset_on_return=None)
    elif url.startswith('mysql'):
        # REPEATABLE READ would keep a transaction's first snapshot even after it takes
        # a lock (quota checks read, lock, then count): read what is committed instead.
        kwargs['isolation_level'] = 'READ COMMITTED'
    engine = sa.create_engine(url, **kwargs)
    if engine.dialect.driver == 'pg8000':
        _memoize_pg8000_paramstyle()
        event.listen(engine, 'connect', _no_delay)
    event.listen(engine, 'before_cursor_execute', _clamp_integers, retval=True)
    event.listen(engine, 'after_cursor_execute', generations.after_execute)
    event.listen(engine, 'commit', generations.committing)
    event.listen(engine, 'rollback', generations.transaction_ended)
    if engine.dialect.name == 'postgresql' and engine.dialect.paramstyle == 'format':
        event.listen(engine, 'before_cursor_execute', _pg_clamp_to_casts, retval=True)
    if url.startswith('sqlite'):
        event.listen(engine, 'connect', _sqlite_pragmas)
    else:
        event.listen(engine, 'checkout', _drop_if_closed)
    return engine


def get_engine():
    global _engine, _sessionmaker
    if _engine is None:
        _engine = create(conf.CONF.database_url)
        _sessionmaker = orm.sessionmaker(bind=_engine, expire_on_commit=False)
    return _engine


def _autocommit_engine():
    global _autocommit
    if _autocommit is None:
        _autocommit = create(conf.CONF.database_url, autocommit=True)
    return _autocommit


@contextlib.contextmanager
def reader():
    """A connection for reads, outside any transaction: each statement on its own.

    On PostgreSQL and MariaDB each statement of a transaction costs the BEGIN
    and the COMMIT or ROLLBACK round trips around it too; a read on its own
    sees what :func:`transaction` would under READ COMMITTED, the isolation
    used here on PostgreSQL and MariaDB (and SQLite reads outside a write
    transaction): each statement sees what was committed when it began. A
    request that only reads (the server views) uses one, with Core and
    prepared statements rather than a Session. Nothing may be written through
    it: nothing would hold the writes together.

    Through psycopg2 the worker waits for each answer without yielding to its
    other green threads (see :func:`_stop_yielding`). A read outside a
    transaction never waits for a lock on PostgreSQL, so the wait is only the
    server's work, and handing the core straight to the server's backend costs
    less than a trip through the hub and back (docs/benchmarks.md).
    """
    conn = _reader_connection()
    quiet = conn.dialect.driver == 'psycopg2'
    if quiet:
        _stop_yielding()
    try:
        yield conn
    except BaseException as exc:
        _keep_or_close(conn, exc)
        raise
    else:
        _keep_or_close(conn, None)
    finally:
        if quiet:
            _start_yielding()


# Reader connections between reads, with when each was last handed back. A reader's block
# never yields, so a worker needs one at a time; taking it from the pool and giving it
# back on every read cost more than a simple read (the pool's checkout and checkin, a new
# Connection object, their events). One that waited longer than _IDLE_FOR goes back to
# the pool, which recycles and checks it as usual.
_idle = []
_IDLE_KEPT = 2
_IDLE_FOR = 30.0


def _reader_connection():
    while _idle:
        conn, since = _idle.pop()
        if time.monotonic() - since > _IDLE_FOR:
            conn.close()
            continue
        try:
            _drop_if_closed(conn.connection.dbapi_connection, None, None)
        except sa_exc.DisconnectionError:
            conn.invalidate()
            conn.close()
            continue
        return conn
    return _autocommit_engine().connect()


def _keep_or_close(conn, error):
    """Keep ``conn`` for the next read unless it broke, or enough are kept already."""
    broken = isinstance(error, (sa_exc.SQLAlchemyError, conn.dialect.loaded_dbapi.Error))
    if broken or conn.closed or conn.invalidated or len(_idle) >= _IDLE_KEPT:
        conn.close()
        return
    if conn.in_transaction():
        conn.rollback()  # SQLAlchemy's own bookkeeping; AUTOCOMMIT sends nothing
    _idle.append((conn, time.monotonic()))


def _forget_idle():
    """Hand the kept reader connections back to their pool (before it is disposed of)."""
    while _idle:
        _idle.pop()[0].close()


def reset():
    """Forget the engines (after fork, or when the configuration changes)."""
    global _engine, _sessionmaker, _autocommit
    _forget_idle()
    for old in (_engine, _autocommit):
        if old is not None:
            old.dispose(close=False)
    _engine = None
    _autocommit = None
    _sessionmaker = None
    generations.forget()


def session():
    get_engine()
    return _sessionmaker()


# psycopg2's wait callback is one per process: [holders, the callback they took away].
_quiet = [0, None]


def _stop_yielding():
    """Make psycopg2 wait for the server in place of yielding to other green threads.

    Counted: the callback eventlet installed comes back when the last holder
    lets go, in whatever order holders end.
    """
    # deferred: only a psycopg2 deployment reaches this
    from psycopg2 import extensions
    if _quiet[0] == 0:
        _quiet[1] = extensions.get_wait_callback()
        extensions.set_wait_callback(None)
    _quiet[0] += 1


def _start_yielding():
    _quiet[0] -= 1
    if _quiet[0] == 0:
        callback, _quiet[1] = _quiet[1], None
        if callback is not None:
            # deferred: only a psycopg2 deployment ever stops yielding
            from psycopg2 import extensions
            extensions.set_wait_callback(callback)


_NOT_YIELDING = 'novaapi.not_yielding'


def finish_without_yielding(sess):
    """Run the rest of ``sess``'s transaction, commit included, without yielding to other
    green threads (PostgreSQL through psycopg2 under eventlet; elsewhere a no-op).

    For the end of a transaction that holds a contended lock: each statement it still
    sends then takes one round trip, instead of a round trip plus however long the
    worker's other requests keep it from resuming, which is how long everyone waiting
    for the lock waits too. Call it only once the lock is held: a statement that waits
    for a lock here stops the whole worker.
    """
    if sess.get_bind().dialect.driver != 'psycopg2' or _NOT_YIELDING in sess.info:
        return
    sess.info[_NOT_YIELDING] = True
    _stop_yielding()


def _resume_yielding(sess):
    if sess.info.pop(_NOT_YIELDING, False):
        _start_yielding()


@contextlib.contextmanager
def transaction():
    """A session whose work commits on success and rolls back on any error."""
    sess = session()
    try:
        with sess.begin():
            yield sess
    finally:
        try:
            sess.close()
        finally:
            _resume_yielding(sess)
