"""Tables of the embedded identity service, each named ``identity_<plural>``.

Ids are Keystone-style 32-character hex strings, except the ``default``
domain.  Tokens are stored only as the SHA-256 hex digest of their value.
"""

import sqlalchemy as sa
from sqlalchemy import orm

from novaapi.db import base
from novaapi.db import generations

ID = sa.String(64)
NAME = sa.String(255)


class Domain(base.Base):
    __tablename__ = 'identity_domains'

    id = sa.Column(ID, primary_key=True, default=base.new_hex_id)
    name = sa.Column(NAME, nullable=False, unique=True)
    description = sa.Column(sa.Text, nullable=True)
    enabled = sa.Column(sa.Boolean, nullable=False, default=True)


class Project(base.Base):
    __tablename__ = 'identity_projects'
    __table_args__ = (
        sa.UniqueConstraint('domain_id', 'name', name='uniq_identity_projects_domain_name'),
    )

    id = sa.Column(ID, primary_key=True, default=base.new_hex_id)
    name = sa.Column(sa.String(64), nullable=False)
    domain_id = sa.Column(ID, sa.ForeignKey('identity_domains.id'), nullable=False)
    description = sa.Column(sa.Text, nullable=True)
    enabled = sa.Column(sa.Boolean, nullable=False, default=True)
    parent_id = sa.Column(ID, nullable=True)
    tag_rows = orm.relationship('ProjectTag', lazy='selectin', cascade='all, delete-orphan',
                                order_by='ProjectTag.tag')

    @property
    def tags(self):
        return [row.tag for row in self.tag_rows]


class User(base.Base):
    __tablename__ = 'identity_users'
    __table_args__ = (
        sa.UniqueConstraint('domain_id', 'name', name='uniq_identity_users_domain_name'),
    )

    id = sa.Column(ID, primary_key=True, default=base.new_hex_id)
    name = sa.Column(NAME, nullable=False)
    domain_id = sa.Column(ID, sa.ForeignKey('identity_domains.id'), nullable=False)
    password_hash = sa.Column(NAME, nullable=True)
    enabled = sa.Column(sa.Boolean, nullable=False, default=True)
    default_project_id = sa.Column(ID, nullable=True)
    description = sa.Column(sa.Text, nullable=True)
    email = sa.Column(NAME, nullable=True)
    created_at = sa.Column(sa.DateTime, nullable=False, default=base.utcnow)


class Group(base.Base):
    __tablename__ = 'identity_groups'
    __table_args__ = (
        sa.UniqueConstraint('domain_id', 'name', name='uniq_identity_groups_domain_name'),
    )

    id = sa.Column(ID, primary_key=True, default=base.new_hex_id)
    name = sa.Column(NAME, nullable=False)
    domain_id = sa.Column(ID, sa.ForeignKey('identity_domains.id'), nullable=False)
    description = sa.Column(sa.Text, nullable=True)


class GroupMembership(base.Base):
    __tablename__ = 'identity_group_memberships'

    group_id = sa.Column(ID, sa.ForeignKey('identity_groups.id', ondelete='CASCADE'),
                         primary_key=True)
    user_id = sa.Column(ID, sa.ForeignKey('identity_users.id', ondelete='CASCADE'),
                        primary_key=True, index=True)


class ProjectTag(base.Base):
    __tablename__ = 'identity_project_tags'

    project_id = sa.Column(ID, sa.ForeignKey('identity_projects.id', ondelete='CASCADE'),
                           primary_key=True)
    tag = sa.Column(NAME, primary_key=True)


class Role(base.Base):
    __tablename__ = 'identity_roles'

    id = sa.Column(ID, primary_key=True, default=base.new_hex_id)
    name = sa.Column(NAME, nullable=False, unique=True)
    description = sa.Column(sa.Text, nullable=True)


class ImpliedRole(base.Base):
    """``prior_role`` implies ``implied_role`` (admin => manager => member => reader)."""

    __tablename__ = 'identity_implied_roles'

    prior_role_id = sa.Column(ID, sa.ForeignKey('identity_roles.id', ondelete='CASCADE'),
                              primary_key=True)
    implied_role_id = sa.Column(ID, sa.ForeignKey('identity_roles.id', ondelete='CASCADE'),
                                primary_key=True)


class RoleAssignment(base.Base):
    """A role granted to an actor on a target.

    ``type`` is ``User`` or ``Group`` followed by ``Project``, ``Domain`` or
    ``System`` (whose one target id is ``all``).
    """

    __tablename__ = 'identity_role_assignments'
    __table_args__ = (
        sa.Index('ix_identity_role_assignments_actor_target', 'actor_id', 'target_id'),
    )

    type = sa.Column(sa.String(32), primary_key=True, default='UserProject')
    actor_id = sa.Column(ID, primary_key=True)
    target_id = sa.Column(ID, primary_key=True)
    role_id = sa.Column(ID, sa.ForeignKey('identity_roles.id', ondelete='CASCADE'),
                        primary_key=True)


