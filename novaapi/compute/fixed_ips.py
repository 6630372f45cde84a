"""The multinic server actions up to 2.43: one more fixed IP for a server on one of its
networks (``addFixedIp``), or one fewer (``removeFixedIp``), over the network service.

Nova casts both to the server's compute host and answers 202 before anything happens;
what the host cannot do (no port of the server on that network, a full subnet, an address
the server does not hold) is only logged there and changes nothing.  Here the change is
made at once, in the request's transaction, and what cannot be done is logged the same way.
"""

import logging

from novaapi.compute import guards
from novaapi.db import engine
from novaapi.network import api as network_api

LOG = logging.getLogger(__name__)

# Nova checks only the lock (its check_instance_lock), whatever the server's state.
_LOCK_ONLY = guards.Guard(None, None, launched=False)


def _server(sess, ctx, server_id, rule, action):
    instance = guards.server(sess, ctx, server_id, rule, of_user=False)
    _LOCK_ONLY.check(ctx, instance, action)
    return instance


def add_fixed_ip(ctx, server_id, network_id):
    """:raises exception.InstanceNotFound: / :raises exception.InstanceIsLocked:"""
    with engine.transaction() as sess:
        instance = _server(sess, ctx, server_id, 'os-multinic:add', 'addFixedIp')
        address = network_api.add_fixed_ip(sess, ctx, instance.uuid, network_id)
        if address is None:
            LOG.info('addFixedIp: server %s got no address on network %s (no port of it there, '
                     'or no free address)', instance.uuid, network_id)
            return
        guards.cas_update(sess, instance, {})


def remove_fixed_ip(ctx, server_id, address):
    """:raises exception.InstanceNotFound: / :raises exception.InstanceIsLocked:"""
    with engine.transaction() as sess:
        instance = _server(sess, ctx, server_id, 'os-multinic:remove', 'removeFixedIp')
        if not network_api.remove_fixed_ip(sess, instance.uuid, address):
            LOG.info('removeFixedIp: server %s holds no removable fixed IP %s',
                     instance.uuid, address)
            return
        guards.cas_update(sess, instance, {})
