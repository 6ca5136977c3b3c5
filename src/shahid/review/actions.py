"""Review actions: confirm, correct, reject, add (claims), move, merge (incidents).

Each action checks the user's role (``reviewer``), validates what it is given against the
document and the language data, writes the reviewed overlay (``claim_reviews``) and appends one
row per change to ``review_log`` — in one transaction. Nothing here updates or deletes a log
row, and the machine's claims in ``claims`` are never changed.

A claim is named by its row id (``claims.id``, what ``/claims/{id}`` shows), by ``(doc_id, key)``
or by its uid ``"<doc_id>:<key>"``. A span is ``(start, end)`` or ``(start, end, text)``; it must
lie in the document and, with a text, ``text == doc[start:end]`` must hold.

Values (:func:`correct` ``field``/``value``; :func:`add` takes the same per field):

- ``event``, ``certainty``: a code; ``method``: a code or None;
- ``location``: a gazetteer place id (``C1007``) with the span of the words naming it;
- ``date``: ``"YYYY-MM-DD"`` (or ``{"value", "precision"}``) with its span;
- ``source``: a source type (or ``{"type", "name"}``) with its span;
- ``perpetrators`` / ``victims`` / ``counts``: lists of ``{"actor"|"group"|count keys, "span"}``;
  or, with a ``span``, one item: an actor or group code, or a count object, at those words.

For ``location``, ``date`` and ``source`` a ``None`` span means "not in the text": the value
becomes null.
"""

from __future__ import annotations

import copy
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from shahid.review.overlay import HUMAN_ENGINE, REVIEW_FIELDS, anchors, apply_review
from shahid.review.schema import REJECT_REASONS, claim_reviews, review_log
from shahid.review.users import ReviewError, User, require_role

if TYPE_CHECKING:
    from shahid.store import Store

ClaimRef = int | str | tuple[str, str]
Span = Sequence[Any] | Mapping[str, Any]
PRECISIONS = ("site", "neighbourhood", "town", "district", "governorate", "country", "region")
DATE_PRECISIONS = ("day", "week", "month", "year")
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range", "vague")
MAX_ID = 2**63 - 1  # the largest row id the databases store: a larger number names nothing


@dataclass(slots=True)
class Target:
    """A claim as a review action sees it."""

    row_id: int
    doc_id: str
    key: str
    text: str  # the document text
    machine: dict[str, Any]  # the claim dict as the machine (or, for an added claim, its reviewer) stored it
    review: Any | None  # its claim_reviews row

    @property
    def current(self) -> dict[str, Any]:
        """The claim as the ledger shows it now (reviewed values in place)."""
        rv = None if self.review is None else dict(self.review._mapping)
        return apply_review(copy.deepcopy(self.machine), rv)


def _vocab() -> dict[str, tuple[str, ...]]:
    from shahid.lang import loader as L

    return {"event": L.EVENTS, "method": L.METHODS, "actor": L.ACTOR_ROOTS, "group": L.GROUPS,
            "kind": L.COUNT_KINDS, "source": L.SOURCE_TYPES, "certainty": L.CERTAINTIES}


def _code(what: str, v: Any, *, null: bool = False) -> str | None:
    if v is None and null:
        return None
    allowed = _vocab()[what]
    root = str(v).split("/", 1)[0] if what == "actor" else v
    if not isinstance(v, str) or root not in allowed:
        raise ReviewError(f"unknown {what} code {v!r}: use one of {', '.join(allowed)}")
    return v


def check_span(text: str, span: Span | None, what: str) -> tuple[int, int, str]:
    """``(start, end, text)`` of a span into ``text``; :class:`ReviewError` unless it is inside the
    document, not empty, and (when the caller gives the words) ``words == text[start:end]``."""
    if span is None:
        raise ReviewError(f"{what}: no span (select the words in the article)")
    words = None
    try:
        if isinstance(span, Mapping):
            a, b, words = span["start"], span["end"], span.get("text")
        elif len(span) == 3:
            a, b, words = span
        else:
            a, b = span
        if any(isinstance(x, bool | float) for x in (a, b)):  # 1.5 or true is no character offset
            raise TypeError
        a, b = int(a), int(b)
    except (KeyError, TypeError, ValueError):
        raise ReviewError(f"{what}: a span is [start, end] or [start, end, text], not {span!r}") from None
    if not (0 <= a < b <= len(text)):
        raise ReviewError(f"{what}: span [{a}, {b}] is not inside the document (0–{len(text)})")
    got = text[a:b]
    if words is not None and words != got:
        raise ReviewError(f"{what}: span [{a}, {b}] reads {got!r}, not {words!r}")
    if not got.strip():
        raise ReviewError(f"{what}: span [{a}, {b}] is only blank")
    return a, b, got


