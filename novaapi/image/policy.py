"""Glance's default image policy (the secure defaults of Glance 2024.1 on): one table of the
image endpoint's rules, and the checks.

Rule names are Glance's.  Each maps to one of a few base checks; admins pass
them all.  A target describes an image: its ``owner`` (a project id), its
``visibility`` and ``member``, the caller's project when it reaches a shared
image it does not own (it found the image as one of its members).  Which
shared images a project reaches at all is the query's business
(:func:`novaapi.image.api.get`), as in Glance's database layer.

Every Glance rule declares ``scope_types=['project']``: a system- or
domain-scoped token passes none, and Glance answers its refusal as any other
(403 "You are not authorized to complete ... action.", or 404 for an image).
"""

from novaapi import exception

ADMIN = 'admin'
ANYONE = 'any'
MEMBER = 'admin_or_project_member'
READER = 'admin_or_project_reader'
VISIBLE = 'admin_or_project_or_image_member_or_public'
SHARED_MEMBER = 'admin_or_shared_member'
READER_OR_SHARED_MEMBER = 'admin_or_project_reader_or_shared_member'

# Visibilities every project may see; a shared image also passes (the query decides who reaches it).
PUBLIC = ('public', 'community')
# Roles that write in a project, and those that read.
WRITER_ROLES = ('member', 'manager')
READER_ROLES = ('reader', 'member', 'manager')

RULES = {
    'get_images': ANYONE,
    'get_image': VISIBLE,
    'add_image': MEMBER,
    'modify_image': MEMBER,
    'delete_image': MEMBER,
    'publicize_image': ADMIN,
    'communitize_image': MEMBER,
    'upload_image': MEMBER,
    'download_image': VISIBLE,
    'deactivate': MEMBER,
    'reactivate': MEMBER,
    'copy_image': ADMIN,
    'add_member': MEMBER,
    'delete_member': MEMBER,
    'get_member': READER_OR_SHARED_MEMBER,
    'get_members': READER_OR_SHARED_MEMBER,
    'modify_member': SHARED_MEMBER,
    'stores_info_detail': ADMIN,
    'get_task': ANYONE,
}
"""Every image policy rule -> its default check."""


SCOPE_TYPES = ('project',)
"""The ``scope_types`` of every rule of the table, as Glance declares them."""


class Forbidden(exception.Forbidden):
    """A refused rule, worded as Glance answers it."""

    msg_fmt = 'You are not authorized to complete %(action)s action.'


def _has(ctx, roles):
    return any(role in ctx.roles for role in roles)


def _check(kind, ctx, target):
    if kind == ANYONE or ctx.is_admin:
        return True
    if kind == ADMIN:
        return False
    owned = target.get('owner') == ctx.project_id
    image_member = target.get('member') is not None and target.get('member') == ctx.project_id
    if kind == MEMBER:
        return owned and _has(ctx, WRITER_ROLES)
    if kind == READER:
        return owned and _has(ctx, READER_ROLES)
    if kind == SHARED_MEMBER:
        return image_member and _has(ctx, WRITER_ROLES)
    if kind == READER_OR_SHARED_MEMBER:
        return (owned or image_member) and _has(ctx, READER_ROLES)
    return _has(ctx, READER_ROLES) and (
        owned or image_member or target.get('visibility') in PUBLIC + ('shared',))


def in_scope(ctx):
    """True when the token's scope is one the rules declare (a project's).

    A context built inside the service without a scope acts for a project.
    """
    return getattr(ctx, 'scope', 'project') in SCOPE_TYPES


def check(ctx, rule, target=None):
    """True when ``ctx`` passes ``rule`` on ``target`` (``{'owner', 'visibility', 'member'}``)."""
    kind = RULES[rule]
    return in_scope(ctx) and _check(kind, ctx, target or {})


def authorize(ctx, rule, target=None):
    """:raises Forbidden: ``ctx`` does not pass ``rule`` on ``target``"""
    if not check(ctx, rule, target):
        raise Forbidden(action=rule)


def unrestricted(ctx, rule):
    """True when ``ctx`` passes ``rule`` on any image (queries then need no visibility filter)."""
    return in_scope(ctx) and (RULES[rule] == ANYONE or ctx.is_admin)


def target(image, ctx=None):
    """The policy target of an image row (``member``: ``ctx``'s project on a shared image it
    reached without owning it)."""
    member = None
    if ctx is not None and image.visibility == 'shared' and image.owner != ctx.project_id:
        member = ctx.project_id
    return {'owner': image.owner, 'visibility': image.visibility, 'member': member}
