"""Issue, validate and revoke bearer tokens.

A token is ``secrets.token_urlsafe(32)``; only its SHA-256 digest is stored.

Validation keeps what it found in a per-process cache tagged with the identity
generation (``novaapi.db.generations``): any write to an identity table
(revocation, a user or project disabled, a role taken away, ...) bumps it in
the same transaction, so a request costs one primary-key read while nothing
changed, and a revocation made by any worker of any process is refused by the
next request everywhere.
"""

import dataclasses
import datetime
import hashlib
import random
import secrets

import sqlalchemy as sa
from sqlalchemy import orm

from novaapi import conf
from novaapi.db import base
from novaapi.db import engine
from novaapi.db import generations
from novaapi.identity import models

# Expired rows are purged on roughly one issue in PURGE_ODDS.
PURGE_ODDS = 50
PURGE_AFTER = datetime.timedelta(days=1)


@dataclasses.dataclass
class TokenInfo:
    """What a valid token says about its holder.

    Project fields are None for an unscoped, domain- or system-scoped token;
    ``domain_id`` is set for a domain-scoped one, ``system`` for a
    system-scoped one.  ``application_credential`` is ``{id, name,
    restricted[, access_rules]}`` for a token issued from one.  ``roles`` holds role
    names, implied roles included; ``role_refs`` the same as ``{id, name}``.
    """

    user_id: str
    user_name: str
    user_domain_id: str
    user_domain_name: str
    project_id: str
    project_name: str
    project_domain_id: str
    project_domain_name: str
    roles: list
    expires_at: datetime.datetime
    issued_at: datetime.datetime
    audit_id: str
    methods: list
    audit_chain_id: str = None
    role_refs: list = dataclasses.field(default_factory=list)
    domain_id: str = None
    domain_name: str = None
    system: bool = False
    application_credential: dict = None

    @property
    def audit_ids(self):
        return [self.audit_id] + ([self.audit_chain_id] if self.audit_chain_id else [])

    @property
    def is_admin(self):
        return 'admin' in self.roles


def hash_token(token_id):
    """The stored form of a token value: its SHA-256 hex digest."""
    return hashlib.sha256(token_id.encode('utf-8')).hexdigest()


def new_audit_id():
    """A Keystone-style audit id: 16 random bytes, URL-safe base64 without padding."""
    return secrets.token_urlsafe(16)


def _effective_roles_query():
    ra = models.RoleAssignment
    imp = models.ImpliedRole
    groups = sa.select(models.GroupMembership.group_id).where(
        models.GroupMembership.user_id == sa.bindparam('user_id'))
    closure = (sa.select(ra.role_id.label('role_id'))
               .where(ra.target_id == sa.bindparam('project_id'),
                      sa.or_(sa.and_(ra.type == sa.bindparam('user_type'),
                                     ra.actor_id == sa.bindparam('user_id')),
                             sa.and_(ra.type == sa.bindparam('group_type'),
                                     ra.actor_id.in_(groups))))
               .cte('role_closure', recursive=True))
    closure = closure.union(
        sa.select(imp.implied_role_id).join(closure, imp.prior_role_id == closure.c.role_id))
    return (sa.select(models.Role.id, models.Role.name)
            .where(models.Role.id.in_(sa.select(closure.c.role_id)))
            .order_by(models.Role.name))


def _application_credential(sess, cred_id, now):
    """``(role ids, {id, name, restricted, access_rules})`` of a live credential, or None."""
    cred = sess.get(models.ApplicationCredential, cred_id)
    if cred is None or (cred.expires_at is not None and cred.expires_at <= now):
        return None
    link, rule = models.ApplicationCredentialAccessRule, models.AccessRule
    role_ids = set(sess.scalars(
        sa.select(models.ApplicationCredentialRole.role_id)
        .where(models.ApplicationCredentialRole.application_credential_id == cred_id)))
    rules = sess.scalars(sa.select(rule).join(link, link.access_rule_id == rule.id)
                         .where(link.application_credential_id == cred_id)
                         .order_by(rule.service, rule.path, rule.method)).all()
    ref = {'id': cred.id, 'name': cred.name, 'restricted': not cred.unrestricted}
    if rules:
        ref['access_rules'] = [{'id': r.id, 'service': r.service, 'path': r.path,
                                'method': r.method} for r in rules]
    return role_ids, ref


