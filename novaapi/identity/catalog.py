"""The service catalog: services, their endpoints and the regions endpoints live in."""

import sqlalchemy as sa

from novaapi.db import base
from novaapi.identity import errors
from novaapi.identity import models
from novaapi.identity import store

SERVICE_FILTERS = ('type', 'name')
ENDPOINT_FILTERS = ('service_id', 'interface', 'region_id')
REGION_FILTERS = ('parent_region_id',)


def token_catalog(token):
    """``(services, endpoints)``, enabled ones only, for a project-scoped token.

    :raises errors.Forbidden: the token is not scoped to a project
    """
    if not token.project_id:
        raise errors.Forbidden()
    with store.transaction() as sess:
        return store.catalog_rows(sess)


# -- services --------------------------------------------------------------------------------

def list_services(query):
    with store.transaction() as sess:
        return store.listing(sess, models.Service, query, SERVICE_FILTERS, order_by='type')


def create_service(ref):
    with store.transaction() as sess:
        row = models.Service(type=ref['type'], name=ref.get('name') or '',
                             description=ref.get('description'),
                             enabled=ref.get('enabled', True))
        sess.add(row)
        sess.flush()
    return row


def get_service(service_id):
    with store.transaction() as sess:
        return store.get(sess, models.Service, service_id)


def update_service(service_id, read_ref):
    """Update a service with the fields ``read_ref()`` returns (called once it is found)."""
    with store.transaction() as sess:
        row = store.get(sess, models.Service, service_id)
        store.apply(row, read_ref(), ('type', 'name', 'description', 'enabled'))
    return row


def delete_service(service_id):
    """Delete a service and its endpoints."""
    with store.transaction() as sess:
        row = store.get(sess, models.Service, service_id)
        sess.execute(sa.delete(models.Endpoint).where(models.Endpoint.service_id == service_id))
        sess.delete(row)


# -- endpoints -------------------------------------------------------------------------------

def _endpoint_region(sess, ref):
    """Keystone accepts the legacy ``region`` key and creates unknown regions on the fly."""
    region_id = ref.get('region_id') or ref.get('region')
    if region_id and sess.get(models.Region, region_id) is None:
        sess.add(models.Region(id=region_id, description=''))
    return region_id


def list_endpoints(query):
    with store.transaction() as sess:
        return store.listing(sess, models.Endpoint, query, ENDPOINT_FILTERS,
                             order_by='service_id')


def create_endpoint(ref):
    """Create an endpoint of an existing service (its region created when unknown)."""
    with store.transaction() as sess:
        store.get(sess, models.Service, ref['service_id'])
        row = models.Endpoint(service_id=ref['service_id'], interface=ref['interface'],
                              url=ref['url'], region_id=_endpoint_region(sess, ref),
                              enabled=ref.get('enabled', True))
        sess.add(row)
        sess.flush()
    return row


def get_endpoint(endpoint_id):
    with store.transaction() as sess:
        return store.get(sess, models.Endpoint, endpoint_id)


def update_endpoint(endpoint_id, read_ref):
    """Update an endpoint with the fields ``read_ref()`` returns (called once it is found)."""
    with store.transaction() as sess:
        row = store.get(sess, models.Endpoint, endpoint_id)
        ref = read_ref()
        if 'service_id' in ref:
            store.get(sess, models.Service, ref['service_id'])
        if 'region_id' in ref or 'region' in ref:
            row.region_id = _endpoint_region(sess, ref)
        store.apply(row, ref, ('service_id', 'interface', 'url', 'enabled'))
    return row


def delete_endpoint(endpoint_id):
    with store.transaction() as sess:
        sess.delete(store.get(sess, models.Endpoint, endpoint_id))


# -- regions ---------------------------------------------------------------------------------

def list_regions(query):
    with store.transaction() as sess:
        return store.listing(sess, models.Region, query, REGION_FILTERS, order_by='id')


def create_region(ref):
    """Create a region under an optional existing parent; 409 on a taken id."""
    with store.transaction() as sess:
        region_id = ref.get('id') or base.new_hex_id()
        if sess.get(models.Region, region_id) is not None:
            raise errors.Conflict('Conflict occurred attempting to store region - '
                                  'Duplicate ID, %s.' % region_id)
        if ref.get('parent_region_id'):
            store.get(sess, models.Region, ref['parent_region_id'])
        row = models.Region(id=region_id, description=ref.get('description') or '',
                            parent_region_id=ref.get('parent_region_id'))
        sess.add(row)
    return row


def get_region(region_id):
    with store.transaction() as sess:
        return store.get(sess, models.Region, region_id)


def update_region(region_id, read_ref):
    """Update a region with the fields ``read_ref()`` returns (called once it is found)."""
    with store.transaction() as sess:
        row = store.get(sess, models.Region, region_id)
        ref = read_ref()
        if ref.get('parent_region_id'):
            store.get(sess, models.Region, ref['parent_region_id'])
        store.apply(row, ref, ('description', 'parent_region_id'))
    return row


def delete_region(region_id):
    """Delete a region that has no endpoints and no child regions."""
    with store.transaction() as sess:
        row = store.get(sess, models.Region, region_id)
        if store.exists(sess, models.Endpoint, region_id=region_id) or \
                store.exists(sess, models.Region, parent_region_id=region_id):
            raise errors.Forbidden('Unable to delete region %s because it or its child regions '
                                   'have associated endpoints.' % region_id)
        sess.delete(row)
