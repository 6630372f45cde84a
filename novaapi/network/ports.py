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
import re
import uuid

import sqlalchemy as sa

from novaapi import exception
from novaapi.db import engine
from novaapi.db import generations
from novaapi.db import prepared
from novaapi.network import claims
from novaapi.network import converters
from novaapi.network import ipam
from novaapi.network import models
from novaapi.network import networks
from novaapi.network import policy
from novaapi.network import quotas
from novaapi.network import security_groups
from novaapi.network import tags as tag_rows

DEVICE_OWNER = 'compute:nova'
MAC_PREFIX = 'fa:16:3e'
MAC_ATTEMPTS = 16


class PortSecurityAndIPRequiredForSecurityGroups(exception.Invalid):
    msg_fmt = ('Port security must be enabled and port must have an IP address in order to use '
               'security groups.')


class PortSecurityPortHasSecurityGroup(exception.Conflict):
    msg_fmt = ('Port has security group associated. Cannot disable port security or IP address '
               'until security group is removed')


class AddressPairAndPortSecurityRequired(exception.Conflict):
    msg_fmt = 'Port Security must be enabled in order to have allowed address pairs on a port.'


class MacAddressInUse(exception.Conflict):
    msg_fmt = ('Unable to complete operation for network %(net_id)s. '
               'The mac address %(mac)s is in use.')


# --- helpers inside a caller's transaction -----------------------------------------------

def visible(query, ctx):
    """The ``get_port`` rule as a filter: the caller's own ports."""
    if policy.unrestricted(ctx, 'get_port'):
        return query
    return query.where(policy.owned(models.Port.project_id, ctx))


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


def insert(sess, ctx, network, values, fixed_ips=(), group_ids=None):
    """Create a port on ``network`` with a fresh unique MAC and its fixed IPs.

    :param values: column values (name, device_id, device_owner, project_id, ...)
    :param group_ids: the port's security groups (None: the project's ``default`` one,
        unless port security is off)
    :raises MacAddressInUse: the ``mac_address`` asked for is taken
    :raises exception.NovaException: the allocation errors of :func:`ipam.allocate_fixed_ips`
    """
    claims.begin_writing(sess)
    values = dict(values)
    values.setdefault('project_id', ctx.project_id)
    # NOTE: the groups first: a worker waiting on a contested address then holds no other lock.
    # A service's own port (a router gateway, a floating IP) belongs to no project.
    default = None
    if values['project_id']:
        default = security_groups.default_id(sess, values['project_id'])
        quotas.lock(sess, default)
    secured = values.get('port_security_enabled')
    if secured is None:
        secured = network.port_security_enabled is not False
        values['port_security_enabled'] = secured
    if group_ids is None:
        linked = [default] if secured and default is not None else []
    else:
        linked = [g.id for g in security_groups.resolve_for_port(sess, ctx, values['project_id'],
                                                                 group_ids)]
        if linked and not secured:
            raise PortSecurityAndIPRequiredForSecurityGroups()
    if values.get('allowed_address_pairs') and not secured:
        raise AddressPairAndPortSecurityRequired()
    mac = values.pop('mac_address', None)
    for _attempt in range(MAC_ATTEMPTS):
        # A new port has no group links yet: an empty list, not one read back to append to.
        port = models.Port(id=str(uuid.uuid4()), network_id=network.id,
                           mac_address=mac or random_mac(), security_groups=[], **values)
        if claims.insert(sess, port):
            break
        if mac:
            raise MacAddressInUse(net_id=network.id, mac=mac)
    else:
        raise MacAddressInUse(net_id=network.id, mac=port.mac_address)
    ipam.allocate_fixed_ips(sess, port, network, fixed_ips)
    for group_id in linked:
        port.security_groups.append(models.PortSecurityGroup(security_group_id=group_id))
    sess.flush()
    quotas.enforce(sess, values['project_id'], 'port')
    return port


def set_groups(sess, port, groups):
    """Put ``port`` in exactly ``groups`` (rows), keeping the links it already has."""
    wanted = [g.id for g in groups]
    for link in list(port.security_groups):
        if link.security_group_id not in wanted:
            port.security_groups.remove(link)
    have = set(port.security_group_ids)
    for group_id in wanted:
        if group_id not in have:
            port.security_groups.append(models.PortSecurityGroup(security_group_id=group_id))
    sess.flush()


def write(sess, port, values):
    """Set column ``values`` and count the revision."""
    for key, value in values.items():
        setattr(port, key, value)
    port.revision_number += 1
    sess.flush()
    return port


def _normal(address):
    return str(ipaddress.ip_address(address))


