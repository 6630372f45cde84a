"""Neutron-like records: networks, subnets, ports, fixed-IP allocations, security groups and
their rules, routers, floating IPs, quotas and tags.

``(subnet_id, ip_address)`` and ``mac_address`` are unique in the database, so
allocations made at once by several worker processes can never collide.
"""

import sqlalchemy as sa
from sqlalchemy import orm

from novaapi.db import base
from novaapi.db import generations


class Tagged:
    """A resource with tags (its ``tag_rows`` relationship)."""

    @property
    def tags(self):
        return [t.tag for t in self.tag_rows]


def _tags(model):
    """The tags of a row (read-only; :mod:`novaapi.network.tags` writes them)."""
    return orm.relationship(lambda: Tag, primaryjoin=lambda: orm.foreign(Tag.resource_id) == _MODELS[model].id,
                            lazy='selectin', viewonly=True, order_by=lambda: Tag.tag)


GATEWAY_OWNER = 'network:router_gateway'
INTERFACE_OWNER = 'network:router_interface'
FLOATINGIP_OWNER = 'network:floatingip'


class Network(base.Base, base.TimestampMixin, Tagged):
    __tablename__ = 'network_networks'
    __table_args__ = (sa.Index('network_networks_project_id_idx', 'project_id'),)

    id = sa.Column(sa.String(36), primary_key=True, default=base.new_uuid)
    name = sa.Column(sa.String(255), nullable=False, default='')
    project_id = sa.Column(sa.String(255), nullable=True)
    shared = sa.Column(sa.Boolean, nullable=False, default=False)
    external = sa.Column(sa.Boolean, nullable=False, default=False)
    admin_state_up = sa.Column(sa.Boolean, nullable=False, default=True)
    mtu = sa.Column(sa.Integer, nullable=False, default=1450)
    description = sa.Column(sa.String(255), nullable=False, default='')
    revision_number = sa.Column(sa.Integer, nullable=False, default=1)

    tag_rows = _tags('Network')
    # The default external network of auto-allocated topologies (None reads false).
    is_default = sa.Column(sa.Boolean, nullable=True)
    # The port security new ports of the network get (None reads true).
    port_security_enabled = sa.Column(sa.Boolean, nullable=True)

    subnets = orm.relationship('Subnet', lazy='selectin', order_by=lambda: [Subnet.created_at, Subnet.id],
                               back_populates='network')


class Subnet(base.Base, base.TimestampMixin, Tagged):
    __tablename__ = 'network_subnets'

    id = sa.Column(sa.String(36), primary_key=True, default=base.new_uuid)
    name = sa.Column(sa.String(255), nullable=False, default='')
    network_id = sa.Column(sa.String(36), sa.ForeignKey('network_networks.id', ondelete='CASCADE'),
                           nullable=False, index=True)
    project_id = sa.Column(sa.String(255), nullable=True)
    ip_version = sa.Column(sa.Integer, nullable=False, default=4)
    cidr = sa.Column(sa.String(64), nullable=False)
    gateway_ip = sa.Column(sa.String(64), nullable=True)
    pool_start = sa.Column(sa.String(64), nullable=False)
    pool_end = sa.Column(sa.String(64), nullable=False)
    enable_dhcp = sa.Column(sa.Boolean, nullable=False, default=True)
    description = sa.Column(sa.String(255), nullable=False, default='')
    revision_number = sa.Column(sa.Integer, nullable=False, default=1)

    tag_rows = _tags('Subnet')
    # ``[{start, end}]``; None means the one pool pool_start..pool_end (the first pool's bounds).
    allocation_pools = sa.Column(sa.JSON, nullable=True)
    dns_nameservers = sa.Column(sa.JSON, nullable=True)
    host_routes = sa.Column(sa.JSON, nullable=True)
    ipv6_ra_mode = sa.Column(sa.String(16), nullable=True)
    ipv6_address_mode = sa.Column(sa.String(16), nullable=True)

    @property
    def pools(self):
        """``[{'start', 'end'}]`` of the subnet."""
        return list(self.allocation_pools or [{'start': self.pool_start, 'end': self.pool_end}])

    network = orm.relationship('Network', back_populates='subnets')


