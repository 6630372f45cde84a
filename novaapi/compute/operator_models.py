"""Tables of the operator APIs: services and host aggregates.

A ``nova-compute`` service row names its host; its scheduling state
(``disabled``, ``disabled_reason``, ``forced_down``) and heartbeat live on the
host's compute node (``models.ComputeNode``), which the scheduler reads, so
the same columns here are only used by the other services (``nova-scheduler``,
``nova-conductor``).  ``deleted`` follows Nova's soft-delete convention (0 while
live, the row's id once deleted).
"""

import sqlalchemy as sa
from sqlalchemy import orm

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


class Aggregate(base.Base, base.TimestampMixin):
    __tablename__ = 'aggregates'
    __table_args__ = (sa.UniqueConstraint('uuid', name='uniq_aggregates0uuid'),
                      sa.Index('aggregates_name_idx', 'name'))

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    uuid = sa.Column(sa.String(36), nullable=False, default=base.new_uuid)
    name = sa.Column(NAME, nullable=False)

    hosts = orm.relationship('AggregateHost', lazy='selectin', order_by='AggregateHost.id',
                             cascade='all, delete-orphan')
    metadata_items = orm.relationship('AggregateMetadata', lazy='selectin', order_by='AggregateMetadata.id',
                                      cascade='all, delete-orphan')

    @property
    def metadata_dict(self):
        return {item.key: item.value for item in self.metadata_items}

    @property
    def availability_zone(self):
        return self.metadata_dict.get('availability_zone')

    @property
    def host_names(self):
        return [h.host for h in self.hosts]


class AggregateHost(base.Base):
    __tablename__ = 'aggregate_hosts'
    __table_args__ = (sa.UniqueConstraint('host', 'aggregate_id', name='uniq_aggregate_hosts0host0aggregate_id'),)

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    host = sa.Column(NAME, nullable=False)
    aggregate_id = sa.Column(sa.Integer, sa.ForeignKey('aggregates.id', ondelete='CASCADE'), nullable=False)


class AggregateMetadata(base.Base):
    __tablename__ = 'aggregate_metadata'
    __table_args__ = (sa.UniqueConstraint('aggregate_id', 'key', name='uniq_aggregate_metadata0aggregate_id0key'),
                      sa.Index('aggregate_metadata_key_idx', 'key'))

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    aggregate_id = sa.Column(sa.Integer, sa.ForeignKey('aggregates.id', ondelete='CASCADE'), nullable=False)
    key = sa.Column(NAME, nullable=False)
    value = sa.Column(NAME, nullable=False)
