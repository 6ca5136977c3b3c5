"""Review (issue 11): accounts, the append-only log, the reviewed overlay in queries and exports,
re-extraction that keeps reviewed values and flags changes, linking that keeps moves and merges,
the queue, the gold loop and the commands. Ledgers are built with the real engine from short
reports written for these tests; the gold round trip reads ../shared/eval/dev."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from shahid.ingest import _task, extract_tasks, reextract
from shahid.read import Document
from shahid.review import actions, gold, users
from shahid.review.queue import review_queue
from shahid.review.schema import claim_reviews, review_log
from shahid.review.users import Forbidden, ReviewError, Unauthenticated, require_role
from shahid.store import ClaimFilter, Store, iter_claims, open_store
from shahid.store.schema import claims

PUBLISHED = "2013-02-12"
# (title + body, outlet): three reports of one shelling in Aleppo, one air strike in Idlib, one car bomb.
# The engine reads (the first line is the title): alpha c1 shelling (Bustan al-Qasr, 12 killed), c2 clashes
# (Salah al-Din), c3 a sniper killing; beta c1 air strike (Saraqib), c2 detention; gamma c1 shelling; delta c1.
REPORTS = [
    ("قصف على حلب\nقال المرصد السوري لحقوق الإنسان إن قوات النظام قصفت حي بستان القصر في مدينة حلب اليوم "
     "الثلاثاء، ما أدى إلى مقتل 12 مدنيا بينهم 4 أطفال. وأضاف المرصد أن اشتباكات عنيفة دارت في حي صلاح الدين "
     "بين مقاتلي المعارضة والقوات الحكومية. كما قتل شخصان برصاص قناص في حي الشعار.", "alpha.example"),
    ("غارة على إدلب\nأفاد ناشطون بأن طائرات حربية شنت غارة جوية على بلدة سراقب في ريف إدلب صباح اليوم، ما أسفر "
     "عن مقتل 7 أشخاص وإصابة 20 آخرين. واعتقلت قوات الأمن عشرة شبان في مدينة إدلب.", "beta.example"),
    ("ضحايا في حلب\nذكرت لجان التنسيق المحلية أن القصف المدفعي على حي بستان القصر في حلب الثلاثاء أوقع 12 "
     "قتيلا من المدنيين.", "gamma.example"),
    ("تفجير في دمشق\nانفجرت سيارة مفخخة في حي المزرعة وسط دمشق اليوم ما أدى إلى مقتل 20 شخصا، بحسب التلفزيون "
     "الرسمي.", "delta.example"),
]
LATE = ("حلب مجددا\nقال ناشطون إن قصفا عنيفا استهدف حي بستان القصر في حلب الثلاثاء وأوقع 12 قتيلا.", "eps.example")


def _docs(reports: list[tuple[str, str]]) -> list[Document]:
    return [Document(text=t, outlet=o, published=PUBLISHED, origin=f"r{i}") for i, (t, o) in enumerate(reports)]


def _ingest(store: Store, reports: list[tuple[str, str]]) -> list[Document]:
    docs = _docs(reports)
    results = extract_tasks([_task(d) for d in docs])
    res = store.add_reports([(d, rep) for d, (rep, err, _) in zip(docs, results, strict=True)])
    assert not res.failed and len(res.new) == len(docs)
    return docs


@pytest.fixture
def ledger(db_url: str) -> Iterator[tuple[Store, list[Document]]]:
    store = open_store(db_url)
    docs = _ingest(store, REPORTS)
    yield store, docs
    store.close()


@pytest.fixture
def people(ledger: tuple[Store, list[Document]]) -> dict[str, users.User]:
    store, _ = ledger
    return {role: users.add_user(store, f"{role}1", role, f"{role} passphrase") for role in users.ROLES}


def _claim(store: Store, doc: Document, key: str, **flt: Any) -> Any:
    recs = [r for r in iter_claims(store, ClaimFilter(doc_ids=[doc.id], **flt)) if r.claim["id"] == key]
    return recs[0] if recs else None


def _log_rows(store: Store) -> list[tuple[Any, ...]]:
    with store.read() as conn:
        return [tuple(r) for r in conn.execute(sa.select(review_log).order_by(review_log.c.id))]


def _machine_rows(store: Store) -> list[tuple[Any, ...]]:
    with store.read() as conn:
        return [tuple(r) for r in conn.execute(sa.select(claims).where(claims.c.engine != "human")
                                                .order_by(claims.c.doc_id, claims.c.key))]


# -- accounts --------------------------------------------------------------------------------------


def test_accounts_roles_and_tokens(ledger: tuple[Store, list[Document]]) -> None:
    store, _ = ledger
    admin = users.add_user(store, "amal", "admin", "correct horse battery")
    rev = users.add_user(store, "badr", "reviewer", "another passphrase")
    with pytest.raises(ReviewError, match="already"):
        users.add_user(store, "badr", "viewer", "whatever passphrase")
    with pytest.raises(ReviewError, match="at least"):
        users.add_user(store, "short", "viewer", "1234")
    with pytest.raises(ReviewError, match="unknown role"):
        users.add_user(store, "odd", "superuser", "long enough pass")
    with store.read() as conn:
        hashes = dict(conn.execute(sa.text("SELECT name, password_hash FROM users")).all())
    assert hashes["amal"].startswith("$argon2id$") and "correct horse" not in hashes["amal"]
    assert users.authenticate(store, "amal", "correct horse battery") == admin
    assert users.authenticate(store, "amal", "wrong") is None
    assert users.authenticate(store, "nobody", "correct horse battery") is None
    # roles are ordered; no user is Unauthenticated, a lower role is Forbidden
    assert require_role(admin, "reviewer") is admin
    with pytest.raises(Unauthenticated):
        require_role(None, "viewer")
    with pytest.raises(Forbidden):
        require_role(rev, "admin")
    # tokens: shown once, stored hashed, tied to an enabled user
    token = users.new_token(store, "badr")
    with store.read() as conn:
        stored = conn.execute(sa.text("SELECT token_hash FROM api_tokens")).scalars().all()
    assert token not in stored and len(stored) == 1
    assert users.user_for_token(store, token) == rev
    assert users.user_for_token(store, token + "x") is None and users.user_for_token(store, None) is None
    users.set_disabled(store, "badr")
    assert users.user_for_token(store, token) is None
    assert users.authenticate(store, "badr", "another passphrase") is None
    users.set_disabled(store, "badr", False)
    assert users.set_role(store, "badr", "viewer").role == "viewer"
    with pytest.raises(Forbidden):
        actions.confirm(store, users.get_user(store, "badr"), 1)
    # the last admin cannot be demoted or removed
    with pytest.raises(ReviewError, match="last admin"):
        users.set_role(store, "amal", "reviewer")
    with pytest.raises(ReviewError, match="last admin"):
        users.remove_user(store, "amal")
    users.remove_user(store, "badr")
    assert users.user_for_token(store, token) is None
    assert [u["name"] for u in users.list_users(store)] == ["amal"]


# -- actions, the overlay and the log ----------------------------------------------------------------


def test_correct_keeps_the_machine_value_and_checks_spans(ledger: tuple[Store, list[Document]],
                                                          people: dict[str, users.User]) -> None:
    store, docs = ledger
    rev = people["reviewer"]
    rec = _claim(store, docs[0], "c1")
    assert rec.claim["location"]["name"] == "بستان القصر"
    before = _machine_rows(store)
    text = docs[0].text
    a = text.index("مدينة حلب") + len("مدينة ")
    # the selected words must be the document's at that span
    with pytest.raises(ReviewError, match="reads"):
        actions.correct(store, rev, rec.row_id, "location", "C1007", (a, a + 3, "حمص"))
    with pytest.raises(ReviewError, match="not inside"):
        actions.correct(store, rev, rec.row_id, "location", "C1007", (a, len(text) + 5))
    with pytest.raises(ReviewError, match="no place"):
        actions.correct(store, rev, rec.row_id, "location", "NOT-A-PLACE", (a, a + 3))
    with pytest.raises(ReviewError, match="unknown event"):
        actions.correct(store, rev, rec.row_id, "event", "massacre")
    with pytest.raises(ReviewError, match="unknown actor"):
        actions.correct(store, rev, rec.row_id, "perpetrators", [{"actor": "aliens", "span": [a, a + 3]}])
    with pytest.raises(Forbidden):
        actions.correct(store, people["viewer"], rec.row_id, "location", "C1007", (a, a + 3))
    with pytest.raises(Unauthenticated):
        actions.correct(store, None, rec.row_id, "location", "C1007", (a, a + 3))
    assert _log_rows(store) == []  # refused requests leave no trace in the log

    actions.correct(store, rev, rec.row_id, "location", "C1007", (a, a + 3, "حلب"))
    got = _claim(store, docs[0], "c1").claim
    assert got["location"]["place_id"] == "C1007" and got["location"]["text"] == "حلب"
    assert text[got["location"]["span"][0]:got["location"]["span"][1]] == "حلب"
    assert got["machine"]["location"]["name"] == "بستان القصر"
    assert got["reviewed_by"] == rev.name and got["reviewed_at"]
    assert got["review"]["state"] == "corrected" and got["review"]["fields"] == ["location"]
    # the machine's claim is stored as it was; machine=True reads it
    assert _machine_rows(store) == before
    machine = [r for r in iter_claims(store, ClaimFilter(doc_ids=[docs[0].id]), machine=True) if r.row_id == rec.row_id]
    assert machine[0].claim["location"]["name"] == "بستان القصر" and "reviewed_by" not in machine[0].claim
    # "not in the text": no span → null
    actions.correct(store, rev, rec.row_id, "date", "2013-02-12", None)
    assert _claim(store, docs[0], "c1").claim["date"] is None
    counts = [{"kind": "killed", "group": "civilians", "value": 12, "qualifier": "exact",
               "span": [text.index("12 مدنيا"), text.index("12 مدنيا") + len("12 مدنيا")]}]
    actions.correct(store, rev, rec.row_id, "counts", counts)
    got = _claim(store, docs[0], "c1").claim
    assert [(n["kind"], n["group"], n["value"], n["text"]) for n in got["counts"]] == [
        ("killed", "civilians", 12, "12 مدنيا")]
    # one item at the selected words (what a form sends): a code, or a count object
    p = text.index("قوات النظام")
    actions.correct(store, rev, rec.row_id, "perpetrators", "sy_government", (p, p + len("قوات النظام")))
    assert _claim(store, docs[0], "c1").claim["perpetrators"] == [
        {"actor": "sy_government", "text": "قوات النظام", "span": [p, p + len("قوات النظام")]}]
    with pytest.raises(ReviewError, match="an object"):
        actions.correct(store, rev, rec.row_id, "counts", "killed", (p, p + 4))
    log = actions.history(store, doc_id=docs[0].id)
    assert [(r["action"], r["field"]) for r in log] == [("correct", "perpetrators"), ("correct", "counts"),
                                                          ("correct", "date"), ("correct", "location")]
    assert log[-1]["value_before"]["name"] == "بستان القصر" and log[-1]["value_after"]["place_id"] == "C1007"


def test_filters_select_on_the_reviewed_values(ledger: tuple[Store, list[Document]],
                                               people: dict[str, users.User]) -> None:
    """A claim whose place a reviewer corrected from حلب to إدلب is found by place=إدلب, not by
    place=حلب; the same for every filtered field. Unreviewed claims still match on the machine's."""
    store, docs = ledger
    rev = people["reviewer"]
    text = docs[0].text
    rec = _claim(store, docs[0], "c1")  # shelling by sy_government in Bustan al-Qasr, Aleppo; monitor
    other = _claim(store, docs[2], "c1")  # the same shelling, unreviewed

    def found(**flt: Any) -> set[tuple[str, str]]:
        got = {(r.doc["id"], r.claim["id"]) for r in iter_claims(store, ClaimFilter(**flt))}
        from shahid.store.query import count_claims

        assert count_claims(store, ClaimFilter(**flt)) == len(got)
        return got

    me, them = (docs[0].id, "c1"), (docs[2].id, "c1")
    before = {k: found(**k_flt) for k, k_flt in {
        "aleppo": {"place": "حلب"}, "idlib": {"place": "إدلب"}, "shelling": {"events": ["shelling"]},
        "airstrike": {"events": ["airstrike"]}, "gov": {"actors": ["sy_government"]},
        "opp": {"actors": ["opposition"]}, "children": {"victims": ["children"]}, "men": {"victims": ["men"]},
        "feb": {"since": "2013-02"}, "jan": {"until": "2013-01"}, "monitor": {"source_types": ["monitor"]},
        "gov_src": {"source_types": ["government"]}, "asserted": {"certainties": ["asserted"]},
        "confirmed": {"certainties": ["confirmed"]}}.items()}
    for k in ("aleppo", "shelling", "gov", "children", "feb", "monitor", "asserted"):
        assert me in before[k], k
    for k in ("idlib", "airstrike", "opp", "men", "jan", "gov_src", "confirmed"):
        assert me not in before[k], k

    a = text.index("حلب")
    opp = text.index("مقاتلي المعارضة")
    day = text.index("اليوم")
    actions.correct(store, rev, rec.row_id, "location", "C3871", (a, a + 3, "حلب"))  # إدلب
    actions.correct(store, rev, rec.row_id, "event", "airstrike")
    actions.correct(store, rev, rec.row_id, "perpetrators", "opposition", (opp, opp + len("مقاتلي المعارضة")))
    actions.correct(store, rev, rec.row_id, "victims", "men", (opp, opp + len("مقاتلي")))
    actions.correct(store, rev, rec.row_id, "date", "2013-01-05", (day, day + len("اليوم")))
    actions.correct(store, rev, rec.row_id, "source", "government", (a, a + 3))
    actions.correct(store, rev, rec.row_id, "certainty", "confirmed")

    after = {k: found(**k_flt) for k, k_flt in {
        "aleppo": {"place": "حلب"}, "idlib": {"place": "إدلب"}, "idlib_gov": {"place": "SY07"},
        "shelling": {"events": ["shelling"]}, "airstrike": {"events": ["airstrike"]},
        "gov": {"actors": ["sy_government"]}, "opp": {"actors": ["opposition"]},
        "children": {"victims": ["children"]}, "men": {"victims": ["men"]}, "feb": {"since": "2013-02"},
        "jan": {"until": "2013-01"}, "monitor": {"source_types": ["monitor"]},
        "gov_src": {"source_types": ["government"]}, "asserted": {"certainties": ["asserted"]},
        "confirmed": {"certainties": ["confirmed"]}}.items()}
    for k in ("idlib", "idlib_gov", "airstrike", "opp", "men", "jan", "gov_src", "confirmed"):
        assert me in after[k], k
    for k in ("aleppo", "shelling", "gov", "children", "feb", "monitor", "asserted"):
        assert me not in after[k], k
    # everything else is selected as before: the other report of the shelling still by its machine values
    for k in before:
        assert after[k] - {me} == before[k] - {me}, k
    assert them in after["aleppo"] and them in after["shelling"]
    assert other is not None
    # two filters at once: the reviewed values of both
    assert me in found(place="إدلب", events=["airstrike"]) and me not in found(place="إدلب", events=["shelling"])
    # the machine's values are still there for machine=True readers, unfiltered
    mach = [r for r in iter_claims(store, ClaimFilter(doc_ids=[docs[0].id]), machine=True) if r.row_id == rec.row_id]
    assert mach[0].claim["event"] == "shelling"