def _spanned(text: str, item: Mapping[str, Any], what: str) -> tuple[int, int, str]:
    sp = item.get("span")
    if sp is not None and "text" in item and not isinstance(sp, Mapping) and len(sp) == 2:
        sp = (*sp, item["text"])
    return check_span(text, sp, what)


def _int(v: Any, what: str) -> int | None:
    if v is None or v == "":
        return None
    try:
        n = int(v)
    except (TypeError, ValueError):
        raise ReviewError(f"{what}: {v!r} is not a whole number") from None
    if n < 0:
        raise ReviewError(f"{what}: {n} is negative")
    return n


def _place(place_id: str, a: int, b: int, words: str) -> dict[str, Any]:
    from shahid.geo.gazetteer import Gazetteer

    entry = None
    for cc in ("SY", "YE"):
        try:
            entry = Gazetteer.load(cc).get(place_id)
        except FileNotFoundError:
            continue
        if entry:
            break
    if entry is None:
        raise ReviewError(f"location: no place {place_id!r} in the gazetteer (search it by name)")
    return {"name": entry["name"], "place_id": entry["id"], "admin1": entry.get("admin1"),
            "country": entry.get("country"), "lat": entry.get("lat"), "lon": entry.get("lon"),
            "precision": entry.get("precision"), "text": words, "span": [a, b],
            "coord_precision": entry.get("coord_precision")}


def build_value(field: str, value: Any, span: Span | None, text: str) -> Any:
    """The contract value (CLAIMS.md) of a reviewer's ``value`` for ``field``, its spans checked."""
    if field not in REVIEW_FIELDS:
        raise ReviewError(f"cannot correct {field!r}: one of {', '.join(REVIEW_FIELDS)}")
    if field in ("event", "certainty"):
        return _code(field, value)
    if field == "method":
        return _code("method", value or None, null=True)
    if field in ("location", "date", "source"):
        if isinstance(value, Mapping) and span is None:
            span = value.get("span")
        if span is None or value is None or value == "":
            return None  # "not in the text"
        a, b, words = check_span(text, span, field)
        if field == "location":
            pid = value.get("place_id") if isinstance(value, Mapping) else value
            return _place(str(pid), a, b, words)
        if field == "date":
            v = value.get("value") if isinstance(value, Mapping) else value
            prec = (value.get("precision") if isinstance(value, Mapping) else None) or "day"
            if prec not in DATE_PRECISIONS:
                raise ReviewError(f"date: precision {prec!r} is not one of {', '.join(DATE_PRECISIONS)}")
            if v is not None:
                try:
                    v = date.fromisoformat(str(v)).isoformat()
                except ValueError:
                    raise ReviewError(f"date: {v!r} is not YYYY-MM-DD") from None
            return {"value": v, "precision": prec, "text": words, "span": [a, b]}
        typ = value.get("type") if isinstance(value, Mapping) else value
        name = (value.get("name") if isinstance(value, Mapping) else None) or words
        return {"name": name, "type": _code("source", typ), "text": words, "span": [a, b]}
    if value is None:
        value = []
    if span is not None and isinstance(value, str | Mapping):  # one item, at the selected words
        key = {"perpetrators": "actor", "victims": "group"}.get(field)
        if isinstance(value, str):
            if key is None:
                raise ReviewError(f"{field}: an object with kind, value, qualifier … (JSON)")
            value = {key: value}
        a, b, words = check_span(text, span, field)
        value = [{**value, "span": [a, b], "text": words}]
    if not isinstance(value, list | tuple):
        raise ReviewError(f"{field}: a list of items, each with its span")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise ReviewError(f"{field}[{i}]: an object with its code and span")
        a, b, words = _spanned(text, item, f"{field}[{i}]")
        if field == "perpetrators":
            out.append({"actor": _code("actor", item.get("actor")), "text": words, "span": [a, b]})
        elif field == "victims":
            out.append({"group": _code("group", item.get("group")), "text": words, "span": [a, b]})
        else:
            q = item.get("qualifier") or "exact"
            if q not in QUALIFIERS:
                raise ReviewError(f"counts[{i}]: qualifier {q!r} is not one of {', '.join(QUALIFIERS)}")
            c = {"kind": _code("kind", item.get("kind")),
                 "group": _code("group", item.get("group") or None, null=True),
                 "value": _int(item.get("value"), f"counts[{i}] value"),
                 "low": _int(item.get("low"), f"counts[{i}] low"),
                 "high": _int(item.get("high"), f"counts[{i}] high"), "qualifier": q, "text": words, "span": [a, b]}
            if c["value"] is None and c["low"] is None and c["high"] is None:
                raise ReviewError(f"counts[{i}]: give a value, a low or a high")
            out.append(c)
    return out


