"""Subnets as the network endpoint serves them: one transaction a call.

The helpers that take a ``sess`` compose inside a caller's transaction; a
subnet is visible when its network is.
"""

import ipaddress

import sqlalchemy as sa

from novaapi import exception
from novaapi.db import engine
from novaapi.network import converters
from novaapi.network import models
from novaapi.network import networks
from novaapi.network import policy
from novaapi.network import quotas
from novaapi.network import security_groups
from novaapi.network import tags as tag_rows


class SubnetNotFound(exception.NotFound):
    msg_fmt = 'Subnet %(subnet_id)s could not be found.'


def find(sess, ctx, subnet_id):
    """:raises SubnetNotFound: unknown, or on a network ``ctx`` may not see"""
    query = (networks.visible(sa.select(models.Subnet).join(models.Network), ctx)
             .where(models.Subnet.id == str(subnet_id)))
    subnet = sess.scalars(query).first()
    if subnet is None:
        raise SubnetNotFound(subnet_id=subnet_id)
    return subnet


def find_all(sess, ctx, filters=None):
    """Subnets of visible networks, oldest first (``filters`` as :func:`list_subnets`)."""
    query = networks.visible(sa.select(models.Subnet).join(models.Network), ctx)
    for column, values in (filters or {}).items():
        query = query.where(getattr(models.Subnet, column).in_(values))
    return list(sess.scalars(query.order_by(models.Subnet.created_at, models.Subnet.id)))


def insert(sess, network, **values):
    """Record a subnet of ``network``, owned by the network's project."""
    subnet = models.Subnet(network_id=network.id, project_id=network.project_id, **values)
    sess.add(subnet)
    sess.flush()
    sess.expire(network, ['subnets'])
    return subnet


def list_subnets(ctx, filters=None):
    """The subnets of the networks ``ctx`` may see, oldest first.

    :param filters: ``{column: [values]}`` over id, name, network_id, cidr, project_id, gateway_ip
    """
    with engine.transaction() as sess:
        return find_all(sess, ctx, filters)


def get_subnet(ctx, subnet_id):
    """:raises SubnetNotFound: unknown, or on a network ``ctx`` may not see"""
    with engine.transaction() as sess:
        return find(sess, ctx, subnet_id)


class SubnetInUse(exception.Conflict):
    msg_fmt = ('Unable to complete operation on subnet %(subnet_id)s: One or more ports have an '
               'IP allocation from this subnet.')


IPV6_MODES = ('slaac', 'dhcpv6-stateful', 'dhcpv6-stateless')


def _pools(network, gateway, given):
    """``[{'start', 'end'}]`` checked to lie in ``network`` (default: every host but the gateway)."""
    if given is None:
        hosts_first = network.network_address + 1
        hosts_last = network.broadcast_address - (1 if network.version == 4 else 0)
        if network.num_addresses <= 2:
            hosts_first, hosts_last = network.network_address, network.broadcast_address
        if gateway is not None and gateway == hosts_first:
            hosts_first += 1
        elif gateway is not None and gateway == hosts_last:
            hosts_last -= 1
        return [{'start': str(hosts_first), 'end': str(hosts_last)}]
    if not isinstance(given, list) or not all(isinstance(p, dict) for p in given):
        raise converters.InvalidInput(error_message="Invalid input for allocation_pools. "
                                      "Reason: '%s' is not a list of pools." % (given,))
    pools = []
    for pool in given:
        start = converters.ip('start', pool.get('start'))
        end = converters.ip('end', pool.get('end'))
        if start not in network or end not in network or start > end:
            raise OutOfBoundsAllocationPool(pool='%s-%s' % (start, end), subnet_cidr=network)
        pools.append({'start': str(start), 'end': str(end)})
    return pools


class OutOfBoundsAllocationPool(exception.Invalid):
    msg_fmt = ('The allocation pool %(pool)s spans beyond the subnet cidr %(subnet_cidr)s.')


class GatewayConflictWithAllocationPools(exception.Conflict):
    msg_fmt = 'Gateway ip %(ip_address)s conflicts with allocation pool %(pool)s.'


def _in_pools(address, pools):
    return any(ipaddress.ip_address(p['start']) <= address <= ipaddress.ip_address(p['end'])
               for p in pools)


def _routes(value):
    if not isinstance(value, list):
        raise converters.InvalidInput(error_message="Invalid input for host_routes. Reason: "
                                      "'%s' is not a list." % (value,))
    routes = []
    for route in value:
        if not isinstance(route, dict) or set(route) != {'destination', 'nexthop'}:
            raise converters.InvalidInput(error_message="Invalid input for host_routes. Reason: "
                                          "'%s' is not a route." % (route,))
        routes.append({'destination': str(converters.cidr('destination', route['destination'])),
                       'nexthop': str(converters.ip('nexthop', route['nexthop']))})
    return routes


def _dns(value):
    return [str(converters.ip('dns_nameservers', v)) for v in converters.string_list(
        'dns_nameservers', value)]


def _common_values(item):
    values = {}
    for key in ('name', 'description'):
        if key in item:
            values[key] = converters.string(key, item[key])
    if 'enable_dhcp' in item:
        values['enable_dhcp'] = converters.boolean('enable_dhcp', item['enable_dhcp'])
    if 'dns_nameservers' in item:
        values['dns_nameservers'] = _dns(item['dns_nameservers'])
    if 'host_routes' in item:
        values['host_routes'] = _routes(item['host_routes'])
    return values


