"""The extraction pipeline: a pure function of (text, metadata) → Report.

read → normalise → segment → tag → assemble claims → map spans back.  No I/O,
no global state mutated (language data and gazetteer are loaded once and only
read), deterministic: the same input gives the same output, which is what lets
``--jobs N`` and a Dask cluster run it unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
from collections.abc import Callable
from typing import Any

from shahid import __version__
from shahid.assemble import Assembler, DraftClaim, Tags
from shahid.lang.loader import NOT_AN_ACTOR, Language, load_language
from shahid.tag.lexicon import LexiconSet, WordIndex
from shahid.tag.tags import group_hits
from shahid.text.normalize import NormText, normalize
from shahid.text.segment import sentences, windows
from shahid.types import Actor, Claim, Count, DateValue, DocumentMeta, Evidence, Group, Place, Report, Source

ENGINE = f"shahid-ling/{__version__}"


class ExtractionError(ValueError):
    """The input cannot be extracted (e.g. a malformed publication date)."""


def doc_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# publication dates that relative dates («أمس», «قبل عشر سنوات», «الشهر المقبل») can be counted from
_COUNTABLE_FROM = (dt.date(100, 1, 1), dt.date(9899, 12, 31))


def _parse_published(published: str | dt.date | None) -> dt.date | None:
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError as e:
        raise ExtractionError(f"published must be YYYY-MM-DD, got {published!r}") from e


def tag(norm: str, lang: Language, published: dt.date | None, words: WordIndex | None = None) -> Tags:
    """Run every tagger over the normalised text.  Every claim starts at an event word: a text without
    one gets no other tags (nothing would read them)."""
    from shahid.geo import Gazetteer

    words = words if words is not None else WordIndex(norm)
    triggers = group_hits(lang.triggers.hits(norm, words))
    if not triggers:
        return Tags(triggers=[], actors=[], groups=[], reporting=[], sources=[], cues=[], quantities=[], dates=[],
                    places=[])
    # the number and date grammars are code of the language pack (shahid/lang/XX/numbers.py, dates.py)
    grammar = importlib.import_module(f"shahid.lang.{lang.code}.numbers")
    calendar = importlib.import_module(f"shahid.lang.{lang.code}.dates")
    actors, groups, reporting, sources, cues = _other_tables(lang).hits(norm, words)
    return Tags(
        triggers=triggers,
        actors=[t for t in group_hits(actors) if t.payload is not NOT_AN_ACTOR],
        groups=group_hits(groups),
        reporting=group_hits(reporting),
        sources=group_hits(sources),
        cues=group_hits(cues),
        quantities=grammar.find_quantities(norm),
        dates=calendar.find_dates(norm, published),
        places=Gazetteer.load(lang=lang.code).find_places(norm),  # the names of the text's language
    )


_OTHER_TABLES: dict[int, tuple[Language, LexiconSet]] = {}


def _other_tables(lang: Language) -> LexiconSet:
    """The language's tables after the triggers, matched in one pass (``LexiconSet``), built once per
    loaded language."""
    got = _OTHER_TABLES.get(id(lang))
    if got is None or got[0] is not lang:
        got = _OTHER_TABLES[id(lang)] = (lang, LexiconSet([lang.actors, lang.groups, lang.reporting, lang.sources,
                                                           lang.cues]))
    return got[1]


def extract(
    text: str,
    published: str | dt.date | None = None,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    lang: str | None = None,
    model: bool | Callable[[list[DraftClaim], Any], list[DraftClaim]] = True,
) -> Report:
    """Extract every claim in ``text``.

    When ``title`` is None the first line of ``text`` is the headline: it is
    reported as the title and yields no claims of its own (a headline repeats
    the body).  ``published`` (``YYYY-MM-DD``) resolves relative dates; without
    it they stay unresolved (value null, text and span kept).  ``lang`` is
    detected when not given; a language without a language pack yields no
    claims and says so in ``warnings``.  ``model=False`` gives the rules alone; by
    default the learned judge (``shahid.learn``, docs/judge.md) drops the proposed
    claims it reads as no specific event (it never adds or changes a claim); a
    callable ``(drafts, shahid.learn.features.DocView) -> drafts`` is used as the
    judge (training reads the proposals through it).
    """
    from shahid.read.language import detect_language, packs

    pub = _parse_published(published)
    warnings: list[str] = []
    lang = lang or detect_language(text)
    skip_until = 0
    if title is None:
        first, _, rest = text.partition("\n")
        title = first.strip() or None
        # a headline repeats its body and yields nothing of its own; a document with no body
        # (one line, or a line and blank lines) is all body
        skip_until = len(first) if rest.strip() else 0
    meta = DocumentMeta(id=doc_id(text), title=title, outlet=outlet,
                        published=pub.isoformat() if pub else None, url=url, lang=lang)
    if lang not in packs():
        warnings.append(f"language {lang!r}: no language pack for it (packs: {', '.join(sorted(packs()))}), "
                        "so no claims were extracted")
        return Report(doc=meta, claims=[], engine=ENGINE, warnings=warnings)
    if pub is not None and not _COUNTABLE_FROM[0] <= pub <= _COUNTABLE_FROM[1]:
        warnings.append(f"publication date {pub.isoformat()} is too near the end of the calendar to count "
                        "from: relative dates are left unresolved")
        pub_for_dates = None
    else:
        pub_for_dates = pub
    language = load_language(lang)
    nt = normalize(text)
    words = WordIndex(nt.text)
    tags = tag(nt.text, language, pub_for_dates, words)
    # an over-long unpunctuated run is cut into windows, each assembled like a sentence
    sents = windows(nt.text, sentences(nt.text))
    # skip_until is an original offset; the headline has no deletions that matter here,
    # but map it anyway through the normalised text's index
    norm_skip = _norm_offset(nt, skip_until)
    drafts = Assembler(language, nt.text, tags, sents, norm_skip, words, meta.published,
                       nt.slice_original).run()
    if model is not False:
        drafts = _judge(drafts, nt.text, tags, sents, words, pub_for_dates, norm_skip, model, lang)
    claims = [_to_claim(i, d, nt) for i, d in enumerate(drafts)]
    return Report(doc=meta, claims=claims, engine=ENGINE, warnings=warnings)


def _judge(drafts: list[DraftClaim], norm: str, tags: Tags, sents: list[Any], words: WordIndex,
           pub: dt.date | None, skip: int, model: Any, lang: str) -> list[DraftClaim]:
    from shahid.learn import judge
    from shahid.learn.features import DocView

    if not drafts:
        return drafts
    doc = DocView(norm, tags, sents, words.starts, words.ends, pub, skip)
    kept: list[DraftClaim] = model(drafts, doc) if callable(model) else judge(drafts, doc, lang=lang)
    return kept


def _norm_offset(nt: NormText, orig: int) -> int:
    if nt.index is None or orig == 0:
        return orig
    import bisect

    return bisect.bisect_left(nt.index, orig)


def _span(nt: NormText, a: int, b: int) -> tuple[str, tuple[int, int]]:
    oa, ob = nt.to_original(a, b)
    return nt.original[oa:ob], (oa, ob)


def _to_claim(i: int, d: DraftClaim, nt: NormText) -> Claim:
    def actor(x: tuple[str, int, int]) -> Actor:
        t, sp = _span(nt, x[1], x[2])
        return Actor(x[0], t, sp)

    def group(x: tuple[str, int, int]) -> Group:
        t, sp = _span(nt, x[1], x[2])
        return Group(x[0], t, sp)

    counts = []
    for c in d.counts:
        t, sp = _span(nt, c.start, c.end)
        counts.append(Count(c.kind, c.group, c.value, c.low, c.high, c.qualifier, t, sp))
    place = _place(d.place, nt) if d.place is not None else None
    date = None
    if d.date is not None:
        t, sp = _span(nt, d.date.start, d.date.end)
        date = DateValue(d.date.value, d.date.precision, t, sp)
    source = None
    if d.source is not None:
        t, sp = _span(nt, d.source[2], d.source[3])
        source = Source(d.source[0], d.source[1], t, sp)
    et, esp = _span(nt, *d.evidence)
    tt, tsp = _span(nt, *d.trigger)
    return Claim(
        id=f"c{i + 1}", event=d.event, method=d.method,
        perpetrators=[actor(x) for x in d.perpetrators], victims=[group(x) for x in d.victims],
        counts=counts, location=place, date=date, source=source, certainty=d.certainty,
        evidence=Evidence(et, esp), trigger=Evidence(tt, tsp),
    )


def _place(p: Any, nt: NormText) -> Place:
    t, sp = _span(nt, p.start, p.end)
    return Place(
        name=p.name, place_id=p.place_id, admin1=p.admin1, country=p.country, lat=p.lat, lon=p.lon,
        precision=p.precision, text=t, span=sp, coord_precision=p.coord_precision,
        candidates=[dict(c) for c in p.candidates],
    )