def change_fixed_ips(sess, port, wanted):
    """Give ``port`` exactly the fixed IPs ``wanted`` lists (Neutron's ``fixed_ips`` update).

    An entry with an address keeps it when the port holds it and claims it when not; an entry
    naming only a subnet keeps one of the port's other addresses there, or takes a free one.
    Addresses no entry accounts for are released first (a floating IP on one lets go).

    :param wanted: ``[{'ip_address'?, 'subnet_id'?}]`` as :func:`converters.fixed_ips` checks it
    :raises PortSecurityPortHasSecurityGroup: no address left while the port has groups
    :raises exception.NovaException: the allocation errors of :func:`ipam.allocate_fixed_ips`
    """
    spare = {row.ip_address: row for row in port.fixed_ips}
    kept, added = [], []
    for item in wanted:
        if item.get('ip_address'):
            row = spare.get(_normal(item['ip_address']))
            if row is not None and item.get('subnet_id') in (None, row.subnet_id):
                kept.append(spare.pop(row.ip_address))
            else:
                added.append(item)
    for item in wanted:
        if not item.get('ip_address'):
            row = next((r for r in spare.values() if r.subnet_id == item.get('subnet_id')), None)
            if row is not None:
                kept.append(spare.pop(row.ip_address))
            else:
                added.append(item)
    if not kept and not added and port.security_group_ids:
        raise PortSecurityPortHasSecurityGroup()
    if spare:
        disassociate_floating_ips(sess, [port.id], addresses=list(spare))
        for row in spare.values():
            port.fixed_ips.remove(row)
        sess.flush()
    if added:
        ipam.allocate_fixed_ips(sess, port, port.network, added)
    return port


def disassociate_floating_ips(sess, port_ids, addresses=None):
    """Unlink the floating IPs of ports about to go (Neutron does it when a port is deleted),
    or only those pointing at ``addresses`` of theirs (fixed IPs about to be released)."""
    if port_ids:
        fip = models.FloatingIP
        query = sa.update(fip).where(fip.port_id.in_(list(port_ids)))
        if addresses is not None:
            query = query.where(fip.fixed_ip_address.in_(list(addresses)))
        sess.execute(query.values(port_id=None, fixed_ip_address=None, router_id=None,
                                  revision_number=fip.revision_number + 1)
                     .execution_options(synchronize_session=False))


def remove(sess, port):
    disassociate_floating_ips(sess, [port.id])
    sess.delete(port)
    sess.flush()


# --- the ports of servers -----------------------------------------------------------------

_LAST_DEVICE_INDEX = prepared.Query(
    sa.select(sa.func.max(models.Port.device_index).label('device_index'))
    .where(models.Port.device_id == sa.bindparam('device_id', type_=models.Port.device_id.type)))


def _next_device_index(sess, device_id):
    sess.flush()  # the device's ports added in this transaction count
    current = _LAST_DEVICE_INDEX.scalar(sess, device_id=device_id)
    return 0 if current is None else current + 1


def insert_for_device(sess, ctx, network, device_id, fixed_ips=(), tag=None, group_ids=None):
    """Create Nova's own port of a server interface on ``network``, after the server's others.

    :raises: as :func:`insert`
    """
    values = dict(device_id=device_id, device_owner=DEVICE_OWNER, created_by_nova=True,
                  tag=tag, device_index=_next_device_index(sess, device_id))
    return insert(sess, ctx, network, values, fixed_ips, group_ids)


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
        disassociate_floating_ips(sess, [port.id])
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


def _address(address, kind, mac):
    # Stored addresses are valid ones: only an IPv6 address holds a colon.
    return {'version': 6 if ':' in address else 4, 'addr': address,
            'OS-EXT-IPS:type': kind, 'OS-EXT-IPS-MAC:mac_addr': mac}


