"""Reading linked incidents: filters, sort, pagination, facet counts, and the ledger's other reads
(overview, a document with its claims, a claim, a place, an originator) for the CLI and the web app.

    >>> from shahid.link.query import IncidentFilter, list_incidents
    >>> page = list_incidents(store, IncidentFilter(events=["shelling"], place="حلب", min_originators=2))
    >>> page.total, [i["key"] for i in page.items], page.facets["event"]

Every incident filter is an indexed column of ``link_incidents`` or an EXISTS on one of the
incident index tables (``link_incident_actors`` / ``_places`` / ``_outlets`` / ``_originators``),
which the linker's save step writes beside each incident (:func:`index_rows`) and migration 0003
fills for ledgers linked before it.

A place filter catches the places inside it: an incident's place row set holds its place id and
every id containing it (``shahid.link.places.ancestors``), so ``place=حلب`` (the governorate
SY02, or the city) selects every town of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from shahid.link.schema import (
    link_claims,
    link_copy_pairs,
    link_documents,
    link_incident_actors,
    link_incident_cards,
    link_incident_originators,
    link_incident_outlets,
    link_incident_places,
    link_incidents,
    link_originators,
)
from shahid.store.query import (
    ClaimFilter,
    count_claims,
    iter_claims,
    parse_day,
    split_values,
)
from shahid.store.schema import claims, documents, outlets, runs
from shahid.text.normalize import normalize_key

if TYPE_CHECKING:
    from shahid.store.core import Store

GRADES = ("single_source", "corroborated", "contested")
SORTS = {
    "day": "oldest first (undated last)",
    "-day": "newest first",
    "originators": "most independent originators first",
    "documents": "most documents first",
    "killed": "highest best killed figure first",
}


# -- the index rows the linker writes beside an incident -------------------------------------------


def killed(record: dict[str, Any]) -> tuple[int | None, int | None, int | None]:
    """The incident's killed low/best/high as the ACLED export gives them (``fatalities``: the
    everyone or civilians count first); Nones when no killed count was stated."""
    from shahid.link.export import _killed

    k = _killed(record) if record.get("counts") else None
    if not k:
        return None, None, None

    def n(v: Any) -> int | None:
        return int(v) if isinstance(v, int | float) else None

    return n(k.get("low")), n(k.get("best")), n(k.get("high"))


def card(record: dict[str, Any]) -> dict[str, Any]:
    """The incident as a list shows it: its record without the claims and merges."""
    return {k: v for k, v in record.items() if k not in ("claims", "merges", "id")}


def index_columns(record: dict[str, Any]) -> dict[str, Any]:
    """The filter columns of ``link_incidents`` that 0003 added, from an incident record."""
    p = record.get("place") or {}
    return {"place_key": normalize_key(p["name"]) if p.get("name") else None,
            "n_contradictions": len(record.get("contradictions") or ())}


def index_rows(incident_id: int, record: dict[str, Any]) -> dict[sa.Table, list[dict[str, Any]]]:
    """The rows of the incident index tables for one incident record."""
    from shahid.link.places import ancestors

    p = record.get("place") or {}
    pid = p.get("place_id")
    places = [pid, *ancestors(pid)] if pid else []
    low, best, high = killed(record)
    day = date.fromisoformat(record["date"]) if record.get("date") else None
    return {
        link_incident_cards: [{"incident_id": incident_id, "day": day, "killed_low": low, "killed_best": best,
                               "killed_high": high, "card": card(record)}],
        link_incident_actors: [{"incident_id": incident_id, "actor": a}
                               for a in dict.fromkeys(record.get("perpetrators") or ())],
        link_incident_places: [{"incident_id": incident_id, "place_id": x} for x in dict.fromkeys(places)],
        link_incident_outlets: [{"incident_id": incident_id, "outlet": o}
                                for o in dict.fromkeys(record.get("outlets") or ())],
        link_incident_originators: [{"incident_id": incident_id, "originator": o["id"]}
                                    for o in {o["id"]: o for o in record.get("originators") or ()}.values()],
    }


def write_index(conn: sa.Connection, incidents: Sequence[tuple[int, dict[str, Any]]]) -> None:
    """Insert the index rows of ``(incident id, record)`` pairs (their old rows must be gone)."""
    acc: dict[sa.Table, list[dict[str, Any]]] = {}
    for iid, rec in incidents:
        for t, rows in index_rows(iid, rec).items():
            acc.setdefault(t, []).extend(rows)
    for t, rows in acc.items():
        if rows:
            conn.execute(t.insert(), rows)


# -- the filter ------------------------------------------------------------------------------------



@lru_cache(maxsize=512)
def place_ids(name: str) -> frozenset[str]:
    """The place ids ``name`` may mean: itself (an id) and every gazetteer place of that name."""
    from shahid.geo.gazetteer import Gazetteer, script_language

    ids = {name.strip()}
    try:
        gaz = Gazetteer.load(lang=script_language(name))  # "Aleppo" among the English names, "حلب" the Arabic
    except Exception:  # pragma: no cover - no gazetteer: ids and names only
        gaz = None
    if gaz is not None:
        try:
            ids |= {str(m["id"]) for m in gaz.search(name) if m.get("id")}
        except Exception:  # pragma: no cover
            pass
    return frozenset(ids)


@dataclass(slots=True)
class IncidentFilter:
    """What ``shahid incidents`` / ``export-incidents`` and ``/incidents`` select. Lists may hold
    comma-separated values: values of one filter are alternatives (OR), filters all apply (AND)."""

    events: Sequence[str] = ()
    actors: Sequence[str] = ()  # perpetrator roots (--perpetrator)
    place: str | None = None  # a name or id; catches the places inside it
    since: date | str | None = None  # on the incident's day
    until: date | str | None = None
    grades: Sequence[str] = ()
    min_documents: int = 0
    min_originators: int = 0
    originators: Sequence[str] = ()
    outlets: Sequence[str] = ()
    contested: bool = False  # only incidents with a contradiction (denial, disputed blame, conflicting counts)
    keys: Sequence[str] = field(default_factory=tuple)

    def validate(self) -> None:
        """Raise ValueError for an unknown grade or a bad date."""
        bad = [g for g in split_values(self.grades) if g not in GRADES]
        if bad:
            raise ValueError(f"unknown grade {bad[0]!r}: one of {', '.join(GRADES)}")
        parse_day(self.since)
        parse_day(self.until, end=True)

    def conditions(self) -> list[sa.ColumnElement[bool]]:
        t = link_incidents.c
        out: list[sa.ColumnElement[bool]] = []
        if ev := split_values(self.events):
            out.append(t.event.in_(ev))
        if gr := split_values(self.grades):
            out.append(t.grade.in_(gr))
        if self.since:
            out.append(t.day >= parse_day(self.since))
        if self.until:
            out.append(t.day <= parse_day(self.until, end=True))
        if self.min_documents:
            out.append(t.n_documents >= int(self.min_documents))
        if self.min_originators:
            out.append(t.n_originators >= int(self.min_originators))
        if self.contested:
            out.append(t.n_contradictions > 0)
        if ks := split_values(self.keys):
            out.append(t.key.in_(ks))
        # uncorrelated IN (subquery) on the indexed value columns: one index lookup, not one per incident
        for table, col, values in ((link_incident_actors, "actor", split_values(self.actors)),
                                   (link_incident_outlets, "outlet", split_values(self.outlets)),
                                   (link_incident_originators, "originator", split_values(self.originators))):
            if values:
                out.append(t.id.in_(sa.select(table.c.incident_id).where(table.c[col].in_(values))))
        if self.place and self.place.strip():
            ids = sorted(place_ids(self.place.strip()))
            lp = link_incident_places.c
            by_name = sa.select(link_incidents.c.id).where(link_incidents.c.place_key == normalize_key(self.place))
            out.append(t.id.in_(sa.union(sa.select(lp.incident_id).where(lp.place_id.in_(ids)), by_name)))
        return out

    def params(self) -> dict[str, Any]:
        """The filter as query parameters (the CLI's option names), empty ones left out."""
        out: dict[str, Any] = {}
        for name, v in (("event", split_values(self.events)), ("actor", split_values(self.actors)),
                        ("grade", split_values(self.grades)), ("originator", split_values(self.originators)),
                        ("outlet", split_values(self.outlets))):
            if v:
                out[name] = ",".join(v)
        if self.place:
            out["place"] = self.place
        if self.since:
            out["since"] = str(self.since)
        if self.until:
            out["until"] = str(self.until)
        if self.min_documents:
            out["min_documents"] = int(self.min_documents)
        if self.min_originators:
            out["min_originators"] = int(self.min_originators)
        if self.contested:
            out["contested"] = 1
        return out


def _order(q: sa.Select, sort: str) -> sa.Select:
    t = link_incidents.c
    undated_last = sa.case((t.day.is_(None), 1), else_=0)  # SQLite sorts NULL first, PostgreSQL last
    if sort == "-day":
        return q.order_by(undated_last, t.day.desc(), t.key)
    if sort == "originators":
        return q.order_by(t.n_originators.desc(), undated_last, t.day, t.key)
    if sort == "documents":
        return q.order_by(t.n_documents.desc(), undated_last, t.day, t.key)
    if sort == "killed":
        k = link_incident_cards.c.killed_best
        return q.order_by(sa.case((k.is_(None), 1), else_=0), k.desc(), undated_last, t.day, t.key)
    if sort != "day":
        raise ValueError(f"unknown sort {sort!r}: one of {', '.join(SORTS)}")
    return q.order_by(undated_last, t.day, t.key)


def _record(rec: Any) -> dict[str, Any]:
    return rec if isinstance(rec, dict) else json.loads(rec)


def iter_incidents(store: Store, flt: IncidentFilter | None = None, *, sort: str = "day",
                   limit: int | None = None, offset: int = 0, cards: bool = False) -> Iterator[dict[str, Any]]:
    """Incident records (JSON-ready dicts with ``id``) matching ``flt``, in ``sort`` order; with
    ``cards`` the records without their claims and merges (read from the narrow card table)."""
    from shahid.link.store import ensure_schema

    ensure_schema(store)
    flt = flt or IncidentFilter()
    t = link_incidents.c
    if cards or sort == "killed":
        body = link_incident_cards.c.card if cards else t.record
        q = sa.select(t.id, body).select_from(
            link_incidents.join(link_incident_cards, link_incident_cards.c.incident_id == t.id))
    else:
        q = sa.select(t.id, t.record)
    q = _order(q.where(*flt.conditions()), sort)
    if limit is not None:
        q = q.limit(limit)
    if offset:
        q = q.offset(offset)
    with store.read() as conn:
        for i, rec in conn.execute(q):
            yield {"id": i, **_record(rec)}


def count_incidents(store: Store, flt: IncidentFilter | None = None) -> int:
    flt = flt or IncidentFilter()
    with store.read() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(link_incidents)
                            .where(*flt.conditions())).scalar_one()


