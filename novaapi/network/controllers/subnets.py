"""``/v2.0/subnets``: list with filters, show."""

from novaapi.network import subnets
from novaapi.network import views
from novaapi.network.controllers import common



def index(call):
    rows = common.run(subnets.list_subnets, call.ctx)
    return common.collection(call, 'subnets', views.subnet, rows)


def show(call, subnet_id):
    subnet = common.run(subnets.get_subnet, call.ctx, subnet_id)
    return common.show(call, 'subnet', views.subnet, subnet)
