"""``/v3/roles``, role grants on projects, ``/v3/role_assignments`` and implied roles."""

import sqlalchemy as sa

from novaapi.identity import errors
from novaapi.identity import models
from novaapi.identity import schemas
from novaapi.identity import store
from novaapi.identity import views
from novaapi.identity import wsgi

USER_PROJECT = 'UserProject'


# -- roles -----------------------------------------------------------------------------------

def list_roles(call):
    call.enforce('identity:list_roles')
    if call.params.get('domain_id'):
        rows = []  # every role here is global
    else:
        rows = store.listing(call.sess, models.Role, call.params, ('name',))
    return wsgi.json_response(views.collection(call, 'roles', [views.role(call, r) for r in rows]))


def create_role(call):
    call.enforce('identity:create_role')
    ref = schemas.entity_body(call, 'role', schemas.role_create)
    if store.exists(call.sess, models.Role, name=ref['name']):
        raise errors.Conflict.duplicate('role', ref['name'])
    row = models.Role(name=ref['name'], description=ref.get('description'))
    call.sess.add(row)
    call.sess.flush()
    return wsgi.json_response({'role': views.role(call, row)}, status=201)


def get_role(call, role_id):
    call.enforce('identity:get_role')
    return wsgi.json_response({'role': views.role(call, store.get(call.sess, models.Role,
                                                                  role_id))})


def update_role(call, role_id):
    call.enforce('identity:update_role')
    row = store.get(call.sess, models.Role, role_id)
    ref = schemas.entity_body(call, 'role', schemas.role_update)
    if ref.get('name', row.name) != row.name and store.exists(call.sess, models.Role,
                                                              name=ref['name']):
        raise errors.Conflict.duplicate('role', ref['name'])
    for name in ('name', 'description'):
        if name in ref:
            setattr(row, name, ref[name])
    return wsgi.json_response({'role': views.role(call, row)})


def delete_role(call, role_id):
    call.enforce('identity:delete_role')
    row = store.get(call.sess, models.Role, role_id)
    store.delete_assignments(call.sess, role_id=role_id)
    imp = models.ImpliedRole
    call.sess.execute(sa.delete(imp).where(sa.or_(imp.prior_role_id == role_id,
                                                  imp.implied_role_id == role_id)))
    call.sess.delete(row)
    return wsgi.no_content()


# -- grants ----------------------------------------------------------------------------------

def _grant_target(call, action, project_id, user_id, role_id=None):
    """Check the caller and that project, user and (when given) role exist."""
    call.enforce(action)
    if role_id is not None:
        store.get(call.sess, models.Role, role_id)
    store.get(call.sess, models.User, user_id)
    store.get(call.sess, models.Project, project_id)
    return dict(type=USER_PROJECT, actor_id=user_id, target_id=project_id)


def list_grants(call, project_id, user_id):
    keys = _grant_target(call, 'identity:list_grants', project_id, user_id)
    ids = sa.select(models.RoleAssignment.role_id).filter_by(**keys)
    rows = call.sess.scalars(sa.select(models.Role).where(models.Role.id.in_(ids))
                             .order_by(models.Role.name)).all()
    return wsgi.json_response(views.collection(call, 'roles', [views.role(call, r) for r in rows]))


def create_grant(call, project_id, user_id, role_id):
    keys = _grant_target(call, 'identity:create_grant', project_id, user_id, role_id)
    if not store.exists(call.sess, models.RoleAssignment, role_id=role_id, **keys):
        call.sess.add(models.RoleAssignment(role_id=role_id, **keys))
    return wsgi.no_content()


def _assignment_not_found(project_id, user_id, role_id):
    return errors.NotFound('Could not find role assignment with role: %s, user or group: %s, '
                           'project, domain, or system: %s.' % (role_id, user_id, project_id))


def check_grant(call, project_id, user_id, role_id):
    keys = _grant_target(call, 'identity:check_grant', project_id, user_id, role_id)
    if not store.exists(call.sess, models.RoleAssignment, role_id=role_id, **keys):
        raise _assignment_not_found(project_id, user_id, role_id)
    return wsgi.no_content()


