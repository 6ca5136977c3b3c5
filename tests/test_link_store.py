"""Linking a ledger: ``link_store`` incremental = batch, the link tables' migration, the commands."""

from __future__ import annotations

import csv
import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from shahid.link.engine import DocInput
from shahid.link.store import get_incident, iter_incidents, link_store
from shahid.read.document import Document
from shahid.store import Store, open_store
from test_link import _story_docs


def _items(docs: list[DocInput]) -> list[tuple[Document, dict[str, Any]]]:
    """Ledger documents and reports for the hand-made linking documents."""
    out = []
    for d in docs:
        meta = {"timestamp": d.info.stamp}
        doc = Document(text=d.text, title=None, outlet=d.info.outlet, published=d.info.published,
                       origin=d.info.id, meta=meta)
        claims = [c for _, c in d.claims]
        out.append((doc, {"doc": {"id": doc.id, "title": None, "outlet": d.info.outlet,
                                  "published": d.info.published, "lang": "ar"},
                          "claims": claims, "engine": "test"}))
    return out


def _incidents(store: Store) -> set[tuple[Any, ...]]:
    """Incidents as (members by document text id and claim id, grade, originators, counts)."""
    out = set()
    for inc in iter_incidents(store):
        members = tuple(sorted((c["doc_id"], c["claim_id"]) for c in inc["claims"]))
        counts = tuple((c["kind"], c["group"], c["low"], c["best"], c["high"]) for c in inc["counts"])
        out.add((members, inc["grade"], tuple(sorted(o["id"] for o in inc["originators"])), counts, inc["key"]))
    return out


@pytest.fixture
def docs() -> list[DocInput]:
    return _story_docs()


def test_link_store_incremental_equals_batch(tmp_path: Path, db_url: str, docs: list[DocInput]) -> None:
    items = _items(docs)
    with open_store(tmp_path / "batch.db") as batch:
        batch.add_reports(items)
        r = link_store(batch)
        assert r.documents == len(items) and not r.full
        expected = _incidents(batch)
        assert r.incidents == len(expected) and r.copy_groups == 1 and r.copies == 3
    n_claims = sum(len(d.claims) for d in docs)
    assert r.claims == n_claims  # the claims of the documents linked, whatever the batch size
    with open_store(tmp_path / "small.db") as small:
        small.add_reports(items)
        assert link_store(small, batch=2).claims == n_claims
    with open_store(db_url) as inc:  # SQLite, and PostgreSQL when a test server is there
        # late arrivals first, the agency's earliest copy last; three runs, small batches
        order = items[::-1]
        for part in (order[:3], order[3:7], order[7:]):
            inc.add_reports(part)
            link_store(inc, batch=2)
        assert _incidents(inc) == expected
        again = link_store(inc)
        assert again.documents == 0 and again.incidents == len(expected)
        # a different window relinks everything, and back
        wide = link_store(inc, window_days=4)
        assert wide.full and wide.incidents < len(expected)
        assert link_store(inc).full and _incidents(inc) == expected


def test_link_tables_follow_their_migration(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import shahid.link.schema as link_schema

    with open_store(tmp_path / "m.db") as store:
        link_store(store)  # creates the tables on a ledger that predates them, if needed
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                    link_schema.metadata)
        link_diff = [d for d in diff if "link_" in repr(d)]
        assert link_diff == []
        with store.read() as conn:
            assert sa.inspect(conn).has_table("link_incidents")


def test_reextracted_documents_are_relinked(tmp_path: Path, docs: list[DocInput]) -> None:
    items = _items(docs)
    with open_store(tmp_path / "r.db") as store:
        store.add_reports(items)
        link_store(store)
        before = _incidents(store)
        doc, rep = items[4]
        store.replace_claims([(doc.id, {**rep, "engine": "test-2"})])
        r = link_store(store)
        assert r.full
        assert {x[:4] for x in _incidents(store)} == {x[:4] for x in before}


