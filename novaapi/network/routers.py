"""Routers as the network endpoint serves them: gateway, interfaces, static routes, one
transaction a call.

A router's gateway and interfaces are ports whose ``device_id`` is the
router's id: the gateway port (``network:router_gateway``, owned by no
project) holds an address of the external network, each interface port
(``network:router_interface``) the gateway address of a subnet, or the
addresses of a port handed over.  Floating IPs find their router through
these ports (:func:`router_for`).
"""

import ipaddress
import uuid

import sqlalchemy as sa
from sqlalchemy import orm

from novaapi import exception
from novaapi.db import engine
from novaapi.network import converters
from novaapi.network import ipam
from novaapi.network import models
from novaapi.network import networks
from novaapi.network import policy
from novaapi.network import ports
from novaapi.network import quotas
from novaapi.network import security_groups
from novaapi.network import subnets
from novaapi.network import tags as tag_rows

MAX_ROUTES = 30
"""Neutron's ``router_route`` limit: static routes on one router."""


class RouterNotFound(exception.NotFound):
    msg_fmt = 'Router %(router_id)s could not be found'


class RouterInUse(exception.Conflict):
    msg_fmt = 'Router %(router_id)s %(reason)s'


class RouterInterfaceNotFound(exception.NotFound):
    msg_fmt = 'Router %(router_id)s does not have an interface with id %(port_id)s'


class RouterInterfaceNotFoundForSubnet(exception.NotFound):
    msg_fmt = 'Router %(router_id)s has no interface on subnet %(subnet_id)s'


class RouterInterfaceInUseByFloatingIP(exception.Conflict):
    msg_fmt = ('Router interface for subnet %(subnet_id)s on router %(router_id)s cannot be '
               'deleted, as it is required by one or more floating IPs.')


class RouterInterfaceInUseByRoute(exception.Conflict):
    msg_fmt = ('Router interface for subnet %(subnet_id)s on router %(router_id)s cannot be '
               'deleted, as it is required by one or more routes.')


class RouterExternalGatewayInUseByFloatingIp(exception.Conflict):
    msg_fmt = ('Gateway cannot be updated for router %(router_id)s, since a gateway to external '
               'network %(net_id)s is required by one or more floating IPs.')


class InvalidRoutes(exception.Invalid):
    msg_fmt = 'Invalid format for routes: %(routes)s, %(reason)s'


class PortInUse(exception.Conflict):
    msg_fmt = ('Unable to complete operation on port %(port_id)s for network %(net_id)s. Port '
               'already has an attached device %(device_id)s.')


class IpAddressInUse(exception.Conflict):
    msg_fmt = ('Unable to complete operation for network %(net_id)s. The IP address '
               '%(ip_address)s is in use.')


class SubnetMismatchForPort(exception.Invalid):
    msg_fmt = 'Subnet on port %(port_id)s does not match the requested subnet %(subnet_id)s.'


def _bad(msg):
    return converters.BadRequest(resource='router', msg=msg)


# --- helpers inside a caller's transaction -----------------------------------------------

def visible(query, ctx):
    if policy.unrestricted(ctx, 'get_router'):
        return query
    return query.where(policy.owned(models.Router.project_id, ctx))


def find(sess, ctx, router_id):
    """:raises RouterNotFound: unknown, or not visible to ``ctx``"""
    query = visible(sa.select(models.Router).where(models.Router.id == str(router_id)), ctx)
    router = sess.scalars(query).first()
    if router is None:
        raise RouterNotFound(router_id=router_id)
    return router


def find_all(sess, ctx):
    query = visible(sa.select(models.Router), ctx)
    return list(sess.scalars(query.order_by(models.Router.created_at, models.Router.id)))


