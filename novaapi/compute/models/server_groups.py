"""Server groups: a scheduling policy and the servers that are its members."""

import json

import sqlalchemy as sa
from sqlalchemy import orm

from novaapi.db import base


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
