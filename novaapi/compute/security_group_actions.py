"""``addSecurityGroup`` / ``removeSecurityGroup``: the security group names a server lists."""

from novaapi.compute import guards
from novaapi.compute import server_values
from novaapi.db import engine
from novaapi import exception

_ANY = guards.Guard(None, None, lock=False, launched=False)


def add_security_group(ctx, server_id, name):
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-security-groups:add')
        groups = list(instance.security_groups or [])
        server_values.find_security_group(sess, ctx, name)
        if name in groups:
            raise exception.Invalid('Security group %s is already associated with the instance %s'
                                    % (name, instance.uuid))
        guards.transition(sess, ctx, instance, 'addSecurityGroup', _ANY,
                          {'security_groups': groups + [name]})


def remove_security_group(ctx, server_id, name):
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-security-groups:remove')
        groups = list(instance.security_groups or [])
        server_values.find_security_group(sess, ctx, name)
        if name not in groups:
            raise exception.Invalid('Security group %s not associated with the instance %s'
                                    % (name, instance.uuid))
        groups.remove(name)
        guards.transition(sess, ctx, instance, 'removeSecurityGroup', _ANY,
                          {'security_groups': groups})
