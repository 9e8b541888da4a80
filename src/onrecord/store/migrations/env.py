"""Alembic environment: migrations always run on a connection the store hands over (never from a URL here)."""

from alembic import context

from onrecord.store.schema import include_name, metadata

connection = context.config.attributes["connection"]
# batch mode lets later migrations alter SQLite tables, which cannot ALTER most things in place
# include_name: the full-text objects (FTS5 tables, expression indexes) are DDL autogenerate cannot compare
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, include_name=include_name)
with context.begin_transaction():
    context.run_migrations()
