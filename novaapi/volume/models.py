"""Cinder-like records: volume types, volumes, snapshots, attachments, quotas and the
per-project lock row that makes quota checks race-free.

A transitional status (``creating``, ``extending``, ``deleting``...) carries the
status it becomes (``settle_to``) and when (``settle_at``); the domain settles
due rows at the start of each unit of work (:func:`novaapi.volume.states.settle`).
"""

import sqlalchemy as sa
from sqlalchemy import orm

from novaapi.db import base

UUID = sa.String(36)


class VolumeType(base.Base, base.TimestampMixin):
    __tablename__ = 'volume_types'
    __table_args__ = (sa.UniqueConstraint('name', name='uniq_volume_types0name'),)

    id = sa.Column(UUID, primary_key=True, default=base.new_uuid)
    name = sa.Column(sa.String(255), nullable=False)
    description = sa.Column(sa.String(255), nullable=True)
    is_public = sa.Column(sa.Boolean, nullable=False, default=True)
    extra_specs = sa.Column(sa.JSON, nullable=True)


class Volume(base.Base, base.TimestampMixin):
    __tablename__ = 'volume_volumes'
    __table_args__ = (sa.Index('volume_volumes_project_id_idx', 'project_id'),)

    id = sa.Column(UUID, primary_key=True, default=base.new_uuid)
    project_id = sa.Column(sa.String(255), nullable=False)
    user_id = sa.Column(sa.String(255), nullable=True)
    name = sa.Column(sa.String(255), nullable=True)
    description = sa.Column(sa.String(255), nullable=True)
    size = sa.Column(sa.Integer, nullable=False)
    status = sa.Column(sa.String(32), nullable=False)
    attach_status = sa.Column(sa.String(32), nullable=False, default='detached')
    availability_zone = sa.Column(sa.String(255), nullable=False)
    bootable = sa.Column(sa.Boolean, nullable=False, default=False)
    multiattach = sa.Column(sa.Boolean, nullable=False, default=False)
    volume_type_id = sa.Column(UUID, sa.ForeignKey('volume_types.id'), nullable=False)
    snapshot_id = sa.Column(UUID, nullable=True)
    source_volid = sa.Column(UUID, nullable=True)
    image_metadata = sa.Column(sa.JSON, nullable=True)
    meta = sa.Column('metadata', sa.JSON, nullable=True)
    migration_status = sa.Column(sa.String(32), nullable=True)
    settle_to = sa.Column(sa.String(32), nullable=True)
    settle_at = sa.Column(sa.DateTime, nullable=True)

    volume_type = orm.relationship(VolumeType, lazy='joined')
    attachments = orm.relationship('Attachment', lazy='selectin', back_populates='volume',
                                   order_by=lambda: Attachment.created_at)


class Snapshot(base.Base, base.TimestampMixin):
    __tablename__ = 'volume_snapshots'
    __table_args__ = (sa.Index('volume_snapshots_project_id_idx', 'project_id'),)

    id = sa.Column(UUID, primary_key=True, default=base.new_uuid)
    project_id = sa.Column(sa.String(255), nullable=False)
    user_id = sa.Column(sa.String(255), nullable=True)
    volume_id = sa.Column(UUID, sa.ForeignKey('volume_volumes.id'), nullable=False, index=True)
    name = sa.Column(sa.String(255), nullable=True)
    description = sa.Column(sa.String(255), nullable=True)
    size = sa.Column(sa.Integer, nullable=False)
    status = sa.Column(sa.String(32), nullable=False)
    meta = sa.Column('metadata', sa.JSON, nullable=True)
    settle_to = sa.Column(sa.String(32), nullable=True)
    settle_at = sa.Column(sa.DateTime, nullable=True)


class Attachment(base.Base, base.TimestampMixin):
    __tablename__ = 'volume_attachments'

    id = sa.Column(UUID, primary_key=True, default=base.new_uuid)
    volume_id = sa.Column(UUID, sa.ForeignKey('volume_volumes.id'), nullable=False, index=True)
    instance_uuid = sa.Column(UUID, nullable=True, index=True)
    attach_status = sa.Column(sa.String(32), nullable=False)
    attach_mode = sa.Column(sa.String(8), nullable=True)
    mountpoint = sa.Column(sa.String(255), nullable=True)
    attached_host = sa.Column(sa.String(255), nullable=True)
    connector = sa.Column(sa.JSON, nullable=True)
    connection_info = sa.Column(sa.JSON, nullable=True)
    attach_time = sa.Column(sa.DateTime, nullable=True)
    detach_time = sa.Column(sa.DateTime, nullable=True)

    volume = orm.relationship(Volume, back_populates='attachments')


class Quota(base.Base):
    __tablename__ = 'volume_quotas'

    project_id = sa.Column(sa.String(255), primary_key=True)
    resource = sa.Column(sa.String(255), primary_key=True)
    hard_limit = sa.Column(sa.Integer, nullable=False)


class ProjectLock(base.Base):
    """One row per project: creates and extends take it (FOR UPDATE) before counting usage."""

    __tablename__ = 'volume_project_locks'

    project_id = sa.Column(sa.String(255), primary_key=True)
