"""The claim record (see ``../shared/spec/CLAIMS.md``) as typed dataclasses.

Every value object carries ``text`` and ``span``: half-open offsets into the
document text exactly as given, so that ``text == doc_text[start:end]``.
``to_dict()`` gives the JSON contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]


def _span(s: Span) -> list[int]:
    return [s[0], s[1]]


@dataclass(slots=True)
class Actor:
    actor: str
    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "text": self.text, "span": _span(self.span)}


@dataclass(slots=True)
class Group:
    group: str
    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.group, "text": self.text, "span": _span(self.span)}


@dataclass(slots=True)
class Count:
    kind: str
    group: str | None
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "group": self.group, "value": self.value, "low": self.low,
            "high": self.high, "qualifier": self.qualifier, "text": self.text, "span": _span(self.span),
        }


@dataclass(slots=True)
class Place:
    name: str
    place_id: str | None
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: str
    text: str
    span: Span
    # Extensions beyond the contract: how sure the resolution is, and what else it could be.
    coord_precision: str | None = None
    candidates: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "name": self.name, "place_id": self.place_id, "admin1": self.admin1, "country": self.country,
            "lat": self.lat, "lon": self.lon, "precision": self.precision, "text": self.text,
            "span": _span(self.span),
        }
        if self.coord_precision is not None:
            d["coord_precision"] = self.coord_precision
        if self.candidates:
            d["candidates"] = self.candidates
        return d


@dataclass(slots=True)
class DateValue:
    value: str | None  # YYYY-MM-DD, or None when it cannot be resolved
    precision: str  # day | week | month | year
    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision, "text": self.text, "span": _span(self.span)}


@dataclass(slots=True)
class Source:
    name: str
    type: str
    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "text": self.text, "span": _span(self.span)}


@dataclass(slots=True)
class Evidence:
    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": _span(self.span)}


@dataclass(slots=True)
class Claim:
    id: str
    event: str
    method: str | None
    perpetrators: list[Actor]
    victims: list[Group]
    counts: list[Count]
    location: Place | None
    date: DateValue | None
    source: Source | None
    certainty: str
    evidence: Evidence
    trigger: Evidence | None = None  # the words that name the event (extension)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "event": self.event,
            "method": self.method,
            "perpetrators": [a.to_dict() for a in self.perpetrators],
            "victims": [g.to_dict() for g in self.victims],
            "counts": [c.to_dict() for c in self.counts],
            "location": self.location.to_dict() if self.location else None,
            "date": self.date.to_dict() if self.date else None,
            "source": self.source.to_dict() if self.source else None,
            "certainty": self.certainty,
            "evidence": self.evidence.to_dict(),
        }
        if self.trigger is not None:
            d["trigger"] = self.trigger.to_dict()
        return d


@dataclass(slots=True)
class DocumentMeta:
    id: str  # sha256 hex of the text
    title: str | None
    outlet: str | None
    published: str | None  # YYYY-MM-DD
    lang: str = "ar"
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "title": self.title, "outlet": self.outlet,
                             "published": self.published, "lang": self.lang}
        if self.url:
            d["url"] = self.url
        return d


@dataclass(slots=True)
class Report:
    """What ``extract`` returns for one document."""

    doc: DocumentMeta
    claims: list[Claim]
    engine: str = ""
    # What the reader should know about this document's extraction (e.g. a language without a
    # pack); in the JSON only when there is something to say, so CLAIMS.md readers are unaffected.
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc.to_dict(), "claims": [c.to_dict() for c in self.claims],
                **({"engine": self.engine} if self.engine else {}),
                **({"warnings": list(self.warnings)} if self.warnings else {})}
