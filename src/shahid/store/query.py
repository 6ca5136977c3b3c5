"""Reading claims back: filters (event, actor, victim, place, dates, source type, certainty,
words, outlet) and the claim dicts of the contract, with their documents.

Every filter is an indexed column or an EXISTS on an indexed child table, except ``text``,
which scans the normalised evidence (``LIKE``). Results stream in pages (keyset on claims.id).
A field filter selects on the reviewed value where a reviewer corrected the field (:class:`_Reviewed`).
"""

from __future__ import annotations

import calendar
import json
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from shahid.review.overlay import apply_review, not_rejected, overlay_columns, review_of
from shahid.review.schema import claim_reviews
from shahid.store.places import place_match, place_row
from shahid.store.rows import claim_dict, source_key, to_date
from shahid.store.schema import claim_actors, claim_counts, claim_victims, claims, documents, outlets, sources
from shahid.text.normalize import normalize_key

if TYPE_CHECKING:
    from shahid.store.core import Store


def parse_day(value: str | date | None, *, end: bool = False) -> date | None:
    """``2013-02-14`` → that day; ``2013-02`` / ``2013`` → its first day (its last with ``end``)."""
    if value is None or isinstance(value, date):
        return value
    s = value.strip()
    parts = s.split("-")
    try:
        if len(parts) == 3:
            return date.fromisoformat(s)
        y = int(parts[0])
        if len(parts) == 2:
            m = int(parts[1])
            return date(y, m, calendar.monthrange(y, m)[1] if end else 1)
        if len(parts) == 1 and len(s) == 4:
            return date(y, 12, 31) if end else date(y, 1, 1)
    except ValueError:
        pass
    raise ValueError(f"not a date: {value!r} (YYYY-MM-DD, YYYY-MM or YYYY)")


def split_values(values: Sequence[str] | str | None) -> list[str]:
    """Filter values as given (repeated, comma-separated or both) → the list of alternatives."""
    if not values:
        return []
    if isinstance(values, str):
        values = [values]
    return [v.strip() for s in values for v in s.split(",") if v.strip()]


_REVIEWED_CACHE: weakref.WeakKeyDictionary[sa.Engine, tuple[tuple[Any, ...], list[Any]]] = (
    weakref.WeakKeyDictionary())


class _Reviewed:
    """The claims whose fields a reviewer corrected, read once per filter (the overlay is small
    beside the ledger): per field, the claims' row ids with the reviewed value, tested in Python;
    the condition then runs in SQL as ``(machine test AND id NOT IN corrected) OR id IN matching``.
    The rows are kept per engine until the newest log row or claim row id changes."""

    rows: list[tuple[int, dict[str, Any], Any]]

    def __init__(self, conn: sa.Connection) -> None:
        from shahid.review.schema import review_log

        # the overlay changes with a review (a log row) or a re-extraction (new claim row ids)
        stamp = conn.execute(sa.select(sa.select(sa.func.max(review_log.c.id)).scalar_subquery(),
                                       sa.select(sa.func.max(claims.c.id)).scalar_subquery())).one()
        cached = _REVIEWED_CACHE.get(conn.engine)
        if cached is not None and cached[0] == tuple(stamp):
            self.rows = cached[1]
            return
        cr = claim_reviews.c
        q = (
            sa.select(claims.c.id, cr.fields, documents.c.published)
            .select_from(claim_reviews.join(claims, sa.and_(claims.c.doc_id == cr.doc_id, claims.c.key == cr.key))
                         .join(documents, documents.c.id == claims.c.doc_id))
            .where(cr.fields.is_not(None), cr.state.is_not(None))
        )
        self.rows = []
        for r in conn.execute(q):
            fields = json.loads(r.fields) if isinstance(r.fields, str) else r.fields
            if fields:
                self.rows.append((r.id, fields, r))
        _REVIEWED_CACHE[conn.engine] = (tuple(stamp), self.rows)

    def condition(self, field: str, machine: sa.ColumnElement[bool],
                  reviewed: Callable[[Any, Any], bool]) -> sa.ColumnElement[bool]:
        touched = [(i, f[field], r) for i, f, r in self.rows if field in f]
        if not touched:
            return machine
        ids = sorted(i for i, _v, _r in touched)
        hits = sorted(i for i, v, r in touched if reviewed(v, r))
        cond = sa.and_(machine, claims.c.id.not_in(ids))
        return sa.or_(cond, claims.c.id.in_(hits)) if hits else cond


