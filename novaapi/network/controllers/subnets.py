"""``/v2.0/subnets``: list with filters, show."""

from novaapi.network import subnets
from novaapi.network import views
from novaapi.network.controllers import common

FILTERS = {'id': 'id', 'name': 'name', 'network_id': 'network_id', 'cidr': 'cidr',
           'project_id': 'project_id', 'tenant_id': 'project_id', 'gateway_ip': 'gateway_ip'}


def index(call):
    found = common.filters(call, FILTERS)
    return common.listing(call, 'subnets', views.subnet,
                          common.run(subnets.list_subnets, call.ctx, found))


def show(call, subnet_id):
    subnet = common.run(subnets.get_subnet, call.ctx, subnet_id)
    return common.show(call, 'subnet', views.subnet, subnet)