# -- finding what an action is about -------------------------------------------------------------


def _claim_cond(ref: ClaimRef) -> sa.ColumnElement[bool]:
    from shahid.store.schema import claims

    if isinstance(ref, tuple):
        return sa.and_(claims.c.doc_id == ref[0], claims.c.key == ref[1])
    if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
        if not 0 <= int(ref) <= MAX_ID:
            raise ReviewError(f"no claim {ref!r}")
        return claims.c.id == int(ref)
    if isinstance(ref, str) and ":" in ref:
        d, k = ref.split(":", 1)
        return sa.and_(claims.c.doc_id == d, claims.c.key == k)
    raise ReviewError(f"not a claim: {ref!r} (a row id, (doc_id, key) or 'doc_id:key')")


def load_target(conn: sa.Connection, ref: ClaimRef) -> Target:
    from shahid.store.query import _base, _children
    from shahid.store.rows import claim_dict
    from shahid.store.schema import documents

    row = conn.execute(_base().add_columns(documents.c.text.label("doc_text")).where(_claim_cond(ref))).first()
    if row is None:
        raise ReviewError(f"no claim {ref!r}")
    acts, vics, cnts = _children(conn, [row.id])
    machine = claim_dict(row, row.source_name, acts[row.id], vics[row.id], cnts[row.id])
    rv = conn.execute(sa.select(claim_reviews).where(claim_reviews.c.doc_id == row.doc_id,
                                                     claim_reviews.c.key == row.key)).first()
    return Target(row.id, row.doc_id, row.key, row.doc_text, machine, rv)


def _log(conn: sa.Connection, user: User, action: str, target: str, *, doc_id: str | None = None,
         claim_key: str | None = None, incident: str | None = None, field: str | None = None,
         before: Any = None, after: Any = None, reason: str | None = None, note: str | None = None,
         at: datetime | None = None) -> int:
    return conn.execute(review_log.insert().returning(review_log.c.id), {
        "at": at or datetime.now(UTC), "user": user.name, "action": action, "target": target, "doc_id": doc_id,
        "claim_key": claim_key, "incident": incident, "field": field, "value_before": before,
        "value_after": after, "reason": reason, "note": (note or None) and str(note)[:4000]}).scalar_one()


def _upsert(conn: sa.Connection, t: Target, values: dict[str, Any]) -> None:
    if t.review is None:
        conn.execute(claim_reviews.insert(), {"doc_id": t.doc_id, "key": t.key, **anchors(t.machine), **values})
    else:
        conn.execute(claim_reviews.update().where(claim_reviews.c.id == t.review.id).values(**values))


def _rv(t: Target, name: str, default: Any = None) -> Any:
    if t.review is None:
        return default
    v = getattr(t.review, name)
    if name in ("fields", "machine") and isinstance(v, str):
        import json

        v = json.loads(v)
    return default if v is None else v


def _reviewer(store: Store, user: User | None) -> User:
    return require_role(user, "reviewer")


def _result(t: Target, log_ids: list[int]) -> dict[str, Any]:
    return {"claim": t.row_id, "doc_id": t.doc_id, "key": t.key, "log": log_ids}


# -- claim actions -------------------------------------------------------------------------------


