"""Authentication: who a password or token proves, the scope it may take, tokens on a subject.

Each function is one unit of work; the request body has already passed
``schemas.token_issue`` and :func:`schemas.check_id_or_name`.
"""

import sqlalchemy as sa

from novaapi.db import base
from novaapi.identity import errors
from novaapi.identity import models
from novaapi.identity import passwords
from novaapi.identity import policy
from novaapi.identity import store
from novaapi.identity import tokens

METHODS = ('password', 'token', 'application_credential')
APP_CRED = 'application_credential'
SYSTEM_ALL = 'all'


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


def _find_app_cred(sess, payload):
    """The credential an ``application_credential`` section names, or None."""
    if not isinstance(payload, dict) or not ('id' in payload or 'name' in payload):
        raise errors.ValidationError.expecting('name or ID', 'application credential')
    if 'id' in payload:
        # NOTE: by id, any user given beside it is ignored: the owner is the credential's.
        return sess.get(models.ApplicationCredential, payload['id'])
    user_ref = payload.get('user')
    if not isinstance(user_ref, dict):
        raise errors.ValidationError.expecting('user', 'application credential')
    if 'id' in user_ref:
        user = sess.get(models.User, user_ref['id'])
    else:
        if not isinstance(user_ref.get('domain'), dict):
            raise errors.ValidationError.expecting('domain', 'user')
        domain = store.find_domain(sess, user_ref['domain'])
        user = domain and store.find_by_name(sess, models.User, user_ref.get('name'), domain.id)
    if user is None:
        return None
    return sess.scalars(sa.select(models.ApplicationCredential).filter_by(
        user_id=user.id, name=payload['name'])).first()


def _app_cred_user(sess, payload):
    """``(user, credential)`` once the secret matches a live credential; 401 otherwise."""
    cred = _find_app_cred(sess, payload)
    secret = payload.get('secret')
    if cred is None:
        passwords.burn_time(secret)
        raise errors.Unauthorized()
    if not passwords.verify_password(secret, cred.secret_hash):
        raise errors.Unauthorized()
    if cred.expires_at is not None and cred.expires_at <= base.utcnow():
        raise errors.Unauthorized()
    user = sess.get(models.User, cred.user_id)
    domain = sess.get(models.Domain, user.domain_id)
    if not (user.enabled and domain.enabled):
        raise errors.Unauthorized()
    return user, cred


def _authenticate(sess, identity):
    """``(user_id, methods, parent TokenInfo or None, credential or None)`` for ``identity``."""
    methods = identity['methods']
    if not methods or any(m not in METHODS for m in methods):
        raise errors.AuthMethodNotSupported(METHODS)
    user_ids, parent, used, cred = set(), None, list(methods), None
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
        if parent.application_credential:
            cred = sess.get(models.ApplicationCredential, parent.application_credential['id'])
    if APP_CRED in methods:
        user, cred = _app_cred_user(sess, identity[APP_CRED])
        user_ids.add(user.id)
    if len(user_ids) != 1:
        raise errors.Unauthorized()
    return user_ids.pop(), used, parent, cred


def _default_scope(sess, user):
    """A user's usable default project, or None (an unscoped token)."""
    if not user.default_project_id:
        return None
    # NOTE: like Keystone, a user with a usable default project gets a
    # token scoped to it when the request names no scope at all.
    project = sess.get(models.Project, user.default_project_id)
    usable = (project is not None and project.enabled
              and sess.get(models.Domain, project.domain_id).enabled
              and tokens.effective_roles(sess, user.id, project.id))
    return project.id if usable else None


def _scope_domain(sess, ref, user):
    domain = store.find_domain(sess, ref)
    if domain is None or not domain.enabled:
        raise errors.Unauthorized()
    if not tokens.effective_roles(sess, user.id, domain.id, 'Domain'):
        raise errors.Unauthorized()
    return {'domain_id': domain.id}


def _scope_system(sess, ref, user):
    if ref != {SYSTEM_ALL: True}:
        raise errors.ValidationError.expecting('system', 'scope')
    if not tokens.effective_roles(sess, user.id, SYSTEM_ALL, 'System'):
        raise errors.Unauthorized()
    return {'system': SYSTEM_ALL}


