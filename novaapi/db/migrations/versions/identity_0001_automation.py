"""identity for automation: application credentials and access rules, groups, project tags,
domain/system/application-credential columns on tokens

Revision ID: identity_0001
Revises: 0001
Create Date: 2026-12-04 19:05:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = 'identity_0001'
down_revision = '0001'
branch_labels = None
depends_on = None

ID = sa.String(length=64)
NAME = sa.String(length=255)


def upgrade():
    op.create_table('identity_groups',
    sa.Column('id', ID, nullable=False),
    sa.Column('name', NAME, nullable=False),
    sa.Column('domain_id', ID, nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['domain_id'], ['identity_domains.id']),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('domain_id', 'name', name='uniq_identity_groups_domain_name')
    )
    op.create_table('identity_group_memberships',
    sa.Column('group_id', ID, nullable=False),
    sa.Column('user_id', ID, nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['identity_groups.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['identity_users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'user_id')
    )
    op.create_index(op.f('ix_identity_group_memberships_user_id'),
                    'identity_group_memberships', ['user_id'], unique=False)
    op.create_table('identity_project_tags',
    sa.Column('project_id', ID, nullable=False),
    sa.Column('tag', NAME, nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['identity_projects.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'tag')
    )
    op.create_table('identity_application_credentials',
    sa.Column('id', ID, nullable=False),
    sa.Column('name', NAME, nullable=False),
    sa.Column('user_id', ID, nullable=False),
    sa.Column('project_id', ID, nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('secret_hash', NAME, nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=True),
    sa.Column('unrestricted', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['identity_users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'name', name='uniq_identity_app_creds_user_name')
    )
    op.create_index(op.f('ix_identity_application_credentials_user_id'),
                    'identity_application_credentials', ['user_id'], unique=False)
    op.create_table('identity_application_credential_roles',
    sa.Column('application_credential_id', ID, nullable=False),
    sa.Column('role_id', ID, nullable=False),
    sa.ForeignKeyConstraint(['application_credential_id'],
                            ['identity_application_credentials.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['role_id'], ['identity_roles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('application_credential_id', 'role_id')
    )
    op.create_table('identity_access_rules',
    sa.Column('id', ID, nullable=False),
    sa.Column('user_id', ID, nullable=False),
    sa.Column('service', sa.String(length=64), nullable=False),
    sa.Column('path', NAME, nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['identity_users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'service', 'path', 'method',
                        name='uniq_identity_access_rules_rule')
    )
    op.create_index(op.f('ix_identity_access_rules_user_id'),
                    'identity_access_rules', ['user_id'], unique=False)
    op.create_table('identity_application_credential_access_rules',
    sa.Column('application_credential_id', ID, nullable=False),
    sa.Column('access_rule_id', ID, nullable=False),
    sa.ForeignKeyConstraint(['application_credential_id'],
                            ['identity_application_credentials.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['access_rule_id'], ['identity_access_rules.id']),
    sa.PrimaryKeyConstraint('application_credential_id', 'access_rule_id')
    )
    op.create_index(op.f('ix_identity_application_credential_access_rules_access_rule_id'),
                    'identity_application_credential_access_rules', ['access_rule_id'],
                    unique=False)
    with op.batch_alter_table('identity_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('domain_id', ID, nullable=True))
        batch_op.add_column(sa.Column('system', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('application_credential_id', ID, nullable=True))
        batch_op.create_index(batch_op.f('ix_identity_tokens_application_credential_id'),
                              ['application_credential_id'], unique=False)


def downgrade():
    with op.batch_alter_table('identity_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_identity_tokens_application_credential_id'))
        batch_op.drop_column('application_credential_id')
        batch_op.drop_column('system')
        batch_op.drop_column('domain_id')
    op.drop_table('identity_application_credential_access_rules')
    op.drop_table('identity_access_rules')
    op.drop_table('identity_application_credential_roles')
    op.drop_table('identity_application_credentials')
    op.drop_table('identity_project_tags')
    op.drop_table('identity_group_memberships')
    op.drop_table('identity_groups')
