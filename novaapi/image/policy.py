"""Glance's default image policy: one table of the image endpoint's rules, and the checks.

Rule names are Glance's.  Each maps to one of a few base checks; admins pass
them all.  A target describes an image: its ``owner`` (a project id) and its
``visibility``.
"""

from novaapi import exception

ADMIN = 'admin'
ANYONE = 'any'
OWNER = 'admin_or_owner'
OWNER_OR_PUBLIC = 'admin_or_owner_or_public'

# Visibilities every project may see (Glance's image members are not modelled).
PUBLIC = ('public', 'community')

RULES = {
    'get_images': ANYONE,
    'get_image': OWNER_OR_PUBLIC,
    'add_image': OWNER,
    'modify_image': OWNER,
    'delete_image': OWNER,
    'publicize_image': ADMIN,
    'upload_image': OWNER,
    'download_image': OWNER_OR_PUBLIC,
    'deactivate': ADMIN,
    'reactivate': ADMIN,
    'copy_image': ADMIN,
    'get_task': ANYONE,
}
"""Every image policy rule -> its default check."""


class Forbidden(exception.Forbidden):
    """A refused rule, worded as Glance answers it."""

    msg_fmt = 'You are not authorized to complete %(action)s action.'


def _check(kind, ctx, target):
    if kind == ANYONE or ctx.is_admin:
        return True
    if kind == ADMIN:
        return False
    owned = target.get('owner') == ctx.project_id
    if kind == OWNER:
        return owned
    return owned or target.get('visibility') in PUBLIC


def check(ctx, rule, target=None):
    """True when ``ctx`` passes ``rule`` on ``target`` (``{'owner', 'visibility'}``)."""
    return _check(RULES[rule], ctx, target or {})


def authorize(ctx, rule, target=None):
    """:raises Forbidden: ``ctx`` does not pass ``rule`` on ``target``"""
    if not check(ctx, rule, target):
        raise Forbidden(action=rule)


def unrestricted(ctx, rule):
    """True when ``ctx`` passes ``rule`` on any image (queries then need no visibility filter)."""
    return RULES[rule] == ANYONE or ctx.is_admin


def target(image):
    """The policy target of an image row."""
    return {'owner': image.owner, 'visibility': image.visibility}
