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
   opened in an attributed sentence carries its source until it closes."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

from shahid.assemble.attribution import AttributionRules
from shahid.assemble.carry import CarryRules
from shahid.assemble.common import coordination_patterns
from shahid.assemble.counts import CountRules, quantities_outside
from shahid.assemble.date import DateRules
from shahid.assemble.draft import Attribution, DraftClaim
from shahid.assemble.eventivity import EventivityRules, _anchored, _restatements_dropped
from shahid.assemble.perpetrators import PerpetratorRules
from shahid.assemble.place import PlaceRules, _with_place
from shahid.assemble.victims import VictimRules
from shahid.lang.loader import ActorEntry, Language, SourceEntry, TriggerEntry
from shahid.tag.country import adjective_countries, armed_actor, state_actor, story_country
from shahid.tag.lexicon import WordIndex
from shahid.tag.tags import Tag, Tags, _overlaps
from shahid.text.segment import Sentence


def _has_event(tags: list[Tag]) -> bool:
    """Can this stretch state an event of its own? (", وإصابة 30 آخرين" only adds to the one before.)"""
    return any(p.role == "act" or (p.role == "casualty" and p.standalone) for t in tags for p in t.payloads)


# Which act absorbs a toll word of the clause, most specific first.
_ACT_PRIORITY = ("execution", "airstrike", "shelling", "bombing", "killing", "torture", "sexual_violence",
                 "attack", "detention", "displacement", "casualties_found", "forced_recruitment", "siege",
                 "territory_change", "protest", "agreement")


# An act that swallows another found in the same clause (the other is how it was done).
_ABSORBS = {"forced_recruitment": {"attack"}, "execution": {"killing"}}


# A generic act refined by a method word of the clause ("قصف بالطائرات" is an air strike).
_REFINE = {("shelling", "airstrike"), ("attack", "airstrike"), ("attack", "shelling"), ("attack", "bombing"),
           ("killing", "airstrike")}




_VIOLENT = {"attack", "airstrike", "shelling", "bombing", "execution", "killing", "torture", "sexual_violence"}


_SPECIFIC_ATTACKS = {"shelling", "airstrike", "bombing", "execution"}


# a toll takes the act of the last sentence that reported one past at most this many that report nothing
CARRY_QUIET = 1
# "قتل 7 أشخاص في اشتباكات": the cause word stands this many words after the toll word at most
TOLL_CAUSE_REACH = 4






_DATELINE = re.compile(r"[^\n()]{2,60}?\([^)\n]{1,20}\)\s*[-–—]{1,2}|[^\n\-–—]{2,40}?\s[-–—]{2}")


_DATELINE_DASH = re.compile(r"\s*([^\s\-–—،,.:()][^\n\-–—،,.:()]{1,30}?)\s*[-–—]\s")




# two whitespace-separated words from the match position on (``len(s.split()) > 1`` without the slice)
_TWO_WORDS = re.compile(r"\s*\S+\s+\S")




# a byline's date written so that no grammar reads it: up to three words, then a number shaped like a date
# or a time (four digits or more, or digits with a separator), never a count ("Updated 20 civilians were …")
_BYLINE_NUMBER = re.compile(r"(?:\s*[^\W\d]+\.?){0,3}\s*(?:\d{4,}|\d+[:./-]\d)[\d:./-]*")


def _byline_end(text: str, start: int, tags: Tags, bylines: list[Tag]) -> int | None:
    """Where a byline that opens the body at ``start`` ends (the end of its date), or None.
    ``bylines``: the cue tags of cue `byline`, in the order of ``tags.cues``."""
    cue = next((t for t in bylines if t.start >= start), None)
    if cue is None or text[start:cue.start].strip():
        return None
    date = next((d for d in tags.dates if d.start >= cue.end), None)
    if date is not None and not text[cue.end:date.start].strip(" ,:"):
        return date.end
    # a date the grammar cannot read ("Last updated at Aug 142016"): the first number within a few words
    m = _BYLINE_NUMBER.match(text, cue.end)
    return m.end() if m else None


def _country_wide(place: Any) -> bool:
    """A region the country itself holds ("northern Syria", "the Syrian coast"): no governorate's."""
    return place.precision == "region" and not getattr(place, "admin1", None) and len(place.parent_ids or ()) <= 1

