"""Members of shared images, as Glance keeps them: the owner adds and removes projects, each
member answers (``pending`` -> ``accepted``/``rejected``), and only ``shared`` images have any.

One transaction a call; rows come back for views rendered after the commit.
"""

import sqlalchemy as sa

from novaapi import conf
from novaapi import exception
from novaapi.db import base
from novaapi.db import engine
from novaapi.image import api
from novaapi.image import models
from novaapi.image import policy

STATUSES = ('pending', 'accepted', 'rejected')


class ImageNotFound(exception.NotFound):
    msg_fmt = 'Image %(image_id)s not found.'


class MemberNotFound(exception.NotFound):
    msg_fmt = '%(member_id)s not found in the member list of the image %(image_id)s.'


class NotShared(exception.Forbidden):
    """The image is not ``shared``; ``action`` words the refusal as Glance's call does."""

    msg_fmt = '%(action)s'


class Duplicate(exception.Conflict):
    msg_fmt = 'Member %(member_id)s is duplicated for image %(image_id)s'


class TooMany(exception.NovaException):
    code = 413
    msg_fmt = ('Image member limit exceeded for image %(image_id)s: The limit has been exceeded '
               'on the number of allowed image members for this image. Attempted: '
               '%(attempted)s, Maximum: %(maximum)s:')


class BadStatus(exception.Invalid):
    msg_fmt = 'Incorrect request: Status must be "pending", "accepted" or "rejected".'


_REFUSALS = {
    'create': 'Not allowed to create members for image %s.',
    'update': 'Not allowed to update members for image %s.',
    'delete': 'Not allowed to delete members for image %s.',
    'index': 'Not allowed to list members for image %s: Only shared images have members.',
    'show': 'Only shared images have members.',
}


def _image(sess, ctx, image_id, action):
    """The shared image ``ctx`` reaches; Glance's 404 and 403 wording for ``action``."""
    try:
        image = api.get(sess, ctx, image_id)
    except exception.ImageNotFound:
        raise ImageNotFound(image_id=image_id) from None
    if image.visibility != 'shared':
        message = _REFUSALS[action]
        raise NotShared(action=message % image_id if '%s' in message else message)
    return image


def _rows(sess, ctx, image):
    """The image's memberships ``ctx`` may read: all for its owner or an admin, else its own."""
    mem = models.ImageMember
    query = sa.select(mem).where(mem.image_id == image.id)
    if not ctx.is_admin and image.owner != ctx.project_id:
        query = query.where(mem.member == ctx.project_id)
    return list(sess.scalars(query.order_by(mem.created_at, mem.id)))


def _member(sess, ctx, image, member_id, rule):
    target = policy.target(image, ctx)
    policy.authorize(ctx, 'get_member', target)
    for row in _rows(sess, ctx, image):
        if row.member == member_id:
            if rule:
                policy.authorize(ctx, rule, target)
            return row
    raise MemberNotFound(member_id=member_id, image_id=image.id)


def list_members(ctx, image_id):
    """:raises ImageNotFound, NotShared, policy.Forbidden:"""
    with engine.transaction() as sess:
        image = _image(sess, ctx, image_id, 'index')
        policy.authorize(ctx, 'get_members', policy.target(image, ctx))
        return _rows(sess, ctx, image)


def get(ctx, image_id, member_id):
    """:raises ImageNotFound, MemberNotFound: (a refusal is a 404 too, as in Glance)"""
    with engine.transaction() as sess:
        image = _image(sess, ctx, image_id, 'show')
        return _member(sess, ctx, image, member_id, None)


def add(ctx, image_id, member_id):
    """Share an image the caller owns with project ``member_id`` (``pending``).

    :raises ImageNotFound, NotShared, policy.Forbidden, TooMany, Duplicate:
    """
    with engine.transaction() as sess:
        image = _image(sess, ctx, image_id, 'create')
        policy.authorize(ctx, 'add_member', policy.target(image, ctx))
        api.lock(sess, image.id)
        mem = models.ImageMember
        count = sess.scalar(sa.select(sa.func.count()).select_from(mem)
                            .where(mem.image_id == image.id))
        maximum = conf.CONF.image.image_member_quota
        if 0 <= maximum < count + 1:
            raise TooMany(image_id=image_id, attempted=count + 1, maximum=maximum)
        if sess.scalar(sa.select(mem.id).where(mem.image_id == image.id,
                                               mem.member == member_id)):
            raise Duplicate(member_id=member_id, image_id=image_id)
        row = mem(image_id=image.id, member=member_id, status='pending')
        row.updated_at = base.utcnow()
        sess.add(row)
        sess.flush()
        return row


def update(ctx, image_id, member_id, status):
    """The member's answer (only the member itself, or an admin).

    :raises ImageNotFound, NotShared, MemberNotFound, policy.Forbidden, BadStatus:
    """
    with engine.transaction() as sess:
        image = _image(sess, ctx, image_id, 'update')
        row = _member(sess, ctx, image, member_id, 'modify_member')
        if not isinstance(status, str) or status not in STATUSES:
            raise BadStatus()
        row.status = status
        row.updated_at = base.utcnow()
        sess.flush()
        return row


def delete(ctx, image_id, member_id):
    """Stop sharing the image with ``member_id`` (the owner, or an admin).

    :raises ImageNotFound, NotShared, MemberNotFound, policy.Forbidden:
    """
    with engine.transaction() as sess:
        image = _image(sess, ctx, image_id, 'delete')
        sess.delete(_member(sess, ctx, image, member_id, 'delete_member'))
