"""The network service as other services see it: ports of servers, their addresses, groups.

Compute reaches the network service only through these functions, as Nova
reaches Neutron.  Each takes an open session (the caller's transaction
commits), delegates to the domain modules, and speaks Nova's errors; calls
about many servers take the whole page at once.
"""

import ipaddress

from novaapi import exception
from novaapi.db import engine
from novaapi.identity import api as identity
from novaapi.network import auto_allocation
from novaapi.network import converters
from novaapi.network import floatingips
from novaapi.network import ipam
from novaapi.network import models
from novaapi.network import networks
from novaapi.network import ports
from novaapi.network import security_groups as groups
from novaapi.network import subnets
from novaapi.network import views

SEED_NETWORK = 'private'
SEED_SUBNET = dict(name='private-subnet', cidr='10.0.0.0/24', gateway_ip='10.0.0.1',
                   pool_start='10.0.0.2', pool_end='10.0.0.254', ip_version=4)
PUBLIC_NETWORK = 'public'
PUBLIC_SUBNET = dict(name='public-subnet', cidr='172.24.4.0/24', gateway_ip='172.24.4.1',
                     pool_start='172.24.4.2', pool_end='172.24.4.254', ip_version=4)


# --- networks ---------------------------------------------------------------------------

def check_network(sess, ctx, network_id):
    """Nothing if ``ctx`` may see the network ``network_id`` (a boot's or an attach's check).

    :raises exception.NetworkNotFound: unknown or not visible
    """
    networks.check_visible(sess, ctx, network_id)


def find_network_by_name(sess, ctx, name):
    """The oldest visible network called ``name``, or None."""
    return networks.find_by_name(sess, ctx, name)


def default_network_ids(sess, ctx):
    """The ids of :func:`default_networks` (all a boot's check needs), in one query."""
    return networks.auto_allocatable_ids(sess, ctx)


def default_networks(sess, ctx):
    """The networks ``networks: "auto"`` may use: the caller's own and shared ones, not external.

    Nova boots on the only one; more than one is ambiguous, none means no network.
    """
    return networks.auto_allocatable(sess, ctx)


def can_auto_allocate(sess, ctx):
    """Whether ``networks: "auto"`` could give the project a network of its own (Nova's
    dry-run of the auto-allocated topology)."""
    try:
        auto_allocation.check(sess)
    except auto_allocation.AutoAllocationFailure:
        return False
    return True


def auto_allocated_network(sess, ctx):
    """The project's own auto-allocated network (network, subnet and router built the first
    time), as Nova's ``networks: "auto"`` gets it.

    :raises exception.Invalid: it cannot be built, as Nova words it
    """
    try:
        return networks.find(sess, ctx, auto_allocation.ensure(sess, ctx, ctx.project_id))
    except exception.NovaException:
        raise exception.Invalid('Unable to automatically allocate a network for project %s'
                                % ctx.project_id) from None


# --- ports of servers -------------------------------------------------------------------

def get_port(sess, ctx, port_id):
    """The port ``port_id`` if ``ctx`` may see it.

    :raises exception.PortNotFound: unknown or not visible
    """
    return ports.find(sess, ctx, port_id)


def allocate_port(sess, ctx, network_id, device_id, fixed_ip=None, tag=None,
                  security_groups=None):
    """Create the port of a server interface on ``network_id`` (Nova's own port).

    :param security_groups: names or ids of the caller's groups the port joins
        (None: the project's ``default`` one)

    :returns: the :class:`~novaapi.network.models.Port`
    :raises exception.NetworkNotFound: the network is unknown or not visible
    :raises exception.InvalidInput: ``fixed_ip`` is outside the network's subnets
    :raises exception.FixedIpAlreadyInUse: ``fixed_ip`` is taken
    :raises exception.NoMoreFixedIps: the network has no free address
    """
    network = networks.find(sess, ctx, network_id, tags=False)
    requested = [{'ip_address': str(fixed_ip)}] if fixed_ip else []
    group_ids = None
    # Only ``default`` (every server that named no group): the project's default group, which
    # a network without port security leaves off, as Nova does, instead of refusing the port.
    if security_groups and list(security_groups) != [groups.DEFAULT]:
        group_ids = [find_security_group(sess, ctx, name).id for name in security_groups]
    try:
        return ports.insert_for_device(sess, ctx, network, device_id, requested, tag, group_ids)
    except (ipam.InvalidIpForNetwork, ValueError):
        raise exception.InvalidInput(reason='Fixed IP %s is not a valid ip address for '
                                            'network %s.' % (fixed_ip, network_id)) from None
    except ipam.IpAddressAlreadyAllocated:
        raise exception.FixedIpAlreadyInUse(
            message='Fixed IP %s is already in use.' % fixed_ip) from None
    except ipam.IpAddressGenerationFailure:
        raise exception.NoMoreFixedIps(net=network_id) from None
    except converters.OverQuota:
        raise exception.Forbidden('Maximum number of ports exceeded') from None


