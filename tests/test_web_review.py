"""Review in the explorer (issue 11): every write route tried without a session, with a viewer's
session, and with cross-site or origin-less requests (all refused), then as a reviewer (done);
bearer tokens; the session cookie's flags; the login rate limit; private mode; the review forms
and the queue page. A ledger built with the real engine from the reports of test_review."""

from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from shahid.link.store import link_store
from shahid.review import users
from shahid.review.schema import review_log
from shahid.store import ClaimFilter, iter_claims, open_store
from shahid.web import create_app
from test_review import REPORTS, _ingest

HOST = "testserver"  # what TestClient sends as Host
SAME = {"Sec-Fetch-Site": "same-origin"}
PASSWORDS = {"viewer": "viewer passphrase", "reviewer": "reviewer passphrase", "admin": "admin passphrase"}


@pytest.fixture
def env(tmp_path: Any) -> Any:
    store = open_store(tmp_path / "web-review.db")
    docs = _ingest(store, REPORTS)
    link_store(store)
    for role, pw in PASSWORDS.items():
        users.add_user(store, role, role, pw)
    yield store, docs
    store.close()


def _client(store: Any, role: str | None = None, **kw: Any) -> TestClient:
    c = TestClient(create_app(store, **kw), follow_redirects=False)
    if role:
        r = c.post("/login", data={"name": role, "password": PASSWORDS[role]}, headers=SAME)
        assert r.status_code == 303, r.text
    return c


def _log_count(store: Any) -> int:
    with store.read() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(review_log)).scalar_one()


def _row(store: Any, doc: Any, key: str) -> int:
    return next(r.row_id for r in iter_claims(store, ClaimFilter(doc_ids=[doc.id])) if r.claim["id"] == key)


def _incident(store: Any, row_id: int) -> str:
    from shahid.link import query as lq

    return lq.get_claim(store, row_id)["incident"]["key"]


def _post_routes(routes: Any) -> list[str]:
    """Every POST path of an app, through FastAPI's included routers."""
    out = []
    for r in routes:
        inner = getattr(r, "original_router", None)
        if inner is not None:
            out += _post_routes(inner.routes)
        elif "POST" in (getattr(r, "methods", None) or ()):
            out.append(r.path)
    return out


def _writes(store: Any, docs: list[Any]) -> list[tuple[str, dict[str, Any]]]:
    """One request per review write route (path, JSON body)."""
    a, b = _row(store, docs[0], "c2"), _row(store, docs[1], "c2")
    return [
        (f"/claims/{a}/review", {"action": "confirm"}),
        (f"/documents/{docs[0].id}/review", {"action": "confirm"}),
        (f"/incidents/{_incident(store, a)}/review", {"action": "merge", "with": _incident(store, b)}),
    ]