def test_the_review_log_is_append_only(ledger: tuple[Store, list[Document]], people: dict[str, users.User]) -> None:
    store, docs = ledger
    rev = people["reviewer"]
    c1, c2, c3 = (_claim(store, docs[0], k) for k in ("c1", "c2", "c3"))
    seen: list[tuple[Any, ...]] = []
    steps = [
        lambda: actions.confirm(store, rev, c3.row_id),
        lambda: actions.reject(store, rev, c1.row_id, "background", "the headline restates the body"),
        lambda: actions.correct(store, rev, c2.row_id, "certainty", "confirmed"),
        lambda: actions.confirm(store, rev, c1.row_id),  # taken back in: a new row, the old one stays
        lambda: actions.add(store, rev, docs[1].id, (0, 4), {"event": "airstrike"}, optional=True),
        lambda: actions.confirm_document(store, rev, docs[0].id),
    ]
    for step in steps:
        step()
        rows = _log_rows(store)
        assert rows[: len(seen)] == seen and len(rows) > len(seen)  # earlier rows exactly as they were
        seen = rows
    # the database refuses UPDATE and DELETE on the log, whoever asks
    refused = ["UPDATE review_log SET note = 'edited'", "DELETE FROM review_log"]
    if store.engine.dialect.name == "postgresql":  # TRUNCATE fires no row trigger
        refused += ["TRUNCATE review_log", "TRUNCATE review_log CASCADE"]
    for sql in refused:
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), store.write() as conn:
            conn.execute(sa.text(sql))
    assert _log_rows(store) == seen


