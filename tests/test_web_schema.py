"""Every JSON twin's response validates against the schema ``/openapi.json`` gives its route
(jsonschema, ``$ref``s resolved against the document's components)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

import web_ledger
from shahid.link import query as lq
from shahid.store import open_store
from shahid.web import create_app


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path: Path = web_ledger.build(tmp_path_factory.mktemp("schema") / "ledger.db", dev_reports=3)
    store = open_store(path)
    yield store, TestClient(create_app(store))
    store.close()


def _route(spec: dict[str, Any], path: str) -> dict[str, Any]:
    if path in spec["paths"]:
        return spec["paths"][path]["get"]
    for template, item in spec["paths"].items():
        rx = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(rx, path):
            return item["get"]
    raise AssertionError(f"{path} is not in /openapi.json")


def _twins(store: Any) -> list[str]:
    incs = list(lq.iter_incidents(store))
    contested = next(i for i in incs if i["contradictions"])
    counted = next(i for i in incs if i["counts"])
    doc = counted["claims"][0]["doc_id"]
    row = counted["claims"][0]["row_id"]
    orig = counted["originators"][0]["id"]
    return ["/.json", "/incidents.json", "/incidents.json?event=killing&sort=killed&page=1",
            "/incidents.json?place=SY07&contested=1", "/incidents.json?grade=contested&min_originators=1",
            f"/incidents/{contested['key']}.json", f"/incidents/{counted['key']}.json", f"/documents/{doc}.json",
            "/claims.json", "/claims.json?event=airstrike&per_page=2", f"/claims/{row}.json", "/places/SY07.json",
            f"/sources/{orig}.json", "/timeline.json", "/timeline.json?event=airstrike"]


def test_every_json_twin_matches_its_openapi_schema(env: Any) -> None:
    store, client = env
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    n = 0
    for url in _twins(store):
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:200])
        op = _route(spec, url.split("?")[0])
        schema = op["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema, url
        Draft202012Validator({**schema, "components": spec["components"]}).validate(r.json())
        n += 1
    assert n == len(_twins(store))


def test_the_schema_is_strict_enough_to_fail(env: Any) -> None:
    """A twin that lost a field its model requires does not validate (the check can fail)."""
    store, client = env
    spec = client.get("/openapi.json").json()
    key = next(iter(lq.iter_incidents(store)))["key"]
    body = client.get(f"/incidents/{key}.json").json()
    schema = _route(spec, f"/incidents/{key}.json")["responses"]["200"]["content"]["application/json"]["schema"]
    v = Draft202012Validator({**schema, "components": spec["components"]})
    del body["grade_rule"]
    assert list(v.iter_errors(body))
    body2 = client.get("/.json").json()
    body2["documents"] = "many"
    s2 = _route(spec, "/.json")["responses"]["200"]["content"]["application/json"]["schema"]
    assert list(Draft202012Validator({**s2, "components": spec["components"]}).iter_errors(body2))


def test_pages_are_not_in_the_schema_but_every_twin_is(env: Any) -> None:
    _, client = env
    paths = set(client.get("/openapi.json").json()["paths"])
    for p in ("/.json", "/incidents.json", "/incidents/{key}.json", "/documents/{doc_id}.json", "/claims.json",
              "/claims/{row_id}.json", "/places/{place_id}.json", "/sources/{originator}.json", "/timeline.json",
              "/incidents.geojson", "/incidents.csv"):
        assert p in paths, p
    assert "/incidents" not in paths and "/" not in paths
