"""What linking knows of a claim: :class:`LinkClaim`, built from a CLAIMS.md claim dict and its
document's context (outlet, copy group, credit line), with the values the pair test compares
precomputed (day, place and its ancestors, perpetrator roots, count figures, evidence words,
originator)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any

from shahid.link.config import LinkConfig
from shahid.link.originators import Originator, OriginatorResolver
from shahid.link.places import ancestors, population, region_extent
from shahid.text.normalize import normalize_key

_WORD_RE = re.compile(r"\w+")
_ARTICLE_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_NIGHT_PREFIXES = (*_ARTICLE_PREFIXES, "و", "ب", "ف", "وب")
#: coordinates of these precisions locate a place to a few km (a city's outskirts, not a quarter)
_ROUGH_COORDS = frozenset({"site", "neighbourhood", "region", "town", "subdistrict"})


@dataclass(frozen=True, slots=True)
class DocInfo:
    """A document as linking sees it."""

    id: str
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    stamp: str = ""  # publication time for ordering (ISO; "" when unknown)
    title: str | None = None
    url: str | None = None
    credit: str | None = None  # the agency its credit line names (originator id)
    origin: str | None = None  # the first document of its copy group (itself when it is the first)
    lang: str | None = None  # the language of its text (None: the default language)

    @property
    def order(self) -> tuple[str, str]:
        return (self.stamp or self.published or "9999", self.id)

    @property
    def is_copy(self) -> bool:
        return self.origin is not None and self.origin != self.id


@dataclass(frozen=True, slots=True)
class Figure:
    """One count a claim gives, as a figure to reconcile."""

    kind: str
    group: str | None  # None = everyone (no group, people, residents)
    point: int  # the figure: value, else low, else high
    lo: float  # the interval the text allows
    hi: float
    qualifier: str


@dataclass(frozen=True, slots=True)
class LinkClaim:
    uid: str  # "<doc id>:<claim id>": the same in every ledger
    key: str
    row_id: int | None
    doc: DocInfo
    claim: dict[str, Any]
    event: str
    method: str | None
    day: int | None  # ordinal of the event day (stated, else publication), None when unknown or not a day
    day_lo: int | None  # earliest day it may be: the stated day, else publication − report_lag_days
    explicit_day: bool  # the text states the day (not only the publication date)
    place_id: str | None
    place_key: str | None  # normalised name
    place_rank: int | None  # precision rank (0 = site … country); None without a place
    country: str | None
    lat: float | None  # the place's own coordinates (None when they are only of a wider place)
    lon: float | None
    ancestors: tuple[str, ...]
    area: str | None  # the governorate-level area a located claim is in (blocking key)
    big_city: bool  # the place is a large city (sharing it is weak evidence)
    big_town: bool  # the place is in (or is) a large city
    perps: frozenset[str]  # actor roots named (without "unknown")
    victims: frozenset[str]
    figures: tuple[Figure, ...]
    certainty: str
    originator: Originator
    tokens: frozenset[str]
    extent: str | None = None  # a region not inside one town: the governorate/country it may stand for
    rough_lat: float | None = None  # coordinates of the place or of the town/subdistrict it is in
    rough_lon: float | None = None  # (good to a few km: enough to tell a city's outskirts)
    main_figures: tuple[Figure, ...] = ()  # per (kind, group) the largest figure: the claim's toll
    toll: bool = False  # a toll with no act: a casualty word ("killed", "the toll") and no act in its sentence
    casualty: bool = False  # a killing named only by a casualty word (whatever else its sentence tells)
    overnight: bool = False  # its date is a night that spans two days (resolved to the first)
    sentence: str = ""  # "<doc id>:<evidence start>": claims of one sentence are one report
    places_named: int = 0  # distinct places (not one inside another, no country) its sentence names

    @property
    def day_hi(self) -> int | None:
        """The latest day it may be: a stated night reaches into the next day."""
        if self.day is None:
            return None
        return self.day + 1 if (self.overnight and self.explicit_day) else self.day

    @property
    def located(self) -> bool:
        return self.place_rank is not None

    @property
    def origin(self) -> str:
        return self.doc.origin or self.doc.id


def claim_uid(doc_id: str, key: str) -> str:
    return f"{doc_id}:{key}"


def evidence_tokens(text: str, stopwords: frozenset[str]) -> frozenset[str]:
    out = set()
    for w in _WORD_RE.findall(normalize_key(text)):
        for p in _ARTICLE_PREFIXES:
            if w.startswith(p) and len(w) - len(p) >= 3:
                w = w[len(p):]
                break
        else:
            if w.startswith("و") and len(w) >= 5:
                w = w[1:]
        if len(w) >= 2 and w not in stopwords:
            out.add(w)
    return frozenset(out)


@cache
def _language_cues(lang: str | None) -> tuple[Any, frozenset[str]]:
    """The language's event words (which are acts, which only name a toll) and its night words."""
    from shahid.lang.loader import load_data, load_language

    language = load_language(lang) if lang else load_language()
    try:
        night = frozenset(normalize_key(str(w)) for w in load_data(language.code, "dates.yaml")["night_words"])
    except (KeyError, ValueError):
        night = frozenset()
    return language.triggers, night


