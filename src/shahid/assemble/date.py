"""Date (ANNOTATION.md `date`): the day a claim's act happened."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from shahid.assemble.draft import Attribution, DraftClaim
from shahid.assemble.view import TagView
from shahid.text.segment import Sentence

# a date this close after a reporting verb or its source dates the statement ("قال المرصد الثلاثاء")
SPEECH_DATE_GAP = 1
# ... or anywhere in the frame from the verb to its complementizer, this many words long at most
SPEECH_FRAME_REACH = 10
# a sentence that reports the one before ("ذكرت ذلك قناة العربية مساء اليوم") names its day this many words
# after its opening at most (the source's name between)
BACK_REPORT_REACH = 6
# "غداة مقتل 50 شخصا في اشتباكات": the act word stands this many words after "the day after" at most,
# with no comma between
DAY_AFTER_REACH = 5



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
                near = [x for x in dates if self._speech_date(x, attrs)]
                framed = [x for x in dates if x not in near and self._framed_date(x, attrs)]
                # (past a date deeper in the speech frame only to a day: "عام 2007" in a relative clause, a
                # month the act fell in, are not the act's day)
                return next((x for x in dates if x not in near and x not in framed
                             and (not framed or x.precision == "day")), None) or \
                    next((x for x in dates if x not in near), dates[0])
        return None

    def _after_publication(self, date: Any) -> bool:
        # (a week, month or year is dated by its first day: "الشهر المقبل" begins after publication)
        return bool(self.published and date.value and date.value > self.published)

    def _speech_date(self, date: Any, attrs: list[Attribution]) -> bool:
        """Does the date stand right after a reporting verb or its source, before what was said?"""
        for x in attrs:
            for head in (x.verb, x.source):
                if head is not None and head.end <= date.start and \
                        self.tokens_between(head.end, date.start) <= SPEECH_DATE_GAP and \
                        not self.cues("complementizer", head.end, date.start):
                    return True
        return False

    def _framed_date(self, date: Any, attrs: list[Attribution]) -> bool:
        """Does the date stand in a speech frame, between a reporting verb and its complementizer ("ذكر سكان
        لمراسل الوكالة في دمشق الخميس أن …")?"""
        for x in attrs:
            v = x.verb
            if v is not None and v.end <= date.start and not self.cues("complementizer", v.end, date.start) and \
                    any(self.tokens_between(v.end, c.start) <= SPEECH_FRAME_REACH
                        for c in self.cues("complementizer", date.end, date.end + 200)):
                return True
        return False

    def _date_back_report(self, s: Sentence, last: list[DraftClaim]) -> None:
        """A sentence that opens by reporting the one before ("ذكرت ذلك قناة العربية مساء اليوم", cue
        `back_report`) dates that sentence's claims that name no day of their own (ANNOTATION.md `date`:
        the text gives the time in the next sentence)."""
        if not last:
            return
        opener = next((c for c in self.cues("back_report", s.start, s.end)
                       if self.tokens_between(s.start, self._word_start(c.start)) == 0), None)
        if opener is None:
            return
        day = next((x for x in self.within(self.tags.dates, opener.end, s.end)
                    if x.precision == "day" and not self._after_publication(x)
                    and self.tokens_between(opener.end, x.start) <= BACK_REPORT_REACH), None)
        if day is None:
            return
        for d in last:
            if d.date is None or not d.evidence[0] <= d.date.start < d.evidence[1]:
                d.date = day

    def day_after(self, d: DraftClaim, s: Sentence, t: Any) -> None:
        """An act told as what the sentence's news came the day after ("ويأتي ذلك غداة مقتل 149 شخصا", cue
        `day_after`) happened the day before the day the sentence tells: its date, when it is not the act's
        own (named after the cue), moves back one day."""
        cue = next((c for c in reversed(self.cues("day_after", s.start, t.start))
                    if self.tokens_between(c.end, self._word_start(t.start)) <= DAY_AFTER_REACH
                    and not any(ch in "،,;؛:" for ch in self.text[c.end:t.start])), None)
        if cue is None or d.date is None or d.date.start >= cue.end or d.date.precision != "day" \
                or not d.date.value:
            return
        if any(p.event == d.event for x in self.within(self.tags.triggers, s.start, cue.start) for p in x.payloads):
            return  # "أصابت القذائف مرآبا … بعد يوم من سقوط قذائف مماثلة": the claim is also the act before
        day = dt.date.fromisoformat(d.date.value) - dt.timedelta(days=1)
        d.date = dataclasses.replace(d.date, value=day.isoformat())