def router_for(sess, subnet, external_network_id):
    """The id of a router with an interface on ``subnet`` and its gateway on the external
    network (one whose interface holds the subnet's gateway address first), or None."""
    interface, gateway = models.Port, orm.aliased(models.Port)
    ip = models.IPAllocation
    rows = sess.execute(
        sa.select(interface.device_id, ip.ip_address)
        .join(ip, ip.port_id == interface.id)
        .join(gateway, gateway.device_id == interface.device_id)
        .where(interface.device_owner == models.INTERFACE_OWNER, ip.subnet_id == subnet.id,
               gateway.device_owner == models.GATEWAY_OWNER,
               gateway.network_id == external_network_id)
        .order_by(interface.created_at, interface.id))
    found = None
    for router_id, address in rows:
        if address == subnet.gateway_ip:
            return router_id
        found = found or router_id
    return found


def _floating_ips(sess, router_id):
    return list(sess.scalars(sa.select(models.FloatingIP)
                             .where(models.FloatingIP.router_id == router_id)))


def _router_subnets(sess, router):
    """``[(port, subnet)]`` of each address of the router's ports (the gateway's network:
    all its subnets)."""
    found = []
    for port in router.ports:
        if port.device_owner == models.GATEWAY_OWNER:
            found.extend((port, s) for s in port.network.subnets)
        else:
            by_id = {s.id: s for s in port.network.subnets}
            found.extend((port, by_id[ip.subnet_id]) for ip in port.fixed_ips
                         if ip.subnet_id in by_id)
    return found


# --- routes ------------------------------------------------------------------------------

def _routes(value):
    """``[{'destination', 'nexthop'}]`` from a body, each route checked (order kept, no
    duplicates)."""
    if not isinstance(value, list):
        raise converters.InvalidInput(error_message="Invalid input for routes. Reason: '%s' "
                                      "is not a list." % (value,))
    found = []
    for route in value:
        if not isinstance(route, dict) or set(route) != {'destination', 'nexthop'}:
            raise converters.InvalidInput(error_message="Invalid input for routes. Reason: "
                                          "'%s' is not a valid route." % (route,))
        entry = {'destination': str(converters.cidr('destination', route['destination'])),
                 'nexthop': str(converters.ip('nexthop', route['nexthop']))}
        if entry in found:
            raise converters.InvalidInput(error_message="Invalid input for routes. Reason: "
                                          "Duplicate route '%s'." % (route,))
        found.append(entry)
    return found


def _check_routes(sess, router, routes):
    """:raises InvalidRoutes: a nexthop outside the router's subnets, or one of its addresses
    :raises converters.OverQuota: more routes than a router may have
    """
    if len(routes) > MAX_ROUTES:
        raise converters.OverQuota(overs="['router_route']")
    attached = _router_subnets(sess, router)
    cidrs = [ipaddress.ip_network(s.cidr) for _port, s in attached]
    own = {ip.ip_address for port in router.ports for ip in port.fixed_ips}
    for route in routes:
        nexthop = ipaddress.ip_address(route['nexthop'])
        if not any(nexthop in cidr for cidr in cidrs):
            raise InvalidRoutes(routes=routes, reason='the nexthop is not connected with router')
        if route['nexthop'] in own:
            raise InvalidRoutes(routes=routes, reason='the nexthop is used by router')


# --- the gateway -------------------------------------------------------------------------

GATEWAY_KEYS = ('network_id', 'enable_snat', 'external_fixed_ips')


def _gateway_info(ctx, value, action):
    """``None`` (no gateway) or ``{'network_id', 'enable_snat'?, 'external_fixed_ips'?}``."""
    if value is None or value == {}:
        return None
    if not isinstance(value, dict):
        raise converters.InvalidInput(error_message="Invalid input for external_gateway_info. "
                                      "Reason: '%s' is not a dictionary." % (value,))
    unknown = sorted(set(value) - set(GATEWAY_KEYS))
    if unknown or 'network_id' not in value:
        raise converters.InvalidInput(error_message="Invalid input for external_gateway_info. "
                                      "Reason: Validation of dictionary's keys failed. "
                                      "Expected keys: {'network_id'} Provided keys: %s"
                                      % sorted(value))
    info = {'network_id': converters.uuid_value('network_id', value['network_id'])}
    if 'enable_snat' in value:
        policy.authorize(ctx, '%s:external_gateway_info:enable_snat' % action)
        info['enable_snat'] = converters.boolean('enable_snat', value['enable_snat'])
    if 'external_fixed_ips' in value:
        policy.authorize(ctx, '%s:external_gateway_info:external_fixed_ips' % action)
        info['external_fixed_ips'] = converters.fixed_ips(value['external_fixed_ips'])
    return info


