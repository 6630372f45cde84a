"""Application credentials and the access rules that restrict them.

A credential delegates a subset of the creator's roles on the project of the
creating token.  Its secret is shown once, in the answer to its creation; only
a slow hash of it (the same scrypt form as passwords) is stored.  Access rules
belong to the user and are shared by the user's credentials.
"""

import base64
import datetime
import secrets

import sqlalchemy as sa

from novaapi.db import base
from novaapi.identity import errors
from novaapi.identity import models
from novaapi.identity import passwords
from novaapi.identity import store

SECRET_BYTES = 64
_NOT_BEFORE_NOW = ("The 'expires_at' must not be before now. The server could not comply with "
                   "the request since it is either malformed or otherwise incorrect. The client "
                   "is assumed to be in error.")
_BAD_DATE = ("Invalid input for field 'expires_at': the value is not an ISO 8601 date and time.")


def new_secret():
    """64 random bytes, URL-safe base64 without padding (86 characters)."""
    return base64.urlsafe_b64encode(secrets.token_bytes(SECRET_BYTES)).decode('ascii').rstrip('=')


def _parse_expiry(value):
    if value is None:
        return None
    try:
        when = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        raise errors.ValidationError(_BAD_DATE) from None
    if when.tzinfo is not None:
        when = when.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    if when <= base.utcnow():
        raise errors.ValidationError(_NOT_BEFORE_NOW)
    return when


def _refuse_restricted(token):
    cred = token.application_credential
    if cred and cred['restricted']:
        raise errors.ForbiddenAction("Using method 'application_credential' is not allowed for "
                                     "managing additional application credentials")


def _implied_closure(sess, role_ids):
    graph = {}
    for prior, implied in sess.execute(sa.select(models.ImpliedRole.prior_role_id,
                                                 models.ImpliedRole.implied_role_id)):
        graph.setdefault(prior, []).append(implied)
    seen, todo = set(), list(role_ids)
    while todo:
        role_id = todo.pop()
        if role_id not in seen:
            seen.add(role_id)
            todo.extend(graph.get(role_id, ()))
    return seen


def _resolve_role(sess, ref):
    if 'id' in ref:
        return store.get(sess, models.Role, ref['id']).id
    row = sess.scalars(sa.select(models.Role).filter_by(name=ref['name'])).first()
    if row is None:
        raise errors.NotFound.entity('role', ref['name'])
    return row.id


def _role_ids(sess, token, refs):
    """The roles a new credential gets: those asked for and what they imply, all the token's."""
    held = {r['id'] for r in token.role_refs}
    if not refs:
        return held
    wanted = _implied_closure(sess, {_resolve_role(sess, ref) for ref in refs})
    if not wanted <= held:
        raise errors.ValidationError('Invalid application credential: Cannot create an '
                                     'application credential with unassigned role')
    return wanted


def _access_rules(sess, user_id, refs):
    """The user's access rule rows for ``refs``: existing ones reused, new ones created."""
    rows = {}
    for ref in refs or ():
        if set(ref) == {'id'}:
            row = sess.get(models.AccessRule, ref['id'])
            if row is None or row.user_id != user_id:
                raise errors.NotFound('Could not find Access Rule: %s.' % ref['id'])
        else:
            row = sess.scalars(sa.select(models.AccessRule).filter_by(
                user_id=user_id, service=ref['service'], path=ref['path'],
                method=ref['method'])).first()
            if row is None:
                row = models.AccessRule(id=ref.get('id') or base.new_hex_id(), user_id=user_id,
                                        service=ref['service'], path=ref['path'],
                                        method=ref['method'])
                sess.add(row)
                sess.flush()
        rows[row.id] = row
    return list(rows.values())


def _details(sess, creds):
    """``[(credential, roles, access rules)]`` with two queries for the whole page."""
    ids = [c.id for c in creds]
    roles, rules = {i: [] for i in ids}, {i: [] for i in ids}
    if ids:
        cr, ar = models.ApplicationCredentialRole, models.ApplicationCredentialAccessRule
        for cred_id, role in sess.execute(
                sa.select(cr.application_credential_id, models.Role)
                .join(models.Role, models.Role.id == cr.role_id)
                .where(cr.application_credential_id.in_(ids)).order_by(models.Role.name)):
            roles[cred_id].append(role)
        for cred_id, rule in sess.execute(
                sa.select(ar.application_credential_id, models.AccessRule)
                .join(models.AccessRule, models.AccessRule.id == ar.access_rule_id)
                .where(ar.application_credential_id.in_(ids))
                .order_by(models.AccessRule.service, models.AccessRule.path)):
            rules[cred_id].append(rule)
    return [(c, roles[c.id], rules[c.id]) for c in creds]


