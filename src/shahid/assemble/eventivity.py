"""Eventivity (ANNOTATION.md "What is a claim"): which proposed acts are reports of a specific event
(anchoring, recalled background, verbal attacks, restatements)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from shahid.assemble.draft import DraftClaim
from shahid.assemble.view import TagView
from shahid.lang.loader import TriggerEntry
from shahid.tag.tags import Tag


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

# source types (CLAIMS.md) that bear no arms: their "attacks" are words
_UNARMED_VOICES = frozenset({"intl_org", "media", "unspecified", "activist", "medical"})

# an act dated this many days or more before publication is recalled background, not news
RECALL_DAYS = 30



class EventivityRules(TagView):
    """Eventivity (ANNOTATION.md "What is a claim"): which proposed acts are reports of a specific event
    (anchoring, recalled background, verbal attacks, restatements)."""

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
        if not morph.purpose_clitic:
            return False  # a language that writes its prepositions apart (English)
        fused = morph.purpose_clitic + morph.article[-1:]  # ل + ال is written لل
        if prefix.endswith(fused):
            return True
        if prefix.endswith(morph.article):
            prefix = prefix[: -len(morph.article)]
        return morph.purpose_clitic in prefix
