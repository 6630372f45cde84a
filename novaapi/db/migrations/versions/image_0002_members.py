"""image: members of shared images (the projects an image is shared with, and their answer)

Revision ID: image_0002
Revises: image_network_0001
Create Date: 2026-12-05 07:50:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = 'image_0002'
down_revision = 'image_network_0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('image_members',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('image_id', sa.String(length=36), nullable=False),
    sa.Column('member', sa.String(length=255), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['image_id'], ['image_images.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('image_id', 'member', name='uniq_image_members0image_id0member')
    )
    op.create_index('image_members_member_idx', 'image_members', ['member', 'status'], unique=False)


def downgrade():
    op.drop_index('image_members_member_idx', table_name='image_members')
    op.drop_table('image_members')