def bind_port(sess, ctx, port_id, device_id, tag=None):
    """Attach an existing port to a server.

    :raises exception.PortNotFound: unknown or not the caller's
    :raises exception.PortInUse: the port already belongs to a device
    """
    return ports.bind(sess, ctx, port_id, device_id, tag=tag)


def ports_for_device(sess, device_id):
    """The ports of a server, in the order they were attached."""
    return ports.of_device(sess, device_id)


def detach_port(sess, port_id):
    """Detach a port from its server: delete it when Nova created it, else unbind it.

    :returns: False when there was no such port
    """
    return ports.detach(sess, port_id)


def release_device(sess, device_id):
    """Detach every port of a server (when the server is deleted)."""
    ports.release(sess, device_id)


def addresses_for_device(sess, device_id):
    """A server's ``addresses``: ``{network_name: [{version, addr, OS-EXT-IPS:type,
    OS-EXT-IPS-MAC:mac_addr}]}`` in port order, as Nova shows them."""
    return addresses_for_devices(sess, [device_id])[device_id]


def addresses_for_devices(sess, device_ids):
    """:func:`addresses_for_device` of many servers in one query: ``{device_id: addresses}``."""
    return ports.views(sess, device_ids)[0]


def views_for_devices(sess, device_ids, memo=None):
    """What a page of server views needs of the network, in one statement:
    ``({device_id: addresses}, {device_id: [security group names]})`` (a server's groups are
    its ports' groups, in port order: a server without ports has none).

    With ``memo`` (the request's), for a reader's connection: what this worker read at the
    network's current generation is used again, shared (to read, not to change).
    """
    return ports.views(sess, device_ids, memo)


def bound_addresses(sess):
    """``(device_id, ip)`` of every fixed IP of a port bound to a device."""
    return ports.bound_addresses(sess)


def add_fixed_ip(sess, ctx, device_id, network_id):
    """One more address for the server's port on ``network_id``, from the first of the
    network's subnets that has one free (what Nova's ``addFixedIp`` asks of Neutron).

    :returns: the address, or None when the network is not visible, has no subnet, or no port
        of the server is on it, or every subnet is full
    """
    try:
        network = networks.find(sess, ctx, network_id)
    except exception.NetworkNotFound:
        return None
    for port in ports.of_device(sess, device_id):
        if port.network_id != network.id:
            continue
        current = [{'subnet_id': r.subnet_id, 'ip_address': r.ip_address} for r in port.fixed_ips]
        held = {entry['ip_address'] for entry in current}
        for subnet in network.subnets:
            try:
                # Nothing is written before a full subnet is found out.
                ports.change_fixed_ips(sess, port, current + [{'subnet_id': subnet.id}])
            except ipam.IpAddressGenerationFailure:
                continue
            ports.write(sess, port, {})
            return next(r.ip_address for r in port.fixed_ips if r.ip_address not in held)
    return None


def remove_fixed_ip(sess, device_id, address):
    """Take the fixed IP ``address`` off the server's port holding it (Nova's ``removeFixedIp``).

    :returns: False when no port of the server holds that address
    """
    address = str(ipaddress.ip_address(address))
    for port in ports.of_device(sess, device_id):
        rest = [{'subnet_id': r.subnet_id, 'ip_address': r.ip_address} for r in port.fixed_ips
                if r.ip_address != address]
        if len(rest) < len(port.fixed_ips):
            try:
                ports.change_fixed_ips(sess, port, rest)
            except ports.PortSecurityPortHasSecurityGroup:
                return False  # its last address, and the port is in groups: nothing written
            ports.write(sess, port, {})
            return True
    return False


# --- floating IPs (Nova's os-floating-ips up to 2.35, addFloatingIp up to 2.43) -----------

