"""network: auto-allocated topologies (a project's own network and router)

Revision ID: network_0003
Revises: network_0002
Create Date: 2026-12-05 08:00:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = 'network_0003'
down_revision = 'network_0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('network_auto_allocated_topologies',
    sa.Column('project_id', sa.String(length=255), nullable=False),
    sa.Column('network_id', sa.String(length=36), nullable=False),
    sa.Column('router_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['network_id'], ['network_networks.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['router_id'], ['network_routers.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('project_id')
    )


def downgrade():
    op.drop_table('network_auto_allocated_topologies')
