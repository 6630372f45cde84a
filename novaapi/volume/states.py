"""Cinder's status machine, simulated: a transitional status settles after a short delay.

A row in ``creating``, ``extending`` or ``deleting`` carries the status it
becomes (``settle_to``; ``deleted`` removes the row) and when (``settle_at``,
``[volume] status_delay`` seconds on).  Every unit of work settles the due rows
first, with set-based statements that any number of workers may run at once.
"""

import datetime

import sqlalchemy as sa

from novaapi import conf
from novaapi.db import base
from novaapi.volume import models

DELETED = 'deleted'
# Statuses in which a volume may be deleted (Cinder's volume API).
DELETABLE = ('available', 'error', 'error_restoring', 'error_extending', 'error_managing')


def later():
    """When a transition started now settles."""
    return base.utcnow() + datetime.timedelta(seconds=conf.CONF.volume.status_delay)


def start(row, status, then):
    """Put ``row`` in the transitional ``status``; it becomes ``then`` after the delay."""
    row.status = status
    if status == then or conf.CONF.volume.status_delay <= 0:
        row.status, row.settle_to, row.settle_at = then, None, None
        return
    row.settle_to, row.settle_at = then, later()


def settle(sess):
    """Finish every transition that is due: statuses move on, deleted rows go."""
    now = base.utcnow()
    due = sess.scalar(sa.select(sa.func.count()).select_from(models.Volume)
                      .where(models.Volume.settle_at <= now))
    due += sess.scalar(sa.select(sa.func.count()).select_from(models.Snapshot)
                       .where(models.Snapshot.settle_at <= now))
    if not due:
        return
    for model in (models.Snapshot, models.Volume):
        sess.execute(sa.delete(model).where(model.settle_to == DELETED, model.settle_at <= now)
                     .execution_options(synchronize_session=False))
        sess.execute(sa.update(model).where(model.settle_to.is_not(None), model.settle_at <= now)
                     .values(status=model.settle_to, settle_to=None, settle_at=None,
                             updated_at=now)
                     .execution_options(synchronize_session=False))
    sess.expire_all()


def delete_now(sess, row):
    """Remove ``row`` at once (no delay configured)."""
    sess.delete(row)
