"""``/v2.0/routers``: list, show, create, update, delete; add and remove interfaces and routes."""

from novaapi.network import routers
from novaapi.network import views
from novaapi.network.controllers import common
from novaapi.web import responses

CREATE = ('name', 'admin_state_up', 'description', 'external_gateway_info', 'project_id',
          'tenant_id', 'tags')
UPDATE = ('name', 'admin_state_up', 'description', 'external_gateway_info', 'routes')


def index(call):
    rows = common.run(routers.list_routers, call.ctx)
    return common.collection(call, 'routers', views.router, rows)


def show(call, router_id):
    return common.show(call, 'router', views.router,
                       common.run(routers.get_router, call.ctx, router_id))


def create(call):
    item = common.resource(call, 'router', CREATE)
    router = common.run(routers.create_router, call.ctx, item)
    return common.show(call, 'router', views.router, router, status=201)


def update(call, router_id):
    router = common.run(routers.update_router, call.ctx, router_id,
                        lambda: common.resource(call, 'router', UPDATE))
    return common.show(call, 'router', views.router, router)


def delete(call, router_id):
    common.run(routers.delete_router, call.ctx, router_id)
    return responses.no_content()


def add_interface(call, router_id):
    info = common.run(routers.add_interface, call.ctx, router_id, call.body(common.bad_request))
    return responses.json_response(info)


def remove_interface(call, router_id):
    info = common.run(routers.remove_interface, call.ctx, router_id,
                      call.body(common.bad_request))
    return responses.json_response(info)


def _routes(call):
    return common.resource(call, 'router', ('routes',)).get('routes', [])


def add_extraroutes(call, router_id):
    router = common.run(routers.change_routes, call.ctx, router_id, lambda: _routes(call), True)
    return common.show(call, 'router', views.router, router)


def remove_extraroutes(call, router_id):
    router = common.run(routers.change_routes, call.ctx, router_id, lambda: _routes(call), False)
    return common.show(call, 'router', views.router, router)
