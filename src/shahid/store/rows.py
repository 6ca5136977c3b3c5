"""Claim dicts (the JSON contract of CLAIMS.md) ⇄ table rows. The store works on dicts, so any
``Report.to_dict()`` is stored as it is, extensions included (kept in ``extra``/``place_extra``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from shahid.text.normalize import normalize, normalize_key

CLAIM_KEYS = frozenset(
    {
        "id",
        "event",
        "method",
        "perpetrators",
        "victims",
        "counts",
        "location",
        "date",
        "source",
        "certainty",
        "evidence",
        "trigger",
    }
)
PLACE_KEYS = frozenset({"name", "place_id", "admin1", "country", "lat", "lon", "precision", "text", "span"})


class InvalidReport(ValueError):
    """A report the store cannot hold (missing field, duplicate claim id): the document fails."""


def to_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _span(obj: dict[str, Any], what: str) -> tuple[int, int]:
    try:
        a, b = obj["span"]
    except (KeyError, TypeError, ValueError):
        raise InvalidReport(f"{what}: no valid span") from None
    if type(a) is not int or type(b) is not int:
        raise InvalidReport(f"{what}: span {obj['span']!r} is not two integers")
    return a, b


def source_key(source: dict[str, Any]) -> tuple[str, str]:
    return (
        str(source.get("name") or source.get("text") or "")[:500],
        str(source.get("type") or "unspecified"),
    )


def claim_row(
    doc_id: str, claim: dict[str, Any], seq: int, engine: str, published: date | None, source_id: int | None
) -> dict[str, Any]:
    """The ``claims`` row of one claim dict (children are built by :func:`child_rows`)."""
    try:
        ev = claim["evidence"]
        key = str(claim["id"])
        row: dict[str, Any] = {
            "doc_id": doc_id,
            "key": key,
            "seq": seq,
            "engine": engine,
            "event": claim["event"],
            "method": claim.get("method"),
            "certainty": claim["certainty"],
            "evidence_text": ev["text"],
        }
    except (KeyError, TypeError) as e:
        raise InvalidReport(f"claim {claim.get('id', seq)!r}: missing {e}") from None
    row["evidence_start"], row["evidence_end"] = _span(ev, f"claim {key} evidence")
    row["evidence_norm"] = " ".join(normalize(ev["text"]).text.split())
    trig = claim.get("trigger")
    row["trigger_text"] = trig["text"] if trig else None
    row["trigger_start"], row["trigger_end"] = _span(trig, f"claim {key} trigger") if trig else (None, None)

    d = claim.get("date")
    dv = to_date(d.get("value")) if d else None
    row.update(date_value=dv, date_precision=d.get("precision") if d else None, date_text=d["text"] if d else None)
    row["date_start"], row["date_end"] = _span(d, f"claim {key} date") if d else (None, None)
    row["event_date"] = dv or published

    s = claim.get("source")
    row.update(
        source_id=source_id,
        source_type=source_key(s)[1] if s else None,
        source_text=s.get("text") if s else None,
    )
    row["source_start"], row["source_end"] = _span(s, f"claim {key} source") if s else (None, None)

    loc = claim.get("location")
    if loc:
        name = loc.get("name") or loc.get("text")
        row.update(
            place_name=name,
            place_key=normalize_key(name) if name else None,
            place_id=loc.get("place_id"),
            admin1=loc.get("admin1"),
            admin1_key=normalize_key(loc["admin1"]) if loc.get("admin1") else None,
            country=loc.get("country"),
            lat=loc.get("lat"),
            lon=loc.get("lon"),
            place_precision=loc.get("precision"),
            place_text=loc.get("text"),
            place_extra={k: v for k, v in loc.items() if k not in PLACE_KEYS} or None,
        )
        row["place_start"], row["place_end"] = _span(loc, f"claim {key} location")
    else:
        row.update(
            place_name=None,
            place_key=None,
            place_id=None,
            admin1=None,
            admin1_key=None,
            country=None,
            lat=None,
            lon=None,
            place_precision=None,
            place_text=None,
            place_start=None,
            place_end=None,
            place_extra=None,
        )
    row["extra"] = {k: v for k, v in claim.items() if k not in CLAIM_KEYS} or None
    return row


def child_rows(claim_id: int, claim: dict[str, Any]) -> tuple[list[dict], list[dict], list[dict]]:
    """Rows of ``claim_actors``, ``claim_victims`` and ``claim_counts`` for one stored claim."""
    actors, victims, counts = [], [], []
    key = claim.get("id")
    for i, a in enumerate(claim.get("perpetrators") or ()):
        s0, s1 = _span(a, f"claim {key} perpetrator")
        actor = str(a["actor"])
        actors.append(
            {
                "claim_id": claim_id,
                "pos": i,
                "actor": actor,
                "actor_root": actor.split("/", 1)[0],
                "text": a["text"],
                "span_start": s0,
                "span_end": s1,
            }
        )
    for i, g in enumerate(claim.get("victims") or ()):
        s0, s1 = _span(g, f"claim {key} victim")
        victims.append(
            {
                "claim_id": claim_id,
                "pos": i,
                "grp": g["group"],
                "text": g["text"],
                "span_start": s0,
                "span_end": s1,
            }
        )
    for i, c in enumerate(claim.get("counts") or ()):
        s0, s1 = _span(c, f"claim {key} count")
        counts.append(
            {
                "claim_id": claim_id,
                "pos": i,
                "kind": c["kind"],
                "grp": c.get("group"),
                "value": c.get("value"),
                "low": c.get("low"),
                "high": c.get("high"),
                "qualifier": c.get("qualifier") or "exact",
                "text": c["text"],
                "span_start": s0,
                "span_end": s1,
            }
        )
    return actors, victims, counts


def check_report(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The claims of a report dict, after the checks the store relies on."""
    claims = report.get("claims")
    if not isinstance(claims, list):
        raise InvalidReport("report has no claims list")
    seen: set[str] = set()
    for c in claims:
        if not isinstance(c, dict) or "id" not in c:
            raise InvalidReport("a claim without an id")
        if str(c["id"]) in seen:
            raise InvalidReport(f"two claims with the id {c['id']!r}")
        seen.add(str(c["id"]))
    return claims