def _create_gateway_port(sess, ctx, router, network, fixed_ips):
    try:
        ports.insert(sess, ctx, network, dict(project_id='', name='', device_id=router.id,
                                              device_owner=models.GATEWAY_OWNER),
                     fixed_ips, group_ids=[])
    except ipam.IpAddressGenerationFailure:
        raise converters.BadRequest(resource='router', msg='No more IP addresses available on '
                                    'network %s' % network.id) from None
    except ipam.IpAddressAlreadyAllocated as err:
        raise IpAddressInUse(net_id=network.id, ip_address=err.kwargs['ip']) from None


def _set_gateway(sess, ctx, router, info):
    """Give ``router`` the gateway ``info`` (None: none), replacing the current one.

    :raises RouterExternalGatewayInUseByFloatingIp: floating IPs still need the current one
    """
    current = router.gateway_port
    if info is None:
        if current is not None:
            if _floating_ips(sess, router.id):
                raise RouterExternalGatewayInUseByFloatingIp(router_id=router.id,
                                                             net_id=current.network_id)
            ports.remove(sess, current)
        router.gw_network_id = None
        router.enable_snat = True
        sess.expire(router, ['ports'])
        return
    network = networks.find(sess, ctx, info['network_id'])
    if not network.external:
        raise _bad('Network %s is not an external network' % network.id)
    fixed_ips = info.get('external_fixed_ips')
    gateways = {s.gateway_ip for s in network.subnets if s.gateway_ip}
    for item in fixed_ips or ():
        if item.get('ip_address') in gateways:
            raise _bad('External IP %s is the same as the gateway IP' % item['ip_address'])
    changed = (current is None or current.network_id != network.id
               or (fixed_ips is not None and _differs(current, fixed_ips)))
    if changed:
        if current is not None:
            if _floating_ips(sess, router.id) and current.network_id != network.id:
                raise RouterExternalGatewayInUseByFloatingIp(router_id=router.id,
                                                             net_id=current.network_id)
            ports.remove(sess, current)
        _create_gateway_port(sess, ctx, router, network, fixed_ips or ())
    router.gw_network_id = network.id
    if 'enable_snat' in info:
        router.enable_snat = info['enable_snat']
    sess.flush()
    sess.expire(router, ['ports'])
    _check_routes(sess, router, list(router.routes or []))


def _differs(port, fixed_ips):
    have = {(ip['subnet_id'], ip['ip_address']) for ip in port.fixed_ip_list}
    for item in fixed_ips:
        if not any((item.get('subnet_id') in (None, s)) and (item.get('ip_address') in (None, a))
                   for s, a in have):
            return True
    return len(fixed_ips) != len(have)


# --- one transaction a call --------------------------------------------------------------

def _loaded(router):
    """``router`` with its ports (their addresses) and tags read, for views after commit."""
    for port in router.ports:
        port.fixed_ips  # noqa: B018 - loads the relationship
    router.tag_rows  # noqa: B018 - loads the relationship
    return router


def list_routers(ctx):
    with engine.transaction() as sess:
        return [_loaded(r) for r in find_all(sess, ctx)]


def get_router(ctx, router_id):
    """:raises RouterNotFound: unknown, or not visible to ``ctx``"""
    with engine.transaction() as sess:
        return _loaded(find(sess, ctx, router_id))


def _common_values(item):
    values = {}
    for key in ('name', 'description'):
        if key in item:
            values[key] = converters.string(key, item[key])
    if 'admin_state_up' in item:
        values['admin_state_up'] = converters.boolean('admin_state_up', item['admin_state_up'])
    return values


