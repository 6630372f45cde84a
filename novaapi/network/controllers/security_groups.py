"""``/v2.0/security-groups``: list, show, create (one or bulk), update, delete."""

from novaapi.network import security_groups
from novaapi.network import views
from novaapi.network.controllers import common
from novaapi.web import responses

CREATE = ('name', 'description', 'project_id', 'tenant_id', 'stateful', 'tags')
UPDATE = ('name', 'description', 'stateful')


def index(call):
    groups = common.run(security_groups.list_security_groups, call.ctx)
    return common.collection(call, 'security_groups', views.security_group, groups)


def show(call, group_id):
    group = common.run(security_groups.get_security_group, call.ctx, group_id)
    return common.show(call, 'security_group', views.security_group, group)


def create(call):
    items, bulk = common.resources(call, 'security_group', 'security_groups', CREATE)
    groups = common.run(security_groups.create_security_groups, call.ctx, items)
    if bulk:
        return common.show_many(call, 'security_groups', views.security_group, groups)
    return common.show(call, 'security_group', views.security_group, groups[0], status=201)


def update(call, group_id):
    group = common.run(security_groups.update_security_group, call.ctx, group_id,
                       lambda: common.resource(call, 'security_group', UPDATE))
    return common.show(call, 'security_group', views.security_group, group)


def delete(call, group_id):
    common.run(security_groups.delete_security_group, call.ctx, group_id)
    return responses.no_content()
