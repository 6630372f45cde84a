"""generations: the counters that tell worker processes when their caches went stale
(identity: token validations; behaviours: the armed api-faults)

Revision ID: generations_0001
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa

revision = 'generations_0001'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        'generations',
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('value', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )
    op.bulk_insert(table, [{'name': 'identity', 'value': 1}, {'name': 'behaviours', 'value': 1}])


def downgrade():
    op.drop_table('generations')