def insert(sess, ctx, project_id, values, info=None, tags=()):
    """Record a router of ``project_id`` (with its gateway when ``info`` says one), counted
    against the project's router quota.

    :raises converters.OverQuota: the project has all its routers
    """
    quotas.lock(sess, security_groups.default_id(sess, project_id))
    router = models.Router(id=str(uuid.uuid4()), project_id=project_id, routes=[], **values)
    sess.add(router)
    sess.flush()
    tag_rows.replace(sess, router.id, list(tags))
    if info is not None:
        _set_gateway(sess, ctx, router, info)
    quotas.enforce(sess, project_id, 'router')
    sess.expire(router, ['tag_rows', 'ports'])
    return router


def create_router(ctx, attributes):
    """A router from ``POST /v2.0/routers``'s attributes, with its gateway port if asked.

    :raises policy.PolicyNotAuthorized: another project, or a gateway's SNAT or addresses,
        asked for by a non-admin
    :raises exception.NetworkNotFound: the gateway's network is unknown or not visible
    :raises converters.BadRequest: the gateway's network is not external
    :raises converters.OverQuota: the project has all its routers
    """
    item = dict(attributes)
    project_id = policy.owner(ctx, item, 'create_router')
    policy.authorize(ctx, 'create_router', {'project_id': project_id})
    values = _common_values(item)
    info = _gateway_info(ctx, item.get('external_gateway_info'), 'create_router')
    tags = tag_rows.checked(item['tags']) if 'tags' in item else []
    with engine.transaction() as sess:
        return _loaded(insert(sess, ctx, project_id, values, info, tags))


def update_router(ctx, router_id, read_attributes):
    """Rename, redescribe, switch, set or clear the gateway of, or set the routes of a router
    (``read_attributes()`` runs once it is found).

    :raises InvalidRoutes: a route's nexthop is not on the router's subnets
    :raises RouterExternalGatewayInUseByFloatingIp: the gateway goes while floating IPs use it
    """
    with engine.transaction() as sess:
        router = find(sess, ctx, router_id)
        policy.authorize(ctx, 'update_router', {'project_id': router.project_id})
        item = dict(read_attributes())
        values = _common_values(item)
        if 'external_gateway_info' in item:
            _set_gateway(sess, ctx, router,
                         _gateway_info(ctx, item['external_gateway_info'], 'update_router'))
        if 'routes' in item:
            routes = _routes(item['routes'] or [])
            _check_routes(sess, router, routes)
            values['routes'] = routes
        for key, value in values.items():
            setattr(router, key, value)
        router.revision_number += 1
        sess.flush()
        return _loaded(router)


def change_routes(ctx, router_id, read_routes, adding):
    """``add_extraroutes`` / ``remove_extraroutes``: add (or remove) routes in one step."""
    with engine.transaction() as sess:
        router = find(sess, ctx, router_id)
        policy.authorize(ctx, 'update_router', {'project_id': router.project_id})
        given = _routes(read_routes())
        current = list(router.routes or [])
        if adding:
            routes = current + [r for r in given if r not in current]
        else:
            routes = [r for r in current if r not in given]
        _check_routes(sess, router, routes)
        router.routes = routes
        router.revision_number += 1
        sess.flush()
        return _loaded(router)


def destroy(sess, ctx, router):
    """Delete a router with its interfaces (when nothing needs them) and its gateway.

    :raises RouterInterfaceInUseByFloatingIP: a floating IP goes through an interface
    :raises RouterExternalGatewayInUseByFloatingIp: floating IPs still use the gateway
    """
    for port in router.interface_ports:
        by_id = {s.id: s for s in port.network.subnets}
        for ip in port.fixed_ips:
            if ip.subnet_id in by_id:
                _check_unused(sess, router, by_id[ip.subnet_id])
        ports.remove(sess, port)
    sess.expire(router, ['ports'])
    _set_gateway(sess, ctx, router, None)
    tag_rows.drop(sess, router.id)
    sess.delete(router)
    sess.flush()


