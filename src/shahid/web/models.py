"""The JSON twins' response models (pydantic): what ``/openapi.json`` describes.

The models name every field a page relies on; the stored records they carry (incident records,
claims of the contract) may hold more (``extra="allow"``), which the schema permits."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class FacetValue(BaseModel):
    value: str
    count: int
    label: str | None = None  # a place facet's name
    url: str  # the incident list with this value added to the filter


class Span(Open):
    text: str | None = None
    span: list[int | None] | None = None


class DocRef(Open):
    id: str
    url: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    lang: str | None = None
    source_url: str | None = None  # the article's own address (http/https only)


class IncidentRef(BaseModel):
    key: str
    event: str
    url: str


class Claim(Open):
    row_id: int
    url: str
    id: str
    event: str
    certainty: str
    evidence: Span
    doc: DocRef | None = None
    incident: IncidentRef | None = None


class Place(Open):
    name: str | None = None
    place_id: str | None = None
    precision: str | None = None
    url: str | None = None


class Originator(Open):
    id: str
    url: str
    name: str | None = None
    kind: str | None = None


class IncidentSummary(Open):
    id: int
    key: str
    url: str
    event: str
    date: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    place: Place | None = None
    grade: str
    n_claims: int
    n_documents: int
    n_outlets: int
    n_originators: int
    counts: list[dict[str, Any]]
    originators: list[Originator]


class Links(BaseModel):
    html: str
    json_: str | None = None
    csv: str | None = None
    geojson: str | None = None
    timeline: str | None = None
    next: str | None = None
    prev: str | None = None

    model_config = ConfigDict(populate_by_name=True)


class Overview(BaseModel):
    empty: bool
    documents: int
    claims: int
    incidents: int
    outlets: int
    linked_documents: int
    copy_pairs: int
    published_from: str | None
    published_to: str | None
    incident_from: str | None
    incident_to: str | None
    grades: dict[str, int]
    last_run: dict[str, Any] | None
    links: dict[str, str]


class IncidentList(BaseModel):
    total: int
    page: int
    pages: int
    per_page: int
    sort: str
    filters: dict[str, Any]
    facets: dict[str, list[FacetValue]]
    items: list[IncidentSummary]
    links: dict[str, str | None]


class CountFigure(Open):
    value: float | int | None = None
    originators: list[str]
    claims: list[str]


class Count(Open):
    kind: str
    group: str | None = None
    low: float | int | None = None
    best: float | int | None = None
    high: float | int | None = None
    figures: list[CountFigure]


class IncidentClaim(Open):
    uid: str
    url: str | None = None
    doc_id: str
    doc_url: str
    claim_id: str
    row_id: int | None = None
    outlet: str | None = None
    certainty: str
    evidence: str | None = None
    copy_of: str | None = None
    stored: Claim | None = None  # the stored claim with every value's span


class Incident(Open):
    id: int
    key: str
    url: str
    event: str
    grade: str
    grade_rule: str
    place: Place | None = None
    counts: list[Count]
    originators: list[Originator]
    contradictions: list[dict[str, Any]]
    documents: list[DocRef]
    claims: list[IncidentClaim]
    links: dict[str, str]


class Document(BaseModel):
    id: str
    url: str
    title: str | None
    outlet: str | None
    published: str | None
    lang: str
    engine: str | None
    source_url: str | None  # the article's address when it is http(s)
    article_url: str | None  # the address as stored (shown as text, never as a link)
    text: str
    copy_of: DocRef | None
    copies: list[dict[str, Any]]
    claims: list[Claim]
    incidents: list[IncidentRef]
    links: dict[str, str]


class ClaimList(BaseModel):
    total: int
    after: int
    filters: dict[str, Any]
    items: list[Claim]
    links: dict[str, str | None]


class ClaimPage(BaseModel):
    claim: Claim
    links: dict[str, str]


class PlacePage(Open):
    place_id: str
    url: str
    name: str | None
    known: bool
    incidents: int
    ancestors: list[Place]
    items: list[IncidentSummary]
    links: dict[str, str]


class SourcePage(BaseModel):
    id: str
    url: str
    name: str
    kind: str
    claims: int
    incidents: int
    outlets: list[dict[str, Any]]
    items: list[IncidentSummary]
    links: dict[str, str]


class TimelineDay(BaseModel):
    day: str
    incidents: int
    killed_low: int
    killed_best: int
    killed_high: int


class Error(BaseModel):
    error: str
    status: int


class QueueItem(BaseModel):
    row_id: int
    url: str
    doc_id: str
    key: str
    event: str
    event_date: str | None = None
    outlet: str | None = None
    title: str | None = None
    evidence: str
    priority: int
    reasons: list[str]
    state: str | None = None  # None, or the review state of a flagged claim
    flag_note: str | None = None


class ReviewQueue(BaseModel):
    """``/review.json``: what needs a look first (reviewers only), with progress."""

    items: list[QueueItem]
    page: int
    pages: int
    waiting: int
    reviewed: int
    total: int
    progress: float
    by_reason: dict[str, int]
    filters: dict[str, str | None]
