"""Service records (``os-services``).

A ``nova-compute`` service row names its host; its scheduling state
(``disabled``, ``disabled_reason``, ``forced_down``) and heartbeat live on the
host's compute node (``instances.ComputeNode``), which the scheduler reads, so
the same columns here are only used by the other services (``nova-scheduler``,
``nova-conductor``).  ``deleted`` follows Nova's soft-delete convention (0 while
live, the row's id once deleted).
"""

import sqlalchemy as sa

from novaapi.db import base

NAME = sa.String(255)


class Service(base.Base, base.TimestampMixin):
    __tablename__ = 'services'
    __table_args__ = (sa.UniqueConstraint('host', 'binary', 'deleted', name='uniq_services0host0binary0deleted'),
                      sa.UniqueConstraint('uuid', name='uniq_services0uuid'))

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    uuid = sa.Column(sa.String(36), nullable=False, default=base.new_uuid)
    host = sa.Column(NAME, nullable=False)
    binary = sa.Column(NAME, nullable=False)
    topic = sa.Column(NAME, nullable=True)
    disabled = sa.Column(sa.Boolean, nullable=False, default=False)
    disabled_reason = sa.Column(NAME, nullable=True)
    forced_down = sa.Column(sa.Boolean, nullable=False, default=False)
    last_seen_up = sa.Column(sa.DateTime, nullable=True)
    deleted = sa.Column(sa.Integer, nullable=False, default=0)
    deleted_at = sa.Column(sa.DateTime, nullable=True)
