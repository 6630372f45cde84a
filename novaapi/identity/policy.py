"""Keystone's default identity policy: one table of every rule, and the checks behind it.

Each rule name (as Keystone spells it, so a 403 names the action a client
knows) maps to one of a few base checks.  A target is a plain dict of the ids
the check compares with the caller's token: ``user_id`` (the user acted on,
or the owner of a subject token), ``project_id`` or ``domain_id``.
"""

from novaapi.identity import errors

ADMIN = 'admin_required'
ANYONE = 'any_authenticated'
OWNER = 'admin_or_owner'
PROJECT_USER = 'admin_or_project_user'
DOMAIN_USER = 'admin_or_domain_user'
TOKEN_SUBJECT = 'service_admin_or_token_subject'
PROJECT_SELF = 'project_scoped_self'

ADMIN_ROLE = 'admin'
SERVICE_ROLE = 'service'

RULES = {
    # /v3/auth
    'identity:validate_token': TOKEN_SUBJECT, 'identity:check_token': TOKEN_SUBJECT,
    'identity:revoke_token': TOKEN_SUBJECT, 'identity:get_auth_catalog': ANYONE,
    'identity:get_auth_projects': ANYONE, 'identity:get_auth_domains': ANYONE,
    'identity:get_auth_system': ANYONE,
    # /v3/domains
    'identity:list_domains': ADMIN, 'identity:create_domain': ADMIN,
    'identity:get_domain': DOMAIN_USER, 'identity:update_domain': ADMIN,
    'identity:delete_domain': ADMIN,
    # /v3/projects
    'identity:list_projects': ADMIN, 'identity:create_project': ADMIN,
    'identity:get_project': PROJECT_USER, 'identity:update_project': ADMIN,
    'identity:delete_project': ADMIN,
    'identity:list_project_tags': PROJECT_USER, 'identity:get_project_tag': PROJECT_USER,
    'identity:update_project_tags': ADMIN, 'identity:create_project_tag': ADMIN,
    'identity:delete_project_tags': ADMIN, 'identity:delete_project_tag': ADMIN,
    # /v3/users
    'identity:list_users': ADMIN, 'identity:create_user': ADMIN, 'identity:get_user': OWNER,
    'identity:update_user': ADMIN, 'identity:delete_user': ADMIN,
    'identity:list_user_projects': OWNER,
    # /v3/users/{user_id}/application_credentials and access_rules
    'identity:create_application_credential': PROJECT_SELF,
    'identity:list_application_credentials': OWNER,
    'identity:get_application_credential': OWNER,
    'identity:delete_application_credential': OWNER,
    'identity:list_access_rules': OWNER, 'identity:get_access_rule': OWNER,
    'identity:delete_access_rule': OWNER,
    # /v3/roles, implied roles and /v3/role_inferences
    'identity:list_roles': ADMIN, 'identity:create_role': ADMIN, 'identity:get_role': ADMIN,
    'identity:update_role': ADMIN, 'identity:delete_role': ADMIN,
    'identity:list_implied_roles': ADMIN, 'identity:create_implied_role': ADMIN,
    'identity:get_implied_role': ADMIN, 'identity:check_implied_role': ADMIN,
    'identity:delete_implied_role': ADMIN, 'identity:list_role_inference_rules': ADMIN,
    # /v3/projects/{project_id}/users/{user_id}/roles and /v3/role_assignments
    'identity:list_grants': ADMIN, 'identity:create_grant': ADMIN,
    'identity:check_grant': ADMIN, 'identity:revoke_grant': ADMIN,
    'identity:list_role_assignments': ADMIN,
    # /v3/system/{users|groups}/{id}/roles
    'identity:list_system_grants_for_user': ADMIN, 'identity:check_system_grant_for_user': ADMIN,
    'identity:create_system_grant_for_user': ADMIN,
    'identity:revoke_system_grant_for_user': ADMIN,
    'identity:list_system_grants_for_group': ADMIN,
    'identity:check_system_grant_for_group': ADMIN,
    'identity:create_system_grant_for_group': ADMIN,
    'identity:revoke_system_grant_for_group': ADMIN,
    # /v3/groups and their members
    'identity:list_groups': ADMIN, 'identity:create_group': ADMIN, 'identity:get_group': ADMIN,
    'identity:update_group': ADMIN, 'identity:delete_group': ADMIN,
    'identity:list_users_in_group': ADMIN, 'identity:add_user_to_group': ADMIN,
    'identity:check_user_in_group': ADMIN, 'identity:remove_user_from_group': ADMIN,
    'identity:list_groups_for_user': OWNER,
    # /v3/services
    'identity:list_services': ADMIN, 'identity:create_service': ADMIN,
    'identity:get_service': ADMIN, 'identity:update_service': ADMIN,
    'identity:delete_service': ADMIN,
    # /v3/endpoints
    'identity:list_endpoints': ADMIN, 'identity:create_endpoint': ADMIN,
    'identity:get_endpoint': ADMIN, 'identity:update_endpoint': ADMIN,
    'identity:delete_endpoint': ADMIN,
    # /v3/regions
    'identity:list_regions': ANYONE, 'identity:create_region': ADMIN,
    'identity:get_region': ANYONE, 'identity:update_region': ADMIN,
    'identity:delete_region': ADMIN,
}
"""Every identity policy rule -> its default check."""


def _owns(target, key, value):
    return key in target and target[key] == value


def _check(kind, token, target):
    if kind == PROJECT_SELF:
        # NOTE: Keystone's rule is the owner alone, and only with a project-scoped token.
        return bool(token.project_id) and _owns(target, 'user_id', token.user_id)
    if kind == ANYONE or ADMIN_ROLE in token.roles:
        return True
    if kind == OWNER:
        return _owns(target, 'user_id', token.user_id)
    if kind == PROJECT_USER:
        return _owns(target, 'project_id', token.project_id)
    if kind == DOMAIN_USER:
        return _owns(target, 'domain_id', token.project_domain_id)
    if kind == TOKEN_SUBJECT:
        return SERVICE_ROLE in token.roles or _owns(target, 'user_id', token.user_id)
    return False


def check(token, rule, target=None):
    """True when the caller holding ``token`` (a TokenInfo) passes ``rule`` on ``target``."""
    return _check(RULES[rule], token, target or {})


def enforce(token, rule, target=None):
    """The caller's token when it passes ``rule`` on ``target``.

    :param token: the caller's :class:`~novaapi.identity.tokens.TokenInfo`, or None
    :raises errors.Unauthorized: without a (valid) token
    :raises errors.ForbiddenAction: "... the requested action: <rule>." when denied
    """
    if token is None:
        raise errors.Unauthorized()
    if not check(token, rule, target):
        raise errors.ForbiddenAction(rule)
    return token
