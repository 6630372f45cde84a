"""``/v3/services``"""

import functools

from novaapi.identity import catalog
from novaapi.identity import policy
from novaapi.identity import schemas
from novaapi.identity import views
from novaapi.identity import wsgi


def list_services(call):
    policy.enforce(call.token, 'identity:list_services')
    return wsgi.listing(call, 'services', views.service, catalog.list_services(dict(call.params)))


def create_service(call):
    policy.enforce(call.token, 'identity:create_service')
    row = catalog.create_service(schemas.entity_body(call, 'service', schemas.service_create))
    return wsgi.show(call, 'service', views.service, row, status=201)


def get_service(call, service_id):
    policy.enforce(call.token, 'identity:get_service')
    return wsgi.show(call, 'service', views.service, catalog.get_service(service_id))


def update_service(call, service_id):
    policy.enforce(call.token, 'identity:update_service')
    row = catalog.update_service(service_id, functools.partial(
        schemas.entity_body, call, 'service', schemas.service_update))
    return wsgi.show(call, 'service', views.service, row)


def delete_service(call, service_id):
    policy.enforce(call.token, 'identity:delete_service')
    catalog.delete_service(service_id)
    return wsgi.no_content()
