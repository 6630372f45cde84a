"""``/v3/services``, ``/v3/endpoints`` and ``/v3/regions``."""

import sqlalchemy as sa

from novaapi.db import base
from novaapi.identity import errors
from novaapi.identity import models
from novaapi.identity import schemas
from novaapi.identity import store
from novaapi.identity import views
from novaapi.identity import wsgi


# -- services --------------------------------------------------------------------------------

def list_services(call):
    call.enforce('identity:list_services')
    rows = store.listing(call.sess, models.Service, call.params, ('type', 'name'),
                         order_by='type')
    return wsgi.listing(call, 'services', views.service, rows)


def create_service(call):
    call.enforce('identity:create_service')
    ref = schemas.entity_body(call, 'service', schemas.service_create)
    row = models.Service(type=ref['type'], name=ref.get('name') or '',
                         description=ref.get('description'), enabled=ref.get('enabled', True))
    call.sess.add(row)
    call.sess.flush()
    return wsgi.show(call, 'service', views.service, row, status=201)


def get_service(call, service_id):
    call.enforce('identity:get_service')
    return wsgi.show(call, 'service', views.service, store.get(call.sess, models.Service, service_id))


def update_service(call, service_id):
    call.enforce('identity:update_service')
    row = store.get(call.sess, models.Service, service_id)
    store.apply(row, schemas.entity_body(call, 'service', schemas.service_update),
           ('type', 'name', 'description', 'enabled'))
    return wsgi.show(call, 'service', views.service, row)


def delete_service(call, service_id):
    call.enforce('identity:delete_service')
    row = store.get(call.sess, models.Service, service_id)
    call.sess.execute(sa.delete(models.Endpoint).where(models.Endpoint.service_id == service_id))
    call.sess.delete(row)
    return wsgi.no_content()


# -- endpoints -------------------------------------------------------------------------------

def _endpoint_region(call, ref):
    """Keystone accepts the legacy ``region`` key and creates unknown regions on the fly."""
    region_id = ref.get('region_id') or ref.get('region')
    if region_id and call.sess.get(models.Region, region_id) is None:
        call.sess.add(models.Region(id=region_id, description=''))
    return region_id


def list_endpoints(call):
    call.enforce('identity:list_endpoints')
    rows = store.listing(call.sess, models.Endpoint, call.params,
                         ('service_id', 'interface', 'region_id'), order_by='service_id')
    return wsgi.listing(call, 'endpoints', views.endpoint, rows)


def create_endpoint(call):
    call.enforce('identity:create_endpoint')
    ref = schemas.entity_body(call, 'endpoint', schemas.endpoint_create)
    store.get(call.sess, models.Service, ref['service_id'])
    row = models.Endpoint(service_id=ref['service_id'], interface=ref['interface'],
                          url=ref['url'], region_id=_endpoint_region(call, ref),
                          enabled=ref.get('enabled', True))
    call.sess.add(row)
    call.sess.flush()
    return wsgi.show(call, 'endpoint', views.endpoint, row, status=201)


def get_endpoint(call, endpoint_id):
    call.enforce('identity:get_endpoint')
    return wsgi.show(call, 'endpoint', views.endpoint,
                 store.get(call.sess, models.Endpoint, endpoint_id))


def update_endpoint(call, endpoint_id):
    call.enforce('identity:update_endpoint')
    row = store.get(call.sess, models.Endpoint, endpoint_id)
    ref = schemas.entity_body(call, 'endpoint', schemas.endpoint_update)
    if 'service_id' in ref:
        store.get(call.sess, models.Service, ref['service_id'])
    if 'region_id' in ref or 'region' in ref:
        row.region_id = _endpoint_region(call, ref)
    store.apply(row, ref, ('service_id', 'interface', 'url', 'enabled'))
    return wsgi.show(call, 'endpoint', views.endpoint, row)


def delete_endpoint(call, endpoint_id):
    call.enforce('identity:delete_endpoint')
    call.sess.delete(store.get(call.sess, models.Endpoint, endpoint_id))
    return wsgi.no_content()


# -- regions ---------------------------------------------------------------------------------

def list_regions(call):
    call.enforce('identity:list_regions', allow=True)
    rows = store.listing(call.sess, models.Region, call.params, ('parent_region_id',),
                         order_by='id')
    return wsgi.listing(call, 'regions', views.region, rows)


def create_region(call):
    call.enforce('identity:create_region')
    ref = schemas.entity_body(call, 'region', schemas.region_create)
    region_id = ref.get('id') or base.new_hex_id()
    if call.sess.get(models.Region, region_id) is not None:
        raise errors.Conflict('Conflict occurred attempting to store region - '
                              'Duplicate ID, %s.' % region_id)
    if ref.get('parent_region_id'):
        store.get(call.sess, models.Region, ref['parent_region_id'])
    row = models.Region(id=region_id, description=ref.get('description') or '',
                        parent_region_id=ref.get('parent_region_id'))
    call.sess.add(row)
    return wsgi.show(call, 'region', views.region, row, status=201)


def get_region(call, region_id):
    call.enforce('identity:get_region', allow=True)
    return wsgi.show(call, 'region', views.region, store.get(call.sess, models.Region, region_id))


def update_region(call, region_id):
    call.enforce('identity:update_region')
    row = store.get(call.sess, models.Region, region_id)
    ref = schemas.entity_body(call, 'region', schemas.region_update)
    if ref.get('parent_region_id'):
        store.get(call.sess, models.Region, ref['parent_region_id'])
    store.apply(row, ref, ('description', 'parent_region_id'))
    return wsgi.show(call, 'region', views.region, row)


def delete_region(call, region_id):
    call.enforce('identity:delete_region')
    row = store.get(call.sess, models.Region, region_id)
    if store.exists(call.sess, models.Endpoint, region_id=region_id) or \
            store.exists(call.sess, models.Region, parent_region_id=region_id):
        raise errors.Forbidden('Unable to delete region %s because it or its child regions '
                               'have associated endpoints.' % region_id)
    call.sess.delete(row)
    return wsgi.no_content()


ROUTES = [
    ('/services', ['GET'], list_services),
    ('/services', ['POST'], create_service),
    ('/services/{service_id}', ['GET'], get_service),
    ('/services/{service_id}', ['PATCH'], update_service),
    ('/services/{service_id}', ['DELETE'], delete_service),
    ('/endpoints', ['GET'], list_endpoints),
    ('/endpoints', ['POST'], create_endpoint),
    ('/endpoints/{endpoint_id}', ['GET'], get_endpoint),
    ('/endpoints/{endpoint_id}', ['PATCH'], update_endpoint),
    ('/endpoints/{endpoint_id}', ['DELETE'], delete_endpoint),
    ('/regions', ['GET'], list_regions),
    ('/regions', ['POST'], create_region),
    ('/regions/{region_id}', ['GET'], get_region),
    ('/regions/{region_id}', ['PATCH'], update_region),
    ('/regions/{region_id}', ['DELETE'], delete_region),
]
