"""Alembic migrations of the ledger, run programmatically when a store is opened (no alembic.ini).

``HEAD`` names the newest revision; a database already there is not touched. To write a new
migration: add ``versions/NNNN_what.py`` with ``down_revision`` = the old HEAD, change
``schema.py`` to match, bump ``HEAD``; ``tests/test_store.py`` checks that the migrated
database and ``schema.metadata`` agree.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

HEAD = "0004"
SCRIPT_LOCATION = str(Path(__file__).resolve().parent)


def current_revision(conn: sa.Connection) -> str | None:
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(conn: sa.Connection, target: str = "head") -> None:
    """Bring the database behind ``conn`` to ``target`` (inside the caller's transaction)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, target)
