"""Glance's unified-limit quotas: images, images being uploaded, MiB stored and MiB staged
per project.

Glance enforces them only with ``use_keystone_limits``; without it (its default,
and this site's) nothing is counted and ``/v2/info/usage`` is empty.  The limits
come from the ``[image]`` options, which stand in for Keystone's registered
limits.  Each check runs in the caller's transaction.
"""

import sqlalchemy as sa

from novaapi import conf
from novaapi import exception
from novaapi.image import models

MiB = 1024 * 1024
IMAGE_SIZE_TOTAL = 'image_size_total'
IMAGE_STAGE_TOTAL = 'image_stage_total'
IMAGE_COUNT_TOTAL = 'image_count_total'
IMAGE_COUNT_UPLOADING = 'image_count_uploading'
RESOURCES = (IMAGE_SIZE_TOTAL, IMAGE_STAGE_TOTAL, IMAGE_COUNT_TOTAL, IMAGE_COUNT_UPLOADING)
UPLOADING = ('saving', 'uploading', 'importing')


class LimitExceeded(exception.NovaException):
    code = 413
    msg_fmt = ('The request returned a 413 Request Entity Too Large. This generally means that '
               'rate limiting or a quota threshold was breached.\n\nThe response body:\n'
               '%(body)s')


def enabled():
    return conf.CONF.image.use_keystone_limits


def _usage(sess, project_id, resource):
    img = models.Image
    owned = sa.select(img).where(img.owner == project_id).subquery()
    if resource == IMAGE_COUNT_TOTAL:
        return sess.scalar(sa.select(sa.func.count()).select_from(owned))
    if resource == IMAGE_COUNT_UPLOADING:
        return sess.scalar(sa.select(sa.func.count()).select_from(owned)
                           .where(owned.c.status.in_(UPLOADING)))
    statuses = ('uploading', 'importing') if resource == IMAGE_STAGE_TOTAL else (
        'active', 'deactivated')
    total = sess.scalar(sa.select(sa.func.coalesce(sa.func.sum(owned.c.size), 0))
                        .where(owned.c.status.in_(statuses)))
    return int(total or 0) // MiB


def limit(resource):
    return getattr(conf.CONF.image, resource)


def enforce(sess, project_id, resource, delta=0):
    """:raises LimitExceeded: usage plus ``delta`` passes the project's limit (when enabled)"""
    if not enabled():
        return
    maximum = limit(resource)
    if maximum < 0:
        return
    usage = _usage(sess, project_id, resource)
    if usage + delta > maximum:
        raise LimitExceeded(body='Project %s is over a limit for [Resource %s is over limit of '
                                 '%d due to current usage %d and delta %d]'
                                 % (project_id, resource, maximum, usage, delta))


def usage(sess, project_id):
    """``{resource: {'limit', 'usage'}}`` as ``/v2/info/usage`` shows it (empty when disabled)."""
    if not enabled():
        return {}
    return {name: {'limit': limit(name), 'usage': _usage(sess, project_id, name)}
            for name in RESOURCES}