def _scoped_roles(sess, tok):
    """The roles a token's scope gives its user, or None for an unscoped token."""
    if tok.project_id:
        return effective_roles(sess, tok.user_id, tok.project_id)
    if tok.domain_id:
        return effective_roles(sess, tok.user_id, tok.domain_id, 'Domain')
    if tok.system:
        return effective_roles(sess, tok.user_id, tok.system, 'System')
    return None


def _token_query():
    user_domain = orm.aliased(models.Domain)
    project_domain = orm.aliased(models.Domain)
    tok, user, project = models.Token, models.User, models.Project
    return (sa.select(tok, user.name, user.domain_id, user.enabled, user_domain.name,
                      user_domain.enabled, project.name, project.domain_id, project.enabled,
                      project_domain.name, project_domain.enabled)
            .join(user, user.id == tok.user_id)
            .join(user_domain, user_domain.id == user.domain_id)
            .outerjoin(project, project.id == tok.project_id)
            .outerjoin(project_domain, project_domain.id == project.domain_id)
            .where(tok.id == sa.bindparam('digest')))


# Built once, executed with bound values on every validation: constructing these
# statements cost more than running them (SQLAlchemy then reuses their compiled form).
_ROLES = _effective_roles_query()
_TOKEN = _token_query()


def effective_roles(sess, user_id, project_id, kind='Project'):
    """``[(role_id, role_name)]`` the user holds on a target, implied roles included.

    One recursive query over the direct assignments of the user and of the
    groups it belongs to, and the implication graph.

    :param project_id: the target: a project id, a domain id, or ``all``
    :param kind: ``Project``, ``Domain`` or ``System``
    """
    values = {'user_id': user_id, 'project_id': project_id, 'user_type': 'User' + kind,
              'group_type': 'Group' + kind}
    return [(row.id, row.name) for row in sess.execute(_ROLES, values)]


def load(sess, token_id, now=None):
    """The :class:`TokenInfo` of ``token_id`` in ``sess``, or None when invalid.

    Invalid means unknown, revoked, expired, its user or domain disabled, or
    (for a scoped token) the project, its domain or the domain gone or disabled or the user
    left with no role on it; for a token issued from an application credential,
    the credential gone or expired or none of its roles still held.
    """
    if not token_id or not isinstance(token_id, str):
        return None
    row = sess.execute(_TOKEN, {'digest': hash_token(token_id)}).first()
    if row is None:
        return None
    (tok, user_name, user_domain_id, user_enabled, user_domain_name, user_domain_enabled,
     project_name, project_domain_id, project_enabled, project_domain_name,
     project_domain_enabled) = row
    now = now or base.utcnow()
    if tok.revoked or tok.expires_at <= now or not (user_enabled and user_domain_enabled):
        return None
    if tok.project_id and not (project_name is not None and project_enabled
                               and project_domain_enabled):
        return None
    domain = None
    if tok.domain_id:
        domain = sess.get(models.Domain, tok.domain_id)
        if domain is None or not domain.enabled:
            return None
    refs = _scoped_roles(sess, tok)
    cred = None
    if tok.application_credential_id:
        found = _application_credential(sess, tok.application_credential_id, now)
        if found is None:
            return None
        cred = found[1]
        refs = [(rid, name) for rid, name in refs or () if rid in found[0]]
    if refs is not None and not refs:
        return None
    refs = refs or []
    return TokenInfo(
        user_id=tok.user_id, user_name=user_name, user_domain_id=user_domain_id,
        user_domain_name=user_domain_name, project_id=tok.project_id,
        project_name=project_name, project_domain_id=project_domain_id,
        project_domain_name=project_domain_name, roles=[name for _id, name in refs],
        expires_at=tok.expires_at, issued_at=tok.issued_at, audit_id=tok.audit_id,
        methods=tok.methods.split(','), audit_chain_id=tok.audit_chain_id,
        role_refs=[{'id': rid, 'name': name} for rid, name in refs],
        domain_id=tok.domain_id, domain_name=domain.name if domain else None,
        system=bool(tok.system), application_credential=cred)


FAILED = 'Failed to validate token'
_DISABLED = 'Unable to validate token because %s %s is disabled'


