"""Claiming unique rows under concurrency: one real transaction, one savepoint per attempt.

A MAC address, a fixed IP or a project's default group is claimed by
inserting its row in a savepoint: when another worker took it first the
insert fails on the unique key, nothing is written, and the caller moves on.
"""

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


def insert(sess, row):
    """Add ``row`` in a savepoint; False (and nothing written) on a unique-key clash."""
    try:
        with sess.begin_nested():
            sess.add(row)
    except sa_exc.IntegrityError:
        return False
    return True