def confirm(store: Store, user: User | None, ref: ClaimRef, *, optional: bool | None = None,
            note: str | None = None) -> dict[str, Any]:
    """The claim is right as the ledger shows it (a rejected one is taken back in)."""
    _reviewer(store, user)
    now = datetime.now(UTC)
    with store.write() as conn:
        t = load_target(conn, ref)
        before = _rv(t, "state")
        machine = dict(_rv(t, "machine", {}))
        for f in REVIEW_FIELDS:
            machine.setdefault(f, copy.deepcopy(t.machine.get(f)))
        state = "added" if before == "added" else ("corrected" if _rv(t, "fields") else "confirmed")
        values = {"state": state, "machine": machine, "reason": None, "reviewed_by": user.name, "reviewed_at": now,
                  "flagged": False, "flag_note": None}
        if optional is not None:
            values["optional"] = bool(optional)
        if note:
            values["note"] = note
        _upsert(conn, t, values)
        after = {"state": state, **({"optional": bool(optional)} if optional is not None else {})}
        lid = _log(conn, user, "confirm", "claim", doc_id=t.doc_id, claim_key=t.key,
                   before={"state": before}, after=after, note=note, at=now)
    return _result(t, [lid])


def correct(store: Store, user: User | None, ref: ClaimRef, field: str, value: Any, span: Span | None = None, *,
            note: str | None = None) -> dict[str, Any]:
    """Set ``field`` of the claim to ``value`` (its words at ``span``); see the module doc."""
    _reviewer(store, user)
    now = datetime.now(UTC)
    with store.write() as conn:
        t = load_target(conn, ref)
        if _rv(t, "state") == "rejected":
            raise ReviewError("the claim is rejected: confirm it first to take it back in")
        new = build_value(field, value, span, t.text)
        before = copy.deepcopy(t.current.get(field))
        fields = dict(_rv(t, "fields", {}))
        machine = dict(_rv(t, "machine", {}))
        machine.setdefault(field, copy.deepcopy(t.machine.get(field)))
        fields[field] = new
        state = "added" if _rv(t, "state") == "added" else "corrected"
        values = {"state": state, "fields": fields, "machine": machine, "reviewed_by": user.name,
                  "reviewed_at": now, "flagged": False, "flag_note": None}
        if field == "event" and span is not None:
            a, b, words = check_span(t.text, span, "event")
            fields["trigger"] = {"text": words, "span": [a, b]}
        _upsert(conn, t, values)
        lid = _log(conn, user, "correct", "claim", doc_id=t.doc_id, claim_key=t.key, field=field,
                   before=before, after=new, note=note, at=now)
    return _result(t, [lid])


def reject(store: Store, user: User | None, ref: ClaimRef, reason: str, note: str | None = None) -> dict[str, Any]:
    """The claim is not a claim (``reason`` one of REJECT_REASONS; ``other`` needs a note): left
    out of the claim lists, incidents, exports and gold."""
    _reviewer(store, user)
    if reason not in REJECT_REASONS:
        raise ReviewError(f"unknown reason {reason!r}: use one of {', '.join(REJECT_REASONS)}")
    if reason == "other" and not (note or "").strip():
        raise ReviewError("reason 'other' needs a note saying why")
    now = datetime.now(UTC)
    with store.write() as conn:
        t = load_target(conn, ref)
        before = _rv(t, "state")
        values = {"state": "rejected", "reason": reason, "note": note, "reviewed_by": user.name, "reviewed_at": now,
                  "flagged": False, "flag_note": None}
        if before == "added":  # a reviewer's own claim taken back: it goes, its log rows stay
            from shahid.store.schema import claims

            conn.execute(claims.delete().where(claims.c.id == t.row_id))
            values["claim"] = None
        _upsert(conn, t, values)
        lid = _log(conn, user, "reject", "claim", doc_id=t.doc_id, claim_key=t.key, before={"state": before},
                   after={"state": "rejected"}, reason=reason, note=note, at=now)
    return _result(t, [lid])


