"""image and network: images, their properties and tags; networks, subnets, ports,
fixed-IP allocations and security groups

Revision ID: image_network_0001
Revises: 0001
Create Date: 2026-11-22 05:10:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = 'image_network_0001'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('image_images',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=True),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('visibility', sa.String(length=20), nullable=False),
    sa.Column('owner', sa.String(length=255), nullable=True),
    sa.Column('size', sa.BigInteger(), nullable=True),
    sa.Column('virtual_size', sa.BigInteger(), nullable=True),
    sa.Column('disk_format', sa.String(length=20), nullable=True),
    sa.Column('container_format', sa.String(length=20), nullable=True),
    sa.Column('min_disk', sa.Integer(), nullable=False),
    sa.Column('min_ram', sa.Integer(), nullable=False),
    sa.Column('protected', sa.Boolean(), nullable=False),
    sa.Column('os_hidden', sa.Boolean(), nullable=False),
    sa.Column('checksum', sa.String(length=32), nullable=True),
    sa.Column('os_hash_algo', sa.String(length=64), nullable=True),
    sa.Column('os_hash_value', sa.String(length=128), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('image_images_created_at_idx', 'image_images', ['created_at', 'id'], unique=False)
    op.create_index('image_images_owner_idx', 'image_images', ['owner'], unique=False)
    op.create_table('network_networks',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('project_id', sa.String(length=255), nullable=True),
    sa.Column('shared', sa.Boolean(), nullable=False),
    sa.Column('external', sa.Boolean(), nullable=False),
    sa.Column('admin_state_up', sa.Boolean(), nullable=False),
    sa.Column('mtu', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=255), nullable=False),
    sa.Column('revision_number', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('network_networks_project_id_idx', 'network_networks', ['project_id'], unique=False)
    op.create_table('network_securitygroups',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=255), nullable=True),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('description', sa.String(length=255), nullable=False),
    sa.Column('revision_number', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_network_securitygroups_project_id'), 'network_securitygroups', ['project_id'], unique=False)
    op.create_table('image_properties',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('image_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['image_id'], ['image_images.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('image_id', 'name', name='uniq_image_properties0image_id0name')
    )
    op.create_index('image_properties_name_idx', 'image_properties', ['name'], unique=False)
    op.create_table('image_tags',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('image_id', sa.String(length=36), nullable=False),
    sa.Column('value', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['image_id'], ['image_images.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('image_id', 'value', name='uniq_image_tags0image_id0value')
    )
    op.create_table('network_default_securitygroups',
    sa.Column('project_id', sa.String(length=255), nullable=False),
    sa.Column('security_group_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['security_group_id'], ['network_securitygroups.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id')
    )
    op.create_table('network_ports',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('network_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=255), nullable=True),
    sa.Column('mac_address', sa.String(length=32), nullable=False),
    sa.Column('device_id', sa.String(length=255), nullable=False),
    sa.Column('device_owner', sa.String(length=255), nullable=False),
    sa.Column('admin_state_up', sa.Boolean(), nullable=False),
    sa.Column('description', sa.String(length=255), nullable=False),
    sa.Column('revision_number', sa.Integer(), nullable=False),
    sa.Column('created_by_nova', sa.Boolean(), nullable=False),
    sa.Column('device_index', sa.Integer(), nullable=False),
    sa.Column('tag', sa.String(length=60), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['network_id'], ['network_networks.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('mac_address', name='uniq_network_ports0mac_address')
    )
    op.create_index('network_ports_device_id_idx', 'network_ports', ['device_id'], unique=False)
    op.create_index('network_ports_network_id_idx', 'network_ports', ['network_id'], unique=False)
    op.create_table('network_subnets',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('network_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=255), nullable=True),
    sa.Column('ip_version', sa.Integer(), nullable=False),
    sa.Column('cidr', sa.String(length=64), nullable=False),
    sa.Column('gateway_ip', sa.String(length=64), nullable=True),
    sa.Column('pool_start', sa.String(length=64), nullable=False),
    sa.Column('pool_end', sa.String(length=64), nullable=False),
    sa.Column('enable_dhcp', sa.Boolean(), nullable=False),
    sa.Column('description', sa.String(length=255), nullable=False),
    sa.Column('revision_number', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['network_id'], ['network_networks.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_network_subnets_network_id'), 'network_subnets', ['network_id'], unique=False)
    op.create_table('network_ipallocations',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('port_id', sa.String(length=36), nullable=False),
    sa.Column('subnet_id', sa.String(length=36), nullable=False),
    sa.Column('network_id', sa.String(length=36), nullable=False),
    sa.Column('ip_address', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['port_id'], ['network_ports.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subnet_id'], ['network_subnets.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('subnet_id', 'ip_address', name='uniq_network_ipallocations0subnet_id0ip_address')
    )
    op.create_index(op.f('ix_network_ipallocations_port_id'), 'network_ipallocations', ['port_id'], unique=False)
    op.create_table('network_port_securitygroups',
    sa.Column('port_id', sa.String(length=36), nullable=False),
    sa.Column('security_group_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['port_id'], ['network_ports.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['security_group_id'], ['network_securitygroups.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('port_id', 'security_group_id')
    )


def downgrade():
    op.drop_table('network_port_securitygroups')
    op.drop_index(op.f('ix_network_ipallocations_port_id'), table_name='network_ipallocations')
    op.drop_table('network_ipallocations')
    op.drop_index(op.f('ix_network_subnets_network_id'), table_name='network_subnets')
    op.drop_table('network_subnets')
    op.drop_index('network_ports_network_id_idx', table_name='network_ports')
    op.drop_index('network_ports_device_id_idx', table_name='network_ports')
    op.drop_table('network_ports')
    op.drop_table('network_default_securitygroups')
    op.drop_table('image_tags')
    op.drop_index('image_properties_name_idx', table_name='image_properties')
    op.drop_table('image_properties')
    op.drop_index(op.f('ix_network_securitygroups_project_id'), table_name='network_securitygroups')
    op.drop_table('network_securitygroups')
    op.drop_index('network_networks_project_id_idx', table_name='network_networks')
    op.drop_table('network_networks')
    op.drop_index('image_images_owner_idx', table_name='image_images')
    op.drop_index('image_images_created_at_idx', table_name='image_images')
    op.drop_table('image_images')
