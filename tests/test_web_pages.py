"""The explorer's pages and JSON twins on a small real ledger (the bundled example, a hostile
document, a few dev reports when ../shared is there), through Starlette's TestClient."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import html as lhtml

import web_ledger
from shahid.link import query as lq
from shahid.store import open_store
from shahid.web import create_app
from shahid.web.app import CSP


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return web_ledger.build(tmp_path_factory.mktemp("web") / "ledger.db")


@pytest.fixture(scope="module")
def store(ledger: Path) -> Any:
    s = open_store(ledger)
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store: Any) -> TestClient:
    return TestClient(create_app(store))


def _doc(r: Any) -> Any:
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    return lhtml.fromstring(r.text)


def _example_incident(store: Any) -> dict[str, Any]:
    """The example's airstrike on Maarat al-Numan (14 civilians killed, per the observatory)."""
    for inc in lq.iter_incidents(store, lq.IncidentFilter(events=["airstrike"])):
        if (inc.get("place") or {}).get("name") == "معرة النعمان":
            return inc
    raise AssertionError("the example's airstrike incident is missing")


def test_overview_and_its_twin(client: TestClient, store: Any) -> None:
    o = lq.overview(store)
    page = _doc(client.get("/"))
    text = page.text_content()
    assert "The ledger at a glance" in text
    assert str(o["documents"]) in text and str(o["incidents"]) in text
    j = client.get("/.json").json()
    assert j["documents"] == o["documents"] >= 2 and j["claims"] == o["claims"] and not j["empty"]
    assert j["last_run"]["command"] == "ingest"


def test_incident_list_facets_match_the_filtered_totals(client: TestClient, store: Any) -> None:
    for query in ("", "?grade=single_source", "?place=إدلب", "?event=airstrike,killing&since=2013-02"):
        j = client.get("/incidents.json" + query).json()
        flt_total = j["total"]
        assert sum(v["count"] for v in j["facets"]["event"]) == flt_total, query
        assert sum(v["count"] for v in j["facets"]["grade"]) == flt_total, query
        for v in j["facets"]["event"] + j["facets"]["grade"] + j["facets"]["place"]:
            # following a facet value narrows the list to exactly that many incidents
            assert client.get(v["url"].replace("/incidents", "/incidents.json", 1)).json()["total"] == v["count"]
    full = client.get("/incidents.json?per_page=500").json()
    assert full["total"] == lq.count_incidents(store) == len(full["items"])
    assert all(i["url"] == f"/incidents/{i['key']}" for i in full["items"])
    page = _doc(client.get("/incidents?place=إدلب"))
    assert page.get_element_by_id("total").text == str(client.get("/incidents.json?place=إدلب").json()["total"])
    facet = page.cssselect('section[data-facet="event"] li')
    assert facet and all(re.search(r"\d+$", li.text_content().strip()) for li in facet)


def test_place_filter_catches_the_towns_of_a_governorate(client: TestClient, store: Any) -> None:
    gov = client.get("/incidents.json?place=SY07&per_page=500").json()  # Idlib governorate
    names = {i["place"]["name"] for i in gov["items"]}
    assert "معرة النعمان" in names  # a town of it
    from shahid.link.places import ancestors

    assert all(i["place"]["place_id"] == "SY07" or "SY07" in ancestors(i["place"]["place_id"]) for i in gov["items"])
    assert gov["total"] < client.get("/incidents.json").json()["total"]