def refusal(sess, token_id, now=None):
    """Keystone's 404 message for a token :func:`load` refused.

    A live token whose project, the project's domain or the user's domain is
    disabled is named with what is disabled; any other refusal is the generic
    "Failed to validate token".
    """
    row = sess.execute(_TOKEN, {'digest': hash_token(token_id)}).first() if token_id else None
    if row is None:
        return FAILED
    (tok, _user_name, user_domain_id, user_enabled, _user_domain_name, user_domain_enabled,
     project_name, project_domain_id, project_enabled, _project_domain_name,
     project_domain_enabled) = row
    if tok.revoked or tok.expires_at <= (now or base.utcnow()) or not user_enabled:
        return FAILED
    if tok.project_id and project_name is not None and not project_enabled:
        return _DISABLED % ('project', tok.project_id)
    if tok.project_id and project_name is not None and not project_domain_enabled:
        return _DISABLED % ('domain', project_domain_id)
    if not user_domain_enabled:
        return _DISABLED % ('domain', user_domain_id)
    return FAILED


# digest -> (identity generation, TokenInfo): valid tokens only, so unknown values cannot fill it.
_VALID = {}
CACHE_SIZE = 4096


def validate(token_id, memo=None):
    """Validate a token value: one read of the identity generation, then the cache or :func:`load`.

    The generation is read before the token is loaded, so a change that commits in
    between tags the entry with a value that no longer matches.

    :param token_id: the value a client sent in ``X-Auth-Token``
    :param memo: the request's shared memo (see ``generations.current``)
    :returns: :class:`TokenInfo`, or None for an unknown, expired or revoked token
    """
    if not token_id or not isinstance(token_id, str):
        return None
    digest = hash_token(token_id)
    generation = generations.current(engine.reader, models.GENERATION, memo)
    hit = _VALID.get(digest)
    if hit is not None and hit[0] == generation and hit[1].expires_at > base.utcnow():
        return hit[1]
    with engine.transaction() as sess:
        info = load(sess, token_id)
    if info is None or generation is None:
        _VALID.pop(digest, None)
        return info
    if len(_VALID) >= CACHE_SIZE:
        _VALID.clear()
    _VALID[digest] = (generation, info)
    return info


def issue(sess, user_id, project_id, methods, parent=None, domain_id=None, system=None,
          application_credential=None):
    """Create a token and return ``(token_id, TokenInfo)``.

    :param parent: the :class:`TokenInfo` a ``token``-method re-scope started
        from; the new token keeps its expiry and joins its audit chain
    :param domain_id: the domain of a domain-scoped token
    :param system: ``all`` for a system-scoped token
    :param application_credential: the credential row the token comes from;
        the token never outlives it
    :returns: the secret value (shown once, never stored) and its info
    """
    now = base.utcnow().replace(microsecond=0)
    lifetime = datetime.timedelta(seconds=conf.CONF.identity.token_expiration)
    token_id = secrets.token_urlsafe(32)
    row = models.Token(id=hash_token(token_id), user_id=user_id, project_id=project_id,
                       methods=','.join(methods), audit_id=new_audit_id(), issued_at=now,
                       expires_at=now + lifetime, revoked=False, domain_id=domain_id,
                       system=system)
    if application_credential is not None:
        row.application_credential_id = application_credential.id
        if application_credential.expires_at is not None:
            row.expires_at = min(row.expires_at, application_credential.expires_at)
    if parent is not None:
        row.expires_at = min(row.expires_at, parent.expires_at)
        row.audit_chain_id = parent.audit_chain_id or parent.audit_id
    sess.add(row)
    if random.randrange(PURGE_ODDS) == 0:
        purge_expired(sess, now)
    sess.flush()
    return token_id, load(sess, token_id, now=now)


def revoke(sess, token_id):
    """Revoke a token and every token re-scoped from it; False when unknown."""
    tok = sess.get(models.Token, hash_token(token_id)) if token_id else None
    if tok is None:
        return False
    tok.revoked = True
    sess.execute(sa.update(models.Token)
                 .where(models.Token.audit_chain_id == tok.audit_id)
                 .values(revoked=True))
    return True


def revoke_user(sess, user_id):
    """Revoke every token of a user (after a password change, disable or delete)."""
    sess.execute(sa.update(models.Token).where(models.Token.user_id == user_id)
                 .values(revoked=True))


def purge_expired(sess, now=None):
    """Delete rows that expired more than :data:`PURGE_AFTER` ago."""
    cutoff = (now or base.utcnow()) - PURGE_AFTER
    sess.execute(sa.delete(models.Token).where(models.Token.expires_at < cutoff))
