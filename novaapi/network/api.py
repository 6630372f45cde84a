"""Networks, subnets and ports: visibility, address allocation and the calls servers make.

Every function takes an open session; the caller's transaction commits.  A
fixed IP is claimed by inserting its ``(subnet_id, ip_address)`` row inside a
savepoint: when another worker took the address first the insert fails with
an IntegrityError and the next free address is tried.
"""

import collections
import ipaddress
import random
import uuid

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from novaapi import exception
from novaapi.identity import api as identity
from novaapi.network import models
from novaapi.network import policy
from novaapi.network import views

DEVICE_OWNER = 'compute:nova'
MAC_PREFIX = 'fa:16:3e'
MAC_ATTEMPTS = 16
SEED_NETWORK = 'private'
SEED_SUBNET = dict(name='private-subnet', cidr='10.0.0.0/24', gateway_ip='10.0.0.1',
                   pool_start='10.0.0.2', pool_end='10.0.0.254', ip_version=4)
DEFAULT_SG_DESCRIPTION = 'Default security group'


class SubnetNotFound(exception.NotFound):
    msg_fmt = 'Subnet %(subnet_id)s could not be found.'


class InvalidIpForNetwork(exception.Invalid):
    msg_fmt = ('IP address %(ip_address)s is not a valid IP for any of the subnets '
               'on the specified network.')


class IpAddressAlreadyAllocated(exception.Conflict):
    msg_fmt = 'IP address %(ip)s already allocated in subnet %(subnet_id)s'


class IpAddressGenerationFailure(exception.Conflict):
    msg_fmt = 'No more IP addresses available on network %(net_id)s.'


class MacAddressInUse(exception.Conflict):
    msg_fmt = ('Unable to complete operation for network %(net_id)s. '
               'The mac address %(mac)s is in use.')


# --- visibility -------------------------------------------------------------------------

def _visible_networks(query, ctx):
    """The ``get_network`` rule as a filter: shared and external networks, and the caller's own."""
    if policy.unrestricted(ctx, 'get_network'):
        return query
    net = models.Network
    return query.where(sa.or_(net.shared.is_(True), net.external.is_(True),
                              net.project_id == ctx.project_id))


def _visible_ports(query, ctx):
    """The ``get_port`` rule as a filter: the caller's own ports."""
    if policy.unrestricted(ctx, 'get_port'):
        return query
    return query.where(models.Port.project_id == ctx.project_id)


# --- networks and subnets ---------------------------------------------------------------

def get_network(sess, ctx, network_id):
    """The network ``network_id`` if ``ctx`` may see it.

    :raises exception.NetworkNotFound: unknown or not visible
    """
    query = _visible_networks(sa.select(models.Network)
                              .where(models.Network.id == str(network_id)), ctx)
    network = sess.scalars(query).first()
    if network is None:
        raise exception.NetworkNotFound(network_id=network_id)
    return network


def list_networks(sess, ctx, filters=None):
    """Visible networks, oldest first.

    :param filters: ``{column: [values]}`` over id, name, project_id, shared, external
    """
    query = _visible_networks(sa.select(models.Network), ctx)
    for column, values in (filters or {}).items():
        query = query.where(getattr(models.Network, column).in_(values))
    return list(sess.scalars(query.order_by(models.Network.created_at, models.Network.id)))


def find_network_by_name(sess, ctx, name):
    """The oldest visible network called ``name``, or None."""
    found = list_networks(sess, ctx, {'name': [name]})
    return found[0] if found else None


def default_networks(sess, ctx):
    """The networks ``networks: "auto"`` may use: the caller's own and shared ones, not external.

    Nova boots on the only one; more than one is ambiguous, none means no network.
    """
    return [n for n in list_networks(sess, ctx) if not n.external]


def create_network(sess, ctx, values):
    """Record a network; ``values`` are column values (project_id defaults to the caller's)."""
    values = dict(values)
    values.setdefault('project_id', ctx.project_id)
    network = models.Network(**values)
    sess.add(network)
    sess.flush()
    return network


def create_subnet(sess, network, **values):
    subnet = models.Subnet(network_id=network.id, project_id=network.project_id, **values)
    sess.add(subnet)
    sess.flush()
    sess.expire(network, ['subnets'])
    return subnet


