"""A server's security groups in Nova's format, from the network service's groups."""

from novaapi.compute import operations as ops
from novaapi.compute.subresources import common
from novaapi.db import engine
from novaapi.network import api as network


def _rule(rule, groups_by_id):
    """Nova's view of an ingress Neutron rule."""
    protocol = rule['protocol']
    from_port, to_port = rule['port_range_min'], rule['port_range_max']
    if protocol and from_port is None and to_port is None:
        from_port, to_port = (1, 65535) if protocol.upper() in ('TCP', 'UDP') else (-1, -1)
    view = {'id': rule['id'], 'parent_group_id': rule['security_group_id'],
            'ip_protocol': protocol, 'from_port': from_port, 'to_port': to_port,
            'group': {}, 'ip_range': {}}
    remote = rule['remote_group_id']
    if remote:
        group = groups_by_id.get(remote)
        view['group'] = {'name': group['name'] if group else None,
                         'tenant_id': group['project_id'] if group else None}
    else:
        view['ip_range'] = {'cidr': rule['remote_ip_prefix'] or '0.0.0.0/0'}
    return view


def _group(neutron, groups_by_id):
    """Nova's view of one group from Neutron's body of it."""
    return {'id': neutron['id'], 'name': neutron['name'], 'description': neutron['description'],
            'tenant_id': neutron['project_id'],
            'rules': [_rule(rule, groups_by_id) for rule in neutron['security_group_rules']
                      if rule['direction'] == 'ingress']}


def for_server(ctx, server_id):
    """The groups of the server ``server_id``'s ports (see :func:`_groups_of`)."""
    with engine.transaction() as sess:
        return _groups_of(sess, common.server(sess, ctx, server_id, 'os-security-groups:list'))


def _groups_of(sess, instance):
    """The groups of the server's ports, sorted by project then name, as Nova lists them."""
    groups = network.security_groups(sess, ops.owner_context(instance))
    by_id = {group['id']: group for group in groups}
    wanted = network.security_group_ids_for_device(sess, instance.uuid)
    chosen = [by_id[group_id] for group_id in wanted if group_id in by_id]
    result = [_group(group, by_id) for group in chosen]
    return sorted(result, key=lambda group: (group['tenant_id'] or '', group['name']))
