"""Neutron-like records: networks, subnets, ports, fixed-IP allocations, security groups.

``(subnet_id, ip_address)`` and ``mac_address`` are unique in the database, so
allocations made at once by several worker processes can never collide.
"""

import sqlalchemy as sa
from sqlalchemy import orm

from novaapi.db import base


class Network(base.Base, base.TimestampMixin):
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

    subnets = orm.relationship('Subnet', lazy='selectin', order_by=lambda: [Subnet.created_at, Subnet.id],
                               back_populates='network')


class Subnet(base.Base, base.TimestampMixin):
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

    network = orm.relationship('Network', back_populates='subnets')


class Port(base.Base, base.TimestampMixin):
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
    # Set when nova-api created the port for a server (deleted with it, not just unbound).
    created_by_nova = sa.Column(sa.Boolean, nullable=False, default=False)
    # Position among the device's ports: the order Nova lists a server's addresses in.
    device_index = sa.Column(sa.Integer, nullable=False, default=0)
    # Nova's device tag of the interface (``networks: [{..., "tag": ...}]``).
    tag = sa.Column(sa.String(60), nullable=True)

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


class SecurityGroup(base.Base, base.TimestampMixin):
    __tablename__ = 'network_securitygroups'

    id = sa.Column(sa.String(36), primary_key=True, default=base.new_uuid)
    project_id = sa.Column(sa.String(255), nullable=True, index=True)
    name = sa.Column(sa.String(255), nullable=False)
    description = sa.Column(sa.String(255), nullable=False, default='')
    revision_number = sa.Column(sa.Integer, nullable=False, default=1)


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