DEFAULT_FLOATING_POOL = PUBLIC_NETWORK
"""The pool (external network) a floating IP comes from when Nova is given none."""


def _floating_body(sess, fip):
    body = views.floating_ip(fip)
    network = sess.get(models.Network, fip.floating_network_id)
    body['network_details'] = {'id': network.id, 'name': network.name}
    return body


def floating_ip_bodies(ctx):
    """Neutron's bodies of the caller's project's floating IPs, each with ``network_details``
    (``{id, name}`` of its external network), oldest first."""
    with engine.transaction() as sess:
        found = floatingips.find_all(sess, ctx, {'project_id': [ctx.project_id]})
        return [_floating_body(sess, fip) for fip in found]


def floating_ip_body(ctx, floatingip_id):
    """:raises exception.NotFound: unknown or not visible, as Nova words it"""
    with engine.transaction() as sess:
        try:
            return _floating_body(sess, floatingips.find(sess, ctx, floatingip_id))
        except floatingips.FloatingIPNotFound:
            raise exception.NotFound('Floating IP not found for ID %s' % floatingip_id) from None


def floating_ip_pool_names(ctx):
    """The names of the external networks ``ctx`` sees (Nova's floating IP pools)."""
    with engine.transaction() as sess:
        return [n.name for n in networks.find_all(sess, ctx, {'external': [True]})]


def allocate_floating_ip(ctx, pool=None):
    """A new floating IP of the caller's project from ``pool`` (an external network's name or
    id; the default pool when None), as Nova's body of Neutron's.

    :raises exception.NotFound: no such pool, or no address left in it
    :raises exception.Forbidden: over the project's floating IP quota
    :raises exception.Invalid: any other refusal of the network service
    """
    name = pool or DEFAULT_FLOATING_POOL
    with engine.transaction() as sess:
        column = 'id' if _is_uuid(name) else 'name'
        found = networks.find_all(sess, ctx, {'external': [True], column: [name]})
        if len(found) != 1:
            if found:
                raise exception.NovaException("Multiple floating IP pools matches found for "
                                              "name '%s'" % name)
            raise exception.NotFound('Floating IP pool not found.')
        try:
            fip = floatingips.allocate(sess, ctx, found[0], ctx.project_id)
        except (floatingips.ExternalIpAddressExhausted, ipam.IpAddressGenerationFailure):
            raise exception.NotFound('No more floating IPs in pool %s.' % pool if pool
                                     else 'No more floating IPs available.') from None
        except converters.OverQuota:
            raise exception.Forbidden('IP allocation over quota in pool %s.' % pool if pool
                                      else 'IP allocation over quota.') from None
        except exception.NovaException as err:
            raise exception.Invalid(err.message) from None
        return _floating_body(sess, fip)


def _is_uuid(text):
    try:
        converters.uuid_value('id', text)
    except converters.InvalidInput:
        return False
    return True


def release_floating_ip(ctx, floatingip_id):
    """Disassociate and delete a floating IP of the caller's.

    :raises exception.NotFound: unknown or not visible, as Nova words it
    """
    with engine.transaction() as sess:
        try:
            fip = floatingips.find(sess, ctx, floatingip_id)
        except floatingips.FloatingIPNotFound:
            raise exception.NotFound('Floating IP not found for ID %s' % floatingip_id) from None
        floatingips.release(sess, fip)


def _floating_ip_by_address(sess, ctx, address):
    found = floatingips.find_all(sess, ctx, {'floating_ip_address': [address]})
    if not found:
        raise exception.NotFound('Floating IP not found for address %s.' % address)
    if len(found) > 1:
        raise exception.Conflict('Multiple floating IPs are found for address %s.' % address)
    return found[0]


def floating_ip_device(sess, ctx, address):
    """The device (server) id the floating IP ``address`` points at, or None.

    :raises exception.NotFound: no floating IP of the caller has that address
    """
    fip = _floating_ip_by_address(sess, ctx, address)
    if fip.port_id is None or fip.port is None:
        return None
    return fip.port.device_id or None


