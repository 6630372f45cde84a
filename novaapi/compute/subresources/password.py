"""The encrypted password a guest posted for its server (``os-server-password``)."""

from novaapi.compute import models
from novaapi.compute.subresources import common
from novaapi.db import engine


def _get(sess, instance):
    """The stored password, ``''`` when there is none."""
    row = sess.get(models.InstancePassword, instance.uuid)
    return (row.password if row is not None else None) or ''


def set_password(sess, instance, password):
    """Store what the guest posted (the metadata service's job in Nova)."""
    row = sess.get(models.InstancePassword, instance.uuid)
    if row is None:
        sess.add(models.InstancePassword(instance_uuid=instance.uuid, password=password))
    else:
        row.password = password
    sess.flush()


def _clear(sess, instance):
    """Forget the password (the server's own password is unchanged)."""
    row = sess.get(models.InstancePassword, instance.uuid)
    if row is not None:
        row.password = None


def show_password(ctx, server_id):
    """The server's stored password, ``''`` when there is none."""
    with engine.transaction() as sess:
        return _get(sess, common.server(sess, ctx, server_id, 'os-server-password:show'))


def clear_password(ctx, server_id):
    with engine.transaction() as sess:
        _clear(sess, common.server(sess, ctx, server_id, 'os-server-password:clear'))
