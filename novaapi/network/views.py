"""Neutron v2.0 JSON of the network resources: pure functions of rows."""


def isotime(value):
    return value.strftime('%Y-%m-%dT%H:%M:%SZ') if value else None


def _common(row):
    return {'id': row.id, 'project_id': row.project_id, 'tenant_id': row.project_id,
            'description': row.description, 'created_at': isotime(row.created_at),
            'updated_at': isotime(row.updated_at or row.created_at),
            'revision_number': row.revision_number, 'tags': list(row.tags)}


def network(row):
    body = _common(row)
    body.update({'name': row.name, 'status': 'ACTIVE', 'admin_state_up': row.admin_state_up,
                 'shared': row.shared, 'router:external': row.external, 'mtu': row.mtu,
                 'subnets': [s.id for s in row.subnets],
                 'port_security_enabled': row.port_security_enabled is not False,
                 'availability_zone_hints': [], 'availability_zones': ['nova'],
                 'ipv4_address_scope': None, 'ipv6_address_scope': None,
                 'l2_adjacency': True, 'is_default': bool(row.is_default)})
    return body


def subnet(row):
    body = _common(row)
    body.update({'name': row.name, 'network_id': row.network_id, 'ip_version': row.ip_version,
                 'cidr': row.cidr, 'gateway_ip': row.gateway_ip,
                 'allocation_pools': row.pools,
                 'enable_dhcp': row.enable_dhcp, 'dns_nameservers': list(row.dns_nameservers or []),
                 'host_routes': list(row.host_routes or []),
                 'ipv6_ra_mode': row.ipv6_ra_mode, 'ipv6_address_mode': row.ipv6_address_mode,
                 'subnetpool_id': None,
                 'service_types': []})
    return body


def port(row):
    body = _common(row)
    body.update({'name': row.name, 'network_id': row.network_id,
                 'mac_address': row.mac_address, 'fixed_ips': row.fixed_ip_list,
                 'device_id': row.device_id, 'device_owner': row.device_owner,
                 'status': row.status, 'admin_state_up': row.admin_state_up,
                 'security_groups': row.security_group_ids,
                 'allowed_address_pairs': [dict(p, mac_address=p.get('mac_address',
                                                                     row.mac_address))
                                           for p in row.allowed_address_pairs or []],
                 'extra_dhcp_opts': [], 'binding:vnic_type': 'normal',
                 'binding:host_id': row.binding_host_id or '',
                 'binding:vif_type': 'ovs' if row.binding_host_id else 'unbound',
                 'binding:vif_details': {}, 'binding:profile': {},
                 'port_security_enabled': row.port_security_enabled is not False,
                 'ip_allocation': 'immediate'})
    return body


def security_group_rule(row):
    body = {'id': row.id, 'security_group_id': row.security_group_id, 'direction': row.direction,
            'ethertype': row.ethertype, 'protocol': row.protocol,
            'port_range_min': row.port_range_min, 'port_range_max': row.port_range_max,
            'remote_ip_prefix': row.remote_ip_prefix, 'remote_group_id': row.remote_group_id,
            'remote_address_group_id': None,
            'normalized_cidr': row.remote_ip_prefix,
            'project_id': row.project_id, 'tenant_id': row.project_id,
            'description': row.description, 'created_at': isotime(row.created_at),
            'updated_at': isotime(row.updated_at or row.created_at),
            'revision_number': row.revision_number}
    return body


def security_group(row):
    """A group with its rules."""
    body = _common(row)
    body.update({'name': row.name, 'stateful': row.stateful is not False, 'shared': False,
                 'security_group_rules': [security_group_rule(r) for r in row.rules]})
    return body


def router(row):
    """A router with its gateway (``external_gateway_info``) and static routes."""
    body = _common(row)
    gateway = row.gateway_port
    info = None
    if row.gw_network_id and gateway is not None:
        info = {'network_id': row.gw_network_id, 'enable_snat': row.enable_snat,
                'external_fixed_ips': gateway.fixed_ip_list}
    body.update({'name': row.name, 'status': 'ACTIVE', 'admin_state_up': row.admin_state_up,
                 'external_gateway_info': info, 'routes': list(row.routes or []),
                 'availability_zone_hints': [], 'availability_zones': ['nova']})
    return body


def _port_details(port):
    if port is None:
        return None
    return {'name': port.name, 'network_id': port.network_id, 'mac_address': port.mac_address,
            'admin_state_up': port.admin_state_up, 'status': port.status,
            'device_id': port.device_id, 'device_owner': port.device_owner}


def floating_ip(row):
    body = _common(row)
    body.update({'floating_network_id': row.floating_network_id,
                 'floating_ip_address': row.floating_ip_address, 'port_id': row.port_id,
                 'fixed_ip_address': row.fixed_ip_address, 'router_id': row.router_id,
                 'status': row.status, 'port_details': _port_details(row.port)})
    return body


def only_fields(body, fields):
    """Neutron's ``fields=a&fields=b``: keep just those keys (all when none asked)."""
    return {k: v for k, v in body.items() if k in fields} if fields else body
