"""Host aggregates, their hosts and their metadata (``os-aggregates``)."""

import sqlalchemy as sa
from sqlalchemy import orm

from novaapi.db import base

NAME = sa.String(255)


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
