"""Nova's default policy: role checks scoped to the caller's project.

Each rule name maps to one of a few base checks, mirroring Nova's defaults
(``enforce_new_defaults`` and ``enforce_scope`` on).  Tokens carry implied
roles, so a member also holds reader.
"""

from novaapi import exception

ADMIN = 'admin'
ANYONE = 'any'
NOBODY = 'none'
PROJECT_READER = 'project_reader_or_admin'
PROJECT_MEMBER = 'project_member_or_admin'
PROJECT_MANAGER = 'project_manager_or_admin'
SERVICE = 'service_or_admin'
OWNER = 'admin_or_owner'

_BASE = 'os_compute_api:'

RULES = {
    'os-flavor-manage:create': ADMIN,
    'os-flavor-manage:update': ADMIN,
    'os-flavor-manage:delete': ADMIN,
    'os-flavor-access': ADMIN,
    'os-flavor-access:add_tenant_access': ADMIN,
    'os-flavor-access:remove_tenant_access': ADMIN,
    'os-flavor-extra-specs:index': PROJECT_READER,
    'os-flavor-extra-specs:show': PROJECT_READER,
    'os-flavor-extra-specs:create': ADMIN,
    'os-flavor-extra-specs:update': ADMIN,
    'os-flavor-extra-specs:delete': ADMIN,
    'extensions': ANYONE,
}


def register(rules):
    """Add rules for a resource module (``{'os-foo:bar': PROJECT_MEMBER}``)."""
    RULES.update(rules)


def _check(kind, ctx, target):
    project_ok = target.get('project_id', ctx.project_id) == ctx.project_id
    if kind == ANYONE:
        return True
    if kind == NOBODY:
        return False
    if ctx.is_admin:
        return True
    if kind == ADMIN:
        return False
    if kind == OWNER:
        return target.get('user_id', ctx.user_id) == ctx.user_id
    if kind == SERVICE:
        return ctx.has_role('service')
    role = {PROJECT_READER: 'reader', PROJECT_MEMBER: 'member', PROJECT_MANAGER: 'manager'}[kind]
    return project_ok and ctx.has_role(role)


def check(ctx, rule, target=None):
    """True when ``ctx`` passes ``rule`` (name without the ``os_compute_api:`` prefix)."""
    return _check(RULES[rule], ctx, target or {})


def authorize(ctx, rule, target=None):
    """Raise 403 "Policy doesn't allow ... to be performed." unless ``ctx`` passes ``rule``."""
    if not check(ctx, rule, target):
        raise exception.PolicyNotAuthorized(action=_BASE + rule)
