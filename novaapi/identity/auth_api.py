"""``/v3/auth``: issue, validate and revoke tokens; the caller's catalog and scopes."""

from novaapi.identity import errors
from novaapi.identity import models
from novaapi.identity import passwords
from novaapi.identity import schemas
from novaapi.identity import store
from novaapi.identity import tokens
from novaapi.identity import views
from novaapi.identity import wsgi

METHODS = ('password', 'token')
SUBJECT_HEADER = 'X-Subject-Token'


def _password_user(sess, payload):
    """The enabled user whose password matches; 401 otherwise."""
    user_ref = payload.get('user')
    if not isinstance(user_ref, dict):
        raise errors.ValidationError.expecting('user', 'password')
    if 'id' in user_ref:
        user = sess.get(models.User, user_ref['id'])
    else:
        if 'domain' not in user_ref:
            raise errors.ValidationError.expecting('domain', 'user')
        domain = store.find_domain(sess, user_ref['domain'])
        user = domain and store.find_by_name(sess, models.User, user_ref['name'], domain.id)
    password = user_ref.get('password')
    if user is None:
        passwords.burn_time(password)
        raise errors.Unauthorized()
    if not passwords.verify_password(password, user.password_hash):
        raise errors.Unauthorized()
    domain = sess.get(models.Domain, user.domain_id)
    if not (user.enabled and domain.enabled):
        raise errors.Unauthorized()
    return user


def _authenticate(call, identity):
    """``(user_id, methods, parent TokenInfo or None)`` for the identity section."""
    methods = identity['methods']
    if not methods or any(m not in METHODS for m in methods):
        raise errors.AuthMethodNotSupported(METHODS)
    user_ids, parent, used = set(), None, list(methods)
    for method in methods:
        if method not in identity:
            raise errors.ValidationError.expecting(method, 'identity')
    if 'password' in methods:
        user_ids.add(_password_user(call.sess, identity['password']).id)
    if 'token' in methods:
        parent = tokens.load(call.sess, identity['token']['id'])
        if parent is None:
            raise errors.Unauthorized()
        user_ids.add(parent.user_id)
        used += [m for m in parent.methods if m not in used]
    if len(user_ids) != 1:
        raise errors.Unauthorized()
    return user_ids.pop(), used, parent


def _scope_project(sess, scope, user):
    """The project id a ``scope`` asks for (None when unscoped); 401 if not allowed."""
    if scope is None and user.default_project_id:
        # NOTE: like Keystone, a user with a usable default project gets a
        # token scoped to it when the request names no scope at all.
        project = sess.get(models.Project, user.default_project_id)
        usable = project is not None and project.enabled and tokens.effective_roles(
            sess, user.id, project.id)
        return project.id if usable else None
    if scope is None or scope == 'unscoped' or (isinstance(scope, dict) and 'unscoped' in scope):
        return None
    if not isinstance(scope, dict) or len(scope) != 1:
        raise errors.ValidationError.expecting('project, domain, OS-TRUST:trust or system',
                                               'scope')
    ref = scope.get('project')
    if ref is None:
        raise errors.Unauthorized()  # domain, system and trust scopes are not offered
    if 'id' in ref:
        project = sess.get(models.Project, ref['id'])
    elif 'domain' not in ref:
        raise errors.ValidationError.expecting('domain', 'project')
    else:
        domain = store.find_domain(sess, ref['domain'])
        project = domain and store.find_by_name(sess, models.Project, ref['name'], domain.id)
    if project is None or not project.enabled:
        raise errors.Unauthorized()
    domain = sess.get(models.Domain, project.domain_id)
    if not domain.enabled or not tokens.effective_roles(sess, user.id, project.id):
        raise errors.Unauthorized()
    return project.id


def _check_id_or_name(auth):
    """Keystone's extra rules the JSON schema cannot say."""
    user = auth['identity'].get('password', {}).get('user')
    checks = [('identity/password/user', user),
              ('identity/password/user/domain', (user or {}).get('domain'))]
    scope = auth.get('scope')
    if isinstance(scope, dict):
        project = scope.get('project')
        checks += [('scope/project', project),
                   ('scope/project/domain', (project or {}).get('domain')),
                   ('scope/domain', scope.get('domain'))]
    for field, ref in checks:
        if ref is not None and 'id' not in ref and 'name' not in ref:
            raise errors.ValidationError(
                'Invalid input for field %s: id or name must be present.' % field)


def _token_body(call, info):
    catalog = None
    if not call.flag('nocatalog'):
        catalog = views.catalog(*store.catalog_rows(call.sess))
    return views.token(info, catalog)


def issue_token(call):
    """POST /v3/auth/tokens"""
    auth = call.body().get('auth')
    if not isinstance(auth, dict):
        raise errors.ValidationError.expecting('auth', 'request body')
    schemas.validate(schemas.token_issue, auth)
    _check_id_or_name(auth)
    user_id, methods, parent = _authenticate(call, auth['identity'])
    user = store.get(call.sess, models.User, user_id)
    project_id = _scope_project(call.sess, auth.get('scope'), user)
    token_id, info = tokens.issue(call.sess, user_id, project_id, methods, parent=parent)
    if info is None:  # expired on arrival: a zero lifetime or an expiring parent
        raise errors.Unauthorized()
    return wsgi.json_response(_token_body(call, info), status=201,
                              headers={SUBJECT_HEADER: token_id})


def _subject(call, action):
    caller = call.authenticated()
    subject_id = call.req.headers.get(SUBJECT_HEADER)
    info = tokens.load(call.sess, subject_id)
    if info is None:
        raise errors.NotFound('Failed to validate token')
    call.enforce(action, allow=call.is_service() or info.user_id == caller.user_id)
    return subject_id, info


def validate_token(call):
    """GET/HEAD /v3/auth/tokens"""
    action = 'identity:check_token' if call.req.method == 'HEAD' else 'identity:validate_token'
    subject_id, info = _subject(call, action)
    return wsgi.json_response(_token_body(call, info), headers={SUBJECT_HEADER: subject_id})


def revoke_token(call):
    """DELETE /v3/auth/tokens"""
    subject_id, _info = _subject(call, 'identity:revoke_token')
    tokens.revoke(call.sess, subject_id)
    return wsgi.no_content()


def get_catalog(call):
    """GET /v3/auth/catalog"""
    token = call.authenticated()
    if not token.project_id:
        raise errors.Forbidden()
    return wsgi.json_response({'catalog': views.catalog(*store.catalog_rows(call.sess)),
                               'links': {'self': call.url('auth', 'catalog')}})


def get_projects(call):
    """GET /v3/auth/projects"""
    token = call.authenticated()
    projects = [views.project(call, p) for p in store.user_projects(call.sess, token.user_id)]
    return wsgi.json_response(views.collection(call, 'projects', projects))


def get_domains(call):
    """GET /v3/auth/domains: no domain-level role assignments exist here."""
    call.authenticated()
    return wsgi.json_response(views.collection(call, 'domains', []))


def get_system(call):
    """GET /v3/auth/system: no system-level role assignments exist here."""
    call.authenticated()
    return wsgi.json_response({'system': [], 'links': {'self': call.url('auth', 'system')}})


ROUTES = [
    ('/auth/tokens', ['POST'], issue_token),
    ('/auth/tokens', ['GET', 'HEAD'], validate_token),
    ('/auth/tokens', ['DELETE'], revoke_token),
    ('/auth/catalog', ['GET'], get_catalog),
    ('/auth/projects', ['GET'], get_projects),
    ('/auth/domains', ['GET'], get_domains),
    ('/auth/system', ['GET'], get_system),
]