def test_rejected_left_out_added_in_and_exports_say_who_reviewed(
        ledger: tuple[Store, list[Document]], people: dict[str, users.User], tmp_path: Path) -> None:
    from shahid.export import export

    store, docs = ledger
    rev = people["reviewer"]
    c1, c2 = _claim(store, docs[1], "c1"), _claim(store, docs[1], "c2")
    with pytest.raises(ReviewError, match="needs a note"):
        actions.reject(store, rev, c1.row_id, "other")
    with pytest.raises(ReviewError, match="unknown reason"):
        actions.reject(store, rev, c1.row_id, "boring")
    actions.reject(store, rev, c1.row_id, "background")
    with pytest.raises(ReviewError, match="rejected"):
        actions.correct(store, rev, c1.row_id, "event", "shelling")
    actions.confirm(store, rev, c2.row_id)
    text = docs[1].text
    ev = (text.index("أفاد"), len(text))
    with pytest.raises(ReviewError, match="needs its event"):
        actions.add(store, rev, docs[1].id, ev, {})
    added = actions.add(store, rev, docs[1].id, ev, {
        "event": "killing", "counts": [{"kind": "killed", "value": 7, "span": [text.index("7 أشخاص"),
                                                                               text.index("7 أشخاص") + 7]}]})
    keys = [r.claim["id"] for r in iter_claims(store, ClaimFilter(doc_ids=[docs[1].id]))]
    assert keys == ["c2", added["key"]]  # c1 rejected: left out
    assert [r.claim["id"] for r in iter_claims(store, ClaimFilter(doc_ids=[docs[1].id], rejected=True))] == [
        "c1", "c2", added["key"]]
    human = _claim(store, docs[1], added["key"])
    assert human.engine == "human" and human.claim["review"]["state"] == "added"
    assert human.claim["counts"][0]["text"] == "7 أشخاص"

    out = tmp_path / "acled.csv"
    export(store, "acled-csv", out, ClaimFilter(doc_ids=[docs[1].id]), bom=False)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 2 and {"reviewed_by", "reviewed_at"} <= set(rows[0])
    assert [r["reviewed_by"] for r in rows] == [rev.name, rev.name]
    import pyarrow.parquet as pq

    export(store, "parquet", tmp_path / "c.parquet", ClaimFilter(doc_ids=[docs[0].id, docs[1].id]))
    t = pq.read_table(tmp_path / "c.parquet").to_pylist()
    assert {(r["claim_id"], r["reviewed_by"]) for r in t if r["doc_id"] == docs[1].id} == {
        ("c2", rev.name), (added["key"], rev.name)}
    assert all(r["reviewed_by"] is None and r["reviewed_at"] is None for r in t if r["doc_id"] == docs[0].id)
    assert all(r["reviewed_at"] is not None for r in t if r["doc_id"] == docs[1].id)
    export(store, "geojson", tmp_path / "c.geojson", ClaimFilter(doc_ids=[docs[1].id]))
    feats = json.loads((tmp_path / "c.geojson").read_text(encoding="utf-8"))["features"]
    assert feats and {f["properties"]["claim_id"] for f in feats} == {"c2"}  # c1 rejected; the added one unlocated
    assert feats[0]["properties"]["reviewed_by"] == rev.name