def associate_floating_ip(sess, ctx, device_id, address, fixed_address=None):
    """Point the caller's floating IP ``address`` at a server's fixed IP (``fixed_address``, or
    its first IPv4 one), as Nova's ``addFloatingIp`` does.

    :raises exception.Invalid: the server has no (such, or IPv4) fixed IP, or the network
        service refuses the association (no router to the external network, ...)
    :raises exception.NotFound: no floating IP of the caller has that address
    """
    fixed = [(port, ip.ip_address) for port in ports.of_device(sess, device_id)
             for ip in port.fixed_ips]
    if not fixed:
        raise exception.Invalid('No fixed IPs associated to instance')
    if fixed_address is not None:
        chosen = [(p, a) for p, a in fixed if a == fixed_address]
        if not chosen:
            raise exception.Invalid('Specified fixed address not assigned to instance')
    else:
        chosen = [(p, a) for p, a in fixed if ipaddress.ip_address(a).version == 4]
        if not chosen:
            raise exception.Invalid('Unable to associate floating IP %s to any fixed IPs for '
                                    'instance %s. Instance has no fixed IPv4 addresses to '
                                    'associate.' % (address, device_id))
    port, fixed_address = chosen[0]
    try:
        fip = _floating_ip_by_address(sess, ctx, address)
    except exception.NotFound:
        raise exception.NotFound('floating IP not found') from None
    try:
        floatingips.associate(sess, ctx, fip, port.id, fixed_address)
    except exception.Conflict as err:
        raise exception.Invalid(err.message) from None
    except exception.NovaException as err:
        raise exception.Invalid('Unable to associate floating IP %s to fixed IP %s for instance '
                                '%s. Error: %s' % (address, fixed_address, device_id,
                                                   err.message)) from None
    fip.revision_number += 1
    sess.flush()


def disassociate_floating_ip(sess, ctx, address):
    """Unlink the caller's floating IP ``address`` from its port.

    :raises exception.NotFound: no floating IP of the caller has that address
    """
    fip = _floating_ip_by_address(sess, ctx, address)
    floatingips.associate(sess, ctx, fip, None)
    fip.revision_number += 1
    sess.flush()


# --- security groups --------------------------------------------------------------------

def ensure_default_security_group(sess, project_id):
    """The project's ``default`` group, created the first time it is needed."""
    return groups.ensure_default(sess, project_id)


def list_security_groups(sess, ctx, filters=None):
    """The group rows ``ctx`` sees, oldest first (its project's ``default`` one created first)."""
    return groups.find_all(sess, ctx, filters)


def security_groups(sess, ctx, filters=None):
    """The groups ``ctx`` sees as Neutron's API shows them, rules included (for other services)."""
    return [views.security_group(row) for row in groups.find_all(sess, ctx, filters)]


def find_security_group(sess, ctx, name_or_id):
    """The caller's project's group with the id or (else) the name ``name_or_id``.

    :raises exception.SecurityGroupNotFound: none, as Nova says it
    :raises exception.NoUniqueMatch: several groups have that name
    """
    if name_or_id == groups.DEFAULT and ctx.project_id:
        # The name no other group may take: the project's own default one (every boot asks).
        return groups.ensure_default(sess, ctx.project_id)
    owned = groups.find_all(sess, ctx, {'project_id': [ctx.project_id]})
    found = [g for g in owned if g.id == name_or_id] or [g for g in owned if g.name == name_or_id]
    if not found:
        raise exception.NotFound('Security group %s is not found for project %s'
                                 % (name_or_id, ctx.project_id))
    if len(found) > 1:
        raise exception.Conflict('Multiple security groups found matching \'%s\'. Use an ID '
                                 'to be more specific.' % name_or_id)
    return found[0]


def security_group_ids_for_device(sess, device_id):
    """The ids of the groups of a server's ports, in port order, once each."""
    found = []
    for port in ports.of_device(sess, device_id):
        found.extend(g for g in port.security_group_ids if g not in found)
    return found


def add_device_security_group(sess, ctx, device_id, name_or_id):
    """Put every port of a server with port security in the group ``name_or_id``.

    :raises exception.NotFound: no such group in the caller's project
    :raises exception.Invalid: the server has no port or is in the group already
    """
    group = find_security_group(sess, ctx, name_or_id)
    found = ports.of_device(sess, device_id)
    if not found:
        raise exception.NotFound('instance_id %s could not be found as device id on any ports'
                                 % device_id)
    for port in found:
        if port.port_security_enabled is False or not port.fixed_ips:
            raise exception.Invalid('Network requires port_security_enabled and subnet '
                                    'associated in order to apply security groups.')
        if group.id in port.security_group_ids:
            raise exception.Invalid('Security group %s is already associated with the '
                                    'instance %s' % (name_or_id, device_id))
        current = groups.resolve_for_port(sess, ctx, port.project_id,
                                          port.security_group_ids + [group.id])
        ports.set_groups(sess, port, current)
        port.revision_number += 1
    return group


