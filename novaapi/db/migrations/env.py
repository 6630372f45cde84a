"""Alembic environment: runs on the connection that ``novaapi.db.migration`` hands over.

The target metadata is the one registry every model module adds its tables to
(``novaapi.db.base.Base``); it holds whichever model modules the caller has
imported (``novaapi.service`` imports every service's), which only matters for
autogenerating a new revision.
"""

from alembic import context

from novaapi.db import base
from novaapi.db import engine

config = context.config
target_metadata = base.Base.metadata


def run():
    connection = config.attributes.get('connection')
    if connection is None:
        with engine.get_engine().begin() as connection:
            _migrate(connection)
    else:
        _migrate(connection)


def _migrate(connection):
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == 'sqlite')
    with context.begin_transaction():
        context.run_migrations()


run()
