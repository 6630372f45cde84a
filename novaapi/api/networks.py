"""Nova's proxies over the network service's networks (2.1-2.35): ``os-networks``
and ``os-tenant-networks`` (both 410 for what only nova-network did)."""

from novaapi.api import validation
from novaapi.api import wsgi
from novaapi.api.views import networks as views
from novaapi.compute import policy
from novaapi.compute.subresources import networks

MAX_PROXY = '2.35'
ANY_QUERY = {}


def _project(req):
    return {'project_id': req.context.project_id}


class NetworkController(wsgi.Controller):

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(())
    @validation.query_schema(ANY_QUERY)
    def index(self, req):
        policy.authorize(req.context, 'os-networks:list', target=_project(req))
        return {'networks': [views.network(net, req.context.is_admin)
                             for net in networks.list_networks(req.context)]}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(404)
    @validation.query_schema(ANY_QUERY)
    def show(self, req, id):
        policy.authorize(req.context, 'os-networks:show', target=_project(req))
        return {'network': views.network(networks.show_network(req.context, id),
                                         req.context.is_admin)}


class TenantNetworkController(wsgi.Controller):

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(())
    @validation.query_schema(ANY_QUERY)
    def index(self, req):
        policy.authorize(req.context, 'os-tenant-networks:list', target=_project(req))
        return {'networks': [views.tenant_network(net)
                             for net in networks.list_networks(req.context)]}

    @wsgi.api_version('2.1', MAX_PROXY)
    @wsgi.expected_errors(404)
    @validation.query_schema(ANY_QUERY)
    def show(self, req, id):
        policy.authorize(req.context, 'os-tenant-networks:show', target=_project(req))
        return {'network': views.tenant_network(networks.show_network(req.context, id))}