@dataclass(slots=True)
class ClaimFilter:
    """What ``shahid claims`` and ``shahid export`` select. Lists may hold comma-separated values;
    values of one filter are alternatives (OR), different filters all apply (AND)."""

    events: Sequence[str] = ()
    actors: Sequence[str] = ()  # "sy_government" also matches "sy_government/republican_guard"
    victims: Sequence[str] = ()
    place: str | None = None
    since: date | str | None = None  # on event_date: the claim's date, else publication date
    until: date | str | None = None
    source_types: Sequence[str] = ()
    certainties: Sequence[str] = ()
    text: str | None = None  # all these words (normalised) in the evidence
    outlets: Sequence[str] = ()
    doc_ids: Sequence[str] = ()
    row_ids: Sequence[int] = ()  # claim row ids (claims.id)
    located: bool = False  # only claims with coordinates
    engines: Sequence[str] = field(default_factory=tuple)
    rejected: bool = False  # also the claims a reviewer rejected (left out by default)

    def is_empty(self) -> bool:
        return not any(
            (
                self.events,
                self.actors,
                self.victims,
                self.place,
                self.since,
                self.until,
                self.source_types,
                self.certainties,
                self.text,
                self.outlets,
                self.doc_ids,
                self.row_ids,
                self.located,
                self.engines,
            )
        )

    def _reviewable(self) -> bool:
        return any((self.events, self.actors, self.victims, self.place, self.since, self.until, self.source_types,
                    self.certainties))

    def conditions(self, conn: sa.Connection) -> list[sa.ColumnElement[bool]]:
        """WHERE conditions on ``claims`` (joined with ``documents`` and ``outlets``). A filter on
        a field selects on the reviewed value where a reviewer corrected that field."""
        c = claims.c
        out: list[sa.ColumnElement[bool]] = []
        rv = _Reviewed(conn) if self._reviewable() else None

        def on(field: str, machine: sa.ColumnElement[bool], reviewed: Any) -> None:
            """The machine's condition for claims whose ``field`` no reviewer corrected, the
            reviewed value's (``reviewed``: a test on it) for those whose they did."""
            out.append(rv.condition(field, machine, reviewed) if rv is not None else machine)

        if ev := split_values(self.events):
            on("event", c.event.in_(ev), lambda v, _r: v in ev)
        if acts := split_values(self.actors):
            roots = [a for a in acts if "/" not in a]
            exact = [a for a in acts if "/" in a]
            sub = sa.or_(
                *([claim_actors.c.actor_root.in_(roots)] if roots else []),
                *([claim_actors.c.actor.in_(exact)] if exact else []),
            )
            on("perpetrators", sa.exists().where(claim_actors.c.claim_id == c.id, sub),
               lambda v, _r: any((a.get("actor") or "") in exact or (a.get("actor") or "").split("/", 1)[0] in roots
                                 for a in v or ()))
        if vic := split_values(self.victims):
            on("victims", sa.exists().where(claim_victims.c.claim_id == c.id, claim_victims.c.grp.in_(vic)),
               lambda v, _r: any(g.get("group") in vic for g in v or ()))
        if self.place:
            pm = place_match(conn, self.place)
            on("location", pm.sql(), lambda v, _r: pm.matches(place_row(v)))
        if self.since or self.until:
            lo = parse_day(self.since) if self.since else None
            hi = parse_day(self.until, end=True) if self.until else None
            conds = [*([c.event_date >= lo] if lo else []), *([c.event_date <= hi] if hi else [])]

            def in_range(v: Any, r: Any) -> bool:
                day = (to_date(v.get("value")) if v else None) or r.published  # as claims.event_date
                return day is not None and (lo is None or day >= lo) and (hi is None or day <= hi)

            on("date", sa.and_(*conds), in_range)
        if st := split_values(self.source_types):
            on("source", c.source_type.in_(st), lambda v, _r: bool(v) and source_key(v)[1] in st)
        if ce := split_values(self.certainties):
            on("certainty", c.certainty.in_(ce), lambda v, _r: v in ce)
        if self.text:
            for w in normalize_key(self.text).split():
                esc = w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                out.append(c.evidence_norm.like(f"%{esc}%", escape="\\"))
        if outs := split_values(self.outlets):
            out.append(outlets.c.name.in_(outs))
        if self.doc_ids:
            out.append(c.doc_id.in_(list(self.doc_ids)))
        if self.row_ids:
            out.append(c.id.in_([int(i) for i in self.row_ids]))
        if self.located:
            out += [c.lat.is_not(None), c.lon.is_not(None)]
        if eng := split_values(self.engines):
            out.append(c.engine.in_(eng))
        if not self.rejected:
            out.append(not_rejected())
        return out


@dataclass(slots=True)
class ClaimRecord:
    """One stored claim: its contract dict, its document's metadata, its engine and row id."""

    row_id: int
    doc: dict[str, Any]
    claim: dict[str, Any]
    engine: str

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "engine": self.engine, "row_id": self.row_id, **self.claim}