def test_incident_list_sorts_pages_and_downloads(client: TestClient, store: Any) -> None:
    from shahid.link.export import acled_row

    j = client.get("/incidents.json?sort=killed&per_page=500").json()
    killed = [int(acled_row(i)["fatalities"] or -1) for i in j["items"]]
    assert killed == sorted(killed, reverse=True) and killed[0] >= 14
    p2 = client.get("/incidents.json?per_page=5&page=2").json()
    p1 = client.get("/incidents.json?per_page=5").json()
    assert p2["page"] == 2 and not {i["key"] for i in p1["items"]} & {i["key"] for i in p2["items"]}
    assert p1["links"]["next"] == "/incidents?per_page=5&page=2" and p2["links"]["prev"] == "/incidents?per_page=5"
    flt = "?event=airstrike"
    total = client.get("/incidents.json" + flt).json()["total"]
    r = client.get("/incidents.csv" + flt)
    rows = list(csv.DictReader(io.StringIO(r.text.lstrip("\ufeff"))))
    assert r.headers["content-type"].startswith("text/csv") and len(rows) == total
    keys = {i["key"] for i in client.get("/incidents.json" + flt).json()["items"]}
    assert {row["incident_key"] for row in rows} == keys
    g = client.get("/incidents.geojson" + flt).json()
    assert g["type"] == "FeatureCollection"
    for f in g["features"]:
        assert set(f["properties"]) >= {"key", "url", "event", "best", "place", "date", "grade"}
        assert f["properties"]["event"] == "airstrike" and f["geometry"]["type"] == "Point"
    page = _doc(client.get("/incidents" + flt))
    assert page.get_element_by_id("map").get("data-geojson") == "/incidents.geojson" + flt
    assert page.get_element_by_id("timeline").get("data-src") == "/timeline.json" + flt
    hrefs = {a.get("href") for a in page.iter("a")}
    assert "/incidents.csv" + flt in hrefs and "/incidents.geojson" + flt in hrefs
    days = client.get("/timeline.json" + flt).json()
    assert sum(d["incidents"] for d in days) <= total and all(d["killed_low"] <= d["killed_high"] for d in days)


def test_incident_page_shows_the_claims_behind_each_figure(client: TestClient, store: Any) -> None:
    inc = _example_incident(store)
    r = client.get(f"/incidents/{inc['key']}")
    page = _doc(r)
    text = page.text_content()
    assert "معرة النعمان" in text and "precision" in text and inc["grade"] in text
    assert "single source: one originator" in text or "corroborated:" in text
    killed = next(c for c in inc["counts"] if c["kind"] == "killed" and c["best"] == 14)
    # the figure 14 lists the claim that gave it, with its evidence
    uid = killed["best_claims"][0]
    cref = page.cssselect(f'a.cref[data-uid="{uid}"]')
    assert cref and cref[0].get("href") == f"#claim-{uid[-12:]}"
    art = page.get_element_by_id(f"claim-{uid[-12:]}")
    marks = art.cssselect("p.ev mark")
    titles = [m.get("title") for m in marks]
    assert any(t.startswith("count: killed") and "14" in t for t in titles), titles
    assert any(t.startswith("place: معرة النعمان") for t in titles)
    assert any(t.startswith("source: ") for t in titles) or "outside the sentence" in art.text_content()
    items = [li.text_content() for li in art.cssselect("ul.labels li")]
    assert any(t.startswith("count: killed") and "«14" in t for t in items), items
    mark14 = next(m for m in marks if m.get("title").startswith("count: killed"))
    assert "14" in mark14.text_content()
    ev = art.cssselect("span.evidence")[0]
    assert ev.get("dir") == "rtl" and ev.get("lang") == "ar"
    j = client.get(f"/incidents/{inc['key']}.json").json()
    assert j["url"] == f"/incidents/{inc['key']}" and j["grade_rule"]
    c = next(c for c in j["claims"] if c["uid"] == uid)
    assert c["stored"]["evidence"]["text"] in text and c["url"] == f"/claims/{c['row_id']}"
    assert all(d["url"].startswith("/documents/") for d in j["documents"])
    assert client.get(f"/incidents/{inc['id']}.json").json()["key"] == inc["key"]  # numeric id too
    geo = client.get(f"/incidents/{inc['key']}.geojson").json()
    assert geo["features"][0]["properties"]["key"] == inc["key"]
    assert page.get_element_by_id("map").get("data-geojson") == f"/incidents/{inc['key']}.geojson"


