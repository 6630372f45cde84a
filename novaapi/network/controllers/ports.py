"""``/v2.0/ports``: list, show, create, update, delete."""

from novaapi.network import ports
from novaapi.network import views
from novaapi.web import responses
from novaapi.network.controllers import common

CREATE = ('network_id', 'name', 'device_id', 'device_owner', 'fixed_ips', 'admin_state_up',
          'mac_address', 'description', 'project_id', 'tenant_id', 'security_groups',
          'port_security_enabled', 'allowed_address_pairs', 'binding:host_id',
          'binding:vnic_type', 'binding:profile', 'tags', 'dns_name', 'extra_dhcp_opts')
UPDATE = ('name', 'device_id', 'device_owner', 'fixed_ips', 'admin_state_up', 'description',
          'security_groups', 'port_security_enabled', 'allowed_address_pairs',
          'binding:host_id', 'binding:vnic_type', 'binding:profile')


def index(call):
    rows = common.run(ports.list_ports, call.ctx)
    return common.collection(call, 'ports', views.port, rows)


def show(call, port_id):
    return common.show(call, 'port', views.port, common.run(ports.get_port, call.ctx, port_id))


def create(call):
    item = common.resource(call, 'port', CREATE)
    if 'network_id' not in item:
        raise common.bad_request("Failed to parse request. Required attribute 'network_id' "
                                 "not specified")
    port = common.run(ports.create_port, call.ctx, item.pop('network_id'), item)
    return common.show(call, 'port', views.port, port, status=201)


def update(call, port_id):
    port = common.run(ports.update_port, call.ctx, port_id,
                      lambda: common.resource(call, 'port', UPDATE))
    return common.show(call, 'port', views.port, port)


def delete(call, port_id):
    common.run(ports.delete_port, call.ctx, port_id)
    return responses.no_content()