FACETS = ("event", "grade", "actor", "place", "originator", "outlet")


def facets(store: Store, flt: IncidentFilter | None = None, *, size: int = 12) -> dict[str, list[dict[str, Any]]]:
    """Datasette-style facet counts of the filtered set: for each facet, its values by number of
    matching incidents (most first, at most ``size``). ``place`` counts governorates (with their
    gazetteer name as ``label``), the incidents there or inside."""
    flt = flt or IncidentFilter()
    t = link_incidents.c
    conds = flt.conditions()
    ids = sa.select(t.id).where(*conds)

    def within(col: Any) -> list[sa.ColumnElement[bool]]:
        return [col.in_(ids)] if conds else []

    n = sa.func.count().label("n")
    queries = {
        "event": sa.select(t.event.label("v"), n).where(*conds).group_by(t.event),
        "grade": sa.select(t.grade.label("v"), n).where(*conds).group_by(t.grade),
    }
    for name, table, col in (("actor", link_incident_actors, "actor"),
                             ("originator", link_incident_originators, "originator"),
                             ("outlet", link_incident_outlets, "outlet")):
        c = table.c[col]
        queries[name] = sa.select(c.label("v"), n).where(*within(table.c.incident_id)).group_by(c)
    lp = link_incident_places.c  # governorates: the p-codes of two letters and two digits (SY02)
    queries["place"] = (sa.select(lp.place_id.label("v"), n)
                        .where(*within(lp.incident_id), sa.func.length(lp.place_id) == 4,
                               lp.place_id.not_like("%-%"))
                        .group_by(lp.place_id))
    out: dict[str, list[dict[str, Any]]] = {}
    with store.read() as conn:
        for name in FACETS:
            q = queries[name].order_by(sa.desc("n"), sa.asc("v")).limit(size)
            out[name] = [{"value": v, "count": int(c)} for v, c in conn.execute(q) if v is not None]
    for v in out["place"]:
        v["label"] = place_name(v["value"])
    return out