def test_document_page_highlights_every_claim(client: TestClient, store: Any) -> None:
    inc = _example_incident(store)
    doc_id = inc["claims"][0]["doc_id"]
    page = _doc(client.get(f"/documents/{doc_id}"))
    body = page.cssselect("div.doctext span.evidence")[0]
    assert body.get("dir") == "rtl" and body.get("lang") == "ar"
    titles = [m.get("title") for m in body.cssselect("mark")]
    assert any(re.match(r"count: killed(/\w+)? 14 \[c\d+\]", t) for t in titles), titles
    assert any(t.startswith("perpetrator: sy_government [") for t in titles), titles
    assert any(t.startswith("source: ") for t in titles)
    assert {m.get("class").split()[0] for m in body.cssselect("mark")} >= {"f-count", "f-place", "f-source"}
    # the text is the stored text, character for character
    j = client.get(f"/documents/{doc_id}.json").json()
    assert body.text_content() == j["text"]
    hrefs = {a.get("href") for a in page.iter("a")}
    assert f"/incidents/{inc['key']}" in hrefs
    assert {i["key"] for i in j["incidents"]} >= {inc["key"]}
    assert all(c["url"] == f"/claims/{c['row_id']}" for c in j["claims"])


def test_claims_list_and_claim_page(client: TestClient, store: Any) -> None:
    j = client.get("/claims.json?event=airstrike").json()
    assert j["total"] == len(j["items"]) >= 1 and all(c["event"] == "airstrike" for c in j["items"])
    page1 = client.get("/claims.json?per_page=5").json()
    assert page1["links"]["next"]
    page2 = client.get(page1["links"]["next"].replace("/claims", "/claims.json", 1) + "&per_page=5").json()
    assert page2["items"][0]["row_id"] > page1["items"][-1]["row_id"]
    c = j["items"][0]
    page = _doc(client.get(c["url"]))
    assert c["evidence"]["text"] in page.text_content()
    cj = client.get(c["url"] + ".json").json()
    assert cj["claim"]["row_id"] == c["row_id"] and cj["claim"]["doc"]["url"].startswith("/documents/")
    assert cj["claim"]["incident"]["url"].startswith("/incidents/")
    assert page.cssselect("p.ev mark")


def test_place_and_source_pages(client: TestClient, store: Any) -> None:
    j = client.get("/places/SY07.json").json()
    assert j["known"] and j["incidents"] >= 1 and all(i["url"].startswith("/incidents/") for i in j["items"])
    assert "SY07" in client.get("/places/SY07").text
    origs = {o["id"] for inc in lq.iter_incidents(store) for o in inc["originators"]}
    o = sorted(origs)[0]
    s = client.get(f"/sources/{o}.json").json()
    assert s["id"] == o and s["incidents"] >= 1 and s["claims"] >= 1
    assert s["incidents"] == client.get(f"/incidents.json?originator={o}").json()["total"]
    _doc(client.get(f"/sources/{o}"))


@pytest.mark.parametrize("path", ["/incidents/nope", "/documents/nope", "/claims/99999999", "/sources/nope",
                                  "/places/XX-nowhere", "/no/such/page"])
