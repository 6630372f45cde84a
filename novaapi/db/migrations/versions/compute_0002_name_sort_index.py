"""An index for listing a project's servers sorted by name.

Revision ID: compute_0002
Revises: compute_0001
"""

from alembic import op

revision = 'compute_0002'
down_revision = 'compute_0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('instances_project_id_deleted_display_name_idx', 'instances',
                    ['project_id', 'deleted', 'display_name'])


def downgrade():
    op.drop_index('instances_project_id_deleted_display_name_idx', table_name='instances')
