"""Hostile text is inert: a stored document whose text, title, outlet and URL carry markup, an
event handler, a ``javascript:`` URL and a bidi override renders escaped on every page, creates
no element or attribute, and links nothing but http(s)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import html as lhtml

import web_ledger
from shahid.link import query as lq
from shahid.store import open_store
from shahid.web import create_app
from shahid.web.views import safe_href


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = web_ledger.build(tmp_path_factory.mktemp("xss") / "ledger.db", dev_reports=0)
    store = open_store(path)
    yield store, TestClient(create_app(store))
    store.close()


def _hostile_doc(store: Any) -> dict[str, Any]:
    for inc in lq.iter_incidents(store):
        for c in inc["claims"]:
            if (c.get("outlet") or "").startswith("evil"):
                return {"doc_id": c["doc_id"], "incident": inc["key"], "row_id": c["row_id"]}
    raise AssertionError("the hostile document made no incident")


def _pages(store: Any) -> list[str]:
    h = _hostile_doc(store)
    origs = sorted({o["id"] for inc in lq.iter_incidents(store) for o in inc["originators"]})
    return ["/", "/incidents", f"/incidents?outlet={web_ledger.HOSTILE_OUTLET}", f"/incidents/{h['incident']}",
            f"/documents/{h['doc_id']}", "/claims", f"/claims/{h['row_id']}", f"/sources/{origs[0]}",
            "/places/SY07", f"/incidents/{web_ledger.SCRIPT}", f"/documents/{web_ledger.IMG}"]


def test_the_hostile_document_is_in_the_ledger(env: Any) -> None:
    store, client = env
    h = _hostile_doc(store)
    d = client.get(f"/documents/{h['doc_id']}.json").json()
    assert web_ledger.SCRIPT in d["text"] and d["title"] == web_ledger.HOSTILE_TITLE
    assert d["outlet"] == web_ledger.HOSTILE_OUTLET and d["article_url"] == web_ledger.JS_URL
    assert d["source_url"] is None  # not a web address: never a link
    assert d["claims"], "the hostile document's claims (their spans are highlighted among the markup)"


def test_hostile_text_renders_inert_on_every_page(env: Any) -> None:
    store, client = env
    for path in _pages(store):
        r = client.get(path)
        assert r.status_code in (200, 404), path
        body = r.text
        for raw in ("<script>alert", "<img src=x", "onerror=alert(1)>", "<style>body", '<a href="javascript'):
            assert raw not in body, (path, raw)
        assert "\u202e" not in body, path  # shown as a visible marker instead
        page = lhtml.fromstring(body)
        # no script but the app's own files (the map's and the timeline's, and their libraries)
        assert all(s.get("src", "").startswith("/static/") and not (s.text or "").strip()
                   for s in page.xpath("//script")), path
        assert not page.xpath("//img"), path
        assert not page.xpath("//style") and not page.xpath("//*[@style]"), path
        for el in page.iter():
            if not isinstance(el.tag, str):
                continue
            for attr, value in el.attrib.items():
                assert not attr.lower().startswith("on"), (path, el.tag, attr)
                if attr in ("href", "src", "action", "formaction"):
                    assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), (path, value)
        assert "javascript:" not in " ".join(page.xpath("//@href")), path


def test_hostile_strings_are_shown_escaped(env: Any) -> None:
    store, client = env
    h = _hostile_doc(store)
    r = client.get(f"/documents/{h['doc_id']}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert any(f"{q}&gt;&lt;img src=x onerror=alert(1)&gt;" in r.text for q in ("&#34;", "&quot;"))
    assert "[U+202E]" in r.text
    page = lhtml.fromstring(r.text)
    title = page.xpath("//h1")[0].text_content()
    assert title == web_ledger.HOSTILE_TITLE.replace("\u202e", "[U+202E]")
    # the stored URL is shown as text, not a link
    assert web_ledger.JS_URL in page.text_content()
    assert web_ledger.JS_URL not in page.xpath("//@href")
    # highlighted spans among the markup are still the stored characters
    marks = page.cssselect("div.doctext mark")
    assert marks and any("count: killed" in m.get("title") for m in marks)
    inc = lhtml.fromstring(client.get(f"/incidents/{h['incident']}").text)
    assert web_ledger.HOSTILE_OUTLET in inc.text_content()


def test_only_http_addresses_become_links() -> None:
    assert safe_href("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_href("HTTP://example.org") == "HTTP://example.org"
    for bad in ("javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x",
                "//evil.example", "/relative", "http://a b", "https://x\n", "vbscript:x", None, 5):
        assert safe_href(bad) is None, bad


def test_json_twins_carry_the_text_as_data(env: Any) -> None:
    store, client = env
    h = _hostile_doc(store)
    r = client.get(f"/documents/{h['doc_id']}.json")
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.json()["outlet"] == web_ledger.HOSTILE_OUTLET
