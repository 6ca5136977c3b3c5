"""A selection in chromium becomes the right span of the stored text even when the text holds what a
page cannot show as it is: CR LF line ends (an HTML parser reads CR LF as LF) and bidi embeddings
(shown as visible markers, ``[U+202B]``), after a character outside the BMP (two UTF-16 units in
JavaScript, one code point in Python). Before the fix, every selection after the first CR or
bidi character was off by one character per CR and seven per marker, and the server refused it.

Skipped like the other browser tests when chromium or playwright is missing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

import browser_support as bs
from shahid.ingest import ingest
from shahid.link.store import link_store
from shahid.review import users
from shahid.store import ClaimFilter, Store, iter_claims, open_store
from test_web_review_browser import TIMEOUT, browser  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.browser]
PASSWORD = "reviewer passphrase"
TEXT = ("🔴 عاجل: قصف على حلب\r\nوقال ناشطون \u202bإن قوات النظام\u202c قصفت بلدة كفرنبل في ريف إدلب "
        "ما أسفر عن مقتل 7 مدنيين.\r\nوفي دمشق سقطت قذائف.\r\n")


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    d = tmp_path_factory.mktemp("offsets")
    rec = d / "crlf.jsonl"
    rec.write_text(json.dumps({"text": TEXT, "outlet": "crlf", "published": "2013-02-11"}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    store = open_store(d / "ledger.db")
    ingest([rec], store)
    link_store(store)
    users.add_user(store, "reviewer", "reviewer", PASSWORD)
    yield store
    store.close()


@pytest.fixture(scope="module")
def server(ledger: Store) -> Iterator[str]:
    from shahid.web import create_app

    with bs.serving(create_app(ledger)) as url:
        yield url


# select the first occurrence of `words` in a text node of the review block (not in a marker)
SELECT = """([words]) => {
    const block = document.querySelector("section.review .rv-text");
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
        const at = node.textContent.indexOf(words);
        if (at >= 0 && !node.parentElement.classList.contains("rv-cp")) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + words.length);
            const sel = window.getSelection();
            sel.removeAllRanges();
            sel.addRange(range);
            return true;
        }
    }
    return false;
}"""


def _span(page: Any, form: str) -> tuple[int, int, str]:
    f = page.locator(form).first
    return (int(f.locator(".rv-start").input_value()), int(f.locator(".rv-end").input_value()),
            f.locator(".rv-words").input_value())


@pytest.mark.parametrize("words", ["إدلب", "دمشق", "قوات النظام"])
def test_a_selection_after_crlf_and_bidi_characters_is_the_stored_span(
        browser: Any, server: str, ledger: Store, words: str) -> None:  # noqa: F811
    rec = next(iter(iter_claims(ledger, ClaimFilter())))
    doc_id, text = rec.doc["id"], TEXT
    ctx = browser.new_context()
    page = ctx.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(f"{server}/login?next=/documents/{doc_id}")
    page.fill("input[name=name]", "reviewer")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_selector("section.review .rv-text")
    assert page.evaluate(SELECT, [words])
    page.wait_for_function("document.querySelector('form.rv-add .rv-start').value !== ''")
    start, end, got = _span(page, "form.rv-add")
    assert got == words and text[start:end] == words, (start, end, got, text[start:end])
    # and the server takes it: the selection is the evidence of a claim added by hand
    page.fill("form.rv-add input[name=event]", "shelling")
    # wait for the POST's answer: the page is already loaded, so waiting for a load state could return
    # before the form was sent and the ledger read below would race the write
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.click("form.rv-add button[type=submit]")
    page.wait_for_load_state()
    assert f"/documents/{doc_id}" in page.url and page.locator("p.error").count() == 0
    added = [r for r in iter_claims(ledger, ClaimFilter(doc_ids=[doc_id])) if r.claim["id"].startswith("h")]
    assert any(r.claim["evidence"]["span"] == [start, end] for r in added), [r.claim["evidence"] for r in added]
    ctx.close()
