"""Interfaces of a server (``os-interface``): its ports in the network service."""

from novaapi.compute import actions
from novaapi.compute import operations as ops
from novaapi.compute import states as s
from novaapi.compute.subresources import common
from novaapi.compute.subresources import errors
from novaapi.db import engine
from novaapi import exception
from novaapi.network import api as network

ATTACH = 'attach_interface'
DETACH = 'detach_interface'
# Nova's attach/detach_interface: these vm_states, no task, locked servers refused.
ALLOWED = (s.ACTIVE, s.PAUSED, s.STOPPED)


def _get_all(sess, instance):
    return network.ports_for_device(sess, instance.uuid)


def _get(sess, ctx, instance, port_id):
    """:raises exception.PortNotFound: / :raises errors.InterfaceNotAttached:"""
    port = network.get_port(sess, ctx, port_id)
    if port.device_id != instance.uuid:
        raise errors.InterfaceNotAttached(instance=instance.uuid, port=port_id)
    return port


def _record(sess, ctx, instance, action, result='Success'):
    row = actions.record(sess, ctx, instance.uuid, action)
    actions.start_event(sess, row.id, 'compute_' + action, host=instance.host)
    actions.finish_events(sess, row.id, result=result)


def _default_network(sess, owner, instance):
    networks = network.default_networks(sess, owner)
    if not networks:
        raise errors.InterfaceAttachFailedNoNetwork(project_id=instance.project_id)
    if len(networks) > 1:
        raise errors.NetworkAmbiguous()
    return networks[0].id


def _attach(sess, ctx, instance, net_id=None, port_id=None, fixed_ip=None, tag=None):
    """Attach ``port_id``, or a new port on ``net_id`` (else the only available network).

    :returns: the port
    :raises exception.PortNotFound: / :raises exception.PortInUse: / :raises
        exception.NetworkNotFound: / :raises errors.FixedIpAlreadyInUse: / state errors
    """
    common.check(ctx, instance, ATTACH, ALLOWED)
    if port_id:
        port = network.bind_port(sess, ctx, port_id, instance.uuid, tag=tag)
    else:
        owner = ops.owner_context(instance)
        if net_id:
            network.check_network(sess, ctx, net_id)
        net_id = net_id or _default_network(sess, owner, instance)
        try:
            port = network.allocate_port(sess, owner, net_id, instance.uuid, fixed_ip=fixed_ip,
                                         tag=tag)
        except exception.FixedIpAlreadyInUse:
            raise errors.FixedIpAlreadyInUse(address=fixed_ip,
                                             instance_uuid=instance.uuid) from None
    _record(sess, ctx, instance, ATTACH)
    return port


def _detach(sess, ctx, instance, port_id):
    """Detach ``port_id``; an unattached port fails on the compute side only (Nova casts)."""
    common.check(ctx, instance, DETACH, ALLOWED)
    attached = {port.id for port in network.ports_for_device(sess, instance.uuid)}
    if port_id in attached:
        network.detach_port(sess, port_id)
    _record(sess, ctx, instance, DETACH, 'Success' if port_id in attached else 'Error')


def list_interfaces(ctx, server_id):
    """The server's ports, in the order they were attached."""
    with engine.transaction() as sess:
        return _get_all(sess, common.server(sess, ctx, server_id, 'os-attach-interfaces:list'))


def _show(sess, ctx, server_id, port_id):
    instance = common.server(sess, ctx, server_id, 'os-attach-interfaces:show')
    return _get(sess, ctx, instance, port_id)


def show_interface(ctx, server_id, port_id):
    """:raises exception.PortNotFound: / :raises errors.InterfaceNotAttached:"""
    with engine.transaction() as sess:
        return _show(sess, ctx, server_id, port_id)


def attach_interface(ctx, server_id, net_id=None, port_id=None, fixed_ip=None, tag=None):
    """Attach a port to the server (see :func:`_attach`); returns it as :func:`show_interface`.

    :raises exception.Invalid: both a network and a port, or an address without its network
    """
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, 'os-attach-interfaces:create', lock=True)
        if net_id and port_id:
            raise exception.Invalid('Must not input both network_id and port_id')
        if fixed_ip and not net_id:
            raise exception.Invalid('Must input network_id when request IP address')
        port = _attach(sess, ctx, instance, net_id, port_id, fixed_ip, tag)
        return _show(sess, ctx, server_id, port.id)


def detach_interface(ctx, server_id, port_id):
    """Detach ``port_id`` from the server (see :func:`_detach`)."""
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, 'os-attach-interfaces:delete', lock=True)
        _detach(sess, ctx, instance, port_id)
