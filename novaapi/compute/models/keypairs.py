"""Key pairs: SSH public keys and X.509 certificates, owned by a user."""

import sqlalchemy as sa

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