def create_subnet(ctx, attributes):
    """A subnet from ``POST /v2.0/subnets``'s attributes.

    :raises exception.NetworkNotFound: the network is unknown or not visible
    :raises converters.InvalidInput: a bad cidr, version, pool, route, address or mode
    :raises converters.OverQuota: the project has all its subnets
    """
    item = dict(attributes)
    if 'network_id' not in item:
        raise converters.BadRequest(resource='subnet', msg="Failed to parse request. Required "
                                    "attribute 'network_id' not specified")
    if item.get('cidr') is None:
        raise converters.BadRequest(resource='subnets', msg='a subnetpool must be specified in '
                                    'the absence of a cidr')
    cidr = converters.cidr('cidr', item['cidr'])
    version = converters.integer('ip_version', item.get('ip_version', cidr.version), 4, 6)
    if version not in (4, 6) or version != cidr.version:
        raise converters.InvalidInput(error_message='Cidr %s is invalid for IPv%s' % (cidr, version))
    if cidr.prefixlen == cidr.max_prefixlen:
        raise converters.InvalidInput(error_message='Invalid input for operation: Subnet '
                                      'prefix length is too long.')
    values = _common_values(item)
    for mode in ('ipv6_ra_mode', 'ipv6_address_mode'):
        if item.get(mode) is not None:
            if version != 6 or item[mode] not in IPV6_MODES:
                raise converters.InvalidInput(error_message="Invalid input for %s. Reason: '%s' "
                                              "is not in %s." % (mode, item[mode],
                                                                 list(IPV6_MODES)))
            values[mode] = item[mode]
    if 'gateway_ip' in item:
        gateway = None if item['gateway_ip'] is None else converters.ip('gateway_ip',
                                                                      item['gateway_ip'])
    else:
        gateway = cidr.network_address + 1
    pools = _pools(cidr, gateway, item.get('allocation_pools'))
    if gateway is not None and _in_pools(gateway, pools):
        raise GatewayConflictWithAllocationPools(ip_address=gateway, pool=pools)
    tags = tag_rows.checked(item['tags']) if 'tags' in item else []
    with engine.transaction() as sess:
        network = networks.find(sess, ctx, item['network_id'])
        policy.authorize(ctx, 'create_subnet', {'project_id': network.project_id})
        for other in network.subnets:
            if ipaddress.ip_network(other.cidr).overlaps(cidr):
                raise converters.InvalidInput(error_message='Requested subnet with cidr: %s for '
                                              'network: %s overlaps with another subnet'
                                              % (cidr, network.id))
        project_id = policy.owner(ctx, item, 'create_subnet')
        subnet = insert(sess, network, cidr=str(cidr), ip_version=version,
                        gateway_ip=None if gateway is None else str(gateway),
                        pool_start=pools[0]['start'], pool_end=pools[-1]['end'],
                        allocation_pools=pools, **values)
        subnet.project_id = project_id
        tag_rows.replace(sess, subnet.id, tags)
        sess.flush()
        quotas.lock(sess, security_groups.default_id(sess, project_id))
        quotas.enforce(sess, project_id, 'subnet')
        sess.expire(subnet, ['tag_rows'])
        return _loaded(subnet)


def _loaded(subnet):
    subnet.tag_rows  # noqa: B018 - loads the relationship
    return subnet


class GatewayIpInUse(exception.Conflict):
    msg_fmt = ('Current gateway ip %(ip_address)s already in use by port %(port_id)s. Unable to '
               'update.')


def _check_gateway_free(sess, subnet, gateway):
    """:raises GatewayIpInUse: the gateway changes while a router interface holds it"""
    if subnet.gateway_ip is None or gateway == subnet.gateway_ip:
        return
    port_id = sess.scalar(
        sa.select(models.IPAllocation.port_id)
        .join(models.Port, models.Port.id == models.IPAllocation.port_id)
        .where(models.IPAllocation.subnet_id == subnet.id,
               models.IPAllocation.ip_address == subnet.gateway_ip,
               models.Port.device_owner == models.INTERFACE_OWNER))
    if port_id is not None:
        raise GatewayIpInUse(ip_address=subnet.gateway_ip, port_id=port_id)


def update_subnet(ctx, subnet_id, read_attributes):
    """Rename, redescribe, or change the gateway, DNS, routes or DHCP flag of a subnet."""
    with engine.transaction() as sess:
        subnet = find(sess, ctx, subnet_id)
        policy.authorize(ctx, 'update_subnet', {'project_id': subnet.network.project_id})
        item = dict(read_attributes())
        values = _common_values(item)
        if 'gateway_ip' in item:
            gateway = item['gateway_ip']
            _check_gateway_free(sess, subnet, gateway)
            if gateway is not None:
                address = converters.ip('gateway_ip', gateway)
                if _in_pools(address, subnet.pools):
                    raise GatewayConflictWithAllocationPools(ip_address=gateway,
                                                             pool=subnet.pools)
                gateway = str(address)
            values['gateway_ip'] = gateway
        for key, value in values.items():
            setattr(subnet, key, value)
        subnet.revision_number += 1
        sess.flush()
        return _loaded(subnet)


def delete_subnet(ctx, subnet_id):
    """:raises SubnetInUse: a port has an address on it"""
    with engine.transaction() as sess:
        subnet = find(sess, ctx, subnet_id)
        policy.authorize(ctx, 'delete_subnet', {'project_id': subnet.network.project_id})
        used = sess.scalar(sa.select(sa.func.count()).select_from(models.IPAllocation)
                           .where(models.IPAllocation.subnet_id == subnet.id))
        if used:
            raise SubnetInUse(subnet_id=subnet.id)
        network = subnet.network
        tag_rows.drop(sess, subnet.id)
        sess.delete(subnet)
        sess.flush()
        sess.expire(network, ['subnets'])
