"""Tables of the simulated compute service: instances and everything hanging off them.

Conventions shared by the tables here:

* an instance is found by ``uuid``; the integer ``id`` only names it
  (``instance-%08x``) and orders ties;
* ``deleted`` is Nova's soft-delete marker: ``0`` while the row is live, the
  row's own ``id`` once deleted (so unique keys can repeat after deletion);
* child rows refer to the instance by ``instance_uuid`` without a foreign key,
  as Nova does, so deleted instances keep their history (actions, faults,
  migrations);
* ``step``/``step_at``/``step_data`` hold the pending transition of the state
  machine (``novaapi.compute.engine``); ``state_version`` rises on every state
  change and is the compare-and-swap token shared by API actions and workers.
"""

import ipaddress

import sqlalchemy as sa
from sqlalchemy import orm

from novaapi.db import base

UUID = sa.String(36)
NAME = sa.String(255)


class Instance(base.Base, base.TimestampMixin):
    __tablename__ = 'instances'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_instances0uuid'),
        sa.Index('instances_project_id_deleted_created_at_idx', 'project_id', 'deleted', 'created_at'),
        sa.Index('instances_deleted_created_at_idx', 'deleted', 'created_at'),
        sa.Index('instances_project_id_deleted_updated_at_idx', 'project_id', 'deleted', 'updated_at'),
        sa.Index('instances_display_name_idx', 'display_name'),
        sa.Index('instances_project_id_deleted_display_name_idx', 'project_id', 'deleted', 'display_name'),
        sa.Index('instances_hostname_idx', 'hostname'),
        sa.Index('instances_host_node_deleted_idx', 'host', 'node', 'deleted'),
        sa.Index('instances_reservation_id_idx', 'reservation_id'),
        sa.Index('instances_user_id_idx', 'user_id'),
        sa.Index('instances_vm_state_task_state_idx', 'vm_state', 'task_state'),
        sa.Index('instances_image_ref_idx', 'image_ref'),
        sa.Index('instances_step_at_idx', 'step_at'),
    )

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    uuid = sa.Column(UUID, nullable=False)
    display_name = sa.Column(NAME, nullable=True)
    display_description = sa.Column(sa.Text, nullable=True)
    hostname = sa.Column(NAME, nullable=True)
    project_id = sa.Column(NAME, nullable=False)
    user_id = sa.Column(NAME, nullable=False)
    image_ref = sa.Column(NAME, nullable=True)
    image_meta = sa.Column(sa.JSON, nullable=True)

    # Flavor snapshot taken at boot/resize time (the flavor may change or vanish later).
    instance_type_id = sa.Column(sa.Integer, nullable=True)
    flavorid = sa.Column(NAME, nullable=True)
    flavor_name = sa.Column(NAME, nullable=True)
    vcpus = sa.Column(sa.Integer, nullable=False, default=0)
    memory_mb = sa.Column(sa.Integer, nullable=False, default=0)
    root_gb = sa.Column(sa.Integer, nullable=False, default=0)
    ephemeral_gb = sa.Column(sa.Integer, nullable=False, default=0)
    swap = sa.Column(sa.Integer, nullable=False, default=0)
    extra_specs = sa.Column(sa.JSON, nullable=True)
    old_flavor = sa.Column(sa.JSON, nullable=True)
    new_flavor = sa.Column(sa.JSON, nullable=True)

    vm_state = sa.Column(NAME, nullable=True)
    task_state = sa.Column(NAME, nullable=True)
    power_state = sa.Column(sa.Integer, nullable=False, default=0)
    progress = sa.Column(sa.Integer, nullable=True)
    host = sa.Column(NAME, nullable=True)
    node = sa.Column(NAME, nullable=True)
    availability_zone = sa.Column(NAME, nullable=True)
    pinned_availability_zone = sa.Column(NAME, nullable=True)
    launched_on = sa.Column(NAME, nullable=True)
    launched_at = sa.Column(sa.DateTime, nullable=True)
    terminated_at = sa.Column(sa.DateTime, nullable=True)
    scheduled_at = sa.Column(sa.DateTime, nullable=True)
    deleted_at = sa.Column(sa.DateTime, nullable=True)
    deleted = sa.Column(sa.Integer, nullable=False, default=0)
    cleaned = sa.Column(sa.Boolean, nullable=False, default=False)

    key_name = sa.Column(NAME, nullable=True)
    key_data = sa.Column(sa.Text, nullable=True)
    user_data = sa.Column(sa.Text, nullable=True)
    config_drive = sa.Column(NAME, nullable=True)
    access_ip_v4 = sa.Column(sa.String(39), nullable=True)
    access_ip_v6 = sa.Column(sa.String(39), nullable=True)
    locked = sa.Column(sa.Boolean, nullable=False, default=False)
    locked_by = sa.Column(sa.String(16), nullable=True)
    locked_reason = sa.Column(sa.Text, nullable=True)
    reservation_id = sa.Column(NAME, nullable=True)
    launch_index = sa.Column(sa.Integer, nullable=True)
    auto_disk_config = sa.Column(sa.Boolean, nullable=True)
    root_device_name = sa.Column(NAME, nullable=True)
    kernel_id = sa.Column(NAME, nullable=True)
    ramdisk_id = sa.Column(NAME, nullable=True)
    security_groups = sa.Column(sa.JSON, nullable=True)
    requested_networks = sa.Column(sa.JSON, nullable=True)
    scheduler_hints = sa.Column(sa.JSON, nullable=True)
    trusted_certs = sa.Column(sa.JSON, nullable=True)
    admin_password_hash = sa.Column(NAME, nullable=True)
    hidden = sa.Column(sa.Boolean, nullable=False, default=False)

    # State machine bookkeeping (see the module docstring).
    step = sa.Column(sa.String(64), nullable=True)
    step_at = sa.Column(sa.DateTime, nullable=True)
    step_data = sa.Column(sa.JSON, nullable=True)
    state_version = sa.Column(sa.Integer, nullable=False, default=0)

    @property
    def name(self):
        """Nova's ``instance_name`` template ``instance-%08x``."""
        return 'instance-%08x' % (self.id or 0)

    @orm.validates('access_ip_v4', 'access_ip_v6')
    def _canonical_address(self, _key, value):
        """Addresses are kept in their canonical text (``::babe:dc0c:1602``), as Nova's
        address columns keep them; the API schema has already checked the format."""
        if not value:
            return value
        try:
            return str(ipaddress.ip_address(value))
        except ValueError:
            return value


