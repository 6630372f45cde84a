"""Issue, validate and revoke bearer tokens.

A token is ``secrets.token_urlsafe(32)``; only its SHA-256 digest is stored.
Validation always reads the database (two indexed queries), so a revocation
made by one worker process is seen at once by every other one.
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
from novaapi.identity import models

# Expired rows are purged on roughly one issue in PURGE_ODDS.
PURGE_ODDS = 50
PURGE_AFTER = datetime.timedelta(days=1)


@dataclasses.dataclass
class TokenInfo:
    """What a valid token says about its holder.

    Project fields are None for an unscoped token.  ``roles`` holds role
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
    closure = (sa.select(ra.role_id.label('role_id'))
               .where(ra.actor_id == sa.bindparam('user_id'),
                      ra.target_id == sa.bindparam('project_id'), ra.type == 'UserProject')
               .cte('role_closure', recursive=True))
    closure = closure.union(
        sa.select(imp.implied_role_id).join(closure, imp.prior_role_id == closure.c.role_id))
    return (sa.select(models.Role.id, models.Role.name)
            .where(models.Role.id.in_(sa.select(closure.c.role_id)))
            .order_by(models.Role.name))


def _token_query():
    user_domain = orm.aliased(models.Domain)
    project_domain = orm.aliased(models.Domain)
    tok, user, project = models.Token, models.User, models.Project
    return (sa.select(tok, user.name, user.domain_id, user.enabled, user_domain.name,
                      user_domain.enabled, project.name, project.domain_id, project.enabled,
                      project_domain.name)
            .join(user, user.id == tok.user_id)
            .join(user_domain, user_domain.id == user.domain_id)
            .outerjoin(project, project.id == tok.project_id)
            .outerjoin(project_domain, project_domain.id == project.domain_id)
            .where(tok.id == sa.bindparam('digest')))


# Built once, executed with bound values on every validation: constructing these
# statements cost more than running them (SQLAlchemy then reuses their compiled form).
_ROLES = _effective_roles_query()
_TOKEN = _token_query()


def effective_roles(sess, user_id, project_id):
    """``[(role_id, role_name)]`` the user holds on the project, implied roles included.

    One recursive query over the direct assignments and the implication graph.
    """
    return [(row.id, row.name)
            for row in sess.execute(_ROLES, {'user_id': user_id, 'project_id': project_id})]


def load(sess, token_id, now=None):
    """The :class:`TokenInfo` of ``token_id`` in ``sess``, or None when invalid.

    Invalid means unknown, revoked, expired, its user or domain disabled, or
    (for a project-scoped token) the project gone, disabled or the user left
    with no role on it.
    """
    if not token_id or not isinstance(token_id, str):
        return None
    row = sess.execute(_TOKEN, {'digest': hash_token(token_id)}).first()
    if row is None:
        return None
    (tok, user_name, user_domain_id, user_enabled, user_domain_name, user_domain_enabled,
     project_name, project_domain_id, project_enabled, project_domain_name) = row
    now = now or base.utcnow()
    if tok.revoked or tok.expires_at <= now or not (user_enabled and user_domain_enabled):
        return None
    refs = []
    if tok.project_id:
        if project_name is None or not project_enabled:
            return None
        refs = effective_roles(sess, tok.user_id, tok.project_id)
        if not refs:
            return None
    return TokenInfo(
        user_id=tok.user_id, user_name=user_name, user_domain_id=user_domain_id,
        user_domain_name=user_domain_name, project_id=tok.project_id,
        project_name=project_name, project_domain_id=project_domain_id,
        project_domain_name=project_domain_name, roles=[name for _id, name in refs],
        expires_at=tok.expires_at, issued_at=tok.issued_at, audit_id=tok.audit_id,
        methods=tok.methods.split(','), audit_chain_id=tok.audit_chain_id,
        role_refs=[{'id': rid, 'name': name} for rid, name in refs])


def validate(token_id):
    """Validate a token value in a transaction of its own.

    :param token_id: the value a client sent in ``X-Auth-Token``
    :returns: :class:`TokenInfo`, or None for an unknown, expired or revoked token
    """
    with engine.transaction() as sess:
        return load(sess, token_id)


def issue(sess, user_id, project_id, methods, parent=None):
    """Create a token and return ``(token_id, TokenInfo)``.

    :param parent: the :class:`TokenInfo` a ``token``-method re-scope started
        from; the new token keeps its expiry and joins its audit chain
    :returns: the secret value (shown once, never stored) and its info
    """
    now = base.utcnow().replace(microsecond=0)
    lifetime = datetime.timedelta(seconds=conf.CONF.identity.token_expiration)
    token_id = secrets.token_urlsafe(32)
    row = models.Token(id=hash_token(token_id), user_id=user_id, project_id=project_id,
                       methods=','.join(methods), audit_id=new_audit_id(), issued_at=now,
                       expires_at=now + lifetime, revoked=False)
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
