"""Quota limits per project, per user and per class, and the rows that serialize quota checks."""

import sqlalchemy as sa

from novaapi.db import base


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