def is_toll(claim: dict[str, Any], lang: str | None = None) -> bool:
    """A toll with no act: a ``killing`` claim with no method whose trigger only names the dead
    (a casualty word of the language's triggers: "were killed", "the toll", or a round-up's bare
    figure), not an act of killing (an assassination, a massacre)."""
    if claim.get("event") != "killing" or claim.get("method"):
        return False
    trig = str((claim.get("trigger") or {}).get("text") or "")
    return bool(trig) and _casualty_word(trig, lang)


@lru_cache(maxsize=4096)
def _casualty_word(trigger: str, lang: str | None) -> bool:
    matcher, _ = _language_cues(lang)
    roles = {getattr(m.payload, "role", None) for m in matcher.find_all(normalize_key(trigger))}
    return "act" not in roles  # a casualty word, or no event word at all (a round-up's figure)


def is_overnight(claim: dict[str, Any], lang: str | None = None) -> bool:
    """The claim's date is a night ("the night of Thursday to Friday", "last night"): two days."""
    text = normalize_key(str((claim.get("date") or {}).get("text") or ""))
    if not text:
        return False
    _, night = _language_cues(lang)
    words = set(_WORD_RE.findall(text))
    return any((n in text) if " " in n else any(w == n or w in {p + n for p in _NIGHT_PREFIXES} for w in words)
               for n in night)


@lru_cache(maxsize=65536)
def places_named(text: str, lang: str | None = None) -> int:
    """How many distinct places a sentence names (a country, and a place inside another named
    one, do not count): a round-up of the day names several.  Read with the gazetteer of the
    text's language (``lang``; None: the Arabic one, the default language's)."""
    from shahid.geo import Gazetteer
    from shahid.geo.gazetteer import LANGUAGES
    from shahid.text.normalize import normalize

    gaz = Gazetteer.load(lang=lang if lang in LANGUAGES else "ar")
    ids = {m.place_id: set(m.parent_ids) for m in gaz.find_places(normalize(text).text)
           if m.place_id and m.precision != "country"}
    return sum(1 for i in ids if not any(i in parents for j, parents in ids.items() if j != i))


def _figure(c: dict[str, Any], cfg: LinkConfig) -> Figure | None:
    value, low, high = c.get("value"), c.get("low"), c.get("high")
    point = value if value is not None else (low if low is not None else high)
    if point is None:
        return None
    q = str(c.get("qualifier") or "exact")
    if q == "exact":
        lo = hi = float(point)
    elif q == "approx":
        lo, hi = point * 0.85, point * 1.15
    elif q == "at_most":
        lo, hi = 0.0, float(high if high is not None else point)
    elif q == "range":
        lo, hi = float(low if low is not None else point), float(high if high is not None else point)
    else:  # at_least, vague
        lo, hi = float(low if low is not None else point), math.inf
    g = c.get("group")
    group = None if g is None or g in cfg.general_groups else str(g)
    return Figure(str(c.get("kind")), group, int(point), lo, hi, q)


def _day(claim: dict[str, Any], published: str | None) -> tuple[int | None, bool]:
    d = claim.get("date")
    if d:
        if d.get("value") and (d.get("precision") or "day") == "day":
            try:
                return date.fromisoformat(str(d["value"])[:10]).toordinal(), True
            except ValueError:
                return None, False
        return None, False  # a week, month or year, or an unresolved day: not a day to match on
    if published:
        try:
            return date.fromisoformat(published[:10]).toordinal(), False
        except ValueError:
            return None, False
    return None, False


def act_sentences(claims: Iterable[dict[str, Any]], lang: str | None = None) -> frozenset[int]:
    """Where a document's act claims are (their evidence starts): a toll told in the sentence of
    an act is that act's toll, not a toll with no act."""
    return frozenset(int(sp[0]) for c in claims
                     if not is_toll(c, lang) and (sp := (c.get("evidence") or {}).get("span")))


