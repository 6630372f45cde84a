"""``/v2.0/networks``: list, show, create, update, delete."""

from novaapi.network import networks
from novaapi.network import views
from novaapi.network.controllers import common
from novaapi.web import responses

WRITABLE = ('name', 'admin_state_up', 'shared', 'router:external', 'mtu', 'description',
            'project_id', 'tenant_id', 'is_default', 'port_security_enabled', 'tags',
            'availability_zone_hints')
UPDATE = ('name', 'admin_state_up', 'shared', 'router:external', 'mtu', 'description',
          'is_default', 'port_security_enabled')


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


def update(call, network_id):
    network = common.run(networks.update_network, call.ctx, network_id,
                         lambda: common.resource(call, 'network', UPDATE))
    return common.show(call, 'network', views.network, network)


def delete(call, network_id):
    common.run(networks.delete_network, call.ctx, network_id)
    return responses.no_content()
