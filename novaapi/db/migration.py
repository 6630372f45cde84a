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


def upgrade(revision='head'):
    """Bring the schema to ``revision``; a no-op when it is already there."""
    with engine.get_engine().begin() as connection:
        cfg = _config()
        cfg.attributes['connection'] = connection
        command.upgrade(cfg, revision)


def current():
    with engine.get_engine().connect() as connection:
        return alembic_migration.MigrationContext.configure(connection).get_current_revision()


def head():
    return alembic_script.ScriptDirectory.from_config(_config()).get_current_head()
