"""Neutron's default network policy: one table of the network endpoint's rules, and the checks.

Rule names are Neutron's.  Each maps to one of a few base checks; admins pass
them all.  A target describes a resource: its ``project_id`` and, for a
network, ``shared`` and ``external``.  An attribute rule such as
``create_network:shared`` is enforced with its action's rule, and a refusal
names both, as Neutron words it.

Every Neutron rule declares ``scope_types=['project']``: a system- or
domain-scoped token passes none.  Neutron then answers as its hooks do: lists
come back empty, a resource it may not see is a 404, and a refused write names
the scope (``InvalidScope``, 403); a create without a project is Neutron's 400
for a request with no project to put the resource in.
"""

import sqlalchemy as sa

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


SCOPE_TYPES = ('project',)
"""The ``scope_types`` of every rule of the table, as Neutron declares them."""


class InvalidScope(exception.Forbidden):
    """A rule refused for the token's scope, worded as oslo.policy words it."""

    msg_fmt = ("rule:%(rule)s requires a scope of ['project'], request was made with "
               "%(scope)s scope.")


class HTTPBadRequest(exception.Invalid):
    """A create with no project to own the resource (a token without one).

    Named as the type Neutron's body shows for it (webob's ``HTTPBadRequest``).
    """

    msg_fmt = 'Running without keystone AuthN requires that tenant_id is specified'


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


def in_scope(ctx):
    """True when the token's scope is one the rules declare (a project's).

    A context built inside the service without a scope acts for a project.
    """
    return getattr(ctx, 'scope', 'project') in SCOPE_TYPES


def check(ctx, rule, target=None):
    """True when ``ctx`` passes ``rule`` on ``target`` (``{project_id, shared, external}``)."""
    kind = RULES[rule]
    return in_scope(ctx) and _check(kind, ctx, target or {})


def _refused(rule):
    """The rules a refusal names: an attribute rule comes with its action's."""
    action, _sep, attribute = rule.partition(':')
    return '%s and rule:%s' % (action, rule) if attribute else rule


def authorize(ctx, rule, target=None):
    """:raises PolicyNotAuthorized: ``ctx`` does not pass ``rule`` on ``target``"""
    if not in_scope(ctx):
        raise InvalidScope(rule=rule.partition(':')[0], scope=ctx.scope)
    if not check(ctx, rule, target):
        raise PolicyNotAuthorized(rule=_refused(rule))


def unrestricted(ctx, rule):
    """True when ``ctx`` passes ``rule`` on any target (queries then need no visibility filter)."""
    return in_scope(ctx) and (RULES[rule] == ANYONE or ctx.is_admin)


def owned(column, ctx):
    """The SQL condition "``column`` is the caller's project"; false for a token without one.

    A system-, domain- or unscoped token owns nothing, not even the rows of no
    project (floating IP ports, say).
    """
    if ctx.project_id is None or not in_scope(ctx):
        return sa.false()
    return column == ctx.project_id


def owner(ctx, attributes, rule):
    """Pop ``project_id``/``tenant_id`` from a new resource's attributes: the project it goes to.

    The caller's project by default; naming another one takes ``rule`` (admins only).
    """
    project_id = (attributes.pop('project_id', None) or attributes.pop('tenant_id', None)
                  or ctx.project_id)
    attributes.pop('tenant_id', None)
    if project_id is None:
        raise HTTPBadRequest()
    authorize(ctx, rule, {'project_id': project_id})
    return project_id
