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


def test_downloads_are_listed_with_their_media_types(env: Any) -> None:
    """/incidents.csv is text/csv and the GeoJSON downloads application/geo+json, as they are served;
    the GeoJSON a download gives validates against the schema listed for it."""
    store, client = env
    spec = client.get("/openapi.json").json()
    key = next(iter(lq.iter_incidents(store)))["key"]
    for path, url, media in (("/incidents.csv", "/incidents.csv", "text/csv"),
                             ("/incidents.geojson", "/incidents.geojson", "application/geo+json"),
                             ("/incidents/{key}.geojson", f"/incidents/{key}.geojson", "application/geo+json")):
        ok = spec["paths"][path]["get"]["responses"]["200"]["content"]
        assert list(ok) == [media], (path, list(ok))
        r = client.get(url)
        assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media, url
        if media != "text/csv":
            v = Draft202012Validator({**ok[media]["schema"], "components": spec["components"]})
            v.validate(r.json())
            assert list(v.iter_errors({"type": "Feature"}))
    # every route listed as JSON is served as JSON
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method == "get" and "application/json" in op["responses"]["200"].get("content", {}):
                assert path.endswith(".json"), path


def _body_validator(spec: dict[str, Any], path: str, media: str = "application/json") -> Draft202012Validator:
    body = spec["paths"][path]["post"]["requestBody"]
    assert body["required"]
    return Draft202012Validator({**body["content"][media]["schema"], "components": spec["components"]})


def test_the_review_writes_describe_their_request_bodies(env: Any) -> None:
    """What ``POST …/review`` takes is in the schema: one object per action, told apart by ``action``;
    the bodies the routes take validate, wrong ones do not."""
    _, client = env
    spec = client.get("/openapi.json").json()
    writes = {p: item["post"] for p, item in spec["paths"].items() if "post" in item}
    assert set(writes) == {"/claims/{row_id}/review", "/documents/{doc_id}/review", "/incidents/{ident}/review"}
    actions = {}
    for path, op in writes.items():
        ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        union = spec["components"]["schemas"][ref]
        assert union["discriminator"]["propertyName"] == "action"
        actions[path] = set(union["discriminator"]["mapping"])
        assert op["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]["$ref"].endswith(ref)
        for code in ("200", "400", "401", "403"):
            assert code in op["responses"], (path, code)
        assert op["responses"]["401"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    assert actions == {"/claims/{row_id}/review": {"confirm", "correct", "reject", "move"},
                       "/documents/{doc_id}/review": {"add", "confirm"},
                       "/incidents/{ident}/review": {"move", "merge"}}
    claim = _body_validator(spec, "/claims/{row_id}/review")
    for good in ({"action": "confirm"}, {"action": "confirm", "optional": True},
                 {"action": "correct", "field": "location", "value": "C3871", "span": [10, 14], "text": "إدلب"},
                 {"action": "correct", "field": "date", "not_in_text": True},
                 {"action": "reject", "reason": "other", "note": "a caption"}, {"action": "move", "incident": "new"}):
        claim.validate(good)
    for bad in ({"action": "delete"}, {}, {"action": "reject", "reason": "boring"},
                {"action": "correct", "field": "colour", "value": "red"},
                {"action": "correct", "field": "event", "value": "airstrike", "span": [1, 2, 3]}):
        assert list(claim.iter_errors(bad)), bad
    doc = _body_validator(spec, "/documents/{doc_id}/review")
    doc.validate({"action": "add", "event": "airstrike", "evidence": [0, 40], "fields": {"certainty": "asserted"}})
    doc.validate({"action": "confirm"})
    assert list(doc.iter_errors({"action": "merge", "with": "x"}))
    inc = _body_validator(spec, "/incidents/{ident}/review", "application/x-www-form-urlencoded")
    inc.validate({"action": "merge", "with": "0016bc604dd4"})
    inc.validate({"action": "move", "claim": 12, "to": "new"})
    assert list(inc.iter_errors({"action": "merge"})) and list(inc.iter_errors({"action": "move"}))
