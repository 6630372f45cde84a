"""The network service as other services see it: ports of servers, their addresses, groups.

Compute reaches the network service only through these functions, as Nova
reaches Neutron.  Each takes an open session (the caller's transaction
commits), delegates to the domain modules, and speaks Nova's errors; calls
about many servers take the whole page at once.
"""

from novaapi import exception
from novaapi.identity import api as identity
from novaapi.network import ipam
from novaapi.network import networks
from novaapi.network import ports
from novaapi.network import security_groups as groups
from novaapi.network import subnets
from novaapi.network import views

SEED_NETWORK = 'private'
SEED_SUBNET = dict(name='private-subnet', cidr='10.0.0.0/24', gateway_ip='10.0.0.1',
                   pool_start='10.0.0.2', pool_end='10.0.0.254', ip_version=4)


# --- networks ---------------------------------------------------------------------------

def get_network(sess, ctx, network_id):
    """The network ``network_id`` if ``ctx`` may see it.

    :raises exception.NetworkNotFound: unknown or not visible
    """
    return networks.find(sess, ctx, network_id)


def find_network_by_name(sess, ctx, name):
    """The oldest visible network called ``name``, or None."""
    return networks.find_by_name(sess, ctx, name)


def default_networks(sess, ctx):
    """The networks ``networks: "auto"`` may use: the caller's own and shared ones, not external.

    Nova boots on the only one; more than one is ambiguous, none means no network.
    """
    return networks.auto_allocatable(sess, ctx)


# --- ports of servers -------------------------------------------------------------------

def get_port(sess, ctx, port_id):
    """The port ``port_id`` if ``ctx`` may see it.

    :raises exception.PortNotFound: unknown or not visible
    """
    return ports.find(sess, ctx, port_id)


def allocate_port(sess, ctx, network_id, device_id, fixed_ip=None, tag=None):
    """Create the port of a server interface on ``network_id`` (Nova's own port).

    :returns: the :class:`~novaapi.network.models.Port`
    :raises exception.NetworkNotFound: the network is unknown or not visible
    :raises exception.InvalidInput: ``fixed_ip`` is outside the network's subnets
    :raises exception.FixedIpAlreadyInUse: ``fixed_ip`` is taken
    :raises exception.NoMoreFixedIps: the network has no free address
    """
    network = networks.find(sess, ctx, network_id)
    requested = [{'ip_address': str(fixed_ip)}] if fixed_ip else []
    try:
        return ports.insert_for_device(sess, ctx, network, device_id, requested, tag)
    except (ipam.InvalidIpForNetwork, ValueError):
        raise exception.InvalidInput(reason='Fixed IP %s is not a valid ip address for '
                                            'network %s.' % (fixed_ip, network_id)) from None
    except ipam.IpAddressAlreadyAllocated:
        raise exception.FixedIpAlreadyInUse(
            message='Fixed IP %s is already in use.' % fixed_ip) from None
    except ipam.IpAddressGenerationFailure:
        raise exception.NoMoreFixedIps(net=network_id) from None


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
    return ports.addresses(sess, device_ids)


def bound_addresses(sess):
    """``(device_id, ip)`` of every fixed IP of a port bound to a device."""
    return ports.bound_addresses(sess)


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


# --- seed -------------------------------------------------------------------------------

def seed(sess):
    """Create the shared ``private`` network and its subnet on a fresh deployment."""
    if networks.count(sess):
        return
    admin_project_id = identity.project_ids_by_name(sess, ['admin']).get('admin')
    network = networks.insert(sess, None, dict(name=SEED_NETWORK, project_id=admin_project_id,
                                               shared=True))
    subnets.insert(sess, network, **SEED_SUBNET)
