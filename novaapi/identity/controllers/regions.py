"""``/v3/regions``"""

import functools

from novaapi.identity import catalog
from novaapi.identity import policy
from novaapi.identity import schemas
from novaapi.identity import views
from novaapi.identity import wsgi


def list_regions(call):
    policy.enforce(call.token, 'identity:list_regions')
    return wsgi.listing(call, 'regions', views.region, catalog.list_regions(dict(call.params)))


def create_region(call):
    policy.enforce(call.token, 'identity:create_region')
    row = catalog.create_region(schemas.entity_body(call, 'region', schemas.region_create))
    return wsgi.show(call, 'region', views.region, row, status=201)


def get_region(call, region_id):
    policy.enforce(call.token, 'identity:get_region')
    return wsgi.show(call, 'region', views.region, catalog.get_region(region_id))


def update_region(call, region_id):
    policy.enforce(call.token, 'identity:update_region')
    row = catalog.update_region(region_id, functools.partial(
        schemas.entity_body, call, 'region', schemas.region_update))
    return wsgi.show(call, 'region', views.region, row)


def delete_region(call, region_id):
    policy.enforce(call.token, 'identity:delete_region')
    catalog.delete_region(region_id)
    return wsgi.no_content()
