"""A server's addresses per network (``/servers/{id}/ips``), from the network service's ports."""

from novaapi.compute.subresources import common
from novaapi.compute.subresources import errors
from novaapi.db import engine
from novaapi.network import api as network


def list_addresses(ctx, server_id):
    """``{network name: [address entries]}`` of the server, in port order."""
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, 'ips:index')
        return network.addresses_for_device(sess, instance.uuid)


def show_addresses(ctx, server_id, label):
    """The server's addresses on the network named ``label``, as :func:`list_addresses`.

    :raises errors.NotAMemberOfNetwork: the server has no port on that network
    """
    with engine.transaction() as sess:
        instance = common.server(sess, ctx, server_id, 'ips:show')
        addresses = network.addresses_for_device(sess, instance.uuid)
    if label not in addresses:
        raise errors.NotAMemberOfNetwork()
    return addresses