def add(store: Store, user: User | None, doc_id: str, evidence: Span, fields: Mapping[str, Any], *,
        trigger: Span | None = None, optional: bool = False, note: str | None = None) -> dict[str, Any]:
    """A claim the engine missed: its evidence (a clause or sentence of the document) and its fields
    (``event`` required; ``certainty`` defaults to ``asserted``). Stored as a claim of engine
    ``human``, kept through re-extraction."""
    from shahid.store.schema import claims, documents

    _reviewer(store, user)
    now = datetime.now(UTC)
    with store.write() as conn:
        text = conn.execute(sa.select(documents.c.text).where(documents.c.id == doc_id)).scalar()
        if text is None:
            raise ReviewError(f"no document {doc_id!r}")
        a, b, words = check_span(text, evidence, "evidence")
        if "event" not in fields:
            raise ReviewError("a new claim needs its event")
        claim: dict[str, Any] = {"event": None, "method": None, "perpetrators": [], "victims": [], "counts": [],
                                 "location": None, "date": None, "source": None, "certainty": "asserted"}
        for f, v in fields.items():
            sp = None
            if isinstance(v, Mapping) and "span" in v and f in ("location", "date", "source"):
                sp = v["span"]
            claim[f] = build_value(f, v, sp, text)
        claim["evidence"] = {"text": words, "span": [a, b]}
        if trigger is not None:
            ta, tb, tw = check_span(text, trigger, "trigger")
            claim["trigger"] = {"text": tw, "span": [ta, tb]}
        keys = set(conn.execute(sa.select(claims.c.key).where(claims.c.doc_id == doc_id)).scalars())
        keys |= set(conn.execute(sa.select(claim_reviews.c.key).where(claim_reviews.c.doc_id == doc_id)).scalars())
        n = 1
        while f"h{n}" in keys:
            n += 1
        claim = {"id": f"h{n}", **claim}
        store.insert_human_claims(conn, {doc_id: [claim]})
        row_id = conn.execute(sa.select(claims.c.id).where(claims.c.doc_id == doc_id,
                                                            claims.c.key == claim["id"])).scalar_one()
        conn.execute(claim_reviews.insert(), {
            "doc_id": doc_id, "key": claim["id"], "state": "added", "claim": claim, "optional": bool(optional),
            "note": note, "reviewed_by": user.name, "reviewed_at": now, **anchors(claim)})
        lid = _log(conn, user, "add", "claim", doc_id=doc_id, claim_key=claim["id"], after=claim, note=note, at=now)
    return {"claim": row_id, "doc_id": doc_id, "key": claim["id"], "log": [lid]}


def confirm_document(store: Store, user: User | None, doc_id: str, note: str | None = None) -> dict[str, Any]:
    """The document is reviewed: every claim not reviewed yet is confirmed, and nothing is missing
    (what makes it a gold document for :mod:`shahid.review.gold`)."""
    from shahid.store.schema import claims, documents

    _reviewer(store, user)
    with store.read() as conn:
        if conn.execute(sa.select(documents.c.id).where(documents.c.id == doc_id)).first() is None:
            raise ReviewError(f"no document {doc_id!r}")
        cr = claim_reviews.c
        todo = conn.execute(sa.select(claims.c.id).select_from(claims.outerjoin(
            claim_reviews, sa.and_(cr.doc_id == claims.c.doc_id, cr.key == claims.c.key)))
            .where(claims.c.doc_id == doc_id, sa.or_(cr.state.is_(None), cr.flagged.is_(True)))
            .order_by(claims.c.id)).scalars().all()
    logs: list[int] = []
    for cid in todo:
        logs += confirm(store, user, int(cid))["log"]
    with store.write() as conn:
        logs.append(_log(conn, user, "confirm", "document", doc_id=doc_id, after={"claims_confirmed": len(todo)},
                         note=note))
    return {"doc_id": doc_id, "confirmed": len(todo), "log": logs}


# -- incident actions ----------------------------------------------------------------------------


def _groups(conn: sa.Connection) -> dict[tuple[str, str], str]:
    """Every linked claim's group: its pin, else the key of the incident it is stored in."""
    from shahid.link.schema import link_claims, link_incidents
    from shahid.store.schema import claims

    lc, li, cr = link_claims.c, link_incidents.c, claim_reviews.c
    rows = conn.execute(sa.select(claims.c.doc_id, claims.c.key, li.key.label("incident"), cr.pin).select_from(
        claims.join(link_claims, lc.claim_id == claims.c.id).outerjoin(link_incidents, li.id == lc.incident_id)
        .outerjoin(claim_reviews, sa.and_(cr.doc_id == claims.c.doc_id, cr.key == claims.c.key)))).all()
    return {(d, k): (p or inc) for d, k, inc, p in rows if (p or inc)}


