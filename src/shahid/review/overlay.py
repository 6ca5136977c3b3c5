"""The reviewed overlay: reviewer's values over the machine's, and keeping them across re-extraction.

A machine claim in ``claims`` is never changed by a review. Its ``claim_reviews`` row (same
document, same claim key) holds the reviewer's values of the fields they corrected; the claim
dicts the ledger gives out (:func:`apply_review`, called by :func:`shahid.store.iter_claims`)
carry the reviewed values, the machine's under ``machine``, and ``reviewed_by`` / ``reviewed_at``.

Re-extraction (:meth:`shahid.store.Store.replace_claims`) calls :func:`after_replace` in its
transaction: claims a reviewer added are put back, and every review row is matched to the new
machine claim of the same trigger / evidence span (:func:`rematch`); its key follows the new
claim. When the new machine value of a reviewed field differs both from the reviewer's value and
from the machine value the reviewer saw, the claim is **flagged** for another look; a reviewed
claim the new engine no longer finds is flagged too (a rejected one is simply left rejected).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from shahid.review.schema import claim_reviews

if TYPE_CHECKING:
    from shahid.store import Store

#: the claim fields a reviewer can correct (and a confirmation vouches for)
REVIEW_FIELDS = ("event", "method", "perpetrators", "victims", "counts", "location", "date", "source", "certainty")
HUMAN_ENGINE = "human"
#: the columns of claim_reviews a claim query reads (labelled ``rv_<name>``)
OVERLAY_COLUMNS = ("id", "state", "fields", "machine", "reason", "note", "optional", "reviewed_by", "reviewed_at",
                   "flagged", "flag_note", "pin")


def _json(v: Any) -> Any:
    return json.loads(v) if isinstance(v, str) else v


def _iso(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, datetime):
        return (v if v.tzinfo else v.replace(tzinfo=UTC)).isoformat(timespec="seconds")  # SQLite keeps UTC, naive
    return str(v)


def overlay_columns() -> list[sa.ColumnElement[Any]]:
    return [claim_reviews.c[n].label(f"rv_{n}") for n in OVERLAY_COLUMNS]


def review_of(m: Mapping[str, Any]) -> dict[str, Any] | None:
    """The overlay of a query row selected with :func:`overlay_columns` (None when there is none)."""
    if m.get("rv_id") is None:
        return None
    return {n: m[f"rv_{n}"] for n in OVERLAY_COLUMNS}


def apply_review(d: dict[str, Any], rv: Mapping[str, Any] | None) -> dict[str, Any]:
    """The claim dict ``d`` (the machine's) with its review: reviewed values in place, the machine's
    under ``machine``, ``reviewed_by`` / ``reviewed_at`` and a ``review`` summary."""
    if rv is None:
        return d
    fields = _json(rv.get("fields")) or {}
    if fields:
        d["machine"] = {f: copy.deepcopy(d.get(f)) for f in fields}
        d.update(copy.deepcopy(fields))
    if rv.get("state"):
        d["reviewed_by"] = rv.get("reviewed_by")
        d["reviewed_at"] = _iso(rv.get("reviewed_at"))
    d["review"] = {
        "state": rv.get("state"),
        "fields": sorted(fields),
        "reason": rv.get("reason"),
        "note": rv.get("note"),
        "optional": bool(rv.get("optional")),
        "flagged": bool(rv.get("flagged")),
        "flag_note": rv.get("flag_note"),
        "pin": rv.get("pin"),
    }
    return d


def not_rejected() -> sa.ColumnElement[bool]:
    """A condition on ``claims``: the claim is not rejected by a reviewer."""
    from shahid.store.schema import claims

    cr = claim_reviews.alias("rejected_review").c  # an alias: queries also join claim_reviews itself
    return ~sa.exists().where(cr.doc_id == claims.c.doc_id, cr.key == claims.c.key, cr.state == "rejected")


# -- comparing values (flags) ---------------------------------------------------------------------


def comparable(field: str, v: Any) -> Any:
    """What of a field's value a flag compares (codes and figures, not the candidate lists)."""
    if v is None:
        return None
    if field == "perpetrators":
        return sorted(a.get("actor") for a in v)
    if field == "victims":
        return sorted(g.get("group") for g in v)
    if field == "counts":
        return sorted((c.get("kind"), c.get("group") or "", c.get("value"), c.get("low"), c.get("high"),
                       c.get("qualifier")) for c in v)
    if field == "location":
        return (v.get("place_id"), v.get("name"))
    if field == "date":
        return v.get("value")
    if field == "source":
        return (v.get("type"), v.get("name"))
    return v


def _span(o: Any) -> tuple[int, int] | None:
    sp = (o or {}).get("span") if isinstance(o, dict) else None
    return (sp[0], sp[1]) if sp else None


def _match_score(rv: Any, c: dict[str, Any]) -> int:
    ev = _span(c.get("evidence"))
    tr = _span(c.get("trigger"))
    r_ev = (rv.evidence_start, rv.evidence_end) if rv.evidence_start is not None else None
    r_tr = (rv.trigger_start, rv.trigger_end) if rv.trigger_start is not None else None
    if tr and r_tr == tr:
        return 4 if ev == r_ev else 3
    if ev and ev == r_ev:
        return 2 if c.get("event") == rv.event else 1
    if ev and r_ev and ev[0] < r_ev[1] and r_ev[0] < ev[1] and c.get("event") == rv.event:
        return 1
    return 0


def anchors(c: Mapping[str, Any]) -> dict[str, Any]:
    """The overlay columns that let a review find its claim again after re-extraction."""
    ev, tr = _span(c.get("evidence")), _span(c.get("trigger"))
    return {"event": c.get("event"), "evidence_start": ev[0] if ev else None, "evidence_end": ev[1] if ev else None,
            "trigger_start": tr[0] if tr else None, "trigger_end": tr[1] if tr else None}


def rematch(conn: sa.Connection, doc_id: str, new_claims: Sequence[dict[str, Any]], engine: str | None) -> int:
    """Re-key the reviews of ``doc_id`` onto its new machine claims; flag what changed. Returns the
    number of claims flagged."""
    cr = claim_reviews.c
    rows = conn.execute(sa.select(claim_reviews).where(
        cr.doc_id == doc_id, sa.or_(cr.state.is_(None), cr.state != "added")).order_by(cr.id)).all()
    if not rows:
        return 0
    used: set[int] = set()
    plan: list[tuple[Any, dict[str, Any] | None]] = []
    for rv in rows:
        best, best_score = None, 0
        for i, c in enumerate(new_claims):
            if i in used:
                continue
            s = _match_score(rv, c)
            if s > best_score:
                best, best_score = i, s
        if best is None:
            plan.append((rv, None))
        else:
            used.add(best)
            plan.append((rv, new_claims[best]))
    # two steps, so that keys that swap never collide on the (doc_id, key) constraint
    for rv, _ in plan:
        conn.execute(claim_reviews.update().where(cr.id == rv.id).values(key=f"~{rv.id}"))
    flagged = 0
    who = engine or "the new engine"
    for rv, c in plan:
        values: dict[str, Any] = {}
        notes: list[str] = []
        if c is None:
            if rv.state not in (None, "rejected"):
                notes.append(f"{who} no longer finds this claim")
        else:
            values["key"] = str(c["id"])
            values.update(anchors(c))
            if rv.state in ("confirmed", "corrected"):
                fields = _json(rv.fields) or {}
                for f, seen in (_json(rv.machine) or {}).items():
                    new = comparable(f, c.get(f))
                    if new != comparable(f, fields.get(f, seen)) and new != comparable(f, seen):
                        notes.append(f"{f}: {who} now says {json.dumps(new, ensure_ascii=False, default=str)}")
        if notes:
            values["flagged"] = True
            values["flag_note"] = "; ".join(notes)[:2000]
            flagged += 1
        if values:
            conn.execute(claim_reviews.update().where(cr.id == rv.id).values(**values))
    return flagged


def added_claims(conn: sa.Connection, doc_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """The claims reviewers added to these documents (the whole claim dicts), by document."""
    out: dict[str, list[dict[str, Any]]] = {}
    cr = claim_reviews.c
    for i in range(0, len(doc_ids), 500):
        q = sa.select(cr.doc_id, cr.claim).where(cr.doc_id.in_(list(doc_ids[i:i + 500])), cr.state == "added")
        for doc_id, claim in conn.execute(q.order_by(cr.id)):
            out.setdefault(doc_id, []).append(_json(claim))
    return out


def after_replace(store: Store, conn: sa.Connection, items: Sequence[tuple[str, dict[str, Any]]]) -> int:
    """Inside :meth:`Store.replace_claims`' transaction, after the new machine claims are stored:
    put back the reviewers' claims and re-key the reviews. Returns the number of claims flagged."""
    ids = [d for d, _ in items]
    if not ids:
        return 0
    cr = claim_reviews.c
    reviewed = set()
    for i in range(0, len(ids), 500):
        reviewed |= set(conn.execute(sa.select(cr.doc_id).where(cr.doc_id.in_(ids[i:i + 500])).distinct()).scalars())
    if not reviewed:
        return 0
    human = added_claims(conn, sorted(reviewed))
    if human:
        store.insert_human_claims(conn, human)
    flagged = 0
    for doc_id, rep in items:
        if doc_id in reviewed:
            flagged += rematch(conn, doc_id, rep.get("claims") or [], rep.get("engine"))
    return flagged


def review_state(store: Store) -> str:
    """A fingerprint of everything reviewers did (the newest log row): linking relinks when it changes."""
    from shahid.review.schema import review_log

    with store.read() as conn:
        if not sa.inspect(conn).has_table("review_log"):
            return "0"
        return str(conn.execute(sa.select(sa.func.coalesce(sa.func.max(review_log.c.id), 0))).scalar_one())
