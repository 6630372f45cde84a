"""The network endpoint's one flat route table, top to bottom: every path, its methods, its handler.

Handlers are ``handler(call, **url_vars)`` (a :class:`novaapi.web.app.Call`);
the root is answered before routing (:mod:`novaapi.network.app`).
"""

from novaapi.network.controllers import auto_allocated_topology
from novaapi.network.controllers import extensions
from novaapi.network.controllers import floatingips
from novaapi.network.controllers import networks
from novaapi.network.controllers import ports
from novaapi.network.controllers import quotas
from novaapi.network.controllers import resources
from novaapi.network.controllers import routers
from novaapi.network.controllers import security_group_rules
from novaapi.network.controllers import security_groups
from novaapi.network.controllers import subnets
from novaapi.network.controllers import tags

ROUTES = [
    ('/v2.0', {'GET': resources.index}),
    ('/v2.0/networks', {'GET': networks.index, 'POST': networks.create}),
    ('/v2.0/networks/{network_id}', {'GET': networks.show, 'PUT': networks.update,
                                     'DELETE': networks.delete}),
    ('/v2.0/subnets', {'GET': subnets.index, 'POST': subnets.create}),
    ('/v2.0/subnets/{subnet_id}', {'GET': subnets.show, 'PUT': subnets.update,
                                   'DELETE': subnets.delete}),
    ('/v2.0/ports', {'GET': ports.index, 'POST': ports.create}),
    ('/v2.0/ports/{port_id}', {'GET': ports.show, 'PUT': ports.update, 'DELETE': ports.delete}),
    ('/v2.0/security-groups', {'GET': security_groups.index, 'POST': security_groups.create}),
    ('/v2.0/security-groups/{group_id}', {'GET': security_groups.show,
                                          'PUT': security_groups.update,
                                          'DELETE': security_groups.delete}),
    ('/v2.0/security-group-rules', {'GET': security_group_rules.index,
                                    'POST': security_group_rules.create}),
    ('/v2.0/security-group-rules/{rule_id}', {'GET': security_group_rules.show,
                                              'DELETE': security_group_rules.delete}),
    ('/v2.0/routers', {'GET': routers.index, 'POST': routers.create}),
    ('/v2.0/routers/{router_id}', {'GET': routers.show, 'PUT': routers.update,
                                   'DELETE': routers.delete}),
    ('/v2.0/routers/{router_id}/add_router_interface', {'PUT': routers.add_interface}),
    ('/v2.0/routers/{router_id}/remove_router_interface', {'PUT': routers.remove_interface}),
    ('/v2.0/routers/{router_id}/add_extraroutes', {'PUT': routers.add_extraroutes}),
    ('/v2.0/routers/{router_id}/remove_extraroutes', {'PUT': routers.remove_extraroutes}),
    ('/v2.0/floatingips', {'GET': floatingips.index, 'POST': floatingips.create}),
    ('/v2.0/floatingip_pools', {'GET': floatingips.pools}),
    ('/v2.0/floatingips/{floatingip_id}', {'GET': floatingips.show, 'PUT': floatingips.update,
                                           'DELETE': floatingips.delete}),
    ('/v2.0/auto-allocated-topology/{project_id}', {'GET': auto_allocated_topology.show,
                                                    'DELETE': auto_allocated_topology.delete}),
    ('/v2.0/quotas', {'GET': quotas.index}),
    ('/v2.0/quotas/project', {'GET': quotas.own_project}),
    ('/v2.0/quotas/tenant', {'GET': quotas.own_tenant}),
    ('/v2.0/quotas/{project_id}', {'GET': quotas.show, 'PUT': quotas.update,
                                   'DELETE': quotas.delete}),
    ('/v2.0/quotas/{project_id}/default', {'GET': quotas.defaults}),
    ('/v2.0/quotas/{project_id}/details', {'GET': quotas.details}),
    ('/v2.0/extensions', {'GET': extensions.index}),
    ('/v2.0/extensions/{alias}', {'GET': extensions.show}),
    # the tags of any tagged resource (networks, subnets, ports, routers, floatingips,
    # security-groups): last, after every collection's own paths
    ('/v2.0/{collection}/{resource_id}/tags', {'GET': tags.index, 'PUT': tags.update_all,
                                               'DELETE': tags.delete_all}),
    ('/v2.0/{collection}/{resource_id}/tags/{tag}', {'GET': tags.show, 'PUT': tags.update,
                                                     'DELETE': tags.delete}),
]