def _views_statement():
    """The rows of :func:`views`: ``kind`` 'a' an address row, 'g' a security group's name."""
    port, ip, fip = models.Port, models.IPAllocation, models.FloatingIP
    link, group = models.PortSecurityGroup, models.SecurityGroup
    addresses = (sa.select(sa.literal('a').label('kind'), port.device_id, port.device_index,
                           port.created_at.label('port_created'), port.id.label('port_id'),
                           port.mac_address.label('mac'), models.Network.name.label('name'),
                           ip.ip_address.label('address'), fip.floating_ip_address.label('floating'),
                           ip.id.label('key1'), fip.created_at.label('key2'), fip.id.label('key3'))
                 .join(models.Network, models.Network.id == port.network_id)
                 .outerjoin(ip, ip.port_id == port.id)
                 .outerjoin(fip, sa.and_(fip.port_id == port.id, fip.fixed_ip_address == ip.ip_address))
                 .where(port.device_id.in_(sa.bindparam('devices', expanding=True))))
    names = (sa.select(sa.literal('g'), port.device_id, port.device_index, port.created_at, port.id,
                       sa.cast(sa.null(), port.mac_address.type), group.name,
                       sa.cast(sa.null(), ip.ip_address.type),
                       sa.cast(sa.null(), fip.floating_ip_address.type),
                       sa.cast(sa.null(), ip.id.type), group.created_at, group.id)
             .join(link, link.port_id == port.id)
             .join(group, group.id == link.security_group_id)
             .where(port.device_id.in_(sa.bindparam('devices_too', expanding=True))))
    both = sa.union_all(addresses, names).subquery()
    c = both.c
    return sa.select(both).order_by(c.kind, c.device_id, c.device_index, c.port_created, c.port_id,
                                    c.key1, c.key2, c.key3)


# Compiled once and run on the driver's cursor (every server view runs it).
_VIEWS = prepared.Query(_views_statement())


_KEPT_VIEWS = generations.ReadCache(models.GENERATION)


def views(sess, device_ids, memo=None):
    """The ``addresses`` and security group names of many servers in one statement.

    With ``memo`` (the request's, see ``generations.current``), ``sess`` is a reader's
    connection and the views this worker read at the current generation of the network's
    tables are used as they are (the answer is then shared: read it, do not change it).

    :returns: ``({device_id: {network_name: [{version, addr, OS-EXT-IPS:type,
        OS-EXT-IPS-MAC:mac_addr}]}}, {device_id: [group names]})``, both in port order,
        as Nova shows them; a group once per server
    """
    if memo is None:
        return _views(sess, device_ids)

    def load(missing):
        addresses, names = _views(sess, missing)
        return {device_id: (addresses[device_id], names[device_id]) for device_id in addresses}
    found = _KEPT_VIEWS.read(sess, device_ids, load, memo)
    return ({device_id: view[0] for device_id, view in found.items()},
            {device_id: view[1] for device_id, view in found.items()})


def _views(sess, device_ids):
    addresses = {device_id: collections.OrderedDict() for device_id in device_ids}
    names = {device_id: [] for device_id in addresses}
    if not addresses:
        return addresses, names
    rows = _VIEWS.rows(sess, devices=list(addresses), devices_too=list(addresses))
    seen, floating = set(), collections.defaultdict(list)
    for row in rows:
        if row.kind == 'g':
            if row.name not in names[row.device_id]:
                names[row.device_id].append(row.name)
            continue
        entries = addresses[row.device_id].setdefault(row.name, [])
        if row.address is not None and (row.port_id, row.address) not in seen:
            seen.add((row.port_id, row.address))
            entries.append(_address(row.address, 'fixed', row.mac))
        if row.floating is not None:
            floating[row.device_id, row.name].append(_address(row.floating, 'floating', row.mac))
    # NOTE: Nova lists a network's fixed addresses first, then its floating ones.
    for (device_id, network_name), entries in floating.items():
        addresses[device_id][network_name].extend(entries)
    return addresses, names


# --- one transaction a call ---------------------------------------------------------------

def _loaded(port):
    """``port`` with its fixed IPs and groups read, for views rendered after the session closes."""
    port.fixed_ips, port.security_groups, port.tag_rows  # noqa: B018 - loads the relationships
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


def _port_values(ctx, item, creating):
    """Column values from a port body's attributes (checked), and the groups it names."""
    values = {}
    for key in ('name', 'device_id', 'device_owner', 'description'):
        if key in item:
            values[key] = converters.string(key, item[key])
    for key in ('admin_state_up', 'port_security_enabled'):
        if key in item:
            values[key] = converters.boolean(key, item[key])
    if 'allowed_address_pairs' in item:
        values['allowed_address_pairs'] = _address_pairs(item['allowed_address_pairs'])
    if 'binding:host_id' in item:
        policy.authorize(ctx, ('create_port' if creating else 'update_port') + ':binding:host_id')
        values['binding_host_id'] = converters.string('binding:host_id', item['binding:host_id'])
    if 'mac_address' in item and creating:
        values['mac_address'] = _mac(item['mac_address'])
    return values


def _mac(value):
    if not isinstance(value, str) or not re.fullmatch(r'([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}', value):
        raise converters.InvalidInput(error_message="Invalid input for mac_address. Reason: '%s' "
                                      "is not a valid MAC address." % (value,))
    return value.lower()


