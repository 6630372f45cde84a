"""The identity v3 API: its one flat route table, top to bottom.

This is the one place to read the API: every path under ``/v3``, its methods
and the controller function that answers, in matching order.  A GET route
also answers HEAD (the router adds it); the handler tells them apart where
Keystone does (``identity:check_token``, ``identity:check_implied_role``).
"""

from novaapi.identity.controllers import application_credentials as app_creds
from novaapi.identity.controllers import auth
from novaapi.identity.controllers import domains
from novaapi.identity.controllers import endpoints
from novaapi.identity.controllers import grants
from novaapi.identity.controllers import groups
from novaapi.identity.controllers import projects
from novaapi.identity.controllers import regions
from novaapi.identity.controllers import role_assignments
from novaapi.identity.controllers import roles
from novaapi.identity.controllers import services
from novaapi.identity.controllers import users

_GRANT = {'PUT': grants.create_grant, 'GET': grants.check_grant, 'DELETE': grants.revoke_grant}

ROUTE_LIST = [
    # auth
    ('/auth/tokens', {'POST': auth.issue_token, 'GET': auth.validate_token,
                      'DELETE': auth.revoke_token}),
    ('/auth/catalog', {'GET': auth.get_catalog}),
    ('/auth/projects', {'GET': auth.get_projects}),
    ('/auth/domains', {'GET': auth.get_domains}),
    ('/auth/system', {'GET': auth.get_system}),
    # domains
    ('/domains', {'GET': domains.list_domains, 'POST': domains.create_domain}),
    ('/domains/{domain_id}', {'GET': domains.get_domain, 'PATCH': domains.update_domain,
                              'DELETE': domains.delete_domain}),
    # projects
    ('/projects', {'GET': projects.list_projects, 'POST': projects.create_project}),
    ('/projects/{project_id}', {'GET': projects.get_project, 'PATCH': projects.update_project,
                                'DELETE': projects.delete_project}),
    ('/projects/{project_id}/tags', {'GET': projects.list_project_tags,
                                     'PUT': projects.update_project_tags,
                                     'DELETE': projects.delete_project_tags}),
    ('/projects/{project_id}/tags/{value}', {'GET': projects.check_project_tag,
                                             'PUT': projects.add_project_tag,
                                             'DELETE': projects.delete_project_tag}),
    # users
    ('/users', {'GET': users.list_users, 'POST': users.create_user}),
    ('/users/{user_id}', {'GET': users.get_user, 'PATCH': users.update_user,
                          'DELETE': users.delete_user}),
    ('/users/{user_id}/projects', {'GET': users.list_user_projects}),
    ('/users/{user_id}/password', {'POST': users.change_password}),
    ('/users/{user_id}/groups', {'GET': groups.list_groups_for_user}),
    # application credentials and access rules
    ('/users/{user_id}/application_credentials', {
        'GET': app_creds.list_application_credentials,
        'POST': app_creds.create_application_credential}),
    ('/users/{user_id}/application_credentials/{application_credential_id}', {
        'GET': app_creds.get_application_credential,
        'DELETE': app_creds.delete_application_credential}),
    ('/users/{user_id}/access_rules', {'GET': app_creds.list_access_rules}),
    ('/users/{user_id}/access_rules/{access_rule_id}', {
        'GET': app_creds.get_access_rule, 'DELETE': app_creds.delete_access_rule}),
    # groups and their members
    ('/groups', {'GET': groups.list_groups, 'POST': groups.create_group}),
    ('/groups/{group_id}', {'GET': groups.get_group, 'PATCH': groups.update_group,
                            'DELETE': groups.delete_group}),
    ('/groups/{group_id}/users', {'GET': groups.list_users_in_group}),
    ('/groups/{group_id}/users/{user_id}', {
        'PUT': groups.add_user_to_group, 'GET': groups.check_user_in_group,
        'DELETE': groups.remove_user_from_group}),
    # roles and implied roles
    ('/roles', {'GET': roles.list_roles, 'POST': roles.create_role}),
    ('/roles/{role_id}', {'GET': roles.get_role, 'PATCH': roles.update_role,
                          'DELETE': roles.delete_role}),
    ('/roles/{prior_role_id}/implies', {'GET': roles.list_implied_roles}),
    ('/roles/{prior_role_id}/implies/{implied_role_id}', {
        'PUT': roles.create_implied_role, 'GET': roles.get_implied_role,
        'DELETE': roles.delete_implied_role}),
    ('/role_inferences', {'GET': roles.list_role_inferences}),
    # grants
    ('/projects/{project_id}/users/{user_id}/roles', {'GET': grants.list_grants}),
    ('/projects/{project_id}/users/{user_id}/roles/{role_id}', _GRANT),
    ('/projects/{project_id}/groups/{group_id}/roles', {'GET': grants.list_grants}),
    ('/projects/{project_id}/groups/{group_id}/roles/{role_id}', _GRANT),
    ('/domains/{domain_id}/users/{user_id}/roles', {'GET': grants.list_grants}),
    ('/domains/{domain_id}/users/{user_id}/roles/{role_id}', _GRANT),
    ('/domains/{domain_id}/groups/{group_id}/roles', {'GET': grants.list_grants}),
    ('/domains/{domain_id}/groups/{group_id}/roles/{role_id}', _GRANT),
    ('/system/users/{user_id}/roles', {'GET': grants.list_grants}),
    ('/system/users/{user_id}/roles/{role_id}', _GRANT),
    ('/system/groups/{group_id}/roles', {'GET': grants.list_grants}),
    ('/system/groups/{group_id}/roles/{role_id}', _GRANT),
    # role_assignments
    ('/role_assignments', {'GET': role_assignments.list_role_assignments}),
    # services
    ('/services', {'GET': services.list_services, 'POST': services.create_service}),
    ('/services/{service_id}', {'GET': services.get_service, 'PATCH': services.update_service,
                                'DELETE': services.delete_service}),
    # endpoints
    ('/endpoints', {'GET': endpoints.list_endpoints, 'POST': endpoints.create_endpoint}),
    ('/endpoints/{endpoint_id}', {'GET': endpoints.get_endpoint,
                                  'PATCH': endpoints.update_endpoint,
                                  'DELETE': endpoints.delete_endpoint}),
    # regions
    ('/regions', {'GET': regions.list_regions, 'POST': regions.create_region}),
    ('/regions/{region_id}', {'GET': regions.get_region, 'PATCH': regions.update_region,
                              'DELETE': regions.delete_region}),
]
"""``(path under /v3, {METHOD: handler(call, **url_vars)})`` in matching order."""