class Port(base.Base, base.TimestampMixin, Tagged):
    __tablename__ = 'network_ports'
    __table_args__ = (sa.UniqueConstraint('mac_address', name='uniq_network_ports0mac_address'),
                      sa.Index('network_ports_device_id_idx', 'device_id'),
                      sa.Index('network_ports_network_id_idx', 'network_id'))

    id = sa.Column(sa.String(36), primary_key=True, default=base.new_uuid)
    name = sa.Column(sa.String(255), nullable=False, default='')
    network_id = sa.Column(sa.String(36), sa.ForeignKey('network_networks.id'), nullable=False)
    project_id = sa.Column(sa.String(255), nullable=True)
    mac_address = sa.Column(sa.String(32), nullable=False)
    device_id = sa.Column(sa.String(255), nullable=False, default='')
    device_owner = sa.Column(sa.String(255), nullable=False, default='')
    admin_state_up = sa.Column(sa.Boolean, nullable=False, default=True)
    description = sa.Column(sa.String(255), nullable=False, default='')
    revision_number = sa.Column(sa.Integer, nullable=False, default=1)

    tag_rows = _tags('Port')
    # Set when nova-api created the port for a server (deleted with it, not just unbound).
    created_by_nova = sa.Column(sa.Boolean, nullable=False, default=False)
    # Position among the device's ports: the order Nova lists a server's addresses in.
    device_index = sa.Column(sa.Integer, nullable=False, default=0)
    # Nova's device tag of the interface (``networks: [{..., "tag": ...}]``).
    tag = sa.Column(sa.String(60), nullable=True)
    # None reads true.
    port_security_enabled = sa.Column(sa.Boolean, nullable=True)
    allowed_address_pairs = sa.Column(sa.JSON, nullable=True)
    binding_host_id = sa.Column(sa.String(255), nullable=True)

    fixed_ips = orm.relationship('IPAllocation', cascade='all, delete-orphan', lazy='selectin',
                                 order_by='IPAllocation.id')
    network = orm.relationship('Network', lazy='joined')
    security_groups = orm.relationship('PortSecurityGroup', cascade='all, delete-orphan',
                                       lazy='selectin')

    @property
    def fixed_ip_list(self):
        """``[{'subnet_id', 'ip_address'}]`` as Neutron shows them."""
        return [{'subnet_id': ip.subnet_id, 'ip_address': ip.ip_address} for ip in self.fixed_ips]

    @property
    def status(self):
        if self.device_owner == FLOATINGIP_OWNER:
            return 'N/A'
        if self.device_owner in (GATEWAY_OWNER, INTERFACE_OWNER):
            return 'ACTIVE'
        return 'ACTIVE' if self.device_id and self.device_owner.startswith('compute:') else 'DOWN'

    @property
    def security_group_ids(self):
        return [link.security_group_id for link in self.security_groups]


class IPAllocation(base.Base):
    __tablename__ = 'network_ipallocations'
    __table_args__ = (sa.UniqueConstraint('subnet_id', 'ip_address',
                                          name='uniq_network_ipallocations0subnet_id0ip_address'),)

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    port_id = sa.Column(sa.String(36), sa.ForeignKey('network_ports.id', ondelete='CASCADE'),
                        nullable=False, index=True)
    subnet_id = sa.Column(sa.String(36), sa.ForeignKey('network_subnets.id', ondelete='CASCADE'),
                          nullable=False)
    network_id = sa.Column(sa.String(36), nullable=False)
    ip_address = sa.Column(sa.String(64), nullable=False)


class SecurityGroup(base.Base, base.TimestampMixin, Tagged):
    __tablename__ = 'network_securitygroups'

    id = sa.Column(sa.String(36), primary_key=True, default=base.new_uuid)
    project_id = sa.Column(sa.String(255), nullable=True, index=True)
    name = sa.Column(sa.String(255), nullable=False)
    description = sa.Column(sa.String(255), nullable=False, default='')
    revision_number = sa.Column(sa.Integer, nullable=False, default=1)

    tag_rows = _tags('SecurityGroup')
    # None reads true.
    stateful = sa.Column(sa.Boolean, nullable=True)

    rules = orm.relationship('SecurityGroupRule', lazy='selectin', cascade='all, delete-orphan',
                             foreign_keys='SecurityGroupRule.security_group_id',
                             order_by=lambda: [SecurityGroupRule.created_at, SecurityGroupRule.id],
                             back_populates='group')


class SecurityGroupRule(base.Base, base.TimestampMixin):
    __tablename__ = 'network_securitygrouprules'

    id = sa.Column(sa.String(36), primary_key=True, default=base.new_uuid)
    project_id = sa.Column(sa.String(255), nullable=True)
    security_group_id = sa.Column(sa.String(36),
                                  sa.ForeignKey('network_securitygroups.id', ondelete='CASCADE'),
                                  nullable=False, index=True)
    remote_group_id = sa.Column(sa.String(36),
                                sa.ForeignKey('network_securitygroups.id', ondelete='CASCADE'),
                                nullable=True, index=True)
    direction = sa.Column(sa.String(16), nullable=False)
    ethertype = sa.Column(sa.String(16), nullable=False)
    protocol = sa.Column(sa.String(40), nullable=True)
    port_range_min = sa.Column(sa.Integer, nullable=True)
    port_range_max = sa.Column(sa.Integer, nullable=True)
    remote_ip_prefix = sa.Column(sa.String(255), nullable=True)
    description = sa.Column(sa.String(255), nullable=False, default='')
    revision_number = sa.Column(sa.Integer, nullable=False, default=0)

    group = orm.relationship('SecurityGroup', foreign_keys=[security_group_id],
                             back_populates='rules')


class DefaultSecurityGroup(base.Base):
    """One ``default`` group per project; the primary key stops a concurrent second one."""

    __tablename__ = 'network_default_securitygroups'

    project_id = sa.Column(sa.String(255), primary_key=True)
    security_group_id = sa.Column(sa.String(36),
                                  sa.ForeignKey('network_securitygroups.id', ondelete='CASCADE'),
                                  nullable=False)


