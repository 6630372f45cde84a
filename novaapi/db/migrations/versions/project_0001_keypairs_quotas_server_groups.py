"""project resources: key pairs, quotas, quota classes, quota locks, server groups

Revision ID: project_0001
Revises: 0001
Create Date: 2026-11-22 05:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = 'project_0001'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('key_pairs',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('user_id', sa.String(length=255), nullable=False),
    sa.Column('fingerprint', sa.String(length=255), nullable=True),
    sa.Column('public_key', sa.Text(), nullable=True),
    sa.Column('type', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'name', name='uniq_key_pairs0user_id0name')
    )
    op.create_table('project_user_quotas',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('project_id', sa.String(length=255), nullable=False),
    sa.Column('user_id', sa.String(length=255), nullable=False),
    sa.Column('resource', sa.String(length=255), nullable=False),
    sa.Column('hard_limit', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'project_id', 'resource', name='uniq_project_user_quotas0user_id0project_id0resource')
    )
    op.create_index(op.f('ix_project_user_quotas_project_id'), 'project_user_quotas', ['project_id'], unique=False)
    op.create_table('quota_classes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('class_name', sa.String(length=255), nullable=False),
    sa.Column('resource', sa.String(length=255), nullable=False),
    sa.Column('hard_limit', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('class_name', 'resource', name='uniq_quota_classes0class_name0resource')
    )
    op.create_table('quota_locks',
    sa.Column('lock_id', sa.String(length=255), nullable=False),
    sa.Column('counter', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('lock_id')
    )
    op.create_table('quotas',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('project_id', sa.String(length=255), nullable=False),
    sa.Column('resource', sa.String(length=255), nullable=False),
    sa.Column('hard_limit', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('project_id', 'resource', name='uniq_quotas0project_id0resource')
    )
    op.create_table('server_groups',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=True),
    sa.Column('project_id', sa.String(length=255), nullable=False),
    sa.Column('user_id', sa.String(length=255), nullable=False),
    sa.Column('policy', sa.String(length=255), nullable=False),
    sa.Column('rules_json', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uuid', name='uniq_server_groups0uuid')
    )
    op.create_index(op.f('ix_server_groups_project_id'), 'server_groups', ['project_id'], unique=False)
    op.create_table('server_group_members',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('instance_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['group_id'], ['server_groups.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('group_id', 'instance_uuid', name='uniq_server_group_members0group_id0instance_uuid')
    )
    op.create_index(op.f('ix_server_group_members_instance_uuid'), 'server_group_members', ['instance_uuid'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_server_group_members_instance_uuid'), table_name='server_group_members')
    op.drop_table('server_group_members')
    op.drop_index(op.f('ix_server_groups_project_id'), table_name='server_groups')
    op.drop_table('server_groups')
    op.drop_table('quotas')
    op.drop_table('quota_locks')
    op.drop_table('quota_classes')
    op.drop_index(op.f('ix_project_user_quotas_project_id'), table_name='project_user_quotas')
    op.drop_table('project_user_quotas')
    op.drop_table('key_pairs')
