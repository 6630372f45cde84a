"""generations: counters for the flavors and the images a boot reads (kept per process)

Revision ID: generations_0002
Revises: generations_0001
"""

from alembic import op
import sqlalchemy as sa

revision = 'generations_0002'
down_revision = 'generations_0001'
branch_labels = None
depends_on = None

_TABLE = sa.table('generations', sa.column('name', sa.String), sa.column('value', sa.BigInteger))


def upgrade():
    op.bulk_insert(_TABLE, [{'name': 'flavors', 'value': 1}, {'name': 'images', 'value': 1}])


def downgrade():
    op.execute(_TABLE.delete().where(_TABLE.c.name.in_(['flavors', 'images'])))
