"""The store, on SQLite and (with SHAHID_TEST_POSTGRES_URL) PostgreSQL: schema, round trip,
idempotency, filters, re-extraction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from shahid.read import Document
from shahid.store import ClaimFilter, Store, count_claims, iter_claims, open_store, resolve_url
from shahid.store.query import iter_reports, parse_day
from shahid.store.schema import claims, documents, metadata
from test_store_samples import ARTICLES, FAKE_ENGINE, fake_extract


def _docs(published: str = "2013-02-01", outlet: str = "example.org") -> list[Document]:
    return [Document(text=t, outlet=outlet, published=published, origin=f"a{i}.txt") for i, t in enumerate(ARTICLES)]


def _items(docs: list[Document]) -> list[tuple[Document, dict[str, Any]]]:
    return [(d, fake_extract(d.text, d.published, title=d.title, outlet=d.outlet, url=d.url).to_dict()) for d in docs]


@pytest.fixture
def store(db_url: str) -> Store:
    s = open_store(db_url)
    yield s
    s.close()


def test_resolve_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_url(tmp_path / "x.db").render_as_string() == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_url("postgresql://u:p@h:5/db").drivername == "postgresql+psycopg"
    assert resolve_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert resolve_url("postgresql+psycopg2://u@h/db").drivername == "postgresql+psycopg2"
    assert resolve_url("sqlite:///rel.db").database == "rel.db"
    monkeypatch.setenv("SHAHID_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).database == str(tmp_path / "env.db")
    monkeypatch.delenv("SHAHID_DB")
    monkeypatch.chdir(tmp_path)
    assert resolve_url(None).database == str(tmp_path / "shahid.db")
    with pytest.raises(ValueError, match="unsupported database"):
        Store("mysql://u@h/db")


def test_migrated_database_matches_the_schema_and_downgrades(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from shahid.store import migrations

    with store.engine.connect() as conn:
        assert migrations.current_revision(conn) == migrations.HEAD
        assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata) == []
    # downgrade to nothing and back up: the migration is reversible on this backend
    with store.write() as conn:
        migrations.upgrade(conn, "head")  # a no-op at head
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", migrations.SCRIPT_LOCATION)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
        assert not sa.inspect(conn).has_table("claims")
    store.migrate()
    assert store.stats()["documents"] == 0


def test_sqlite_uses_wal(tmp_path: Path) -> None:
    with open_store(tmp_path / "w.db") as s, s.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_round_trip_gives_back_every_field_of_every_claim(store: Store) -> None:
    items = _items(_docs())
    res = store.add_reports(items)
    assert sorted(res.new) == sorted(d.id for d, _ in items) and not res.duplicate and not res.failed
    assert res.claims == sum(len(r["claims"]) for _, r in items) >= len(items)
    back = {r["doc"]["id"]: r for r in iter_reports(store)}
    for doc, rep in items:
        assert back[doc.id] == rep  # the whole Report.to_dict(), extensions (trigger, coord_precision) included
    # spans index the stored text
    with store.read() as conn:
        texts = {r[0]: r[1] for r in conn.execute(sa.select(documents.c.id, documents.c.text))}
    for rec in iter_claims(store):
        ev = rec.claim["evidence"]
        assert texts[rec.doc["id"]][ev["span"][0] : ev["span"][1]] == ev["text"]
        assert rec.engine == FAKE_ENGINE


def test_same_document_twice_is_stored_once_and_an_edited_copy_is_new(store: Store) -> None:
    items = _items(_docs())
    store.add_reports(items)
    before = store.stats()
    res = store.add_reports(items + items[:1])  # again, and twice in one batch
    assert res.new == [] and len(res.duplicate) == len(items) + 1 and res.claims == 0
    assert store.stats() == before
    edited = Document(text=ARTICLES[0] + " ", outlet="example.org", published="2013-02-01")
    res = store.add_reports(_items([edited]))
    assert res.new == [edited.id]
    assert store.stats()["documents"] == before["documents"] + 1


def test_invalid_report_fails_alone_and_the_batch_is_stored(store: Store) -> None:
    items = _items(_docs())
    bad_doc, bad = items[1]
    bad["claims"].append(dict(bad["claims"][0]))  # duplicate claim id
    broken_doc, broken = items[2]
    del broken["claims"][0]["evidence"]
    res = store.add_reports(items)
    assert {d.id for d, _ in res.failed} == {bad_doc.id, broken_doc.id}
    assert "two claims with the id" in dict((d.id, r) for d, r in res.failed)[bad_doc.id]
    assert sorted(res.new) == sorted([items[0][0].id, items[3][0].id])
    assert store.existing_ids([d.id for d, _ in items]) == {items[0][0].id, items[3][0].id}


def test_report_for_another_text_is_refused(store: Store) -> None:
    d1, d2 = _docs()[:2]
    res = store.add_reports([(d1, fake_extract(d2.text).to_dict())])
    assert res.new == [] and "another text" in res.failed[0][1]


def _keys(store: Store, **kw: Any) -> set[tuple[str, str]]:
    return {(r.doc["id"], r.claim["id"]) for r in iter_claims(store, ClaimFilter(**kw))}


def _expect(items: list[tuple[Document, dict[str, Any]]], pred: Any) -> set[tuple[str, str]]:
    return {(d.id, c["id"]) for d, r in items for c in r["claims"] if pred(c, r)}


def test_filters(store: Store) -> None:
    items = _items(_docs(published="2013-02-01")) + _items(
        [Document(text=t + "\n", outlet="other.net", published="2013-03-15") for t in ARTICLES]
    )
    store.add_reports(items)
    every = _expect(items, lambda c, r: True)
    assert _keys(store) == every and count_claims(store) == len(every)

    assert _keys(store, events=["shelling,airstrike"]) == _expect(
        items, lambda c, r: c["event"] in ("shelling", "airstrike")
    )
    roots = lambda c: {a["actor"].split("/")[0] for a in c["perpetrators"]}  # noqa: E731
    assert _keys(store, actors=["sy_government"]) == _expect(items, lambda c, r: "sy_government" in roots(c))
    assert _keys(store, actors=["sy_government/republican_guard"]) == _expect(
        items, lambda c, r: any(a["actor"] == "sy_government/republican_guard" for a in c["perpetrators"])
    )
    assert _keys(store, victims=["children"]) == _expect(
        items, lambda c, r: any(g["group"] == "children" for g in c["victims"])
    )
    assert _keys(store, source_types=["monitor"]) == _expect(
        items, lambda c, r: (c["source"] or {}).get("type") == "monitor"
    )
    assert _keys(store, certainties=["confirmed", "alleged"]) == _expect(
        items, lambda c, r: c["certainty"] in ("confirmed", "alleged")
    )
    assert _keys(store, outlets=["other.net"]) == _expect(items, lambda c, r: r["doc"]["outlet"] == "other.net")
    # dates: the claim's date, else the publication date
    day = lambda c, r: (c["date"] or {}).get("value") or r["doc"]["published"]  # noqa: E731
    assert _keys(store, since="2013-03") == _expect(items, lambda c, r: day(c, r) >= "2013-03-01")
    assert _keys(store, until="2013-02-28") == _expect(items, lambda c, r: day(c, r) <= "2013-02-28")
    assert _keys(store, since="2013-02-01", until="2013-02-01", events=["shelling"]) == _expect(
        items, lambda c, r: day(c, r) == "2013-02-01" and c["event"] == "shelling"
    )
    # words, normalised (hamza, ta marbuta) and all required
    word = next(c["evidence"]["text"].split()[1] for _, r in items for c in r["claims"])
    assert _keys(store, text=word) == _expect(items, lambda c, r: word in c["evidence"]["text"])
    assert _keys(store, text=word + " كلمةغيرموجودة") == set()
    assert _keys(store, located=True) == every
    assert _keys(store, events=["siege"]) == set()
    assert len(list(iter_claims(store, limit=3))) == 3
    assert len(list(iter_claims(store, page=2))) == len(every)  # paging


def test_place_filter_includes_places_inside(store: Store) -> None:
    items = _items(_docs())
    store.add_reports(items)
    loc = lambda c: c["location"] or {}  # noqa: E731
    aleppo = _expect(items, lambda c, r: loc(c).get("admin1") == "Aleppo")
    assert aleppo  # the samples put claims in the governorate SY02 and its district SY0200
    # by admin1, by the governorate's Arabic name (its p-code prefixes its districts'), by p-code
    assert _keys(store, place="Aleppo") == aleppo
    assert _keys(store, place="حلب") == aleppo
    assert _keys(store, place="SY02") == aleppo
    assert _keys(store, place="SY0200") == _expect(items, lambda c, r: loc(c).get("place_id") == "SY0200")
    assert _keys(store, place="جبل سمعان") == _expect(items, lambda c, r: loc(c).get("place_id") == "SY0200")
    assert _keys(store, place="دوما") == _expect(items, lambda c, r: loc(c).get("name") == "دوما")
    assert _keys(store, place="Nowhere") == set()


def test_place_filter_asks_the_gazetteer_when_there_is_one(store: Store) -> None:
    from shahid.store.places import place_condition

    items = _items(_docs())
    store.add_reports(items)

    class Gaz:  # the gazetteer's API: search(name) → places, contains(outer, inner)
        def search(self, name: str) -> list[dict[str, str]]:
            return [{"id": "G-RIF-DIMASHQ", "match": "exact"}] if name == "ريف دمشق" else []

        def contains(self, outer: str, inner: str) -> bool:
            return outer == "G-RIF-DIMASHQ" and inner == "SY0303"

    with store.read() as conn:
        cond = place_condition(conn, "ريف دمشق", Gaz())
        got = {(r[0], r[1]) for r in conn.execute(sa.select(claims.c.doc_id, claims.c.key).where(cond))}
    assert got == _expect(items, lambda c, r: (c["location"] or {}).get("place_id") == "SY0303") != set()


def test_replace_claims_swaps_them_and_records_the_engine(store: Store) -> None:
    items = _items(_docs())
    store.add_reports(items)
    doc, rep = items[0]
    new = dict(rep, engine="fake-engine/2", claims=rep["claims"][:1])
    res = store.replace_claims([(doc.id, new)])
    assert res.new == [doc.id] and res.claims == 1
    back = {r["doc"]["id"]: r for r in iter_reports(store)}
    assert back[doc.id]["claims"] == rep["claims"][:1] and back[doc.id]["engine"] == "fake-engine/2"
    assert back[items[1][0].id] == items[1][1]  # others untouched
    with store.read() as conn:
        n_children = conn.exec_driver_sql(
            "SELECT count(*) FROM claim_actors a JOIN claims c ON c.id = a.claim_id WHERE c.doc_id = "
            + ("?" if store.dialect == "sqlite" else "%s"),
            (doc.id,),
        ).scalar()
    assert n_children == len(rep["claims"][0]["perpetrators"])
    pages = [[d.id for d in page] for page in store.iter_documents(not_engine="fake-engine/2", batch=2)]
    assert sorted(i for p in pages for i in p) == sorted(d.id for d, _ in items[1:])


def test_runs_are_recorded(store: Store) -> None:
    run = store.start_run("ingest", {"paths": ["x"]}, "e/1")
    with store.read() as conn:
        row = conn.exec_driver_sql("SELECT finished_at, args FROM runs").one()
    assert row[0] is None  # an unfinished (or crashed) run shows as such
    store.finish_run(run, {"read": 3, "new": 2, "duplicate": 1, "failed": 0, "skipped": 0, "claims": 5})
    with store.read() as conn:
        row = conn.exec_driver_sql("SELECT finished_at, n_new, n_claims FROM runs").one()
    assert row[0] is not None and (row[1], row[2]) == (2, 5)


def test_parse_day() -> None:
    import datetime as dt

    assert parse_day("2013-02") == dt.date(2013, 2, 1)
    assert parse_day("2013-02", end=True) == dt.date(2013, 2, 28)
    assert parse_day("2012", end=True) == dt.date(2012, 12, 31)
    with pytest.raises(ValueError, match="not a date"):
        parse_day("feb")


def test_place_filter_with_the_shipped_gazetteer(store: Store) -> None:
    """A claim placed at a town (community C1007) is found by the name of its district."""
    geo = pytest.importorskip("shahid.geo")
    if not hasattr(geo, "Gazetteer"):
        pytest.skip("shahid.geo.Gazetteer not there yet")
    gaz = geo.Gazetteer.load()
    town = gaz.get("C1007")
    if town is None or "SY0200" not in town["parent_ids"]:
        pytest.skip("the gazetteer's ids differ from the OCHA p-codes this test expects")
    d = Document(text=ARTICLES[0], published="2013-02-01")
    rep = fake_extract(d.text, d.published).to_dict()
    for c in rep["claims"]:
        c["location"].update(place_id="C1007", name="مدينة", admin1="Aleppo", precision="town")
    store.add_reports([(d, rep)])
    want = {(d.id, c["id"]) for c in rep["claims"]}
    assert _keys(store, place="جبل سمعان") == want  # district → the town inside it
    assert _keys(store, place="SY0200") == want
    assert _keys(store, place="درعا") == set()
