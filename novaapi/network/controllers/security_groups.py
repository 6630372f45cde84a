"""``/v2.0/security-groups``: list with filters, show (each project's ``default`` group)."""

from novaapi.network import security_groups
from novaapi.network import views
from novaapi.network.controllers import common

FILTERS = {'id': 'id', 'name': 'name', 'project_id': 'project_id', 'tenant_id': 'project_id'}


def index(call):
    found = common.filters(call, FILTERS)
    groups = common.run(security_groups.list_security_groups, call.ctx, found)
    return common.listing(call, 'security_groups', views.security_group, groups)


def show(call, group_id):
    group = common.run(security_groups.get_security_group, call.ctx, group_id)
    return common.show(call, 'security_group', views.security_group, group)
