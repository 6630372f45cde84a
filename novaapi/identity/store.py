"""The unit of work and the database queries shared by the identity domain modules."""

import contextlib

import sqlalchemy as sa
import sqlalchemy.exc

from novaapi import conf
from novaapi.db import engine
from novaapi.identity import errors
from novaapi.identity import models
from novaapi.identity import tokens

_KINDS = {
    models.Domain: 'domain', models.Project: 'project', models.User: 'user',
    models.Role: 'role', models.Service: 'service', models.Endpoint: 'endpoint',
    models.Region: 'region', models.Group: 'group',
}
_FALSE = ('0', 'f', 'false', 'n', 'no', 'off')
DUPLICATE = 'Conflict occurred attempting to store the request - Duplicate entry.'


@contextlib.contextmanager
def transaction():
    """One request's unit of work: a session that commits on success, rolls back on error.

    :raises errors.Conflict: Keystone's "Duplicate entry" 409 when a unique
        constraint fails at a flush or at commit
    """
    try:
        with engine.transaction() as sess:
            yield sess
    except sqlalchemy.exc.IntegrityError:
        # NOTE: a concurrent create won the race past our own duplicate check.
        raise errors.Conflict(DUPLICATE) from None


def get(sess, model, entity_id):
    """The row with ``entity_id``, or Keystone's 404 ("Could not find project: x.")."""
    row = sess.get(model, entity_id) if entity_id else None
    if row is None:
        raise errors.NotFound.entity(_KINDS[model], entity_id)
    return row


def _coerce(column, value):
    if isinstance(column.type, sa.Boolean):
        return value.strip().lower() not in _FALSE
    return value


def listing(sess, model, params, filters, order_by='name', where=()):
    """Rows of ``model`` matching the exact-match query ``filters`` present in ``params``.

    With ``params['limit']`` (else ``[identity] list_limit``) the rows are a
    :class:`Page` cut at that many, ``truncated`` only when more matched, as
    Keystone limits the lists it does not page by marker.

    :param where: further SQL conditions the rows must meet
    """
    stmt = _filtered(sa.select(model).where(*where), model, params, filters)
    stmt = stmt.order_by(getattr(model, order_by))
    limit = _page_size(params)
    if limit is None:
        return sess.scalars(stmt).all()
    rows = sess.scalars(stmt.limit(limit + 1)).all()
    page = Page(rows[:limit])
    page.limit, page.truncated = limit, len(rows) > limit
    return page


def _filtered(stmt, model, params, filters):
    for name in filters:
        if name in params:
            column = getattr(model, name)
            stmt = stmt.where(column == _coerce(column, params[name]))
    return stmt


class Page(list):
    """A page of rows; ``limit`` is the page size asked for, ``truncated`` whether Keystone
    says the list goes on."""

    limit = None
    truncated = False


def _page_size(params):
    limit = params.get('limit') or conf.CONF.identity.list_limit
    if limit is None:
        return None
    try:
        limit = int(limit)
    except (TypeError, ValueError):
        limit = 0
    if limit < 1:
        raise errors.ValidationError("Invalid input for field 'limit': %r is not a positive "
                                     "integer" % params.get('limit'))
    return min(limit, conf.CONF.identity.max_db_limit)


def paged_listing(sess, model, params, filters, where=()):
    """A :class:`Page` of :func:`listing`'s rows, in id order, after ``params['marker']``.

    The page holds ``params['limit']`` rows (else ``[identity] list_limit``),
    never more than ``[identity] max_db_limit``, as Keystone pages users and projects.

    :raises errors.NotFound: the marker is no row of ``model``
    """
    stmt = _filtered(sa.select(model).where(*where), model, params, filters)
    marker = params.get('marker')
    if marker:
        if sess.get(model, marker) is None:
            raise errors.NotFound('Marker %s could not be found.' % marker)
        stmt = stmt.where(model.id > marker)
    limit = _page_size(params)
    stmt = stmt.order_by(model.id).limit(limit or conf.CONF.identity.max_db_limit)
    page = Page(sess.scalars(stmt).all())
    # NOTE: Keystone cannot tell whether more follow a full page; it says truncated.
    page.limit, page.truncated = limit, limit is not None and len(page) >= limit
    return page


def apply(row, ref, fields):
    """Copy the ``fields`` present in the request ``ref`` onto ``row``."""
    for name in fields:
        if name in ref:
            setattr(row, name, ref[name])


def exists(sess, model, **filters):
    return sess.scalars(sa.select(model).filter_by(**filters).limit(1)).first() is not None


def find_domain(sess, ref):
    """The domain a ``{"id"|"name"}`` reference names, or None."""
    if 'id' in ref:
        return sess.get(models.Domain, ref['id'])
    return sess.scalars(sa.select(models.Domain).filter_by(name=ref.get('name'))).first()


def find_by_name(sess, model, name, domain_id):
    return sess.scalars(sa.select(model).filter_by(name=name, domain_id=domain_id)).first()


def user_projects(sess, user_id):
    """Projects the user holds any role on, directly or through a group, by name."""
    ra = models.RoleAssignment
    groups = sa.select(models.GroupMembership.group_id).filter_by(user_id=user_id)
    ids = sa.select(ra.target_id).where(sa.or_(
        sa.and_(ra.type == 'UserProject', ra.actor_id == user_id),
        sa.and_(ra.type == 'GroupProject', ra.actor_id.in_(groups))))
    return sess.scalars(sa.select(models.Project).where(models.Project.id.in_(ids))
                        .order_by(models.Project.name)).all()


def delete_assignments(sess, **filters):
    sess.execute(sa.delete(models.RoleAssignment).filter_by(**filters))


def delete_application_credentials(sess, cred_ids):
    """Delete credentials by id with their role and rule links, revoking their tokens."""
    if not cred_ids:
        return
    cr, ar = models.ApplicationCredentialRole, models.ApplicationCredentialAccessRule
    sess.execute(sa.delete(cr).where(cr.application_credential_id.in_(cred_ids)))
    sess.execute(sa.delete(ar).where(ar.application_credential_id.in_(cred_ids)))
    sess.execute(sa.update(models.Token)
                 .where(models.Token.application_credential_id.in_(cred_ids))
                 .values(revoked=True))
    sess.execute(sa.delete(models.ApplicationCredential)
                 .where(models.ApplicationCredential.id.in_(cred_ids)))


def delete_user(sess, user):
    """Delete a user, its grants, memberships, credentials and access rules; revoke its tokens."""
    delete_assignments(sess, actor_id=user.id)
    sess.execute(sa.delete(models.GroupMembership).filter_by(user_id=user.id))
    delete_application_credentials(sess, list(sess.scalars(
        sa.select(models.ApplicationCredential.id).filter_by(user_id=user.id))))
    sess.execute(sa.delete(models.AccessRule).filter_by(user_id=user.id))
    tokens.revoke_user(sess, user.id)
    sess.delete(user)


def delete_project(sess, project):
    delete_assignments(sess, target_id=project.id)
    sess.delete(project)


def catalog_rows(sess):
    """Enabled services and their enabled endpoints, for a token's catalog."""
    services = sess.scalars(sa.select(models.Service).where(models.Service.enabled)
                            .order_by(models.Service.type)).all()
    endpoints = sess.scalars(sa.select(models.Endpoint).where(models.Endpoint.enabled)
                             .order_by(models.Endpoint.interface)).all()
    return services, endpoints