class Assembler(AttributionRules, EventivityRules, PerpetratorRules, CountRules, PlaceRules, DateRules, VictimRules,
                CarryRules):

    def __init__(self, lang: Language, text: str, tags: Tags, sentences: list[Sentence], skip_until: int,
                 words: WordIndex | None = None, published: str | None = None,
                 original: Callable[[int, int], str] | None = None):
        self.published = published
        # the original text of a normalised span (for what normalisation merges, like ه and ة)
        self.original = original or (lambda a, b: text[a:b])
        self.lang = lang
        self.coordination = coordination_patterns(lang.morphology.coordinator)
        self.text = text
        self.tags = tags
        self.sentences = sentences
        self.skip_until = skip_until  # claims in the headline are not extracted (it repeats the body)
        # a place name is never a number: the village «بليون» is not "a billion"
        if tags.places and tags.quantities:
            tags.quantities = quantities_outside(tags.quantities, tags.places)
        # nor is a date's number ("June 3 2016 Regime bombing raids …": 2016 counts no regime fighters;
        # cues.yaml date_numbers_no_count)
        if lang.date_numbers_no_count and tags.dates and tags.quantities:
            tags.quantities = quantities_outside(tags.quantities, sorted(tags.dates, key=lambda t: t.start))
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
        self.named_places = tags.places  # with a dateline's (its name is a place, not a side)
        if dateline is not None:
            tags.places = [p for p in tags.places if not (dateline[0] <= p.start < dateline[1])]
        # per tag list (by id): the list, its starts, its longest span (see _index)
        self._starts: dict[int, tuple[list[Any], list[int], int]] = {}
        # cue tags per cue name, each list sorted by position
        self._cues_by_name: dict[str, list[Tag]] = {}
        self._cue_starts: dict[str, list[int]] = {}
        by_name = self._cues_by_name
        for t in tags.cues:
            pl = t.payloads
            if len(pl) == 1:  # (most cue tags have one entry: no set to build)
                name = pl[0].cue
                lst = by_name.get(name)
                if lst is None:
                    by_name[name] = [t]
                else:
                    lst.append(t)
                continue
            for name in {p.cue for p in pl}:
                by_name.setdefault(name, []).append(t)
        # a byline ("Published June 3 2016", "Date of publication 10 July 2016", "Posted on …": cue
        # `byline` opening the body, a date right after it) says when the report was published: no one
        # says anything in it, and its date and numbers are no event's
        if body is not None:
            cut = _byline_end(text, body.start, tags, by_name.get("byline", []))
            if cut is not None:
                def off(lst: list[Any]) -> list[Any]:
                    return [t for t in lst if not (t.start < cut and body.start < t.end)]
                tags.reporting, tags.sources = off(tags.reporting), off(tags.sources)
                tags.dates, tags.quantities = off(tags.dates), off(tags.quantities)
        # "المرصد، ومقره بريطانيا": where a source sits is not where anything happened
        seats = by_name.get("seat", [])
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
        self._story: tuple[Any] | None = None  # the story's place, once found (place.py _story_place)
        self._sentence_agents: list[tuple[str, int, int]] = []
        self._tok_starts = words.starts
        self._tok_ends = words.ends
        # "قال مسؤول في واشنطن إن", "أكد في الأردن أنه": a place of another country than the story's
        # between a reporting verb and what it reports is where the speaker spoke
        self._seats: list[tuple[int, int]] = []
        self._seat_starts: list[int] | None = None
        self._speaker_places: set[int] = set()  # starts of home places between a speaker and إن
        self._drop_seats()

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
        for m in self.coordination.comma_conjunct.finditer(self.text, a, b):
            cut = m.end() - 1
            left = self.within(self.tags.triggers, cuts[-1], cut)
            right = self.within(self.tags.triggers, cut, b)
            if _has_event(left) and _has_event(right):
                cuts.append(cut)
        return [(x, cuts[i + 1] if i + 1 < len(cuts) else b) for i, x in enumerate(cuts)]

    # ------------------------------------------------------------ main
    def run(self) -> list[DraftClaim]:
        claims: list[DraftClaim] = []
        prev_attr: Attribution | None = None
        quote_attr: Attribution | None = None
        quote_fresh = False  # the sentence before opened the quotation
        frame_place: Any = None
        frame_para = -1
        previous: list[DraftClaim] = []  # the claims of the last sentence that made some (carry.py)
        last: list[DraftClaim] = []  # the claims of the sentence right before
        quiet = 0  # sentences since, that made none
        for s in self.sentences:
            if s.end <= self.skip_until:
                continue
            self._date_back_report(s, last)
            if s.paragraph != frame_para:
                frame_place, frame_para = None, s.paragraph
            attrs = self.attributions(s, prev_attr)
            named = [a for a in attrs if a.source is not None]
            if not attrs and quote_attr is not None:
                attrs = [quote_attr]
            elif quote_fresh and not named and not any(a.verb is not None and a.verb.payload.frame == "marker"
                                                       for a in attrs):
                # the sentence right after one that opened a quotation still open: a reporting word with no
                # source of its own ("في إشارة إلى") does not end the speaker's voice (an outlet's note, "يذكر
                # أن", does)
                attrs = [quote_attr, *attrs]
            # a paragraph that opens "وفي X،" frames what follows with X
            opener = self._frame_place(s)
            if opener is not None:
                frame_place = opener
            self._sentence_agents: list[tuple[str, int, int]] = []
            in_sentence: list[DraftClaim] = []
            # every clause lies inside its sentence, and a clause with no event word makes no claim:
            # a sentence with none is not cut into clauses
            for a, b in self.clauses(s) if self.within(self.tags.triggers, s.start, s.end) else ():
                made = self.clause_claims(s, a, b, attrs, frame_place)
                if not made and in_sentence:
                    self._add_clause_toll(in_sentence[-1], a, b)
                in_sentence.extend(made)
                if any(d.perpetrators for d in made):
                    self._sentence_agents = next(d.perpetrators for d in made if d.perpetrators)
            kept = _restatements_dropped(in_sentence)
            if self.lang.carry_reference:
                self.carry(kept, claims, previous)
            if kept or quiet >= CARRY_QUIET:
                previous, quiet = kept, 0
            else:
                quiet += 1  # a sentence that reports nothing ("the plane crashed in the centre") between
            claims.extend(kept)
            last = kept
            if named:
                prev_attr = named[-1]
            self.remember_names(s)
            opened = self._open_quote(s, named[-1] if named else quote_attr)
            quote_fresh = opened is not None and opened is not quote_attr
            quote_attr = opened
        if self.lang.carry_reference:
            self.same_toll(claims)
            self.named_means(claims)
            self.named_after(claims)
            self.toll_before_act(claims)
        if self.lang.one_doer_per_method:
            self._one_doer_per_method(claims)
        for d in claims:
            if not d.perpetrators and d.implied_doer is not None:
                d.perpetrators = [d.implied_doer]  # after what the text names and refers back to
        return claims

    def _one_doer_per_method(self, claims: list[DraftClaim]) -> None:
        """A claim of a method the report tells one act of (cues.yaml ``one_doer_per_method``: a chemical
        attack) with no doer takes the doer the report first names for an act of that method, as it names
        it (an accusation, a back-reference, another statement of the toll)."""
        first: dict[str, list[tuple[str, int, int]]] = {}
        for d in claims:
            if d.method in self.lang.one_doer_per_method and d.perpetrators and d.method not in first \
                    and d.certainty != "denied" and not d.background:  # a denial names no doer
                first[d.method] = list(d.perpetrators)
        for d in claims:
            if d.method in first and not d.perpetrators:
                d.perpetrators = list(first[d.method])

    def _means_subject(self, mt: Tag, t: Tag, e: TriggerEntry) -> bool:
        """Is the means mt the subject of the act verb t, further before it than a means beside it
        ("Warplanes thought to be Russian then hit the village")?  Within cues.yaml's
        ``subject_means_reach`` words, with no other event word between (0: never)."""
        reach = self.lang.subject_means_reach
        return bool(reach) and not e.nominal and mt.end <= t.start and \
            self.tokens_between(mt.end, self._word_start(t.start)) <= reach and \
            not self.within(self.tags.triggers, mt.end, t.start)

    def _determined(self, t: Tag, a: int) -> bool:
        """Does a determiner stand before t, past at most one word ("a bombing", "a twin bombing", "the
        bomb")?"""
        lo = max(a, t.start - 30)
        return any(c.end <= t.start and self.tokens_between(c.end, self._word_start(t.start)) <= 1
                   for name in ("determiner", "back_reference", "demonstrative") for c in self.cues(name, lo, t.start))

    def _opens_clause(self, t: Tag, a: int) -> bool:
        """(A language that says its subject first, cues.yaml ``subject_first``.)  Does t open its clause,
        past its date and one more word at most ("Bomb kills 18", "06-08-2013 Bomb Kills 18", "Terrorist
        Bomb Targets Bus")?  A verb there would have no subject: the word is the noun."""
        if not self.lang.subject_first:
            return False
        start = a
        for d in self.within(self.tags.dates, a, t.start):
            if not self.text[start:d.start].strip(" ,.:-"):
                start = d.end
        return self.tokens_between(start, t.start) <= 1 and not self.within(self.tags.triggers, start, t.start) \
            and not self.within(self.tags.actors, start, t.start)

    def _agent_after(self, t: Tag, b: int) -> bool:
        """Does an agent phrase follow the act noun t within a few words, an actor right after its marker
        ("a gas attack thought to be by government aircraft", "raids carried out by Russian planes")?"""
        for c in self.cues("agent_marker", t.end, min(b, t.end + 60)):
            if self.tokens_between(t.end, c.start) <= 4:
                x = self.first_from(self.tags.actors, c.end)
                if x is not None and x.start < b and self.tokens_between(c.end, x.start) <= 1:
                    return True
        return False

    def _side_before(self, t: Tag, a: int) -> bool:
        """Does an actor's name stand right before the act noun t ("US-led air strikes", "Syrian air
        force raids")?"""
        x = self.last_ending_by(self.tags.actors, t.start, max(a, t.start - 60))
        return x is not None and self.tokens_between(x.end, self._word_start(t.start)) == 0

    def _toll_cause(self, by_event: dict[str, Any], a: int, b: int) -> str | None:
        """The act a toll word says caused it: the violent act noun right after a cause word (cue `cause`:
        "في", "جراء", "إثر") that stands a few words after a toll word ("قتل 7 أشخاص في اشتباكات")."""
        if len(by_event) < 2:
            return None
        causes = self.cues("cause", a, b)
        if not causes:
            return None
        harm = [t for t in self.within(self.tags.triggers, a, b)
                if any(p.role == "casualty" or p.event == "killing" for p in t.payloads)]
        specific = any(ev in _SPECIFIC_ATTACKS for ev in by_event)
        for ev, (t, e, _) in sorted(by_event.items(), key=lambda kv: kv[1][0].start):
            if ev not in _VIOLENT or not e.nominal or (ev == "attack" and not e.clash and specific):
                continue  # ("… سقوط 34 قتيلا في هجمات": the car bombs named again, not another act)
            c = next((c for c in causes if c.end <= t.start
                      and self.tokens_between(c.end, self._word_start(t.start)) == 0), None)
            if c is not None and any(w.end <= c.start and w is not t and
                                     self.tokens_between(w.end, self._word_start(c.start)) <= TOLL_CAUSE_REACH
                                     for w in harm):
                return ev
        return None

    def _add_clause_toll(self, d: DraftClaim, a: int, b: int) -> None:
        """", بينما أصيب 27 آخرون": a clause whose only event words are tolls that make no claim of
        their own (the injured, the missing) adds its numbers to the act the sentence reported before
        it, kinds it has no number of yet."""
        if d.event not in _VIOLENT or not (d.evidence[0] <= a and b <= d.evidence[1]):
            return  # (a claim's values stand inside its evidence)
        tolls = [(t, e) for t in self.within(self.tags.triggers, a, b) for e in t.payloads
                 if e.role == "casualty" and not e.standalone]
        if not tolls or any(p.role == "act" for t in self.within(self.tags.triggers, a, b) for p in t.payloads):
            return
        have = {c.kind for c in d.counts}
        for c in self.counts(d, a, b, tolls[0][0], tolls):
            if c.kind not in have:
                d.counts.append(c)

    # ------------------------------------------------------------ per clause
    def clause_claims(self, s: Sentence, a: int, b: int, attrs: list[Attribution],
                      frame_place: Any) -> list[DraftClaim]:
        trig = self.within(self.tags.triggers, a, b)
        if not trig:
            return []
        # "غير مؤكدة" qualifies the report, not the act; a word of a date is the date's ("on 3 May")
        blockers = [c for c in self.cues("irrealis", a, b) + self.cues("negation", a, b)
                    if not self.overlapping(self.tags.reporting, c.start, c.end)
                    and not self.overlapping(self.tags.dates, c.start, c.end)]
        states = self.cues("state_marker", a, b)
        generics = self.cues("generic", a, b)
        nonviolent = self.cues("nonviolent_cause", a, b)
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
            if any(c.end <= t.start for c in generics):
                continue  # "في بعض الحالات قامت قوات … بقتل": what happens in general
            future = self.lang.morphology.future_clitic
            if future and t.prefix.endswith(future) and any(not p.nominal for p in t.payloads):
                continue  # "سيقصف": will shell, has not
            roles = {p.role for p in t.payloads}
            if roles == {"casualty"} and nonviolent:
                continue  # "مات خمسة أطفال بسبب البرد", "توفي في حادث سير": a death, no killing
            entry = next((p for p in t.payloads if p.role == "act"), None)
            if entry is not None and not entry.nominal and (self._determined(t, a) or self._opens_clause(t, a)):
                # "a bombing", "the bomb": a word that is a verb of one act and a noun of another is the
                # noun after a determiner (cue `determiner`; a language with none never asks)
                entry = next((p for p in t.payloads if p.role == "act" and p.nominal and p.event != entry.event),
                             entry)
            if entry is not None:
                if entry.nominal and self._has_purpose_clitic(t.prefix) and not any(
                        c.end <= t.start for c in self.cues("exposure", a, b)):
                    continue  # "للقتال": for the act, not the act; but "تعرضت المدينة لقصف" is one
                if entry.needs_cue and not self.cues(entry.needs_cue, a, b):
                    continue
                if entry.instrument and not (has_toll or self.cues("use", a, b)):
                    continue  # a weapon named, not used: "بطاريات صواريخ", "صفقة صواريخ"
                if entry.nominal and not self.lang.carry_reference and any(
                        c.end <= t.start and self.tokens_between(c.end, t.start) == 0
                        for c in self.cues("demonstrative", a, b)):
                    continue  # "تلك الاشتباكات": the clashes already reported (English carries them, carry.py)
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
        if not acts and methods and self.cues("use", a, b) and (
                self.cues("target_marker", a, b) or self.cues("onto", a, b) or tolls):
            # "استخدم الجيش سلاح المدفعية ضد …": a means put to use against someone is the act it is the
            # means of (a helicopter used to travel is not)
            acts = [(t, e.model_copy(update={"role": "act", "nominal": True})) for t, e in methods[:1]]
        drafts: list[DraftClaim] = []
        refined: list[tuple[Tag, TriggerEntry, str, str | None]] = []
        for t, e in acts:
            event, method = e.event, e.method
            for mt, me in methods:
                if e.downs:
                    break  # "a helicopter was shot down": the aircraft is the target
                if not self._close(mt, t, 3) and not self._means_subject(mt, t, e):
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
                elif self.lang.modifiers_before_noun and kept_e.nominal and e.nominal and (
                        (self._side_before(t, a) and not self._side_before(kept_t, a))
                        or (self._agent_after(t, b) and not self._agent_after(kept_t, b)
                            and not self._side_before(kept_t, a))):
                    # "Air strikes kill 20 … US-led air strikes killed 20": the mention that names its
                    # side right before the noun (or in an agent phrase right after it: "a suspected gas
                    # attack thought to be by government aircraft") is the one the roles are read around
                    by_event[event] = (t, e, kept_method or method)
                continue
            by_event[event] = (t, e, method)
        # absorption: a clause's forced recruitment is not also an attack; "استهدف القصف" is one shelling
        for ev in list(by_event):
            for other in _ABSORBS.get(ev, ()):
                by_event.pop(other, None)
        if "attack" in by_event and not by_event["attack"][1].clash:
            # "استهدف القصف", "قصف … استهدف حي جوبر": one shelling, not also an attack (clashes
            # beside explosions are two statements)
            at, _, at_method = by_event["attack"]
            near = [ev for ev in by_event if ev in _SPECIFIC_ATTACKS and self._close(by_event[ev][0], at, 3)]
            if near:
                by_event.pop("attack")
                if at_method in self.lang.means_over_act:
                    # "an air strike that released toxic gas": the strike's means is the gas
                    kt, ke, km = by_event[near[0]]
                    by_event[near[0]] = (kt, ke, at_method if km in (None, ke.method) else km)
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
        # ... unless the text says which act caused the toll ("قتل 7 أشخاص في اشتباكات", ANNOTATION.md: the
        # toll goes with the act that the text says caused it)
        toll_taker = self._toll_cause(by_event, a, b) or toll_taker
        evidence = (s.start, s.end) if s.end - s.start <= 400 else (a, b)
        for ev, (t, e, method) in ordered:
            if method is None and not e.downs:
                near = [me.method for mt, me in methods if me.method and self._close(mt, t, 4)]
                method = near[0] if near else None
            d = DraftClaim(event=ev, method=method, trigger=(t.start, t.end), evidence=evidence,
                           clash=e.clash)
            if self.lang.carry_reference:
                if standalone_only:
                    d.carry = "toll"
                elif any(p.nominal and p.role == "act" for p in t.payloads) and self.back_reference(t, a):
                    d.carry = "reference"
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
            # a word licensed by a verb cue ("تجمع المتظاهرون") states its act as a verb does, and a protest
            # verb with the number of those who did it ("تظاهر مئات") is specific
            # ... and so is one whose protesters the clause names ("احتشد المتظاهرون"): they are who did it
            counted = d.event == "protest" and not e.nominal and (bool(self.within(self.tags.quantities, a, b)) or any(
                p.event == "protest" and p.needs_cue for x in self.within(self.tags.triggers, a, b)
                for p in x.payloads if x is not t))
            # "424 نقطة قصف": a tally of points is a quantified report of the act
            counted = counted or (e.nominal and self._tallied(a, b))
            # "مهاجما انتحاريا فجر نفسه", "سيارة مفخخة … انفجرت": a verb whose clause names the means it
            # was done with says what was done
            counted = counted or (not e.nominal and any(
                getattr(p, "instrument", False) and p.event == e.event
                for x in self.within(self.tags.triggers, a, b) if x is not t for p in x.payloads))
            if not e.needs_cue and not counted and not _anchored(d, e.nominal and e.role == "act", dated_report):
                continue
            if d.date is None:
                d.date = running
                if self._recalled(d.date):
                    continue  # the story is telling history: its running date is long past
            self.day_after(d, s, t)
            if self.lang.story_place and (d.place is None or d.place.precision == "country"
                                          or _country_wide(d.place)):
                # (after the anchoring test: the story's place makes no claim); a country named, or a
                # part of it that no governorate holds ("in northeast Syria"), is made precise by the
                # story's place inside it
                story = self._story_place()
                if story is not None and (d.place is None or d.place.country == story.country):
                    d.place = story
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

    def _state_voice_doer(self, d: DraftClaim, trig: Tag, a: int, b: int) -> None:
        """The dead named by the word a state's own voice calls its enemy by (cues.yaml
        ``state_voice_dead``: "90 Nusra terrorists killed", "30 terrorists were killed in Hama"), with
        no doer, no fight and no state named in the clause: the story's state killed them (a state
        outlet reports its army's kills so).  The doer takes the span of the act word, as the other side
        of a clash does, and only if no act the claim refers to or restates names one (``run``)."""
        state = self._generic_ids["state"]
        if state.startswith("unknown") or self.lang.actor_entries.get(state) is None or \
                all(p.role == "method" for p in trig.payloads):
            return  # a means named alone ("a rocket launcher was destroyed") is no act of killing
        for k in d.counts:
            named = self.cues("state_voice_dead", k.start, k.end) if k.kind == "killed" and k.group == "fighters" \
                else []
            if named and named[-1].end == k.end and not any(  # the noun the killed number counts
                    x.payload.kind in ("state", "foreign") for x in self.within(self.tags.actors, a, b)):
                d.implied_doer = (state, trig.start, trig.end)
                return

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
        self.fill_perpetrators(d, s, a, b, trig, attr, attrs, src_spans, named_spans)
        self.fill_victims(d, a, b, trig, src_spans, self.speech_frames(a, b, trig, attrs))
        # ---- counts
        d.counts = self.counts(d, a, b, trig, tolls)
        if not d.perpetrators and not d.clash:
            self._state_voice_doer(d, trig, a, b)
        # ---- place
        d.place = self.place(a, b, s, frame_place, [(x[1], x[2]) for x in d.perpetrators], trig)
        # ---- date
        d.date = self.claim_date(s, a, b, attrs)
        self.fill_attribution(d, attr, attrs)
