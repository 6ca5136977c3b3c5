"""Review in Debian's chromium driven by Playwright: a reviewer logs in, corrects a claim's place by
selecting its words in the article and picking the place from the gazetteer search, rejects another
claim; after `shahid link` the incident page shows the corrected place, and the ACLED CSV exports
(claims and incidents) show the corrected values, with who reviewed them, and leave the rejected
claim out. Throughout: no console error, no CSP violation, no request leaving the app.

Skipped (with the reason) when /usr/bin/chromium or the playwright package is missing;
SHAHID_REQUIRE_BROWSER=1 (set by .ci/run) turns that into a failure.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest

import browser_support as bs
from shahid.link.store import link_store
from shahid.review import users
from shahid.store import ClaimFilter, Store, iter_claims, open_store
from test_review import REPORTS, _ingest

pytestmark = [pytest.mark.browser]

TIMEOUT = bs.TIMEOUT
PASSWORD = "reviewer passphrase"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with bs.playwright_api() as p, bs.chromium(p) as b:
        yield b


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, list[Any]]]:
    store = open_store(tmp_path_factory.mktemp("review-browser") / "ledger.db")
    docs = _ingest(store, REPORTS)
    link_store(store)
    users.add_user(store, "reviewer", "reviewer", PASSWORD)
    yield store, docs
    store.close()


@pytest.fixture(scope="module")
def server(ledger: tuple[Store, list[Any]]) -> Iterator[str]:
    from shahid.web import create_app

    with bs.serving(create_app(ledger[0])) as url:
        yield url


SELECT_WORDS = """([words, after]) => {
    const block = document.querySelector("section.review .rv-text");
    const node = block.firstChild;
    const at = node.textContent.indexOf(after + words) + after.length;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + words.length);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
}"""


def _row(store: Store, doc: Any, key: str) -> int:
    return next(r.row_id for r in iter_claims(store, ClaimFilter(doc_ids=[doc.id], rejected=True))
                if r.claim["id"] == key)


def test_a_reviewer_corrects_a_place_by_selection_and_rejects_a_claim(
        browser: Any, server: str, ledger: tuple[Store, list[Any]]) -> None:
    from playwright.sync_api import expect

    from shahid.export import export

    store, docs = ledger
    strike, sniper = _row(store, docs[1], "c1"), _row(store, docs[0], "c3")
    problems: list[str] = []
    ctx = browser.new_context()
    ctx.route("**/favicon.ico", lambda route: route.fulfill(status=204))  # the explorer has none
    page = ctx.new_page()
    page.set_default_timeout(TIMEOUT)
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: None if r.url.startswith(server + "/") else problems.append(f"left: {r.url}"))
    page.on("response", lambda r: problems.append(f"{r.url}: HTTP {r.status}") if r.status >= 400 else None)
    page.add_init_script("""document.addEventListener("securitypolicyviolation",
        function (e) { console.error("CSP " + e.violatedDirective + " " + e.blockedURI); });""")

    page.goto(server + f"/login?next=/claims/{strike}")
    page.fill("input[name=name]", "reviewer")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(server + f"/claims/{strike}")
    assert page.locator("header .who").inner_text().startswith("reviewer")

    # the place: select «إدلب» in the evidence, find it in the gazetteer, correct
    page.evaluate(SELECT_WORDS, ["إدلب", "ريف "])
    expect(page.locator(".rv-correct .rv-words")).to_have_value("إدلب")  # (no eval: the CSP forbids it)
    assert page.locator("section.review output.rv-selected").inner_text() == "إدلب"
    form = page.locator("form.rv-correct")
    form.locator("select[name=field]").select_option("location")
    form.locator(".rv-place-q").fill("إدلب")
    expect(form.locator(".rv-place-pick option[value=C3871]")).to_have_count(1)
    form.locator(".rv-place-pick").select_option("C3871")
    assert form.locator("input[name=value]").input_value() == "C3871"
    start, end = int(form.locator(".rv-start").input_value()), int(form.locator(".rv-end").input_value())
    assert docs[1].text[start:end] == "إدلب"  # the selection became the span of the stored text
    form.locator("button[type=submit]").click()
    page.wait_for_selector("p.reviewed")
    assert "corrected" in page.locator("p.reviewed").inner_text()
    assert page.locator("dl.facts").inner_text().count("إدلب") >= 1

    # reject the sniper killing
    page.goto(server + f"/claims/{sniper}")
    reject = page.locator("form.rv-form", has=page.locator("input[value=reject]"))
    reject.locator("select[name=reason]").select_option("not_a_claim")
    reject.locator("button[type=submit]").click()
    page.wait_for_selector("p.reviewed.rv-rejected")

    # shahid link: the incidents take the reviewed values
    link_store(store)
    page.goto(server + f"/claims/{strike}")
    page.click("dl.facts a[href^='/incidents/']")
    page.wait_for_selector("h1")
    facts = page.locator("dl.facts").inner_text()
    assert "إدلب" in facts and "سراقب" not in facts
    incidents_csv = page.request.get(server + "/incidents.csv").text()
    assert "إدلب" in incidents_csv

    out = io.StringIO()
    export(store, "acled-csv", out, bom=False)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    mine = [r for r in rows if r["notes"].startswith("أفاد ناشطون")]
    # the corrected place, by the gazetteer's English name (ACLED's convention) and its Arabic one in notes
    assert [(r["location"], r["reviewed_by"]) for r in mine] == [("Idleb", "reviewer")]
    assert mine[0]["notes"].endswith("[Place: Idleb (إدلب).]")
    assert not [r for r in rows if "برصاص قناص" in r["notes"]]  # the rejected claim is left out
    assert not problems, problems
    ctx.close()
