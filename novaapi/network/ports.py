"""Ports as the network endpoint serves them: Neutron's rules and policy, one transaction a call.

Each public function takes the caller's context and plain arguments and
returns loaded rows (fixed IPs and security groups included) for views
rendered after the commit.  The helpers that take a ``sess`` compose inside a
caller's transaction: port creation with a unique MAC, and the ports of
servers (binding, detaching, addresses) that the public interface offers.
"""

import collections
import ipaddress
import random
import uuid

import sqlalchemy as sa

from novaapi import exception
from novaapi.db import engine
from novaapi.network import claims
from novaapi.network import converters
from novaapi.network import ipam
from novaapi.network import models
from novaapi.network import networks
from novaapi.network import policy
from novaapi.network import security_groups

DEVICE_OWNER = 'compute:nova'
MAC_PREFIX = 'fa:16:3e'
MAC_ATTEMPTS = 16


class MacAddressInUse(exception.Conflict):
    msg_fmt = ('Unable to complete operation for network %(net_id)s. '
               'The mac address %(mac)s is in use.')


# --- helpers inside a caller's transaction -----------------------------------------------

def visible(query, ctx):
    """The ``get_port`` rule as a filter: the caller's own ports."""
    if policy.unrestricted(ctx, 'get_port'):
        return query
    return query.where(models.Port.project_id == ctx.project_id)


def find(sess, ctx, port_id):
    """The port ``port_id`` if ``ctx`` may see it.

    :raises exception.PortNotFound: unknown or not visible
    """
    query = visible(sa.select(models.Port).where(models.Port.id == str(port_id)), ctx)
    port = sess.scalars(query).first()
    if port is None:
        raise exception.PortNotFound(port_id=port_id)
    return port


def find_all(sess, ctx, filters=None, ip_addresses=()):
    """Visible ports, oldest first; ``ip_addresses`` keeps ports holding any of them."""
    query = visible(sa.select(models.Port), ctx)
    for column, values in (filters or {}).items():
        query = query.where(getattr(models.Port, column).in_(values))
    if ip_addresses:
        query = query.where(models.Port.fixed_ips.any(
            models.IPAllocation.ip_address.in_(list(ip_addresses))))
    return list(sess.scalars(query.order_by(models.Port.created_at, models.Port.id)))


def random_mac():
    return '%s:%02x:%02x:%02x' % (MAC_PREFIX, random.randrange(256), random.randrange(256),
                                  random.randrange(256))


def insert(sess, ctx, network, values, fixed_ips=()):
    """Create a port on ``network`` with a fresh unique MAC and its fixed IPs.

    :param values: column values (name, device_id, device_owner, project_id, ...)
    :raises MacAddressInUse: the ``mac_address`` asked for is taken
    :raises exception.NovaException: the allocation errors of :func:`ipam.allocate_fixed_ips`
    """
    claims.begin_writing(sess)
    values = dict(values)
    values.setdefault('project_id', ctx.project_id)
    # NOTE: the group first: a worker waiting on a contested address then holds no other lock.
    group = security_groups.ensure_default(sess, values['project_id'])
    mac = values.pop('mac_address', None)
    for _attempt in range(MAC_ATTEMPTS):
        port = models.Port(id=str(uuid.uuid4()), network_id=network.id,
                           mac_address=mac or random_mac(), **values)
        if claims.insert(sess, port):
            break
        if mac:
            raise MacAddressInUse(net_id=network.id, mac=mac)
    else:
        raise MacAddressInUse(net_id=network.id, mac=port.mac_address)
    ipam.allocate_fixed_ips(sess, port, network, fixed_ips)
    port.security_groups.append(models.PortSecurityGroup(security_group_id=group.id))
    sess.flush()
    return port


def write(sess, port, values):
    """Set ``values`` (name, device_id, device_owner, admin_state_up, description)."""
    for key, value in values.items():
        setattr(port, key, value)
    port.revision_number += 1
    sess.flush()
    return port


def remove(sess, port):
    sess.delete(port)
    sess.flush()


# --- the ports of servers -----------------------------------------------------------------

def _next_device_index(sess, device_id):
    current = sess.scalar(sa.select(sa.func.max(models.Port.device_index))
                          .where(models.Port.device_id == device_id))
    return 0 if current is None else current + 1


def insert_for_device(sess, ctx, network, device_id, fixed_ips=(), tag=None):
    """Create Nova's own port of a server interface on ``network``, after the server's others.

    :raises: as :func:`insert`
    """
    values = dict(device_id=device_id, device_owner=DEVICE_OWNER, created_by_nova=True,
                  tag=tag, device_index=_next_device_index(sess, device_id))
    return insert(sess, ctx, network, values, fixed_ips)


def bind(sess, ctx, port_id, device_id, tag=None):
    """Attach an existing port to a server.

    :raises exception.PortNotFound: unknown or not the caller's
    :raises exception.PortInUse: the port already belongs to a device
    """
    port = find(sess, ctx, port_id)
    if port.device_id and port.device_id != device_id:
        raise exception.PortInUse(port_id=port_id)
    port.device_index = _next_device_index(sess, device_id)
    port.device_id = device_id
    port.device_owner = DEVICE_OWNER
    port.tag = tag
    sess.flush()
    return port


