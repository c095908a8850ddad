"""Alembic environment: runs on the connection the program hands it (the database is encrypted, so
Alembic never opens it itself)."""

from alembic import context

from medbill_desktop.storage.tables import metadata


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    # FTS5 virtual tables and their shadow tables are made by hand-written SQL in the migrations;
    # autogenerate must never propose to drop them.
    return not (type_ == "table" and name and "_fts" in name)


connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                  include_object=include_object)
with context.begin_transaction():
    context.run_migrations()
