"""Alembic environment of the practice server (PostgreSQL); separate from the workstation's migrations.

The schema is written as plain SQL in the revisions, so there is no metadata for autogenerate.
"""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, version_table="server_alembic_version")
with context.begin_transaction():
    context.run_migrations()
