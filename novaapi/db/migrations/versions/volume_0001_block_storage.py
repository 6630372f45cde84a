"""volume: the block-storage service's volume types, volumes, snapshots, attachments, quotas
and per-project lock rows

Revision ID: volume_0001
Revises: 0001
Create Date: 2026-12-05 08:20:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = 'volume_0001'
down_revision = '0001'
branch_labels = None
depends_on = None


def _timestamps():
    return [sa.Column('created_at', sa.DateTime(), nullable=False),
            sa.Column('updated_at', sa.DateTime(), nullable=True)]


def upgrade():
    op.create_table(
        'volume_types',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('description', sa.String(length=255), nullable=True),
        sa.Column('is_public', sa.Boolean(), nullable=False),
        sa.Column('extra_specs', sa.JSON(), nullable=True),
        *_timestamps(),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name', name='uniq_volume_types0name'),
    )
    op.create_table(
        'volume_volumes',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('project_id', sa.String(length=255), nullable=False),
        sa.Column('user_id', sa.String(length=255), nullable=True),
        sa.Column('name', sa.String(length=255), nullable=True),
        sa.Column('description', sa.String(length=255), nullable=True),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=32), nullable=False),
        sa.Column('attach_status', sa.String(length=32), nullable=False),
        sa.Column('availability_zone', sa.String(length=255), nullable=False),
        sa.Column('bootable', sa.Boolean(), nullable=False),
        sa.Column('multiattach', sa.Boolean(), nullable=False),
        sa.Column('volume_type_id', sa.String(length=36), nullable=False),
        sa.Column('snapshot_id', sa.String(length=36), nullable=True),
        sa.Column('source_volid', sa.String(length=36), nullable=True),
        sa.Column('image_metadata', sa.JSON(), nullable=True),
        sa.Column('metadata', sa.JSON(), nullable=True),
        sa.Column('migration_status', sa.String(length=32), nullable=True),
        sa.Column('settle_to', sa.String(length=32), nullable=True),
        sa.Column('settle_at', sa.DateTime(), nullable=True),
        *_timestamps(),
        sa.ForeignKeyConstraint(['volume_type_id'], ['volume_types.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('volume_volumes_project_id_idx', 'volume_volumes', ['project_id'])
    op.create_table(
        'volume_snapshots',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('project_id', sa.String(length=255), nullable=False),
        sa.Column('user_id', sa.String(length=255), nullable=True),
        sa.Column('volume_id', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=True),
        sa.Column('description', sa.String(length=255), nullable=True),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=32), nullable=False),
        sa.Column('metadata', sa.JSON(), nullable=True),
        sa.Column('settle_to', sa.String(length=32), nullable=True),
        sa.Column('settle_at', sa.DateTime(), nullable=True),
        *_timestamps(),
        sa.ForeignKeyConstraint(['volume_id'], ['volume_volumes.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('volume_snapshots_project_id_idx', 'volume_snapshots', ['project_id'])
    op.create_index(op.f('ix_volume_snapshots_volume_id'), 'volume_snapshots', ['volume_id'])
    op.create_table(
        'volume_attachments',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('volume_id', sa.String(length=36), nullable=False),
        sa.Column('instance_uuid', sa.String(length=36), nullable=True),
        sa.Column('attach_status', sa.String(length=32), nullable=False),
        sa.Column('attach_mode', sa.String(length=8), nullable=True),
        sa.Column('mountpoint', sa.String(length=255), nullable=True),
        sa.Column('attached_host', sa.String(length=255), nullable=True),
        sa.Column('connector', sa.JSON(), nullable=True),
        sa.Column('connection_info', sa.JSON(), nullable=True),
        sa.Column('attach_time', sa.DateTime(), nullable=True),
        sa.Column('detach_time', sa.DateTime(), nullable=True),
        *_timestamps(),
        sa.ForeignKeyConstraint(['volume_id'], ['volume_volumes.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_volume_attachments_volume_id'), 'volume_attachments',
                    ['volume_id'])
    op.create_index(op.f('ix_volume_attachments_instance_uuid'), 'volume_attachments',
                    ['instance_uuid'])
    op.create_table(
        'volume_quotas',
        sa.Column('project_id', sa.String(length=255), nullable=False),
        sa.Column('resource', sa.String(length=255), nullable=False),
        sa.Column('hard_limit', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('project_id', 'resource'),
    )
    op.create_table(
        'volume_project_locks',
        sa.Column('project_id', sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint('project_id'),
    )


def downgrade():
    op.drop_table('volume_project_locks')
    op.drop_table('volume_quotas')
    op.drop_index(op.f('ix_volume_attachments_instance_uuid'), table_name='volume_attachments')
    op.drop_index(op.f('ix_volume_attachments_volume_id'), table_name='volume_attachments')
    op.drop_table('volume_attachments')
    op.drop_index(op.f('ix_volume_snapshots_volume_id'), table_name='volume_snapshots')
    op.drop_index('volume_snapshots_project_id_idx', table_name='volume_snapshots')
    op.drop_table('volume_snapshots')
    op.drop_index('volume_volumes_project_id_idx', table_name='volume_volumes')
    op.drop_table('volume_volumes')
    op.drop_table('volume_types')