def _incident_key(conn: sa.Connection, ident: str | int) -> str:
    from shahid.link.schema import link_incidents

    t = link_incidents.c
    s = str(ident)
    cond = t.key == s
    if s.isdigit() and int(s) <= MAX_ID:
        cond = sa.or_(cond, t.id == int(s))
    key = conn.execute(sa.select(t.key).where(cond)).scalar()
    if key is None:
        pinned = conn.execute(sa.select(claim_reviews.c.id).where(claim_reviews.c.pin == s)).first()
        if pinned is None:
            raise ReviewError(f"no incident {ident!r} (run `shahid link` first)")
        key = s
    return key


def _pin_all(conn: sa.Connection, members: Iterable[tuple[str, str]], group: str) -> None:
    cr = claim_reviews.c
    for d, k in members:
        hit = conn.execute(claim_reviews.update().where(cr.doc_id == d, cr.key == k).values(pin=group)).rowcount
        if not hit:
            conn.execute(claim_reviews.insert(), {"doc_id": d, "key": k, "pin": group})


def members(store: Store, incident: str | int) -> list[tuple[str, str]]:
    """The claims of an incident as reviewers left it (moves and merges since the last link applied)."""
    with store.read() as conn:
        key = _incident_key(conn, incident)
        return sorted(dk for dk, g in _groups(conn).items() if g == key)


def move(store: Store, user: User | None, ref: ClaimRef, incident: str | int | None, *,
         note: str | None = None) -> dict[str, Any]:
    """Move a claim into another incident, or (``incident`` None) out into an incident of its own.
    Takes effect in the incidents at the next ``shahid link``, which keeps it on every later run."""
    _reviewer(store, user)
    now = datetime.now(UTC)
    with store.write() as conn:
        t = load_target(conn, ref)
        groups = _groups(conn)
        here = groups.get((t.doc_id, t.key))
        if here is None:
            raise ReviewError("the claim is in no incident (run `shahid link` first)")
        if incident is None:
            target = f"new-{secrets.token_hex(6)}"
        else:
            target = _incident_key(conn, incident)
            if target == here:
                raise ReviewError(f"the claim is already in incident {here}")
            _pin_all(conn, [dk for dk, g in groups.items() if g == target], target)
        _pin_all(conn, [dk for dk, g in groups.items() if g == here and dk != (t.doc_id, t.key)], here)
        _pin_all(conn, [(t.doc_id, t.key)], target)
        lid = _log(conn, user, "move", "incident", doc_id=t.doc_id, claim_key=t.key, incident=target,
                   before={"incident": here}, after={"incident": target}, note=note, at=now)
    return {**_result(t, [lid]), "from": here, "to": target}


def merge(store: Store, user: User | None, incident_a: str | int, incident_b: str | int, *,
          note: str | None = None) -> dict[str, Any]:
    """Merge incident ``incident_b`` into ``incident_a`` (at the next ``shahid link``, and after)."""
    _reviewer(store, user)
    with store.write() as conn:
        a, b = _incident_key(conn, incident_a), _incident_key(conn, incident_b)
        if a == b:
            raise ReviewError("an incident cannot be merged with itself")
        groups = _groups(conn)
        moved = [dk for dk, g in groups.items() if g in (a, b)]
        _pin_all(conn, moved, a)
        lid = _log(conn, user, "merge", "incident", incident=a, before={"incidents": [a, b]},
                   after={"incident": a, "claims": len(moved)}, note=note)
    return {"incident": a, "merged": b, "claims": len(moved), "log": [lid]}


# -- reading the log -----------------------------------------------------------------------------


def history(store: Store, *, doc_id: str | None = None, claim_key: str | None = None,
            incident: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Review log rows, newest first."""
    t = review_log.c
    q = sa.select(review_log).order_by(t.id.desc()).limit(limit)
    if doc_id:
        q = q.where(t.doc_id == doc_id)
    if claim_key:
        q = q.where(t.claim_key == claim_key)
    if incident:
        q = q.where(t.incident == incident)
    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


__all__ = ["HUMAN_ENGINE", "REJECT_REASONS", "Target", "add", "build_value", "check_span", "confirm",
           "confirm_document", "correct", "history", "load_target", "members", "merge", "move", "reject"]
