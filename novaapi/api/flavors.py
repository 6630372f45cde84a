"""Flavors, their extra specs and their project access lists."""

import uuid

from novaapi.api import common
from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.schemas import server_sub
from novaapi.api.schemas import flavors as schema
from novaapi.api.views import flavors as views
from novaapi.compute import flavors
from novaapi.compute import policy
from novaapi import exception


def _int_filter(req, name):
    raw = req.GET.get(name)
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        raise exception.Invalid('Invalid %s filter [%s]' % (name, raw)) from None


def _is_public_filter(req):
    """Admins choose (default public; ``none`` means all); others always get public + shared."""
    if not req.context.is_admin:
        return True
    raw = req.GET.get('is_public')
    if raw is None:
        return True
    if raw.lower() == 'none':
        return None
    return common.parse_bool(raw, 'is_public')


def _list(req, view, **view_kwargs):
    limit, marker = common.limit_and_marker(req)
    rows = flavors.list_flavors(req.context, is_public=_is_public_filter(req),
                                min_ram=_int_filter(req, 'minRam'),
                                min_disk=_int_filter(req, 'minDisk'),
                                name=req.GET.get('name') if req.is_version('2.102') else None,
                                sort_key=req.GET.get('sort_key', 'flavorid'),
                                sort_dir=req.GET.get('sort_dir', 'asc'), limit=limit,
                                marker=marker)
    return views.index(req, rows, view, **view_kwargs)


def _show_extra_specs(req):
    return policy.check(req.context, 'os-flavor-extra-specs:index')


class FlavorsController(wsgi.Controller):

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.index_query)
    def index(self, req):
        return _list(req, views.basic)

    @wsgi.expected_errors(400)
    @validation.query_schema(schema.index_query)
    def detail(self, req):
        return _list(req, views.detail, include_extra_specs=_show_extra_specs(req))

    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def show(self, req, id):
        flavor = flavors.show_flavor(req.context, id)
        return {'flavor': views.detail(req, flavor, _show_extra_specs(req))}

    @wsgi.expected_errors((400, 409))
    @validation.schema(schema.create)
    def create(self, req, body):
        policy.authorize(req.context, 'os-flavor-manage:create', target={})
        spec = body['flavor']
        flavorid = spec.get('id')
        values = {
            'flavorid': str(flavorid) if flavorid is not None else str(uuid.uuid4()),
            'name': spec['name'],
            'memory_mb': int(spec['ram']),
            'vcpus': int(spec['vcpus']),
            'root_gb': int(spec['disk']),
            'ephemeral_gb': int(spec.get('OS-FLV-EXT-DATA:ephemeral', 0)),
            'swap': int(spec.get('swap', 0)),
            'rxtx_factor': float(spec.get('rxtx_factor', 1.0)),
            'is_public': common.parse_bool(spec.get('os-flavor-access:is_public', True),
                                           'os-flavor-access:is_public'),
            'description': spec.get('description'),
        }
        return {'flavor': views.detail(req, flavors.create_flavor(req.context, values))}

    @wsgi.api_version('2.55')
    @wsgi.expected_errors((400, 404))
    @validation.schema(schema.update)
    def update(self, req, id, body):
        policy.authorize(req.context, 'os-flavor-manage:update', target={})
        flavor = flavors.update_flavor(req.context, id, body['flavor']['description'])
        return {'flavor': views.detail(req, flavor)}

    @wsgi.response(202)
    @wsgi.expected_errors(404)
    def delete(self, req, id):
        policy.authorize(req.context, 'os-flavor-manage:delete', target={})
        flavors.delete_flavor(req.context, id)

    @wsgi.action('addTenantAccess')
    @wsgi.expected_errors((400, 403, 404, 409))
    @validation.schema(schema.add_tenant_access)
    def add_tenant_access(self, req, id, body):
        policy.authorize(req.context, 'os-flavor-access:add_tenant_access', target={})
        return views.access(*flavors.add_tenant_access(req.context, id,
                                                       body['addTenantAccess']['tenant']))

    @wsgi.action('removeTenantAccess')
    @wsgi.expected_errors((400, 403, 404, 409))
    @validation.schema(schema.remove_tenant_access)
    def remove_tenant_access(self, req, id, body):
        policy.authorize(req.context, 'os-flavor-access:remove_tenant_access', target={})
        return views.access(*flavors.remove_tenant_access(req.context, id,
                                                          body['removeTenantAccess']['tenant']))


class FlavorAccessController(wsgi.Controller):

    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req, flavor_id):
        policy.authorize(req.context, 'os-flavor-access', target={})
        return views.access(*flavors.list_tenant_access(req.context, flavor_id))


class FlavorExtraSpecsController(wsgi.Controller):

    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def index(self, req, flavor_id):
        policy.authorize(req.context, 'os-flavor-extra-specs:index')
        return {'extra_specs': flavors.show_extra_specs(req.context, flavor_id)}

    @wsgi.expected_errors(404)
    @validation.query_schema(server_sub.NO_QUERY)
    def show(self, req, flavor_id, id):
        policy.authorize(req.context, 'os-flavor-extra-specs:show')
        specs = flavors.show_extra_specs(req.context, flavor_id)
        if id not in specs:
            raise exception.FlavorExtraSpecsNotFound(flavor_id=flavor_id, extra_specs_key=id)
        return {id: specs[id]}

    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.extra_specs_create)
    def create(self, req, flavor_id, body):
        policy.authorize(req.context, 'os-flavor-extra-specs:create', target={})
        specs = {key: str(value) for key, value in body['extra_specs'].items()}
        flavors.update_extra_specs(req.context, flavor_id, specs, validate=req.is_version('2.86'))
        return body

    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.extra_specs_update)
    def update(self, req, flavor_id, id, body):
        policy.authorize(req.context, 'os-flavor-extra-specs:update', target={})
        specs = {key: str(value) for key, value in body.items()}
        flavors.update_extra_specs(req.context, flavor_id, specs, validate=req.is_version('2.86'),
                                   key=id)
        return body

    @wsgi.expected_errors(404)
    def delete(self, req, flavor_id, id):
        policy.authorize(req.context, 'os-flavor-extra-specs:delete', target={})
        flavors.remove_extra_spec(req.context, flavor_id, id)
