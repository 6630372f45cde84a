"""Floating IPs: addresses of an external network a project holds and points at one of its
ports, through a router; one transaction a call.

The address is the fixed IP of the floating IP's own port on the external
network (``network:floatingip``, owned by no project), so it is allocated, and
kept unique under concurrency, like any fixed IP (:mod:`ipam`).  Associating
it with a port needs a router whose gateway is on the external network and
which has an interface on the port's subnet, as in Neutron.
"""

import ipaddress
import uuid

import sqlalchemy as sa

from novaapi import exception
from novaapi.db import engine
from novaapi.network import converters
from novaapi.network import ipam
from novaapi.network import models
from novaapi.network import networks
from novaapi.network import policy
from novaapi.network import ports
from novaapi.network import quotas
from novaapi.network import routers
from novaapi.network import security_groups
from novaapi.network import tags as tag_rows


class FloatingIPNotFound(exception.NotFound):
    msg_fmt = 'Floating IP %(floatingip_id)s could not be found'


class ExternalGatewayForFloatingIPNotFound(exception.NotFound):
    msg_fmt = ('External network %(external_network_id)s is not reachable from subnet '
               '%(subnet_id)s.  Therefore, cannot associate Port %(port_id)s with a Floating IP.')


class FloatingIPPortAlreadyAssociated(exception.Conflict):
    msg_fmt = ('Cannot associate floating IP %(floating_ip_address)s (%(fip_id)s) with port '
               '%(port_id)s using fixed IP %(fixed_ip)s, as that fixed IP already has a floating '
               'IP on external network %(net_id)s.')


class ExternalIpAddressExhausted(exception.Invalid):
    msg_fmt = 'Unable to find any IP address on external network %(net_id)s.'


def _bad(msg):
    return converters.BadRequest(resource='floatingip', msg=msg)


# --- helpers inside a caller's transaction -----------------------------------------------

def visible(query, ctx):
    if policy.unrestricted(ctx, 'get_floatingip'):
        return query
    return query.where(policy.owned(models.FloatingIP.project_id, ctx))


def find(sess, ctx, floatingip_id):
    """:raises FloatingIPNotFound: unknown, or not visible to ``ctx``"""
    query = visible(sa.select(models.FloatingIP)
                    .where(models.FloatingIP.id == str(floatingip_id)), ctx)
    fip = sess.scalars(query).first()
    if fip is None:
        raise FloatingIPNotFound(floatingip_id=floatingip_id)
    return fip


def find_all(sess, ctx, filters=None):
    """Visible floating IPs, oldest first.

    :param filters: ``{column: [values]}`` (floating_ip_address, floating_network_id, ...)
    """
    query = visible(sa.select(models.FloatingIP), ctx)
    for column, values in (filters or {}).items():
        query = query.where(getattr(models.FloatingIP, column).in_(values))
    return list(sess.scalars(query.order_by(models.FloatingIP.created_at,
                                            models.FloatingIP.id)))


def of_ports(sess, port_ids):
    """``{port_id: [floating IP rows]}`` of many ports in one query."""
    found = {}
    if port_ids:
        query = (sa.select(models.FloatingIP)
                 .where(models.FloatingIP.port_id.in_(list(port_ids)))
                 .order_by(models.FloatingIP.created_at, models.FloatingIP.id))
        for fip in sess.scalars(query):
            found.setdefault(fip.port_id, []).append(fip)
    return found


def _internal_address(port, fixed_ip_address):
    """``(subnet_id, address)`` of the port's fixed IP a floating IP is to point at.

    :raises converters.BadRequest: no such (IPv4) address, or several to choose from
    """
    if fixed_ip_address is not None:
        address = converters.ip('fixed_ip_address', fixed_ip_address)
        if address.version != 4:
            raise _bad('Cannot process floating IP association with %s, since that is not an '
                       'IPv4 address' % fixed_ip_address)
        for ip in port.fixed_ips:
            if ip.ip_address == str(address):
                return ip.subnet_id, ip.ip_address
        raise _bad('Port %s does not have fixed ip %s' % (port.id, fixed_ip_address))
    ipv4 = [ip for ip in port.fixed_ips if ipaddress.ip_address(ip.ip_address).version == 4]
    if not ipv4:
        raise _bad('Cannot add floating IP to port %s that has no fixed IPv4 addresses'
                   % port.id)
    if len(ipv4) > 1:
        raise _bad('Port %s has multiple fixed IPv4 addresses.  Must provide a specific IPv4 '
                   'address when assigning a floating IP' % port.id)
    return ipv4[0].subnet_id, ipv4[0].ip_address


