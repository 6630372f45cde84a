"""network: security group rules, routers, floating IPs, quotas, tags; the attributes of
networks, subnets, ports and groups that Neutron's full CRUD needs

Revision ID: network_0002
Revises: image_network_0001
Create Date: 2026-12-04 19:10:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = 'network_0002'
down_revision = 'image_network_0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('network_networks') as batch:
        batch.add_column(sa.Column('is_default', sa.Boolean(), nullable=True))
        batch.add_column(sa.Column('port_security_enabled', sa.Boolean(), nullable=True))
    with op.batch_alter_table('network_subnets') as batch:
        batch.add_column(sa.Column('allocation_pools', sa.JSON(), nullable=True))
        batch.add_column(sa.Column('dns_nameservers', sa.JSON(), nullable=True))
        batch.add_column(sa.Column('host_routes', sa.JSON(), nullable=True))
        batch.add_column(sa.Column('ipv6_ra_mode', sa.String(length=16), nullable=True))
        batch.add_column(sa.Column('ipv6_address_mode', sa.String(length=16), nullable=True))
    with op.batch_alter_table('network_ports') as batch:
        batch.add_column(sa.Column('port_security_enabled', sa.Boolean(), nullable=True))
        batch.add_column(sa.Column('allowed_address_pairs', sa.JSON(), nullable=True))
        batch.add_column(sa.Column('binding_host_id', sa.String(length=255), nullable=True))
    with op.batch_alter_table('network_securitygroups') as batch:
        batch.add_column(sa.Column('stateful', sa.Boolean(), nullable=True))
    op.create_table('network_securitygrouprules',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=255), nullable=True),
    sa.Column('security_group_id', sa.String(length=36), nullable=False),
    sa.Column('remote_group_id', sa.String(length=36), nullable=True),
    sa.Column('direction', sa.String(length=16), nullable=False),
    sa.Column('ethertype', sa.String(length=16), nullable=False),
    sa.Column('protocol', sa.String(length=40), nullable=True),
    sa.Column('port_range_min', sa.Integer(), nullable=True),
    sa.Column('port_range_max', sa.Integer(), nullable=True),
    sa.Column('remote_ip_prefix', sa.String(length=255), nullable=True),
    sa.Column('description', sa.String(length=255), nullable=False),
    sa.Column('revision_number', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['security_group_id'], ['network_securitygroups.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['remote_group_id'], ['network_securitygroups.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_network_securitygrouprules_security_group_id'),
                    'network_securitygrouprules', ['security_group_id'], unique=False)
    op.create_index(op.f('ix_network_securitygrouprules_remote_group_id'),
                    'network_securitygrouprules', ['remote_group_id'], unique=False)
    op.create_table('network_routers',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('project_id', sa.String(length=255), nullable=True),
    sa.Column('admin_state_up', sa.Boolean(), nullable=False),
    sa.Column('gw_network_id', sa.String(length=36), nullable=True),
    sa.Column('enable_snat', sa.Boolean(), nullable=False),
    sa.Column('routes', sa.JSON(), nullable=True),
    sa.Column('description', sa.String(length=255), nullable=False),
    sa.Column('revision_number', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['gw_network_id'], ['network_networks.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_network_routers_project_id'), 'network_routers', ['project_id'],
                    unique=False)
    op.create_table('network_floatingips',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=255), nullable=True),
    sa.Column('floating_network_id', sa.String(length=36), nullable=False),
    sa.Column('floating_port_id', sa.String(length=36), nullable=False),
    sa.Column('floating_ip_address', sa.String(length=64), nullable=False),
    sa.Column('port_id', sa.String(length=36), nullable=True),
    sa.Column('fixed_ip_address', sa.String(length=64), nullable=True),
    sa.Column('router_id', sa.String(length=36), nullable=True),
    sa.Column('description', sa.String(length=255), nullable=False),
    sa.Column('revision_number', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['floating_network_id'], ['network_networks.id'], ),
    sa.ForeignKeyConstraint(['floating_port_id'], ['network_ports.id'], ),
    sa.ForeignKeyConstraint(['port_id'], ['network_ports.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_network_floatingips_project_id'), 'network_floatingips',
                    ['project_id'], unique=False)
    op.create_index(op.f('ix_network_floatingips_port_id'), 'network_floatingips', ['port_id'],
                    unique=False)
    op.create_table('network_quotas',
    sa.Column('project_id', sa.String(length=255), nullable=False),
    sa.Column('resource', sa.String(length=64), nullable=False),
    sa.Column('hard_limit', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('project_id', 'resource')
    )
    op.create_table('network_tags',
    sa.Column('resource_id', sa.String(length=36), nullable=False),
    sa.Column('tag', sa.String(length=255), nullable=False),
    sa.PrimaryKeyConstraint('resource_id', 'tag')
    )


def downgrade():
    for table in ('network_tags', 'network_quotas', 'network_floatingips', 'network_routers',
                  'network_securitygrouprules'):
        op.drop_table(table)
    for table, columns in (('network_securitygroups', ('stateful',)),
                           ('network_ports', ('binding_host_id', 'allowed_address_pairs',
                                              'port_security_enabled')),
                           ('network_subnets', ('ipv6_address_mode', 'ipv6_ra_mode', 'host_routes',
                                                'dns_nameservers', 'allocation_pools')),
                           ('network_networks', ('port_security_enabled', 'is_default'))):
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_column(column)
