"""Claim assembly: from tagged sentences to claims.

This is where linguistic judgement lives; it follows the annotation rules of
CLAIMS.md.  It holds no Arabic: every word it reacts to comes from the language
data (triggers, actors, groups, attribution, cues) through :class:`Tags`.

Per sentence:
1. cut clauses at clause openers;
2. per clause, take the act triggers that are not under a negation, an irrealis
   cue (threat, call, attempt) or a state marker ("under the control of");
   one claim per distinct event; toll words (casualty triggers) merge into the
   clause's violent act, or make a claim of their own when there is none;
3. roles from the clause: perpetrators (actors not in target position; both
   sides of a clash), victims (group nouns), counts (numbers next to a count
   noun or a trigger), place (most precise in the clause, else the sentence,
   else the paragraph's "وفي X،" frame), date (clause, else sentence);
4. attribution from the sentence: the reporting verb or marker that governs
   the clause, its source, and the certainty the verb claims; a quotation
   opened in an attributed sentence carries its source until it closes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from shahid.lang.loader import ActorEntry, Language, ReportingEntry, SourceEntry, TriggerEntry
from shahid.tag.country import adjective_countries, armed_actor, state_actor, story_country
from shahid.tag.lexicon import Match, WordIndex
from shahid.text.segment import Sentence

# Events whose victims are harmed people (their numbers count the dead by default).
_HARM_EVENTS = {"attack", "airstrike", "shelling", "bombing", "execution", "killing", "torture",
                "sexual_violence", "detention", "forced_recruitment", "displacement", "casualties_found", "siege"}
_DEFAULT_KIND = {"detention": "detained", "displacement": "displaced", "casualties_found": "bodies",
                 "forced_recruitment": None, "siege": None, "territory_change": None, "protest": None,
                 "agreement": None}
# Which act absorbs a toll word of the clause, most specific first.
_ACT_PRIORITY = ("execution", "airstrike", "shelling", "bombing", "killing", "torture", "sexual_violence",
                 "attack", "detention", "displacement", "casualties_found", "forced_recruitment", "siege",
                 "territory_change", "protest", "agreement")
# An act that swallows another found in the same clause (the other is how it was done).
_ABSORBS = {"forced_recruitment": {"attack"}, "execution": {"killing"}}
# A generic act refined by a method word of the clause ("قصف بالطائرات" is an air strike).
_REFINE = {("shelling", "airstrike"), ("attack", "airstrike"), ("attack", "shelling"), ("attack", "bombing"),
           ("killing", "airstrike")}
# Events whose claims name no perpetrator (bodies found, people fleeing: the text's actors are context).
_NO_AGENT_EVENTS = {"casualties_found", "displacement"}
_ARMED_TARGET_EVENTS = {"attack", "airstrike", "shelling", "bombing", "killing", "execution"}
_VIOLENT = {"attack", "airstrike", "shelling", "bombing", "execution", "killing", "torture", "sexual_violence"}
# which count kinds a claim of each event may carry
_KINDS_FOR = {"displacement": {"displaced"}, "detention": {"detained", "missing"},
              "casualties_found": {"bodies"}, "forced_recruitment": {"detained"}, "territory_change": set(),
              "agreement": set(), "siege": {"killed", "injured"}}
_KINDS_DEFAULT = {"killed", "injured", "bodies", "missing"}
_SPECIFIC_ATTACKS = {"shelling", "airstrike", "bombing", "execution"}
# the source type (CLAIMS.md) of an actor that speaks: a state's forces speak as its government,
# another state's as its officials, an armed group as itself
_ACTOR_VOICE = {"state": "government", "foreign": "official", "armed": "armed_group"}
# source types (CLAIMS.md) that bear no arms: their "attacks" are words
_UNARMED_VOICES = frozenset({"intl_org", "media", "unspecified", "activist", "medical"})
# acts done to persons: a number right at their word counts people even with no noun ("اعتقل 5")
_PERSON_ACTS = {"killing", "execution", "detention", "torture", "sexual_violence", "displacement",
                "casualties_found", "forced_recruitment"}
# the kinds a war's running total is given in (measures.yaml war_toll_from)
_TOLL_KINDS = {"killed", "injured", "missing"}
# a word opening with the conjunction و between a trigger and a number starts a new conjunct
# (و and at least three letters: "وسط", "وقع" are words of their own)
_NEW_CONJUNCT = re.compile(r"(?<!\w)و\w{3}")
_YEAR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
# an act dated this many days or more before publication is recalled background, not news
RECALL_DAYS = 30
# how many words may stand between a report and its author ("تقرير للجنة تابعة للأمم المتحدة")
DOCUMENT_REACH = 4
# an actor adjective qualifies the act noun right before it, past at most one other adjective
# ("الطائرات الحربية الإسرائيلية")
ADJECTIVE_GAP = 1
# how far before an act noun with a possessive suffix ("غاراته") its possessor may be named
POSSESSOR_REACH = 8
# a date this close after a reporting verb or its source dates the statement ("قال المرصد الثلاثاء")
SPEECH_DATE_GAP = 1
# an actor this many words after a number that follows the act is what the number counts
COUNTED_GAP = 3
# how many words after a source may be its speaker's name
NAME_WORDS = 3
_PRECISION_RANK = {"site": 0, "neighbourhood": 1, "town": 2, "district": 3, "region": 4, "governorate": 5,
                   "country": 6}
_DATELINE = re.compile(r"[^\n()]{2,60}?\([^)\n]{1,20}\)\s*[-–—]{1,2}|[^\n\-–—]{2,40}?\s[-–—]{2}")
_DATELINE_DASH = re.compile(r"\s*([^\s\-–—،,.:()][^\n\-–—،,.:()]{1,30}?)\s*[-–—]\s")
# a comma, then a word that begins with the conjunction و (the one letter the engine knows:
# clause coordination is orthographic, not lexical)
_COMMA_WA = re.compile(r"[،,]\s*(?=و\w)")
# what may stand between two coordinated place names: a comma and/or the conjunction clitic
# (a type word such as "بلدات" is part of the next place mention or a short noun before it; a short
# parenthesis may follow a name: "إدلب (شمال غرب) والرقة (شمال)")
_COORDINATION = re.compile(r"\s*(?:\([^()\n]{0,25}\)\s*)?[،,]?\s*(?:و\w{0,6}\s+)?و?")
# two whitespace-separated words from the match position on (``len(s.split()) > 1`` without the slice)
_TWO_WORDS = re.compile(r"\s*\S+\s+\S")


def _has_event(tags: list[Tag]) -> bool:
    """Can this stretch state an event of its own? (", وإصابة 30 آخرين" only adds to the one before.)"""
    return any(p.role == "act" or (p.role == "casualty" and p.standalone) for t in tags for p in t.payloads)


@dataclass(slots=True)
class Tag:
    start: int
    end: int
    payloads: list[Any]
    prefix: str = ""  # the proclitics before the words (و، ب، لل …)

    @property
    def payload(self) -> Any:
        return self.payloads[0]


@dataclass(slots=True)
class Tags:
    """Everything the taggers found in one document (normalised offsets)."""

    triggers: list[Tag]
    actors: list[Tag]
    groups: list[Tag]
    reporting: list[Tag]
    sources: list[Tag]
    cues: list[Tag]
    quantities: list[Any]  # shahid.lang.ar.numbers.Quantity
    dates: list[Any]  # shahid.lang.ar.dates.DateMention
    places: list[Any]  # shahid.geo.PlaceMention


@dataclass(slots=True)
class Attribution:
    source: Tag | None  # the source mention
    source_entry: SourceEntry | None
    certainty: str
    verb: Tag | None
    speaker_actor: ActorEntry | None = None  # the source is also an actor (its "إنه" is itself)


@dataclass(slots=True)
class DraftCount:
    kind: str
    group: str | None
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    start: int
    end: int


@dataclass(slots=True)
class DraftClaim:
    """A claim in normalised offsets; extract.py maps it to the original text."""

    event: str
    method: str | None
    trigger: tuple[int, int]
    evidence: tuple[int, int]
    perpetrators: list[tuple[str, int, int]] = field(default_factory=list)
    victims: list[tuple[str, int, int]] = field(default_factory=list)
    counts: list[DraftCount] = field(default_factory=list)
    place: Any = None
    date: Any = None
    source: tuple[str, str, int, int] | None = None  # name, type, start, end
    certainty: str = "asserted"
    clash: bool = False  # the act is a fight between sides
    hypothetical: bool = False  # governed by a warning, call or demand: no claim
    background: bool = False  # a cumulative war toll ("منذ بدء الثورة"): not this report's news


def _anchored(d: DraftClaim, nominal: bool, running_date: bool = False) -> bool:
    """A reportable event statement says at least one concrete thing beyond its kind: who, to whom,
    how many, where or when.  "مسلسل الاغتيالات" or "تبرير القتل" name an act but report none; a noun
    alone ("الهجوم على غزة") needs an agent, a number or a day to count as a report."""
    if nominal:
        # a place counts when the report has a running date: "the strikes hit Idlib" in a dated story;
        # a month or a year ("اغتيال الحريري في فبراير 2005") dates a memory, not a report
        dated = d.date is not None and d.date.precision == "day"
        # a whole country does not place a noun's act ("التعذيب في سوريا" is a topic, not a report)
        placed = d.place is not None and d.place.precision != "country"
        return bool(d.perpetrators or d.counts or dated or (running_date and placed))
    return bool(d.perpetrators or d.victims or d.counts or d.place is not None or d.date is not None)


def _restatements_dropped(claims: list[DraftClaim]) -> list[DraftClaim]:
    """One claim per event statement: a sentence that states the same act twice ("وثقت مقتل 228
    شخصا … وارتفعت الحصيلة") keeps the fuller claim.  A claim is a restatement of another of the same
    event when it adds nothing: no count, no other place, no other perpetrator or victim group."""

    def place_id(d: DraftClaim) -> Any:
        return None if d.place is None else (d.place.place_id or d.place.name)

    def adds_nothing(x: DraftClaim, y: DraftClaim) -> bool:
        return (x.event == y.event and not x.counts and (x.place is None or place_id(x) == place_id(y))
                and {p[0] for p in x.perpetrators} <= {p[0] for p in y.perpetrators}
                and {v[0] for v in x.victims} <= {v[0] for v in y.victims})

    kept: list[DraftClaim] = []
    for i, x in enumerate(claims):
        # of two equal claims the first stays
        if any(adds_nothing(x, y) and not (adds_nothing(y, x) and j > i) for j, y in enumerate(claims) if j != i):
            continue
        kept.append(x)
    return kept


def _with_place(d: DraftClaim, place: Any) -> DraftClaim:
    return DraftClaim(event=d.event, method=d.method, trigger=d.trigger, evidence=d.evidence,
                      perpetrators=list(d.perpetrators), victims=list(d.victims), counts=[], place=place,
                      date=d.date, source=d.source, certainty=d.certainty)


def group_matches(matches: list[Match]) -> list[Tag]:
    """Leftmost-longest non-overlapping spans, each with every payload found for it."""
    out: list[Tag] = []
    last_end = -1
    cur: Tag | None = None
    # by start, longest first; equal spans are adjacent and share one Tag
    for m in sorted(matches, key=lambda m: (m.start, -m.end)):
        if cur is not None and m.start == cur.start and m.end == cur.end:
            if m.payload not in cur.payloads:
                cur.payloads.append(m.payload)
            continue
        if m.start >= last_end:
            cur = Tag(m.start, m.end, [m.payload], m.prefix)
            out.append(cur)
            last_end = m.end
        else:
            cur = None
    return out


def _off_places(quantities: list[Any], places: list[Any]) -> list[Any]:
    """The quantities whose number words are not (part of) a place name; both lists sorted by start."""
    starts = [p.start for p in places]
    out = []
    for q in quantities:
        i = bisect.bisect_left(starts, q.num_end)
        if not any(places[j].end > q.num_start for j in range(max(0, i - 3), i)):
            out.append(q)
    return out


def _overlaps(t: Any, others: list[Any]) -> bool:
    return any(o.start < t.end and t.start < o.end for o in others)


class Assembler:
    def __init__(self, lang: Language, text: str, tags: Tags, sentences: list[Sentence], skip_until: int,
                 words: WordIndex | None = None, published: str | None = None,
                 original: Callable[[int, int], str] | None = None):
        self.published = published
        # the original text of a normalised span (for what normalisation merges, like ه and ة)
        self.original = original or (lambda a, b: text[a:b])
        self.lang = lang
        self.text = text
        self.tags = tags
        self.sentences = sentences
        self.skip_until = skip_until  # claims in the headline are not extracted (it repeats the body)
        # a place name is never a number: the village «بليون» is not "a billion"
        if tags.places and tags.quantities:
            tags.quantities = _off_places(tags.quantities, tags.places)
        # a dateline ("بيروت (ا ف ب) -", "دبي، الإمارات (CNN) --") names where the report was
        # filed, not where anything happened: its places are not event places
        body = next((x for x in sentences if x.end > skip_until), None)
        dateline = None
        if body is not None:
            m = _DATELINE.match(text, body.start, min(body.end, body.start + 90))
            if m:
                dateline = (m.start(), m.end())
            else:
                # "القاهرة - …": a single dash after a place name and nothing else
                m = _DATELINE_DASH.match(text, body.start, min(body.end, body.start + 40))
                if m and any(p.start <= m.start(1) and m.end(1) <= p.end for p in tags.places):
                    dateline = (m.start(), m.end())
        words = words if words is not None else WordIndex(text)
        # whose forces "الجيش", "الشرطة" are: the story's country (shahid.tag.country)
        self.story = story_country([p for p in tags.places if p.end > skip_until],
                                   [x for x in adjective_countries(text, lang, words) if x[0] >= skip_until],
                                   dateline=dateline)
        self._generic_ids = {"state": state_actor(lang.state_actors, self.story.country),
                             "armed": armed_actor(lang.armed_actors, self.story.country)}
        if dateline is not None:
            tags.places = [p for p in tags.places if not (dateline[0] <= p.start < dateline[1])]
        # per tag list (by id): the list, its starts, its longest span (see _index)
        self._starts: dict[int, tuple[list[Any], list[int], int]] = {}
        # "المرصد، ومقره بريطانيا": where a source sits is not where anything happened
        seats = [t for t in tags.cues if any(p.cue == "seat" for p in t.payloads)]
        if seats:
            # cue tags do not overlap, so their ends are sorted: the seat ending nearest before a
            # place is the one with the fewest words between (if any seat qualifies, it does)
            seat_ends = [c.end for c in seats]

            def after_seat(p: Any) -> bool:
                i = bisect.bisect_right(seat_ends, p.start) - 1
                return i >= 0 and _TWO_WORDS.match(text, seat_ends[i], p.start) is None

            tags.places = [p for p in tags.places if not after_seat(p)]
        self._clause_cache: dict[int, list[tuple[int, int]]] = {}
        self._document_source: SourceEntry | None = None  # the author of the last report named
        self._names: dict[str, tuple[Tag, SourceEntry]] = {}  # a speaker's name → the source it speaks for
        self._guillemets = 0  # open «» quotations
        self._named_sources: dict[str, list[Tag]] = {}  # anaphor stem → the named sources holding it
        # place precision → the places of it no locator locates ("site NOUN": the sites holding NOUN)
        self._by_kind: dict[str, list[Any]] = {}
        self._day_dates: list[Any] | None = None  # the dates a running date may be
        self._plain_open = False  # an open "…" quotation
        self._quote_attr: Attribution | None = None
        self._sentence_agents: list[tuple[str, int, int]] = []
        # cue tags per cue name, each list sorted by position
        self._cues_by_name: dict[str, list[Tag]] = {}
        for t in tags.cues:
            for name in {p.cue for p in t.payloads}:
                self._cues_by_name.setdefault(name, []).append(t)
        self._tok_starts = words.starts
        self._tok_ends = words.ends
        # "قال مسؤول في واشنطن إن", "أكد في الأردن أنه": a place of another country than the story's
        # between a reporting verb and what it reports is where the speaker spoke
        self._seats: list[tuple[int, int]] = []
        self._seat_starts: list[int] | None = None
        self._speaker_places: set[int] = set()  # starts of home places between a speaker and إن
        self._drop_seats()

    def _drop_seats(self) -> None:
        home = self.story.country or self.story.home
        comps = self._cues_by_name.get("complementizer", [])
        if not comps or not self.tags.reporting:
            return
        comp_starts = [c.start for c in comps]
        keep = []
        for p in self.tags.places:
            i = bisect.bisect_left(comp_starts, p.end)
            if i >= len(comps) or self.tokens_between(p.end, comps[i].start) > 1:
                keep.append(p)  # no complementizer right after: not between a speaker and its words
                continue
            r = self.last_ending_by(self.tags.reporting, p.start)
            if r is not None and self.tokens_between(r.end, p.start) <= 4 \
                    and not self.within(self.tags.triggers, r.end, p.start):
                if p.country != home:
                    self._seats.append((p.start, p.end))  # nor is a seat city the doer ("واشنطن")
                    continue
                # "قال رئيس مباحث الإسكندرية إن …": the speaker's place, the event's only when the
                # reported clause names none
                self._speaker_places.add(p.start)
            keep.append(p)
        self.tags.places = keep

    def _source_name(self, src: Tag, entry: SourceEntry) -> str:
        """A source's name; "السلطات", "الحكومة" in another country's story are that country's
        authorities, not the Syrian government the bare word means in a Syrian story."""
        cc = self.story.country
        if cc is None or cc == self.story.home or entry.type != "government":
            return entry.name
        if any(x.start <= src.start and src.end <= x.end and x.payload.generic == "state"
               for x in self.overlapping(self.tags.actors, src.start, src.end)):
            return f"government ({cc})"
        return entry.name

    def actor_name(self, ent: ActorEntry) -> str:
        """The display name of what an actor mention gives (a generic noun: its resolved actor's)."""
        if not ent.generic:
            return ent.name
        got = self.lang.actor_entries.get(self.actor_id(ent))
        return got.name if got is not None else ent.name

    def _in_seat(self, x: Tag) -> bool:
        """Does x overlap a seat (``any(x.start < y and sx < x.end for sx, y in self._seats)``)?  Seats
        are places: sorted and disjoint, so only the last one starting before x ends can."""
        if self._seat_starts is None or len(self._seat_starts) != len(self._seats):
            self._seat_starts = [sx for sx, _ in self._seats]
        i = bisect.bisect_left(self._seat_starts, x.end) - 1
        return i >= 0 and x.start < self._seats[i][1]

    def actor_id(self, ent: ActorEntry) -> str:
        """The id an actor mention gives: a generic noun is the story's country's state or armed men."""
        return self._generic_ids[ent.generic] if ent.generic else ent.id

    # ------------------------------------------------------------ helpers
    def _index(self, tags: list[Any]) -> tuple[list[Any], list[int], int]:
        """A tag list, the starts of its tags and its longest span (computed once per list).

        Every look-up below reads only the tags near the position it asks about, so the cost of a
        clause does not grow with the length of the document."""
        cached = self._starts.get(id(tags))
        if cached is None or cached[0] is not tags:
            cached = (tags, [t.start for t in tags], max((t.end - t.start for t in tags), default=0))
            self._starts[id(tags)] = cached
        return cached

    def within(self, tags: list[Any], a: int, b: int) -> list[Any]:
        """The tags lying inside [a, b): tag lists are sorted by start, so bisect."""
        cached = self._starts.get(id(tags))  # _index, inlined: within is the hottest look-up
        starts = (cached if cached is not None and cached[0] is tags else self._index(tags))[1]
        lo = bisect.bisect_left(starts, a)
        hi = bisect.bisect_left(starts, b)
        return [t for t in tags[lo:hi] if t.end <= b]

    def overlapping(self, tags: list[Any], a: int, b: int) -> list[Any]:
        """The tags that overlap [a, b) (``_overlaps``), in list order."""
        _, starts, longest = self._index(tags)
        lo = bisect.bisect_left(starts, a - longest)
        hi = bisect.bisect_left(starts, b)
        return [t for t in tags[lo:hi] if t.start < b and a < t.end]

    def containing(self, tags: list[Any], a: int, b: int) -> list[Any]:
        """The tags that contain [a, b), in list order."""
        _, starts, longest = self._index(tags)
        lo = bisect.bisect_left(starts, b - longest)
        hi = bisect.bisect_right(starts, a)
        return [t for t in tags[lo:hi] if t.start <= a and b <= t.end]

    def first_from(self, tags: list[Any], pos: int) -> Any:
        """The first tag (in list order) that starts at or after ``pos``, or None."""
        cached = self._starts.get(id(tags))
        if (cached is None or cached[0] is not tags) and len(tags) <= 32:
            # a short list made for one clause: read it, rather than index (and keep) it
            return next((t for t in tags if t.start >= pos), None)
        starts = self._index(tags)[1]
        i = bisect.bisect_left(starts, pos)
        return tags[i] if i < len(tags) else None

    def last_ending_by(self, tags: list[Any], pos: int, lo: int = 0) -> Any:
        """The last tag (in list order) that starts at or after ``lo`` and ends at or before ``pos``."""
        starts = self._index(tags)[1]
        first = bisect.bisect_left(starts, lo)
        i = bisect.bisect_right(starts, pos) - 1
        # only a tag that starts within ``longest`` of pos can end after it
        while i >= first:
            if tags[i].end <= pos:
                return tags[i]
            i -= 1
        return None

    def tok_index(self, pos: int) -> int:
        """Index of the token at or after ``pos``."""
        return bisect.bisect_left(self._tok_ends, pos + 1)

    def tokens_between(self, a: int, b: int) -> int:
        """How many word tokens lie in text[a:b]."""
        if b <= a:
            return 0
        return bisect.bisect_left(self._tok_starts, b) - bisect.bisect_left(self._tok_starts, a)

    def cues(self, name: str, a: int, b: int) -> list[Tag]:
        lst = self._cues_by_name.get(name)
        return self.within(lst, a, b) if lst else []

    # ------------------------------------------------------------ clauses
    def clauses(self, s: Sentence) -> list[tuple[int, int]]:
        cuts = [s.start]
        for c in self.cues("clause_opener", s.start, s.end):
            if c.start <= s.start + 1:
                continue
            cuts.append(self._word_start(c.start))
        cuts = sorted(set(cuts))
        out: list[tuple[int, int]] = []
        for i, a in enumerate(cuts):
            b = cuts[i + 1] if i + 1 < len(cuts) else s.end
            if b > a:
                out.extend(self._coordinated(a, b))
        return out

    def _coordinated(self, a: int, b: int) -> list[tuple[int, int]]:
        """Cut a clause at ", و…" where both sides state an event of their own."""
        cuts = [a]
        for m in _COMMA_WA.finditer(self.text, a, b):
            cut = m.end() - 1
            left = self.within(self.tags.triggers, cuts[-1], cut)
            right = self.within(self.tags.triggers, cut, b)
            if _has_event(left) and _has_event(right):
                cuts.append(cut)
        return [(x, cuts[i + 1] if i + 1 < len(cuts) else b) for i, x in enumerate(cuts)]

    def _word_start(self, pos: int) -> int:
        while pos > 0 and self.text[pos - 1].isalnum():
            pos -= 1
        return pos

    # ------------------------------------------------------------ attribution
    def attributions(self, s: Sentence, prev: Attribution | None) -> list[Attribution]:
        out: list[Attribution] = []
        srcs = self.within(self.tags.sources, s.start, s.end)
        for r in self.within(self.tags.reporting, s.start, s.end):
            entry: ReportingEntry = r.payload
            src: Tag | None = None
            if entry.frame == "according":
                after = [x for x in srcs if x.start >= r.end and self.tokens_between(r.end, x.start) <= 3]
                src = after[0] if after else None
            elif entry.frame == "says":
                comp = [c for c in self.cues("complementizer", r.end, s.end)]
                limit = comp[0].start if comp else s.end
                after = [x for x in srcs if r.end <= x.start and x.end <= limit
                         and self.tokens_between(r.end, x.start) <= (0 if x.payload.adjacent else 3)]
                before = [x for x in srcs if x.end <= r.start and self.tokens_between(x.end, r.start) <= 3
                          and not self.cues("complementizer", x.end, r.start) and not x.payload.adjacent]
                src = after[0] if after else (before[-1] if before else None)
            if src is not None and src is not r:
                src = self._named(src, srcs)
            elif entry.frame == "passive":
                src = r
            if entry.frame == "marker":
                out.append(Attribution(None, None, entry.certainty, r))
                continue
            if src is None and entry.frame == "says":
                named = self._known_name(r.end, s.end)
                if named is not None:
                    # "وأكد الكردي": a person named before with the source they speak for
                    out.append(Attribution(named[0], named[1], entry.certainty, r))
                    continue
                speaker = self._speaking_actor(r, s)
                if speaker is not None:
                    # "أعلنت المعارضة سيطرتها": a party to the conflict speaks for itself
                    ent: ActorEntry = speaker.payload
                    out.append(Attribution(speaker, SourceEntry(name=self.actor_name(ent), type=_ACTOR_VOICE[ent.kind],
                                                                forms=["-"]), entry.certainty, r, ent))
                    continue
            if src is None and entry.frame != "passive":
                # "وأضاف ..." with no subject: the speaker of the sentence before
                if prev is not None and prev.source is not None and r.start - s.start < 12:
                    out.append(Attribution(prev.source, prev.source_entry, entry.certainty, r, prev.speaker_actor))
                    continue
                if entry.frame == "according":
                    continue
                out.append(Attribution(None, None, entry.certainty, r))
                continue
            sentry: SourceEntry | None = None
            if src is not None and src is not r:
                sentry = self._source_entry(src, prev)
                if sentry.type == "government" and any(
                        c.start >= src.end and self.tokens_between(src.end, c.start) == 0
                        for c in self.cues("foreign_qualifier", src.end, min(s.end, src.end + 30))):
                    # "مصادر عسكرية أمريكية": another state's officials, not Damascus
                    sentry = sentry.model_copy(update={"name": "foreign officials", "type": "official"})
            elif src is r:
                sentry = SourceEntry(name="reports", type="unspecified", forms=["-"])
            if src is not None and src is not r and src.payload.document:
                src, sentry = self._document_author(src, sentry, srcs)
            speaker = None
            if src is not None:
                for a in self.overlapping(self.tags.actors, src.start, src.end):
                    speaker = a.payload
                    break
            out.append(Attribution(src, sentry, entry.certainty, r, speaker))
        return out

    def _speaking_actor(self, verb: Tag, s: Sentence) -> Tag | None:
        """The actor right after a reporting verb, before what it says: its subject."""
        comp = self.cues("complementizer", verb.end, s.end)
        limit = comp[0].start if comp else s.end
        after = [x for x in self.within(self.tags.actors, verb.end, limit)
                 if self.tokens_between(verb.end, x.start) <= 1 and x.payload.kind in _ACTOR_VOICE
                 and not x.payload.adjective]
        return after[0] if after else None

    def remember_names(self, s: Sentence) -> None:
        """The words right after a source ("قال وزير الداخلية مروان شربل", "العقيد مالك الكردي") are
        the speaker's name: a later sentence may name the speaker by them alone."""
        for src in self.within(self.tags.sources, s.start, s.end):
            entry: SourceEntry = src.payload
            if entry.anaphor or entry.generic or entry.document:
                continue
            i = self.tok_index(src.end)
            for _ in range(NAME_WORDS):
                if i >= len(self._tok_starts) or self._tok_starts[i] >= s.end:
                    break
                a, b = self._tok_starts[i], self._tok_ends[i]
                gap = self.text[self._tok_ends[i - 1]:a] if i else ""
                if gap.strip() or b - a < 3:
                    break  # punctuation or a short function word ends the name (tags are checked on use)
                self._names[self.text[a:b]] = (Tag(a, b, [entry]), entry)
                i += 1

    def _tagged(self, a: int, b: int) -> bool:
        """Does a tag of any kind cover the word at [a, b)?"""
        return any(self.overlapping(lst, a, b) for lst in (
            self.tags.sources, self.tags.reporting, self.tags.cues, self.tags.triggers, self.tags.places,
            self.tags.actors, self.tags.groups, self.tags.dates))

    def _known_name(self, pos: int, end: int) -> tuple[Tag, SourceEntry] | None:
        i = self.tok_index(pos)
        if i >= len(self._tok_starts) or self._tok_starts[i] >= end or self.text[pos:self._tok_starts[i]].strip():
            return None
        a, b = self._tok_starts[i], self._tok_ends[i]
        known = self._names.get(self.text[a:b])
        if known is None or self._tagged(a, b):
            return None
        return Tag(a, b, [known[1]]), known[1]

    def _document_author(self, doc: Tag, entry: SourceEntry | None,
                         srcs: list[Tag]) -> tuple[Tag, SourceEntry | None]:
        """A report speaks for its author: the source named within DOCUMENT_REACH words after it; a
        report named again later without one is the last report's author."""
        art = self.lang.morphology.article
        definite = doc.prefix.endswith(art) or self.text.startswith(art, doc.start)
        after = [x for x in srcs if x.start >= doc.end and self.tokens_between(doc.end, x.start) <= DOCUMENT_REACH
                 and not x.payload.document and not x.payload.generic
                 and not self.cues("complementizer", doc.end, x.start)]
        if after and not definite:
            author = self._source_entry(after[0], None)
            self._document_source = author
            return after[0], author
        return doc, self._document_source or entry

    def _named(self, src: Tag, srcs: list[Tag]) -> Tag:
        """A generic head followed by a name ("وكالة أنباء سانا") is the name."""
        if not src.payload.generic:
            return src
        nxt = [x for x in srcs if x.start >= src.end and self.tokens_between(src.end, x.start) <= 1]
        return nxt[0] if nxt and not nxt[0].payload.generic else src

    def _source_entry(self, src: Tag, prev: Attribution | None) -> SourceEntry:
        """The entry behind a source mention; an anaphor ("الوكالة", "اللجان") takes the most recent
        named source whose words contain its noun, else the previous sentence's source."""
        entry: SourceEntry = src.payload
        if not entry.anaphor:
            return entry
        art = self.lang.morphology.article
        stem = self.text[src.start:src.end]
        stem = stem[len(art):] if stem.startswith(art) else stem
        named = self._named_sources.get(stem)
        if named is None:  # the sources that name a stem, once per stem
            named = self._named_sources[stem] = [
                t for t in self.tags.sources if not t.payload.anaphor and not t.payload.generic
                and stem in self.text[t.start:t.end]]
        t = self.last_ending_by(named, src.start)
        if t is not None:
            return t.payload
        if prev is not None and prev.source_entry is not None and not prev.source_entry.anaphor:
            return prev.source_entry
        return entry

    # ------------------------------------------------------------ main
    def run(self) -> list[DraftClaim]:
        claims: list[DraftClaim] = []
        prev_attr: Attribution | None = None
        quote_attr: Attribution | None = None
        frame_place: Any = None
        frame_para = -1
        for s in self.sentences:
            if s.end <= self.skip_until:
                continue
            if s.paragraph != frame_para:
                frame_place, frame_para = None, s.paragraph
            attrs = self.attributions(s, prev_attr)
            named = [a for a in attrs if a.source is not None]
            if not attrs and quote_attr is not None:
                attrs = [quote_attr]
            # a paragraph that opens "وفي X،" frames what follows with X
            opener = self._frame_place(s)
            if opener is not None:
                frame_place = opener
            self._sentence_agents: list[tuple[str, int, int]] = []
            in_sentence: list[DraftClaim] = []
            for a, b in self.clauses(s):
                made = self.clause_claims(s, a, b, attrs, frame_place)
                in_sentence.extend(made)
                if any(d.perpetrators for d in made):
                    self._sentence_agents = next(d.perpetrators for d in made if d.perpetrators)
            claims.extend(_restatements_dropped(in_sentence))
            if named:
                prev_attr = named[-1]
            self.remember_names(s)
            quote_attr = self._open_quote(s, named[-1] if named else quote_attr)
        return claims

    def _recalled(self, date: Any) -> bool:
        """Does the clause's own date put the act well before the report (background, ANNOTATION.md)?
        A day more than RECALL_DAYS before publication, or a month or year that ended before the
        publication month began."""
        if date is None or date.value is None or self.published is None:
            return False
        try:
            when = dt.date.fromisoformat(date.value)
            pub = dt.date.fromisoformat(self.published)
        except ValueError:
            return False
        if date.precision in ("day", "week"):
            return (pub - when).days > RECALL_DAYS
        if date.precision == "month":
            return (when.year, when.month) < (pub.year, pub.month) and (pub - when).days > RECALL_DAYS + 31
        if date.precision == "year":
            return when.year < pub.year and pub.month > 1
        return False

    def _open_quote(self, s: Sentence, attr: Attribution | None) -> Attribution | None:
        """Is a quotation still open after this sentence?  Keeps the quote state across sentences:
        the attribution of the sentence that opened it carries until it closes."""
        seg = self.text[s.start:s.end]
        self._guillemets = max(0, self._guillemets + seg.count("«") + seg.count("“") - seg.count("»")
                               - seg.count("”"))
        self._plain_open ^= seg.count('"') % 2 == 1
        if not (self._guillemets or self._plain_open):
            self._quote_attr = None
        elif self._quote_attr is None:
            self._quote_attr = attr
        return self._quote_attr

    def _frame_place(self, s: Sentence) -> Any:
        head = self.text[s.start:min(s.end, s.start + 40)]
        comma = min((i for i in (head.find("،"), head.find(",")) if i >= 0), default=-1)
        if comma < 0:
            return None
        places = self.within(self.tags.places, s.start, s.start + comma)
        return places[0] if places else None

    # ------------------------------------------------------------ per clause
    def clause_claims(self, s: Sentence, a: int, b: int, attrs: list[Attribution],
                      frame_place: Any) -> list[DraftClaim]:
        trig = self.within(self.tags.triggers, a, b)
        if not trig:
            return []
        # "غير مؤكدة" qualifies the report, not the act
        blockers = [c for c in self.cues("irrealis", a, b) + self.cues("negation", a, b)
                    if not self.overlapping(self.tags.reporting, c.start, c.end)]
        states = self.cues("state_marker", a, b)
        places = self.within(self.tags.places, a, b)
        acts: list[tuple[Tag, TriggerEntry]] = []
        tolls: list[tuple[Tag, TriggerEntry]] = []
        methods: list[tuple[Tag, TriggerEntry]] = []
        # a background phrase ("منذ بدء الثورة") dates the acts of its own clause, not the sentence's others
        background = self.cues("background", a, b)
        has_toll = any(p.role == "casualty" for t in trig for p in t.payloads)
        for t in trig:
            if _overlaps(t, states):
                continue
            if any(c.end <= t.start or self._close(c, t, 10) for c in background):
                # "منذ اندلاع الثورة …" before the act, or right after it: the war's running toll,
                # not this report's news (further after, it qualifies something else)
                continue
            if any(p.start <= t.start and t.end <= p.end for p in places):
                continue  # a word inside a place name ("اللجاة", "تدمر") is the place
            if any(c.end <= t.start and self.tokens_between(c.end, t.start) <= 3 for c in blockers):
                continue
            future = self.lang.morphology.future_clitic
            if future and t.prefix.endswith(future) and any(not p.nominal for p in t.payloads):
                continue  # "سيقصف": will shell, has not
            roles = {p.role for p in t.payloads}
            entry = next((p for p in t.payloads if p.role == "act"), None)
            if entry is not None:
                if entry.nominal and self._has_purpose_clitic(t.prefix) and not any(
                        c.end <= t.start for c in self.cues("exposure", a, b)):
                    continue  # "للقتال": for the act, not the act; but "تعرضت المدينة لقصف" is one
                if entry.needs_cue and not self.cues(entry.needs_cue, a, b):
                    continue
                if entry.instrument and not (has_toll or self.cues("use", a, b)):
                    continue  # a weapon named, not used: "بطاريات صواريخ", "صفقة صواريخ"
                if entry.nominal and any(c.end <= t.start and self.tokens_between(c.end, t.start) == 0
                                         for c in self.cues("demonstrative", a, b)):
                    continue  # "تلك الاشتباكات": the clashes already reported
                if entry.nominal and any(c.end <= t.start and self.tokens_between(c.end, self._word_start(t.start)) == 0
                                         for c in self.cues("reference", a, b)):
                    continue  # "منذ اغتيال بوتو": the event a report dates by
                if entry.nominal and any(c.end <= t.start and self.tokens_between(c.end, self._word_start(t.start)) == 0
                                         for c in self.cues("site_head", a, b)):
                    continue  # "ساحة التحرير", "كتائب الفاروق", "لواء التوحيد": a name
                if self._verbal_attack(t, entry, b):
                    continue  # "هاجمت المنظمة الحكومة": words, not arms
                acts.append((t, entry))
                continue
            entry = next((p for p in t.payloads if p.role == "casualty"), None)
            if entry is not None:
                tolls.append((t, entry))
                continue
            if "method" in roles:
                methods.append((t, t.payloads[0]))
        drafts: list[DraftClaim] = []
        refined: list[tuple[Tag, TriggerEntry, str, str | None]] = []
        for t, e in acts:
            event, method = e.event, e.method
            for mt, me in methods:
                if not self._close(mt, t, 3):
                    continue
                if (event, me.event) in _REFINE:
                    event, method = me.event, me.method or method
                elif method is None:
                    method = me.method
            refined.append((t, e, event, method))
        by_event: dict[str, tuple[Tag, TriggerEntry, str | None]] = {}
        for t, e, event, method in refined:
            if event in by_event:
                kept_t, kept_e, kept_method = by_event[event]
                if kept_e.nominal and not e.nominal:
                    # a verb reports the act a noun beside it names ("فجر الانتحاري نفسه")
                    by_event[event] = (t, e, kept_method or method)
                elif kept_method is None and method is not None:
                    by_event[event] = (kept_t, kept_e, method)
                continue
            by_event[event] = (t, e, method)
        # absorption: a clause's forced recruitment is not also an attack; "استهدف القصف" is one shelling
        for ev in list(by_event):
            for other in _ABSORBS.get(ev, ()):
                by_event.pop(other, None)
        if "attack" in by_event and not by_event["attack"][1].clash:
            # "استهدف القصف", "قصف … استهدف حي جوبر": one shelling, not also an attack (clashes
            # beside explosions are two statements)
            at = by_event["attack"][0]
            if any(ev in _SPECIFIC_ATTACKS and self._close(by_event[ev][0], at, 3) for ev in by_event):
                by_event.pop("attack")
        standalone_only = not by_event
        from_tolls: set[str] = set()
        if not by_event:
            for t, e in tolls:
                if e.standalone:
                    by_event.setdefault(e.event, (t, e, e.method))
        else:
            violent = any(ev in _VIOLENT for ev in by_event)
            for t, e in tolls:
                if not e.standalone or e.event in by_event:
                    continue
                # a toll or bodies found beside a capture or a displacement are their own news; and
                # finding bodies ("عثروا على عشرات الجثث") is news even beside the act that killed them
                if not violent or (e.event == "casualties_found" and not e.needs_count):
                    by_event[e.event] = (t, e, e.method)
                    from_tolls.add(e.event)
        if not by_event:
            return []
        ordered = sorted(by_event.items(), key=lambda kv: kv[1][0].start)
        # the act that takes the clause's tolls
        toll_taker = min(by_event, key=lambda ev: _ACT_PRIORITY.index(ev) if ev in _ACT_PRIORITY else 99)
        evidence = (s.start, s.end) if s.end - s.start <= 400 else (a, b)
        for ev, (t, e, method) in ordered:
            if method is None:
                near = [me.method for mt, me in methods if me.method and self._close(mt, t, 4)]
                method = near[0] if near else None
            d = DraftClaim(event=ev, method=method, trigger=(t.start, t.end), evidence=evidence,
                           clash=e.clash)
            self.fill_roles(d, s, a, b, t, attrs, frame_place, tolls if ev == toll_taker else [])
            if d.background:
                continue
            if ev != toll_taker:
                # several acts in one clause: the toll and its victims go with the one that takes
                # tolls; another keeps only the numbers and nouns right at its own words
                d.counts = [c for c in d.counts if self._span_close(c.start, c.end, t, 3)]
                d.victims = [v for v in d.victims if self._span_close(v[1], v[2], t, 3)]
            if (standalone_only or ev in from_tolls) and e.needs_count and not d.counts:
                continue
            if d.hypothetical:
                continue  # "حذر من أن استخدام الأسلحة الكيماوية …": warned of, not reported
            if self._recalled(d.date):
                continue  # "اغتالته في 17 أبريل 2004": an earlier event recalled, not this report's news
            running = self.running_date(s) if d.date is None else None
            # a dated report (a publication date, or a day named before) tells current news
            dated_report = running is not None or self.published is not None
            if not _anchored(d, e.nominal and e.role == "act", dated_report):
                continue
            if d.date is None:
                d.date = running
            drafts.append(d)
            breakdown = self.toll_breakdown(d, a, b)
            if breakdown:
                drafts.extend(breakdown)
            elif d.place is not None:
                others = self.coordinated_places(a, b, d.place)
                if not d.counts:
                    if others and others[0].start < d.place.start:
                        # the statement's place is the first of its list ("ريف دمشق وريف اللاذقية")
                        d.place, others = others[0], [d.place, *others[1:]]
                        others.sort(key=lambda p: p.start)
                    drafts.extend(_with_place(d, p) for p in others)
                elif others:
                    # a toll given for several places belongs to none of them alone: it stays on the
                    # smallest place the clause names that holds them all; with none, the statement is
                    # at the first place of its list and the toll stays off it (ANNOTATION.md: "a toll
                    # for all of them together stays off each")
                    holder = self._container(a, b, [d.place, *others])
                    if holder is not None:
                        d.place = holder
                    else:
                        listed = sorted([d.place, *others], key=lambda p: p.start)
                        d.place, d.counts = listed[0], []
        # one event per clause: two acts of the same code already merged above
        return drafts

    def fill_roles(self, d: DraftClaim, s: Sentence, a: int, b: int, trig: Tag, attrs: list[Attribution],
                   frame_place: Any, tolls: list[tuple[Tag, TriggerEntry]]) -> None:
        attr = self._governing(attrs, a, b, trig)
        # what a warning or call governs comes after it, past its subject ("دعت مسيرة": the march calls)
        d.hypothetical = attr is not None and attr.verb is not None and attr.verb.end <= trig.start and \
            self.tokens_between(attr.verb.end, self._word_start(trig.start)) > 0 and any(
                getattr(p, "irrealis", False) for p in attr.verb.payloads)
        # an actor that speaks for itself ("أعلنت المعارضة …") may still be the act's agent
        src_spans = [x.source for x in attrs if x.source is not None and not isinstance(x.source.payload, ActorEntry)]
        verbs = {id(y.verb) for y in attrs}
        named_spans = [x for x in src_spans if id(x) not in verbs]  # no source that is its own verb
        # ---- perpetrators
        # actors inside a source's words, or one word right after them as its adjective
        # ("لجان التنسيق السورية المعارضة"), are the speaker; a longer name there is the object
        # of an accusation ("اتهمت الحكومة جبهة النصرة")
        actors = [x for x in self.within(self.tags.actors, a, b) if not _overlaps(x, src_spans)
                  and not self._in_seat(x)
                  and not (self.tokens_between(x.start, x.end) == 1 and any(
                      sp.end <= x.start and self.tokens_between(sp.end, x.start) == 0 for sp in named_spans))]
        # an actor that speaks ("قالت المعارضة إن النظام قتل …") is not the agent of what it reports; its
        # own acts come through "إنه" or a possessive below
        speakers = [x.source for x in attrs if x.source is not None and isinstance(x.source.payload, ActorEntry)]
        reported = [x for x in actors if not any(
            x is sp and x.end <= trig.start and self.cues("complementizer", x.end, trig.start) for sp in speakers)]
        others = [y for y in actors if y not in reported] if len(reported) < len(actors) else []  # once, not per x
        if not d.clash and any(x.payload.id != y.payload.id for x in reported for y in others):
            actors = reported  # another party is named in what the speaker reports
        # an adjective names its actor only as the act's own qualifier: "الغارة الإسرائيلية"
        actors = [x for x in actors if not x.payload.adjective or any(
            t.end <= x.start and self.tokens_between(t.end, x.start) <= ADJECTIVE_GAP
            for t in self.within(self.tags.triggers, a, b) if any(p.role != "casualty" for p in t.payloads))]
        if d.event == "protest":
            # the protesters protest: a state's forces beside them ("فرقت الشرطة المتظاهرين") are not its doer
            actors = [x for x in actors if x.payload.kind not in ("state", "foreign")]
        agents = self.agents(d.event, actors, trig, a, b, d.clash)
        if not agents and attr is not None and attr.speaker_actor is not None and attr.source is not None:
            # "قال الجيش الحر إنه سيطر …": the speaker speaks of itself
            refs = self.cues("self_reference", max(a, attr.source.end), trig.start)
            if attr.source.end <= trig.start and refs and self.tokens_between(refs[-1].end, trig.start) <= 1:
                agents = [Tag(attr.source.start, attr.source.end, [attr.speaker_actor])]
            elif attr.source.end <= trig.start and self.tokens_between(attr.source.end, trig.start) <= 2 and \
                    self.original(trig.start, trig.end).endswith(self.lang.morphology.pronoun_suffixes):
                # "أعلن الجيش الحر سيطرته على …": the speaker's own act
                agents = [Tag(attr.source.start, attr.source.end, [attr.speaker_actor])]
        if d.clash and agents and attr is not None and attr.speaker_actor is not None and \
                attr.source is not None and attr.source.end <= trig.start and \
                self.cues("self_reference", attr.source.end, trig.start) and \
                all(any(c.end <= x.start and self.tokens_between(c.end, x.start) <= 2 for c in self.cues("with", a, b))
                    for x in agents):
            # "قال الجيش الحر إنه سيطر … بعد اشتباكات مع جيش النظام": the speaker is the other side
            agents = [Tag(attr.source.start, attr.source.end, [attr.speaker_actor]), *agents]
        seen_ids: set[str] = set()
        for x in agents:
            aid = self.actor_id(x.payload)
            if aid not in seen_ids:
                seen_ids.add(aid)
                d.perpetrators.append((aid, x.start, x.end))
        opens_with_verb = any(
            self.tokens_between(a, self._word_start(t.start)) == 0
            and any(p.role == "act" and not p.nominal for p in t.payloads)
            for t in self.within(self.tags.triggers, a, b))
        if not agents and self._sentence_agents and opens_with_verb:
            # "قوات حرس الحدود تصدت …، وقتلت عددا", "جيش النظام قصف …، واستهدف القصف أيضا …": a verb
            # that opens a coordinated clause shares the subject of the clause before
            d.perpetrators = list(self._sentence_agents)
        elif not agents and not d.perpetrators and any(p.role == "act" and p.nominal for p in trig.payloads) \
                and self.original(trig.start, trig.end).endswith(self.lang.morphology.pronoun_suffixes):
            # "كثف غاراته": the act noun's possessive points to the actor named just before it
            before = [x for x in self.within(self.tags.actors, s.start, trig.start)
                      if not _overlaps(x, src_spans) and not x.payload.adjective
                      and self.tokens_between(x.end, trig.start) <= POSSESSOR_REACH]
            if before:
                x = before[-1]
                d.perpetrators.append((self.actor_id(x.payload), x.start, x.end))
        if d.event in ("shelling", "attack") and any(x.payload.means == "airstrike" for x in agents):
            d.event, d.method = "airstrike", "airstrike"
        # ---- victims
        if d.event in _HARM_EVENTS:
            actor_spans = self.within(self.tags.actors, a, b)
            seen_g: set[str] = set()
            prev_g: Tag | None = None
            for g in self.within(self.tags.groups, a, b):
                if _overlaps(g, actor_spans) or _overlaps(g, src_spans):
                    continue
                grp = next((p.group for p in g.payloads if p.group), None)
                head, prev_g = prev_g, g
                if head is not None and not g.prefix and self.tokens_between(head.end, g.start) == 0 and \
                        any(p.group and p.group != "people" for p in head.payloads):
                    continue  # "جنود سوريون": the adjective of the noun before, not another group
                if any(self._adjoining(g, x) or self._partitive_of(g, x) for x in self.within(
                        self.tags.actors, g.end, b) if any(x.start == p[1] for p in d.perpetrators)
                        or _overlaps(x, src_spans)):
                    continue  # "عناصر من جبهة النصرة" are the perpetrators, "ضابط في الجيش الحر" the speaker
                if grp and grp not in seen_g:
                    seen_g.add(grp)
                    d.victims.append((grp, g.start, g.end))
            if d.event in _ARMED_TARGET_EVENTS and "fighters" not in seen_g:
                # an armed actor on the receiving end ("ضد مسلحين", "على مواقع الجيش") or counted among
                # the harmed ("قتل الجيش خمسة مسلحين") counts as fighters
                targets = self.cues("target_marker", a, b)
                for x in actor_spans:
                    if x.payload.kind in ("state", "armed") and not any(
                            x.start < p[2] and p[1] < x.end for p in d.perpetrators) and (any(
                            c.end <= x.start and self.tokens_between(c.end, x.start) <= 2 for c in targets)
                            or self._counted(x, trig)):
                        d.victims.append(("fighters", x.start, x.end))
                        break
        # ---- counts
        d.counts = self.counts(d, a, b, trig, tolls)
        # ---- place
        d.place = self.place(a, b, s, frame_place, [(x[1], x[2]) for x in d.perpetrators], trig)
        # ---- date
        d.date = self.claim_date(s, a, b, attrs)
        # ---- source and certainty
        if attr is not None:
            if attr.source is not None and attr.source_entry is not None:
                d.source = (self._source_name(attr.source, attr.source_entry), attr.source_entry.type,
                            attr.source.start, attr.source.end)
            d.certainty = attr.certainty
        markers = [x for x in attrs if x.source is None and x.certainty == "unconfirmed"]
        if markers:
            d.certainty = "unconfirmed"

    def agents(self, event: str, actors: list[Tag], trig: Tag, a: int, b: int, clash: bool = False) -> list[Tag]:
        """The actors that did the act: its subject, its agent phrase, or both sides of a clash."""
        if not actors or event in _NO_AGENT_EVENTS:
            return []
        targets = self.cues("target_marker", a, b)
        markers = self.cues("agent_marker", a, b)
        affiliations = self.cues("affiliation", a, b)
        supports = self.cues("support", a, b)
        betweens = self.cues("between", a, b)
        withs = self.cues("with", a, b)
        ontos = self.cues("onto", a, b)

        def after_cue(x: Tag, cues: list[Tag], gap: int) -> bool:
            return any(c.end <= x.start and self.tokens_between(c.end, x.start) <= gap for c in cues)

        # "ميليشيات موالية للنظام": the actor after the cue qualifies an actor before it; but in
        # "طائرات حربية تابعة لقوات النظام" nothing before is an actor, so it is the actor
        actors = [x for x in actors if not (after_cue(x, affiliations, 0) and any(
            y.end <= x.start and self.tokens_between(y.end, x.start) <= 2 for y in actors if y is not x))]
        chosen: list[Tag] = []
        for x in actors:
            if after_cue(x, markers, 1) and trig.end <= x.start and self.tokens_between(trig.end, x.start) <= 7:
                chosen.append(x)
            elif after_cue(x, targets, 2) or (trig.end <= x.start and after_cue(x, ontos, 0)):
                continue
            elif self._counted(x, trig):
                continue  # "قتل الجيش خمسة مسلحين": those counted are the victims
            elif clash and (after_cue(x, betweens, 6) or after_cue(x, withs, 2) or self._near(x, trig, 4, 3)):
                chosen.append(x)
            elif self._near(x, trig, 5, 2) or (after_cue(x, affiliations, 0) and self._near(x, trig, 5, 4)):
                chosen.append(x)  # "قصفت طائرات حربية تابعة لقوات النظام": the force the planes belong to
        # coordinated with a chosen actor ("قوات النظام والميليشيات") → also an agent; the closure is
        # built once per actor taken (a work list), not by re-reading every actor until nothing changes
        taken = {id(c) for c in chosen}
        open_ = [x for x in actors if not after_cue(x, targets, 2)]
        work = list(chosen)
        while work:
            c = work.pop()
            for x in open_:
                if id(x) in taken:
                    continue
                if self._adjoining(c, x) or self._adjoining(x, c) or self._supported(x, c, supports) \
                        or self._supported(c, x, supports):
                    chosen.append(x)
                    taken.add(id(x))
                    work.append(x)
        return sorted(chosen, key=lambda t: t.start)

    def _counted(self, x: Tag, trig: Tag) -> bool:
        """Is actor x, after the act, counted by a number before it ("خمسة مسلحين", "ثمانية عناصر من
        المخابرات")?  Then it names the people harmed, not who harmed them."""
        if x.payload.adjective:
            return False  # "هجوم اسرائيلي" qualifies the act
        q = self.last_ending_by(self.tags.quantities, x.start, max(0, x.start - 80))
        if q is None or self.tokens_between(q.end, x.start) > COUNTED_GAP or \
                self.within(self.tags.triggers, q.end, x.start):
            return False  # far, or another act's phrase stands between ("تسعة أشخاص خلال هجوم اسرائيلي")
        # the number follows a toll word ("قتل ثمانية عناصر من المخابرات في انفجار", "قتل الجيش خمسة
        # مسلحين"); after another act it may be its subject ("هاجم 300 مقاتل من جبهة النصرة حاجزا")
        before = self.last_ending_by(self.tags.triggers, q.start, max(0, q.start - 80))
        return before is not None and self.tokens_between(before.end, q.start) <= 2 and any(
            p.role == "casualty" or p.passive for p in before.payloads)

    def _verbal_attack(self, t: Tag, entry: TriggerEntry, b: int) -> bool:
        """An attack verb whose subject, right after it, is a voice that bears no arms (an
        organisation, an outlet, a report) and no actor: a verbal attack."""
        if entry.event != "attack" or entry.clash or entry.nominal:
            return False
        subject = [x for x in self.within(self.tags.sources, t.end, b)
                   if self.tokens_between(t.end, x.start) <= 1 and x.payload.type in _UNARMED_VOICES]
        return bool(subject) and not any(self.overlapping(self.tags.actors, x.start, x.end) for x in subject)

    def _has_purpose_clitic(self, prefix: str) -> bool:
        """Does a proclitic string hold the preposition لـ ("لقصف", "للقتال"), not just the article?"""
        morph = self.lang.morphology
        fused = morph.purpose_clitic + morph.article[-1:]  # ل + ال is written لل
        if prefix.endswith(fused):
            return True
        if prefix.endswith(morph.article):
            prefix = prefix[: -len(morph.article)]
        return morph.purpose_clitic in prefix

    def _supported(self, x: Tag, y: Tag, supports: list[Tag]) -> bool:
        """"X، مدعومة بـY": X acts with Y's support; both are agents."""
        return x.end <= y.start and any(
            x.end <= c.start and self.tokens_between(x.end, c.start) == 0 and c.end <= y.start
            and self.tokens_between(c.end, self._word_start(y.start)) == 0 for c in supports)

    def _partitive_of(self, g: Tag, x: Tag) -> bool:
        """Is x the whole that g is part of ("عناصر من X")?"""
        return g.end <= x.start and self.tokens_between(g.end, self._word_start(x.start)) == 1 and bool(
            self.cues("partitive", g.end, x.start) or self.cues("locative", g.end, x.start))

    def _adjoining(self, x: Tag, y: Tag) -> bool:
        """y follows x with nothing but a conjunction clitic or punctuation between."""
        return x.end <= y.start and self.tokens_between(x.end, self._word_start(y.start)) == 0

    def _span_close(self, start: int, end: int, t: Tag, n: int) -> bool:
        return self._close(Tag(start, end, []), t, n)

    def _close(self, x: Tag, y: Tag, n: int) -> bool:
        """Are x and y at most n word tokens apart?"""
        if x.end <= y.start:
            return self.tokens_between(x.end, self._word_start(y.start)) <= n
        if y.end <= x.start:
            return self.tokens_between(y.end, self._word_start(x.start)) <= n
        return True

    def _near(self, x: Tag, trig: Tag, before: int, after: int) -> bool:
        """Is actor x the subject of trig (before it, nothing eventful between) or right after it?"""
        if x.end <= trig.start:
            n = self.tokens_between(x.end, trig.start)
            if n > before:
                return False
            between = self.within(self.tags.triggers, x.end, trig.start)
            # a word that names an act only with a cue (protesters) is a participant here
            return not any(p.role == "act" and not p.needs_cue for t in between for p in t.payloads)
        if x.start >= trig.end:
            return self.tokens_between(trig.end, x.start) <= after
        return False

    def claim_date(self, s: Sentence, a: int, b: int, attrs: list[Attribution]) -> Any:
        """The clause's date, else the sentence's: not a day after publication (a plan), and not the
        day a source spoke ("قال المرصد الثلاثاء إن …") when the text dates the act itself."""
        for lo, hi in ((a, b), (s.start, s.end)):
            dates = [x for x in self.within(self.tags.dates, lo, hi) if not self._after_publication(x)]
            if dates:  # the first that is not the day a source spoke, else the first
                return next((x for x in dates if not self._speech_date(x, attrs)), dates[0])
        return None

    def _after_publication(self, date: Any) -> bool:
        return bool(self.published and date.value and date.precision == "day" and date.value > self.published)

    def _speech_date(self, date: Any, attrs: list[Attribution]) -> bool:
        """Does the date stand right after a reporting verb or its source, before what was said?"""
        for x in attrs:
            for head in (x.verb, x.source):
                if head is not None and head.end <= date.start and \
                        self.tokens_between(head.end, date.start) <= SPEECH_DATE_GAP and \
                        not self.cues("complementizer", head.end, date.start):
                    return True
        return False

    def running_date(self, s: Sentence) -> Any:
        """The report's running date: the last day named before this sentence (not a future one)."""
        if self._day_dates is None:
            self._day_dates = [x for x in self.tags.dates if x.precision == "day" and (
                x.value is None or self.published is None or x.value <= self.published)]
        return self.last_ending_by(self._day_dates, s.start, self.skip_until)

    def _governing(self, attrs: list[Attribution], a: int, b: int, trig: Tag) -> Attribution | None:
        """The attribution that governs a claim: a named one in its clause, else in its sentence
        (the nearest before the clause, else the first after it); a verb without a source only
        lends its certainty."""
        cand = [x for x in attrs if x.source is not None or x.certainty != "unconfirmed"]
        if not cand:
            return None
        named = [x for x in cand if x.source is not None]
        # "…، قائلا إن …", "…، مؤكدا أن …": a reporting participle that opens the clause speaks with the
        # voice of the sentence's first speaker, not of a source named inside what it said
        opener = next((x for x in cand if x.source is None and x.verb is not None and a <= x.verb.start < b
                       and self.tokens_between(a, self._word_start(x.verb.start)) == 0), None)
        if opener is not None:
            first = next((x for x in named if x.verb is not None and x.verb.start < a), None)
            if first is not None:
                return Attribution(first.source, first.source_entry, opener.certainty, opener.verb,
                                   first.speaker_actor)
        for pool in (named, cand):
            inside = [x for x in pool if x.verb is not None and a <= x.verb.start < b]
            if inside:
                preceding = [x for x in inside if x.verb is not None and x.verb.start < trig.start]
                # "نفى X اتهام Y لـZ بـ…": a denial governs what it denies, accusation included
                denial = [x for x in preceding if x.certainty == "denied"]
                if denial:
                    return denial[0]
                return preceding[-1] if preceding else inside[0]
            before = [x for x in pool if x.verb is not None and x.verb.start < a]
            if before:
                return before[-1]
            if pool:
                return pool[0]
        return None

    def place(self, a: int, b: int, s: Sentence, frame_place: Any,
              agents: list[tuple[int, int]] | None = None, trig: Tag | None = None) -> Any:
        """The claim's place: the most precise place of its clause (a country named as the doer,
        "قصفت إسرائيل هدفا", is the agent, not the place; "في مناطق مختلفة من سوريا" makes the whole
        country the place of the statement), else an anaphor's antecedent, else the most precise place
        of the nearest clause before it, else the clause after it, else the paragraph's frame."""
        ps = [p for p in self.within(self.tags.places, a, b)
              if not any(x < p.end and p.start < y for x, y in agents or ())]
        ps = [p for p in ps if p.start not in self._speaker_places] or ps
        if ps:
            wide = [p for p in ps if any(c.end <= p.start and self.tokens_between(c.end, p.start) <= 1
                                         for c in self.cues("nationwide", a, b))]
            if wide:
                return wide[0]
            if trig is None:
                return min(ps, key=lambda p: (_PRECISION_RANK.get(p.precision, 9), p.start))
            return min(ps, key=lambda p: (_PRECISION_RANK.get(p.precision, 9),
                                          self.tokens_between(min(p.end, trig.end), max(p.start, trig.start)),
                                          p.start))
        # "الحي", "المدينة": the last place of that kind named before
        got = self._anaphor(a, b)
        if got is not None:
            return got
        # nothing in the clause: the most precise place of the nearest clause before it in the sentence
        # ("… إلى قرية لمغير، حيث قصف الجيش الحر"; "على الجامع الأموي في مدينة حلب، في شمال سوريا، إثر
        # اشتباكات" is the mosque), else an anaphor before it, else the first clause after it
        clauses = self._clauses_of(s)
        for ca, cb in reversed(clauses):
            if cb <= a:
                near = self.within(self.tags.places, ca, cb)
                if near:
                    return min(near, key=lambda p: _PRECISION_RANK.get(p.precision, 9))
        got = self._anaphor(s.start, a)
        if got is not None:
            return got
        for ca, cb in clauses:
            if ca >= b:
                near = self.within(self.tags.places, ca, cb)
                if near:
                    return min(near, key=lambda p: _PRECISION_RANK.get(p.precision, 9))
        return frame_place

    def _anaphor(self, a: int, b: int) -> Any:
        """The antecedent of a place anaphor in [a, b): "الحي", "المدينة" the last place of that kind
        named before; "الجامع" the last site whose name holds that noun."""
        art = self.lang.morphology.article
        for kind in ("site", "neighbourhood", "town"):
            cues = self.cues(f"place_anaphor_{kind}", a, b)
            if cues:
                # the last place of that kind named before, unless it only located another
                # ("حي جبل بدرو قرب طريق الباب … الحي" is Jabal Badro)
                locators = self._cues_by_name.get("locator", [])
                unlocated = self._by_kind.get(kind)
                if unlocated is None:
                    unlocated = self._by_kind[kind] = [
                        p for p in self.tags.places if p.precision == kind and not self._right_after(locators, p)]
                if kind == "site":
                    noun = self.text[cues[0].start:cues[0].end].removeprefix(art)
                    holding = self._by_kind.get(f"site {noun}")
                    if holding is None:  # the sites whose names hold the noun, once per noun
                        holding = self._by_kind[f"site {noun}"] = [
                            p for p in unlocated if noun in self.text[p.start:p.end]]
                    before = self.last_ending_by(holding, cues[0].start)
                else:
                    before = self.last_ending_by(unlocated, cues[0].start)
                if before is not None:
                    return before
        return None

    def _clauses_of(self, s: Sentence) -> list[tuple[int, int]]:
        got = self._clause_cache.get(s.start)
        if got is None:
            got = self._clause_cache[s.start] = self.clauses(s)
        return got

    def _right_after(self, cues: list[Tag], p: Any) -> bool:
        """Does one of ``cues`` end right before ``p``, no word between
        (``any(c.end <= p.start and self.tokens_between(c.end, p.start) == 0 for c in cues)``)?"""
        # no word starts in [c.end, p.start): c ends after the last word start before p
        k = bisect.bisect_left(self._tok_starts, p.start) - 1
        last_word = self._tok_starts[k] if k >= 0 else -1
        return any(last_word < c.end <= p.start for c in self.overlapping(cues, last_word, p.start + 1))

    def coordinated_places(self, a: int, b: int, chosen: Any) -> list[Any]:
        """Places joined to the claim's place by و or a comma ("دوما والنبك ويبرود"): one claim each."""
        ps = self.within(self.tags.places, a, b)
        if chosen not in ps:
            return []
        # the whole chain the chosen place stands in, leftwards and rightwards
        i = j = ps.index(chosen)
        while i > 0 and _COORDINATION.fullmatch(self.text[ps[i - 1].end:ps[i].start]):
            i -= 1
        while j + 1 < len(ps) and _COORDINATION.fullmatch(self.text[ps[j].end:ps[j + 1].start]):
            j += 1
        out = []
        for p in ps[i:j + 1]:
            if p is chosen:
                continue
            if p.place_id and chosen.place_id and (p.place_id in chosen.parent_ids or
                                                   chosen.place_id in p.parent_ids):
                continue
            out.append(p)
        return out

    def _container(self, a: int, b: int, places: list[Any]) -> Any:
        """The most precise place named in [a, b) that contains every one of ``places``."""
        holders = [p for p in self.within(self.tags.places, a, b) if p.place_id and all(
            q.place_id and (p.place_id in q.parent_ids) for q in places)]
        return min(holders, key=lambda p: _PRECISION_RANK.get(p.precision, 9)) if holders else None

    def counts(self, d: DraftClaim, a: int, b: int, trig: Tag,
               tolls: list[tuple[Tag, TriggerEntry]]) -> list[DraftCount]:
        """The numbers of people harmed that the clause gives for this act.  A number counts people only
        when the grammar ties it to a person noun ("12 مدنيا") or to a casualty word ("مقتل 12"); one
        that measures something else ("16 يوما", "5 دبابات", "عام 2006", "بقيمة", "180 مليون نسمة") is
        not a count; its kind follows the word that governs it ("فر مليون شخص": displaced, not killed)."""
        out: list[DraftCount] = []
        if self._cumulative(a, b):
            d.background = True  # the war's running toll: background, not this report's news
            return out
        groups = self.within(self.tags.groups, a, b)
        dates = self.tags.dates
        trig_spans = [trig] + [t for t, _ in tolls]
        clause_trigs = [t for t in self.within(self.tags.triggers, a, b) if self._counts_people(t)]
        default_kind = _DEFAULT_KIND.get(d.event, "killed")
        end = min(len(self.text), b + 1)
        units = self.cues("unit", a, end)
        populations = self.cues("unit_population", a, end)
        markers = self.cues("measure_before", max(0, a - 40), b)
        partitive_pronouns = self.cues("among", a, end)
        for q in self.within(self.tags.quantities, a, b):
            if self.overlapping(dates, q.start, q.end):
                continue
            if any(m.end <= q.start and self.tokens_between(m.end, q.start) == 0 for m in markers):
                continue  # "عام 2006", "بقيمة 5 ملايين", "تعدادها 4 ملايين": a year, a sum, a population
            population = next((u for u in populations if u.start >= q.end
                               and self.tokens_between(q.end, u.start) == 0), None)
            if q.after_noun:
                # "أشخاص عدة", "شخص واحد": the noun before says what is counted ("مناطق عدة" is no count)
                noun = self._noun_before(q.start, groups)
                if noun is None or not any(p.group or p.kind for p in noun.payloads):
                    continue
            else:
                noun = self._noun_after(q.end, groups)
            if noun is None and any(u.start >= q.end and self.tokens_between(q.end, u.start) == 0 for u in units):
                continue  # "16 يوما", "20 كيلومترا", "5 دبابات": a measure, not people ("عملية إعدام" is)
            if noun is None and population is None and self._is_year(q):
                continue  # "في صيف 2006": a year the date grammar did not take
            kind: str | None = None
            group: str | None = None
            status = False
            kinds: list[str] = []
            if noun is not None:
                kinds = [p.kind for p in noun.payloads if p.kind]
                groups_ = [p.group for p in noun.payloads if p.group]
                status = any(p.status for p in noun.payloads)
                kind = kinds[0] if kinds else None
                group = groups_[0] if groups_ else None
                if group is None:
                    group = self._adjective_group(noun, groups)  # "60 شهيدا مدنيا": civilians
            else:
                near = [t for t in trig_spans if self._adjacent(q, t) and self._counts_people(t)]
                if not near:
                    continue  # "شنت 5 غارات"-like numbers tied to no person noun nor casualty word
            if group is None and any(c.start >= q.end and self.tokens_between(q.end, c.start) == 0
                                     for c in partitive_pronouns):
                # "أودى بحياة 48 منهم": the victims named before
                group = next((v[0] for v in d.victims if v[2] <= q.start and v[0] != "people"), None)
            gov = self._governor(q, clause_trigs)
            if gov is not None and not any(gov is t for t in trig_spans) and (kind is None or status):
                # the number belongs to another act of the clause ("قتل 70 ألفا وفر مليون شخص")
                kind = self._trigger_kind(gov)
                if kind is None:
                    continue
            elif status and gov is not None:
                kind = self._trigger_kind(gov) or kind  # "تعرض 12 لاجئا للقتل": killed
            elif gov is None and kind is None and not q.coordinated and noun is not None and not any(
                    c.end <= q.start and self.tokens_between(c.end, q.start) == 0 for c in partitive_pronouns) \
                    and all(self._new_conjunct(min(t.end, q.end), max(t.start, q.start)) for t in trig_spans):
                # "فر مليون شخص … وبات ملايين الأشخاص في حاجة": no act says what befell them (a number
                # right after "بينهم" breaks down the toll before it)
                continue
            if kind is None:
                kind = self._toll_kind(q, tolls) or default_kind
            if kind is None and tolls and trig is tolls[0][0]:
                kind = tolls[0][1].count_kind
            if kind is None:
                continue
            if population is not None and kind != "displaced":
                continue  # "180 مليون نسمة" live somewhere; they were not killed
            if group == "people" or (group == "fighters" and d.event in ("detention",)):
                group = None
            if status and kind in kinds:
                group = None  # a refugee displaced, a detainee detained: the event itself, no group of its own
            start, stop = q.start, q.end
            if noun is not None:
                start, stop = min(start, noun.start), max(stop, noun.end)
            elif population is not None:
                stop = population.end
            c = DraftCount(kind, group, q.value, q.low, q.high, q.qualifier, start, stop)
            if not any((o.kind, o.group, o.value, o.low) == (c.kind, c.group, c.value, c.low) for o in out):
                out.append(c)
        out.extend(self.implied_counts(d, a, b, groups, tolls, out, default_kind))
        allowed = _KINDS_FOR.get(d.event, _KINDS_DEFAULT)
        out = [c for c in out if c.kind in allowed]
        bound = self.lang.war_toll_from
        totals = [c for c in out if bound and c.kind in _TOLL_KINDS and max(c.value or 0, c.low or 0) >= bound]
        if totals:
            # "70 ألف قتيل", "آلاف الضحايا": a running total over the war, not this act's toll; a claim
            # that states only such a total is background ("قصفت هدفا … الصراع الذي أودى بحياة 60 ألفا"
            # keeps the strike, without the total)
            out = [c for c in out if c not in totals]
            if not any(c.kind in _TOLL_KINDS for c in out) and any(
                    self._span_close(c.start, c.end, trig, 3) for c in totals):
                d.background = True
        return out

    def _cumulative(self, a: int, b: int) -> bool:
        """Does the clause give the war's cumulative toll ("منذ بدء الثورة", "خلال عامين", "حتى الآن",
        "النزاع الذي أسفر عن …")?  Not when it names a day of its own ("قتل 50 اليوم حتى الآن")."""
        cues = self.cues("cumulative", a, b)
        if not cues:
            return False
        return not any(x.precision == "day" and not _overlaps(x, cues)
                       for x in self.within(self.tags.dates, a, b))

    def _is_year(self, q: Any) -> bool:
        """A bare four-digit number in the language's year range ("2006")."""
        lo, hi = self.lang.year_range
        return q.qualifier == "exact" and q.value is not None and lo <= q.value <= hi and \
            bool(_YEAR_DIGITS.search(self.text, q.num_start, q.num_end))

    def _counts_people(self, t: Tag) -> bool:
        """May a number right at this trigger, with no noun, count people?  A casualty word or an act done
        to persons ("مقتل 12", "اعتقل 5"), not a weapon's act ("شن 5 غارات")."""
        return any(p.role == "casualty" or (p.role == "act" and p.event in _PERSON_ACTS) for p in t.payloads)

    def _governor(self, q: Any, trigs: list[Tag]) -> Tag | None:
        """The trigger that governs a number: the nearest one before it (up to 3 words) or right after its
        noun phrase (up to 2 words: "مليونا شخص إلى النزوح", "70 ألف شخص قتلوا"), a tie going to the one
        before; never across a new conjunct ("قتل 5 … وفر مليون": قتل does not govern the million)."""
        before: tuple[int, Tag] | None = None
        after: tuple[int, Tag] | None = None
        for t in trigs:
            # (the distance first: the text between is read only for a trigger near enough to count)
            if t.end <= q.start:
                n = self.tokens_between(t.end, q.start)
                if n <= 3 and (before is None or n <= before[0]):
                    if q.coordinated or self._new_conjunct(t.end, q.start):
                        continue  # "70 ألف قتيل ومليون لاجئ": قتيل governs no more
                    before = (n, t)
            elif t.start >= q.end:
                noun_end = q.end
                nxt = self._noun_after(q.end, self.tags.groups)
                if nxt is not None and nxt.end <= t.start:
                    noun_end = nxt.end
                n = self.tokens_between(noun_end, t.start)
                if n <= 2 and (after is None or n < after[0]):
                    if self._new_conjunct(noun_end, t.start):
                        continue  # "بحق عشرات المخطوفين وألقت بجثامينهم": another act's word
                    after = (n, t)
        if before is not None and (after is None or before[0] <= after[0]):
            return before[1]
        return after[1] if after is not None else None

    def _new_conjunct(self, a: int, b: int) -> bool:
        """Does a new conjunct open in [a, b): a word with the conjunction و that is no name, group or cue
        ("وبات ملايين", "وألقت"; not "وجيش المعارضة", "وبينهم")?"""
        tagged = (self.tags.actors, self.tags.groups, self.tags.places, self.tags.cues, self.tags.quantities)
        for m in _NEW_CONJUNCT.finditer(self.text, a, b):
            if not any(self.overlapping(tags, m.start(), m.start() + 2) for tags in tagged):
                return True
        return False

    def _trigger_kind(self, t: Tag) -> str | None:
        """The count kind a trigger gives a number it governs (None: the act harms no one countable)."""
        for p in t.payloads:
            if p.role == "casualty" and p.count_kind:
                return p.count_kind
        for p in t.payloads:
            if p.role == "act":
                return _DEFAULT_KIND.get(p.event, "killed")
        return None

    def _noun_before(self, pos: int, groups: list[Tag]) -> Tag | None:
        """The group noun that ends right before ``pos`` ("أشخاص عدة")."""
        for g in reversed(groups):
            if g.end <= pos:
                return g if self.tokens_between(g.end, pos) == 0 else None
        return None

    def _adjective_group(self, noun: Tag, groups: list[Tag]) -> str | None:
        """A group adjective right after a count noun, or a partitive group: "60 شهيدا مدنيا", "خمسة قتلى من
        المدنيين" are civilians."""
        for g in groups:
            if g.start >= noun.end:
                n = self.tokens_between(noun.end, g.start)
                if n == 0 or (n == 1 and self.cues("partitive", noun.end, g.start)):
                    grp = next((p.group for p in g.payloads if p.group and not p.kind), None)
                    return grp if grp != "people" else None
                return None
        return None

    def implied_counts(self, d: DraftClaim, a: int, b: int, groups: list[Tag],
                       tolls: list[tuple[Tag, TriggerEntry]], counted: list[DraftCount],
                       default_kind: str | None) -> list[DraftCount]:
        """Nouns that state their number themselves: a dual ("امرأتان" is two women), and a singular in a
        toll ("بينهم طفل وامرأة": one child, one woman; "مقتل شاب": one young man)."""
        if d.event not in _HARM_EVENTS:
            return []
        out: list[DraftCount] = []
        amongs = self.cues("among", a, b)
        chain_end = -1  # end of the last noun in an "among them" list
        for g in groups:
            number = next((p.number for p in g.payloads if p.number), None)
            if number is None:
                continue
            if any(c.start <= g.start < c.end + 1 for c in counted):
                continue  # already the noun of a number
            after_among = any(c.end <= g.start and self.tokens_between(c.end, self._word_start(g.start)) == 0
                              for c in amongs)
            in_chain = chain_end >= 0 and self.tokens_between(chain_end, self._word_start(g.start)) == 0
            after_toll = any(t.end <= g.start and self.tokens_between(t.end, g.start) == 0 for t, _ in tolls)
            if not (after_among or in_chain or after_toll or (number == 2 and tolls)):
                continue
            chain_end = g.end
            kind = next((p.kind for p in g.payloads if p.kind), None) or (
                tolls[0][1].count_kind if tolls else default_kind)
            group = next((p.group for p in g.payloads if p.group), None)
            if kind is None:
                continue
            out.append(DraftCount(kind, None if group == "people" else group, number, None, None, "exact",
                                  g.start, g.end))
        return out

    def _noun_after(self, pos: int, groups: list[Tag]) -> Tag | None:
        g = self.first_from(groups, pos)
        if g is not None:
            n = self.tokens_between(pos, g.start)
            # a partitive may stand between a number and its noun ("عشرات من الجثث")
            if n == 0 or (n == 1 and self.cues("partitive", pos, g.start)):
                return g
        return None

    def toll_breakdown(self, d: DraftClaim, a: int, b: int) -> list[DraftClaim]:
        """"118 في حلب و37 في دمشق …": a toll split by place is one claim per place."""
        if d.event not in ("killing", "execution", "airstrike", "shelling", "bombing", "attack"):
            return []
        items = []
        for q in self.within(self.tags.quantities, a, b):
            if q.qualifier == "range":
                continue
            rest = self.text[q.end:q.end + 40]
            loc = self.cues("locative", q.end, q.end + 30)
            if not loc:
                continue
            # the number, at most one count noun, then the locative, then a place
            gap = self.tokens_between(q.end, loc[0].start)
            if gap > 1 or q.after_noun or (gap == 1 and self._noun_after(q.end, self.tags.groups) is None) or \
                    (gap == 0 and self._is_year(q)):
                continue  # "5 دبابات في حلب", "عام 2006 في": not a toll
            # places are sorted and the words between only grow: the first place after is the one
            place = self.first_from(self.tags.places, loc[0].end)
            if place is not None and self.tokens_between(loc[0].end, place.start) != 0:
                place = None
            if place is None or not rest:
                continue
            items.append((q, place))
        if len(items) < 2:
            return []
        kind = next((c.kind for c in d.counts), "killed")
        out = []
        used = {q.start for q, _ in items}
        d.counts = [c for c in d.counts if c.start not in used]
        groups = self.within(self.tags.groups, a, b)
        for q, place in items:
            # "19 قتيلا في حلب، و12 مدنيا في دمشق": each number keeps its own noun's kind and group
            noun = self._noun_after(q.end, groups)
            k = next((p.kind for p in noun.payloads if p.kind and not p.status), kind) if noun else kind
            grp = next((p.group for p in noun.payloads if p.group), None) if noun else None
            c = DraftCount(k, None if grp == "people" else grp, q.value, q.low, q.high, q.qualifier, q.start,
                           noun.end if noun is not None else q.end)
            out.append(DraftClaim(event="killing" if d.event != "execution" else d.event, method=None,
                                  trigger=(q.start, q.end), evidence=d.evidence, counts=[c], place=place,
                                  date=d.date, source=d.source, certainty=d.certainty))
        return out

    def _adjacent(self, q: Any, t: Tag) -> bool:
        if q.start >= t.end:
            return self.tokens_between(t.end, q.start) <= 2
        return self.tokens_between(q.end, t.start) <= 1

    def _toll_kind(self, q: Any, tolls: list[tuple[Tag, TriggerEntry]]) -> str | None:
        before = [(t, e) for t, e in tolls if t.end <= q.start and self.tokens_between(t.end, q.start) <= 3]
        if before:
            return before[-1][1].count_kind
        return None
