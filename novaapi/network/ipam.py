"""Fixed-IP allocation: each address of a subnet belongs to one port, even under concurrency.

A fixed IP is claimed by inserting its ``(subnet_id, ip_address)`` row inside a
savepoint (:mod:`claims`): when another worker took the address first the
insert fails with an IntegrityError and the next free address is tried.  On
PostgreSQL and MariaDB the subnet rows are locked first, so allocations on a
subnet take turns; the unique key stays the safety net.
"""

import ipaddress

import sqlalchemy as sa

from novaapi import exception
from novaapi.network import claims
from novaapi.network import models
from novaapi.network import subnets


class InvalidIpForNetwork(exception.Invalid):
    msg_fmt = ('IP address %(ip_address)s is not a valid IP for any of the subnets '
               'on the specified network.')


class IpAddressAlreadyAllocated(exception.Conflict):
    msg_fmt = 'IP address %(ip)s already allocated in subnet %(subnet_id)s'


class IpAddressGenerationFailure(exception.Conflict):
    msg_fmt = 'No more IP addresses available on network %(net_id)s.'


def _addresses(subnet):
    """Every address of the subnet's allocation pools, in order (lazily: pools may be huge)."""
    for pool in subnet.pools:
        start = int(ipaddress.ip_address(pool['start']))
        end = int(ipaddress.ip_address(pool['end']))
        yield from range(start, end + 1)


def _lock_subnet(sess, subnet):
    """Serialize allocations on a subnet until commit (PostgreSQL and MariaDB row lock).

    NOTE: concurrent inserts racing for one address deadlock on InnoDB's gap
    locks; taking turns avoids the race, the unique key stays the safety net.
    """
    if claims.first_lock(sess, ('subnet', subnet.id)):
        sess.execute(sa.select(models.Subnet.id).where(models.Subnet.id == subnet.id)
                     .with_for_update())


_TAKEN = 'ipam_taken'
"""``sess.info`` key: ``{subnet id: addresses taken}`` read once a transaction.  The subnet's
lock (:func:`_lock_subnet`, SQLite's write lock) is held until commit, so no one else
allocates there meanwhile; a batch of builds then reads a subnet's addresses once, not once
a server.  An address freed later in the same transaction is only offered again after it."""


def _taken(sess, subnet):
    known = sess.info.setdefault(_TAKEN, {})
    if subnet.id not in known:
        # A locking read sees the latest commits, past a REPEATABLE READ snapshot.
        rows = sess.scalars(sa.select(models.IPAllocation.ip_address)
                            .where(models.IPAllocation.subnet_id == subnet.id)
                            .with_for_update(read=True))
        known[subnet.id] = {int(ipaddress.ip_address(ip)) for ip in rows}
    return known[subnet.id]


def _claim(sess, port, subnet, address):
    claimed = claims.insert_values(sess, models.IPAllocation.__table__,
                                   {'port_id': port.id, 'subnet_id': subnet.id,
                                    'network_id': subnet.network_id,
                                    'ip_address': str(ipaddress.ip_address(address))})
    known = sess.info.get(_TAKEN, {}).get(subnet.id)
    if known is not None:
        known.add(int(ipaddress.ip_address(address)))
    return claimed


def _allocate_any(sess, port, subnet):
    """Claim the lowest free pool address; clashes with other workers move on to the next."""
    clashed = set()
    while True:
        taken = _taken(sess, subnet)
        taken = taken | clashed if clashed else taken
        address = next((a for a in _addresses(subnet) if a not in taken), None)
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
    :raises subnets.SubnetNotFound: a requested subnet is not the network's
    """
    claims.begin_writing(sess)
    by_id = {s.id: s for s in network.subnets}
    for subnet in network.subnets:
        _lock_subnet(sess, subnet)
    wanted = list(requested) or [{'subnet_id': s.id} for s in network.subnets[:1]]
    for item in wanted:
        if item.get('ip_address'):
            address = ipaddress.ip_address(item['ip_address'])
            subnet = by_id.get(item.get('subnet_id')) or _subnet_for(network, address)
            if address not in ipaddress.ip_network(subnet.cidr):
                raise InvalidIpForNetwork(ip_address=str(address))
            if not _claim(sess, port, subnet, address):
                raise IpAddressAlreadyAllocated(ip=str(address), subnet_id=subnet.id)
        else:
            subnet = by_id.get(item.get('subnet_id'))
            if subnet is None:
                raise subnets.SubnetNotFound(subnet_id=item.get('subnet_id'))
            if not _allocate_any(sess, port, subnet):
                raise IpAddressGenerationFailure(net_id=network.id)
    sess.expire(port, ['fixed_ips'])