# -- re-extraction ---------------------------------------------------------------------------------


def test_reextract_never_overwrites_a_review_and_flags_changes(
        ledger: tuple[Store, list[Document]], people: dict[str, users.User]) -> None:
    store, docs = ledger
    rev = people["reviewer"]
    text = docs[0].text
    a = text.index("مدينة حلب") + len("مدينة ")
    c1, c2, c3 = (_claim(store, docs[0], k) for k in ("c1", "c2", "c3"))
    actions.correct(store, rev, c1.row_id, "location", "C1007", (a, a + 3))
    actions.confirm(store, rev, c2.row_id)
    actions.reject(store, rev, c3.row_id, "background")
    ev = (text.index("وأضاف"), len(text))
    added = actions.add(store, rev, docs[0].id, ev, {"event": "attack"})
    shown = {r.claim["id"]: r.claim for r in iter_claims(store, ClaimFilter(doc_ids=[docs[0].id]))}

    # 1. the same engine again (shahid reextract --all): every review stays, nothing flagged
    summary = reextract(store, everything=True)
    assert summary.failed == 0 and summary.flagged == 0
    again = {r.claim["id"]: r.claim for r in iter_claims(store, ClaimFilter(doc_ids=[docs[0].id]))}
    assert again.keys() == shown.keys() == {"c1", "c2", added["key"]}
    assert again["c1"]["location"]["place_id"] == "C1007" and again[added["key"]]["event"] == "attack"
    assert not any(c["review"]["flagged"] for c in again.values())

    # 2. a new engine: claim keys shift, the confirmed claim's certainty and the corrected claim's
    # place change. Reviews follow their claims by span; both are flagged; the rejection holds.
    (rep, _, _), = extract_tasks([_task(docs[0])])
    new = json.loads(json.dumps(rep))
    new["engine"] = "shahid-next/9"
    for i, c in enumerate(new["claims"]):
        c["id"] = f"c{i + 5}"
    by_trigger = {c["trigger"]["text"]: c for c in new["claims"]}
    by_trigger["اشتباكات عنيفة"]["certainty"] = "alleged"
    by_trigger["قصفت"]["location"] = {**by_trigger["قصفت"]["location"], "name": "صلاح الدين",
                                      "place_id": "SY0200-nbh-salah-al-din"}
    res = store.replace_claims([(docs[0].id, new)])
    assert res.flagged == 2
    now = {r.claim["id"]: r.claim for r in iter_claims(store, ClaimFilter(doc_ids=[docs[0].id], rejected=True))}
    shelling, clashes = now["c5"], now["c6"]
    assert shelling["location"]["place_id"] == "C1007"  # the reviewer's value, not the new engine's
    assert shelling["machine"]["location"]["name"] == "صلاح الدين"
    assert shelling["review"]["flagged"] and "location" in shelling["review"]["flag_note"]
    assert clashes["certainty"] == "alleged" and clashes["review"]["state"] == "confirmed"
    assert clashes["review"]["flagged"] and "certainty" in clashes["review"]["flag_note"]
    assert now["c7"]["review"]["state"] == "rejected" and not now["c7"]["review"]["flagged"]
    assert now[added["key"]]["event"] == "attack"
    # a flagged claim goes to the top of the queue; looking again clears the flag
    q = review_queue(store)
    assert {(i.key, "flagged" in i.reasons) for i in q.items[:2]} == {("c5", True), ("c6", True)}
    actions.confirm(store, rev, f"{docs[0].id}:c6")
    assert not _claim(store, docs[0], "c6").claim["review"]["flagged"]


