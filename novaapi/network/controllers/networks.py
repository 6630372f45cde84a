"""``/v2.0/networks``: list with filters, show, create."""

from novaapi.network import networks
from novaapi.network import views
from novaapi.network.controllers import common

WRITABLE = ('name', 'admin_state_up', 'shared', 'router:external', 'mtu', 'description',
            'project_id', 'tenant_id')
FILTERS = {'id': 'id', 'name': 'name', 'shared': 'shared', 'project_id': 'project_id',
           'tenant_id': 'project_id', 'router:external': 'external'}


def index(call):
    found = common.filters(call, FILTERS, booleans=('shared', 'router:external'))
    return common.listing(call, 'networks', views.network,
                          common.run(networks.list_networks, call.ctx, found))


def show(call, network_id):
    network = common.run(networks.get_network, call.ctx, network_id)
    return common.show(call, 'network', views.network, network)


def create(call):
    item = common.resource(call, 'network', WRITABLE)
    network = common.run(networks.create_network, call.ctx, item)
    return common.show(call, 'network', views.network, network, status=201)
