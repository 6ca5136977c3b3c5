"""The JSON twins' response models (pydantic): what ``/openapi.json`` describes.

The models name every field a page relies on; the stored records they carry (incident records,
claims of the contract) may hold more (``extra="allow"``), which the schema permits."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field


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
    rejected: list[Claim] = []  # the claims reviewers rejected: not in ``claims``, kept in the ledger
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


# -- the bodies of the review writes (``POST P/review``): JSON, or the same names as form fields ----------

SpanPair = list[int]  # [start, end]: code-point offsets into the stored document text
Note = Annotated[str | None, Field(description="free text kept in the review log")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="allow")


class ClaimConfirm(_Body):
    """The claim is right as shown."""

    action: Literal["confirm"]
    optional: bool | None = Field(None, description="gold: the claim is optional (a scorer does not count it missing)")
    note: Note = None


class ClaimCorrect(_Body):
    """One field gets the reviewer's value; the value keeps a span into the article
    (``span`` + ``text``, or ``start``/``end``/``text``), or ``not_in_text`` makes it null."""

    action: Literal["correct"]
    field: Literal["event", "method", "perpetrators", "victims", "counts", "location", "date", "source",
                   "certainty"]
    value: Any = Field(None, description="a code (event, method, certainty, a source type, an actor or a victim "
                                         "group), a gazetteer place id (location), YYYY-MM-DD (date), a count "
                                         "object, or a list of items each with its span")
    span: SpanPair | None = Field(None, min_length=2, max_length=2)
    start: int | None = None
    end: int | None = None
    text: str | None = Field(None, description="the selected words: must equal the document at the span")
    not_in_text: bool = False
    note: Note = None


class ClaimReject(_Body):
    """Not a claim at all: left out of lists, incidents, exports and gold."""

    action: Literal["reject"]
    reason: Literal["not_a_claim", "figurative", "hypothetical", "background", "duplicate", "wrong_event", "other"]
    note: Note = Field(None, description="required with reason other")


class ClaimMove(_Body):
    """Into another incident (its key), or out into a new one (``new`` or null)."""

    action: Literal["move"]
    incident: str | None = None
    note: Note = None


ClaimReview = Annotated[ClaimConfirm | ClaimCorrect | ClaimReject | ClaimMove, Field(discriminator="action")]


class DocumentAdd(_Body):
    """A claim the engine missed: its evidence selected in the article, its fields."""

    action: Literal["add"]
    event: str | None = Field(None, description="the event code (else in fields)")
    evidence: SpanPair | None = Field(None, min_length=2, max_length=2)
    evidence_start: int | None = None
    evidence_end: int | None = None
    evidence_text: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    trigger_text: str | None = None
    fields: dict[str, Any] | str | None = Field(None, description="field values (a form sends them as JSON text)")
    optional: bool = False
    note: Note = None


class DocumentConfirm(_Body):
    """Every claim of the document not yet reviewed is right, and none is missing (the document is gold)."""

    action: Literal["confirm"]
    note: Note = None


DocumentReview = Annotated[DocumentAdd | DocumentConfirm, Field(discriminator="action")]


class IncidentMove(_Body):
    """A claim (row id) of this incident moved to another incident (``to``) or out into a new one."""

    action: Literal["move"]
    claim: int | str
    to: str | None = None
    note: Note = None


class IncidentMerge(_Body):
    """Another incident (``with``) merged into this one."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)
    action: Literal["merge"]
    with_: str = Field(alias="with")
    note: Note = None


IncidentReview = Annotated[IncidentMove | IncidentMerge, Field(discriminator="action")]


class ReviewDone(BaseModel):
    """A JSON review request that was carried out (a form gets a 303 back to its page)."""

    model_config = ConfigDict(extra="allow")
    ok: Literal[True]
    log: list[int] = Field(default_factory=list, description="the ids of the review log rows it wrote")


class FeatureCollection(BaseModel):
    """GeoJSON (RFC 7946): one Point feature per incident with coordinates."""

    model_config = ConfigDict(extra="allow")
    type: Literal["FeatureCollection"]
    features: list[dict[str, Any]]
