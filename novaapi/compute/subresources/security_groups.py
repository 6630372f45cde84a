"""Security groups in Nova's format, from the network service's groups: a server's groups,
and Nova's proxy APIs over them (``os-security-groups``, ``os-security-group-rules``)."""

import ipaddress
import urllib.parse
import uuid

from novaapi.compute import operations as ops
from novaapi.compute.subresources import common
from novaapi.db import engine
from novaapi.network import api as network
from novaapi import exception


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


# --- Nova's proxy APIs (os-security-groups, os-security-group-rules, 2.1-2.35) ------------
# Nova forwards each of these to Neutron and words Neutron's answer its own way; here each
# network.api call is that Neutron request (one transaction of the network service's).

def _uuid_like(value):
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _checked_id(group_id):
    if not _uuid_like(group_id):
        raise exception.Invalid('Security group id should be uuid')
    return group_id


def _groups_by_id(ctx):
    return {group['id']: group for group in network.security_group_bodies(ctx)}


def _nova_group(ctx, neutron):
    """:func:`_group`, leaving out rules whose remote group the caller cannot see, as Nova."""
    by_id = _groups_by_id(ctx)
    by_id[neutron['id']] = neutron
    neutron = dict(neutron, security_group_rules=[
        rule for rule in neutron['security_group_rules']
        if not rule['remote_group_id'] or rule['remote_group_id'] in by_id])
    return _group(neutron, by_id)


def _get_group(ctx, group_id):
    try:
        return network.security_group_body(ctx, group_id)
    except exception.NotFound as exc:
        raise exception.NotFound(str(exc)) from None


def list_groups(ctx, all_projects=False):
    """The groups of the caller's project (every project's for an admin asking for all)."""
    everyone = all_projects and ctx.is_admin
    groups = network.security_group_bodies(ctx, None if everyone else ctx.project_id)
    by_id = _groups_by_id(ctx)
    by_id.update((group['id'], group) for group in groups)
    return [_group(dict(group, security_group_rules=[
        rule for rule in group['security_group_rules']
        if not rule['remote_group_id'] or rule['remote_group_id'] in by_id]), by_id)
        for group in groups]


def show_group(ctx, group_id):
    """:raises exception.Invalid: not a UUID; exception.NotFound: unknown or not visible"""
    return _nova_group(ctx, _get_group(ctx, _checked_id(group_id)))


def create_group(ctx, name, description):
    """:raises exception.Forbidden: refused by the network service (the name ``default``, quota)"""
    try:
        created = network.create_security_group(ctx, name, description)
    except exception.Conflict as exc:
        raise exception.Forbidden(str(exc)) from None
    return _nova_group(ctx, created)


def update_group(ctx, group_id, name, description):
    """:raises exception.Invalid: not a UUID, or the network service refuses the change"""
    _get_group(ctx, _checked_id(group_id))
    try:
        updated = network.update_security_group(ctx, group_id, name, description)
    except exception.Conflict as exc:
        # NOTE: Nova lets Neutron's 409 here escape as a 500; a client error it is.
        raise exception.Invalid(str(exc)) from None
    return _nova_group(ctx, updated)


def delete_group(ctx, group_id):
    """:raises exception.Invalid: in use, or the ``default`` group of a non-admin"""
    _get_group(ctx, _checked_id(group_id))
    try:
        network.delete_security_group(ctx, group_id)
    except exception.Conflict as exc:
        raise exception.Invalid(str(exc)) from None


def _int_ports(protocol, from_port, to_port):
    try:
        return int(from_port), int(to_port)
    except (TypeError, ValueError):
        if protocol.upper() == 'ICMP':
            raise exception.Invalid('Invalid input received: Type and Code must be integers '
                                    'for ICMP protocol type') from None
        raise exception.Invalid('Invalid input received: To and From ports must be '
                                'integers') from None


def _bad_range(from_port, to_port, why):
    return exception.Invalid('Invalid port range %s:%s. %s' % (from_port, to_port, why))


def _ingress_rule(protocol, from_port, to_port, group_id=None, cidr=None):
    """Nova's rule ``{group_id | cidr, protocol, from_port, to_port}``, or None when a CIDR
    rule lacks its protocol or ports."""
    values = {}
    upper = str(protocol).upper() if protocol else ''
    if group_id:
        values['group_id'] = group_id
        if from_port is None and to_port is None:
            from_port, to_port = {'ICMP': (-1, -1), 'TCP': (1, 65535),
                                  'UDP': (1, 65535)}.get(upper, (None, None))
    elif cidr:
        values['cidr'] = cidr
    if not (protocol and from_port is not None and to_port is not None):
        return None if cidr else values
    protocol = str(protocol)
    from_port, to_port = _int_ports(protocol, from_port, to_port)
    if upper not in ('TCP', 'UDP', 'ICMP'):
        raise exception.Invalid('Invalid IP protocol %s.' % protocol)
    if upper in ('TCP', 'UDP') and from_port > to_port:
        raise _bad_range(from_port, to_port, 'Former value cannot be greater than the later')
    if upper in ('TCP', 'UDP') and (from_port < 1 or to_port > 65535):
        raise _bad_range(from_port, to_port, 'Valid %s ports should be between 1-65535' % upper)
    if upper == 'ICMP' and not (-1 <= from_port <= 255 and -1 <= to_port <= 255):
        raise _bad_range(from_port, to_port, 'For ICMP, the type:code must be valid')
    values.update(protocol=protocol, from_port=from_port, to_port=to_port)
    return values


