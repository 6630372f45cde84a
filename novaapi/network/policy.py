"""Neutron's default network policy: one table of the network endpoint's rules, and the checks.

Rule names are Neutron's.  Each maps to one of a few base checks; admins pass
them all.  A target describes a resource: its ``project_id`` and, for a
network, ``shared`` and ``external``.  An attribute rule such as
``create_network:shared`` is enforced with its action's rule, and a refusal
names both, as Neutron words it.
"""

from novaapi import exception

ADMIN = 'admin'
ANYONE = 'any'
OWNER = 'admin_or_owner'
MEMBER = 'admin_or_project_member'
OWNER_OR_SHARED = 'admin_or_owner_or_shared'

RULES = {
    # networks (and their subnets, which the get_network filter shows with them)
    'get_network': OWNER_OR_SHARED, 'create_network': MEMBER, 'create_network:shared': ADMIN,
    'create_network:router:external': ADMIN, 'create_network:is_default': ADMIN,
    'update_network': MEMBER, 'update_network:shared': ADMIN,
    'update_network:router:external': ADMIN, 'update_network:is_default': ADMIN,
    'delete_network': MEMBER,
    # subnets: the network's project decides
    'create_subnet': MEMBER, 'update_subnet': MEMBER, 'delete_subnet': MEMBER,
    # ports
    'get_port': OWNER, 'create_port': MEMBER, 'update_port': MEMBER, 'delete_port': MEMBER,
    'create_port:binding:host_id': ADMIN, 'update_port:binding:host_id': ADMIN,
    # security groups and their rules
    'get_security_group': OWNER, 'create_security_group': MEMBER,
    'update_security_group': MEMBER, 'delete_security_group': MEMBER,
    'get_security_group_rule': OWNER, 'create_security_group_rule': MEMBER,
    'delete_security_group_rule': MEMBER,
    # routers
    'get_router': OWNER, 'create_router': MEMBER, 'update_router': MEMBER, 'delete_router': MEMBER,
    'add_router_interface': MEMBER, 'remove_router_interface': MEMBER,
    'create_router:external_gateway_info:enable_snat': ADMIN,
    'create_router:external_gateway_info:external_fixed_ips': ADMIN,
    'update_router:external_gateway_info:enable_snat': ADMIN,
    'update_router:external_gateway_info:external_fixed_ips': ADMIN,
    # floating IPs
    'get_floatingip': OWNER, 'create_floatingip': MEMBER, 'update_floatingip': MEMBER,
    'delete_floatingip': MEMBER, 'create_floatingip:floating_ip_address': ADMIN,
    # quotas (reading another project's, setting any)
    'get_quota': ADMIN, 'update_quota': ADMIN, 'delete_quota': ADMIN,
    # auto-allocated topology
    'get_auto_allocated_topology': OWNER, 'delete_auto_allocated_topology': MEMBER,
}
"""Every network policy rule -> its default check."""


class PolicyNotAuthorized(exception.Forbidden):
    """A refused rule, worded as Neutron answers it."""

    msg_fmt = '(rule:%(rule)s) is disallowed by policy'


def _check(kind, ctx, target):
    if kind == ANYONE or ctx.is_admin:
        return True
    if kind == ADMIN:
        return False
    owned = target.get('project_id') == ctx.project_id
    if kind == OWNER:
        return owned
    if kind == MEMBER:
        return owned and any(role in ctx.roles for role in ('member', 'manager'))
    return owned or bool(target.get('shared') or target.get('external'))


def check(ctx, rule, target=None):
    """True when ``ctx`` passes ``rule`` on ``target`` (``{project_id, shared, external}``)."""
    return _check(RULES[rule], ctx, target or {})


def _refused(rule):
    """The rules a refusal names: an attribute rule comes with its action's."""
    action, _sep, attribute = rule.partition(':')
    return '%s and rule:%s' % (action, rule) if attribute else rule


def authorize(ctx, rule, target=None):
    """:raises PolicyNotAuthorized: ``ctx`` does not pass ``rule`` on ``target``"""
    if not check(ctx, rule, target):
        raise PolicyNotAuthorized(rule=_refused(rule))


def unrestricted(ctx, rule):
    """True when ``ctx`` passes ``rule`` on any target (queries then need no visibility filter)."""
    return RULES[rule] == ANYONE or ctx.is_admin


def owner(ctx, attributes, rule):
    """Pop ``project_id``/``tenant_id`` from a new resource's attributes: the project it goes to.

    The caller's project by default; naming another one takes ``rule`` (admins only).
    """
    project_id = (attributes.pop('project_id', None) or attributes.pop('tenant_id', None)
                  or ctx.project_id)
    attributes.pop('tenant_id', None)
    authorize(ctx, rule, {'project_id': project_id})
    return project_id