def create(token, user_id, ref):
    """Create a credential for the caller on the token's project.

    :returns: ``(row, roles, access rules, secret)``; the secret is never stored
    :raises errors.ForbiddenAction: a restricted credential's token, or another user
    :raises errors.ValidationError: a role the token does not hold, a past expiry
    :raises errors.Conflict: the user already has a credential of that name
    """
    _refuse_restricted(token)
    if user_id != token.user_id:
        raise errors.ForbiddenAction('Cannot create an application credential for another user')
    expires_at = _parse_expiry(ref.get('expires_at'))
    secret = ref.get('secret') or new_secret()
    try:
        secret_hash = passwords.hash_password(secret)
    except ValueError:
        raise errors.ValidationError('Invalid application credential: the secret is too '
                                     'long.') from None
    with store.transaction() as sess:
        if store.exists(sess, models.ApplicationCredential, user_id=user_id, name=ref['name']):
            raise errors.Conflict.duplicate('application_credential', ref['name'])
        role_ids = _role_ids(sess, token, ref.get('roles'))
        rules = _access_rules(sess, user_id, ref.get('access_rules'))
        row = models.ApplicationCredential(
            id=base.new_hex_id(), name=ref['name'], user_id=user_id,
            project_id=token.project_id, description=ref.get('description'),
            secret_hash=secret_hash, expires_at=expires_at,
            unrestricted=bool(ref.get('unrestricted')), created_at=base.utcnow())
        sess.add(row)
        sess.flush()
        sess.add_all([models.ApplicationCredentialRole(application_credential_id=row.id,
                                                       role_id=rid) for rid in role_ids])
        sess.add_all([models.ApplicationCredentialAccessRule(
            application_credential_id=row.id, access_rule_id=r.id) for r in rules])
        sess.flush()
        ((row, roles, rules),) = _details(sess, [row])
    return row, roles, rules, secret


def list_credentials(user_id, name=None):
    """``[(row, roles, access rules)]`` of the user's credentials, by name."""
    with store.transaction() as sess:
        store.get(sess, models.User, user_id)
        stmt = sa.select(models.ApplicationCredential).filter_by(user_id=user_id)
        if name is not None:
            stmt = stmt.filter_by(name=name)
        return _details(sess, sess.scalars(stmt.order_by(models.ApplicationCredential.name))
                        .all())


def _get(sess, user_id, cred_id):
    row = sess.get(models.ApplicationCredential, cred_id)
    if row is None or row.user_id != user_id:
        raise errors.NotFound('Could not find Application Credential: %s.' % cred_id)
    return row


def get_credential(user_id, cred_id):
    """``(row, roles, access rules)``; 404 unless the user owns it."""
    with store.transaction() as sess:
        ((row, roles, rules),) = _details(sess, [_get(sess, user_id, cred_id)])
    return row, roles, rules


def delete_credential(token, user_id, cred_id):
    """Delete a credential and revoke every token issued from it."""
    _refuse_restricted(token)
    with store.transaction() as sess:
        row = _get(sess, user_id, cred_id)
        store.delete_application_credentials(sess, [row.id])


# -- access rules ----------------------------------------------------------------------------

ACCESS_RULE_FILTERS = ('service', 'path', 'method')


def list_access_rules(user_id, query):
    with store.transaction() as sess:
        store.get(sess, models.User, user_id)
        stmt = sa.select(models.AccessRule).filter_by(user_id=user_id)
        for name in ACCESS_RULE_FILTERS:
            if name in query:
                stmt = stmt.where(getattr(models.AccessRule, name) == query[name])
        return sess.scalars(stmt.order_by(models.AccessRule.service,
                                          models.AccessRule.path)).all()


def _get_rule(sess, user_id, rule_id):
    row = sess.get(models.AccessRule, rule_id)
    if row is None or row.user_id != user_id:
        raise errors.NotFound('Could not find Access Rule: %s.' % rule_id)
    return row


def get_access_rule(user_id, rule_id):
    with store.transaction() as sess:
        return _get_rule(sess, user_id, rule_id)


def delete_access_rule(user_id, rule_id):
    """Delete an access rule no credential uses any more; 403 while one does."""
    with store.transaction() as sess:
        row = _get_rule(sess, user_id, rule_id)
        if store.exists(sess, models.ApplicationCredentialAccessRule, access_rule_id=rule_id):
            raise errors.Forbidden('Cannot delete access rule %s, it is in use by an '
                                   'application credential.' % rule_id)
        sess.delete(row)

