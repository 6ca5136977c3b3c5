"""Findings of the security audit of the explorer and review (each test failed before its fix):
headers on a crash's 500, integers too large for the database, and the other edges below."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import web_ledger
from shahid.store import open_store
from shahid.web import create_app
from shahid.web.app import CSP


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path: Path = web_ledger.build(tmp_path_factory.mktemp("audit") / "ledger.db", dev_reports=0)
    s = open_store(path)
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store: Any) -> TestClient:
    return TestClient(create_app(store), raise_server_exceptions=False)


HUGE = "9" * 30  # far above SQLite's and PostgreSQL's 64-bit integers


@pytest.mark.parametrize("path", [
    f"/incidents?page={HUGE}", f"/incidents.json?page={HUGE}", f"/incidents.json?min_originators={HUGE}",
    f"/incidents.csv?min_documents={HUGE}", f"/timeline.json?min_originators={HUGE}",
    f"/claims?after={HUGE}", f"/claims.json?after={HUGE}", f"/claims/{HUGE}", f"/claims/{HUGE}.json",
    f"/places/SY07?page={HUGE}", f"/sources/sohr.json?page={HUGE}",
])
def test_an_integer_too_large_is_a_bad_request_not_a_crash(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (400, 404), (path, r.status_code, r.text[:200])
    assert r.headers.get("content-security-policy") == CSP, path


def test_a_crash_is_a_500_page_with_the_security_headers(store: Any) -> None:
    app = create_app(store)

    @app.get("/boom.json")
    def boom() -> None:
        raise RuntimeError("secret detail <script>")

    r = TestClient(app, raise_server_exceptions=False).get("/boom.json")
    assert r.status_code == 500
    assert r.headers.get("content-security-policy") == CSP
    assert r.headers.get("x-content-type-options") == "nosniff"
    assert "secret detail" not in r.text  # the exception stays in the server's log
