"""Roles (all global here) and the implications between them (admin implies manager ...)."""

import sqlalchemy as sa

from novaapi.identity import errors
from novaapi.identity import models
from novaapi.identity import store

FILTERS = ('name',)


def list_roles(query):
    """Roles by name, filtered on an exact ``name``; none in a domain (every role is global)."""
    if query.get('domain_id'):
        return []
    with store.transaction() as sess:
        return store.listing(sess, models.Role, query, FILTERS)


def create_role(ref):
    with store.transaction() as sess:
        if store.exists(sess, models.Role, name=ref['name']):
            raise errors.Conflict.duplicate('role', ref['name'])
        row = models.Role(name=ref['name'], description=ref.get('description'))
        sess.add(row)
        sess.flush()
    return row


def get_role(role_id):
    with store.transaction() as sess:
        return store.get(sess, models.Role, role_id)


def update_role(role_id, read_ref):
    """Rename or describe a role with the fields ``read_ref()`` returns.

    :param read_ref: returns the validated request fields; called once the
        role is known to exist, so a missing role is a 404 whatever the body
    """
    with store.transaction() as sess:
        row = store.get(sess, models.Role, role_id)
        ref = read_ref()
        if ref.get('name', row.name) != row.name and store.exists(sess, models.Role,
                                                                  name=ref['name']):
            raise errors.Conflict.duplicate('role', ref['name'])
        store.apply(row, ref, ('name', 'description'))
    return row


def delete_role(role_id):
    """Delete a role, its grants and the implications it takes part in."""
    with store.transaction() as sess:
        row = store.get(sess, models.Role, role_id)
        store.delete_assignments(sess, role_id=role_id)
        imp = models.ImpliedRole
        sess.execute(sa.delete(imp).where(sa.or_(imp.prior_role_id == role_id,
                                                 imp.implied_role_id == role_id)))
        sess.delete(row)


# -- implied roles ---------------------------------------------------------------------------

def _pair(sess, prior_role_id, implied_role_id):
    return (store.get(sess, models.Role, prior_role_id),
            store.get(sess, models.Role, implied_role_id))


def _implication(sess, prior_role_id, implied_role_id):
    """``(prior, implied, ImpliedRole row)``; 404 when a role is unknown or no rule links them."""
    prior, implied = _pair(sess, prior_role_id, implied_role_id)
    row = sess.get(models.ImpliedRole, (prior.id, implied.id))
    if row is None:
        raise errors.NotFound('%s does not imply %s.' % (prior.id, implied.id))
    return prior, implied, row


def create_implied_role(prior_role_id, implied_role_id):
    """Make the prior role imply the other (idempotent); returns both roles."""
    with store.transaction() as sess:
        prior, implied = _pair(sess, prior_role_id, implied_role_id)
        if not store.exists(sess, models.ImpliedRole, prior_role_id=prior.id,
                            implied_role_id=implied.id):
            sess.add(models.ImpliedRole(prior_role_id=prior.id, implied_role_id=implied.id))
    return prior, implied


def get_implied_role(prior_role_id, implied_role_id):
    """``(prior, implied)`` roles of an existing implication."""
    with store.transaction() as sess:
        prior, implied, _row = _implication(sess, prior_role_id, implied_role_id)
    return prior, implied


def delete_implied_role(prior_role_id, implied_role_id):
    with store.transaction() as sess:
        _prior, _implied, row = _implication(sess, prior_role_id, implied_role_id)
        sess.delete(row)


def _implied_by(sess, prior_ids):
    """``{prior_id: [implied Role, ...]}`` by name, in one query."""
    imp = models.ImpliedRole
    stmt = (sa.select(imp.prior_role_id, models.Role)
            .join(models.Role, models.Role.id == imp.implied_role_id)
            .where(imp.prior_role_id.in_(prior_ids)).order_by(models.Role.name))
    implied = {prior_id: [] for prior_id in prior_ids}
    for prior_id, role in sess.execute(stmt):
        implied[prior_id].append(role)
    return implied


def list_implied_roles(prior_role_id):
    """``(prior, [implied roles by name])`` of one role."""
    with store.transaction() as sess:
        prior = store.get(sess, models.Role, prior_role_id)
        return prior, _implied_by(sess, [prior.id])[prior.id]


def list_role_inferences():
    """``[(prior, [implied roles])]`` of every role that implies another, by name."""
    with store.transaction() as sess:
        priors = sess.scalars(sa.select(models.Role).where(
            models.Role.id.in_(sa.select(models.ImpliedRole.prior_role_id)))
            .order_by(models.Role.name)).all()
        implied = _implied_by(sess, [p.id for p in priors])
    return [(prior, implied[prior.id]) for prior in priors]