def associate(sess, ctx, fip, port_id, fixed_ip_address=None):
    """Point ``fip`` at a port's fixed IP (``port_id`` None: at nothing).

    :raises exception.PortNotFound: the port is unknown or not visible
    :raises converters.BadRequest: another project's port, a service's port, or no
        (single) IPv4 address to use
    :raises ExternalGatewayForFloatingIPNotFound: no router links the port's subnet to the
        floating IP's external network
    :raises FloatingIPPortAlreadyAssociated: that fixed IP has a floating IP of the network
    """
    if port_id is None:
        if fixed_ip_address is not None:
            raise _bad('fixed_ip_address cannot be specified without a port_id')
        fip.port_id = fip.fixed_ip_address = fip.router_id = None
        return
    port = ports.find(sess, ctx, converters.uuid_value('port_id', port_id))
    if port.project_id != fip.project_id and not ctx.is_admin:
        raise _bad('Cannot process floating IP association with Port %s, since that port is '
                   'owned by a different project' % port.id)
    if port.device_owner.startswith('network:'):
        raise _bad('Port %s is unable to be assigned a floating IP' % port.id)
    subnet_id, address = _internal_address(port, fixed_ip_address)
    subnet = next(s for s in port.network.subnets if s.id == subnet_id)
    router_id = routers.router_for(sess, subnet, fip.floating_network_id)
    if router_id is None:
        raise ExternalGatewayForFloatingIPNotFound(
            external_network_id=fip.floating_network_id, subnet_id=subnet.id, port_id=port.id)
    taken = sess.scalars(sa.select(models.FloatingIP).where(
        models.FloatingIP.port_id == port.id, models.FloatingIP.fixed_ip_address == address,
        models.FloatingIP.floating_network_id == fip.floating_network_id,
        models.FloatingIP.id != fip.id)).first()
    if taken is not None:
        raise FloatingIPPortAlreadyAssociated(
            floating_ip_address=fip.floating_ip_address, fip_id=fip.id, port_id=port.id,
            fixed_ip=address, net_id=fip.floating_network_id)
    fip.port_id, fip.fixed_ip_address, fip.router_id = port.id, address, router_id


def allocate(sess, ctx, network, project_id, subnet_id=None, address=None, description=''):
    """A new floating IP of ``project_id`` on the external ``network`` (its address claimed like
    a fixed IP).

    :raises converters.BadRequest: the network is not external, or has no IPv4 subnet
    :raises ExternalIpAddressExhausted: no free address left
    :raises converters.OverQuota: the project has all its floating IPs
    """
    if not network.external:
        raise _bad('Network %s is not a valid external network' % network.id)
    if not any(s.ip_version == 4 for s in network.subnets):
        raise _bad('Network %s does not contain any IPv4 subnet' % network.id)
    quotas.lock(sess, security_groups.default_id(sess, project_id))
    fip_id = str(uuid.uuid4())
    wanted = {}
    if subnet_id is not None:
        wanted['subnet_id'] = converters.uuid_value('subnet_id', subnet_id)
    if address is not None:
        wanted['ip_address'] = str(converters.ip('floating_ip_address', address))
    try:
        port = ports.insert(sess, ctx, network, dict(project_id='', name='', device_id=fip_id,
                                                     device_owner=models.FLOATINGIP_OWNER),
                            [wanted] if wanted else (), group_ids=[])
    except ipam.IpAddressGenerationFailure:
        raise ExternalIpAddressExhausted(net_id=network.id) from None
    ipv4 = [ip for ip in port.fixed_ips if ipaddress.ip_address(ip.ip_address).version == 4]
    if not ipv4:
        raise ExternalIpAddressExhausted(net_id=network.id)
    fip = models.FloatingIP(id=fip_id, project_id=project_id, floating_network_id=network.id,
                            floating_port_id=port.id, floating_ip_address=ipv4[0].ip_address,
                            description=description)
    sess.add(fip)
    sess.flush()
    quotas.enforce(sess, project_id, 'floatingip')
    return fip


