"""Shared fixtures: ``shared_dir`` (../shared beside the repo) and ``db_url`` (SQLite, and PostgreSQL
when ``SHAHID_TEST_POSTGRES_URL`` is set; in CI, where ``CI`` is set, a missing server is an error)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PG_ENV = "SHAHID_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found: expected the shared data folder at {SHARED}")
    return SHARED


def _pg_base_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(
                f"{PG_ENV} is not set but CI is: .ci/run must `source .ci/postgres.sh` so that the "
                "store tests run against a real PostgreSQL server",
                pytrace=False,
            )
        pytest.skip(f"PostgreSQL tests need {PG_ENV}=postgresql://user@127.0.0.1:PORT/db (see .ci/postgres.sh)")
    return url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    import sqlalchemy as sa

    from shahid.store import resolve_url

    base = resolve_url(_pg_base_url())
    name = f"shahid_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty ledger database: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
    else:
        yield request.getfixturevalue("pg_url")
