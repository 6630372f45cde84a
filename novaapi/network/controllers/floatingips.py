"""``/v2.0/floatingips``: list, show, create (allocate), update (associate), delete."""

from novaapi.network import floatingips
from novaapi.network import views
from novaapi.network.controllers import common
from novaapi.web import responses

CREATE = ('floating_network_id', 'floating_ip_address', 'subnet_id', 'port_id',
          'fixed_ip_address', 'description', 'project_id', 'tenant_id', 'tags')
UPDATE = ('port_id', 'fixed_ip_address', 'description')


def index(call):
    rows = common.run(floatingips.list_floatingips, call.ctx)
    return common.collection(call, 'floatingips', views.floating_ip, rows)


def show(call, floatingip_id):
    return common.show(call, 'floatingip', views.floating_ip,
                       common.run(floatingips.get_floatingip, call.ctx, floatingip_id))


def create(call):
    item = common.resource(call, 'floatingip', CREATE)
    fip = common.run(floatingips.create_floatingip, call.ctx, item)
    return common.show(call, 'floatingip', views.floating_ip, fip, status=201)


def update(call, floatingip_id):
    fip = common.run(floatingips.update_floatingip, call.ctx, floatingip_id,
                     lambda: common.resource(call, 'floatingip', UPDATE))
    return common.show(call, 'floatingip', views.floating_ip, fip)


def delete(call, floatingip_id):
    common.run(floatingips.delete_floatingip, call.ctx, floatingip_id)
    return responses.no_content()


def _pool(item):
    subnet, project_id = item
    return {'subnet_id': subnet.id, 'subnet_name': subnet.name, 'network_id': subnet.network_id,
            'cidr': subnet.cidr, 'project_id': project_id}


def pools(call):
    """``GET /v2.0/floatingip_pools``: where floating IPs can come from."""
    found = common.run(floatingips.list_pools, call.ctx)
    return common.collection(call, 'floatingip_pools', _pool, found)