def get_subnet(sess, ctx, subnet_id):
    """:raises SubnetNotFound: unknown, or on a network ``ctx`` may not see"""
    query = (_visible_networks(sa.select(models.Subnet).join(models.Network), ctx)
             .where(models.Subnet.id == str(subnet_id)))
    subnet = sess.scalars(query).first()
    if subnet is None:
        raise SubnetNotFound(subnet_id=subnet_id)
    return subnet


def list_subnets(sess, ctx, filters=None):
    query = _visible_networks(sa.select(models.Subnet).join(models.Network), ctx)
    for column, values in (filters or {}).items():
        query = query.where(getattr(models.Subnet, column).in_(values))
    return list(sess.scalars(query.order_by(models.Subnet.created_at, models.Subnet.id)))


# --- ports ------------------------------------------------------------------------------

def get_port(sess, ctx, port_id):
    """The port ``port_id`` if ``ctx`` may see it.

    :raises exception.PortNotFound: unknown or not visible
    """
    query = _visible_ports(sa.select(models.Port).where(models.Port.id == str(port_id)), ctx)
    port = sess.scalars(query).first()
    if port is None:
        raise exception.PortNotFound(port_id=port_id)
    return port


def list_ports(sess, ctx, filters=None, ip_addresses=()):
    """Visible ports, oldest first; ``ip_addresses`` keeps ports holding any of them."""
    query = _visible_ports(sa.select(models.Port), ctx)
    for column, values in (filters or {}).items():
        query = query.where(getattr(models.Port, column).in_(values))
    if ip_addresses:
        query = query.where(models.Port.fixed_ips.any(
            models.IPAllocation.ip_address.in_(list(ip_addresses))))
    return list(sess.scalars(query.order_by(models.Port.created_at, models.Port.id)))


def _begin_writing(sess):
    """On SQLite take the write lock now, so savepoints nest inside one real transaction.

    NOTE: pysqlite only sends BEGIN before DML; a SAVEPOINT sent first would
    open (and its RELEASE commit) a transaction of its own.
    """
    connection = sess.connection()
    if connection.dialect.name == 'sqlite':
        raw = connection.connection.driver_connection
        if not raw.in_transaction:
            raw.execute('BEGIN IMMEDIATE')


def _insert(sess, row):
    """Add ``row`` in a savepoint; False (and nothing written) on a unique-key clash."""
    try:
        with sess.begin_nested():
            sess.add(row)
    except sa_exc.IntegrityError:
        return False
    return True


def random_mac():
    return '%s:%02x:%02x:%02x' % (MAC_PREFIX, random.randrange(256), random.randrange(256),
                                  random.randrange(256))


def _pool(subnet):
    start = int(ipaddress.ip_address(subnet.pool_start))
    end = int(ipaddress.ip_address(subnet.pool_end))
    return start, end


def _lock_subnet(sess, subnet):
    """Serialize allocations on a subnet until commit (PostgreSQL and MariaDB row lock).

    NOTE: concurrent inserts racing for one address deadlock on InnoDB's gap
    locks; taking turns avoids the race, the unique key stays the safety net.
    """
    sess.execute(sa.select(models.Subnet.id).where(models.Subnet.id == subnet.id)
                 .with_for_update())


def _taken(sess, subnet):
    # A locking read sees the latest commits, past a REPEATABLE READ snapshot.
    rows = sess.scalars(sa.select(models.IPAllocation.ip_address)
                        .where(models.IPAllocation.subnet_id == subnet.id)
                        .with_for_update(read=True))
    return {int(ipaddress.ip_address(ip)) for ip in rows}


def _claim(sess, port, subnet, address):
    return _insert(sess, models.IPAllocation(port_id=port.id, subnet_id=subnet.id,
                                             network_id=subnet.network_id,
                                             ip_address=str(ipaddress.ip_address(address))))


def _allocate_any(sess, port, subnet):
    """Claim the lowest free pool address; clashes with other workers move on to the next."""
    start, end = _pool(subnet)
    clashed = set()
    while True:
        taken = _taken(sess, subnet) | clashed
        address = next((a for a in range(start, end + 1) if a not in taken), None)
        if address is None:
            return False
        if _claim(sess, port, subnet, address):
            return True
        clashed.add(address)


def _subnet_for(network, address):
    for subnet in network.subnets:
        if address in ipaddress.ip_network(subnet.cidr):
            return subnet
    raise InvalidIpForNetwork(ip_address=str(address))


