"""Date (ANNOTATION.md `date`): the day a claim's act happened."""

from __future__ import annotations

from typing import Any

from shahid.assemble.draft import Attribution
from shahid.assemble.view import TagView
from shahid.text.segment import Sentence

# a date this close after a reporting verb or its source dates the statement ("قال المرصد الثلاثاء")
SPEECH_DATE_GAP = 1



class DateRules(TagView):
    """Date (ANNOTATION.md `date`): the day a claim's act happened."""

    def running_date(self, s: Sentence) -> Any:
        """The report's running date: the last day named before this sentence (not a future one)."""
        if self._day_dates is None:
            self._day_dates = [x for x in self.tags.dates if x.precision == "day" and (
                x.value is None or self.published is None or x.value <= self.published)]
        return self.last_ending_by(self._day_dates, s.start, self.skip_until)

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