def _base() -> sa.Select:
    return sa.select(
        claims,
        documents.c.title.label("doc_title"),
        documents.c.published.label("doc_published"),
        documents.c.url.label("doc_url"),
        documents.c.lang.label("doc_lang"),
        outlets.c.name.label("outlet_name"),
        sources.c.name.label("source_name"),
        *overlay_columns(),
    ).select_from(
        claims.join(documents, claims.c.doc_id == documents.c.id)
        .outerjoin(outlets, documents.c.outlet_id == outlets.c.id)
        .outerjoin(sources, claims.c.source_id == sources.c.id)
        .outerjoin(claim_reviews, sa.and_(claim_reviews.c.doc_id == claims.c.doc_id,
                                          claim_reviews.c.key == claims.c.key))
    )


def _children(conn: sa.Connection, ids: list[int]) -> tuple[dict[int, list], dict[int, list], dict[int, list]]:
    res: tuple[dict[int, list], dict[int, list], dict[int, list]] = (
        defaultdict(list),
        defaultdict(list),
        defaultdict(list),
    )
    for table, acc in zip((claim_actors, claim_victims, claim_counts), res, strict=True):
        q = sa.select(table).where(table.c.claim_id.in_(ids)).order_by(table.c.claim_id, table.c.pos)
        for r in conn.execute(q):
            acc[r.claim_id].append(r)
    return res


def iter_claims(
    store: Store, flt: ClaimFilter | None = None, *, limit: int | None = None, page: int = 1000, after: int = 0,
    machine: bool = False,
) -> Iterator[ClaimRecord]:
    """Claims matching ``flt`` in storage order, as :class:`ClaimRecord` objects (those with a row id
    above ``after``: keyset pagination), with the reviewers' values
    (``shahid.review.overlay.apply_review``); the machine's alone with ``machine``. Filters select on
    the reviewed values (the machine's where no reviewer corrected the field); rejected claims are
    left out unless ``flt.rejected``."""
    flt = flt or ClaimFilter()
    with store.read() as conn:
        conds = flt.conditions(conn)
    last = int(after or 0)
    left = limit
    while left is None or left > 0:
        n = page if left is None else min(page, left)
        q = _base().where(claims.c.id > last, *conds).order_by(claims.c.id).limit(n)
        with store.read() as conn:
            rows = conn.execute(q).all()
            if not rows:
                return
            acts, vics, cnts = _children(conn, [r.id for r in rows])
        for r in rows:
            doc = {
                "id": r.doc_id,
                "title": r.doc_title,
                "outlet": r.outlet_name,
                "published": r.doc_published.isoformat() if r.doc_published else None,
                "url": r.doc_url,
                "lang": r.doc_lang,
            }
            d = claim_dict(r, r.source_name, acts[r.id], vics[r.id], cnts[r.id])
            if not machine:
                apply_review(d, review_of(r._mapping))
            yield ClaimRecord(r.id, doc, d, r.engine)
        last = rows[-1].id
        if left is not None:
            left -= len(rows)
        if len(rows) < n:
            return


def count_claims(store: Store, flt: ClaimFilter | None = None) -> int:
    flt = flt or ClaimFilter()
    with store.read() as conn:
        conds = flt.conditions(conn)
        q = (
            sa.select(sa.func.count())
            .select_from(
                claims.join(documents, claims.c.doc_id == documents.c.id).outerjoin(
                    outlets, documents.c.outlet_id == outlets.c.id
                )
            )
            .where(*conds)
        )
        return conn.execute(q).scalar_one()


def iter_reports(store: Store, flt: ClaimFilter | None = None) -> Iterator[dict[str, Any]]:
    """Stored documents as ``Report.to_dict()`` dicts (doc, claims, engine), in id order.

    Without a filter every document comes out, claimless ones included; with one, only the
    documents that have a matching claim, with those claims.
    """
    flt = flt or ClaimFilter()
    if flt.is_empty():
        for page in store.iter_documents(batch=200):
            by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for rec in iter_claims(store, ClaimFilter(doc_ids=[d.id for d in page])):
                by_doc[rec.doc["id"]].append(rec.claim)
            for d in page:
                doc = {
                    "id": d.id,
                    "title": d.title,
                    "outlet": d.outlet,
                    "published": d.published,
                    "lang": d.lang,
                }
                if d.url:
                    doc["url"] = d.url
                yield {
                    "doc": doc,
                    "claims": by_doc.get(d.id, []),
                    **({"engine": d.engine} if d.engine else {}),
                }
        return
    current: dict[str, Any] | None = None
    for rec in iter_claims(store, flt):  # a document's claims are stored together, so come together
        if current is None or current["doc"]["id"] != rec.doc["id"]:
            if current is not None:
                yield current
            doc = {k: v for k, v in rec.doc.items() if k != "url" or v}
            current = {"doc": doc, "claims": [], "engine": rec.engine}
        current["claims"].append(rec.claim)
    if current is not None:
        yield current