@lru_cache(maxsize=4096)
def place_name(place_id: str) -> str | None:
    """The gazetteer's name of a place id (None when it does not know it)."""
    from shahid.link.places import _gazetteer

    try:
        d = _gazetteer().get(place_id)
    except Exception:  # pragma: no cover
        return None
    return d.get("name") if d else None


@dataclass(slots=True)
class IncidentPage:
    items: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    facets: dict[str, list[dict[str, Any]]]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def list_incidents(store: Store, flt: IncidentFilter | None = None, *, sort: str = "day", page: int = 1,
                   per_page: int = 50, with_facets: bool = True) -> IncidentPage:
    """One page of the filtered incidents (records without their claims and merges), the total
    and the facet counts."""
    flt = flt or IncidentFilter()
    page = max(1, int(page))
    items = list(iter_incidents(store, flt, sort=sort, limit=per_page, offset=(page - 1) * per_page, cards=True))
    return IncidentPage(items, count_incidents(store, flt), page, per_page,
                        facets(store, flt) if with_facets else {})


def timeline(store: Store, flt: IncidentFilter | None = None) -> list[dict[str, Any]]:
    """Per day of the filtered (dated) incidents: how many, and their killed low/best/high summed
    (each incident's killed figures as the ACLED export gives them).

    A simple implementation of the contract with the map/timeline front end; undated incidents
    are left out."""
    flt = flt or IncidentFilter()
    t, c = link_incidents.c, link_incident_cards.c
    q = (sa.select(c.day, sa.func.count(), sa.func.coalesce(sa.func.sum(c.killed_low), 0),
                   sa.func.coalesce(sa.func.sum(c.killed_best), 0), sa.func.coalesce(sa.func.sum(c.killed_high), 0))
         .where(c.day.is_not(None)).group_by(c.day).order_by(c.day))
    conds = flt.conditions()
    if conds:
        q = q.where(c.incident_id.in_(sa.select(t.id).where(*conds)))
    with store.read() as conn:
        return [{"day": d.isoformat(), "incidents": int(n), "killed_low": int(lo), "killed_best": int(b),
                 "killed_high": int(h)} for d, n, lo, b, h in conn.execute(q)]


