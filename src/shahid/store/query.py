"""Reading claims back: filters (event, actor, victim, place, dates, source type, certainty,
words, outlet) and the claim dicts of the contract, with their documents.

Every filter is an indexed column or an EXISTS on an indexed child table, except ``text``,
which scans the normalised evidence (``LIKE``). Results stream in pages (keyset on claims.id).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from shahid.review.overlay import apply_review, not_rejected, overlay_columns, review_of
from shahid.review.schema import claim_reviews
from shahid.store.places import place_condition
from shahid.store.rows import claim_dict
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

    def conditions(self, conn: sa.Connection) -> list[sa.ColumnElement[bool]]:
        c = claims.c
        out: list[sa.ColumnElement[bool]] = []
        if ev := split_values(self.events):
            out.append(c.event.in_(ev))
        if acts := split_values(self.actors):
            roots = [a for a in acts if "/" not in a]
            exact = [a for a in acts if "/" in a]
            sub = sa.or_(
                *([claim_actors.c.actor_root.in_(roots)] if roots else []),
                *([claim_actors.c.actor.in_(exact)] if exact else []),
            )
            out.append(sa.exists().where(claim_actors.c.claim_id == c.id, sub))
        if vic := split_values(self.victims):
            out.append(sa.exists().where(claim_victims.c.claim_id == c.id, claim_victims.c.grp.in_(vic)))
        if self.place:
            out.append(place_condition(conn, self.place))
        if self.since:
            out.append(c.event_date >= parse_day(self.since))
        if self.until:
            out.append(c.event_date <= parse_day(self.until, end=True))
        if st := split_values(self.source_types):
            out.append(c.source_type.in_(st))
        if ce := split_values(self.certainties):
            out.append(c.certainty.in_(ce))
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
    the machine's values; rejected claims are left out unless ``flt.rejected``."""
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
