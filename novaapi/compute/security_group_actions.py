"""``addSecurityGroup`` / ``removeSecurityGroup``: the groups of the server's ports change.

A server's security groups are its ports' groups (one truth, as with Nova over
Neutron); these actions update the ports through the network service.
"""

from novaapi.compute import guards
from novaapi.compute import operations as ops
from novaapi.db import engine
from novaapi.network import api as network_api


def add_security_group(ctx, server_id, name):
    """Put the server's ports in the caller's group ``name`` (a name or an id).

    :raises exception.NotFound: unknown server, or group, or a server without ports
    :raises exception.Invalid: a port is in the group already or has no port security
    :raises exception.Conflict: several groups have that name
    """
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-security-groups:add')
        network_api.add_device_security_group(sess, ops.owner_context(instance), instance.uuid,
                                              name)


def remove_security_group(ctx, server_id, name):
    """Take the caller's group ``name`` off the server's ports.

    :raises exception.NotFound: unknown server or group
    :raises exception.Invalid: no port of the server is in the group
    """
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-security-groups:remove')
        network_api.remove_device_security_group(sess, ops.owner_context(instance),
                                                 instance.uuid, name)