def features(store: Store, flt: IncidentFilter | None = None) -> dict[str, Any]:
    """The filtered incidents that have coordinates as a GeoJSON FeatureCollection (properties as
    :func:`shahid.link.export.incident_feature`), from the columns alone."""
    flt = flt or IncidentFilter()
    t, c = link_incidents.c, link_incident_cards.c
    q = (sa.select(t.key, t.event, t.day, t.place_name, t.place_id, t.precision, t.lat, t.lon, t.grade,
                   t.n_originators, c.killed_best)
         .select_from(link_incidents.outerjoin(link_incident_cards, c.incident_id == t.id))
         .where(t.lat.is_not(None), t.lon.is_not(None), *flt.conditions()))
    q = _order(q, "day")  # as iter_incidents: undated last on every backend
    feats = []
    with store.read() as conn:
        for r in conn.execute(q):
            feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
                          "properties": {"key": r.key, "url": f"/incidents/{r.key}", "event": r.event,
                                         "best": r.killed_best, "place": r.place_name, "place_id": r.place_id,
                                         "precision": r.precision, "date": r.day.isoformat() if r.day else None,
                                         "grade": r.grade, "n_originators": r.n_originators}})
    return {"type": "FeatureCollection", "features": feats}


# -- one incident ------------------------------------------------------------------------------------


def get_incident(store: Store, ident: str) -> dict[str, Any] | None:
    """One incident record by key (or numeric id)."""
    from shahid.link.store import get_incident as _get

    return _get(store, ident)


