"""behaviours: the armed fault-injection behaviours of the simulated cloud

Revision ID: behaviours_0001
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa


revision = 'behaviours_0001'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'sim_behaviours',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('project_id', sa.String(length=255), nullable=True),
        sa.Column('name', sa.String(length=255), nullable=True),
        sa.Column('flavor', sa.String(length=255), nullable=True),
        sa.Column('image', sa.String(length=255), nullable=True),
        sa.Column('host', sa.String(length=255), nullable=True),
        sa.Column('action', sa.String(length=32), nullable=True),
        sa.Column('method', sa.String(length=16), nullable=True),
        sa.Column('path', sa.String(length=255), nullable=True),
        sa.Column('status', sa.Integer(), nullable=True),
        sa.Column('message', sa.Text(), nullable=True),
        sa.Column('delay', sa.Float(), nullable=True),
        sa.Column('count', sa.Integer(), nullable=True),
        sa.Column('remaining', sa.Integer(), nullable=True),
        sa.Column('fired', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid', name='uniq_sim_behaviours0uuid'),
        sqlite_autoincrement=True,
    )
    op.create_index('sim_behaviours_kind_idx', 'sim_behaviours', ['kind'])


def downgrade():
    op.drop_index('sim_behaviours_kind_idx', table_name='sim_behaviours')
    op.drop_table('sim_behaviours')