class InstanceFault(base.Base):
    __tablename__ = 'instance_faults'
    __table_args__ = (sa.Index('instance_faults_instance_uuid_idx', 'instance_uuid', 'created_at'),)

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    instance_uuid = sa.Column(UUID, nullable=False)
    code = sa.Column(sa.Integer, nullable=False)
    message = sa.Column(NAME, nullable=True)
    details = sa.Column(sa.Text, nullable=True)
    host = sa.Column(NAME, nullable=True)
    created_at = sa.Column(sa.DateTime, nullable=False, default=base.utcnow)


class InstanceMetadata(base.Base, base.TimestampMixin):
    __tablename__ = 'instance_metadata'
    __table_args__ = (sa.UniqueConstraint('instance_uuid', 'key', name='uniq_instance_metadata0uuid0key'),
                      sa.Index('instance_metadata_key_value_idx', 'key', 'value'))

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    instance_uuid = sa.Column(UUID, nullable=False)
    key = sa.Column(NAME, nullable=False)
    value = sa.Column(NAME, nullable=True)


class InstanceSystemMetadata(base.Base, base.TimestampMixin):
    __tablename__ = 'instance_system_metadata'
    __table_args__ = (sa.UniqueConstraint('instance_uuid', 'key',
                                          name='uniq_instance_system_metadata0uuid0key'),)

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    instance_uuid = sa.Column(UUID, nullable=False)
    key = sa.Column(NAME, nullable=False)
    value = sa.Column(sa.Text, nullable=True)


class Tag(base.Base):
    __tablename__ = 'tags'
    __table_args__ = (sa.Index('tags_tag_idx', 'tag'),)

    resource_id = sa.Column(UUID, primary_key=True)
    tag = sa.Column(sa.String(60), primary_key=True)


