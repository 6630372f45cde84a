"""The network endpoint's one flat route table, top to bottom: every path, its methods, its handler.

Handlers are ``handler(call, **url_vars)`` (a :class:`novaapi.web.app.Call`);
the root is answered before routing (:mod:`novaapi.network.app`).
"""

from novaapi.network.controllers import extensions
from novaapi.network.controllers import networks
from novaapi.network.controllers import ports
from novaapi.network.controllers import security_groups
from novaapi.network.controllers import subnets

ROUTES = [
    ('/v2.0/networks', {'GET': networks.index, 'POST': networks.create}),
    ('/v2.0/networks/{network_id}', {'GET': networks.show}),
    ('/v2.0/subnets', {'GET': subnets.index}),
    ('/v2.0/subnets/{subnet_id}', {'GET': subnets.show}),
    ('/v2.0/ports', {'GET': ports.index, 'POST': ports.create}),
    ('/v2.0/ports/{port_id}', {'GET': ports.show, 'PUT': ports.update, 'DELETE': ports.delete}),
    ('/v2.0/security-groups', {'GET': security_groups.index}),
    ('/v2.0/security-groups/{group_id}', {'GET': security_groups.show}),
    ('/v2.0/extensions', {'GET': extensions.index}),
]
