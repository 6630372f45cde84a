"""generations: counters for what server views read (compute's servers, the network's ports)

Revision ID: generations_0003
Revises: generations_0002
"""

from alembic import op
import sqlalchemy as sa

revision = 'generations_0003'
down_revision = 'generations_0002'
branch_labels = None
depends_on = None

_TABLE = sa.table('generations', sa.column('name', sa.String), sa.column('value', sa.BigInteger))
_NAMES = ['servers', 'network']


def upgrade():
    op.bulk_insert(_TABLE, [{'name': name, 'value': 1} for name in _NAMES])


def downgrade():
    op.execute(_TABLE.delete().where(_TABLE.c.name.in_(_NAMES)))
