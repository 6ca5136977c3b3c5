"""What needs a look first: :func:`review_queue`.

Every claim not reviewed yet (and every reviewed claim re-extraction flagged) gets a priority
from what makes a mistake costly or likely:

- ``flagged``      the engine's new value differs from a reviewed one (re-extraction)        100
- ``contested``    the claim is in a contested incident (a denial, or blame on two sides)     8
- ``large_toll``   it counts 10 or more killed (a toll that large is what gets cited)          4 (+2 at 100)
- ``vague_place``  no place, or only a country, governorate or region                         2
- ``unsure_place`` the engine hesitated between places (its best candidate scored under 0.6)   1

Highest first; ties oldest event first. ``progress`` says how many of the claims the filters
select are reviewed (confirmed, corrected or rejected; added claims are not counted).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from shahid.review.schema import claim_reviews

if TYPE_CHECKING:
    from shahid.store import Store

VAGUE = ("country", "governorate", "region")
PAGE = 50


@dataclass(slots=True)
class QueueItem:
    row_id: int
    doc_id: str
    key: str
    event: str
    event_date: str | None
    outlet: str | None
    title: str | None
    evidence: str
    priority: int
    reasons: list[str]
    state: str | None  # None, or the review state of a flagged claim
    flag_note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}  # type: ignore[attr-defined]


@dataclass(slots=True)
class Queue:
    items: list[QueueItem]
    page: int
    pages: int
    waiting: int  # claims that need a look (unreviewed or flagged)
    reviewed: int  # of the claims the filters select
    total: int
    by_reason: dict[str, int] = field(default_factory=dict)

    @property
    def progress(self) -> float:
        return self.reviewed / self.total if self.total else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"items": [i.to_dict() for i in self.items], "page": self.page, "pages": self.pages,
                "waiting": self.waiting, "reviewed": self.reviewed, "total": self.total,
                "progress": self.progress, "by_reason": self.by_reason}


def _killed(conn: sa.Connection, ids: list[int]) -> dict[int, int]:
    from shahid.store.schema import claim_counts

    t = claim_counts.c
    fig = sa.func.coalesce(t.value, t.low, t.high)
    out: dict[int, int] = {}
    for i in range(0, len(ids), 900):
        q = (sa.select(t.claim_id, sa.func.max(fig)).where(t.claim_id.in_(ids[i:i + 900]), t.kind == "killed")
             .group_by(t.claim_id))
        out.update({c: int(v or 0) for c, v in conn.execute(q)})
    return out


def _contested(conn: sa.Connection) -> set[int]:
    from shahid.link.schema import link_claims, link_incidents

    if not sa.inspect(conn).has_table("link_claims"):
        return set()
    return set(conn.execute(sa.select(link_claims.c.claim_id).join(
        link_incidents, link_incidents.c.id == link_claims.c.incident_id).where(
        link_incidents.c.grade == "contested")).scalars())


def _unsure(extra: Any) -> bool:
    if isinstance(extra, str):
        extra = json.loads(extra)
    cands = (extra or {}).get("candidates") or []
    return bool(cands) and float(cands[0].get("score") or 0) < 0.6


def review_queue(store: Store, *, outlet: str | None = None, since: str | date | None = None,
                 until: str | date | None = None, page: int = 1, per_page: int = PAGE) -> Queue:
    """The claims that need a look, most urgent first, one page of them, with the progress of the
    claims the filters (outlet, event date) select."""
    from shahid.store.query import ClaimFilter
    from shahid.store.schema import claims, documents, outlets

    flt = ClaimFilter(outlets=[outlet] if outlet else (), since=since, until=until, rejected=True)
    c, cr = claims.c, claim_reviews.c
    with store.read() as conn:
        q = (sa.select(c.id, c.doc_id, c.key, c.event, c.event_date, c.place_precision, c.place_id, c.place_extra,
                       c.evidence_text, c.engine, documents.c.title, outlets.c.name.label("outlet"),
                       cr.state, cr.flagged, cr.flag_note)
             .select_from(claims.join(documents, documents.c.id == c.doc_id)
                          .outerjoin(outlets, outlets.c.id == documents.c.outlet_id)
                          .outerjoin(claim_reviews, sa.and_(cr.doc_id == c.doc_id, cr.key == c.key)))
             .where(*flt.conditions(conn)))
        rows = conn.execute(q).all()
        contested = _contested(conn)
        killed = _killed(conn, [r.id for r in rows])
    total = reviewed = 0
    items: list[QueueItem] = []
    by_reason: dict[str, int] = {}
    for r in rows:
        if r.state == "added":
            continue
        total += 1
        if r.state:
            reviewed += 1
        if r.state and not r.flagged:
            continue
        reasons: list[str] = []
        score = 0
        if r.flagged:
            reasons.append("flagged")
            score += 100
        if r.id in contested:
            reasons.append("contested")
            score += 8
        k = killed.get(r.id, 0)
        if k >= 10:
            reasons.append("large_toll")
            score += 6 if k >= 100 else 4
        if r.place_precision is None or r.place_precision in VAGUE:
            reasons.append("vague_place")
            score += 2
        if _unsure(r.place_extra):
            reasons.append("unsure_place")
            score += 1
        for x in reasons:
            by_reason[x] = by_reason.get(x, 0) + 1
        items.append(QueueItem(r.id, r.doc_id, r.key, r.event, r.event_date.isoformat() if r.event_date else None,
                               r.outlet, r.title, r.evidence_text, score, reasons, r.state, r.flag_note))
    items.sort(key=lambda i: (-i.priority, i.event_date or "9999", i.row_id))
    per_page = max(1, per_page)
    pages = max(1, -(-len(items) // per_page))
    page = min(max(1, page), pages)
    return Queue(items[(page - 1) * per_page: page * per_page], page, pages, len(items), reviewed, total, by_reason)
