"""``/v2.0/subnets``: list, show, create, update, delete."""

from novaapi.network import subnets
from novaapi.network import views
from novaapi.network.controllers import common
from novaapi.web import responses

CREATE = ('name', 'network_id', 'cidr', 'ip_version', 'gateway_ip', 'allocation_pools',
          'dns_nameservers', 'host_routes', 'enable_dhcp', 'ipv6_ra_mode', 'ipv6_address_mode',
          'description', 'project_id', 'tenant_id', 'tags', 'subnetpool_id', 'prefixlen',
          'use_default_subnetpool', 'service_types', 'segment_id')
UPDATE = ('name', 'gateway_ip', 'dns_nameservers', 'host_routes', 'enable_dhcp', 'description')


def index(call):
    rows = common.run(subnets.list_subnets, call.ctx)
    return common.collection(call, 'subnets', views.subnet, rows)


def show(call, subnet_id):
    subnet = common.run(subnets.get_subnet, call.ctx, subnet_id)
    return common.show(call, 'subnet', views.subnet, subnet)


def create(call):
    item = common.resource(call, 'subnet', CREATE)
    subnet = common.run(subnets.create_subnet, call.ctx, item)
    return common.show(call, 'subnet', views.subnet, subnet, status=201)


def update(call, subnet_id):
    subnet = common.run(subnets.update_subnet, call.ctx, subnet_id,
                        lambda: common.resource(call, 'subnet', UPDATE))
    return common.show(call, 'subnet', views.subnet, subnet)


def delete(call, subnet_id):
    common.run(subnets.delete_subnet, call.ctx, subnet_id)
    return responses.no_content()
