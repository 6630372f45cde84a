"""``/v3/domains``, ``/v3/projects`` and ``/v3/users``."""

import sqlalchemy as sa

from novaapi.db import base
from novaapi.identity import bootstrap
from novaapi.identity import errors
from novaapi.identity import models
from novaapi.identity import passwords
from novaapi.identity import schemas
from novaapi.identity import store
from novaapi.identity import tokens
from novaapi.identity import views
from novaapi.identity import wsgi


def _default_domain_id(call, ref):
    """The domain of a new project or user: given, else the caller's, else ``default``."""
    domain_id = ref.get('domain_id') or call.token.project_domain_id or \
        bootstrap.DEFAULT_DOMAIN_ID
    store.get(call.sess, models.Domain, domain_id)
    return domain_id


# -- domains ---------------------------------------------------------------------------------

def list_domains(call):
    call.enforce('identity:list_domains')
    rows = store.listing(call.sess, models.Domain, call.params, ('name', 'enabled'))
    return wsgi.listing(call, 'domains', views.domain, rows)


def create_domain(call):
    call.enforce('identity:create_domain')
    ref = schemas.entity_body(call, 'domain', schemas.domain_create)
    if store.exists(call.sess, models.Domain, name=ref['name']):
        raise errors.Conflict.duplicate('domain', ref['name'])
    if ref.get('id') and call.sess.get(models.Domain, ref['id']):
        raise errors.Conflict('Conflict occurred attempting to store domain - '
                              'Duplicate ID, %s.' % ref['id'])
    row = models.Domain(id=ref.get('id') or base.new_hex_id(), enabled=ref.get('enabled', True))
    store.apply(row, ref, ('name', 'description'))
    call.sess.add(row)
    return wsgi.show(call, 'domain', views.domain, row, status=201)


def get_domain(call, domain_id):
    token = call.authenticated()
    call.enforce('identity:get_domain', allow=token.project_domain_id == domain_id)
    return wsgi.show(call, 'domain', views.domain, store.get(call.sess, models.Domain, domain_id))


def update_domain(call, domain_id):
    call.enforce('identity:update_domain')
    row = store.get(call.sess, models.Domain, domain_id)
    ref = schemas.entity_body(call, 'domain', schemas.domain_update)
    if ref.get('name', row.name) != row.name and store.exists(call.sess, models.Domain,
                                                              name=ref['name']):
        raise errors.Conflict.duplicate('domain', ref['name'])
    store.apply(row, ref, ('name', 'description', 'enabled'))
    return wsgi.show(call, 'domain', views.domain, row)


def delete_domain(call, domain_id):
    call.enforce('identity:delete_domain')
    row = store.get(call.sess, models.Domain, domain_id)
    if row.enabled:
        raise errors.Forbidden('Cannot delete a domain that is enabled, please disable it first.')
    for user in call.sess.scalars(sa.select(models.User).filter_by(domain_id=domain_id)):
        store.delete_user(call.sess, user)
    for project in call.sess.scalars(sa.select(models.Project).filter_by(domain_id=domain_id)):
        store.delete_project(call.sess, project)
    call.sess.flush()
    call.sess.delete(row)
    return wsgi.no_content()


# -- projects --------------------------------------------------------------------------------

def list_projects(call):
    call.enforce('identity:list_projects')
    if call.flag('is_domain'):
        return wsgi.listing(call, 'projects', views.project, [])
    rows = store.listing(call.sess, models.Project, call.params,
                         ('name', 'domain_id', 'enabled', 'parent_id'))
    return wsgi.listing(call, 'projects', views.project, rows)


def create_project(call):
    call.enforce('identity:create_project')
    ref = schemas.entity_body(call, 'project', schemas.project_create)
    if ref.get('is_domain'):
        raise errors.ValidationError('Creating projects acting as domains is not supported.')
    domain_id = _default_domain_id(call, ref)
    parent_id = ref.get('parent_id')
    if parent_id and parent_id != domain_id:
        parent = store.get(call.sess, models.Project, parent_id)
        if parent.domain_id != domain_id:
            raise errors.ValidationError('Cannot create project, the parent (%s) is in a '
                                         'different domain.' % parent_id)
    else:
        parent_id = None
    if store.find_by_name(call.sess, models.Project, ref['name'], domain_id):
        raise errors.Conflict.duplicate('project', ref['name'], domain_id)
    row = models.Project(domain_id=domain_id, parent_id=parent_id,
                         enabled=ref.get('enabled', True))
    store.apply(row, ref, ('name', 'description'))
    call.sess.add(row)
    call.sess.flush()
    return wsgi.show(call, 'project', views.project, row, status=201)


def get_project(call, project_id):
    token = call.authenticated()
    call.enforce('identity:get_project', allow=token.project_id == project_id)
    return wsgi.show(call, 'project', views.project, store.get(call.sess, models.Project, project_id))


