"""Alembic migrations, run programmatically (no alembic.ini needed)."""

import os

from alembic import command
from alembic import config as alembic_config
from alembic import script as alembic_script
from alembic.runtime import migration as alembic_migration

from novaapi.db import engine

_HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'migrations')


def _config():
    cfg = alembic_config.Config()
    cfg.set_main_option('script_location', _HERE)
    return cfg


def upgrade(revision='heads'):
    """Bring the schema to ``revision`` (every branch head by default); a no-op when there.

    Features add their tables in migrations branching from the initial one,
    so several heads are normal.
    """
    with engine.get_engine().begin() as connection:
        cfg = _config()
        cfg.attributes['connection'] = connection
        command.upgrade(cfg, revision)


def current():
    """The applied revisions, sorted (one per branch head)."""
    with engine.get_engine().connect() as connection:
        return sorted(alembic_migration.MigrationContext.configure(connection).get_current_heads())


def heads():
    return sorted(alembic_script.ScriptDirectory.from_config(_config()).get_heads())