# -- linking ---------------------------------------------------------------------------------------


def _incident_of(store: Store, doc: Document, key: str) -> str | None:
    from shahid.link.store import iter_incidents

    for inc in iter_incidents(store):
        if any(c["doc_id"] == doc.id and c["claim_id"] == key for c in inc["claims"]):
            return inc["key"]
    return None


def _shelling_key(store: Store, doc: Document) -> str:
    return next(r.claim["id"] for r in iter_claims(store, ClaimFilter(doc_ids=[doc.id]))
                if r.claim["event"] == "shelling" and r.claim.get("location"))


def test_link_keeps_moves_merges_and_leaves_rejected_claims_out(
        ledger: tuple[Store, list[Document]], people: dict[str, users.User]) -> None:
    from shahid.link.store import link_store

    store, docs = ledger
    rev = people["reviewer"]
    link_store(store)
    a_key, g_key = _shelling_key(store, docs[0]), _shelling_key(store, docs[2])
    aleppo = _incident_of(store, docs[0], a_key)
    assert aleppo is not None and aleppo == _incident_of(store, docs[2], g_key)  # the machine linked them
    idlib = _incident_of(store, docs[1], "c1")
    damascus = _incident_of(store, docs[3], next(r.claim["id"] for r in iter_claims(
        store, ClaimFilter(doc_ids=[docs[3].id]))))
    assert len({aleppo, idlib, damascus}) == 3

    # move the gamma report out of the Aleppo incident; merge Damascus into Idlib; reject a claim
    actions.move(store, rev, f"{docs[2].id}:{g_key}", None)
    actions.merge(store, rev, idlib, damascus)
    actions.reject(store, rev, f"{docs[0].id}:c3", "not_a_claim")
    r = link_store(store)
    assert r.full  # a review since the last run: linked again from scratch
    moved, kept = _incident_of(store, docs[2], g_key), _incident_of(store, docs[0], a_key)
    assert moved is not None and kept is not None and moved != kept
    assert _incident_of(store, docs[1], "c1") == _incident_of(store, docs[3], "c1")
    assert _incident_of(store, docs[0], "c3") is None

    # a new report of the Aleppo shelling, linked incrementally: the move and the merge hold
    late = _ingest(store, [LATE])[0]
    r = link_store(store)
    assert not r.full and r.documents == 1
    assert _incident_of(store, docs[2], g_key) not in (_incident_of(store, docs[0], a_key), None)
    assert _incident_of(store, docs[1], "c1") == _incident_of(store, docs[3], "c1")
    assert _incident_of(store, docs[0], "c3") is None
    late_inc = _incident_of(store, late, _shelling_key(store, late))
    # the new report joins one of the two incidents the reviewer made (its strongest edge decides)
    assert late_inc in (_incident_of(store, docs[0], a_key), _incident_of(store, docs[2], g_key))
    # the incident moved into: moving it back by key works on the relinked incidents
    actions.move(store, rev, f"{docs[2].id}:{g_key}", _incident_of(store, docs[0], a_key))
    link_store(store)
    assert _incident_of(store, docs[2], g_key) == _incident_of(store, docs[0], a_key)
    with pytest.raises(ReviewError, match="itself"):
        actions.merge(store, rev, idlib, idlib)


