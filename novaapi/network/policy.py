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
OWNER_OR_SHARED = 'admin_or_owner_or_shared'

RULES = {
    # networks (and their subnets, which the get_network filter shows with them)
    'get_network': OWNER_OR_SHARED, 'create_network': OWNER, 'create_network:shared': ADMIN,
    # ports
    'get_port': OWNER, 'create_port': OWNER, 'update_port': OWNER, 'delete_port': OWNER,
    # security groups
    'get_security_group': OWNER,
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
