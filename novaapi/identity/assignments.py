"""Role grants of users on projects, and the role assignments they add up to."""

import sqlalchemy as sa

from novaapi.identity import errors
from novaapi.identity import models
from novaapi.identity import store

USER_PROJECT = 'UserProject'


# -- grants ----------------------------------------------------------------------------------

def _grant_keys(sess, project_id, user_id, role_id=None):
    """The assignment keys of a grant; 404 for an unknown role (when given), user or project."""
    if role_id is not None:
        store.get(sess, models.Role, role_id)
    store.get(sess, models.User, user_id)
    store.get(sess, models.Project, project_id)
    return dict(type=USER_PROJECT, actor_id=user_id, target_id=project_id)


def _assignment_not_found(project_id, user_id, role_id):
    return errors.NotFound('Could not find role assignment with role: %s, user or group: %s, '
                           'project, domain, or system: %s.' % (role_id, user_id, project_id))


def list_grants(project_id, user_id):
    """The roles granted directly to the user on the project, by name."""
    with store.transaction() as sess:
        keys = _grant_keys(sess, project_id, user_id)
        ids = sa.select(models.RoleAssignment.role_id).filter_by(**keys)
        return sess.scalars(sa.select(models.Role).where(models.Role.id.in_(ids))
                            .order_by(models.Role.name)).all()


def create_grant(project_id, user_id, role_id):
    """Grant the role (idempotent)."""
    with store.transaction() as sess:
        keys = _grant_keys(sess, project_id, user_id, role_id)
        if not store.exists(sess, models.RoleAssignment, role_id=role_id, **keys):
            sess.add(models.RoleAssignment(role_id=role_id, **keys))


def check_grant(project_id, user_id, role_id):
    """404 unless the role is granted."""
    with store.transaction() as sess:
        keys = _grant_keys(sess, project_id, user_id, role_id)
        if not store.exists(sess, models.RoleAssignment, role_id=role_id, **keys):
            raise _assignment_not_found(project_id, user_id, role_id)


def revoke_grant(project_id, user_id, role_id):
    """Remove the grant; 404 when there is none."""
    with store.transaction() as sess:
        keys = _grant_keys(sess, project_id, user_id, role_id)
        if not store.exists(sess, models.RoleAssignment, role_id=role_id, **keys):
            raise _assignment_not_found(project_id, user_id, role_id)
        store.delete_assignments(sess, role_id=role_id, **keys)


# -- role assignments ------------------------------------------------------------------------

def _implications(sess):
    graph = {}
    for prior, implied in sess.execute(sa.select(models.ImpliedRole.prior_role_id,
                                                 models.ImpliedRole.implied_role_id)):
        graph.setdefault(prior, []).append(implied)
    return graph


def _expand(direct, graph):
    """Direct ``(user, project, role, None)`` rows plus the roles they imply."""
    out = []
    for user_id, project_id, role_id, _prior in direct:
        out.append((user_id, project_id, role_id, None))
        seen, todo = {role_id}, list(graph.get(role_id, ()))
        while todo:
            implied = todo.pop(0)
            if implied in seen:
                continue
            seen.add(implied)
            out.append((user_id, project_id, implied, role_id))
            todo.extend(graph.get(implied, ()))
    return out


def _check_filters(query, effective):
    if query.get('scope.domain.id') and query.get('scope.project.id'):
        raise errors.ValidationError('Specify a domain or project, not both')
    if query.get('scope.system') and (query.get('scope.project.id')
                                      or query.get('scope.domain.id')):
        raise errors.ValidationError('Specify system or project, not both')
    if query.get('user.id') and query.get('group.id'):
        raise errors.ValidationError('Specify a user or group, not both')
    if effective and query.get('group.id'):
        raise errors.ValidationError('Combining effective and group filter will always result '
                                     'in an empty list.')


def _names(sess, rows):
    def by_id(model, ids):
        return {r.id: r for r in sess.scalars(sa.select(model).where(model.id.in_(ids)))}
    return {'users': by_id(models.User, {r[0] for r in rows}),
            'projects': by_id(models.Project, {r[1] for r in rows}),
            'roles': by_id(models.Role, {r[2] for r in rows}),
            'domains': {d.id: d.name for d in sess.scalars(sa.select(models.Domain))}}


def _user_project_rows(sess, query, effective):
    ra = models.RoleAssignment
    stmt = sa.select(ra.actor_id, ra.target_id, ra.role_id, sa.null()).where(
        ra.type == USER_PROJECT)
    if query.get('user.id'):
        stmt = stmt.where(ra.actor_id == query['user.id'])
    if query.get('scope.project.id'):
        stmt = stmt.where(ra.target_id == query['scope.project.id'])
    rows = [tuple(r) for r in sess.execute(stmt.order_by(ra.actor_id, ra.target_id))]
    if effective:
        rows = _expand(rows, _implications(sess))
    if query.get('role.id'):
        rows = [r for r in rows if r[2] == query['role.id']]
    return rows


def list_role_assignments(query, effective=False, include_names=False):
    """The role assignments matching Keystone's ``query`` filters.

    Only users hold roles here, and only on projects: a group, domain or
    system filter matches nothing.

    :param query: ``user.id``, ``group.id``, ``role.id``, ``scope.project.id``,
        ``scope.domain.id``, ``scope.system``
    :param effective: add the roles the direct ones imply
    :returns: ``(rows, names)``: rows are ``(user_id, project_id, role_id,
        prior_role_id or None)``; ``names`` is None unless asked for (and
        there are rows), else ``{'users'|'projects'|'roles': {id: row},
        'domains': {id: name}}``
    :raises errors.ValidationError: contradictory filters
    """
    _check_filters(query, effective)
    if any(query.get(k) for k in ('group.id', 'scope.domain.id', 'scope.system')):
        return [], None
    with store.transaction() as sess:
        rows = _user_project_rows(sess, query, effective)
        names = _names(sess, rows) if include_names and rows else None
    return rows, names
