"""Authentication: who a password or token proves, the scope it may take, tokens on a subject.

Each function is one unit of work; the request body has already passed
``schemas.token_issue`` and :func:`schemas.check_id_or_name`.
"""

from novaapi.identity import errors
from novaapi.identity import models
from novaapi.identity import passwords
from novaapi.identity import policy
from novaapi.identity import store
from novaapi.identity import tokens

METHODS = ('password', 'token')


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


def _authenticate(sess, identity):
    """``(user_id, methods, parent TokenInfo or None)`` for the identity section."""
    methods = identity['methods']
    if not methods or any(m not in METHODS for m in methods):
        raise errors.AuthMethodNotSupported(METHODS)
    user_ids, parent, used = set(), None, list(methods)
    for method in methods:
        if method not in identity:
            raise errors.ValidationError.expecting(method, 'identity')
    if 'password' in methods:
        user_ids.add(_password_user(sess, identity['password']).id)
    if 'token' in methods:
        parent = tokens.load(sess, identity['token']['id'])
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


def _catalog(sess, info, with_catalog):
    """The catalog rows a token body shows: only a project-scoped one, when asked for."""
    if with_catalog and info.project_id:
        return store.catalog_rows(sess)
    return None


def issue_token(identity, scope, with_catalog=True):
    """Authenticate ``identity`` and issue a token with the ``scope`` it asks for.

    :returns: ``(token_id, TokenInfo, (services, endpoints) or None)``
    :raises errors.Unauthorized: bad credentials or a scope the user may not take
    """
    with store.transaction() as sess:
        user_id, methods, parent = _authenticate(sess, identity)
        user = store.get(sess, models.User, user_id)
        project_id = _scope_project(sess, scope, user)
        token_id, info = tokens.issue(sess, user_id, project_id, methods, parent=parent)
        if info is None:  # expired on arrival: a zero lifetime or an expiring parent
            raise errors.Unauthorized()
        return token_id, info, _catalog(sess, info, with_catalog)


def _subject(sess, caller, subject_id, rule):
    """The subject token's info, once ``caller`` passes ``rule`` on it; 404 when invalid."""
    info = tokens.load(sess, subject_id)
    if info is None:
        raise errors.NotFound('Failed to validate token')
    policy.enforce(caller, rule, {'user_id': info.user_id})
    return info


def validate_token(caller, subject_id, rule, with_catalog=True):
    """``(TokenInfo, (services, endpoints) or None)`` of the subject token ``subject_id``.

    :param rule: ``identity:validate_token`` or ``identity:check_token``
    """
    with store.transaction() as sess:
        info = _subject(sess, caller, subject_id, rule)
        return info, _catalog(sess, info, with_catalog)


def revoke_token(caller, subject_id):
    """Revoke the subject token and every token re-scoped from it."""
    with store.transaction() as sess:
        _subject(sess, caller, subject_id, 'identity:revoke_token')
        tokens.revoke(sess, subject_id)