class InstanceAction(base.Base, base.TimestampMixin):
    __tablename__ = 'instance_actions'
    __table_args__ = (sa.Index('instance_actions_instance_uuid_idx', 'instance_uuid', 'created_at'),
                      sa.Index('instance_actions_request_id_idx', 'request_id'))

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    action = sa.Column(NAME, nullable=False)
    instance_uuid = sa.Column(UUID, nullable=False)
    request_id = sa.Column(NAME, nullable=True)
    user_id = sa.Column(NAME, nullable=True)
    project_id = sa.Column(NAME, nullable=True)
    start_time = sa.Column(sa.DateTime, nullable=True)
    finish_time = sa.Column(sa.DateTime, nullable=True)
    message = sa.Column(NAME, nullable=True)

    events = orm.relationship('InstanceActionEvent', lazy='selectin', order_by='InstanceActionEvent.id',
                              cascade='all, delete-orphan')


class InstanceActionEvent(base.Base, base.TimestampMixin):
    __tablename__ = 'instance_actions_events'
    __table_args__ = (sa.Index('instance_actions_events_action_id_idx', 'action_id'),)

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    action_id = sa.Column(sa.Integer, sa.ForeignKey('instance_actions.id', ondelete='CASCADE'),
                          nullable=False)
    event = sa.Column(NAME, nullable=False)
    start_time = sa.Column(sa.DateTime, nullable=True)
    finish_time = sa.Column(sa.DateTime, nullable=True)
    result = sa.Column(NAME, nullable=True)
    traceback = sa.Column(sa.Text, nullable=True)
    host = sa.Column(NAME, nullable=True)
    details = sa.Column(sa.Text, nullable=True)


class BlockDeviceMapping(base.Base, base.TimestampMixin):
    """Disks of an instance; rows with ``destination_type = 'volume'`` are volume attachments."""

    __tablename__ = 'block_device_mapping'
    __table_args__ = (sa.Index('block_device_mapping_instance_uuid_idx', 'instance_uuid', 'deleted'),
                      sa.Index('block_device_mapping_volume_id_idx', 'volume_id'))

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    uuid = sa.Column(UUID, nullable=True)
    instance_uuid = sa.Column(UUID, nullable=False)
    source_type = sa.Column(sa.String(32), nullable=True)
    destination_type = sa.Column(sa.String(32), nullable=True)
    guest_format = sa.Column(sa.String(32), nullable=True)
    device_type = sa.Column(sa.String(32), nullable=True)
    disk_bus = sa.Column(sa.String(32), nullable=True)
    boot_index = sa.Column(sa.Integer, nullable=True)
    device_name = sa.Column(NAME, nullable=True)
    delete_on_termination = sa.Column(sa.Boolean, nullable=False, default=False)
    snapshot_id = sa.Column(UUID, nullable=True)
    volume_id = sa.Column(UUID, nullable=True)
    volume_size = sa.Column(sa.Integer, nullable=True)
    volume_type = sa.Column(NAME, nullable=True)
    image_id = sa.Column(UUID, nullable=True)
    no_device = sa.Column(sa.Boolean, nullable=True)
    connection_info = sa.Column(sa.Text, nullable=True)
    attachment_id = sa.Column(UUID, nullable=True)
    tag = sa.Column(NAME, nullable=True)
    deleted = sa.Column(sa.Integer, nullable=False, default=0)
    deleted_at = sa.Column(sa.DateTime, nullable=True)


class Migration(base.Base, base.TimestampMixin):
    """A resize, cold/live migration or evacuation; flavors are kept to hold host resources."""

    __tablename__ = 'migrations'
    __table_args__ = (sa.UniqueConstraint('uuid', name='uniq_migrations0uuid'),
                      sa.Index('migrations_instance_uuid_idx', 'instance_uuid', 'status'),
                      sa.Index('migrations_status_idx', 'status', 'deleted'),
                      sa.Index('migrations_updated_at_idx', 'updated_at'))

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    uuid = sa.Column(UUID, nullable=False, default=base.new_uuid)
    instance_uuid = sa.Column(UUID, nullable=False)
    source_compute = sa.Column(NAME, nullable=True)
    dest_compute = sa.Column(NAME, nullable=True)
    source_node = sa.Column(NAME, nullable=True)
    dest_node = sa.Column(NAME, nullable=True)
    dest_host = sa.Column(NAME, nullable=True)
    old_instance_type_id = sa.Column(sa.Integer, nullable=True)
    new_instance_type_id = sa.Column(sa.Integer, nullable=True)
    old_flavor = sa.Column(sa.JSON, nullable=True)
    new_flavor = sa.Column(sa.JSON, nullable=True)
    status = sa.Column(NAME, nullable=True)
    migration_type = sa.Column(sa.String(32), nullable=True)
    hidden = sa.Column(sa.Boolean, nullable=False, default=False)
    cross_cell_move = sa.Column(sa.Boolean, nullable=False, default=False)
    memory_total = sa.Column(sa.BigInteger, nullable=True)
    memory_processed = sa.Column(sa.BigInteger, nullable=True)
    memory_remaining = sa.Column(sa.BigInteger, nullable=True)
    disk_total = sa.Column(sa.BigInteger, nullable=True)
    disk_processed = sa.Column(sa.BigInteger, nullable=True)
    disk_remaining = sa.Column(sa.BigInteger, nullable=True)
    user_id = sa.Column(NAME, nullable=True)
    project_id = sa.Column(NAME, nullable=True)
    deleted = sa.Column(sa.Integer, nullable=False, default=0)
    deleted_at = sa.Column(sa.DateTime, nullable=True)


