"""Alembic environment: always handed a live connection by ``shahid.store.migrations.upgrade``."""

from __future__ import annotations

from alembic import context

from shahid.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only through upgrade()
    raise RuntimeError("run the ledger's migrations through shahid.store.open_store() or migrations.upgrade()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
