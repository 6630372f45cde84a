"""Generation counters: one primary-key read tells a process whether its cache still holds.

A service *watches* a set of its tables under a name. The engine itself then bumps
that name's counter (``generations.value + 1``) in the same transaction as any
INSERT, UPDATE or DELETE on those tables, so no write path can forget to, and
the new value becomes visible exactly when the change does. The bump is the
transaction's last statement, sent as it commits: the counter's row stays locked
only for the commit, so writers that share a name (every boot writes the
servers' tables) queue on it for one round trip, not for their whole
transaction. A cache kept in one worker process, tagged with the value read
*before* it was filled, is valid while a fresh read returns that same value: a
change committed by any worker of any process is seen by the next request
everywhere.

A name without a row reads as None, which never matches: nothing is cached.
"""

import contextlib

import sqlalchemy as sa

from novaapi.db import base
from novaapi.db import prepared

TABLE = sa.Table(
    'generations', base.Base.metadata,
    sa.Column('name', sa.String(64), primary_key=True),
    sa.Column('value', sa.BigInteger, nullable=False),
)

# name -> (watched tables, tables whose INSERTs do not count)
_WATCHED = {}
_PENDING = 'novaapi.generations.pending'
_ALL = prepared.Query(sa.select(TABLE.c.name, TABLE.c.value))
_SNAPSHOT = 'novaapi.generations'
_VERBS = {'INSERT': 2, 'UPDATE': 1, 'DELETE': 2}   # where the table's name sits in the statement


def watch(name, tables, inserts_exempt=()):
    """Bump ``name`` whenever one of ``tables`` is written.

    :param inserts_exempt: tables whose new rows change nothing a cache under
        ``name`` holds (a newly issued token is not in any cache yet)
    """
    _WATCHED[name] = (frozenset(tables), frozenset(inserts_exempt))


# Bumped when the process switches databases (engine.reset): a value read from the
# previous database never matches one read from the next, even when the counters agree.
_epoch = [0]


def forget():
    """Invalidate every value read so far (the engine now points elsewhere)."""
    _epoch[0] += 1


def current(connect, name, memo=None):
    """A token for ``name``'s current value, or None when it has no row.

    Two tokens are equal only when read from the same database with nothing written
    to the watched tables in between. With ``memo``, every counter is read in one
    statement the first time and the request's later checks share that reading.

    :param connect: a context manager giving a connection (``engine.reader``)
    :param memo: a dict that lives as long as one request (the WSGI environ's
        ``novaapi.request_memo``), or None
    """
    snapshot = memo.get(_SNAPSHOT) if memo is not None else None
    if snapshot is None:
        with connect() as conn:
            snapshot = {row.name: (_epoch[0], row.value) for row in _ALL.rows(conn)}
        if memo is not None:
            memo[_SNAPSHOT] = snapshot
    return snapshot.get(name)


class ReadCache:
    """Values read from the tables watched under ``name`` for reads outside any transaction
    (``engine.reader``), kept per process while the generation holds.

    Each value is kept with the generation read before it was loaded: it is handed out
    only to a read that finds that same generation, so a value loaded while a write
    committed is never taken for the newer state, whatever the threads or green threads
    do in between. Values are shared: callers must not change them.
    """

    def __init__(self, name, limit=2048):
        self.name = name
        self.limit = limit
        self._values = {}

    def read(self, conn, keys, load, memo):
        """``{key: value}`` for ``keys``: the ones kept at the current generation, the
        others from ``load(missing keys)``, a dict (a key it leaves out is not kept).

        :param conn: the reader's connection (the generation is read through it)
        :param memo: the request's memo (:func:`current`): the generations are read
            once a request, usually already by the token check
        """
        generation = current(lambda: contextlib.nullcontext(conn), self.name, memo)
        found, missing = {}, []
        values = self._values
        for key in keys:
            kept = values.get(key)
            if kept is not None and kept[0] == generation:
                found[key] = kept[1]
            else:
                missing.append(key)
        if not missing:
            return found
        loaded = load(missing)
        found.update(loaded)
        if generation is not None:
            if len(values) + len(loaded) > self.limit:
                values.clear()
            for key, value in loaded.items():
                values[key] = (generation, value)
        return found


class Cache(ReadCache):
    """:class:`ReadCache` for reads inside a transaction, one key at a time.

    The generation is read once a transaction (memo: ``sess.info``). A transaction that
    has itself written the watched tables loads afresh (its reading predates its writes).
    """

    def get(self, sess, key, load):
        """The value of ``key``, from this process's copy or from ``load()``."""
        sess.flush()  # a write still held in the session counts too
        if self.name in sess.connection().info.get(_PENDING, ()):
            return load()
        return self.read(sess, [key], lambda _missing: {key: load()}, sess.info)[key]


def _written(statement):
    words = statement.split(None, 3)
    place = _VERBS.get(words[0].upper()) if words else None
    if place is None or len(words) <= place:
        return None, None
    return words[0].upper(), words[place].strip('"`')


def after_execute(conn, _cursor, statement, _parameters, _context, _executemany):
    """Engine hook: note each watched name a write touches (bumped as the transaction
    commits, see :func:`committing`)."""
    if not _WATCHED or statement[:6].upper() not in ('INSERT', 'UPDATE', 'DELETE'):
        return
    verb, table = _written(statement)
    if table is None or table == TABLE.name:
        return
    pending = conn.info.setdefault(_PENDING, set())
    for name, (tables, exempt) in _WATCHED.items():
        if name not in pending and table in tables and not (verb == 'INSERT' and table in exempt):
            pending.add(name)


def committing(conn):
    """Engine hook (commit, before the database commits): bump every name noted, in
    one order for all writers, so two of them never wait for each other's rows."""
    pending = conn.info.pop(_PENDING, None)
    if not pending:
        return
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        for name in sorted(pending):
            cursor.execute("UPDATE %s SET value = value + 1 WHERE name = '%s'" % (TABLE.name, name))
    finally:
        cursor.close()


def transaction_ended(conn):
    """Engine hook (rollback): nothing was written, nothing is bumped."""
    conn.info.pop(_PENDING, None)
