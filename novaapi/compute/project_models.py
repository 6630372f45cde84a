"""Models of the per-project and per-user compute resources: key pairs, quotas, server groups."""

import json

import sqlalchemy as sa
from sqlalchemy import orm

from novaapi.db import base


class KeyPair(base.Base, base.TimestampMixin):
    """An SSH public key or X.509 certificate owned by one user (not by a project)."""

    __tablename__ = 'key_pairs'
    __table_args__ = (sa.UniqueConstraint('user_id', 'name', name='uniq_key_pairs0user_id0name'),)

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    name = sa.Column(sa.String(255), nullable=False)
    user_id = sa.Column(sa.String(255), nullable=False)
    fingerprint = sa.Column(sa.String(255), nullable=True)
    public_key = sa.Column(sa.Text, nullable=True)
    type = sa.Column(sa.String(10), nullable=False, default='ssh')


class Quota(base.Base, base.TimestampMixin):
    """A project's override of one resource limit."""

    __tablename__ = 'quotas'
    __table_args__ = (sa.UniqueConstraint('project_id', 'resource', name='uniq_quotas0project_id0resource'),)

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    project_id = sa.Column(sa.String(255), nullable=False)
    resource = sa.Column(sa.String(255), nullable=False)
    hard_limit = sa.Column(sa.Integer, nullable=False)


class ProjectUserQuota(base.Base, base.TimestampMixin):
    """One user's override of a resource limit inside a project."""

    __tablename__ = 'project_user_quotas'
    __table_args__ = (sa.UniqueConstraint('user_id', 'project_id', 'resource',
                                          name='uniq_project_user_quotas0user_id0project_id0resource'),)

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    project_id = sa.Column(sa.String(255), nullable=False, index=True)
    user_id = sa.Column(sa.String(255), nullable=False)
    resource = sa.Column(sa.String(255), nullable=False)
    hard_limit = sa.Column(sa.Integer, nullable=False)


class QuotaClass(base.Base, base.TimestampMixin):
    """A named set of limits; the ``default`` class overrides the configured defaults."""

    __tablename__ = 'quota_classes'
    __table_args__ = (sa.UniqueConstraint('class_name', 'resource',
                                          name='uniq_quota_classes0class_name0resource'),)

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    class_name = sa.Column(sa.String(255), nullable=False)
    resource = sa.Column(sa.String(255), nullable=False)
    hard_limit = sa.Column(sa.Integer, nullable=False)


class QuotaLock(base.Base):
    """One row per lock key; writing it serializes quota checks of that key until commit."""

    __tablename__ = 'quota_locks'

    lock_id = sa.Column(sa.String(255), primary_key=True)
    counter = sa.Column(sa.BigInteger, nullable=False, default=0)


class ServerGroup(base.Base, base.TimestampMixin):
    """A scheduling policy shared by the servers that are its members."""

    __tablename__ = 'server_groups'
    __table_args__ = (sa.UniqueConstraint('uuid', name='uniq_server_groups0uuid'),)

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    uuid = sa.Column(sa.String(36), nullable=False, default=base.new_uuid)
    name = sa.Column(sa.String(255), nullable=True)
    project_id = sa.Column(sa.String(255), nullable=False, index=True)
    user_id = sa.Column(sa.String(255), nullable=False)
    policy = sa.Column(sa.String(255), nullable=False)
    rules_json = sa.Column(sa.Text, nullable=True)

    member_rows = orm.relationship('ServerGroupMember', cascade='all, delete-orphan',
                                   lazy='selectin', order_by='ServerGroupMember.id')

    @property
    def rules(self):
        """The rules as Nova shows them: ``max_server_per_host`` is an integer."""
        stored = json.loads(self.rules_json) if self.rules_json else {}
        if 'max_server_per_host' in stored:
            return {'max_server_per_host': int(stored['max_server_per_host'])}
        return {}

    @rules.setter
    def rules(self, value):
        self.rules_json = json.dumps({k: str(v) for k, v in (value or {}).items()})

    @property
    def members(self):
        return [row.instance_uuid for row in self.member_rows]


class ServerGroupMember(base.Base, base.TimestampMixin):
    __tablename__ = 'server_group_members'
    __table_args__ = (sa.UniqueConstraint('group_id', 'instance_uuid',
                                          name='uniq_server_group_members0group_id0instance_uuid'),)

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    group_id = sa.Column(sa.Integer, sa.ForeignKey('server_groups.id', ondelete='CASCADE'), nullable=False)
    instance_uuid = sa.Column(sa.String(36), nullable=False, index=True)