class ComputeNode(base.Base, base.TimestampMixin):
    """A simulated hypervisor host and its nova-compute service."""

    __tablename__ = 'compute_nodes'
    __table_args__ = (sa.UniqueConstraint('host', 'hypervisor_hostname', 'deleted',
                                          name='uniq_compute_nodes0host0hypervisor_hostname0deleted'),
                      sa.UniqueConstraint('uuid', name='uniq_compute_nodes0uuid'),
                      sa.Index('compute_nodes_availability_zone_idx', 'availability_zone'))

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    uuid = sa.Column(UUID, nullable=False, default=base.new_uuid)
    service_uuid = sa.Column(UUID, nullable=False, default=base.new_uuid)
    host = sa.Column(NAME, nullable=False)
    hypervisor_hostname = sa.Column(NAME, nullable=False)
    hypervisor_type = sa.Column(NAME, nullable=False, default='fake')
    hypervisor_version = sa.Column(sa.Integer, nullable=False, default=1000)
    host_ip = sa.Column(sa.String(39), nullable=True)
    cpu_info = sa.Column(sa.Text, nullable=True)
    availability_zone = sa.Column(NAME, nullable=False, default='nova')
    vcpus = sa.Column(sa.Integer, nullable=False)
    memory_mb = sa.Column(sa.Integer, nullable=False)
    local_gb = sa.Column(sa.Integer, nullable=False)
    cpu_allocation_ratio = sa.Column(sa.Float, nullable=False, default=1.0)
    ram_allocation_ratio = sa.Column(sa.Float, nullable=False, default=1.0)
    disk_allocation_ratio = sa.Column(sa.Float, nullable=False, default=1.0)
    disabled = sa.Column(sa.Boolean, nullable=False, default=False)
    disabled_reason = sa.Column(NAME, nullable=True)
    forced_down = sa.Column(sa.Boolean, nullable=False, default=False)
    last_seen_up = sa.Column(sa.DateTime, nullable=True)
    started_at = sa.Column(sa.DateTime, nullable=True, default=base.utcnow)
    deleted = sa.Column(sa.Integer, nullable=False, default=0)
    deleted_at = sa.Column(sa.DateTime, nullable=True)


class ConsoleAuthToken(base.Base, base.TimestampMixin):
    __tablename__ = 'console_auth_tokens'
    __table_args__ = (sa.UniqueConstraint('token_hash', name='uniq_console_auth_tokens0token_hash'),
                      sa.Index('console_auth_tokens_instance_uuid_idx', 'instance_uuid'),
                      sa.Index('console_auth_tokens_expires_idx', 'expires'))

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    token_hash = sa.Column(NAME, nullable=False)
    console_type = sa.Column(NAME, nullable=False)
    host = sa.Column(NAME, nullable=False)
    port = sa.Column(sa.Integer, nullable=False)
    tls_port = sa.Column(sa.Integer, nullable=True)
    internal_access_path = sa.Column(NAME, nullable=True)
    access_url_base = sa.Column(NAME, nullable=True)
    instance_uuid = sa.Column(UUID, nullable=False)
    expires = sa.Column(sa.Integer, nullable=False)


class InstancePassword(base.Base, base.TimestampMixin):
    """The encrypted password a guest posted (os-server-password); opaque text."""

    __tablename__ = 'instance_passwords'

    instance_uuid = sa.Column(UUID, primary_key=True)
    password = sa.Column(sa.Text, nullable=True)
