"""``/v3/projects/{project_id}/users/{user_id}/roles``: a user's role grants on a project."""

from novaapi.identity import assignments
from novaapi.identity import policy
from novaapi.identity import views
from novaapi.identity import wsgi


def list_grants(call, project_id, user_id):
    policy.enforce(call.token, 'identity:list_grants')
    rows = assignments.list_grants(project_id, user_id)
    return wsgi.listing(call, 'roles', views.role, rows)


def create_grant(call, project_id, user_id, role_id):
    policy.enforce(call.token, 'identity:create_grant')
    assignments.create_grant(project_id, user_id, role_id)
    return wsgi.no_content()


def check_grant(call, project_id, user_id, role_id):
    policy.enforce(call.token, 'identity:check_grant')
    assignments.check_grant(project_id, user_id, role_id)
    return wsgi.no_content()


def revoke_grant(call, project_id, user_id, role_id):
    policy.enforce(call.token, 'identity:revoke_grant')
    assignments.revoke_grant(project_id, user_id, role_id)
    return wsgi.no_content()