def _scope_toll(claim: dict[str, Any], rank: int | None, cfg: LinkConfig) -> bool:
    """A killing with no method placed no finer than a governorate: a toll of a wide area."""
    return (claim.get("event") == "killing" and not claim.get("method")
            and rank is not None and rank >= cfg.coarse_rank)


def build(claim: dict[str, Any], doc: DocInfo, cfg: LinkConfig, resolver: OriginatorResolver, *,
          row_id: int | None = None, origin_doc: DocInfo | None = None,
          acts: frozenset[int] | None = None) -> LinkClaim:
    """The :class:`LinkClaim` of ``claim`` in ``doc``; ``origin_doc`` is the first document of
    the copy group when ``doc`` is a later copy; ``acts`` the evidence starts of the document's
    act claims (:func:`act_sentences`)."""
    key = str(claim["id"])
    day, explicit = _day(claim, doc.published)
    loc = claim.get("location") or None
    place_id = place_key = country = None
    rank: int | None = None
    lat = lon = rough_lat = rough_lon = None
    anc: tuple[str, ...] = ()
    area: str | None = None
    if loc:
        place_id = loc.get("place_id") or None
        name = loc.get("name") or loc.get("text")
        place_key = normalize_key(str(name)) if name else None
        rank = cfg.precision_rank.get(str(loc.get("precision") or "town"), cfg.precision_rank.get("town", 3))
        country = loc.get("country") or None
        lat, lon = loc.get("lat"), loc.get("lon")
        cp = loc.get("coord_precision")
        if cp is None or cp in _ROUGH_COORDS:
            rough_lat, rough_lon = lat, lon
        if cp is not None and cp != loc.get("precision"):
            lat = lon = None  # a neighbourhood placed at its city's centre says nothing about nearness
        if place_id:
            anc = ancestors(str(place_id))
            area = anc[-2] if len(anc) >= 2 else str(place_id)
        elif place_key:
            area = f"name:{place_key}"
    perps = frozenset(str(a.get("actor", "")).split("/", 1)[0] for a in claim.get("perpetrators") or ()) - {
        "unknown", ""}
    victims = frozenset(str(g.get("group")) for g in claim.get("victims") or () if g.get("group"))
    figures = tuple(f for c in claim.get("counts") or () if (f := _figure(c, cfg)) is not None)
    main: dict[tuple[str, str | None], Figure] = {}
    for f in figures:
        k = (f.kind, f.group)
        if k not in main or f.point > main[k].point:
            main[k] = f
    evidence = claim.get("evidence") or {}
    ev_text = str(evidence.get("text") or "")
    span = evidence.get("span") or ()
    sentence = f"{doc.id}:{span[0]}" if span else f"{doc.id}:{normalize_key(ev_text)}"
    origin = origin_doc if (origin_doc is not None and doc.is_copy) else None
    casualty = is_toll(claim, doc.lang)
    orig = resolver.resolve(claim, outlet=doc.outlet, credit=doc.credit,
                            origin_outlet=origin.outlet if origin else None,
                            origin_credit=origin.credit if origin else None,
                            is_copy=origin is not None, doc_id=doc.id, norm_evidence=normalize_key(ev_text))
    return LinkClaim(
        uid=claim_uid(doc.id, key), key=key, row_id=row_id, doc=doc, claim=claim,
        event=str(claim.get("event")), method=claim.get("method") or None, day=day,
        day_lo=None if day is None else (day if explicit else day - cfg.report_lag_days), explicit_day=explicit,
        place_id=str(place_id) if place_id else None, place_key=place_key, place_rank=rank, country=country,
        lat=float(lat) if lat is not None else None, lon=float(lon) if lon is not None else None,
        ancestors=anc, area=area,
        big_city=bool(place_id) and (population(str(place_id)) or 0) >= cfg.big_city,
        big_town=bool(place_id) and any((population(p) or 0) >= cfg.big_city for p in (str(place_id), *anc[:1])),
        perps=perps, victims=victims, figures=figures,
        certainty=str(claim.get("certainty") or "asserted"), originator=orig,
        tokens=evidence_tokens(ev_text, cfg.stopwords),
        extent=region_extent(str(place_id)) if place_id else None,
        rough_lat=float(rough_lat) if rough_lat is not None else None,
        rough_lon=float(rough_lon) if rough_lon is not None else None,
        main_figures=tuple(main.values()),
        toll=((casualty or _scope_toll(claim, rank, cfg))
              and not (span and acts is not None and int(span[0]) in acts)),
        casualty=casualty,
        overnight=is_overnight(claim, doc.lang),
        sentence=sentence,
        places_named=places_named(ev_text, doc.lang) if (ev_text and rank is not None) else 0,
    )
