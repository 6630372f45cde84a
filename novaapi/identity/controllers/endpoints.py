"""``/v3/endpoints``"""

import functools

from novaapi.identity import catalog
from novaapi.identity import policy
from novaapi.identity import schemas
from novaapi.identity import views
from novaapi.identity import wsgi


def list_endpoints(call):
    policy.enforce(call.token, 'identity:list_endpoints')
    rows = catalog.list_endpoints(dict(call.params))
    return wsgi.listing(call, 'endpoints', views.endpoint, rows)


def create_endpoint(call):
    policy.enforce(call.token, 'identity:create_endpoint')
    row = catalog.create_endpoint(schemas.entity_body(call, 'endpoint', schemas.endpoint_create))
    return wsgi.show(call, 'endpoint', views.endpoint, row, status=201)


def get_endpoint(call, endpoint_id):
    policy.enforce(call.token, 'identity:get_endpoint')
    return wsgi.show(call, 'endpoint', views.endpoint, catalog.get_endpoint(endpoint_id))


def update_endpoint(call, endpoint_id):
    policy.enforce(call.token, 'identity:update_endpoint')
    row = catalog.update_endpoint(endpoint_id, functools.partial(
        schemas.entity_body, call, 'endpoint', schemas.endpoint_update))
    return wsgi.show(call, 'endpoint', views.endpoint, row)


def delete_endpoint(call, endpoint_id):
    policy.enforce(call.token, 'identity:delete_endpoint')
    catalog.delete_endpoint(endpoint_id)
    return wsgi.no_content()
