"""An indexed view of one document's tags: windowed look-ups (bisect over sorted tag lists) and token
distances, shared by every role's rules."""

from __future__ import annotations

import bisect
from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from shahid.lang.loader import Language
from shahid.tag.tags import Tag, Tags

if TYPE_CHECKING:
    from shahid.assemble.common import CoordinationPatterns


class TagView:
    """An indexed view of one document's tags: windowed look-ups (bisect over sorted tag lists) and token
    distances, shared by every role's rules.  The role classes (attribution, eventivity, perpetrators,
    victims, counts, place, date) read the document through it; ``Assembler`` sets the state below."""

    text: str  # the normalised text
    tags: Tags
    lang: Language
    published: str | None
    coordination: CoordinationPatterns
    _starts: dict[int, tuple[list[Any], list[int], int]]
    _cues_by_name: dict[str, list[Tag]]
    _cue_starts: dict[str, list[int]]  # the starts of each list of _cues_by_name
    _tok_starts: list[int]
    _tok_ends: list[int]

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
        lo = bisect_left(starts, a)
        hi = bisect_left(starts, b, lo)
        if lo == hi:
            return []
        return [t for t in tags[lo:hi] if t.end <= b]

    def overlapping(self, tags: list[Any], a: int, b: int) -> list[Any]:
        """The tags that overlap [a, b) (``_overlaps``), in list order."""
        cached = self._starts.get(id(tags))  # (_index, inlined)
        _, starts, longest = cached if cached is not None and cached[0] is tags else self._index(tags)
        lo = bisect_left(starts, a - longest)
        hi = bisect_left(starts, b, lo)
        if lo == hi:
            return []
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
        starts = self._tok_starts
        i = bisect_left(starts, a)
        return bisect_left(starts, b, i) - i

    def cues(self, name: str, a: int, b: int) -> list[Tag]:
        lst = self._cues_by_name.get(name)
        if not lst:
            return []
        # within(lst, a, b), with the starts kept beside each list (cues is asked for most often)
        starts = self._cue_starts.get(name)
        if starts is None:
            starts = self._cue_starts[name] = [t.start for t in lst]
        lo = bisect_left(starts, a)
        hi = bisect_left(starts, b, lo)
        if lo == hi:
            return []
        return [t for t in lst[lo:hi] if t.end <= b]

    def _word_start(self, pos: int) -> int:
        while pos > 0 and self.text[pos - 1].isalnum():
            pos -= 1
        return pos

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

    def _adjoining(self, x: Tag, y: Tag) -> bool:
        """y follows x with nothing but a conjunction clitic or punctuation between."""
        return x.end <= y.start and self.tokens_between(x.end, self._word_start(y.start)) == 0

    def _tagged(self, a: int, b: int) -> bool:
        """Does a tag of any kind cover the word at [a, b)?"""
        return any(self.overlapping(lst, a, b) for lst in (
            self.tags.sources, self.tags.reporting, self.tags.cues, self.tags.triggers, self.tags.places,
            self.tags.actors, self.tags.groups, self.tags.dates))