# -- the queue -------------------------------------------------------------------------------------


def test_queue_orders_and_counts_progress(ledger: tuple[Store, list[Document]],
                                          people: dict[str, users.User]) -> None:
    from shahid.link.store import link_store

    store, docs = ledger
    link_store(store)
    q = review_queue(store)
    total = q.total
    assert q.reviewed == 0 and q.waiting == total and q.progress == 0
    assert [i.priority for i in q.items] == sorted((i.priority for i in q.items), reverse=True)
    top = q.items[0]
    assert top.reasons == ["contested"]  # the clashes: opposition and government blamed in one incident
    tolls = [n for n, i in enumerate(q.items) if "large_toll" in i.reasons]  # 12 and 20 killed
    plain = [n for n, i in enumerate(q.items) if not i.reasons]
    assert tolls and plain and max(tolls) < min(plain)
    actions.confirm(store, people["reviewer"], top.row_id)
    q2 = review_queue(store)
    assert q2.reviewed == 1 and q2.waiting == total - 1 and top.row_id not in {i.row_id for i in q2.items}
    by_outlet = review_queue(store, outlet="beta.example")
    assert by_outlet.total == 2 and by_outlet.reviewed == (1 if top.doc_id == docs[1].id else 0)
    assert review_queue(store, since="2014-01-01").total == 0
    paged = review_queue(store, per_page=2, page=2)
    assert paged.page == 2 and len(paged.items) == 2 and paged.items[0].row_id == q2.items[2].row_id


