"""``/v3/users``, a user's projects and the self-service password change."""

import functools

from novaapi.identity import policy
from novaapi.identity import projects
from novaapi.identity import schemas
from novaapi.identity import users
from novaapi.identity import views
from novaapi.identity import wsgi


def list_users(call):
    policy.enforce(call.token, 'identity:list_users')
    return wsgi.listing(call, 'users', views.user, users.list_users(dict(call.params)))


def create_user(call):
    token = policy.enforce(call.token, 'identity:create_user')
    row = users.create_user(token, schemas.entity_body(call, 'user', schemas.user_create))
    return wsgi.show(call, 'user', views.user, row, status=201)


def get_user(call, user_id):
    policy.enforce(call.token, 'identity:get_user', {'user_id': user_id})
    return wsgi.show(call, 'user', views.user, users.get_user(user_id))


def update_user(call, user_id):
    policy.enforce(call.token, 'identity:update_user')
    row = users.update_user(user_id, functools.partial(
        schemas.entity_body, call, 'user', schemas.user_update))
    return wsgi.show(call, 'user', views.user, row)


def delete_user(call, user_id):
    policy.enforce(call.token, 'identity:delete_user')
    users.delete_user(user_id)
    return wsgi.no_content()


def list_user_projects(call, user_id):
    policy.enforce(call.token, 'identity:list_user_projects', {'user_id': user_id})
    return wsgi.listing(call, 'projects', views.project, projects.list_user_projects(user_id))


def change_password(call, user_id):
    """POST /v3/users/{user_id}/password: no policy, the original password is the proof."""
    ref = schemas.entity_body(call, 'user', schemas.password_change)
    users.change_password(user_id, ref['original_password'], ref['password'])
    return wsgi.no_content()