def _run(*argv: str) -> tuple[int, str, str]:
    from shahid.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_commands(tmp_path: Path, docs: list[DocInput]) -> None:
    db = str(tmp_path / "cli.db")
    with open_store(db) as store:
        store.add_reports(_items(docs))
    code, out, err = _run("link", "--db", db, "--json")
    assert code == 0 and "copy group" in err
    figures = json.loads(out)
    assert figures["documents"] == len(docs) and figures["copy_groups"] == 1

    code, out, err = _run("incidents", "--db", db, "--format", "json", "--min-originators", "2")
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and len(rows) == 1
    (top,) = rows
    assert top["grade"] == "contested" and "claims" not in top
    code, out, _ = _run("incidents", "--db", db, "--place", "حلب", "--originator", "sohr")
    assert code == 0 and top["key"] in out
    code, out, _ = _run("incidents", "--db", db, "--place", "دمشق")
    assert code == 0 and top["key"] not in out and "bombing" in out

    code, out, _ = _run("incident", top["key"], "--db", db)
    assert code == 0
    assert "grade: contested" in out and "denial" in out and "Syrian Observatory for Human Rights" in out
    assert "joined with" in out and "المرصد السوري لحقوق الانسان" in out
    code, _, err = _run("incident", "nosuchkey", "--db", db)
    assert code == 2 and "no incident" in err

    target = tmp_path / "incidents.csv"
    code, _, err = _run("export-incidents", "--db", db, "--format", "acled-csv", "-o", str(target))
    assert code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    assert len(rows) == figures["incidents"]
    import pandas as pd

    df = pd.read_csv(target, encoding="utf-8-sig", keep_default_na=False, dtype={"iso": "Int64"},
                     na_values={c: [""] for c in ("iso", "fatalities", "latitude", "longitude")})
    located = df[df["location"] != ""]
    assert set(located["country"]) == {"Syria"} and set(located["iso"]) == {760}
    assert located["event_id_cnty"].str.startswith("SYR-I").all()
    assert str(df["fatalities"].dtype) in ("Int64", "int64", "float64")
    row = next(r for r in rows if r["incident_key"] == top["key"])
    assert row["event_type"] == "Explosions/Remote violence" and row["fatalities"] == "12"
    assert "Syrian Observatory for Human Rights" in row["notes"] and "14 by sohr" in row["notes"]
    assert "Denial" in row["notes"] and row["grade"] == "contested"
    code, out, _ = _run("export-incidents", "--db", db, "--format", "json", "--grade", "contested")
    assert code == 0 and [json.loads(x)["key"] for x in out.splitlines()] == [top["key"]]
    assert get_incident(open_store(db), top["key"])["n_originators"] == top["n_originators"]


def test_undated_incidents_are_listed_after_dated_ones(tmp_path: Path, db_url: str,
                                                      docs: list[DocInput]) -> None:
    from shahid.link.store import link_incidents

    with open_store(db_url) as store:
        store.add_reports(_items(docs))
        link_store(store)
        with store.engine.begin() as conn:  # one incident loses its day
            first = conn.execute(sa.select(link_incidents.c.id).order_by(link_incidents.c.day)).scalar()
            conn.execute(sa.update(link_incidents).where(link_incidents.c.id == first).values(day=None))
        ids = [inc["id"] for inc in iter_incidents(store)]
        assert len(ids) > 1 and ids[-1] == first
        # by originators, the undated one is still after every dated one with as many originators
        recs = list(iter_incidents(store, order="originators"))
        mine = next(r for r in recs if r["id"] == first)
        same = [r["id"] for r in recs if r["grade"] == mine["grade"] and
                len(r["originators"]) == len(mine["originators"])]
        assert same[-1] == first


def test_a_document_with_no_date_makes_an_undated_incident_listed_last(tmp_path: Path, db_url: str,
                                                                        docs: list[DocInput]) -> None:
    from shahid.link.claims import DocInfo
    from test_link import ALEPPO, claim

    t = "وقال ناشطون ان قصفا استهدف احياء في مدينة حلب."
    undated = DocInput(DocInfo(id="u1", outlet="موقع كاف"), t, [(None, claim(t, "c0", "shelling", t, place=ALEPPO))])
    with open_store(db_url) as store:
        store.add_reports(_items([undated, *docs]))
        link_store(store)
        days = [inc["date"] for inc in iter_incidents(store)]
        assert len(days) > 2 and days[-1] is None and None not in days[:-1]
        by_sources = [(inc["n_originators"], inc["date"]) for inc in iter_incidents(store, order="originators")]
        undated_at = [i for i, (_, d) in enumerate(by_sources) if d is None]
        assert all(by_sources[i + 1][0] < by_sources[i][0] for i in undated_at if i + 1 < len(by_sources))
