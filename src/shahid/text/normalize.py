"""Orthographic normalisation with an exact offset map back to the original text.

Every tagger works on the normalised string; every span it reports is mapped back
through :class:`NormText` so that ``original[start:end]`` is what the user gave us.

The normalisation only *deletes* characters (diacritics, tatweel, bidi and
zero-width marks) or *replaces one character by one* (letter variants, digits,
space variants).  Arabic presentation forms are the one exception: NFKC expands
them (``ﻻ`` → ``لا``), and every produced character maps to the same original
index.  Because of that shape, a normalised span ``[a, b)`` maps back to
``[index[a], index[b - 1] + 1)``: never a split character.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Characters dropped outright: harakat and Quranic marks, tatweel, bidi controls,
# zero-width joiners/non-joiners, BOM, soft hyphen.
_DELETE_CHARS = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
    "\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad"
)
# ...and runs of horizontal space after a space or newline, so multi-word entries
# match whatever the spacing ("عين  حسن" is "عين حسن").
_SPACES = " \u00a0\t\u2007\u202f\u2009"
# (Spelled to open with one character class, then which kind it was, by look-behind: the regex
# engine then skips to candidate characters instead of trying both alternatives everywhere.  The
# same matches as the plain spelling, _DELETE_PLAIN, which tests/test_normalize.py checks.)
_DELETE_PLAIN = f"[{_DELETE_CHARS}]|(?<=[ \n\u00a0\t])[{_SPACES}]+"
_DELETE_RE = re.compile(f"[{_DELETE_CHARS}{_SPACES}]"
                        f"(?:(?<=[{_DELETE_CHARS}])|(?<=[ \n\u00a0\t][{_SPACES}])[{_SPACES}]*)")

_ONE_TO_ONE = {
    # hamza carriers and alef variants
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ؤ": "و",
    "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ک": "ك", "ڪ": "ك",
    # digits: Arabic-Indic and Extended (Persian/Urdu)
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    "٫": ".", "٬": ",",
    # space variants
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\t": " ",
    # typographic quotes and dashes unified
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'",
    "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-",
}
_ASCII_UPPER = {chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}
# one table: letter variants, digits, spaces, quotes, and ASCII lowercase (str.lower() may change a
# string's length, "İ", which would break the offset map)
_TABLE = str.maketrans({**_ONE_TO_ONE, **_ASCII_UPPER})
# The same mapping as replacements, one character by one: str.translate looks every character of a
# text up in the table (slow for Arabic, whose code points are no cached ints), while str.replace
# scans for one character at C speed; applying them one after another gives what translate gives
# because no replacement is itself a character replaced.
_PAIRS = tuple({**_ONE_TO_ONE, **_ASCII_UPPER}.items())
assert not {v for _, v in _PAIRS} & {k for k, _ in _PAIRS} and all(len(k) == len(v) == 1 for k, v in _PAIRS)


def _translate(s: str) -> str:
    """``s.translate(_TABLE)``, faster."""
    for k, v in _PAIRS:
        if k in s:
            s = s.replace(k, v)
    return s

_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


@dataclass(frozen=True, slots=True)
class NormText:
    """A normalised copy of ``original`` and, per normalised character, its original index."""

    original: str
    text: str
    # None: identity (nothing was deleted or expanded); else a compact array of machine integers
    # (4 bytes a character, where a tuple of ints takes about 36)
    index: Sequence[int] | None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open normalised span to the half-open original span."""
        if self.index is None:
            return start, end
        if start >= end:
            pos = self.index[start] if start < len(self.index) else len(self.original)
            return pos, pos
        return self.index[start], self.index[end - 1] + 1

    def slice_original(self, start: int, end: int) -> str:
        a, b = self.to_original(start, end)
        return self.original[a:b]




def normalize(original: str) -> NormText:
    """Normalise ``original`` for matching, keeping a map back to it."""
    if _PRESENTATION_RE.search(original):
        return _normalize_slow(original)
    kept_text = _DELETE_RE.sub("", original)
    text = _translate(kept_text)
    if len(kept_text) == len(original):
        return NormText(original, text, None)
    index = _offsets(original)
    last = 0
    for m in _DELETE_RE.finditer(original):
        index.extend(range(last, m.start()))
        last = m.end()
    index.extend(range(last, len(original)))
    return NormText(original, text, index)


def _offsets(original: str) -> array[int]:
    """An empty array that can hold any offset into ``original``."""
    return array("i" if len(original) < 2**31 else "q")


def _normalize_slow(original: str) -> NormText:
    out: list[str] = []
    index = _offsets(original)
    for i, ch in enumerate(original):
        if _DELETE_RE.match(ch):
            continue
        piece = unicodedata.normalize("NFKC", ch) if _PRESENTATION_RE.match(ch) else ch
        for p in piece:
            if _DELETE_RE.match(p):
                continue
            out.append(p)
            index.append(i)
    text = _translate("".join(out))
    return NormText(original, text, index)


@lru_cache(maxsize=65536)
def normalize_key(s: str) -> str:
    """Normal form of a lexicon entry or a name: normalised, whitespace folded."""
    return " ".join(normalize(s).text.split())