def delete_router(ctx, router_id):
    """Delete a router and its gateway port.

    :raises RouterInUse: interfaces are still attached
    :raises RouterExternalGatewayInUseByFloatingIp: floating IPs still use it
    """
    with engine.transaction() as sess:
        router = find(sess, ctx, router_id)
        policy.authorize(ctx, 'delete_router', {'project_id': router.project_id})
        attached = router.interface_ports
        if attached:
            raise RouterInUse(router_id=router.id, reason='has ports still attached: ' +
                              ', '.join(p.id for p in attached))
        destroy(sess, ctx, router)


# --- interfaces ---------------------------------------------------------------------------

def _interface_ids(body, removing):
    """``(port_id, subnet_id)`` of an interface body; exactly one of them unless removing."""
    if not isinstance(body, dict):
        raise _bad('Either subnet_id or port_id must be specified')
    port_id, subnet_id = body.get('port_id'), body.get('subnet_id')
    if 'port_id' not in body and 'subnet_id' not in body:
        raise _bad('Either subnet_id or port_id must be specified')
    for value in [v for k, v in (('port_id', port_id), ('subnet_id', subnet_id)) if k in body]:
        try:
            converters.uuid_value('id', value)
        except converters.InvalidInput:
            raise _bad("'%s' is not a valid UUID" % (value,)) from None
    if not removing and 'port_id' in body and 'subnet_id' in body:
        raise _bad('Cannot specify both subnet-id and port-id')
    return port_id, subnet_id


def _check_new_subnets(sess, router, new_subnets):
    """:raises converters.BadRequest: the router is on a subnet already, or one overlaps"""
    new_ids = {s.id for s in new_subnets}
    for port, subnet in _router_subnets(sess, router):
        if port.device_owner != models.GATEWAY_OWNER and subnet.id in new_ids:
            raise _bad('Router already has a port on subnet %s' % subnet.id)
    for port, subnet in _router_subnets(sess, router):
        for new in new_subnets:
            if ipaddress.ip_network(subnet.cidr).overlaps(ipaddress.ip_network(new.cidr)):
                raise _bad('Cidr %s of subnet %s overlaps with cidr %s of subnet %s'
                           % (new.cidr, new.id, subnet.cidr, subnet.id))


def _interface(router, port, subnet_ids):
    return {'id': router.id, 'tenant_id': router.project_id, 'project_id': router.project_id,
            'port_id': port.id, 'network_id': port.network_id,
            'subnet_id': subnet_ids[0] if subnet_ids else None, 'subnet_ids': subnet_ids}


def _add_by_subnet(sess, ctx, router, subnet_id):
    return attach_subnet(sess, ctx, router, subnets.find(sess, ctx, subnet_id))


def attach_subnet(sess, ctx, router, subnet):
    """Give ``router`` an interface on ``subnet`` (a new port holding its gateway address).

    :returns: ``(port, [subnet id])``
    :raises converters.BadRequest: no gateway, another project's subnet, one the router is on
        already or that overlaps one
    :raises IpAddressInUse: the gateway address is taken
    """
    if not subnet.gateway_ip:
        raise _bad('Subnet for router interface must have a gateway IP')
    if subnet.project_id != ctx.project_id and not ctx.is_admin:
        raise _bad('Cannot add interface to router because subnet %s is not owned by project '
                   'making the request' % subnet.id)
    _check_new_subnets(sess, router, [subnet])
    try:
        port = ports.insert(sess, ctx, subnet.network,
                            dict(project_id=router.project_id, name='', device_id=router.id,
                                 device_owner=models.INTERFACE_OWNER),
                            [{'subnet_id': subnet.id, 'ip_address': subnet.gateway_ip}],
                            group_ids=[])
    except ipam.IpAddressAlreadyAllocated:
        raise IpAddressInUse(net_id=subnet.network_id, ip_address=subnet.gateway_ip) from None
    return port, [subnet.id]