def revoke_grant(call, project_id, user_id, role_id):
    keys = _grant_target(call, 'identity:revoke_grant', project_id, user_id, role_id)
    if not store.exists(call.sess, models.RoleAssignment, role_id=role_id, **keys):
        raise _assignment_not_found(project_id, user_id, role_id)
    store.delete_assignments(call.sess, role_id=role_id, **keys)
    return wsgi.no_content()


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


def _check_assignment_filters(params, effective):
    if params.get('scope.domain.id') and params.get('scope.project.id'):
        raise errors.ValidationError('Specify a domain or project, not both')
    if params.get('scope.system') and (params.get('scope.project.id')
                                       or params.get('scope.domain.id')):
        raise errors.ValidationError('Specify system or project, not both')
    if params.get('user.id') and params.get('group.id'):
        raise errors.ValidationError('Specify a user or group, not both')
    if effective and params.get('group.id'):
        raise errors.ValidationError('Combining effective and group filter will always result '
                                     'in an empty list.')


def _render_assignment(call, row, names):
    user_id, project_id, role_id, prior_id = row
    ref = {'user': {'id': user_id}, 'scope': {'project': {'id': project_id}},
           'role': {'id': role_id}, 'links': {}}
    if names:
        user, project, role = names['users'][user_id], names['projects'][project_id], \
            names['roles'][role_id]
        domains = names['domains']
        ref['user'].update(name=user.name, domain={'id': user.domain_id,
                                                   'name': domains[user.domain_id]})
        ref['scope']['project'].update(name=project.name, domain={
            'id': project.domain_id, 'name': domains[project.domain_id]})
        ref['role']['name'] = role.name
    # NOTE: for an implied role Keystone links the grant of the prior role.
    ref['links']['assignment'] = call.url('projects', project_id, 'users', user_id, 'roles',
                                          prior_id or role_id)
    if prior_id:
        ref['links']['prior_role'] = call.url('prior_role', role_id, 'implies', prior_id)
    return ref


def _names(sess, rows):
    def by_id(model, ids):
        return {r.id: r for r in sess.scalars(sa.select(model).where(model.id.in_(ids)))}
    return {'users': by_id(models.User, {r[0] for r in rows}),
            'projects': by_id(models.Project, {r[1] for r in rows}),
            'roles': by_id(models.Role, {r[2] for r in rows}),
            'domains': {d.id: d.name for d in sess.scalars(sa.select(models.Domain))}}


def list_role_assignments(call):
    call.enforce('identity:list_role_assignments')
    params, effective = call.params, call.flag('effective')
    _check_assignment_filters(params, effective)
    rows = []
    if not any(params.get(k) for k in ('group.id', 'scope.domain.id', 'scope.system')):
        ra = models.RoleAssignment
        stmt = sa.select(ra.actor_id, ra.target_id, ra.role_id, sa.null()).where(
            ra.type == USER_PROJECT)
        if params.get('user.id'):
            stmt = stmt.where(ra.actor_id == params['user.id'])
        if params.get('scope.project.id'):
            stmt = stmt.where(ra.target_id == params['scope.project.id'])
        rows = [tuple(r) for r in call.sess.execute(stmt.order_by(ra.actor_id, ra.target_id))]
        if effective:
            rows = _expand(rows, _implications(call.sess))
        if params.get('role.id'):
            rows = [r for r in rows if r[2] == params['role.id']]
    names = _names(call.sess, rows) if call.flag('include_names') and rows else None
    refs = [_render_assignment(call, r, names) for r in rows]
    return wsgi.json_response(views.collection(call, 'role_assignments', refs))


# -- implied roles ---------------------------------------------------------------------------

def _inference(call, prior, implied):
    return {'prior_role': views.role_brief(call, prior),
            'implies': views.role_brief(call, implied)}


def _implied_pair(call, action, prior_role_id, implied_role_id):
    call.enforce(action)
    return (store.get(call.sess, models.Role, prior_role_id),
            store.get(call.sess, models.Role, implied_role_id))