def test_missing_ids_are_404(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404 and "not found" in r.text and r.headers["content-security-policy"] == CSP
    if not path.startswith("/no/"):
        rj = client.get(path + ".json")
        assert rj.status_code == 404 and rj.json()["status"] == 404


def test_bad_parameters_are_400(client: TestClient) -> None:
    assert client.get("/incidents?since=yesterday").status_code == 400
    assert client.get("/incidents.json?grade=famous").json()["status"] == 400
    assert client.get("/incidents.json?sort=random").status_code == 400
    assert client.get("/claims.json?until=2013-13").status_code == 400


def test_security_headers_on_every_response(client: TestClient, store: Any) -> None:
    inc = _example_incident(store)
    for path in ("/", "/.json", "/incidents", f"/incidents/{inc['key']}", "/static/shahid.css", "/openapi.json",
                 "/incidents.csv", "/nope"):
        h = client.get(path).headers
        assert h["content-security-policy"] == CSP, path
        assert h["x-content-type-options"] == "nosniff" and h["referrer-policy"] == "no-referrer"


def test_no_inline_script_or_style(client: TestClient, store: Any) -> None:
    inc = _example_incident(store)
    for path in ("/", "/incidents", f"/incidents/{inc['key']}", f"/documents/{inc['claims'][0]['doc_id']}", "/claims"):
        page = _doc(client.get(path))
        assert not page.xpath("//script[not(@src)]") and not page.xpath("//style") and not page.xpath("//*[@style]")
        sheets = page.xpath("//link[@rel='stylesheet']/@href")
        assert sheets[0] == "/static/shahid.css" and all(h.startswith("/static/") for h in sheets)
        assert all(s.startswith("/static/") for s in page.xpath("//script/@src"))


def test_empty_ledger_says_ingest_first(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.db") as s:
        c = TestClient(create_app(s))
        for path in ("/", "/incidents"):
            page = _doc(c.get(path))
            assert "ingest first" in page.text_content() and "shahid ingest" in page.text_content()
        assert c.get("/.json").json()["empty"] is True


def test_serve_help() -> None:
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "shahid", "serve", "--help"], capture_output=True, text=True,
                       check=False, env={**__import__("os").environ,
                                         "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")})
    assert r.returncode == 0
    for opt in ("--db", "--host", "--port", "JSON twin"):
        assert opt in r.stdout


def test_cli_incidents_use_the_same_query_layer(ledger: Path, client: TestClient, tmp_path: Path) -> None:
    import json
    from contextlib import redirect_stderr, redirect_stdout

    from shahid.cli import main

    def run(*argv: str) -> str:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            assert main(list(argv)) == 0, err.getvalue()
        return out.getvalue()

    for cli, web in ((["--contested"], "contested=1"), (["--place", "SY07"], "place=SY07"),
                     (["--actor", "sy_government"], "actor=sy_government"),
                     (["--event", "airstrike"], "event=airstrike")):
        keys = [json.loads(line)["key"] for line in run("incidents", "--db", str(ledger), *cli, "--format", "json",
                                                      "--limit", "0").splitlines()]
        want = client.get(f"/incidents.json?per_page=500&{web}").json()
        assert keys == [i["key"] for i in want["items"]] and len(keys) == want["total"], cli
    out = tmp_path / "i.geojson"
    run("export-incidents", "--db", str(ledger), "--format", "geojson", "--event", "airstrike", "-o", str(out))
    fc = json.loads(out.read_text(encoding="utf-8"))
    web_fc = client.get("/incidents.geojson?event=airstrike").json()
    assert fc["features"] and sorted(f["properties"]["key"] for f in fc["features"]) == sorted(
        f["properties"]["key"] for f in web_fc["features"])
    assert {f["properties"]["best"] for f in fc["features"]} == {f["properties"]["best"] for f in web_fc["features"]}


def test_contradictions_side_by_side(client: TestClient, store: Any) -> None:
    incs = [i for i in lq.iter_incidents(store) if i["contradictions"]]
    assert incs, "the test ledger has contested incidents"
    for inc in incs:
        page = _doc(client.get(f"/incidents/{inc['key']}"))
        sections = page.cssselect("section.contradiction")
        assert len(sections) == len(inc["contradictions"])
        for x, sec in zip(inc["contradictions"], sections, strict=True):
            sides = sec.cssselect(".side")
            if x["type"] == "denial":
                assert [s.cssselect("h4")[0].text_content() for s in sides] == ["denied by", "stated by"]
                by_uid = {c["uid"]: c for c in inc["claims"]}
                for u in x["claims"]:
                    assert by_uid[u]["evidence"] in sides[0].text_content()
                others = {c["originator"]["id"] for c in inc["claims"] if c["uid"] not in x["claims"]}
                assert len(sides[1].cssselect("blockquote")) == len(others)
            elif x["type"] == "conflicting_counts":
                assert len(sides) == len(x["figures"])
            elif x["type"] == "disputed_perpetrator":
                assert len(sides) == len(x["perpetrators"])