# -- gold ------------------------------------------------------------------------------------------


def _dev_documents(shared_dir: Path, n: int) -> list[Document]:
    out = []
    for gpath in sorted((shared_dir / "eval" / "dev").glob("*.gold.json"))[:n]:
        meta = json.loads(gpath.read_text(encoding="utf-8"))["doc"]
        text = (gpath.parent / meta["file"]).read_text(encoding="utf-8")
        out.append(Document(text=text, outlet=meta.get("outlet"), published=meta.get("published"),
                            origin=meta["file"]))
    return out


@pytest.mark.shared
def test_gold_export_round_trips_through_the_scorer(shared_dir: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "gold.db")
    docs = _dev_documents(shared_dir, 8)
    results = extract_tasks([_task(d) for d in docs])
    store.add_reports([(d, rep) for d, (rep, _, _) in zip(docs, results, strict=True)])
    rev = users.add_user(store, "rev", "reviewer", "a long passphrase")
    reviewed = []
    for n, d in enumerate(docs[:6]):
        recs = list(iter_claims(store, ClaimFilter(doc_ids=[d.id])))
        if len(recs) < 2:
            continue
        first, second = recs[0], recs[1]
        if n % 3 == 0:
            actions.reject(store, rev, first.row_id, "not_a_claim")
        elif n % 3 == 1:
            actions.correct(store, rev, first.row_id, "certainty",
                            "denied" if first.claim["certainty"] != "denied" else "asserted")
            actions.correct(store, rev, second.row_id, "location", None, None)  # not in the text
        else:
            actions.correct(store, rev, first.row_id, "event",
                            "bombing" if first.claim["event"] != "bombing" else "shelling")
            actions.confirm(store, rev, second.row_id, optional=True)
        ev = first.claim["evidence"]["span"]
        actions.add(store, rev, d.id, ev, {"event": "protest"}, optional=n % 2 == 0)
        actions.confirm_document(store, rev, d.id)
        reviewed.append(d.id)
    assert len(reviewed) >= 3
    assert gold.reviewed_documents(store) == sorted(reviewed)

    out = tmp_path / "gold"
    res = gold.export_gold(store, out)
    assert len(res.documents) == len(reviewed)
    for name in res.documents:
        g = json.loads((out / f"{name}.gold.json").read_text(encoding="utf-8"))
        text = (out / g["doc"]["file"]).read_text(encoding="utf-8")
        stored = next(d for d in docs if d.id == g["doc"]["doc_id"])
        assert text == stored.text  # the document exactly as stored: spans index it
        shown = [r.claim for r in iter_claims(store, ClaimFilter(doc_ids=[stored.id]))]
        assert len(g["claims"]) == len(shown)  # rejected out, added in
        for gc, c in zip(g["claims"], shown, strict=True):
            a, b = c["evidence"]["span"]
            assert gc["anchor"] in text[a:b] and gc["event"] == c["event"]
            if f"{name}: {gc['anchor']}" not in res.not_unique:
                assert text.count(gc["anchor"]) == 1
    assert not res.not_unique or len(res.not_unique) < res.claims / 4

    scored = gold.score_gold(out, tmp_path / "system")
    ledger = gold.ledger_agreement(store, reviewed)
    for k in ("tp", "fp", "fn"):
        assert scored[k] == ledger[k], k
    assert scored["span_errors"] == 0
    assert scored["field_accuracy"] == pytest.approx(ledger["field_accuracy"])
    assert scored["headline"] == pytest.approx(ledger["headline"])
    assert 0 < scored["precision"] < 1 and 0 < scored["recall"] < 1  # the reviews made the engine wrong somewhere
    # every document, machine claims where no one looked: the engine agrees with itself there
    everything = gold.export_gold(store, tmp_path / "all", include_unreviewed=True)
    assert len(everything.documents) == len(docs)


# -- migrations ------------------------------------------------------------------------------------


