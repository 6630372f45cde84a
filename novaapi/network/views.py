"""Neutron v2.0 JSON of networks, subnets, ports and security groups: pure functions of rows."""

import uuid


def isotime(value):
    return value.strftime('%Y-%m-%dT%H:%M:%SZ') if value else None


def _common(row):
    return {'id': row.id, 'project_id': row.project_id, 'tenant_id': row.project_id,
            'description': row.description, 'created_at': isotime(row.created_at),
            'updated_at': isotime(row.updated_at or row.created_at),
            'revision_number': row.revision_number, 'tags': []}


def network(row):
    body = _common(row)
    body.update({'name': row.name, 'status': 'ACTIVE', 'admin_state_up': row.admin_state_up,
                 'shared': row.shared, 'router:external': row.external, 'mtu': row.mtu,
                 'subnets': [s.id for s in row.subnets], 'port_security_enabled': True,
                 'availability_zone_hints': [], 'availability_zones': ['nova'],
                 'ipv4_address_scope': None, 'ipv6_address_scope': None,
                 'l2_adjacency': True, 'is_default': False})
    return body


def subnet(row):
    body = _common(row)
    body.update({'name': row.name, 'network_id': row.network_id, 'ip_version': row.ip_version,
                 'cidr': row.cidr, 'gateway_ip': row.gateway_ip,
                 'allocation_pools': [{'start': row.pool_start, 'end': row.pool_end}],
                 'enable_dhcp': row.enable_dhcp, 'dns_nameservers': [], 'host_routes': [],
                 'ipv6_ra_mode': None, 'ipv6_address_mode': None, 'subnetpool_id': None,
                 'service_types': []})
    return body


def port(row):
    body = _common(row)
    body.update({'name': row.name, 'network_id': row.network_id,
                 'mac_address': row.mac_address, 'fixed_ips': row.fixed_ip_list,
                 'device_id': row.device_id, 'device_owner': row.device_owner,
                 'status': row.status, 'admin_state_up': row.admin_state_up,
                 'security_groups': row.security_group_ids, 'allowed_address_pairs': [],
                 'extra_dhcp_opts': [], 'binding:vnic_type': 'normal',
                 'port_security_enabled': True, 'ip_allocation': 'immediate'})
    return body


def _rule(group, direction, ethertype, remote_group):
    """A default rule; its id is derived from the group so it stays the same on every read."""
    rule_id = uuid.uuid5(uuid.NAMESPACE_URL, '%s/%s/%s' % (group.id, direction, ethertype))
    return {'id': str(rule_id), 'security_group_id': group.id, 'direction': direction,
            'ethertype': ethertype, 'protocol': None, 'port_range_min': None,
            'port_range_max': None, 'remote_ip_prefix': None,
            'remote_group_id': group.id if remote_group else None,
            'remote_address_group_id': None, 'normalized_cidr': None,
            'project_id': group.project_id, 'tenant_id': group.project_id, 'description': '',
            'created_at': isotime(group.created_at), 'updated_at': isotime(group.created_at),
            'revision_number': 0, 'tags': [], 'belongs_to_default_sg': True}


def security_group(row):
    """A group with Neutron's default rules: all egress, ingress from the group itself."""
    body = _common(row)
    body.update({'name': row.name, 'stateful': True, 'shared': False,
                 'security_group_rules': [_rule(row, direction, ethertype, direction == 'ingress')
                                          for direction in ('egress', 'ingress')
                                          for ethertype in ('IPv4', 'IPv6')]})
    return body


def only_fields(body, fields):
    """Neutron's ``fields=a&fields=b``: keep just those keys (all when none asked)."""
    return {k: v for k, v in body.items() if k in fields} if fields else body
