"""Views of Nova's network proxy APIs: nova-network's shapes filled from Neutron's networks."""

# What nova-network showed besides the id and label; Nova fills them with null now.
FIELDS = ('cidr', 'netmask', 'gateway', 'broadcast', 'dns1', 'dns2', 'cidr_v6', 'gateway_v6',
          'netmask_v6')
ADMIN_FIELDS = ('created_at', 'updated_at', 'deleted_at', 'deleted', 'injected', 'bridge', 'vlan',
                'vpn_public_address', 'vpn_public_port', 'vpn_private_address', 'dhcp_start',
                'project_id', 'host', 'bridge_interface', 'multi_host', 'priority', 'rxtx_base',
                'mtu', 'dhcp_server', 'enable_dhcp', 'share_address')


def network(net, is_admin):
    """``os-networks``: id and label, every other field null (more of them for admins)."""
    view = {'id': net['id'], 'label': net['name']}
    view.update((field, None) for field in FIELDS + (ADMIN_FIELDS if is_admin else ()))
    return view


def tenant_network(net):
    """``os-tenant-networks``: the cidr is the text 'None', as Nova has always answered."""
    return {'id': net['id'], 'cidr': str(None), 'label': net['name']}