def test_migration_0004_upgrades_a_ledger_with_data(db_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    from shahid.store import migrations

    store = open_store(db_url)
    docs = _ingest(store, REPORTS[:2])
    cfg = Config()
    cfg.set_main_option("script_location", migrations.SCRIPT_LOCATION)
    with store.write() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
        assert not sa.inspect(conn).has_table("review_log")
    store.close()
    store = open_store(db_url)  # opening migrates back to head
    with store.read() as conn:
        assert migrations.current_revision(conn) == migrations.HEAD == "0004"
        assert sa.inspect(conn).has_table("claim_reviews")
    rev = users.add_user(store, "rev", "reviewer", "a long passphrase")
    actions.confirm(store, rev, f"{docs[0].id}:c1")
    assert _claim(store, docs[0], "c1").claim["reviewed_by"] == "rev"
    with store.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(claim_reviews)).scalar_one() == 1
    store.close()


# -- the commands ----------------------------------------------------------------------------------


def _cli(args: list[str], stdin: str = "", monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    from shahid.cli import main

    if monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        rc = main(args)
    return rc, out.getvalue(), err.getvalue()


def test_users_review_and_gold_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "cli.db")
    store = open_store(db)
    docs = _ingest(store, REPORTS[:2])
    store.close()
    rc, _, err = _cli(["users", "add", "amal", "--role", "admin", "--db", db], "a long passphrase\n", monkeypatch)
    assert rc == 0 and "added amal (admin)" in err
    rc, _, _ = _cli(["users", "add", "badr", "--role", "reviewer", "--db", db], "another passphrase\n", monkeypatch)
    assert rc == 0
    rc, _, err = _cli(["users", "add", "cyd", "--role", "viewer", "--db", db], "", monkeypatch)
    assert rc == 2 and "no password" in err
    rc, out, _ = _cli(["users", "list", "--db", db, "--json"])
    assert [json.loads(x)["name"] for x in out.splitlines()] == ["amal", "badr"]
    rc, out, _ = _cli(["users", "token", "badr", "--db", db])
    token = out.strip()
    assert rc == 0 and token.startswith("shahid_")
    # a reviewer's token reviews; a wrong password does not
    monkeypatch.setenv("SHAHID_TOKEN", token)
    rc, out, _ = _cli(["review", "reject", f"{docs[1].id}:c2", "background", "--db", db])
    assert rc == 0 and json.loads(out)["key"] == "c2"
    monkeypatch.delenv("SHAHID_TOKEN")
    rc, _, err = _cli(["review", "confirm", f"{docs[1].id}:c1", "--db", db, "--user", "badr"], "wrong\n",
                      monkeypatch)
    assert rc == 2 and "wrong user name or password" in err
    text = docs[1].text
    a = text.index("سراقب")
    rc, out, _ = _cli(["review", "correct", f"{docs[1].id}:c1", "location", "C3916", "--span", f"{a}:{a + 5}",
                       "--db", db, "--user", "badr"], "another passphrase\n", monkeypatch)
    assert rc == 0
    rc, _, err = _cli(["review", "correct", f"{docs[1].id}:c1", "location", "C3916", "--span", f"{a}:{a + 99999}",
                       "--db", db, "--user", "badr"], "another passphrase\n", monkeypatch)
    assert rc == 2 and "not inside the document" in err
    rc, _, _ = _cli(["review", "done", docs[1].id, "--db", db, "--user", "badr"], "another passphrase\n",
                    monkeypatch)
    assert rc == 0
    rc, out, _ = _cli(["review", "queue", "--db", db, "--json"])
    q = json.loads(out)
    assert q["reviewed"] == 2 and q["total"] == 5  # alpha 3 + beta 2
    rc, out, _ = _cli(["review", "log", "--db", db])
    assert [json.loads(x)["action"] for x in out.splitlines()] == ["confirm", "correct", "reject"]
    # a viewer cannot review; a reviewer cannot manage users (the library refuses: see test_accounts)
    rc, _, _ = _cli(["users", "set-role", "badr", "viewer", "--db", db])
    assert rc == 0
    rc, _, err = _cli(["review", "confirm", f"{docs[0].id}:c1", "--db", db, "--user", "badr"],
                      "another passphrase\n", monkeypatch)
    assert rc == 2 and "needs a reviewer" in err
    rc, _, err = _cli(["gold", "export", str(tmp_path / "g"), "--db", db])
    assert rc == 0 and "1 document(s)" in err
    g = json.loads(next((tmp_path / "g").glob("*.gold.json")).read_text(encoding="utf-8"))
    assert [c["event"] for c in g["claims"]] == ["airstrike"]
    assert g["claims"][0]["location"]["names"][0] == "سراقب"