def _address_pairs(value):
    if not isinstance(value, list) or not all(isinstance(p, dict) for p in value):
        raise converters.InvalidInput(error_message="Invalid input for allowed_address_pairs. "
                                      "Reason: '%s' is not a list of dicts." % (value,))
    pairs = []
    for pair in value:
        unknown = set(pair) - {'ip_address', 'mac_address'}
        if 'ip_address' not in pair or unknown:
            raise converters.InvalidInput(error_message="Invalid input for "
                                          "allowed_address_pairs. Reason: the pair %s needs "
                                          "ip_address (and mac_address at most)." % (pair,))
        address = pair['ip_address']
        if isinstance(address, str) and '/' in address:
            converters.cidr('ip_address', address)
        else:
            converters.ip('ip_address', address)
        entry = {'ip_address': address}
        if pair.get('mac_address') is not None:
            entry['mac_address'] = _mac(pair['mac_address'])
        pairs.append(entry)
    return pairs


def create_port(ctx, network_id, attributes):
    """A port on ``network_id`` with a fresh MAC and its fixed IPs, in its security groups.

    :param attributes: the body's attributes but network_id
    :raises exception.NetworkNotFound: unknown, or not visible to ``ctx``
    :raises policy.PolicyNotAuthorized: another project, asked for by a non-admin
    :raises converters.InvalidInput: malformed attributes
    :raises exception.NovaException: the allocation errors of :func:`insert`
    """
    with engine.transaction() as sess:
        network = networks.find(sess, ctx, network_id)
        item = dict(attributes)
        project_id = policy.owner(ctx, item, 'create_port')
        if network.external and not ctx.is_admin and not item.get('device_owner', '').startswith(
                'network:'):
            policy.authorize(ctx, 'create_port', {'project_id': network.project_id})
        values = _port_values(ctx, item, creating=True)
        values['project_id'] = project_id
        requested = converters.fixed_ips(item.get('fixed_ips', []))
        tags = tag_rows.checked(item['tags']) if 'tags' in item else []
        port = insert(sess, ctx, network, values, requested, item.get('security_groups'))
        tag_rows.replace(sess, port.id, tags)
        sess.expire(port, ['tag_rows'])
        return _loaded(port)


def update_port(ctx, port_id, read_attributes):
    """Update a port the caller may see.

    :param read_attributes: ``read_attributes()`` returns the body's attributes; it is
        called once the port is found, so an unknown port is refused first
    :raises exception.PortNotFound: unknown, or not visible to ``ctx``
    :raises converters.InvalidInput: malformed attributes
    :raises PortSecurityPortHasSecurityGroup: port security off with groups left
    """
    with engine.transaction() as sess:
        port = find(sess, ctx, port_id)
        policy.authorize(ctx, 'update_port', _target(port))
        item = dict(read_attributes())
        values = _port_values(ctx, item, creating=False)
        if 'security_groups' in item:
            groups = security_groups.resolve_for_port(sess, ctx, port.project_id,
                                                      item['security_groups'] or [])
            set_groups(sess, port, groups)
        secured = values.get('port_security_enabled', port.port_security_enabled is not False)
        if not secured and port.security_group_ids:
            raise PortSecurityPortHasSecurityGroup()
        if not secured and values.get('allowed_address_pairs', port.allowed_address_pairs):
            raise AddressPairAndPortSecurityRequired()
        if 'fixed_ips' in item:
            change_fixed_ips(sess, port, converters.fixed_ips(item['fixed_ips']))
        return _loaded(write(sess, port, values))


class ServicePortInUse(exception.Conflict):
    msg_fmt = 'Port %(port_id)s cannot be deleted directly via the port API: %(reason)s.'


SERVICE_OWNERS = (models.GATEWAY_OWNER, models.INTERFACE_OWNER, models.FLOATINGIP_OWNER)


def _serving(sess, port):
    """Whether the router or floating IP a service port belongs to still exists."""
    model = models.FloatingIP if port.device_owner == models.FLOATINGIP_OWNER else models.Router
    return sess.get(model, port.device_id) is not None


def delete_port(ctx, port_id):
    """:raises exception.PortNotFound: unknown, or not visible to ``ctx``
    :raises ServicePortInUse: a router's or floating IP's port (their APIs remove it)
    """
    with engine.transaction() as sess:
        port = find(sess, ctx, port_id)
        policy.authorize(ctx, 'delete_port', _target(port))
        if port.device_owner in SERVICE_OWNERS and _serving(sess, port):
            raise ServicePortInUse(port_id=port.id,
                                   reason='has device owner %s' % port.device_owner)
        remove(sess, port)
