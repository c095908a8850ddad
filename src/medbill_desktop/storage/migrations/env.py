"""Alembic environment: runs on the connection the program hands it (the database is encrypted, so
Alembic never opens it itself)."""

from alembic import context

from medbill_desktop.storage.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
