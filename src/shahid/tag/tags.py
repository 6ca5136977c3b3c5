"""Tags: the spans the taggers found, grouped (leftmost-longest, every payload kept)."""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from shahid.tag.lexicon import Hit, Match


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


_START = itemgetter(0)
_END = itemgetter(1)
# (id(a), id(b)) → (a, b, a == b) for the lexicon entries compared while grouping: entries are
# pydantic models, whose == compares every field, and the same few pairs meet in every article.
# The pair is kept with its answer (so its ids cannot be reused while the answer is cached).
_EQUAL: dict[tuple[int, int], tuple[Any, Any, bool]] = {}


def _among(x: Any, payloads: list[Any]) -> bool:
    """``x in payloads`` (identity, then ==), each pair's == asked once per process."""
    for p in payloads:
        if p is x:
            return True
        got = _EQUAL.get((id(p), id(x)))
        if got is None or got[0] is not p or got[1] is not x:
            got = _EQUAL[(id(p), id(x))] = (p, x, bool(p == x))
        if got[2]:
            return True
    return False


def group_hits(hits: list[Hit]) -> list[Tag]:
    """``group_matches`` of ``LexiconMatcher.hits`` tuples: the same tags, in the same order."""
    # by start, longest first, ties in the order found (two stable sorts: the second decides)
    ordered = sorted(hits, key=_END, reverse=True)
    ordered.sort(key=_START)
    out: list[Tag] = []
    last_end = -1
    cur: Tag | None = None
    cur_start = cur_end = -1
    for start, end, _, prefix, payload, _ in ordered:
        if start == cur_start and end == cur_end:
            if cur is not None and not _among(payload, cur.payloads):
                cur.payloads.append(payload)
            continue
        if start >= last_end:
            cur = Tag(start, end, [payload], prefix)
            out.append(cur)
            last_end = end
        else:
            cur = None
        cur_start, cur_end = start, end
    return out


def _overlaps(t: Any, others: list[Any]) -> bool:
    return any(o.start < t.end and t.start < o.end for o in others)


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
