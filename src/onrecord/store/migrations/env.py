"""Alembic environment: migrations always run on a connection the store hands over (never from a URL here)."""

from alembic import context

from onrecord.store.schema import metadata

connection = context.config.attributes["connection"]
# batch mode lets later migrations alter SQLite tables, which cannot ALTER most things in place
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