def _cidr(value):
    """Nova's ``parse_cidr``: '0.0.0.0/0' when absent; a prefix length is required."""
    if not value:
        return '0.0.0.0/0'
    try:
        text = urllib.parse.unquote(value)
        if '/' not in text or not text.split('/', 1)[1]:
            raise ValueError
        ipaddress.ip_network(text, strict=False)
    except (TypeError, ValueError, AttributeError):
        raise exception.Invalid('%s is not a valid IP network.' % value) from None
    return text


def _neutron_rule(rule):
    """The Neutron attributes of Nova's ingress ``rule`` (IPv4 unless the CIDR is IPv6)."""
    cidr = rule.get('cidr')
    body = {'direction': 'ingress', 'protocol': rule.get('protocol'),
            'ethertype': 'IPv6' if cidr and ipaddress.ip_network(cidr, strict=False).version == 6
            else 'IPv4',
            'remote_ip_prefix': cidr, 'security_group_id': rule['parent_group_id'],
            'remote_group_id': rule.get('group_id')}
    if rule.get('from_port', -1) != -1:
        body['port_range_min'] = rule['from_port']
    if rule.get('to_port', -1) != -1:
        body['port_range_max'] = rule['to_port']
    return body


def _rule_exists(neutron_group, rule):
    """Whether Nova finds ``rule`` among the group's ingress rules (compared as Nova reads
    Neutron's rules back: a remote-group rule has the CIDR 0.0.0.0/0, the protocol as stored)."""
    keys = ('group_id', 'cidr', 'from_port', 'to_port', 'protocol')
    for existing in neutron_group['security_group_rules']:
        if existing['direction'] != 'ingress':
            continue
        view = _rule(existing, {})
        nova = {'group_id': existing['remote_group_id'], 'protocol': existing['protocol'],
                'cidr': existing['remote_ip_prefix'] or '0.0.0.0/0',
                'from_port': view['from_port'], 'to_port': view['to_port']}
        if all(nova[key] == rule.get(key) for key in keys):
            return True
    return False


def create_rule(ctx, parent_group_id, group_id=None, protocol=None, from_port=None,
                to_port=None, cidr=None):
    """An ingress rule in the group ``parent_group_id``, from a remote group or a CIDR.

    :raises exception.NotFound: either group is unknown or not visible
    :raises exception.Invalid: a bad rule, or the same rule is in the group already
    :raises exception.Forbidden: the network service refuses it (a duplicate there, quota)
    """
    parent = _get_group(ctx, parent_group_id)
    remote = _get_group(ctx, group_id) if group_id is not None else None
    if group_id is not None:
        rule = _ingress_rule(protocol, from_port, to_port, group_id=group_id)
    else:
        rule = _ingress_rule(protocol, from_port, to_port, cidr=_cidr(cidr))
    if rule is None:
        raise exception.Invalid('Not enough parameters to build a valid rule.')
    rule['parent_group_id'] = parent['id']
    if 'cidr' in rule:
        network_ = ipaddress.ip_network(rule['cidr'], strict=False)
        address = rule['cidr'].split('/', 1)[0]
        if address not in ('0.0.0.0', '::') and network_.prefixlen == 0:
            raise exception.Invalid('Bad prefix for network in cidr %s' % rule['cidr'])
    if _rule_exists(parent, rule):
        raise exception.Invalid('This rule already exists in group %s' % parent['id'])
    try:
        created = network.create_security_group_rule(ctx, _neutron_rule(rule))
    except exception.Conflict as exc:
        raise exception.Forbidden(str(exc)) from None
    groups = {parent['id']: parent}
    if remote is not None:
        groups[remote['id']] = remote
    return _rule(created, groups)


def delete_rule(ctx, rule_id):
    """:raises exception.Invalid: not a UUID; exception.NotFound: unknown or not visible"""
    if not _uuid_like(rule_id):
        raise exception.Invalid('Security group id should be uuid')
    try:
        rule = network.security_group_rule_body(ctx, rule_id)
    except exception.NotFound as exc:
        raise exception.NotFound(str(exc)) from None
    _get_group(ctx, rule['security_group_id'])
    network.delete_security_group_rule(ctx, rule_id)