def create_implied_role(call, prior_role_id, implied_role_id):
    prior, implied = _implied_pair(call, 'identity:create_implied_role', prior_role_id,
                                   implied_role_id)
    if not store.exists(call.sess, models.ImpliedRole, prior_role_id=prior.id,
                        implied_role_id=implied.id):
        call.sess.add(models.ImpliedRole(prior_role_id=prior.id, implied_role_id=implied.id))
    return wsgi.json_response({'role_inference': _inference(call, prior, implied)}, status=201)


def _existing_implication(call, action, prior_role_id, implied_role_id):
    prior, implied = _implied_pair(call, action, prior_role_id, implied_role_id)
    row = call.sess.get(models.ImpliedRole, (prior.id, implied.id))
    if row is None:
        raise errors.NotFound('%s does not imply %s.' % (prior.id, implied.id))
    return prior, implied, row


def get_implied_role(call, prior_role_id, implied_role_id):
    prior, implied, _row = _existing_implication(call, 'identity:get_implied_role',
                                                 prior_role_id, implied_role_id)
    if call.req.method == 'HEAD':
        return wsgi.no_content()
    return wsgi.json_response({'role_inference': _inference(call, prior, implied)})


def delete_implied_role(call, prior_role_id, implied_role_id):
    _prior, _implied, row = _existing_implication(call, 'identity:delete_implied_role',
                                                  prior_role_id, implied_role_id)
    call.sess.delete(row)
    return wsgi.no_content()


def _implies_of(call, prior):
    ids = sa.select(models.ImpliedRole.implied_role_id).where(
        models.ImpliedRole.prior_role_id == prior.id)
    rows = call.sess.scalars(sa.select(models.Role).where(models.Role.id.in_(ids))
                             .order_by(models.Role.name))
    return [views.role_brief(call, r) for r in rows]


def list_implied_roles(call, prior_role_id):
    call.enforce('identity:list_implied_roles')
    prior = store.get(call.sess, models.Role, prior_role_id)
    return wsgi.json_response({
        'role_inference': {'prior_role': views.role_brief(call, prior),
                           'implies': _implies_of(call, prior)},
        'links': {'self': call.url('roles', prior.id, 'implies')}})


def list_role_inferences(call):
    call.enforce('identity:list_role_inference_rules')
    priors = sa.select(models.ImpliedRole.prior_role_id)
    rows = call.sess.scalars(sa.select(models.Role).where(models.Role.id.in_(priors))
                             .order_by(models.Role.name))
    refs = [{'prior_role': views.role_brief(call, r), 'implies': _implies_of(call, r)}
            for r in rows]
    return wsgi.json_response({'role_inferences': refs,
                               'links': {'self': call.url('role_inferences')}})


ROUTES = [
    ('/roles', ['GET'], list_roles),
    ('/roles', ['POST'], create_role),
    ('/roles/{role_id}', ['GET'], get_role),
    ('/roles/{role_id}', ['PATCH'], update_role),
    ('/roles/{role_id}', ['DELETE'], delete_role),
    ('/roles/{prior_role_id}/implies', ['GET'], list_implied_roles),
    ('/roles/{prior_role_id}/implies/{implied_role_id}', ['PUT'], create_implied_role),
    ('/roles/{prior_role_id}/implies/{implied_role_id}', ['GET'], get_implied_role),
    ('/roles/{prior_role_id}/implies/{implied_role_id}', ['DELETE'], delete_implied_role),
    ('/role_inferences', ['GET'], list_role_inferences),
    ('/projects/{project_id}/users/{user_id}/roles', ['GET'], list_grants),
    ('/projects/{project_id}/users/{user_id}/roles/{role_id}', ['PUT'], create_grant),
    ('/projects/{project_id}/users/{user_id}/roles/{role_id}', ['GET'], check_grant),
    ('/projects/{project_id}/users/{user_id}/roles/{role_id}', ['DELETE'], revoke_grant),
    ('/role_assignments', ['GET'], list_role_assignments),
]
