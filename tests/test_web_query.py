"""The library's incident query layer (``shahid.link.query``) on SQLite and PostgreSQL, and the
highlight segments the pages are built from."""

from __future__ import annotations

from typing import Any

from shahid.link import query as lq
from shahid.link.store import link_store
from shahid.store import open_store
from shahid.web.highlight import claim_spans, evidence_view, segments
from test_link import _story_docs
from test_link_store import _items


def _python_select(incs: list[dict[str, Any]], flt: lq.IncidentFilter) -> set[str]:
    """What the filter means, in Python over the records (the old CLI's way)."""
    from shahid.link.places import ancestors

    out = set()
    for inc in incs:
        p = inc.get("place") or {}
        if flt.events and inc["event"] not in flt.events:
            continue
        if flt.grades and inc["grade"] not in flt.grades:
            continue
        if flt.min_originators and inc["n_originators"] < flt.min_originators:
            continue
        if flt.actors and not set(flt.actors) & set(inc["perpetrators"]):
            continue
        if flt.outlets and not set(flt.outlets) & set(inc["outlets"]):
            continue
        if flt.originators and not set(flt.originators) & {o["id"] for o in inc["originators"]}:
            continue
        if flt.contested and not inc["contradictions"]:
            continue
        if flt.place:
            ids = lq.place_ids(flt.place)
            pid = p.get("place_id")
            if not (pid and (pid in ids or set(ancestors(pid)) & ids)):
                continue
        out.add(inc["key"])
    return out


def test_filters_facets_and_pages_agree_with_the_records(db_url: str) -> None:
    with open_store(db_url) as store:
        store.add_reports(_items(_story_docs()))
        link_store(store)
        incs = list(lq.iter_incidents(store))
        assert len(incs) >= 3
        a_perp = next(p for i in incs for p in i["perpetrators"])
        a_out = next(o for i in incs for o in i["outlets"])
        a_orig = next(o["id"] for i in incs for o in i["originators"])
        a_place = next(i["place"]["place_id"] for i in incs if (i.get("place") or {}).get("place_id"))
        flts = [lq.IncidentFilter(), lq.IncidentFilter(actors=[a_perp]), lq.IncidentFilter(outlets=[a_out]),
                lq.IncidentFilter(originators=[a_orig]), lq.IncidentFilter(place=a_place),
                lq.IncidentFilter(min_originators=2), lq.IncidentFilter(contested=True),
                lq.IncidentFilter(events=[incs[0]["event"]], grades=[incs[0]["grade"]])]
        for flt in flts:
            want = _python_select(incs, flt)
            page = lq.list_incidents(store, flt, per_page=2)
            assert page.total == len(want) == lq.count_incidents(store, flt), flt
            assert {i["key"] for i in lq.iter_incidents(store, flt)} == want
            assert sum(v["count"] for v in page.facets["event"]) == page.total
            for v in page.facets["actor"]:
                assert v["count"] == len(want & _python_select(incs, lq.IncidentFilter(actors=[v["value"]])))
            if page.total > 2:
                rest = lq.list_incidents(store, flt, page=2, per_page=2)
                assert not {i["key"] for i in page.items} & {i["key"] for i in rest.items}
        by_orig = [i["n_originators"] for i in lq.iter_incidents(store, sort="originators")]
        assert by_orig == sorted(by_orig, reverse=True)
        days = [i["date"] for i in lq.iter_incidents(store, sort="-day") if i["date"]]
        assert days == sorted(days, reverse=True)
        o = lq.overview(store)
        assert o["incidents"] == len(incs) and sum(o["grades"].values()) == len(incs)
        assert lq.get_originator(store, a_orig)["incidents"] == len(_python_select(incs, lq.IncidentFilter(
            originators=[a_orig])))
        # a relink rewrites the index rows (no stale or doubled rows)
        r = link_store(store, full=True)
        assert r.full and lq.list_incidents(store, lq.IncidentFilter(actors=[a_perp])).total == len(
            _python_select(incs, lq.IncidentFilter(actors=[a_perp])))


def test_segments_handle_overlapping_and_nested_spans() -> None:
    text = "abcdefghij"
    segs = segments(text, [(1, 6, "x"), (3, 8, "y"), (4, 5, "z")])
    assert "".join(t for t, _ in segs) == text
    assert segs == [("a", ()), ("bc", ("x",)), ("d", ("x", "y")), ("e", ("x", "y", "z")), ("f", ("x", "y")),
                    ("gh", ("y",)), ("ij", ())]
    # offsets into the document; spans outside the text are clipped or dropped
    assert segments("cdef", [(0, 3, "a"), (5, 9, "b"), (20, 30, "c")], offset=2) == [
        ("c", ("a",)), ("de", ()), ("f", ("b",))]
    assert segments("", [(0, 1, "a")]) == []


def test_evidence_view_labels_each_value() -> None:
    import shahid

    doc = "قصفت طائرات حربية بلدة معرة النعمان ما أسفر عن مقتل 14 مدنيا، بحسب المرصد السوري لحقوق الإنسان."
    claim = shahid.extract("عنوان\n" + doc, published="2013-02-11").to_dict()["claims"][0]
    spans = claim_spans(claim)
    labels = [lab for _, _, lab in spans]
    assert any(lab.startswith("count: killed") for lab in labels)
    assert any(lab.startswith("place: ") for lab in labels)
    v = evidence_view(claim)
    marked = {t: labs for t, labs in v["segments"] if labs}
    assert "14" in "".join(t for t, labs in marked.items() if any(lab.startswith("count") for lab in labs))
    assert "".join(t for t, _ in v["segments"]) == claim["evidence"]["text"]




def test_migration_0003_indexes_a_ledger_linked_before_it(db_url: str) -> None:
    """A ledger linked under 0002, upgraded: the backfill writes exactly the rows the save step writes."""
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from shahid.link.schema import INCIDENT_INDEX_TABLES, link_incidents
    from shahid.store import migrations

    def snapshot(store: Any) -> dict[str, Any]:
        with store.read() as conn:
            out = {t.name: sorted(tuple(str(v) for v in r) for r in conn.execute(sa.select(t)))
                   for t in INCIDENT_INDEX_TABLES}
            out["cols"] = sorted(conn.execute(sa.select(link_incidents.c.key, link_incidents.c.place_key,
                                                        link_incidents.c.n_contradictions)).all())
        return out

    with open_store(db_url) as store:
        store.add_reports(_items(_story_docs()))
        link_store(store)
        written = snapshot(store)
        assert written["link_incident_places"] and written["link_incident_cards"]
        with store.write() as conn:
            cfg = Config()
            cfg.set_main_option("script_location", migrations.SCRIPT_LOCATION)
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0002")
            assert not sa.inspect(conn).has_table("link_incident_cards")
            assert conn.execute(sa.select(sa.func.count()).select_from(link_incidents)).scalar_one() > 0
    with open_store(db_url) as store:  # opening migrates to head
        assert snapshot(store) == written