class Region(base.Base):
    __tablename__ = 'identity_regions'

    id = sa.Column(NAME, primary_key=True)
    description = sa.Column(NAME, nullable=False, default='')
    parent_region_id = sa.Column(NAME, nullable=True)


class Service(base.Base):
    __tablename__ = 'identity_services'

    id = sa.Column(ID, primary_key=True, default=base.new_hex_id)
    type = sa.Column(NAME, nullable=False)
    name = sa.Column(NAME, nullable=False, default='')
    description = sa.Column(sa.Text, nullable=True)
    enabled = sa.Column(sa.Boolean, nullable=False, default=True)


class Endpoint(base.Base):
    __tablename__ = 'identity_endpoints'

    id = sa.Column(ID, primary_key=True, default=base.new_hex_id)
    service_id = sa.Column(ID, sa.ForeignKey('identity_services.id', ondelete='CASCADE'),
                           nullable=False, index=True)
    interface = sa.Column(sa.String(8), nullable=False)
    region_id = sa.Column(NAME, nullable=True)
    url = sa.Column(sa.Text, nullable=False)
    enabled = sa.Column(sa.Boolean, nullable=False, default=True)


class Token(base.Base):
    """An issued token; ``id`` is the SHA-256 hex digest of the secret value."""

    __tablename__ = 'identity_tokens'

    id = sa.Column(ID, primary_key=True)
    user_id = sa.Column(ID, nullable=False, index=True)
    project_id = sa.Column(ID, nullable=True)
    methods = sa.Column(NAME, nullable=False)
    audit_id = sa.Column(ID, nullable=False, index=True)
    audit_chain_id = sa.Column(ID, nullable=True, index=True)
    issued_at = sa.Column(sa.DateTime, nullable=False)
    expires_at = sa.Column(sa.DateTime, nullable=False, index=True)
    revoked = sa.Column(sa.Boolean, nullable=False, default=False)
    domain_id = sa.Column(ID, nullable=True)
    system = sa.Column(sa.String(16), nullable=True)
    application_credential_id = sa.Column(ID, nullable=True, index=True)


class ApplicationCredential(base.Base):
    """A user's delegated secret for one project; only a slow hash of the secret is kept."""

    __tablename__ = 'identity_application_credentials'
    __table_args__ = (
        sa.UniqueConstraint('user_id', 'name', name='uniq_identity_app_creds_user_name'),
    )

    id = sa.Column(ID, primary_key=True, default=base.new_hex_id)
    name = sa.Column(NAME, nullable=False)
    user_id = sa.Column(ID, sa.ForeignKey('identity_users.id', ondelete='CASCADE'),
                        nullable=False, index=True)
    project_id = sa.Column(ID, nullable=False)
    description = sa.Column(sa.Text, nullable=True)
    secret_hash = sa.Column(NAME, nullable=False)
    expires_at = sa.Column(sa.DateTime, nullable=True)
    unrestricted = sa.Column(sa.Boolean, nullable=False, default=False)
    created_at = sa.Column(sa.DateTime, nullable=False, default=base.utcnow)


class ApplicationCredentialRole(base.Base):
    __tablename__ = 'identity_application_credential_roles'

    application_credential_id = sa.Column(
        ID, sa.ForeignKey('identity_application_credentials.id', ondelete='CASCADE'),
        primary_key=True)
    role_id = sa.Column(ID, sa.ForeignKey('identity_roles.id', ondelete='CASCADE'),
                        primary_key=True)


class AccessRule(base.Base):
    """What a restricted credential may call: a service type, a method and a path pattern."""

    __tablename__ = 'identity_access_rules'
    __table_args__ = (
        sa.UniqueConstraint('user_id', 'service', 'path', 'method',
                            name='uniq_identity_access_rules_rule'),
    )

    id = sa.Column(ID, primary_key=True, default=base.new_hex_id)
    user_id = sa.Column(ID, sa.ForeignKey('identity_users.id', ondelete='CASCADE'),
                        nullable=False, index=True)
    service = sa.Column(sa.String(64), nullable=False)
    path = sa.Column(NAME, nullable=False)
    method = sa.Column(sa.String(16), nullable=False)


class ApplicationCredentialAccessRule(base.Base):
    __tablename__ = 'identity_application_credential_access_rules'

    application_credential_id = sa.Column(
        ID, sa.ForeignKey('identity_application_credentials.id', ondelete='CASCADE'),
        primary_key=True)
    access_rule_id = sa.Column(ID, sa.ForeignKey('identity_access_rules.id'),
                               primary_key=True, index=True)


# Every write to an identity table (a new token apart) bumps this generation, which
# tells each worker's token cache (identity.tokens.validate) that it may be stale.
GENERATION = 'identity'
generations.watch(GENERATION, [table.name for table in base.Base.metadata.sorted_tables
                               if table.name.startswith('identity_')],
                  inserts_exempt=[Token.__tablename__])
