"""Place (ANNOTATION.md `location`): the most precise place the text gives for a claim."""

from __future__ import annotations

import bisect
import re
from typing import Any

from shahid.assemble.draft import DraftClaim
from shahid.assemble.view import TagView
from shahid.tag.tags import Tag
from shahid.text.segment import Sentence


def _with_place(d: DraftClaim, place: Any) -> DraftClaim:
    return DraftClaim(event=d.event, method=d.method, trigger=d.trigger, evidence=d.evidence,
                      perpetrators=list(d.perpetrators), victims=list(d.victims), counts=[], place=place,
                      date=d.date, source=d.source, certainty=d.certainty)

_DATELINE_TAIL = re.compile(r"\s*(?:,[^\n.]{0,25})?\s*(?:\([^()\n]{1,30}\))?\s*[-\u2013\u2014:]")

# a place right before a complementizer this many words after a reporting verb is where the speaker spoke
# ("وذكر سكان محليون لمراسل الوكالة في دمشق أن …")
SPEAKER_PLACE_REACH = 8
# how many words may stand between what is fired and the word that says where it came from ("قذيفة
# اطلقت الاربعاء من الاراضي السورية")
ORIGIN_REACH = 2
# and between that word and the place ("من داخل الأراضي السورية")
ORIGIN_PLACE_REACH = 2
# how many words may stand between the word that says it fell and what fell, or the place it came from
# ("لسقوط قذائف من سوريا", "قذيفة أطلقت من سوريا وسقطت في")
LANDING_REACH = 3
_PRECISION_RANK = {"site": 0, "neighbourhood": 1, "town": 2, "district": 3, "region": 4, "governorate": 5,
                   "country": 6}




