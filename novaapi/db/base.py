"""Declarative base and column helpers shared by every model module."""

import datetime
import uuid

import sqlalchemy as sa
from sqlalchemy import orm


def utcnow():
    """Naive UTC now, the form Nova stores and formats."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def new_uuid():
    return str(uuid.uuid4())


def new_hex_id():
    """Keystone-style 32-character hex id."""
    return uuid.uuid4().hex


class Base(orm.DeclarativeBase):
    pass


class TimestampMixin:
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    updated_at = sa.Column(sa.DateTime, nullable=True, onupdate=utcnow)