def claims_by_row(store: Store, row_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Stored claims (contract dicts with spans, plus ``doc``) by claim row id."""
    out: dict[int, dict[str, Any]] = {}
    ids = sorted({int(r) for r in row_ids if r is not None})
    for i in range(0, len(ids), 500):
        for rec in iter_claims(store, ClaimFilter(row_ids=ids[i:i + 500], rejected=True)):  # a rejected one says so
            out[rec.row_id] = {"row_id": rec.row_id, "doc": rec.doc, **rec.claim}
    return out


def copies_of(store: Store, doc_ids: Sequence[str]) -> dict[str, str]:
    """For each of ``doc_ids`` that is a copy: the first document of its copy group."""
    ld = link_documents.c
    out: dict[str, str] = {}
    with store.read() as conn:
        for d, o in conn.execute(sa.select(ld.doc_id, ld.origin).where(ld.doc_id.in_(list(doc_ids)),
                                                                       ld.origin != ld.doc_id)):
            out[d] = o
    return out


# -- the ledger, documents, claims, places, originators --------------------------------------------


def overview(store: Store) -> dict[str, Any]:
    """The ledger at a glance: counts, publication date range, incident day range, the last run."""
    from shahid.link.store import ensure_schema

    ensure_schema(store)
    d, t = documents.c, link_incidents.c
    with store.read() as conn:
        one = conn.execute(sa.select(sa.func.count(), sa.func.min(d.published), sa.func.max(d.published))
                           .select_from(documents)).one()
        inc = conn.execute(sa.select(sa.func.count(), sa.func.min(t.day), sa.func.max(t.day))).one()
        by_grade = dict(conn.execute(sa.select(t.grade, sa.func.count()).group_by(t.grade)).all())
        n_claims = conn.execute(sa.select(sa.func.count()).select_from(claims)).scalar_one()
        n_outlets = conn.execute(sa.select(sa.func.count()).select_from(outlets)).scalar_one()
        n_linked = conn.execute(sa.select(sa.func.count()).select_from(link_documents)).scalar_one()
        n_copies = conn.execute(sa.select(sa.func.count()).select_from(link_copy_pairs)).scalar_one()
        run = conn.execute(sa.select(runs).order_by(runs.c.id.desc()).limit(1)).first()
    last = None
    if run is not None:
        last = {"command": run.command, "engine": run.engine,
                "started_at": run.started_at.isoformat() if run.started_at else None,
                "finished_at": run.finished_at.isoformat() if run.finished_at else None,
                "read": run.n_read, "new": run.n_new, "duplicate": run.n_duplicate, "failed": run.n_failed,
                "claims": run.n_claims}
    return {
        "documents": one[0], "claims": n_claims, "incidents": inc[0], "outlets": n_outlets,
        "linked_documents": n_linked, "copy_pairs": n_copies,
        "published_from": one[1].isoformat() if one[1] else None,
        "published_to": one[2].isoformat() if one[2] else None,
        "incident_from": inc[1].isoformat() if inc[1] else None,
        "incident_to": inc[2].isoformat() if inc[2] else None,
        "grades": {g: int(by_grade.get(g, 0)) for g in GRADES},
        "last_run": last,
    }


def is_empty(store: Store) -> bool:
    """No document in the ledger yet."""
    with store.read() as conn:
        return conn.execute(sa.select(documents.c.id).limit(1)).first() is None


def get_document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A stored document: its metadata and text, its claims (with spans), the incident each claim
    joined, and the document it is a copy of."""
    d = documents.c
    with store.read() as conn:
        r = conn.execute(sa.select(d.id, d.title, d.url, d.published, d.lang, d.text, d.engine, d.n_claims,
                                   outlets.c.name.label("outlet"))
                         .select_from(documents.outerjoin(outlets, d.outlet_id == outlets.c.id))
                         .where(d.id == doc_id)).first()
        if r is None:
            return None
        joined = {cid: (key, event) for cid, key, event in conn.execute(
            sa.select(link_claims.c.claim_id, link_incidents.c.key, link_incidents.c.event)
            .select_from(link_claims.join(link_incidents, link_claims.c.incident_id == link_incidents.c.id))
            .where(link_claims.c.doc_id == doc_id))}
        copy_rows = conn.execute(sa.select(link_copy_pairs).where(
            sa.or_(link_copy_pairs.c.doc_a == doc_id, link_copy_pairs.c.doc_b == doc_id))).all()
    cl = []
    for rec in iter_claims(store, ClaimFilter(doc_ids=[doc_id])):
        key = joined.get(rec.row_id)
        cl.append({"row_id": rec.row_id, **rec.claim,
                   "incident": {"key": key[0], "event": key[1]} if key else None})
    return {
        "id": r.id, "title": r.title, "url": r.url, "published": r.published.isoformat() if r.published else None,
        "lang": r.lang, "outlet": r.outlet, "engine": r.engine, "text": r.text, "claims": cl,
        "copies": [{"doc_id": x.doc_b if x.doc_a == doc_id else x.doc_a, "jaccard": round(x.jaccard, 3),
                    "containment": round(x.containment, 3)} for x in copy_rows],
        "copy_of": copies_of(store, [doc_id]).get(doc_id),
    }


def get_claim(store: Store, row_id: int) -> dict[str, Any] | None:
    """One stored claim by row id, with its document and the incident it joined (and originator)."""
    got = claims_by_row(store, [row_id])
    c = got.get(int(row_id))
    if c is None:
        return None
    with store.read() as conn:
        r = conn.execute(sa.select(link_claims.c.originator, link_claims.c.originator_via, link_incidents.c.key,
                                   link_incidents.c.event)
                         .select_from(link_claims.outerjoin(link_incidents,
                                                            link_claims.c.incident_id == link_incidents.c.id))
                         .where(link_claims.c.claim_id == int(row_id))).first()
    c["incident"] = {"key": r.key, "event": r.event} if r is not None and r.key else None
    c["originator"] = {"id": r.originator, "via": r.originator_via} if r is not None else None
    return c


@dataclass(slots=True)
class ClaimPage:
    items: list[dict[str, Any]]
    total: int
    after: int  # the row id this page starts after
    next_after: int | None  # where the next page starts, None at the end


def list_claims(store: Store, flt: ClaimFilter | None = None, *, after: int = 0, per_page: int = 50) -> ClaimPage:
    """One page of the filtered claims in storage order (keyset: the row ids after ``after``)."""
    flt = flt or ClaimFilter()
    items = [{"row_id": r.row_id, "doc": r.doc, **r.claim}
             for r in iter_claims(store, flt, limit=per_page + 1, after=after)]
    nxt = items[per_page - 1]["row_id"] if len(items) > per_page else None
    return ClaimPage(items[:per_page], count_claims(store, flt), after, nxt)


def get_place(store: Store, place_id: str) -> dict[str, Any]:
    """What the gazetteer says of a place (when it knows it) and how many incidents lie there or
    inside it."""
    from shahid.link.places import _gazetteer, ancestors

    info: dict[str, Any] | None = None
    try:
        info = _gazetteer().get(place_id)
    except Exception:  # pragma: no cover
        info = None
    with store.read() as conn:
        n = conn.execute(sa.select(sa.func.count()).select_from(link_incident_places)
                         .where(link_incident_places.c.place_id == place_id)).scalar_one()
        name = conn.execute(sa.select(link_incidents.c.place_name).where(link_incidents.c.place_id == place_id)
                            .limit(1)).scalar()
    out = {"place_id": place_id, "name": (info or {}).get("name") or name, "known": info is not None,
           "incidents": int(n), "ancestors": list(ancestors(place_id))}
    if info:
        for k in ("name_en", "kind", "precision", "lat", "lon", "population", "admin1"):
            if info.get(k) is not None:
                out[k] = info[k]
    return out


def get_originator(store: Store, originator: str) -> dict[str, Any] | None:
    """An originator (who first said it: an agency, a monitor, a government), its claims and
    incidents, and the outlets that carried it."""
    o = link_originators.c
    with store.read() as conn:
        r = conn.execute(sa.select(o.id, o.name, o.kind).where(o.id == originator)).first()
        if r is None:
            return None
        n_claims = conn.execute(sa.select(sa.func.count()).where(link_claims.c.originator == originator)
                                ).scalar_one()
        outs = [{"value": v, "count": int(c)} for v, c in conn.execute(
            sa.select(outlets.c.name, sa.func.count()).select_from(
                link_claims.join(documents, link_claims.c.doc_id == documents.c.id)
                .join(outlets, documents.c.outlet_id == outlets.c.id))
            .where(link_claims.c.originator == originator).group_by(outlets.c.name)
            .order_by(sa.func.count().desc(), outlets.c.name).limit(20))]
    return {"id": r.id, "name": r.name, "kind": r.kind, "claims": int(n_claims),
            "incidents": count_incidents(store, IncidentFilter(originators=[originator])), "outlets": outs}
