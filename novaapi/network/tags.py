"""Tags of network resources (``standard-attr-tag``): rows keyed by the resource's UUID.

Helpers take the caller's session; each resource's domain module checks the
parent exists and may be changed before calling them.
"""

import sqlalchemy as sa

from novaapi import exception
from novaapi.network import converters
from novaapi.network import models

MAX_TAGS = 50
MAX_LENGTH = 255


class TagNotFound(exception.NotFound):
    msg_fmt = 'Tag %(tag)s could not be found.'


def of(sess, resource_ids):
    """``{resource_id: [tags sorted]}`` of many resources in one query."""
    found = {rid: [] for rid in resource_ids}
    if found:
        for rid, tag in sess.execute(sa.select(models.Tag.resource_id, models.Tag.tag)
                                     .where(models.Tag.resource_id.in_(list(found)))
                                     .order_by(models.Tag.tag)):
            found[rid].append(tag)
    return found


def checked(values):
    """A list of tags as given in a body: unique strings of at most 255 characters, 50 at most.

    :raises converters.BadRequest: any other value
    """
    if not isinstance(values, list) or not all(isinstance(t, str) for t in values):
        raise converters.BadRequest(resource='tags', msg="Invalid tags body: '%s' is not a list"
                                    % (values,))
    for tag in values:
        check_one(tag)
    if len(set(values)) != len(values):
        raise converters.BadRequest(resource='tags', msg='Duplicate items in the list: %s'
                                    % ', '.join(sorted({t for t in values if values.count(t) > 1})))
    if len(values) > MAX_TAGS:
        raise converters.BadRequest(resource='tags', msg='Number of tags exceeds %d' % MAX_TAGS)
    return list(values)


def check_one(tag):
    if not tag or len(tag) > MAX_LENGTH or ',' in tag:
        raise converters.BadRequest(resource='tags', msg="Invalid tag '%s'" % tag)
    return tag


def replace(sess, resource_id, values):
    sess.execute(sa.delete(models.Tag).where(models.Tag.resource_id == resource_id))
    for tag in values:
        sess.add(models.Tag(resource_id=resource_id, tag=tag))
    sess.flush()


def add(sess, resource_id, tag):
    if sess.get(models.Tag, (resource_id, tag)) is None:
        sess.add(models.Tag(resource_id=resource_id, tag=tag))
        sess.flush()
    if len(of(sess, [resource_id])[resource_id]) > MAX_TAGS:
        raise converters.BadRequest(resource='tags', msg='Number of tags exceeds %d' % MAX_TAGS)


def remove(sess, resource_id, tag, resource):
    row = sess.get(models.Tag, (resource_id, tag))
    if row is None:
        raise TagNotFound(tag=tag, resource=resource, resource_id=resource_id)
    sess.delete(row)
    sess.flush()


def drop(sess, resource_id):
    sess.execute(sa.delete(models.Tag).where(models.Tag.resource_id == resource_id))