def update_project(call, project_id):
    call.enforce('identity:update_project')
    row = store.get(call.sess, models.Project, project_id)
    ref = schemas.entity_body(call, 'project', schemas.project_update)
    if ref.get('domain_id', row.domain_id) != row.domain_id:
        raise errors.ValidationError('Update of `domain_id` is not allowed.')
    name = ref.get('name', row.name)
    if name != row.name and store.find_by_name(call.sess, models.Project, name, row.domain_id):
        raise errors.Conflict.duplicate('project', name, row.domain_id)
    store.apply(row, ref, ('name', 'description', 'enabled'))
    return wsgi.show(call, 'project', views.project, row)


def delete_project(call, project_id):
    call.enforce('identity:delete_project')
    row = store.get(call.sess, models.Project, project_id)
    if store.exists(call.sess, models.Project, parent_id=project_id):
        raise errors.Forbidden('Cannot delete the project %s since it is not a leaf in the '
                               'hierarchy. Use the cascade option if you want to delete a '
                               'whole subtree.' % project_id)
    store.delete_project(call.sess, row)
    return wsgi.no_content()


# -- users -----------------------------------------------------------------------------------

def _set_password(row, password):
    try:
        row.password_hash = passwords.hash_password(password) if password is not None else None
    except ValueError:
        raise errors.ValidationError('Password validation error: the password does not meet '
                                     'the requirements.') from None


def list_users(call):
    call.enforce('identity:list_users')
    rows = store.listing(call.sess, models.User, call.params, ('name', 'domain_id', 'enabled'))
    return wsgi.listing(call, 'users', views.user, rows)


def create_user(call):
    call.enforce('identity:create_user')
    ref = schemas.entity_body(call, 'user', schemas.user_create)
    domain_id = _default_domain_id(call, ref)
    if store.find_by_name(call.sess, models.User, ref['name'], domain_id):
        raise errors.Conflict.duplicate('user', ref['name'], domain_id)
    if ref.get('default_project_id'):
        store.get(call.sess, models.Project, ref['default_project_id'])
    row = models.User(domain_id=domain_id, enabled=ref.get('enabled', True))
    store.apply(row, ref, ('name', 'default_project_id', 'description', 'email'))
    _set_password(row, ref.get('password'))
    call.sess.add(row)
    call.sess.flush()
    return wsgi.show(call, 'user', views.user, row, status=201)


def get_user(call, user_id):
    token = call.authenticated()
    call.enforce('identity:get_user', allow=token.user_id == user_id)
    return wsgi.show(call, 'user', views.user, store.get(call.sess, models.User, user_id))


def update_user(call, user_id):
    call.enforce('identity:update_user')
    row = store.get(call.sess, models.User, user_id)
    ref = schemas.entity_body(call, 'user', schemas.user_update)
    name = ref.get('name', row.name)
    if name != row.name and store.find_by_name(call.sess, models.User, name, row.domain_id):
        raise errors.Conflict.duplicate('user', name, row.domain_id)
    if ref.get('default_project_id'):
        store.get(call.sess, models.Project, ref['default_project_id'])
    store.apply(row, ref, ('name', 'enabled', 'default_project_id', 'description', 'email'))
    if 'password' in ref:
        _set_password(row, ref['password'])
    if 'password' in ref or ref.get('enabled') is False:
        tokens.revoke_user(call.sess, user_id)
    return wsgi.show(call, 'user', views.user, row)


def delete_user(call, user_id):
    call.enforce('identity:delete_user')
    store.delete_user(call.sess, store.get(call.sess, models.User, user_id))
    return wsgi.no_content()


def list_user_projects(call, user_id):
    token = call.authenticated()
    call.enforce('identity:list_user_projects', allow=token.user_id == user_id)
    store.get(call.sess, models.User, user_id)
    return wsgi.listing(call, 'projects', views.project, store.user_projects(call.sess, user_id))


def change_password(call, user_id):
    """POST /v3/users/{user_id}/password: self-service, proven by the original password."""
    ref = schemas.entity_body(call, 'user', schemas.password_change)
    row = call.sess.get(models.User, user_id)
    if row is None or not passwords.verify_password(ref['original_password'], row.password_hash):
        if row is None:
            passwords.burn_time(ref['original_password'])
        raise errors.Unauthorized()
    _set_password(row, ref['password'])
    tokens.revoke_user(call.sess, user_id)
    return wsgi.no_content()


ROUTES = [
    ('/domains', ['GET'], list_domains),
    ('/domains', ['POST'], create_domain),
    ('/domains/{domain_id}', ['GET'], get_domain),
    ('/domains/{domain_id}', ['PATCH'], update_domain),
    ('/domains/{domain_id}', ['DELETE'], delete_domain),
    ('/projects', ['GET'], list_projects),
    ('/projects', ['POST'], create_project),
    ('/projects/{project_id}', ['GET'], get_project),
    ('/projects/{project_id}', ['PATCH'], update_project),
    ('/projects/{project_id}', ['DELETE'], delete_project),
    ('/users', ['GET'], list_users),
    ('/users', ['POST'], create_user),
    ('/users/{user_id}', ['GET'], get_user),
    ('/users/{user_id}', ['PATCH'], update_user),
    ('/users/{user_id}', ['DELETE'], delete_user),
    ('/users/{user_id}/projects', ['GET'], list_user_projects),
    ('/users/{user_id}/password', ['POST'], change_password),
]