def of_device(sess, device_id):
    """The ports of a server, in the order they were attached."""
    query = (sa.select(models.Port).where(models.Port.device_id == device_id)
             .order_by(models.Port.device_index, models.Port.created_at, models.Port.id))
    return list(sess.scalars(query))


def detach(sess, port_id):
    """Detach a port from its server: delete it when Nova created it, else unbind it.

    :returns: False when there was no such port
    """
    port = sess.get(models.Port, port_id)
    if port is None:
        return False
    if port.created_by_nova:
        sess.delete(port)
    else:
        port.device_id, port.device_owner, port.tag = '', '', None
    sess.flush()
    return True


def release(sess, device_id):
    """Detach every port of a server (when the server is deleted)."""
    for port in of_device(sess, device_id):
        detach(sess, port.id)


def bound_addresses(sess):
    """``(device_id, ip)`` of every fixed IP of a port bound to a device."""
    port, ip = models.Port, models.IPAllocation
    return list(sess.execute(sa.select(port.device_id, ip.ip_address)
                             .join(ip, ip.port_id == port.id)
                             .where(port.device_id != '')))


def addresses(sess, device_ids):
    """The ``addresses`` of many servers in one query: ``{device_id: {network_name: [{version,
    addr, OS-EXT-IPS:type, OS-EXT-IPS-MAC:mac_addr}]}}`` in port order, as Nova shows them."""
    result = {device_id: collections.OrderedDict() for device_id in device_ids}
    if not result:
        return result
    port, ip = models.Port, models.IPAllocation
    rows = sess.execute(
        sa.select(port.device_id, port.mac_address, models.Network.name, ip.ip_address)
        .join(models.Network, models.Network.id == port.network_id)
        .outerjoin(ip, ip.port_id == port.id)
        .where(port.device_id.in_(list(result)))
        .order_by(port.device_id, port.device_index, port.created_at, port.id, ip.id))
    for device_id, mac, network_name, address in rows:
        entries = result[device_id].setdefault(network_name, [])
        if address is not None:
            entries.append({'version': ipaddress.ip_address(address).version, 'addr': address,
                            'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': mac})
    return result


# --- one transaction a call ---------------------------------------------------------------

def _loaded(port):
    """``port`` with its fixed IPs and groups read, for views rendered after the session closes."""
    port.fixed_ips, port.security_groups  # noqa: B018 - loads the relationships
    return port


def _target(port):
    return {'project_id': port.project_id}


def list_ports(ctx, filters=None, ip_addresses=()):
    """The ports ``ctx`` may see, oldest first (arguments as :func:`find_all`)."""
    with engine.transaction() as sess:
        return find_all(sess, ctx, filters, ip_addresses)


def get_port(ctx, port_id):
    """:raises exception.PortNotFound: unknown, or not visible to ``ctx``"""
    with engine.transaction() as sess:
        return find(sess, ctx, port_id)


def create_port(ctx, network_id, attributes):
    """A port on ``network_id`` with a fresh MAC and its fixed IPs, in the project's default group.

    :param attributes: name, device_id, device_owner, fixed_ips, admin_state_up,
        mac_address, description, project_id (or tenant_id), security_groups (ignored)
    :raises exception.NetworkNotFound: unknown, or not visible to ``ctx``
    :raises policy.PolicyNotAuthorized: another project, asked for by a non-admin
    :raises converters.InvalidInput: malformed fixed IPs or admin_state_up
    :raises exception.NovaException: the allocation errors of :func:`insert`
    """
    with engine.transaction() as sess:
        network = networks.find(sess, ctx, network_id)
        values = dict(attributes)
        values['project_id'] = policy.owner(ctx, values, 'create_port')
        requested = converters.fixed_ips(values.pop('fixed_ips', []))
        values.pop('security_groups', None)
        if 'admin_state_up' in values:
            values['admin_state_up'] = converters.to_bool(values['admin_state_up'])
        return _loaded(insert(sess, ctx, network, values, requested))


def update_port(ctx, port_id, read_attributes):
    """Update a port the caller may see; a ``None`` text attribute becomes empty.

    :param read_attributes: ``read_attributes()`` returns the attributes to set
        (name, device_id, device_owner, admin_state_up, description); it is
        called once the port is found, so an unknown port is refused first
    :raises exception.PortNotFound: unknown, or not visible to ``ctx``
    :raises converters.InvalidInput: admin_state_up is not a boolean
    """
    with engine.transaction() as sess:
        port = find(sess, ctx, port_id)
        policy.authorize(ctx, 'update_port', _target(port))
        values = dict(read_attributes())
        if 'admin_state_up' in values:
            values['admin_state_up'] = converters.to_bool(values['admin_state_up'])
        values.update({k: '' for k, v in values.items() if v is None and k != 'admin_state_up'})
        return _loaded(write(sess, port, values))


def delete_port(ctx, port_id):
    """:raises exception.PortNotFound: unknown, or not visible to ``ctx``"""
    with engine.transaction() as sess:
        port = find(sess, ctx, port_id)
        policy.authorize(ctx, 'delete_port', _target(port))
        remove(sess, port)
