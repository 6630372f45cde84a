"""Ports as the network endpoint serves them: Neutron's rules and policy, one transaction a call.

Each function takes the caller's context and plain arguments and returns
loaded rows (fixed IPs and security groups included) for views rendered
after the commit.  Allocation and the queries are :mod:`novaapi.network.api`'s.
"""

from novaapi.db import engine
from novaapi.network import api
from novaapi.network import converters
from novaapi.network import policy


def _loaded(port):
    """``port`` with its fixed IPs and groups read, for views rendered after the session closes."""
    port.fixed_ips, port.security_groups  # noqa: B018 - loads the relationships
    return port


def _target(port):
    return {'project_id': port.project_id}


def list_ports(ctx, filters=None, ip_addresses=()):
    """The ports ``ctx`` may see, oldest first (arguments as :func:`api.list_ports`)."""
    with engine.transaction() as sess:
        return api.list_ports(sess, ctx, filters, ip_addresses)


def get_port(ctx, port_id):
    """:raises exception.PortNotFound: unknown, or not visible to ``ctx``"""
    with engine.transaction() as sess:
        return api.get_port(sess, ctx, port_id)


def create_port(ctx, network_id, attributes):
    """A port on ``network_id`` with a fresh MAC and its fixed IPs, in the project's default group.

    :param attributes: name, device_id, device_owner, fixed_ips, admin_state_up,
        mac_address, description, project_id (or tenant_id), security_groups (ignored)
    :raises exception.NetworkNotFound: unknown, or not visible to ``ctx``
    :raises policy.PolicyNotAuthorized: another project, asked for by a non-admin
    :raises converters.InvalidInput: malformed fixed IPs or admin_state_up
    :raises exception.NovaException: the allocation errors of :func:`api.create_port`
    """
    with engine.transaction() as sess:
        network = api.get_network(sess, ctx, network_id)
        values = dict(attributes)
        values['project_id'] = policy.owner(ctx, values, 'create_port')
        requested = converters.fixed_ips(values.pop('fixed_ips', []))
        values.pop('security_groups', None)
        if 'admin_state_up' in values:
            values['admin_state_up'] = converters.to_bool(values['admin_state_up'])
        return _loaded(api.create_port(sess, ctx, network, values, requested))


def update_port(ctx, port_id, read_attributes):
    """Update a port the caller may see; a ``None`` text attribute becomes empty.

    :param read_attributes: ``read_attributes()`` returns the attributes to set
        (name, device_id, device_owner, admin_state_up, description); it is
        called once the port is found, so an unknown port is refused first
    :raises exception.PortNotFound: unknown, or not visible to ``ctx``
    :raises converters.InvalidInput: admin_state_up is not a boolean
    """
    with engine.transaction() as sess:
        port = api.get_port(sess, ctx, port_id)
        policy.authorize(ctx, 'update_port', _target(port))
        values = dict(read_attributes())
        if 'admin_state_up' in values:
            values['admin_state_up'] = converters.to_bool(values['admin_state_up'])
        values.update({k: '' for k, v in values.items() if v is None and k != 'admin_state_up'})
        return _loaded(api.update_port(sess, port, values))


def delete_port(ctx, port_id):
    """:raises exception.PortNotFound: unknown, or not visible to ``ctx``"""
    with engine.transaction() as sess:
        port = api.get_port(sess, ctx, port_id)
        policy.authorize(ctx, 'delete_port', _target(port))
        api.delete_port(sess, port)