# -- rows back to the contract -------------------------------------------------------------------


def _sp(a: int | None, b: int | None) -> list[int]:
    return [a, b]  # type: ignore[list-item]


def claim_dict(
    row: Any, source_name: str | None, actors: list[Any], victims: list[Any], counts: list[Any]
) -> dict[str, Any]:
    """A stored claim as the contract's dict (what ``Claim.to_dict()`` gave when it was stored)."""
    m = row._mapping if hasattr(row, "_mapping") else row
    d: dict[str, Any] = {
        "id": m["key"],
        "event": m["event"],
        "method": m["method"],
        "perpetrators": [{"actor": a.actor, "text": a.text, "span": _sp(a.span_start, a.span_end)} for a in actors],
        "victims": [{"group": g.grp, "text": g.text, "span": _sp(g.span_start, g.span_end)} for g in victims],
        "counts": [
            {
                "kind": c.kind,
                "group": c.grp,
                "value": c.value,
                "low": c.low,
                "high": c.high,
                "qualifier": c.qualifier,
                "text": c.text,
                "span": _sp(c.span_start, c.span_end),
            }
            for c in counts
        ],
        "location": None,
        "date": None,
        "source": None,
        "certainty": m["certainty"],
        "evidence": {"text": m["evidence_text"], "span": _sp(m["evidence_start"], m["evidence_end"])},
    }
    if m["place_text"] is not None:
        d["location"] = {
            "name": m["place_name"],
            "place_id": m["place_id"],
            "admin1": m["admin1"],
            "country": m["country"],
            "lat": m["lat"],
            "lon": m["lon"],
            "precision": m["place_precision"],
            "text": m["place_text"],
            "span": _sp(m["place_start"], m["place_end"]),
            **(m["place_extra"] or {}),
        }
    if m["date_text"] is not None:
        dv = m["date_value"]
        d["date"] = {
            "value": dv.isoformat() if dv else None,
            "precision": m["date_precision"],
            "text": m["date_text"],
            "span": _sp(m["date_start"], m["date_end"]),
        }
    if m["source_text"] is not None:
        d["source"] = {
            "name": source_name,
            "type": m["source_type"],
            "text": m["source_text"],
            "span": _sp(m["source_start"], m["source_end"]),
        }
    if m["trigger_text"] is not None:
        d["trigger"] = {"text": m["trigger_text"], "span": _sp(m["trigger_start"], m["trigger_end"])}
    if m["extra"]:
        d.update(m["extra"])
    return d