def allocate_fixed_ips(sess, port, network, requested=()):
    """Give ``port`` its addresses: the ``requested`` ones, else one per subnet.

    :param requested: ``[{'ip_address': ..., 'subnet_id': ...}]`` (either key optional)
    :raises InvalidIpForNetwork: an address outside every subnet of the network
    :raises IpAddressAlreadyAllocated: a requested address is taken
    :raises IpAddressGenerationFailure: a subnet has no free address left
    """
    _begin_writing(sess)
    subnets = {s.id: s for s in network.subnets}
    for subnet in network.subnets:
        _lock_subnet(sess, subnet)
    wanted = list(requested) or [{'subnet_id': s.id} for s in network.subnets[:1]]
    for item in wanted:
        if item.get('ip_address'):
            address = ipaddress.ip_address(item['ip_address'])
            subnet = subnets.get(item.get('subnet_id')) or _subnet_for(network, address)
            if address not in ipaddress.ip_network(subnet.cidr):
                raise InvalidIpForNetwork(ip_address=str(address))
            if not _claim(sess, port, subnet, address):
                raise IpAddressAlreadyAllocated(ip=str(address), subnet_id=subnet.id)
        else:
            subnet = subnets.get(item.get('subnet_id'))
            if subnet is None:
                raise SubnetNotFound(subnet_id=item.get('subnet_id'))
            if not _allocate_any(sess, port, subnet):
                raise IpAddressGenerationFailure(net_id=network.id)
    sess.expire(port, ['fixed_ips'])


def create_port(sess, ctx, network, values, fixed_ips=()):
    """Create a port on ``network`` with a fresh unique MAC and its fixed IPs.

    :param values: column values (name, device_id, device_owner, project_id, ...)
    """
    _begin_writing(sess)
    values = dict(values)
    values.setdefault('project_id', ctx.project_id)
    # NOTE: the group first: a worker waiting on a contested address then holds no other lock.
    group = ensure_default_security_group(sess, values['project_id'])
    mac = values.pop('mac_address', None)
    for _attempt in range(MAC_ATTEMPTS):
        port = models.Port(id=str(uuid.uuid4()), network_id=network.id,
                           mac_address=mac or random_mac(), **values)
        if _insert(sess, port):
            break
        if mac:
            raise MacAddressInUse(net_id=network.id, mac=mac)
    else:
        raise MacAddressInUse(net_id=network.id, mac=port.mac_address)
    allocate_fixed_ips(sess, port, network, fixed_ips)
    port.security_groups.append(models.PortSecurityGroup(security_group_id=group.id))
    sess.flush()
    return port


def _next_device_index(sess, device_id):
    current = sess.scalar(sa.select(sa.func.max(models.Port.device_index))
                          .where(models.Port.device_id == device_id))
    return 0 if current is None else current + 1


def allocate_port(sess, ctx, network_id, device_id, fixed_ip=None, tag=None):
    """Create the port of a server interface on ``network_id`` (Nova's own port).

    :returns: the :class:`~novaapi.network.models.Port`
    :raises exception.NetworkNotFound: the network is unknown or not visible
    :raises exception.InvalidInput: ``fixed_ip`` is outside the network's subnets
    :raises exception.FixedIpAlreadyInUse: ``fixed_ip`` is taken
    :raises exception.NoMoreFixedIps: the network has no free address
    """
    network = get_network(sess, ctx, network_id)
    requested = [{'ip_address': str(fixed_ip)}] if fixed_ip else []
    values = dict(device_id=device_id, device_owner=DEVICE_OWNER, created_by_nova=True,
                  tag=tag, device_index=_next_device_index(sess, device_id))
    try:
        return create_port(sess, ctx, network, values, requested)
    except (InvalidIpForNetwork, ValueError):
        raise exception.InvalidInput(reason='Fixed IP %s is not a valid ip address for '
                                            'network %s.' % (fixed_ip, network_id)) from None
    except IpAddressAlreadyAllocated:
        raise exception.FixedIpAlreadyInUse(
            message='Fixed IP %s is already in use.' % fixed_ip) from None
    except IpAddressGenerationFailure:
        raise exception.NoMoreFixedIps(net=network_id) from None


def bind_port(sess, ctx, port_id, device_id, tag=None):
    """Attach an existing port to a server.

    :raises exception.PortNotFound: unknown or not the caller's
    :raises exception.PortInUse: the port already belongs to a device
    """
    port = get_port(sess, ctx, port_id)
    if port.device_id and port.device_id != device_id:
        raise exception.PortInUse(port_id=port_id)
    port.device_index = _next_device_index(sess, device_id)
    port.device_id = device_id
    port.device_owner = DEVICE_OWNER
    port.tag = tag
    sess.flush()
    return port


