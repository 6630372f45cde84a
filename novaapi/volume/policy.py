"""Cinder's default block-storage policy: one table of the endpoint's rules, and the checks.

Rule names are Cinder's.  Each maps to one of a few base checks; admins pass
them all.  A target is the resource's ``project_id``.

Scope: no Cinder rule declares ``scope_types``, and Cinder ships
``enforce_scope`` off, so the token's scope is never checked.  ``role:admin``
passes every rule (``context_is_admin``, ``admin_api`` and the personas'
``(role:admin) or (... and project_id:%(project_id)s)``) whether the token is
scoped to a project, a domain or the system.  A system- or domain-scoped reader
has no project: it passes a rule whose target is its own (no) project, so the
lists answer empty, and no rule on a project's resource.  Such a token reaches
the endpoint only through the URLs without a project (:data:`routes.ALL
<novaapi.volume.routes.ALL>`); a project in the URL is Cinder's 400 "Malformed
request url".
"""

from novaapi.volume import errors

ADMIN = 'admin'
READER = 'project_reader'
MEMBER = 'project_member'
ANYONE = 'any'

RULES = {
    # volumes
    'volume:create': MEMBER, 'volume:create_from_image': MEMBER, 'volume:get': READER,
    'volume:get_all': READER, 'volume:update': MEMBER, 'volume:delete': MEMBER,
    'volume:force_delete': ADMIN, 'volume:multiattach': MEMBER,
    'volume:extend': MEMBER, 'volume:update_readonly_flag': MEMBER,
    'volume_extension:volume_actions:reserve': MEMBER,
    'volume_extension:volume_actions:unreserve': MEMBER,
    'volume_extension:volume_actions:attach': MEMBER,
    'volume_extension:volume_actions:detach': MEMBER,
    'volume_extension:volume_actions:begin_detaching': MEMBER,
    'volume_extension:volume_actions:roll_detaching': MEMBER,
    'volume_extension:volume_actions:initialize_connection': MEMBER,
    'volume_extension:volume_actions:terminate_connection': MEMBER,
    'volume_extension:volume_actions:set_bootable': MEMBER,
    'volume_extension:volume_admin_actions:reset_status': ADMIN,
    'volume_extension:volume_admin_actions:force_delete': ADMIN,
    'volume_extension:volume_admin_actions:force_detach': ADMIN,
    'volume_extension:volume_host_attribute': ADMIN,
    'volume_extension:volume_mig_status_attribute': ADMIN,
    'volume_extension:volume_tenant_attribute': READER,
    # volume types
    'volume_extension:types_manage': ADMIN, 'volume_extension:type_get': ANYONE,
    'volume_extension:type_get_all': ANYONE,
    'volume_extension:access_types_extra_specs': ADMIN,
    # snapshots
    'volume:create_snapshot': MEMBER, 'volume:get_snapshot': READER,
    'volume:get_all_snapshots': READER, 'volume:update_snapshot': MEMBER,
    'volume:delete_snapshot': MEMBER,
    'volume_extension:extended_snapshot_attributes': READER,
    # attachments
    'volume:attachment_create': MEMBER, 'volume:attachment_update': MEMBER,
    'volume:attachment_complete': MEMBER, 'volume:attachment_delete': MEMBER,
    # quotas and limits
    'volume_extension:quotas:show': READER, 'volume_extension:quotas:update': ADMIN,
    'volume_extension:quotas:delete': ADMIN, 'limits_extension:used_limits': READER,
    'volume_extension:availability_zone_list': ANYONE,
}
"""Every block-storage policy rule -> its default check."""

ALL_TENANTS = 'volume:get_all'


def check(ctx, rule, target=None):
    """True when ``ctx`` passes ``rule`` on ``target`` (``{project_id}``), whatever its scope.

    A target with no ``project_id`` is the caller's own project.  A list's target holds the
    caller's project, ``None`` for a system- or domain-scoped token, which then matches as
    oslo.policy matches ``project_id:%(project_id)s`` (both sides as strings).
    """
    kind = RULES[rule]
    if kind == ANYONE or ctx.is_admin:
        return True
    if kind == ADMIN:
        return False
    target = target or {}
    owned = target.get('project_id', ctx.project_id) == ctx.project_id
    if kind == MEMBER:
        return owned and any(r in ctx.roles for r in ('member', 'manager'))
    return owned


def authorize(ctx, rule, target=None):
    """:raises errors.PolicyNotAuthorized: ``ctx`` does not pass ``rule`` on ``target``"""
    if not check(ctx, rule, target):
        raise errors.PolicyNotAuthorized(action=rule)
