"""Highlighting spans in a text: a pure function from a text and labelled spans to segments.

    >>> segments("قتل 5 في حلب", [(4, 5, "count"), (9, 12, "place")])
    [('قتل ', ()), ('5', ('count',)), (' في ', ()), ('حلب', ('place',))]

Spans may overlap or nest: every segment carries the labels of every span covering it. The
templates render each segment as escaped text (a ``<mark>`` when it has labels); nothing here
produces markup.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

Span = tuple[int, int, str]


def segments(text: str, spans: Iterable[Span], *, offset: int = 0) -> list[tuple[str, tuple[str, ...]]]:
    """``text`` cut at every span boundary, each piece with the labels covering it (in the order the
    spans were given, each label once). Span offsets are into the document; ``offset`` is where
    ``text`` starts in it. Spans outside ``text`` are clipped; empty ones dropped."""
    n = len(text)
    clipped: list[tuple[int, int, str, int]] = []
    for i, (a, b, label) in enumerate(spans):
        a, b = max(0, a - offset), min(n, b - offset)
        if a < b:
            clipped.append((a, b, label, i))
    cuts = sorted({0, n, *(a for a, _, _, _ in clipped), *(b for _, b, _, _ in clipped)})
    out: list[tuple[str, tuple[str, ...]]] = []
    for x, y in itertools.pairwise(cuts):
        labels = tuple(dict.fromkeys(lab for a, b, lab, _ in sorted(clipped, key=lambda s: s[3]) if a <= x and y <= b))
        if out and out[-1][1] == labels:
            out[-1] = (out[-1][0] + text[x:y], labels)
        else:
            out.append((text[x:y], labels))
    return out


FIELDS = ("trigger", "perpetrator", "victims", "count", "place", "date", "source")


def claim_spans(claim: dict[str, Any]) -> list[Span]:
    """Every value span of a stored claim (the contract dict), labelled by its field
    (``count: killed 5``, ``perpetrator: sy_government`` …)."""
    out: list[Span] = []

    def add(obj: Any, label: str) -> None:
        sp: Sequence[int] | None = (obj or {}).get("span") if isinstance(obj, dict) else None
        if sp and len(sp) == 2 and sp[0] is not None and sp[1] is not None:
            out.append((int(sp[0]), int(sp[1]), label))

    add(claim.get("trigger"), f"trigger: {claim.get('event')}")
    for p in claim.get("perpetrators") or ():
        add(p, f"perpetrator: {p.get('actor')}")
    for v in claim.get("victims") or ():
        add(v, f"victims: {v.get('group')}")
    for c in claim.get("counts") or ():
        grp = f"/{c['group']}" if c.get("group") else ""
        add(c, f"count: {c.get('kind')}{grp} {c.get('value') if c.get('value') is not None else ''}".rstrip())
    loc = claim.get("location")
    if loc:
        add(loc, f"place: {loc.get('name') or loc.get('text')}")
    d = claim.get("date")
    if d:
        add(d, f"date: {d.get('value') or d.get('text')}")
    s = claim.get("source")
    if s:
        add(s, f"source: {s.get('name') or s.get('text')} ({s.get('type')})")
    return out


def field_of(label: str) -> str:
    """The field a label names (its part before ':'), for the CSS class of a highlight."""
    f = label.split(":", 1)[0]
    return f if f in FIELDS else "other"


def evidence_view(claim: dict[str, Any]) -> dict[str, Any]:
    """The claim's evidence sentence cut into highlighted segments, each value span once with its
    text (``values``), and the spans that lie outside the sentence (a source named in an earlier
    sentence, a date from the dateline)."""
    ev = claim.get("evidence") or {}
    text = ev.get("text") or ""
    start = (ev.get("span") or [0, 0])[0] or 0
    spans = claim_spans(claim)
    inside = [s for s in spans if s[0] >= start and s[1] <= start + len(text)]
    outside = [s for s in spans if s not in inside]
    values = [(label, text[a - start:b - start]) for a, b, label in inside]
    return {"segments": segments(text, inside, offset=start), "values": values, "outside": outside}
