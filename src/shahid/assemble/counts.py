"""Counts (ANNOTATION.md `counts`): numbers of people harmed, their kind, group and qualifiers."""

from __future__ import annotations

import bisect
import re
from typing import Any

from shahid.assemble.common import _HARM_EVENTS
from shahid.assemble.draft import DraftClaim, DraftCount
from shahid.assemble.view import TagView
from shahid.lang.loader import TriggerEntry
from shahid.tag.tags import Tag, _overlaps


def quantities_outside(quantities: list[Any], spans: list[Any]) -> list[Any]:
    """The quantities whose number words are not (part of) one of the tagged spans (a place name, a date);
    both lists sorted by start."""
    starts = [p.start for p in spans]
    out = []
    for q in quantities:
        i = bisect.bisect_left(starts, q.num_end)
        if not any(spans[j].end > q.num_start for j in range(max(0, i - 3), i)):
            out.append(q)
    return out

_DEFAULT_KIND = {"detention": "detained", "displacement": "displaced", "casualties_found": "bodies",
                 "forced_recruitment": None, "siege": None, "territory_change": None, "protest": None,
                 "agreement": None}

# which count kinds a claim of each event may carry
_KINDS_FOR = {"displacement": {"displaced"}, "detention": {"detained", "missing"},
              "casualties_found": {"bodies"}, "forced_recruitment": {"detained"}, "territory_change": set(),
              "agreement": set(), "siege": {"killed", "injured"}}

_KINDS_DEFAULT = {"killed", "injured", "bodies", "missing"}

# acts done to persons: a number right at their word counts people even with no noun ("اعتقل 5")
_PERSON_ACTS = {"killing", "execution", "detention", "torture", "sexual_violence", "displacement",
                "casualties_found", "forced_recruitment"}

# the kinds a war's running total is given in (measures.yaml war_toll_from)
_TOLL_KINDS = {"killed", "injured", "missing"}


_YEAR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")



class CountRules(TagView):
    """Counts (ANNOTATION.md `counts`): numbers of people harmed, their kind, group and qualifiers."""

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
            if self._combined(q, noun):
                continue  # "مقتل وإصابة 30": the dead and the wounded together, neither kind's number
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
            if kind is None and gov is not None and (self._toll_after(q, gov) or (
                    not self.lang.modifiers_before_noun and gov.start >= q.end
                    and self._trigger_kind(gov) in _TOLL_KINDS)):
                # "… and 60 were wounded" (English: _toll_after), "و150 شخصا آخرين أصيبوا": the toll word
                # right after the number's noun phrase says what befell them, over a toll word of the clause
                # before (not "80 شخصا انتشلت جثثهم": what was found of them is not what befell them)
                kind = self._trigger_kind(gov)
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

    def _combined(self, q: Any, noun: Tag | None) -> bool:
        """Does a combined toll (cues.yaml ``toll_dead`` right before ``toll_wounded`` joined by the
        language's coordinator: "مقتل وإصابة") stand right before the number ("مقتل وإصابة 30") or at most
        a word after it or its noun ("40 شخصا بين قتيل وجريح", "15 قتيلا وجريحا")?  It counts the dead and
        the wounded together: neither kind's number."""
        conj = self.lang.morphology.coordinator
        if not conj:
            return False
        stop = max(q.end, noun.end) if noun is not None else q.end
        lo, hi = max(0, q.start - 40), stop + 40
        wounded = self.cues("toll_wounded", lo, hi)
        for d in self.cues("toll_dead", lo, hi) if wounded else ():
            w = next((w for w in wounded if w.start >= d.end and (
                self.text[d.end:w.start].strip() == conj or (
                    not self.text[d.end:w.start].strip() and w.prefix.startswith(conj)))), None)
            if w is None:
                continue
            if w.end <= q.start:
                if self.tokens_between(w.end, q.start) == 0:
                    return True
            elif d.start < stop or self.tokens_between(stop, d.start) <= 1:
                return True
        return False

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
        if after is not None and self._toll_after(q, after[1]):
            # "14 people died and over 40 were hurt": English says the toll after its
            # subject, so a passive toll word right after the number governs it over one before
            return after[1]
        if before is not None and (after is None or before[0] <= after[0]):
            return before[1]
        return after[1] if after is not None else None

    def _toll_after(self, q: Any, t: Tag) -> bool:
        """Is t a toll word that says the number q's toll right after it or past an auxiliary only ("60
        were wounded", "60 wounded"; not "… and three women and wounding 30")?  English says the toll
        after its subject (``modifiers_before_noun``)."""
        if not self.lang.modifiers_before_noun or t.start < q.end or not any(
                p.passive or p.role == "casualty" for p in t.payloads):
            return False
        nxt = self._noun_after(q.end, self.tags.groups)
        a = nxt.end if nxt is not None and nxt.end <= t.start else q.end
        return self.tokens_between(a, self._word_start(t.start)) == 0 or self._auxiliary_only(a, t.start)

    def _auxiliary_only(self, a: int, b: int) -> bool:
        """Is [a, b) only a passive auxiliary ("were", "have been"; cue `passive_auxiliary`)?"""
        aux = self.cues("passive_auxiliary", a, b)
        return bool(aux) and self.tokens_between(a, self._word_start(aux[0].start)) == 0 and \
            self.tokens_between(aux[-1].end, self._word_start(b)) == 0

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
            if n <= 4 and self.lang.modifiers_before_noun and self._modifiers_only(pos, g.start):
                return g  # "20 Islamic State fighters", "13 pro-Assad fighters"
        return None

    def _modifiers_only(self, a: int, b: int) -> bool:
        """Is every word in [a, b) part of an actor's name or a `prenominal` word?"""
        covers = [(t.start, t.end) for t in self.overlapping(self.tags.actors, a, b)]
        covers += [(c.start, c.end) for c in self.cues("prenominal", a, b)]
        i = self.tok_index(a)
        while i < len(self._tok_starts) and self._tok_starts[i] < b:
            ws, we = self._tok_starts[i], self._tok_ends[i]
            if not any(x <= ws and we <= y for x, y in covers):
                return False
            i += 1
        return True

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

    def _new_conjunct(self, a: int, b: int) -> bool:
        """Does a new conjunct open in [a, b): a word with the conjunction و that is no name, group or cue
        ("وبات ملايين", "وألقت"; not "وجيش المعارضة", "وبينهم")?"""
        tagged = (self.tags.actors, self.tags.groups, self.tags.places, self.tags.cues, self.tags.quantities)
        for m in self.coordination.new_conjunct.finditer(self.text, a, b):
            if not any(self.overlapping(tags, m.start(), m.start() + 2) for tags in tagged):
                return True
        return False
