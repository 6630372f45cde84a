"""compute: instances, their faults, metadata, tags, actions, disks, migrations, hosts, consoles

Revision ID: compute_0001
Revises: 0001
Create Date: 2026-11-22 04:12:55.784033
"""

from alembic import op
import sqlalchemy as sa


revision = 'compute_0001'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('block_device_mapping',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=True),
    sa.Column('instance_uuid', sa.String(length=36), nullable=False),
    sa.Column('source_type', sa.String(length=32), nullable=True),
    sa.Column('destination_type', sa.String(length=32), nullable=True),
    sa.Column('guest_format', sa.String(length=32), nullable=True),
    sa.Column('device_type', sa.String(length=32), nullable=True),
    sa.Column('disk_bus', sa.String(length=32), nullable=True),
    sa.Column('boot_index', sa.Integer(), nullable=True),
    sa.Column('device_name', sa.String(length=255), nullable=True),
    sa.Column('delete_on_termination', sa.Boolean(), nullable=False),
    sa.Column('snapshot_id', sa.String(length=36), nullable=True),
    sa.Column('volume_id', sa.String(length=36), nullable=True),
    sa.Column('volume_size', sa.Integer(), nullable=True),
    sa.Column('volume_type', sa.String(length=255), nullable=True),
    sa.Column('image_id', sa.String(length=36), nullable=True),
    sa.Column('no_device', sa.Boolean(), nullable=True),
    sa.Column('connection_info', sa.Text(), nullable=True),
    sa.Column('attachment_id', sa.String(length=36), nullable=True),
    sa.Column('tag', sa.String(length=255), nullable=True),
    sa.Column('deleted', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('block_device_mapping_instance_uuid_idx', 'block_device_mapping', ['instance_uuid', 'deleted'], unique=False)
    op.create_index('block_device_mapping_volume_id_idx', 'block_device_mapping', ['volume_id'], unique=False)

    op.create_table('compute_nodes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('service_uuid', sa.String(length=36), nullable=False),
    sa.Column('host', sa.String(length=255), nullable=False),
    sa.Column('hypervisor_hostname', sa.String(length=255), nullable=False),
    sa.Column('hypervisor_type', sa.String(length=255), nullable=False),
    sa.Column('hypervisor_version', sa.Integer(), nullable=False),
    sa.Column('host_ip', sa.String(length=39), nullable=True),
    sa.Column('cpu_info', sa.Text(), nullable=True),
    sa.Column('availability_zone', sa.String(length=255), nullable=False),
    sa.Column('vcpus', sa.Integer(), nullable=False),
    sa.Column('memory_mb', sa.Integer(), nullable=False),
    sa.Column('local_gb', sa.Integer(), nullable=False),
    sa.Column('cpu_allocation_ratio', sa.Float(), nullable=False),
    sa.Column('ram_allocation_ratio', sa.Float(), nullable=False),
    sa.Column('disk_allocation_ratio', sa.Float(), nullable=False),
    sa.Column('disabled', sa.Boolean(), nullable=False),
    sa.Column('disabled_reason', sa.String(length=255), nullable=True),
    sa.Column('forced_down', sa.Boolean(), nullable=False),
    sa.Column('last_seen_up', sa.DateTime(), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('deleted', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('host', 'hypervisor_hostname', 'deleted', name='uniq_compute_nodes0host0hypervisor_hostname0deleted'),
    sa.UniqueConstraint('uuid', name='uniq_compute_nodes0uuid')
    )
    op.create_index('compute_nodes_availability_zone_idx', 'compute_nodes', ['availability_zone'], unique=False)

    op.create_table('console_auth_tokens',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('token_hash', sa.String(length=255), nullable=False),
    sa.Column('console_type', sa.String(length=255), nullable=False),
    sa.Column('host', sa.String(length=255), nullable=False),
    sa.Column('port', sa.Integer(), nullable=False),
    sa.Column('tls_port', sa.Integer(), nullable=True),
    sa.Column('internal_access_path', sa.String(length=255), nullable=True),
    sa.Column('access_url_base', sa.String(length=255), nullable=True),
    sa.Column('instance_uuid', sa.String(length=36), nullable=False),
    sa.Column('expires', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash', name='uniq_console_auth_tokens0token_hash')
    )
    op.create_index('console_auth_tokens_expires_idx', 'console_auth_tokens', ['expires'], unique=False)
    op.create_index('console_auth_tokens_instance_uuid_idx', 'console_auth_tokens', ['instance_uuid'], unique=False)

    op.create_table('instance_actions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('action', sa.String(length=255), nullable=False),
    sa.Column('instance_uuid', sa.String(length=36), nullable=False),
    sa.Column('request_id', sa.String(length=255), nullable=True),
    sa.Column('user_id', sa.String(length=255), nullable=True),
    sa.Column('project_id', sa.String(length=255), nullable=True),
    sa.Column('start_time', sa.DateTime(), nullable=True),
    sa.Column('finish_time', sa.DateTime(), nullable=True),
    sa.Column('message', sa.String(length=255), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('instance_actions_instance_uuid_idx', 'instance_actions', ['instance_uuid', 'created_at'], unique=False)
    op.create_index('instance_actions_request_id_idx', 'instance_actions', ['request_id'], unique=False)

    op.create_table('instance_faults',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('instance_uuid', sa.String(length=36), nullable=False),
    sa.Column('code', sa.Integer(), nullable=False),
    sa.Column('message', sa.String(length=255), nullable=True),
    sa.Column('details', sa.Text(), nullable=True),
    sa.Column('host', sa.String(length=255), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('instance_faults_instance_uuid_idx', 'instance_faults', ['instance_uuid', 'created_at'], unique=False)

    op.create_table('instance_metadata',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('instance_uuid', sa.String(length=36), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('value', sa.String(length=255), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('instance_uuid', 'key', name='uniq_instance_metadata0uuid0key')
    )
    op.create_index('instance_metadata_key_value_idx', 'instance_metadata', ['key', 'value'], unique=False)

    op.create_table('instance_passwords',
    sa.Column('instance_uuid', sa.String(length=36), nullable=False),
    sa.Column('password', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('instance_uuid')
    )
    op.create_table('instance_system_metadata',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('instance_uuid', sa.String(length=36), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('instance_uuid', 'key', name='uniq_instance_system_metadata0uuid0key')
    )
    op.create_table('instances',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('display_name', sa.String(length=255), nullable=True),
    sa.Column('display_description', sa.Text(), nullable=True),
    sa.Column('hostname', sa.String(length=255), nullable=True),
    sa.Column('project_id', sa.String(length=255), nullable=False),
    sa.Column('user_id', sa.String(length=255), nullable=False),
    sa.Column('image_ref', sa.String(length=255), nullable=True),
    sa.Column('image_meta', sa.JSON(), nullable=True),
    sa.Column('instance_type_id', sa.Integer(), nullable=True),
    sa.Column('flavorid', sa.String(length=255), nullable=True),
    sa.Column('flavor_name', sa.String(length=255), nullable=True),
    sa.Column('vcpus', sa.Integer(), nullable=False),
    sa.Column('memory_mb', sa.Integer(), nullable=False),
    sa.Column('root_gb', sa.Integer(), nullable=False),
    sa.Column('ephemeral_gb', sa.Integer(), nullable=False),
    sa.Column('swap', sa.Integer(), nullable=False),
    sa.Column('extra_specs', sa.JSON(), nullable=True),
    sa.Column('old_flavor', sa.JSON(), nullable=True),
    sa.Column('new_flavor', sa.JSON(), nullable=True),
    sa.Column('vm_state', sa.String(length=255), nullable=True),
    sa.Column('task_state', sa.String(length=255), nullable=True),
    sa.Column('power_state', sa.Integer(), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=True),
    sa.Column('host', sa.String(length=255), nullable=True),
    sa.Column('node', sa.String(length=255), nullable=True),
    sa.Column('availability_zone', sa.String(length=255), nullable=True),
    sa.Column('pinned_availability_zone', sa.String(length=255), nullable=True),
    sa.Column('launched_on', sa.String(length=255), nullable=True),
    sa.Column('launched_at', sa.DateTime(), nullable=True),
    sa.Column('terminated_at', sa.DateTime(), nullable=True),
    sa.Column('scheduled_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('deleted', sa.Integer(), nullable=False),
    sa.Column('cleaned', sa.Boolean(), nullable=False),
    sa.Column('key_name', sa.String(length=255), nullable=True),
    sa.Column('key_data', sa.Text(), nullable=True),
    sa.Column('user_data', sa.Text(), nullable=True),
    sa.Column('config_drive', sa.String(length=255), nullable=True),
    sa.Column('access_ip_v4', sa.String(length=39), nullable=True),
    sa.Column('access_ip_v6', sa.String(length=39), nullable=True),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('locked_by', sa.String(length=16), nullable=True),
    sa.Column('locked_reason', sa.Text(), nullable=True),
    sa.Column('reservation_id', sa.String(length=255), nullable=True),
    sa.Column('launch_index', sa.Integer(), nullable=True),
    sa.Column('auto_disk_config', sa.Boolean(), nullable=True),
    sa.Column('root_device_name', sa.String(length=255), nullable=True),
    sa.Column('kernel_id', sa.String(length=255), nullable=True),
    sa.Column('ramdisk_id', sa.String(length=255), nullable=True),
    sa.Column('security_groups', sa.JSON(), nullable=True),
    sa.Column('requested_networks', sa.JSON(), nullable=True),
    sa.Column('scheduler_hints', sa.JSON(), nullable=True),
    sa.Column('trusted_certs', sa.JSON(), nullable=True),
    sa.Column('admin_password_hash', sa.String(length=255), nullable=True),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('step', sa.String(length=64), nullable=True),
    sa.Column('step_at', sa.DateTime(), nullable=True),
    sa.Column('step_data', sa.JSON(), nullable=True),
    sa.Column('state_version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uuid', name='uniq_instances0uuid')
    )
    op.create_index('instances_deleted_created_at_idx', 'instances', ['deleted', 'created_at'], unique=False)
    op.create_index('instances_display_name_idx', 'instances', ['display_name'], unique=False)
    op.create_index('instances_host_node_deleted_idx', 'instances', ['host', 'node', 'deleted'], unique=False)
    op.create_index('instances_hostname_idx', 'instances', ['hostname'], unique=False)
    op.create_index('instances_image_ref_idx', 'instances', ['image_ref'], unique=False)
    op.create_index('instances_project_id_deleted_created_at_idx', 'instances', ['project_id', 'deleted', 'created_at'], unique=False)
    op.create_index('instances_project_id_deleted_updated_at_idx', 'instances', ['project_id', 'deleted', 'updated_at'], unique=False)
    op.create_index('instances_reservation_id_idx', 'instances', ['reservation_id'], unique=False)
    op.create_index('instances_step_at_idx', 'instances', ['step_at'], unique=False)
    op.create_index('instances_user_id_idx', 'instances', ['user_id'], unique=False)
    op.create_index('instances_vm_state_task_state_idx', 'instances', ['vm_state', 'task_state'], unique=False)

    op.create_table('migrations',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('instance_uuid', sa.String(length=36), nullable=False),
    sa.Column('source_compute', sa.String(length=255), nullable=True),
    sa.Column('dest_compute', sa.String(length=255), nullable=True),
    sa.Column('source_node', sa.String(length=255), nullable=True),
    sa.Column('dest_node', sa.String(length=255), nullable=True),
    sa.Column('dest_host', sa.String(length=255), nullable=True),
    sa.Column('old_instance_type_id', sa.Integer(), nullable=True),
    sa.Column('new_instance_type_id', sa.Integer(), nullable=True),
    sa.Column('old_flavor', sa.JSON(), nullable=True),
    sa.Column('new_flavor', sa.JSON(), nullable=True),
    sa.Column('status', sa.String(length=255), nullable=True),
    sa.Column('migration_type', sa.String(length=32), nullable=True),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('cross_cell_move', sa.Boolean(), nullable=False),
    sa.Column('memory_total', sa.BigInteger(), nullable=True),
    sa.Column('memory_processed', sa.BigInteger(), nullable=True),
    sa.Column('memory_remaining', sa.BigInteger(), nullable=True),
    sa.Column('disk_total', sa.BigInteger(), nullable=True),
    sa.Column('disk_processed', sa.BigInteger(), nullable=True),
    sa.Column('disk_remaining', sa.BigInteger(), nullable=True),
    sa.Column('user_id', sa.String(length=255), nullable=True),
    sa.Column('project_id', sa.String(length=255), nullable=True),
    sa.Column('deleted', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uuid', name='uniq_migrations0uuid')
    )
    op.create_index('migrations_instance_uuid_idx', 'migrations', ['instance_uuid', 'status'], unique=False)
    op.create_index('migrations_status_idx', 'migrations', ['status', 'deleted'], unique=False)
    op.create_index('migrations_updated_at_idx', 'migrations', ['updated_at'], unique=False)

    op.create_table('tags',
    sa.Column('resource_id', sa.String(length=36), nullable=False),
    sa.Column('tag', sa.String(length=60), nullable=False),
    sa.PrimaryKeyConstraint('resource_id', 'tag')
    )
    op.create_index('tags_tag_idx', 'tags', ['tag'], unique=False)

    op.create_table('instance_actions_events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('event', sa.String(length=255), nullable=False),
    sa.Column('start_time', sa.DateTime(), nullable=True),
    sa.Column('finish_time', sa.DateTime(), nullable=True),
    sa.Column('result', sa.String(length=255), nullable=True),
    sa.Column('traceback', sa.Text(), nullable=True),
    sa.Column('host', sa.String(length=255), nullable=True),
    sa.Column('details', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['action_id'], ['instance_actions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('instance_actions_events_action_id_idx', 'instance_actions_events', ['action_id'], unique=False)



def downgrade():
    for table in ('instance_actions_events', 'tags', 'migrations', 'instances',
                  'instance_system_metadata', 'instance_passwords', 'instance_metadata',
                  'instance_faults', 'instance_actions', 'console_auth_tokens', 'compute_nodes',
                  'block_device_mapping'):
        op.drop_table(table)
