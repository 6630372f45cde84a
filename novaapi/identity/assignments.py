"""Role grants of users and groups on projects, domains and the system, and what they add up to.

An assignment's ``type`` joins the actor kind (``User``, ``Group``) and the
target kind (``Project``, ``Domain``, ``System``); the system's one target id
is ``all``.
"""

import sqlalchemy as sa

from novaapi.identity import errors
from novaapi.identity import models
from novaapi.identity import store
from novaapi.identity import tokens

USER_PROJECT = 'UserProject'
SYSTEM_ALL = 'all'
ACTORS = {'User': models.User, 'Group': models.Group}
TARGETS = {'Project': models.Project, 'Domain': models.Domain}


# -- grants ----------------------------------------------------------------------------------

def _grant_keys(sess, target, actor, role_id=None):
    """The assignment keys of a grant; 404 for an unknown role (when given), actor or target.

    :param target: ``(kind, id)``, kind ``Project``, ``Domain`` or ``System``
    :param actor: ``(kind, id)``, kind ``User`` or ``Group``
    """
    if role_id is not None:
        store.get(sess, models.Role, role_id)
    store.get(sess, ACTORS[actor[0]], actor[1])
    if target[0] != 'System':
        store.get(sess, TARGETS[target[0]], target[1])
    return dict(type=actor[0] + target[0], actor_id=actor[1], target_id=target[1])


def _assignment_not_found(target, actor, role_id):
    return errors.NotFound('Could not find role assignment with role: %s, user or group: %s, '
                           'project, domain, or system: %s.' % (role_id, actor[1], target[1]))


def list_grants(target, actor):
    """The roles granted directly to the actor on the target, by name."""
    with store.transaction() as sess:
        keys = _grant_keys(sess, target, actor)
        ids = sa.select(models.RoleAssignment.role_id).filter_by(**keys)
        return sess.scalars(sa.select(models.Role).where(models.Role.id.in_(ids))
                            .order_by(models.Role.name)).all()


def create_grant(target, actor, role_id):
    """Grant the role (idempotent)."""
    with store.transaction() as sess:
        keys = _grant_keys(sess, target, actor, role_id)
        if not store.exists(sess, models.RoleAssignment, role_id=role_id, **keys):
            sess.add(models.RoleAssignment(role_id=role_id, **keys))


def check_grant(target, actor, role_id):
    """404 unless the role is granted."""
    with store.transaction() as sess:
        keys = _grant_keys(sess, target, actor, role_id)
        if not store.exists(sess, models.RoleAssignment, role_id=role_id, **keys):
            raise _assignment_not_found(target, actor, role_id)


def revoke_grant(target, actor, role_id):
    """Remove the grant; 404 when there is none."""
    with store.transaction() as sess:
        keys = _grant_keys(sess, target, actor, role_id)
        if not store.exists(sess, models.RoleAssignment, role_id=role_id, **keys):
            raise _assignment_not_found(target, actor, role_id)
        store.delete_assignments(sess, role_id=role_id, **keys)


# -- role assignments ------------------------------------------------------------------------

def _implications(sess):
    graph = {}
    for prior, implied in sess.execute(sa.select(models.ImpliedRole.prior_role_id,
                                                 models.ImpliedRole.implied_role_id)):
        graph.setdefault(prior, []).append(implied)
    return graph


def _expand(direct, graph):
    """Rows plus the roles their roles imply (``prior_role_id`` set on those)."""
    out = []
    for row in direct:
        out.append(row)
        seen, todo = {row['role_id']}, list(graph.get(row['role_id'], ()))
        while todo:
            implied = todo.pop(0)
            if implied in seen:
                continue
            seen.add(implied)
            out.append(dict(row, role_id=implied, prior_role_id=row['role_id']))
            todo.extend(graph.get(implied, ()))
    return out


def _check_filters(query, effective):
    if query.get('scope.domain.id') and query.get('scope.project.id'):
        raise errors.ValidationError('Specify a domain or project, not both')
    if query.get('scope.system') and query.get('scope.domain.id'):
        raise errors.ValidationError('Specify system or domain, not both')
    if query.get('scope.system') and query.get('scope.project.id'):
        raise errors.ValidationError('Specify system or project, not both')
    if query.get('user.id') and query.get('group.id'):
        raise errors.ValidationError('Specify a user or group, not both')
    if effective and query.get('group.id'):
        raise errors.ValidationError('Combining effective and group filter will always result '
                                     'in an empty list.')


def _names(sess, rows):
    def by_id(model, ids):
        ids = {i for i in ids if i}
        if not ids:
            return {}
        return {r.id: r for r in sess.scalars(sa.select(model).where(model.id.in_(ids)))}
    return {'users': by_id(models.User, {r['user_id'] for r in rows}),
            'groups': by_id(models.Group, {r['group_id'] for r in rows}),
            'projects': by_id(models.Project, {r['target_id'] for r in rows
                                               if r['scope'] == 'project'}),
            'roles': by_id(models.Role, {r['role_id'] for r in rows}),
            'domains': {d.id: d.name for d in sess.scalars(sa.select(models.Domain))}}


