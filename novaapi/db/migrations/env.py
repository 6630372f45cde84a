"""Alembic environment: runs on the connection that ``novaapi.db.migration`` hands over."""

from alembic import context

from novaapi.db import engine
from novaapi.db import models

config = context.config
target_metadata = models.Base.metadata


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