def _scope_of(sess, scope, user):
    """The ``tokens.issue`` scope arguments a ``scope`` asks for; 401 if not allowed."""
    if scope is None:
        return {'project_id': _default_scope(sess, user)}
    if scope == 'unscoped' or (isinstance(scope, dict) and 'unscoped' in scope):
        return {'project_id': None}
    if not isinstance(scope, dict) or len(scope) != 1:
        raise errors.ValidationError.expecting(
            'system, project, domain, OS-TRUST:trust or unscoped', 'scope')
    if 'domain' in scope:
        return _scope_domain(sess, scope['domain'], user)
    if 'system' in scope:
        return _scope_system(sess, scope['system'], user)
    ref = scope.get('project')
    if ref is None:
        raise errors.Unauthorized()  # trusts are not offered
    if 'id' in ref:
        project = sess.get(models.Project, ref['id'])
    elif 'domain' not in ref:
        raise errors.ValidationError.expecting('domain', 'project')
    else:
        domain = store.find_domain(sess, ref['domain'])
        project = domain and store.find_by_name(sess, models.Project, ref['name'], domain.id)
    return {'project_id': _usable_project(sess, project, user)}


def _usable_project(sess, project, user):
    """``project.id`` when it and its domain are enabled and the user holds a role on it."""
    if project is None or not project.enabled:
        raise errors.Unauthorized()
    domain = sess.get(models.Domain, project.domain_id)
    if not domain.enabled or not tokens.effective_roles(sess, user.id, project.id):
        raise errors.Unauthorized()
    return project.id


def _app_cred_scope(sess, scope, user, cred, parent):
    """An application credential's token is always scoped to the credential's project."""
    if scope is not None and parent is None:
        raise errors.ApplicationCredentialAuthError(
            'Application credentials cannot request a scope.')
    if parent is not None and scope is not None and _scope_of(sess, scope, user) != {
            'project_id': cred.project_id}:
        raise errors.Unauthorized()
    return {'project_id': _usable_project(sess, sess.get(models.Project, cred.project_id),
                                          user)}


def _catalog(sess, info, with_catalog):
    """The catalog rows a token body shows: a scoped token's, when asked for."""
    if with_catalog and (info.project_id or info.domain_id or info.system):
        return store.catalog_rows(sess)
    return None


def issue_token(identity, scope, with_catalog=True):
    """Authenticate ``identity`` and issue a token with the ``scope`` it asks for.

    :returns: ``(token_id, TokenInfo, (services, endpoints) or None)``
    :raises errors.Unauthorized: bad credentials or a scope the user may not take
    """
    with store.transaction() as sess:
        user_id, methods, parent, cred = _authenticate(sess, identity)
        user = store.get(sess, models.User, user_id)
        if cred is not None:
            target = _app_cred_scope(sess, scope, user, cred, parent)
        else:
            target = _scope_of(sess, scope, user)
        token_id, info = tokens.issue(sess, user_id, methods=methods, parent=parent,
                                      application_credential=cred,
                                      **dict({'project_id': None}, **target))
        if info is None:  # expired on arrival: a zero lifetime or an expiring parent
            raise errors.Unauthorized()
        return token_id, info, _catalog(sess, info, with_catalog)


def _subject(sess, caller, subject_id, rule):
    """The subject token's info, once ``caller`` passes ``rule`` on it; 404 when invalid."""
    info = tokens.load(sess, subject_id)
    if info is None:
        raise errors.NotFound(tokens.refusal(sess, subject_id))
    policy.enforce(caller, rule, {'user_id': info.user_id})
    return info


def validate_token(caller, subject_id, rule, with_catalog=True, access_rules_version=None):
    """``(TokenInfo, (services, endpoints) or None)`` of the subject token ``subject_id``.

    :param rule: ``identity:validate_token`` or ``identity:check_token``
    :param access_rules_version: the ``OpenStack-Identity-Access-Rules`` header;
        a token bound to access rules validates only for a caller that
        enforces them (version 1.0 or later), as Keystone does
    """
    with store.transaction() as sess:
        info = _subject(sess, caller, subject_id, rule)
        cred = info.application_credential or {}
        if cred.get('access_rules') and not _enforces_access_rules(access_rules_version):
            raise errors.NotFound('Failed to validate token')
        return info, _catalog(sess, info, with_catalog)


def _enforces_access_rules(version):
    try:
        return version is not None and float(version) >= 1.0
    except ValueError:
        return False


def revoke_token(caller, subject_id):
    """Revoke the subject token and every token re-scoped from it."""
    with store.transaction() as sess:
        _subject(sess, caller, subject_id, 'identity:revoke_token')
        tokens.revoke(sess, subject_id)