class PortSecurityGroup(base.Base):
    __tablename__ = 'network_port_securitygroups'

    port_id = sa.Column(sa.String(36), sa.ForeignKey('network_ports.id', ondelete='CASCADE'),
                        primary_key=True)
    security_group_id = sa.Column(sa.String(36),
                                  sa.ForeignKey('network_securitygroups.id', ondelete='CASCADE'),
                                  primary_key=True)


class Router(base.Base, base.TimestampMixin, Tagged):
    """A router; its interfaces and gateway are ports whose ``device_id`` is the router's id."""

    __tablename__ = 'network_routers'

    id = sa.Column(sa.String(36), primary_key=True, default=base.new_uuid)
    name = sa.Column(sa.String(255), nullable=False, default='')
    project_id = sa.Column(sa.String(255), nullable=True, index=True)
    admin_state_up = sa.Column(sa.Boolean, nullable=False, default=True)
    gw_network_id = sa.Column(sa.String(36), sa.ForeignKey('network_networks.id'), nullable=True)
    enable_snat = sa.Column(sa.Boolean, nullable=False, default=True)
    routes = sa.Column(sa.JSON, nullable=True)
    description = sa.Column(sa.String(255), nullable=False, default='')
    revision_number = sa.Column(sa.Integer, nullable=False, default=1)

    tag_rows = _tags('Router')
    # The gateway and interface ports (their device_id is the router's id).
    ports = orm.relationship('Port', primaryjoin=lambda: orm.foreign(Port.device_id) == Router.id,
                             lazy='selectin', viewonly=True,
                             order_by=lambda: [Port.created_at, Port.id])

    @property
    def gateway_port(self):
        return next((p for p in self.ports if p.device_owner == GATEWAY_OWNER), None)

    @property
    def interface_ports(self):
        return [p for p in self.ports if p.device_owner == INTERFACE_OWNER]


class FloatingIP(base.Base, base.TimestampMixin, Tagged):
    """A floating IP: the address is a fixed IP of its own port on the external network."""

    __tablename__ = 'network_floatingips'

    id = sa.Column(sa.String(36), primary_key=True, default=base.new_uuid)
    project_id = sa.Column(sa.String(255), nullable=True, index=True)
    floating_network_id = sa.Column(sa.String(36), sa.ForeignKey('network_networks.id'),
                                    nullable=False)
    floating_port_id = sa.Column(sa.String(36), sa.ForeignKey('network_ports.id'), nullable=False)
    floating_ip_address = sa.Column(sa.String(64), nullable=False)
    port_id = sa.Column(sa.String(36), sa.ForeignKey('network_ports.id'), nullable=True,
                        index=True)
    fixed_ip_address = sa.Column(sa.String(64), nullable=True)
    router_id = sa.Column(sa.String(36), nullable=True)
    description = sa.Column(sa.String(255), nullable=False, default='')
    revision_number = sa.Column(sa.Integer, nullable=False, default=1)

    tag_rows = _tags('FloatingIP')
    # The port the address is associated with (None when unassociated).
    port = orm.relationship('Port', foreign_keys=[port_id], lazy='selectin', viewonly=True)

    @property
    def status(self):
        return 'ACTIVE' if self.port_id else 'DOWN'


class Quota(base.Base):
    """A project's limit on one resource, where it differs from the default."""

    __tablename__ = 'network_quotas'

    project_id = sa.Column(sa.String(255), primary_key=True)
    resource = sa.Column(sa.String(64), primary_key=True)
    hard_limit = sa.Column(sa.Integer, nullable=False)


class Tag(base.Base):
    """A tag on a network, subnet, port, router, floating IP or security group (ids are UUIDs)."""

    __tablename__ = 'network_tags'

    resource_id = sa.Column(sa.String(36), primary_key=True)
    tag = sa.Column(sa.String(255), primary_key=True)


_MODELS = {'Network': Network, 'Subnet': Subnet, 'Port': Port, 'SecurityGroup': SecurityGroup,
           'Router': Router, 'FloatingIP': FloatingIP}


class AutoAllocatedTopology(base.Base):
    """A project's auto-allocated network and router; the primary key keeps it one per project."""

    __tablename__ = 'network_auto_allocated_topologies'

    project_id = sa.Column(sa.String(255), primary_key=True)
    network_id = sa.Column(sa.String(36), sa.ForeignKey('network_networks.id', ondelete='CASCADE'),
                           nullable=False)
    router_id = sa.Column(sa.String(36), sa.ForeignKey('network_routers.id', ondelete='SET NULL'),
                          nullable=True)


# A write to any table the server views' addresses and group names come from (or that
# cascades into one) bumps this generation: each worker keeps those views
# (network.ports.views) while it holds.
GENERATION = 'network'
generations.watch(GENERATION, [model.__tablename__ for model in (
    Network, Subnet, Port, IPAllocation, FloatingIP, SecurityGroup, PortSecurityGroup)])
