"""Sentence and paragraph segmentation for news text (on the normalised string).

Sentences end at . ! ? ؟ ؛ followed by space, at line breaks, and at the ``.,``
joins scraped pages leave behind.  A full stop between digits (1.5) or inside
a short Latin abbreviation does not end a sentence.  Clauses are cut by the
assembler, which knows the language's clause openers (data, not code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends after terminal punctuation (optionally followed by closing quotes or
# a stray comma) when whitespace follows; or at a newline.
_END_RE = re.compile(r"(?:(?<!\d)[.!?؟؛]+|(?<=\d)[.!?؟؛]+(?!\d))[\"'»”)\]]*[,،]?(?=\s|$)|\n+")
_PARA_RE = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int  # exclusive; trailing whitespace trimmed
    paragraph: int  # index of the paragraph (line block) it belongs to
    index: int


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; offsets index ``text``."""
    out: list[Sentence] = []
    para = 0
    last = 0
    for m in _END_RE.finditer(text):
        a, b = _trim(text, last, m.end())
        if b > a and any(ch.isalnum() for ch in text[a:b]):
            out.append(Sentence(a, b, para, len(out)))
        if "\n" in m.group(0):
            para += 1
        last = m.end()
    a, b = _trim(text, last, len(text))
    if b > a and any(ch.isalnum() for ch in text[a:b]):
        out.append(Sentence(a, b, para, len(out)))
    return out


_TOKEN_RE = re.compile(r"\w+")


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word tokens (start, end) of ``text[start:end]``, offsets into ``text``."""
    return [(m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, len(text) if end is None else end)]
