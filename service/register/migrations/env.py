"""Alembic environment: runs on the connection (and in the transaction) the store hands over."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, version_table="register_alembic_version")
with context.begin_transaction():
    context.run_migrations()
