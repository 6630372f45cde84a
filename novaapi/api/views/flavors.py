"""Flavor views: pure functions of the request and the flavor row."""

from novaapi.api import common


def basic(req, flavor):
    view = {'id': flavor.flavorid, 'name': flavor.name,
            'links': common.resource_links(req, 'flavors', flavor.flavorid)}
    if req.is_version('2.55'):
        view['description'] = flavor.description
    return view


def detail(req, flavor, include_extra_specs=True):
    view = {
        'id': flavor.flavorid,
        'name': flavor.name,
        'ram': flavor.memory_mb,
        'disk': flavor.root_gb,
        'swap': flavor.swap if flavor.swap or req.is_version('2.75') else '',
        'OS-FLV-EXT-DATA:ephemeral': flavor.ephemeral_gb,
        'vcpus': flavor.vcpus,
        'os-flavor-access:is_public': flavor.is_public,
        'links': common.resource_links(req, 'flavors', flavor.flavorid),
    }
    if not req.is_version('2.102'):
        view['OS-FLV-DISABLED:disabled'] = flavor.disabled
        view['rxtx_factor'] = flavor.rxtx_factor
    if req.is_version('2.55'):
        view['description'] = flavor.description
    if req.is_version('2.61') and include_extra_specs:
        view['extra_specs'] = flavor.extra_specs_dict
    return view


def index(req, flavors, view=basic, **kwargs):
    body = {'flavors': [view(req, f, **kwargs) for f in flavors]}
    collection = 'flavors/detail' if view is detail else 'flavors'
    links = common.collection_links(req, flavors, collection, lambda f: f.flavorid)
    if links:
        body['flavors_links'] = links
    return body


def access(flavor_id, projects):
    return {'flavor_access': [{'flavor_id': flavor_id, 'tenant_id': p} for p in projects]}
