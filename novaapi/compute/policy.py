"""Nova's default compute policy: one table of every rule, and the checks behind it.

Each rule name maps to one of a few base checks, mirroring Nova's defaults
(``enforce_new_defaults`` and ``enforce_scope`` on).  Tokens carry implied
roles, so a member also holds reader.

Every Nova rule declares ``scope_types=['project']`` and oslo.policy checks the
scope before the rule: a system- or domain-scoped token fails every rule,
admin or not (403, Nova's "Policy doesn't allow ..."), and passes only where
Nova checks no rule at all (flavors, versions).
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

SCOPE_TYPES = ('project',)
"""The ``scope_types`` of every rule of the table, as Nova 34 declares them."""

RULES = {
    # flavors (/flavors, os-extra_specs, os-flavor-access) and /extensions
    'os-flavor-manage:create': ADMIN, 'os-flavor-manage:update': ADMIN,
    'os-flavor-manage:delete': ADMIN, 'os-flavor-access': ADMIN,
    'os-flavor-access:add_tenant_access': ADMIN, 'os-flavor-access:remove_tenant_access': ADMIN,
    'os-flavor-extra-specs:index': PROJECT_READER, 'os-flavor-extra-specs:show': PROJECT_READER,
    'os-flavor-extra-specs:create': ADMIN, 'os-flavor-extra-specs:update': ADMIN,
    'os-flavor-extra-specs:delete': ADMIN, 'extensions': ANYONE,
    # keypairs
    'os-keypairs:index': OWNER, 'os-keypairs:create': OWNER, 'os-keypairs:show': OWNER,
    'os-keypairs:delete': OWNER,
    # limits
    'limits': ANYONE, 'limits:other_project': ADMIN,
    # quotas
    'os-quota-sets:show': PROJECT_READER, 'os-quota-sets:detail': PROJECT_READER,
    'os-quota-sets:update': ADMIN, 'os-quota-sets:delete': ADMIN, 'os-quota-sets:defaults': ANYONE,
    'os-quota-class-sets:show': ADMIN, 'os-quota-class-sets:update': ADMIN,
    # server_groups
    'os-server-groups:create': PROJECT_MEMBER, 'os-server-groups:delete': PROJECT_MEMBER,
    'os-server-groups:index': PROJECT_READER, 'os-server-groups:index:all_projects': ADMIN,
    'os-server-groups:show': PROJECT_READER,
    # remote_consoles
    'os-remote-consoles': PROJECT_MEMBER, 'os-console-auth-tokens': ADMIN,
    # baremetal_nodes
    'os-baremetal-nodes:list': ADMIN, 'os-baremetal-nodes:show': ADMIN,
    # Nova's proxies over the network service (2.1-2.35)
    'os-networks:list': PROJECT_READER, 'os-networks:show': PROJECT_READER,
    'os-tenant-networks:list': PROJECT_READER, 'os-tenant-networks:show': PROJECT_READER,
    'os-security-groups:get': PROJECT_READER, 'os-security-groups:show': PROJECT_READER,
    'os-security-groups:create': PROJECT_MEMBER, 'os-security-groups:update': PROJECT_MEMBER,
    'os-security-groups:delete': PROJECT_MEMBER,
    'os-security-groups:rule:create': PROJECT_MEMBER,
    'os-security-groups:rule:delete': PROJECT_MEMBER,
    # assisted volume snapshots: the volume service's calls
    'os-assisted-volume-snapshots:create': SERVICE, 'os-assisted-volume-snapshots:delete': SERVICE,
    # server_shares
    'os-server-shares:index': PROJECT_READER, 'os-server-shares:create': PROJECT_MEMBER,
    'os-server-shares:show': PROJECT_READER, 'os-server-shares:delete': PROJECT_MEMBER,
    # server_actions
    'servers:start': PROJECT_MEMBER, 'servers:stop': PROJECT_MEMBER,
    'servers:reboot': PROJECT_MEMBER, 'servers:resize': PROJECT_MEMBER,
    'servers:confirm_resize': PROJECT_MEMBER, 'servers:revert_resize': PROJECT_MEMBER,
    'servers:rebuild': PROJECT_MEMBER, 'servers:rebuild:trusted_certs': PROJECT_MEMBER,
    'servers:create_image': PROJECT_MEMBER,
    'servers:create_image:allow_volume_backed': PROJECT_MEMBER,
    'servers:trigger_crash_dump': PROJECT_MEMBER, 'os-pause-server:pause': PROJECT_MEMBER,
    'os-pause-server:unpause': PROJECT_MEMBER, 'os-suspend-server:suspend': PROJECT_MEMBER,
    'os-suspend-server:resume': PROJECT_MEMBER, 'os-lock-server:lock': PROJECT_MEMBER,
    'os-lock-server:unlock': PROJECT_MEMBER, 'os-lock-server:unlock:unlock_override': ADMIN,
    'os-rescue': PROJECT_MEMBER, 'os-unrescue': PROJECT_MEMBER, 'os-shelve:shelve': PROJECT_MEMBER,
    'os-shelve:shelve_offload': ADMIN, 'os-shelve:unshelve': PROJECT_MEMBER,
    'os-shelve:unshelve_to_host': ADMIN, 'os-admin-password': PROJECT_MEMBER,
    'os-create-backup': PROJECT_MEMBER, 'os-deferred-delete:restore': PROJECT_MEMBER,
    'os-deferred-delete:force': PROJECT_MEMBER, 'os-admin-actions:reset_state': ADMIN,
    'os-admin-actions:inject_network_info': ADMIN, 'os-migrate-server:migrate': PROJECT_MANAGER,
    'os-migrate-server:migrate:host': ADMIN, 'os-migrate-server:migrate_live': PROJECT_MANAGER,
    'os-migrate-server:migrate_live:host': ADMIN, 'os-evacuate': ADMIN,
    'os-console-output': PROJECT_MEMBER, 'os-security-groups:add': PROJECT_MEMBER,
    'os-security-groups:remove': PROJECT_MEMBER,
    # floating IPs (the os-floating-ips proxy and the server actions)
    'os-floating-ips:add': PROJECT_MEMBER, 'os-floating-ips:remove': PROJECT_MEMBER,
    'os-floating-ips:list': PROJECT_READER, 'os-floating-ips:create': PROJECT_MEMBER,
    'os-floating-ips:show': PROJECT_READER, 'os-floating-ips:delete': PROJECT_MEMBER,
    'os-floating-ip-pools': ANYONE,
    # multinic (the addFixedIp / removeFixedIp server actions)
    'os-multinic:add': PROJECT_MEMBER, 'os-multinic:remove': PROJECT_MEMBER,
    # the volume and snapshot proxies (os-volumes, os-snapshots)
    'os-volumes:list': PROJECT_READER, 'os-volumes:detail': PROJECT_READER,
    'os-volumes:show': PROJECT_READER, 'os-volumes:create': PROJECT_MEMBER,
    'os-volumes:delete': PROJECT_MEMBER,
    'os-volumes:snapshots:list': PROJECT_READER, 'os-volumes:snapshots:detail': PROJECT_READER,
    'os-volumes:snapshots:show': PROJECT_READER, 'os-volumes:snapshots:create': PROJECT_MEMBER,
    'os-volumes:snapshots:delete': PROJECT_MEMBER,
    # servers
    'servers:index': PROJECT_READER, 'servers:detail': PROJECT_READER,
    'servers:show': PROJECT_READER, 'servers:index:get_all_tenants': ADMIN,
    'servers:detail:get_all_tenants': ADMIN, 'servers:allow_all_filters': ADMIN,
    'servers:show:host_status': ADMIN, 'servers:show:host_status:unknown-only': ADMIN,
    'servers:show:flavor-extra-specs': PROJECT_READER, 'servers:create': PROJECT_MEMBER,
    'servers:create:forced_host': ADMIN, 'servers:create:requested_destination': ADMIN,
    'servers:create:attach_volume': PROJECT_MEMBER, 'servers:create:attach_network': PROJECT_MEMBER,
    'servers:create:trusted_certs': PROJECT_MEMBER, 'servers:create:zero_disk_flavor': ADMIN,
    'servers:update': PROJECT_MEMBER, 'servers:delete': PROJECT_MEMBER,
    'os-extended-server-attributes': ADMIN,
    # availability_zones
    'os-availability-zone:list': ANYONE, 'os-availability-zone:detail': ADMIN,
    # server_metadata
    'server-metadata:index': PROJECT_READER, 'server-metadata:show': PROJECT_READER,
    'server-metadata:create': PROJECT_MEMBER, 'server-metadata:update_all': PROJECT_MEMBER,
    'server-metadata:update': PROJECT_MEMBER, 'server-metadata:delete': PROJECT_MEMBER,
    # server_ips
    'ips:index': PROJECT_READER, 'ips:show': PROJECT_READER,
    # server_tags
    'os-server-tags:index': PROJECT_READER, 'os-server-tags:show': PROJECT_READER,
    'os-server-tags:update': PROJECT_MEMBER, 'os-server-tags:update_all': PROJECT_MEMBER,
    'os-server-tags:delete': PROJECT_MEMBER, 'os-server-tags:delete_all': PROJECT_MEMBER,
    # instance_actions
    'os-instance-actions:list': PROJECT_READER, 'os-instance-actions:show': PROJECT_READER,
    'os-instance-actions:events': ADMIN, 'os-instance-actions:events:details': ADMIN,
    # interfaces
    'os-attach-interfaces:list': PROJECT_READER, 'os-attach-interfaces:show': PROJECT_READER,
    'os-attach-interfaces:create': PROJECT_MEMBER, 'os-attach-interfaces:delete': PROJECT_MEMBER,
    # volume_attachments
    'os-volumes-attachments:index': PROJECT_READER, 'os-volumes-attachments:show': PROJECT_READER,
    'os-volumes-attachments:create': PROJECT_MEMBER,
    'os-volumes-attachments:update': PROJECT_MEMBER, 'os-volumes-attachments:swap': SERVICE,
    'os-volumes-attachments:delete': PROJECT_MEMBER,
    # server_password
    'os-server-password:show': PROJECT_READER, 'os-server-password:clear': PROJECT_MEMBER,
    # server_diagnostics
    'os-server-diagnostics': ADMIN,
    # server_security_groups
    'os-security-groups:list': PROJECT_READER,
    # server_migrations
    'servers:migrations:index': PROJECT_MANAGER, 'servers:migrations:index:host': ADMIN,
    'servers:migrations:show': ADMIN, 'servers:migrations:force_complete': PROJECT_MANAGER,
    'servers:migrations:delete': PROJECT_MANAGER,
    # migrations
    'os-migrations:index': PROJECT_MANAGER, 'os-migrations:index:all_projects': ADMIN,
    'os-migrations:index:host': ADMIN,
    # server_topology
    'compute:server:topology:index': PROJECT_READER, 'compute:server:topology:host:index': ADMIN,
    # services
    'os-services:list': ADMIN, 'os-services:update': ADMIN, 'os-services:delete': ADMIN,
    # hypervisors
    'os-hypervisors:list': ADMIN, 'os-hypervisors:list-detail': ADMIN, 'os-hypervisors:show': ADMIN,
    'os-hypervisors:statistics': ADMIN, 'os-hypervisors:uptime': ADMIN,
    'os-hypervisors:search': ADMIN, 'os-hypervisors:servers': ADMIN,
    # aggregates
    'os-aggregates:index': ADMIN, 'os-aggregates:create': ADMIN, 'os-aggregates:show': ADMIN,
    'os-aggregates:update': ADMIN, 'os-aggregates:delete': ADMIN, 'os-aggregates:add_host': ADMIN,
    'os-aggregates:remove_host': ADMIN, 'os-aggregates:set_metadata': ADMIN,
    'os-aggregates:images': ADMIN,
    # simple_tenant_usage
    'os-simple-tenant-usage:list': ADMIN, 'os-simple-tenant-usage:show': PROJECT_READER,
    # instance_usage_audit_log
    'os-instance-usage-audit-log:list': ADMIN, 'os-instance-usage-audit-log:show': ADMIN,
    # server_external_events
    'os-server-external-events:create': SERVICE,
    # hosts
    'os-hosts:list': ADMIN, 'os-hosts:show': ADMIN, 'os-hosts:update': ADMIN,
    'os-hosts:reboot': ADMIN, 'os-hosts:shutdown': ADMIN, 'os-hosts:start': ADMIN,
    # the simulator's fault-injection control API (/v2.1/_sim/behaviours), not Nova's
    'sim-behaviours:list': ADMIN, 'sim-behaviours:show': ADMIN, 'sim-behaviours:create': ADMIN,
    'sim-behaviours:delete': ADMIN,
}
"""Every compute policy rule (without the ``os_compute_api:`` prefix) -> its default check."""


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
    kind = RULES[rule]
    return getattr(ctx, 'scope', 'project') in SCOPE_TYPES and _check(kind, ctx, target or {})


def authorize(ctx, rule, target=None):
    """Raise 403 "Policy doesn't allow ... to be performed." unless ``ctx`` passes ``rule``."""
    if not check(ctx, rule, target):
        raise exception.PolicyNotAuthorized(action=_BASE + rule)