def test_every_write_route_is_refused_without_a_reviewer_or_from_another_site(env: Any) -> None:
    store, docs = env
    posts = sorted(_post_routes(create_app(store).routes))
    assert posts == ["/claims/{row_id}/review", "/documents/{doc_id}/review", "/incidents/{ident}/review",
                     "/login", "/logout"]  # the write routes: three review routes, login and logout
    anonymous, viewer, reviewer = _client(store), _client(store, "viewer"), _client(store, "reviewer")
    viewer_token = users.new_token(store, "viewer")
    reviewer_token = users.new_token(store, "reviewer")
    tried = set()
    for path, body in _writes(store, docs):
        before = _log_count(store)
        assert anonymous.post(path, json=body, headers=SAME).status_code == 401, path
        assert viewer.post(path, json=body, headers=SAME).status_code == 403, path
        assert TestClient(create_app(store)).post(path, json=body, headers={
            "Authorization": f"Bearer {viewer_token}"}).status_code == 403, path
        # a reviewer's session, but not from this site: no header at all, a forged Origin, a cross-site fetch
        assert reviewer.post(path, json=body).status_code == 403, path
        assert reviewer.post(path, json=body, headers={"Origin": "https://evil.example"}).status_code == 403, path
        assert reviewer.post(path, json=body, headers={"Sec-Fetch-Site": "cross-site",
                                                       "Origin": f"http://{HOST}"}).status_code == 403, path
        assert reviewer.post(path, json=body, headers={"Sec-Fetch-Site": "same-site"}).status_code == 403, path
        assert anonymous.post(path, json=body, headers={"Origin": "null"}).status_code == 403, path
        assert _log_count(store) == before, path  # nothing written by any of those
        r = reviewer.post(path, json=body, headers=SAME)
        assert r.status_code == 200 and r.json()["ok"], (path, r.text)
        assert _log_count(store) > before
        tried.add(path.split("/")[1])
    assert tried == {"claims", "documents", "incidents"}
    # an Origin equal to the Host (no Sec-Fetch-Site: an older browser) may write; so may a script's
    # bearer token without cookies, whatever its Origin (a browser never sends a token on its own)
    c1 = _row(store, docs[1], "c1")
    assert reviewer.post(f"/claims/{c1}/review", json={"action": "confirm"},
                         headers={"Origin": f"http://{HOST}"}).status_code == 200
    script = TestClient(create_app(store))
    r = script.post(f"/claims/{c1}/review", json={"action": "reject", "reason": "duplicate"},
                    headers={"Authorization": f"Bearer {reviewer_token}", "Origin": "https://evil.example"})
    assert r.status_code == 200
    # a token with a cookie is a browser's request: the site check applies again
    r = script.post(f"/claims/{c1}/review", json={"action": "confirm"},
                    headers={"Authorization": f"Bearer {reviewer_token}", "Origin": "https://evil.example",
                             "Cookie": "shahid_session=x"})
    assert r.status_code == 403
    # login and logout are writes too
    assert anonymous.post("/login", data={"name": "reviewer", "password": PASSWORDS["reviewer"]},
                          headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert reviewer.post("/logout", headers={"Origin": "https://evil.example"}).status_code == 403
    assert reviewer.post("/logout", headers=SAME).status_code == 303
    assert reviewer.post(f"/claims/{c1}/review", json={"action": "confirm"}, headers=SAME).status_code == 401


def test_a_reviewer_cannot_manage_users_and_bad_requests_are_400(env: Any) -> None:
    store, docs = env
    reviewer = _client(store, "reviewer")
    c = _row(store, docs[0], "c1")
    for body in ({"action": "delete"}, {"action": "reject", "reason": "boring"},
                 {"action": "correct", "field": "location", "value": "C1007", "span": [0, 10 ** 6]},
                 {"action": "correct", "field": "location", "value": "C1007", "span": [0, 3], "text": "wrong"}):
        r = reviewer.post(f"/claims/{c}/review", json=body, headers=SAME)
        assert r.status_code == 400, body
    r = reviewer.post(f"/claims/{c}/review", content=b"{not json", headers={**SAME,
                                                                            "Content-Type": "application/json"})
    assert r.status_code == 400
    assert _log_count(store) == 0
    # user management is the CLI's (shahid users), for admins; the library refuses a reviewer
    with pytest.raises(users.Forbidden):
        users.require_role(users.get_user(store, "reviewer"), "admin")


def test_session_cookie_login_limit_and_disabled_accounts(env: Any) -> None:
    store, docs = env
    c = _client(store)
    r = c.post("/login", data={"name": "reviewer", "password": PASSWORDS["reviewer"]}, headers=SAME)
    cookie = r.headers["set-cookie"].lower()
    assert r.status_code == 303 and "shahid_session=" in cookie
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie
    assert PASSWORDS["reviewer"] not in r.headers["set-cookie"]
    assert c.post("/login", data={"name": "reviewer", "password": "x" * 9, "next": "//evil.example"},
                  headers=SAME).status_code == 401
    ok = c.post("/login", data={"name": "reviewer", "password": PASSWORDS["reviewer"], "next": "//evil.example"},
                headers=SAME)
    assert ok.headers["location"] == "/"  # never redirected off the site
    limited = _client(store)
    for _ in range(5):
        assert limited.post("/login", data={"name": "viewer", "password": "wrong password"},
                            headers=SAME).status_code == 401
    r = limited.post("/login", data={"name": "viewer", "password": PASSWORDS["viewer"]}, headers=SAME)
    assert r.status_code == 429  # even the right password, until the window passes
    assert limited.post("/login", data={"name": "admin", "password": PASSWORDS["admin"]},
                        headers=SAME).status_code == 303  # another account is not locked by it
    # a session ends when its account is disabled or demoted: the user is read on every request
    rv = _client(store, "reviewer")
    c1 = _row(store, docs[0], "c1")
    users.set_role(store, "reviewer", "viewer")
    assert rv.post(f"/claims/{c1}/review", json={"action": "confirm"}, headers=SAME).status_code == 403
    users.set_role(store, "reviewer", "reviewer")
    users.set_disabled(store, "reviewer")
    assert rv.post(f"/claims/{c1}/review", json={"action": "confirm"}, headers=SAME).status_code == 401


def test_private_mode_needs_a_login_for_every_page(env: Any) -> None:
    store, docs = env
    public = _client(store)
    assert public.get("/").status_code == 200 and public.get("/incidents.json").status_code == 200
    private = _client(store, private=True)
    r = private.get("/")
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    for path in ("/incidents.json", f"/documents/{docs[0].id}.json", "/incidents.csv"):
        assert private.get(path).status_code == 401, path
    assert private.get("/login").status_code == 200 and private.get("/static/shahid.css").status_code == 200
    r = private.post("/login", data={"name": "viewer", "password": PASSWORDS["viewer"]}, headers=SAME)
    assert r.status_code == 303
    assert private.get("/").status_code == 200 and private.get("/incidents.json").status_code == 200
    token = users.new_token(store, "viewer")
    assert TestClient(create_app(store, private=True)).get(
        "/incidents.json", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_review_forms_queue_page_and_the_reviewed_mark(env: Any) -> None:
    store, docs = env
    c = _row(store, docs[1], "c1")  # the air strike on Saraqib
    anonymous, viewer, reviewer = _client(store), _client(store, "viewer"), _client(store, "reviewer")
    assert f'action="/claims/{c}/review"' not in anonymous.get(f"/claims/{c}").text
    assert f'action="/claims/{c}/review"' not in viewer.get(f"/claims/{c}").text
    page = reviewer.get(f"/claims/{c}").text
    assert f'action="/claims/{c}/review"' in page and 'src="/static/review.js"' in page
    assert 'class="rv-text"' in page and "<script>" not in page  # the script is a file (CSP: script-src 'self')
    assert reviewer.get("/static/review.js").status_code == 200
    key = _incident(store, c)
    assert f'action="/incidents/{key}/review"' in reviewer.get(f"/incidents/{key}").text
    assert f'action="/incidents/{key}/review"' not in anonymous.get(f"/incidents/{key}").text
    assert f'action="/documents/{docs[1].id}/review"' in reviewer.get(f"/documents/{docs[1].id}").text
    # the queue: reviewers only
    assert anonymous.get("/review").status_code == 303 and anonymous.get("/review.json").status_code == 401
    assert viewer.get("/review").status_code == 403
    q = reviewer.get("/review.json").json()
    assert q["reviewed"] == 0 and q["total"] == len(list(iter_claims(store)))
    assert reviewer.get("/review").status_code == 200
    places = reviewer.get("/review/places.json", params={"q": "إدلب"}).json()["places"]
    assert "C3871" in [p["place_id"] for p in places]
    # a form post (what the page sends): the span from the selected words, then back to the page
    text = docs[1].text
    a = text.index("ريف إدلب") + len("ريف ")
    r = reviewer.post(f"/claims/{c}/review", data={"action": "correct", "field": "location", "value": "C3871",
                                                   "start": str(a), "end": str(a + 4), "text": "إدلب"}, headers=SAME)
    assert r.status_code == 303 and r.headers["location"] == f"/claims/{c}"
    got = reviewer.get(f"/claims/{c}.json").json()["claim"]
    assert got["location"]["place_id"] == "C3871" and got["reviewed_by"] == "reviewer"
    assert got["machine"]["location"]["name"] == "سراقب"
    shown = anonymous.get(f"/claims/{c}").text
    assert "Reviewed: <strong>corrected</strong> by reviewer" in shown
    assert "machine's location: <bdi dir=\"auto\">سراقب</bdi>" in shown
    assert reviewer.get("/review.json").json()["reviewed"] == 1
    # a form that fails shows the error page, with the status
    r = reviewer.post(f"/claims/{c}/review", data={"action": "reject", "reason": "other"}, headers=SAME)
    assert r.status_code == 400 and "needs a note" in r.text
    # the document page: add a claim by selecting its evidence
    d = docs[1]
    ev = text.index("واعتقلت")
    r = reviewer.post(f"/documents/{d.id}/review", data={
        "action": "add", "event": "detention", "evidence_start": str(ev), "evidence_end": str(len(text)),
        "evidence_text": text[ev:], "fields": json.dumps({"certainty": "asserted"})}, headers=SAME)
    assert r.status_code == 303
    assert [x.claim["event"] for x in iter_claims(store, ClaimFilter(doc_ids=[d.id]))][-1] == "detention"
    listed = anonymous.get(f"/documents/{d.id}").text
    assert listed.count('class="tag reviewed-mark"') == 2  # the corrected claim and the added one
    assert "corrected by reviewer" in listed and "added by reviewer" in listed


def test_incident_page_marks_reviewed_claims_and_document_page_lists_rejected_ones(env: Any) -> None:
    store, docs = env
    from shahid.review import actions

    rev = users.authenticate(store, "reviewer", PASSWORDS["reviewer"])
    anonymous = _client(store)
    shelling, clashes = _row(store, docs[0], "c1"), _row(store, docs[0], "c2")
    key = _incident(store, shelling)
    before = anonymous.get(f"/incidents/{key}").text
    assert "reviewed-mark" not in before
    actions.correct(store, rev, shelling, "certainty", "confirmed")
    actions.reject(store, rev, clashes, "other", "a <b>note</b> in the reason")
    page = anonymous.get(f"/incidents/{key}").text
    assert 'class="tag reviewed-mark rv-corrected">corrected by reviewer: certainty</span>' in page
    # the document page: the rejected claim apart, struck through, with its reason and a link to its page
    doc = anonymous.get(f"/documents/{docs[0].id}").text
    main, _, rejected = doc.partition('<h2 id="rejected">Rejected claims (1)</h2>')
    assert rejected, "no list of rejected claims"
    assert f'href="/claims/{clashes}"' in rejected and f'href="/claims/{clashes}"' not in main
    assert "<del>attack</del>" in rejected
    assert 'other («<bdi dir="auto">a &lt;b&gt;note&lt;/b&gt; in the reason' in rejected  # escaped
    assert "<td>reviewer at " in rejected.split("</table>")[0]
    twin = anonymous.get(f"/documents/{docs[0].id}.json").json()
    assert [c["id"] for c in twin["rejected"]] == ["c2"] and "c2" not in [c["id"] for c in twin["claims"]]
    assert twin["rejected"][0]["review"]["reason"] == "other"
    # a rejected claim still in an incident until the next link says so on the incident page
    key2 = _incident(store, clashes)
    assert 'rv-rejected">rejected by reviewer (other)</span>' in anonymous.get(f"/incidents/{key2}").text