class PlaceRules(TagView):
    """Place (ANNOTATION.md `location`): the most precise place the text gives for a claim."""

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
            # (as near before as after: the place after the act word, "ودارت اشتباكات في حي القابون")
            return min(ps, key=lambda p: (_PRECISION_RANK.get(p.precision, 9),
                                          self.tokens_between(min(p.end, trig.end), max(p.start, trig.start)),
                                          p.start < trig.start, p.start))
        if self._tallied(a, b):
            # "424 نقطة قصف", "اشتبكت … في 142 نقطة": a count of points across the country is the
            # country's, not the place of a clause near it
            return self._story_country_place()
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

    def _tallied(self, a: int, b: int) -> bool:
        """Does a number in [a, b) count points (cues.yaml ``tally``: "424 نقطة قصف")?"""
        tallies = self.cues("tally", a, b)
        return bool(tallies) and any(
            q.end <= c.start and self.tokens_between(q.end, c.start) == 0
            for c in tallies for q in self.within(self.tags.quantities, a, b))

    def _story_country_place(self) -> Any:
        """The first mention of the story's country as a place (None when the text names it nowhere)."""
        cc = self.story.country or self.story.home
        return next((p for p in self.tags.places if p.precision == "country" and getattr(p, "country", None) == cc),
                    None)

    def _story_place(self) -> Any:
        """The story's place (cues.yaml ``story_place``): the first place below a country the body names
        (a dateline, where the report was filed, is no event place)."""
        if self._story is not None:
            return self._story[0]
        cc = self.story.country or self.story.home
        got = next((p for p in self.tags.places if p.start >= self.skip_until and p.precision != "country"
                    and getattr(p, "admin1", None) and getattr(p, "country", None) == cc
                    and not self._is_dateline(p)), None)
        self._story = (got,)
        return got

    def _is_dateline(self, p: Any) -> bool:
        """A place that opens the text and is followed by a comma, an agency or a dash ("BEIRUT (Reuters) -")."""
        head = self.text[max(self.skip_until, 0):p.start]
        return not head.strip() and bool(_DATELINE_TAIL.match(self.text, p.end))

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
        while i > 0 and self.coordination.between_places.fullmatch(self.text[ps[i - 1].end:ps[i].start]):
            i -= 1
        while j + 1 < len(ps) and self.coordination.between_places.fullmatch(self.text[ps[j].end:ps[j + 1].start]):
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

    def _frame_place(self, s: Sentence) -> Any:
        head = self.text[s.start:min(s.end, s.start + 40)]
        comma = min((i for i in (head.find("،"), head.find(",")) if i >= 0), default=-1)
        if comma < 0:
            return None
        places = self.within(self.tags.places, s.start, s.start + comma)
        return places[0] if places else None

    def _drop_origins(self) -> None:
        """A place right after an origin cue that follows what is fired within ORIGIN_REACH words, with a
        word that says it fell beside (cues.yaml ``projectile``, ``origin``, ``landing``: "سقطت قذائف من
        سوريا على", "قذيفة أطلقت من سوريا وسقطت في") is where it came from, not where it fell: no event
        place.  (A launch alone, "أطلقت من القلمون باتجاه الشمال", keeps its place.)"""
        if not all(self._cues_by_name.get(n) for n in ("origin", "projectile", "landing")):
            return
        keep = []
        places = self.tags.places
        for p in places:
            shots = [q for c in self.cues("origin", max(0, p.start - 40), p.start)
                     if self.tokens_between(c.end, p.start) <= ORIGIN_PLACE_REACH
                     and not self.within(places, c.end, p.start)  # (the first place after it)
                     for q in self.cues("projectile", max(0, c.start - 60), c.start)
                     if self.tokens_between(q.end, self._word_start(c.start)) <= ORIGIN_REACH]
            if shots and any(self.tokens_between(x.end, shots[0].start) <= LANDING_REACH if x.end <= shots[0].start
                             else self.tokens_between(p.end, x.start) <= LANDING_REACH
                             for x in self.cues("landing", max(0, shots[0].start - 60), p.end + 60)):
                continue
            keep.append(p)
        self.tags.places = keep

    def _drop_seats(self) -> None:
        self._drop_origins()
        self._drop_speakers_places()
        inside = self._cues_by_name.get("seat", [])
        if inside and self.tags.places:
            # a seat cue that holds the place ("Britain-based", "London-based"): where a source sits
            self.tags.places = [p for p in self.tags.places
                                if not any(c.start <= p.start and p.end <= c.end for c in inside)]
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
            if r is not None and self.tokens_between(r.end, p.start) <= SPEAKER_PLACE_REACH \
                    and not self.within(self.tags.triggers, r.end, p.start):
                if p.country != home:
                    self._seats.append((p.start, p.end))  # nor is a seat city the doer ("واشنطن")
                    continue
                # "قال رئيس مباحث الإسكندرية إن …": the speaker's place, the event's only when the
                # reported clause names none
                self._speaker_places.add(p.start)
            keep.append(p)
        self.tags.places = keep

    def _drop_speakers_places(self) -> None:
        """Places that are where someone spoke, or someone speaking, not where anything happened:
        a foreign place right after a source ("مراسل الإذاعة في لندن يقول"), a foreign
        place opening a statement ("في واشنطن، قالت المتحدثة"), and a capital named as an actor with no
        preposition before it ("نددت به واشنطن وباريس")."""
        home = self.story.country or self.story.home
        preps = self._cues_by_name.get("place_preposition", [])
        keep = []
        cities: list[Any] = []
        for p in self.tags.places:
            if p.country is not None and p.country != home:  # (only a foreign place is a seat here)
                src = self.last_ending_by(self.tags.sources, p.start, max(0, p.start - 80))
                if src is not None and self.tokens_between(src.end, p.start) <= 1 and (
                        self.tokens_between(src.end, p.start) == 0 or self._after_preposition(p, preps)):
                    self._seats.append((p.start, p.end))
                    continue
                verb = self.first_from(self.tags.reporting, p.end)
                if verb is not None and verb.start - p.end <= 4 and \
                        self.text[p.end:verb.start].strip() in ("،", ","):
                    self._seats.append((p.start, p.end))
                    continue
            if self.overlapping(self.tags.actors, p.start, p.end):
                if not self._after_preposition(p, preps):
                    continue  # the capital speaking or acting, not the city
                cities.append(p)  # "في موسكو": the city, not the state
            keep.append(p)
        self.tags.places = keep
        if cities:
            self.tags.actors = [x for x in self.tags.actors if not any(
                c.start <= x.start and x.end <= c.end for c in cities)]

    def _after_preposition(self, p: Any, preps: list[Tag]) -> bool:
        if p.start and self.text[p.start - 1].isalpha():
            return True  # a fused clitic ("بدمشق", "لواشنطن") or a prefix of the name
        prep = self.last_ending_by(preps, p.start, max(0, p.start - 20)) if preps else None
        return prep is not None and self.tokens_between(prep.end, p.start) == 0

    def _in_seat(self, x: Tag) -> bool:
        """Does x overlap a seat (``any(x.start < y and sx < x.end for sx, y in self._seats)``)?  Seats
        are places: sorted and disjoint, so only the last one starting before x ends can."""
        if self._seat_starts is None or len(self._seat_starts) != len(self._seats):
            self._seat_starts = [sx for sx, _ in self._seats]
        i = bisect.bisect_left(self._seat_starts, x.end) - 1
        return i >= 0 and x.start < self._seats[i][1]