def _direct_rows(sess, query, effective):
    ra = models.RoleAssignment
    stmt = sa.select(ra.type, ra.actor_id, ra.target_id, ra.role_id)
    scope = ('Project' if query.get('scope.project.id') else 'Domain'
             if query.get('scope.domain.id') else 'System' if query.get('scope.system') else None)
    if scope:
        stmt = stmt.where(ra.type.in_(['User' + scope, 'Group' + scope]))
        stmt = stmt.where(ra.target_id == (query.get('scope.project.id')
                                           or query.get('scope.domain.id') or SYSTEM_ALL))
    if effective:
        stmt = stmt.where(ra.type.not_in(['UserSystem', 'GroupSystem']))
    user_id, group_id = query.get('user.id'), query.get('group.id')
    if group_id:
        stmt = stmt.where(ra.type.like('Group%'), ra.actor_id == group_id)
    elif user_id and not effective:
        stmt = stmt.where(ra.type.like('User%'), ra.actor_id == user_id)
    elif user_id:
        groups = sa.select(models.GroupMembership.group_id).filter_by(user_id=user_id)
        stmt = stmt.where(sa.or_(sa.and_(ra.type.like('User%'), ra.actor_id == user_id),
                                 sa.and_(ra.type.like('Group%'), ra.actor_id.in_(groups))))
    stmt = stmt.order_by(ra.type.desc(), ra.actor_id, ra.target_id, ra.role_id)
    return [{'actor': kind.startswith('User') and 'user' or 'group',
             'scope': kind[5:].lower() if kind.startswith('Group') else kind[4:].lower(),
             'actor_id': actor_id, 'target_id': target_id, 'role_id': role_id}
            for kind, actor_id, target_id, role_id in sess.execute(stmt)]


def _rows(sess, query, effective):
    rows = []
    direct = _direct_rows(sess, query, effective)
    members = {}
    if effective:
        group_ids = {r['actor_id'] for r in direct if r['actor'] == 'group'}
        if group_ids:
            for group_id, user_id in sess.execute(
                    sa.select(models.GroupMembership.group_id, models.GroupMembership.user_id)
                    .where(models.GroupMembership.group_id.in_(group_ids))
                    .order_by(models.GroupMembership.user_id)):
                members.setdefault(group_id, []).append(user_id)
    for row in direct:
        base = dict(row, prior_role_id=None, via_group_id=None, user_id=None, group_id=None)
        if row['actor'] == 'user':
            rows.append(dict(base, user_id=row['actor_id']))
        elif not effective:
            rows.append(dict(base, group_id=row['actor_id']))
        else:
            rows.extend(dict(base, user_id=u, via_group_id=row['actor_id'])
                        for u in members.get(row['actor_id'], ())
                        if not query.get('user.id') or u == query['user.id'])
    if effective:
        rows = _expand(rows, _implications(sess))
    if query.get('role.id'):
        rows = [r for r in rows if r['role_id'] == query['role.id']]
    return rows


def list_role_assignments(query, effective=False, include_names=False):
    """The role assignments matching Keystone's ``query`` filters.

    :param query: ``user.id``, ``group.id``, ``role.id``, ``scope.project.id``,
        ``scope.domain.id``, ``scope.system``
    :param effective: what tokens see: group grants become one row per member,
        implied roles are added, system grants are left out
    :returns: ``(rows, names)``: rows are dicts with ``user_id`` or
        ``group_id``, ``scope`` (``project``, ``domain``, ``system``),
        ``target_id``, ``role_id``, ``prior_role_id`` and ``via_group_id``;
        ``names`` is None unless asked for (and there are rows), else
        ``{'users'|'groups'|'projects'|'roles': {id: row}, 'domains': {id: name}}``
    :raises errors.ValidationError: contradictory filters
    """
    _check_filters(query, effective)
    with store.transaction() as sess:
        rows = _rows(sess, query, effective)
        names = _names(sess, rows) if include_names and rows else None
    return rows, names


# -- scopes of the caller ----------------------------------------------------------------------

def user_domains(user_id):
    """Domains the user holds a role on (directly or through a group), by name."""
    with store.transaction() as sess:
        ra = models.RoleAssignment
        groups = sa.select(models.GroupMembership.group_id).filter_by(user_id=user_id)
        ids = sa.select(ra.target_id).where(sa.or_(
            sa.and_(ra.type == 'UserDomain', ra.actor_id == user_id),
            sa.and_(ra.type == 'GroupDomain', ra.actor_id.in_(groups))))
        return sess.scalars(sa.select(models.Domain).where(models.Domain.id.in_(ids))
                            .order_by(models.Domain.name)).all()


def has_system_role(user_id):
    """Whether the user holds any role on the system."""
    with store.transaction() as sess:
        return bool(tokens.effective_roles(sess, user_id, SYSTEM_ALL, 'System'))
