"""The compute API's one flat route table and the router built from it.

Every path is registered twice, as Nova does: with a ``/{project_id}`` prefix
(hex and dashes only) and without.  ``ROUTE_LIST`` order matters where a
literal segment could be read as an id: ``/flavors/detail`` precedes
``/flavors/{id}``.
"""

import functools

import routes
import webob.dec
import webob.exc

from novaapi.api import flavors
from novaapi.api import gone
from novaapi.api import versions
from novaapi.api import wsgi


def _controllers():
    """Controller name -> factory; resources add themselves here."""
    return {
        'versions': versions.VersionsController,
        'flavors': flavors.FlavorsController,
        'flavor_extra_specs': flavors.FlavorExtraSpecsController,
        'flavor_access': flavors.FlavorAccessController,
        'gone': gone.GoneController,
    }


ROUTE_LIST = [
    ('/', {'GET': ('versions', 'show')}),
    ('/flavors', {'GET': ('flavors', 'index'), 'POST': ('flavors', 'create')}),
    ('/flavors/detail', {'GET': ('flavors', 'detail')}),
    ('/flavors/{id}', {'GET': ('flavors', 'show'), 'PUT': ('flavors', 'update'),
                       'DELETE': ('flavors', 'delete')}),
    ('/flavors/{id}/action', {'POST': ('flavors', 'action')}),
    ('/flavors/{flavor_id}/os-extra_specs', {'GET': ('flavor_extra_specs', 'index'),
                                             'POST': ('flavor_extra_specs', 'create')}),
    ('/flavors/{flavor_id}/os-extra_specs/{id}', {'GET': ('flavor_extra_specs', 'show'),
                                                  'PUT': ('flavor_extra_specs', 'update'),
                                                  'DELETE': ('flavor_extra_specs', 'delete')}),
    ('/flavors/{flavor_id}/os-flavor-access', {'GET': ('flavor_access', 'index')}),
] + gone.ROUTES

EXTRA_ROUTES = []
"""Route lists contributed by other resource modules (``register_routes``)."""

EXTRA_CONTROLLERS = {}


def register_routes(route_list, controllers):
    """Let a resource module add its routes and controllers before the router is built."""
    EXTRA_ROUTES.extend(route_list)
    EXTRA_CONTROLLERS.update(controllers)


class APIRouter:
    """Matches a path to a controller method; no match is webob's plain 404, as in Nova."""

    def __init__(self, route_list, controllers):
        self.mapper = routes.Mapper()
        resources = {name: wsgi.Resource(factory()) for name, factory in controllers.items()}
        for path, methods in route_list:
            for method, (controller, action) in methods.items():
                resource = resources[controller]
                for prefixed in ('/{project_id}' + path, path):
                    self.mapper.connect(prefixed, controller=resource, action=action,
                                        conditions={'method': [method]},
                                        requirements={'project_id': '[0-9a-f-]+'})

    @webob.dec.wsgify
    def __call__(self, req):
        match = self.mapper.match(environ=req.environ)
        if match is None:
            return webob.exc.HTTPNotFound()
        controller = match.pop('controller')
        req.environ['wsgiorg.routing_args'] = ((), match)
        return req.get_response(controller)

    @classmethod
    def factory(cls, global_conf, **local_conf):
        return build_router()


@functools.lru_cache(maxsize=1)
def build_router():
    from novaapi.api import resources  # noqa: F401 - registers the resource modules
    controllers = dict(_controllers(), **EXTRA_CONTROLLERS)
    return APIRouter(ROUTE_LIST + EXTRA_ROUTES, controllers)
