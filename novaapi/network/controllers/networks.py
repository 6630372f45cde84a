"""``/v2.0/networks``: list with filters, show, create."""

from novaapi.network import networks
from novaapi.network import views
from novaapi.network.controllers import common

WRITABLE = ('name', 'admin_state_up', 'shared', 'router:external', 'mtu', 'description',
            'project_id', 'tenant_id')


def index(call):
    rows = common.run(networks.list_networks, call.ctx)
    return common.collection(call, 'networks', views.network, rows)


def show(call, network_id):
    network = common.run(networks.get_network, call.ctx, network_id)
    return common.show(call, 'network', views.network, network)


def create(call):
    item = common.resource(call, 'network', WRITABLE)
    network = common.run(networks.create_network, call.ctx, item)
    return common.show(call, 'network', views.network, network, status=201)
