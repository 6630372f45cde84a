"""Groups of users in a domain, and their members.

A group's role grants reach each member: tokens and effective role assignment
listings count them.  Removing a member, or deleting a group that held grants,
revokes the tokens of the users concerned, as Keystone does.
"""

import sqlalchemy as sa

from novaapi.identity import domains
from novaapi.identity import errors
from novaapi.identity import models
from novaapi.identity import store
from novaapi.identity import tokens

FILTERS = ('name', 'domain_id')


def list_groups(query):
    """Groups by name, filtered on the exact ``name`` and ``domain_id`` found in ``query``."""
    with store.transaction() as sess:
        return store.listing(sess, models.Group, query, FILTERS)


def create_group(token, ref):
    """Create a group in the given domain (else the caller's); 409 on a taken name."""
    with store.transaction() as sess:
        domain_id = domains.owner_domain_id(sess, token, ref)
        if store.find_by_name(sess, models.Group, ref['name'], domain_id):
            raise errors.Conflict.duplicate('group', ref['name'], domain_id)
        row = models.Group(domain_id=domain_id, name=ref['name'],
                           description=ref.get('description'))
        sess.add(row)
        sess.flush()
    return row


def get_group(group_id):
    with store.transaction() as sess:
        return store.get(sess, models.Group, group_id)


def update_group(group_id, read_ref):
    """Rename or redescribe a group; its domain cannot change."""
    with store.transaction() as sess:
        row = store.get(sess, models.Group, group_id)
        ref = read_ref()
        if ref.get('domain_id', row.domain_id) != row.domain_id:
            raise errors.ValidationError('Cannot change Domain ID')
        name = ref.get('name', row.name)
        if name != row.name and store.find_by_name(sess, models.Group, name, row.domain_id):
            raise errors.Conflict.duplicate('group', name, row.domain_id)
        store.apply(row, ref, ('name', 'description'))
    return row


def _member_ids(sess, group_id):
    return list(sess.scalars(sa.select(models.GroupMembership.user_id)
                             .filter_by(group_id=group_id)))


def delete_group(group_id):
    """Delete a group with its memberships and grants; members' tokens go if it had grants."""
    with store.transaction() as sess:
        row = store.get(sess, models.Group, group_id)
        had_grants = store.exists(sess, models.RoleAssignment, actor_id=group_id)
        members = _member_ids(sess, group_id)
        store.delete_assignments(sess, actor_id=group_id)
        sess.execute(sa.delete(models.GroupMembership).filter_by(group_id=group_id))
        if had_grants:
            for user_id in members:
                tokens.revoke_user(sess, user_id)
        sess.delete(row)


def list_members(group_id):
    """The users of a group, by name."""
    with store.transaction() as sess:
        store.get(sess, models.Group, group_id)
        ids = sa.select(models.GroupMembership.user_id).filter_by(group_id=group_id)
        return sess.scalars(sa.select(models.User).where(models.User.id.in_(ids))
                            .order_by(models.User.name)).all()


def _membership(sess, group_id, user_id):
    store.get(sess, models.Group, group_id)
    store.get(sess, models.User, user_id)
    return store.exists(sess, models.GroupMembership, group_id=group_id, user_id=user_id)


def add_member(group_id, user_id):
    """Add a user to a group (idempotent)."""
    with store.transaction() as sess:
        if not _membership(sess, group_id, user_id):
            sess.add(models.GroupMembership(group_id=group_id, user_id=user_id))


def _not_member(group_id, user_id):
    return errors.NotFound("User '%s' not found in group '%s'" % (user_id, group_id))


def check_member(group_id, user_id):
    with store.transaction() as sess:
        if not _membership(sess, group_id, user_id):
            raise _not_member(group_id, user_id)


def remove_member(group_id, user_id):
    """Remove a user from a group and revoke the user's tokens."""
    with store.transaction() as sess:
        if not _membership(sess, group_id, user_id):
            raise _not_member(group_id, user_id)
        sess.execute(sa.delete(models.GroupMembership).filter_by(group_id=group_id,
                                                                 user_id=user_id))
        tokens.revoke_user(sess, user_id)


def list_user_groups(user_id, query):
    """The groups a user belongs to, by name, filtered on an exact ``name``."""
    with store.transaction() as sess:
        store.get(sess, models.User, user_id)
        ids = sa.select(models.GroupMembership.group_id).filter_by(user_id=user_id)
        stmt = sa.select(models.Group).where(models.Group.id.in_(ids))
        if 'name' in query:
            stmt = stmt.where(models.Group.name == query['name'])
        return sess.scalars(stmt.order_by(models.Group.name)).all()
