"""Nova's floating IP proxy (``os-floating-ips``, ``os-floating-ip-pools`` up to 2.35) and the
``addFloatingIp`` / ``removeFloatingIp`` server actions (up to 2.43), over the network service.

Floating IPs live in the network service, as in Neutron; Nova only proxies
them.  Each proxy call is one request to the network service (one transaction
of its own there); the server actions read the server and change the floating
IP in one transaction.
"""

from novaapi import exception
from novaapi.compute import guards
from novaapi.compute import policy
from novaapi.db import engine
from novaapi.network import api as network_api


def _view(body):
    """Nova's view of Neutron's floating IP body."""
    details = body.get('port_details') or {}
    network = body['network_details']
    return {'id': body['id'], 'ip': body['floating_ip_address'],
            'fixed_ip': body['fixed_ip_address'], 'instance_id': details.get('device_id') or None,
            'pool': network['name'] or network['id']}


def list_floating_ips(ctx):
    policy.authorize(ctx, 'os-floating-ips:list', target={'project_id': ctx.project_id})
    return [_view(body) for body in network_api.floating_ip_bodies(ctx)]


def get_floating_ip(ctx, floating_ip_id):
    """:raises exception.NotFound: unknown or another project's"""
    policy.authorize(ctx, 'os-floating-ips:show', target={'project_id': ctx.project_id})
    return _view(network_api.floating_ip_body(ctx, floating_ip_id))


def allocate_floating_ip(ctx, pool):
    """:raises exception.NotFound: no such pool, or none left; exception.Forbidden: quota"""
    policy.authorize(ctx, 'os-floating-ips:create', target={'project_id': ctx.project_id})
    return _view(network_api.allocate_floating_ip(ctx, pool))


def release_floating_ip(ctx, floating_ip_id):
    """Disassociate and delete a floating IP.

    :raises exception.NotFound: unknown or another project's
    """
    policy.authorize(ctx, 'os-floating-ips:delete', target={'project_id': ctx.project_id})
    network_api.release_floating_ip(ctx, floating_ip_id)


def pool_names(ctx):
    policy.authorize(ctx, 'os-floating-ip-pools', target={})
    return network_api.floating_ip_pool_names(ctx)


def add_floating_ip(ctx, server_id, address, fixed_address=None):
    """Point the caller's floating IP ``address`` at the server's fixed IP.

    :raises exception.NotFound: unknown server, or no floating IP with that address
    :raises exception.Invalid: no such fixed IP, or the association is refused
    """
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-floating-ips:add', of_user=False)
        network_api.associate_floating_ip(sess, ctx, instance.uuid, address, fixed_address)


def remove_floating_ip(ctx, server_id, address):
    """Unlink the floating IP ``address`` from the server it points at.

    :raises exception.NotFound: no floating IP with that address, or its server is gone
    :raises exception.Conflict: it does not point at this server
    """
    with engine.transaction() as sess:
        device_id = network_api.floating_ip_device(sess, ctx, address)
        instance = None
        if device_id is not None:
            instance = guards.server(sess, ctx, device_id, 'os-floating-ips:remove',
                                     of_user=False)
        else:
            # NOTE: Nova checks an empty target here, which only an admin passes.
            policy.authorize(ctx, 'os-floating-ips:remove', target={'project_id': None})
        if instance is None or instance.uuid != server_id:
            raise exception.Conflict('Floating IP %s is not associated with instance %s.'
                                     % (address, server_id))
        network_api.disassociate_floating_ip(sess, ctx, address)