def ports_for_device(sess, device_id):
    """The ports of a server, in the order they were attached."""
    query = (sa.select(models.Port).where(models.Port.device_id == device_id)
             .order_by(models.Port.device_index, models.Port.created_at, models.Port.id))
    return list(sess.scalars(query))


def detach_port(sess, port_id):
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


def release_device(sess, device_id):
    """Detach every port of a server (when the server is deleted)."""
    for port in ports_for_device(sess, device_id):
        detach_port(sess, port.id)


def update_port(sess, port, values):
    """Set ``values`` (name, device_id, device_owner, admin_state_up, description)."""
    for key, value in values.items():
        setattr(port, key, value)
    port.revision_number += 1
    sess.flush()
    return port


def delete_port(sess, port):
    sess.delete(port)
    sess.flush()


def addresses_for_device(sess, device_id):
    """A server's ``addresses``: ``{network_name: [{version, addr, OS-EXT-IPS:type,
    OS-EXT-IPS-MAC:mac_addr}]}`` in port order, as Nova shows them."""
    return addresses_for_devices(sess, [device_id])[device_id]


def bound_addresses(sess):
    """``(device_id, ip)`` of every fixed IP of a port bound to a device."""
    port, ip = models.Port, models.IPAllocation
    return list(sess.execute(sa.select(port.device_id, ip.ip_address)
                             .join(ip, ip.port_id == port.id)
                             .where(port.device_id != '')))


def addresses_for_devices(sess, device_ids):
    """:func:`addresses_for_device` of many servers in one query: ``{device_id: addresses}``."""
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


# --- security groups --------------------------------------------------------------------

def ensure_default_security_group(sess, project_id):
    """The project's ``default`` group, created the first time it is needed."""
    link = sess.get(models.DefaultSecurityGroup, project_id)
    if link is not None:
        return sess.get(models.SecurityGroup, link.security_group_id)
    _begin_writing(sess)
    group = models.SecurityGroup(id=str(uuid.uuid4()), project_id=project_id, name='default',
                                 description=DEFAULT_SG_DESCRIPTION)
    try:
        with sess.begin_nested():
            sess.add(group)
            sess.flush()
            sess.add(models.DefaultSecurityGroup(project_id=project_id,
                                                 security_group_id=group.id))
    except sa_exc.IntegrityError:
        # NOTE: another request created it first; use theirs (a locking read sees
        # it even under a REPEATABLE READ snapshot).
        group_id = sess.scalar(sa.select(models.DefaultSecurityGroup.security_group_id)
                               .where(models.DefaultSecurityGroup.project_id == project_id)
                               .with_for_update(read=True))
        return sess.scalars(sa.select(models.SecurityGroup)
                            .where(models.SecurityGroup.id == group_id)
                            .with_for_update(read=True)).one()
    return group


def list_security_groups(sess, ctx, filters=None):
    if ctx.project_id:
        ensure_default_security_group(sess, ctx.project_id)
    query = sa.select(models.SecurityGroup)
    if not policy.unrestricted(ctx, 'get_security_group'):
        query = query.where(models.SecurityGroup.project_id == ctx.project_id)
    for column, values in (filters or {}).items():
        query = query.where(getattr(models.SecurityGroup, column).in_(values))
    return list(sess.scalars(query.order_by(models.SecurityGroup.created_at,
                                            models.SecurityGroup.id)))


def security_groups(sess, ctx, filters=None):
    """The groups ``ctx`` sees as Neutron's API shows them, rules included (for other services)."""
    return [views.security_group(row) for row in list_security_groups(sess, ctx, filters)]


# --- seed -------------------------------------------------------------------------------

def _admin_project_id(sess):
    return identity.project_ids_by_name(sess, ['admin']).get('admin')


def seed(sess):
    """Create the shared ``private`` network and its subnet on a fresh deployment."""
    if sess.scalar(sa.select(sa.func.count()).select_from(models.Network)):
        return
    network = models.Network(name=SEED_NETWORK, project_id=_admin_project_id(sess), shared=True)
    sess.add(network)
    sess.flush()
    create_subnet(sess, network, **SEED_SUBNET)