def remove_device_security_group(sess, ctx, device_id, name_or_id):
    """Take the group ``name_or_id`` off every port of a server.

    :raises exception.NotFound: no such group in the caller's project
    :raises exception.Invalid: no port of the server is in the group
    """
    group = find_security_group(sess, ctx, name_or_id)
    holding = [p for p in ports.of_device(sess, device_id) if group.id in p.security_group_ids]
    if not holding:
        raise exception.Invalid('Security group %s not associated with the instance %s'
                                % (name_or_id, device_id))
    for port in holding:
        remaining = [g for g in port.security_group_ids if g != group.id]
        ports.set_groups(sess, port, groups.resolve_for_port(sess, ctx, port.project_id,
                                                             remaining))
        port.revision_number += 1
    return group


# --- Nova's proxy APIs (os-networks, os-security-groups, ... up to 2.35) ------------------
# Each call below is one request to the network service, in a transaction of its own, as
# each of Nova's proxy calls is one Neutron request; it answers with Neutron's bodies and
# raises the network service's errors (exception.NotFound, Invalid and Conflict subclasses
# carrying Neutron's messages) for the caller to word as Nova does.

def network_bodies(ctx):
    """Neutron's bodies of the networks ``ctx`` sees."""
    with engine.transaction() as sess:
        return [views.network(row) for row in networks.find_all(sess, ctx)]


def network_body(ctx, network_id):
    """:raises exception.NetworkNotFound: unknown or not visible"""
    with engine.transaction() as sess:
        return views.network(networks.find(sess, ctx, network_id))


def security_group_bodies(ctx, project_id=None):
    """The groups ``ctx`` sees (only ``project_id``'s when given), rules included."""
    filters = {'project_id': [project_id]} if project_id else None
    with engine.transaction() as sess:
        return [views.security_group(row) for row in groups.find_all(sess, ctx, filters)]


def security_group_body(ctx, group_id):
    """:raises exception.NotFound: unknown or not visible"""
    with engine.transaction() as sess:
        return views.security_group(groups.find(sess, ctx, group_id))


def create_security_group(ctx, name, description):
    """:raises exception.Conflict: the name ``default``, or over quota"""
    return views.security_group(groups.create_security_group(
        ctx, {'name': name, 'description': description}))


def update_security_group(ctx, group_id, name, description):
    """:raises exception.NotFound: unknown group; exception.Conflict: renaming ``default``"""
    return views.security_group(groups.update_security_group(
        ctx, group_id, lambda: {'name': name, 'description': description}))


def delete_security_group(ctx, group_id):
    """:raises exception.NotFound: unknown group; exception.Conflict: in use"""
    groups.delete_security_group(ctx, group_id)


def security_group_rule_body(ctx, rule_id):
    """:raises exception.NotFound: unknown or not visible"""
    return views.security_group_rule(groups.get_rule(ctx, rule_id))


def create_security_group_rule(ctx, rule):
    """Neutron's body of the new rule from Neutron's attributes ``rule``.

    :raises exception.NotFound: unknown group; exception.Invalid: a bad rule;
        exception.Conflict: the rule exists, or over quota
    """
    (row,) = groups.create_rules(ctx, [rule])
    return views.security_group_rule(row)


def delete_security_group_rule(ctx, rule_id):
    """:raises exception.NotFound: unknown or not visible"""
    groups.delete_rule(ctx, rule_id)


# --- seed -------------------------------------------------------------------------------

def seed(sess):
    """Create the shared ``private`` network and the external ``public`` one (each with its
    subnet) when they are missing."""
    admin_project_id = identity.project_ids_by_name(sess, ['admin']).get('admin')
    if not networks.count(sess):
        network = networks.insert(sess, None, dict(name=SEED_NETWORK,
                                                   project_id=admin_project_id, shared=True))
        subnets.insert(sess, network, **SEED_SUBNET)
    if not networks.count(sess, external=True):
        network = networks.insert(sess, None, dict(name=PUBLIC_NETWORK,
                                                   project_id=admin_project_id, external=True,
                                                   is_default=True))
        subnets.insert(sess, network, **PUBLIC_SUBNET)
