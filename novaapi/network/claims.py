"""Claiming unique rows under concurrency: one real transaction, one savepoint per attempt.

A MAC address, a fixed IP or a project's default group is claimed by
inserting its row in a savepoint: when another worker took it first the
insert fails on the unique key, nothing is written, and the caller moves on.
A plain row (no ORM object wanted back) goes in with ``ON CONFLICT DO NOTHING``
on PostgreSQL and SQLite instead, one statement where a savepoint takes three.
"""

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects import sqlite
from sqlalchemy import exc as sa_exc


def begin_writing(sess):
    """On SQLite take the write lock now, so savepoints nest inside one real transaction.

    NOTE: pysqlite only sends BEGIN before DML; a SAVEPOINT sent first would
    open (and its RELEASE commit) a transaction of its own.
    """
    connection = sess.connection()
    if connection.dialect.name == 'sqlite':
        raw = connection.connection.driver_connection
        if not raw.in_transaction:
            raw.execute('BEGIN IMMEDIATE')


_HELD = 'network_locks_held'


def first_lock(sess, key):
    """True the first time this transaction asks for the lock ``key``; False once it holds
    it (row locks last until the transaction ends, so a batch of ports takes each once)."""
    held = sess.info.setdefault(_HELD, set())
    if key in held:
        return False
    held.add(key)
    return True


def _in_savepoint(sess, write):
    """Run ``write()`` in a savepoint; False (and nothing written) on a unique-key clash."""
    try:
        with sess.begin_nested():
            write()
    except sa_exc.IntegrityError:
        return False
    return True


def insert(sess, row):
    """Add ``row`` in a savepoint; False (and nothing written) on a unique-key clash."""
    return _in_savepoint(sess, lambda: sess.add(row))


_SKIPPING = {'postgresql': postgresql.insert, 'sqlite': sqlite.insert}


def insert_values(sess, table, values):
    """Insert one row of ``values`` into ``table``; False (nothing written) on a unique-key
    clash. The session's pending rows go first (the new row may refer to them)."""
    sess.flush()
    skipping = _SKIPPING.get(sess.get_bind().dialect.name)
    if skipping is not None:
        return sess.execute(skipping(table).values(values).on_conflict_do_nothing()).rowcount == 1
    return _in_savepoint(sess, lambda: sess.execute(sa.insert(table).values(values)))