def _add_by_port(sess, ctx, router, port_id):
    port = ports.find(sess, ctx, port_id)
    if port.device_id:
        raise PortInUse(port_id=port.id, net_id=port.network_id, device_id=port.device_id)
    if not port.fixed_ips:
        raise _bad('Router port must have at least one fixed IP')
    by_id = {s.id: s for s in port.network.subnets}
    attached = [by_id[ip.subnet_id] for ip in port.fixed_ips if ip.subnet_id in by_id]
    _check_new_subnets(sess, router, attached)
    if len([s for s in attached if s.ip_version == 4]) > 1:
        raise _bad('Cannot have multiple IPv4 subnets on router port')
    ports.set_groups(sess, port, [])
    ports.write(sess, port, {'device_id': router.id, 'device_owner': models.INTERFACE_OWNER})
    return port, [s.id for s in attached]


def add_interface(ctx, router_id, body):
    """Attach a subnet (a new port on its gateway address) or a free port to a router.

    :returns: Neutron's interface info ``{id, port_id, network_id, subnet_id, subnet_ids, ...}``
    :raises converters.BadRequest: a malformed body, a subnet without gateway, another
        project's subnet, a subnet the router is on already or that overlaps one
    :raises PortInUse: the port belongs to a device
    :raises IpAddressInUse: the subnet's gateway address is taken
    """
    with engine.transaction() as sess:
        router = find(sess, ctx, router_id)
        policy.authorize(ctx, 'add_router_interface', {'project_id': router.project_id})
        port_id, subnet_id = _interface_ids(body, removing=False)
        if port_id is not None:
            port, subnet_ids = _add_by_port(sess, ctx, router, port_id)
        else:
            port, subnet_ids = _add_by_subnet(sess, ctx, router, subnet_id)
        router.revision_number += 1
        sess.flush()
        return _interface(router, port, subnet_ids)


def _check_unused(sess, router, subnet):
    cidr = ipaddress.ip_network(subnet.cidr)
    for fip in _floating_ips(sess, router.id):
        if fip.fixed_ip_address and ipaddress.ip_address(fip.fixed_ip_address) in cidr:
            raise RouterInterfaceInUseByFloatingIP(router_id=router.id, subnet_id=subnet.id)
    for route in router.routes or []:
        if ipaddress.ip_address(route['nexthop']) in cidr:
            raise RouterInterfaceInUseByRoute(router_id=router.id, subnet_id=subnet.id)


def remove_interface(ctx, router_id, body):
    """Detach an interface (by port, by subnet, or both agreeing); its port is deleted.

    :raises RouterInterfaceNotFound: the port is not an interface of the router
    :raises RouterInterfaceNotFoundForSubnet: the router has no interface on the subnet
    :raises SubnetMismatchForPort: the port is not on the subnet
    :raises RouterInterfaceInUseByFloatingIP: a floating IP goes through it
    """
    with engine.transaction() as sess:
        router = find(sess, ctx, router_id)
        policy.authorize(ctx, 'remove_router_interface', {'project_id': router.project_id})
        port_id, subnet_id = _interface_ids(body, removing=True)
        if port_id is not None:
            port = next((p for p in router.interface_ports if p.id == port_id), None)
            if port is None:
                raise RouterInterfaceNotFound(router_id=router.id, port_id=port_id)
            subnet_ids = [ip.subnet_id for ip in port.fixed_ips]
            if subnet_id is not None and subnet_id not in subnet_ids:
                raise SubnetMismatchForPort(port_id=port.id, subnet_id=subnet_id)
        else:
            subnet = subnets.find(sess, ctx, subnet_id)
            port = next((p for p in router.interface_ports
                         if subnet.id in [ip.subnet_id for ip in p.fixed_ips]), None)
            if port is None:
                raise RouterInterfaceNotFoundForSubnet(router_id=router.id, subnet_id=subnet.id)
            subnet_ids = [subnet.id]
        by_id = {s.id: s for s in port.network.subnets}
        for sid in subnet_ids:
            if sid in by_id:
                _check_unused(sess, router, by_id[sid])
        info = _interface(router, port, subnet_ids)
        info.update(tenant_id=port.project_id, project_id=port.project_id)
        ports.remove(sess, port)
        router.revision_number += 1
        sess.expire(router, ['ports'])
        sess.flush()
        return info
