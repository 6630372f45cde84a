"""``/v3/groups``, their members, and ``/v3/users/{user_id}/groups``."""

import functools

from novaapi.identity import groups
from novaapi.identity import policy
from novaapi.identity import schemas
from novaapi.identity import views
from novaapi.identity import wsgi


def list_groups(call):
    policy.enforce(call.token, 'identity:list_groups')
    return wsgi.listing(call, 'groups', views.group, groups.list_groups(dict(call.params)))


def create_group(call):
    token = policy.enforce(call.token, 'identity:create_group')
    row = groups.create_group(token, schemas.entity_body(call, 'group', schemas.group_create))
    return wsgi.show(call, 'group', views.group, row, status=201)


def get_group(call, group_id):
    policy.enforce(call.token, 'identity:get_group')
    return wsgi.show(call, 'group', views.group, groups.get_group(group_id))


def update_group(call, group_id):
    policy.enforce(call.token, 'identity:update_group')
    row = groups.update_group(group_id, functools.partial(
        schemas.entity_body, call, 'group', schemas.group_update))
    return wsgi.show(call, 'group', views.group, row)


def delete_group(call, group_id):
    policy.enforce(call.token, 'identity:delete_group')
    groups.delete_group(group_id)
    return wsgi.no_content()


def list_users_in_group(call, group_id):
    policy.enforce(call.token, 'identity:list_users_in_group')
    return wsgi.listing(call, 'users', views.user, groups.list_members(group_id))


def add_user_to_group(call, group_id, user_id):
    policy.enforce(call.token, 'identity:add_user_to_group')
    groups.add_member(group_id, user_id)
    return wsgi.no_content()


def check_user_in_group(call, group_id, user_id):
    policy.enforce(call.token, 'identity:check_user_in_group')
    groups.check_member(group_id, user_id)
    return wsgi.no_content()


def remove_user_from_group(call, group_id, user_id):
    policy.enforce(call.token, 'identity:remove_user_from_group')
    groups.remove_member(group_id, user_id)
    return wsgi.no_content()


def list_groups_for_user(call, user_id):
    policy.enforce(call.token, 'identity:list_groups_for_user', {'user_id': user_id})
    rows = groups.list_user_groups(user_id, call.params)
    return wsgi.listing(call, 'groups', views.user_group, rows)