def release(sess, fip):
    """Delete a floating IP and its port."""
    port = sess.get(models.Port, fip.floating_port_id)
    tag_rows.drop(sess, fip.id)
    sess.delete(fip)
    sess.flush()
    if port is not None:
        ports.remove(sess, port)


def _loaded(fip):
    fip.port, fip.tag_rows  # noqa: B018 - loads the relationships
    return fip


# --- one transaction a call --------------------------------------------------------------

def list_floatingips(ctx, filters=None):
    with engine.transaction() as sess:
        return [_loaded(f) for f in find_all(sess, ctx, filters)]


def list_pools(ctx):
    """``[(subnet, project_id)]``: the IPv4 subnets of every external network, whoever owns
    them (``floatingip-pools``); the project is the caller's, as Neutron answers."""
    with engine.transaction() as sess:
        query = (sa.select(models.Subnet).join(models.Network)
                 .where(models.Network.external.is_(True), models.Subnet.ip_version == 4)
                 .order_by(models.Subnet.created_at, models.Subnet.id))
        return [(subnet, ctx.project_id) for subnet in sess.scalars(query)]


def get_floatingip(ctx, floatingip_id):
    """:raises FloatingIPNotFound: unknown, or not visible to ``ctx``"""
    with engine.transaction() as sess:
        return _loaded(find(sess, ctx, floatingip_id))


def create_floatingip(ctx, attributes):
    """A floating IP from ``POST /v2.0/floatingips``'s attributes, associated if asked.

    :raises exception.NetworkNotFound: the network is unknown or not visible
    :raises policy.PolicyNotAuthorized: a chosen address, or another project, for a non-admin
    :raises: as :func:`allocate` and :func:`associate`
    """
    item = dict(attributes)
    if item.get('floating_network_id') is None:
        raise _bad("Failed to parse request. Required attribute 'floating_network_id' not "
                   "specified")
    project_id = policy.owner(ctx, item, 'create_floatingip')
    policy.authorize(ctx, 'create_floatingip', {'project_id': project_id})
    if item.get('floating_ip_address') is not None:
        policy.authorize(ctx, 'create_floatingip:floating_ip_address')
    description = converters.string('description', item.get('description'))
    tags = tag_rows.checked(item['tags']) if 'tags' in item else []
    network_id = converters.uuid_value('floating_network_id', item['floating_network_id'])
    with engine.transaction() as sess:
        network = networks.find(sess, ctx, network_id)
        fip = allocate(sess, ctx, network, project_id, item.get('subnet_id'),
                       item.get('floating_ip_address'), description)
        if item.get('port_id') is not None or item.get('fixed_ip_address') is not None:
            associate(sess, ctx, fip, item.get('port_id'), item.get('fixed_ip_address'))
        tag_rows.replace(sess, fip.id, tags)
        sess.flush()
        sess.expire(fip, ['tag_rows', 'port'])
        return _loaded(fip)


def update_floatingip(ctx, floatingip_id, read_attributes):
    """Associate (``port_id``, ``fixed_ip_address``), disassociate (``port_id`` null) or
    redescribe a floating IP (``read_attributes()`` runs once it is found)."""
    with engine.transaction() as sess:
        fip = find(sess, ctx, floatingip_id)
        policy.authorize(ctx, 'update_floatingip', {'project_id': fip.project_id})
        item = dict(read_attributes())
        if 'description' in item:
            fip.description = converters.string('description', item['description'])
        if 'port_id' in item:
            associate(sess, ctx, fip, item['port_id'], item.get('fixed_ip_address'))
        elif item.get('fixed_ip_address') is not None:
            if fip.port_id is None:
                raise _bad('fixed_ip_address cannot be specified without a port_id')
            associate(sess, ctx, fip, fip.port_id, item['fixed_ip_address'])
        fip.revision_number += 1
        sess.flush()
        sess.expire(fip, ['port'])
        return _loaded(fip)


def delete_floatingip(ctx, floatingip_id):
    """:raises FloatingIPNotFound: unknown, or not visible to ``ctx``"""
    with engine.transaction() as sess:
        fip = find(sess, ctx, floatingip_id)
        policy.authorize(ctx, 'delete_floatingip', {'project_id': fip.project_id})
        release(sess, fip)
