"""Interfaces of a server (``os-interface``): its ports in the network service."""

from novaapi.compute import actions
from novaapi.compute import operations as ops
from novaapi.compute import states as s
from novaapi.compute.subresources import common
from novaapi.compute.subresources import errors
from novaapi import exception
from novaapi.network import api as network

ATTACH = 'attach_interface'
DETACH = 'detach_interface'
# Nova's attach/detach_interface: these vm_states, no task, locked servers refused.
ALLOWED = (s.ACTIVE, s.PAUSED, s.STOPPED)


def get_all(sess, instance):
    return network.ports_for_device(sess, instance.uuid)


def get(sess, ctx, instance, port_id):
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


def attach(sess, ctx, instance, net_id=None, port_id=None, fixed_ip=None, tag=None):
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
            network.get_network(sess, ctx, net_id)
        net_id = net_id or _default_network(sess, owner, instance)
        try:
            port = network.allocate_port(sess, owner, net_id, instance.uuid, fixed_ip=fixed_ip,
                                         tag=tag)
        except exception.FixedIpAlreadyInUse:
            raise errors.FixedIpAlreadyInUse(address=fixed_ip,
                                             instance_uuid=instance.uuid) from None
    _record(sess, ctx, instance, ATTACH)
    return port


def detach(sess, ctx, instance, port_id):
    """Detach ``port_id``; an unattached port fails on the compute side only (Nova casts)."""
    common.check(ctx, instance, DETACH, ALLOWED)
    attached = {port.id for port in network.ports_for_device(sess, instance.uuid)}
    if port_id in attached:
        network.detach_port(sess, port_id)
    _record(sess, ctx, instance, DETACH, 'Success' if port_id in attached else 'Error')
