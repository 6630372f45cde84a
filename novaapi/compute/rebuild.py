"""Rebuilding a server on an image (``rebuild``) and booting it from a rescue image (``rescue``)."""

import sqlalchemy as sa

from novaapi.compute import actions
from novaapi.compute import guards
from novaapi.compute import hosts
from novaapi.compute import instances
from novaapi.compute import models
from novaapi.compute import quotas
from novaapi.compute import server_values
from novaapi.compute import states as s
from novaapi.db import engine
from novaapi import exception
from novaapi.image import api as image_api

_REBUILDABLE = (s.ACTIVE, s.STOPPED, s.ERROR)


def rebuild(ctx, server_id, image_ref, password, changes):
    """``changes``: display_name, display_description, metadata, access IPs, key_name,
    user_data, trusted_certs, hostname, auto_disk_config (only the keys given).

    :returns: ``(instance, extra)`` as rebuilt, for the view
    """
    guard = guards.Guard(_REBUILDABLE)
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'servers:rebuild', of_user=False)
        guard.check(ctx, instance, 'rebuild')
        image = server_values.active_image(sess, ctx, image_ref, 'Cannot find image for rebuild')
        values = {k: v for k, v in changes.items() if k != 'metadata'}
        if 'key_name' in changes:
            values['key_data'] = server_values.key_data(sess, ctx, changes['key_name'])
        if not hosts.is_volume_backed(instance):
            values.update(image_ref=image.id, image_meta=image_api.image_meta_for_server(image))
        values['admin_password_hash'] = server_values.hash_password(password)
        if 'metadata' in changes:
            quotas.check_metadata_items(sess, ctx.project_id, ctx.user_id, changes['metadata'])
            _replace_metadata(sess, instance, changes['metadata'])
        guards.start_operation(sess, ctx, instance, 'rebuild', guard, 'rebuild', actions.REBUILD,
                               extra=values)
        return instance, instances.extras(sess, [instance])[instance.uuid]


def _replace_metadata(sess, instance, metadata):
    sess.execute(sa.delete(models.InstanceMetadata).where(
        models.InstanceMetadata.instance_uuid == instance.uuid))
    for key, value in metadata.items():
        sess.add(models.InstanceMetadata(instance_uuid=instance.uuid, key=key, value=value))


def rescue(ctx, server_id, password, rescue_image_ref=None):
    with engine.transaction() as sess:
        instance = guards.server(sess, ctx, server_id, 'os-rescue')
        if hosts.is_volume_backed(instance):
            raise exception.Invalid('Instance %s cannot be rescued: Cannot rescue a volume-backed '
                                    'instance' % instance.uuid)
        if rescue_image_ref:
            server_values.active_image(sess, ctx, rescue_image_ref)
        guards.start_operation(sess, ctx, instance, 'rescue', guards.Guard(_REBUILDABLE), 'rescue',
                               actions.RESCUE, data={'rescue_image_ref': rescue_image_ref},
                               extra={'admin_password_hash': server_values.hash_password(password)})
