"""English number and quantity grammar: the English side of ``shahid.lang.ar.numbers``.

Finds cardinal numbers (words, digits, digits with scale words), vague quantity words ("dozens",
"hundreds", "scores of", "several") and the qualifiers around them ("more than 90", "at least 65",
"nearly two hundred", "between 20 and 30") in *normalised* text (lowercased ASCII, see
``shahid.text.normalize``), with offsets into that text and the same value/low/high/qualifier rules as
Arabic.  The words live in ``numbers.yaml``; this module is the grammar that combines them:

    below100  := unit | tens | tens[-| ]unit
    below1000 := below100 | (below100 | a) hundred [and below100]
    group     := below1000 | digits | digits.digits
    number    := group [scale [,] [and] number']   (number' below the scale; "a" counts one before a scale)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from shahid.lang.grammar import QUALIFIERS, Quantity
from shahid.lang.loader import load_data

__all__ = ["QUALIFIERS", "Quantity", "find_quantities", "parse_number"]


# tokens: words (with inner hyphens and apostrophes), digit groups, a percent sign
_TOKEN_RE = re.compile(r"[a-z]+(?:['-][a-z]+)*|\d+(?:[.,]\d+)*|%|-|,")
_DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)*")
_GROUPED_RE = re.compile(r"\d{1,3}(?:,\d{3})+")
_MAX_DIGITS = 15
_SENTENCE_END_RE = re.compile(r"[.!?;:\n]")
_DATE_LIKE_RE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}:\d{2}|\d+/\d+")


_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her", "a", "an"})


@dataclass(slots=True)
class _Tok:
    text: str
    start: int
    end: int


class _Grammar:
    def __init__(self, data: dict[str, Any]) -> None:
        self.units: dict[str, int] = data["units"]
        self.tens: dict[str, int] = data["tens"]
        self.hundred = frozenset(data["hundred"])
        self.scales: dict[str, int] = data["scales"]
        self.one_words = frozenset(data["one_words"])
        self.vague: dict[tuple[str, ...], int] = {tuple(k.split()): v for k, v in data["vague"].items()}
        self.vague_needs_of = frozenset(data["vague_needs_of"])
        self.before: dict[tuple[str, ...], str] = {}
        for kind, phrases in data["qualifiers"]["before"].items():
            for p in phrases:
                self.before[tuple(p.split())] = kind
        self.after: dict[tuple[str, ...], str] = {}
        for kind, phrases in data["qualifiers"]["after"].items():
            for p in phrases:
                self.after[tuple(p.split())] = kind
        self.range_open = frozenset(data["ranges"]["open"])
        self.range_join = frozenset(data["ranges"]["join"])
        self.percent: list[tuple[str, ...]] = sorted((tuple(p.split()) for p in data["percent"]), key=len,
                                                     reverse=True)
        self.change_words = frozenset(data["change_words"])
        self.not_numbers: list[tuple[str, ...]] = [tuple(p.split()) for p in data["not_numbers"]]
        # words that are (or head) a number themselves: a qualifier or range word counts only with one
        # of these, or a digit, a few words after it
        self.numeric = (set(self.units) | set(self.tens) | set(self.scales) | self.hundred
                        | {w for k in self.vague for w in k if w not in ("a", "an", "of")} | {"half"})
        self.max_before = max(len(k) for k in self.before)
        words = sorted(self.numeric, key=len, reverse=True)
        self.numeric_re = re.compile(r"(?<![\w])(?:\d|(?:" + "|".join(re.escape(w) for w in words)
                                     + r")(?![\w]))|(?<![\w])(?:" + "|".join(re.escape(w) for w in self.tens)
                                     + r")-")
        self.max_vague = max(len(k) for k in self.vague)
        # the first word of anything the grammar reads: a token that is none of them starts nothing
        self.starters = (set(self.units) | set(self.tens) | set(self.scales) | self.one_words
                         | {k[0] for k in self.vague} | {k[0] for k in self.before} | self.range_open | {"half"})

    # ------------------------------------------------------------------ words → value
    def word_value(self, w: str) -> tuple[str, int] | None:
        """("unit"|"tens"|"hundred"|"scale", value) of one word."""
        if w in self.units:
            return "unit", self.units[w]
        if w in self.tens:
            return "tens", self.tens[w]
        if w in self.hundred:
            return "hundred", 100
        if w in self.scales:
            return "scale", self.scales[w]
        return None

    def below100(self, toks: list[_Tok], i: int) -> tuple[int, int] | None:
        """(value, next index) of a number below 100 at toks[i] ("twenty-five", "twenty five", "nine")."""
        if i >= len(toks):
            return None
        w = toks[i].text
        if "-" in w:
            a, _, b = w.partition("-")
            if a in self.tens and b in self.units and 0 < self.units[b] < 10:
                return self.tens[a] + self.units[b], i + 1
            return None
        if w in self.units:
            return self.units[w], i + 1
        if w in self.tens:
            v = self.tens[w]
            if i + 1 < len(toks) and toks[i + 1].start == toks[i].end + 1:
                u = self.units.get(toks[i + 1].text)
                if u is not None and 0 < u < 10:
                    return v + u, i + 2
            return v, i + 1
        return None

    def below1000(self, toks: list[_Tok], i: int) -> tuple[int, int] | None:
        """(value, next index) below 1000: "two hundred and five", "a hundred", "ninety"."""
        if i >= len(toks):
            return None
        first = self.below100(toks, i)
        j = first[1] if first else i
        head = first[0] if first else None
        if head is None and toks[i].text in self.one_words and toks[i].text != "one":
            head, j = 1, i + 1  # "a hundred"
        if head is not None and 0 < head < 10 and j < len(toks) and toks[j].text in self.hundred:
            v = head * 100
            k = j + 1
            if k + 1 < len(toks) and toks[k].text == "and":
                rest = self.below100(toks, k + 1)
                if rest is not None:
                    return v + rest[0], rest[1]
            rest = self.below100(toks, k)
            if rest is not None:
                return v + rest[0], rest[1]
            return v, k
        if first is None:
            return None
        return first

    def digits(self, w: str) -> float | None:
        if not _DIGITS_RE.fullmatch(w) or len(w) > _MAX_DIGITS:
            return None
        if _GROUPED_RE.fullmatch(w):
            return int(w.replace(",", ""))
        if "," in w:
            return None  # "5,6": a list, not a number
        if w.count(".") > 1:
            return None
        return float(w) if "." in w else int(w)

    def number(self, toks: list[_Tok], i: int) -> tuple[int, int] | None:
        """(value, next index) of the longest number at toks[i]."""
        total = 0
        last_scale = None
        j = i
        got_any = False
        while j < len(toks):
            w = toks[j].text
            d = self.digits(w)
            group: tuple[float, int] | None
            if d is not None:
                if got_any:
                    break  # "two 3": no number
                group = (d, j + 1)
            else:
                g = self.below1000(toks, j)
                if g is None and w in self.one_words and j + 1 < len(toks) and toks[j + 1].text in self.scales:
                    g = (1, j + 1)  # "a million", "a dozen"
                if g is None and w == "half" and j + 2 < len(toks) and toks[j + 1].text in ("a", "an") \
                        and toks[j + 2].text in self.scales:
                    g = (0.5, j + 2)  # "half a million", "half a dozen"
                group = (g[0], g[1]) if g is not None else None
            if group is None:
                break
            value, k = group
            scale = None
            if k < len(toks) and toks[k].text in self.scales:
                scale = self.scales[toks[k].text]
                if last_scale is not None and scale >= last_scale:
                    scale = None
            if scale is None:
                if got_any and (last_scale is None or value >= last_scale):
                    break
                if isinstance(value, float) and value != int(value):
                    if not got_any:
                        return None  # "1.5" alone is no count of people
                    break
                total += int(value)
                j = k
                got_any = True
                break
            total += int(value * scale)
            last_scale = scale
            got_any = True
            j = k + 1
            # "one thousand, two hundred and five", "two million and five"
            nxt = j
            if nxt < len(toks) and toks[nxt].text == ",":
                nxt += 1
            if nxt < len(toks) and toks[nxt].text == "and":
                nxt += 1
            if nxt < len(toks) and nxt != j and self._continues(toks, nxt, last_scale):
                j = nxt
                continue
            if nxt < len(toks) and self._continues(toks, nxt, last_scale) and self.digits(toks[nxt].text) is None:
                j = nxt
                continue
            break
        if not got_any:
            return None
        return total, j

    def _continues(self, toks: list[_Tok], i: int, scale: int) -> bool:
        g = self.below1000(toks, i)
        if g is None or (toks[i].text in self.one_words and toks[i].text != "one"):
            return False
        return g[0] < scale


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    return _Grammar(load_data("en", "numbers.yaml"))


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def parse_number(words: str) -> int | None:
    """The value of a number written in words (normalised, lowercase), or None when it is not exactly one."""
    g = _grammar()
    toks = _tokens(words.lower())
    got = g.number(toks, 0)
    if got is None or got[1] != len(toks):
        return None
    return got[0]


def _match_phrase(toks: list[_Tok], i: int, phrases: dict[tuple[str, ...], Any], longest: int) -> tuple[int, Any]:
    """(length, payload) of the longest phrase starting at toks[i], or (0, None)."""
    if i >= len(toks) or toks[i].text not in _first_words(phrases):
        return 0, None  # (most tokens start no phrase: no tuples built for them)
    for n in range(min(longest, len(toks) - i), 0, -1):
        key = tuple(t.text for t in toks[i:i + n])
        if key in phrases:
            return n, phrases[key]
    return 0, None


_FIRST_WORDS: dict[int, tuple[Any, frozenset[str]]] = {}


def _first_words(phrases: Any) -> frozenset[str]:
    """The first words of a phrase table (a dict or list of word tuples), computed once per table."""
    got = _FIRST_WORDS.get(id(phrases))
    if got is None or got[0] is not phrases:
        got = _FIRST_WORDS[id(phrases)] = (phrases, frozenset(p[0] for p in phrases))
    return got[1]


def _percent_at(g: _Grammar, toks: list[_Tok], i: int) -> int:
    if toks[i].text not in _first_words(g.percent):
        return 0
    for p in g.percent:
        if tuple(t.text for t in toks[i:i + len(p)]) == p:
            return len(p)
    return 0


def find_quantities(norm_text: str) -> list[Quantity]:
    """Every quantity in ``norm_text`` (normalised), in order, non-overlapping.  The grammar reads only a
    window around each number word or digit (a qualifier or range word before it, the number's words
    after it), so the cost follows the numbers in the text, not its length."""
    g = _grammar()
    text = norm_text
    out: list[Quantity] = []
    done = 0
    for hit in g.numeric_re.finditer(text):
        hs = hit.start()
        if hs < done:
            continue
        if _DATE_LIKE_RE.match(text, hs) or _in_date_like(text, hs):
            m = _DATE_LIKE_RE.match(text, hs)
            done = m.end() if m else hs + 1
            continue
        for after in (_AFTER_CHARS, _LONG_AFTER_CHARS):
            q, cut = _in_window(g, text, done, hs, after)
            if not cut:
                break  # (a number that runs to the window's end is read again in a longer one)
        if q is not None:
            out.append(q)
            done = q.end
    return out


def _in_window(g: _Grammar, text: str, done: int, hs: int, after: int) -> tuple[Quantity | None, bool]:
    """The quantity that holds the number word or digit at ``hs``, read in a window of words around it;
    and whether it runs to the window's end."""
    lo = max(done, hs - _BEFORE_CHARS)
    hi = min(len(text), hs + after)
    toks = [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, lo, hi)]
    if lo > 0 and toks and toks[0].start == lo and text[lo - 1].isalnum():
        toks = toks[1:]  # the window cut a word
    if hi < len(text) and toks and toks[-1].end == hi and text[hi].isalnum():
        toks = toks[:-1]  # ... at either end
    k = next((n for n, t in enumerate(toks) if t.start <= hs < t.end), None)
    if k is None:
        return None, False
    for i in range(max(0, k - g.max_before - 1), k + 1):
        if i < k and toks[i].text not in g.starters:
            continue
        q, nxt = _at(g, toks, i, text)
        if q is not None and q.start <= hs < q.end:
            return q, hi < len(text) and nxt >= len(toks) - 1
    return None, False


_BEFORE_CHARS = 60  # how far before a number its qualifier may start ("a minimum of", "between")
_AFTER_CHARS = 60  # how far after it a number is read first ...
_LONG_AFTER_CHARS = 600  # ... and again when it runs that far ("one thousand, two hundred and thirty-four")


def _in_date_like(text: str, pos: int) -> bool:
    """Is pos inside a numeric date or clock time ("12/12/2016", "10:30")?"""
    for m in _DATE_LIKE_RE.finditer(text, max(0, pos - 10), pos + 12):
        if m.start() <= pos < m.end():
            return True
    return False


def _blocked(g: _Grammar, toks: list[_Tok], i: int) -> bool:
    """Is toks[i] inside a phrase that looks like a number but is not ("no one", "one another")?"""
    if "one" not in toks[i].text:
        return False  # every phrase of not_numbers is about "one"
    for p in g.not_numbers:
        for off in range(len(p)):
            s = i - off
            if s >= 0 and tuple(t.text for t in toks[s:s + len(p)]) == p and "one" in p:
                return True
    return False


def _at(g: _Grammar, toks: list[_Tok], i: int, text: str) -> tuple[Quantity | None, int]:
    """The quantity starting at toks[i] (qualifier, range, vague word or number), and the next index."""
    start_i = i
    qual_len, qual_kind = _match_phrase(toks, i, g.before, g.max_before)
    range_open = toks[i].text in g.range_open
    if qual_len:
        i += qual_len
    elif range_open:
        i += 1
    if i >= len(toks):
        return None, start_i + 1
    # vague words ("dozens", "hundreds of thousands", "several hundred", "scores of")
    vl, vv = _match_phrase(toks, i, g.vague, g.max_vague)
    if vl:
        j = i + vl
        head = toks[i + vl - 1].text
        has_of = j < len(toks) and toks[j].text == "of"
        if vl == 1 and head in g.vague_needs_of and not has_of and not (j < len(toks) and toks[j].text in g.scales):
            return None, start_i + 1
        if vl == 1 and head in g.vague_needs_of and has_of and j + 1 < len(toks) and toks[j + 1].text in _DETERMINERS:
            return None, start_i + 1  # "the scores of the match": a count needs a bare plural after "of"
        prev = toks[i - 1].text if i > 0 else ""
        if prev in ("the",) and not has_of and vl == 1 and head in ("several", "numerous", "multiple"):
            return None, start_i + 1
        value = vv
        end = toks[j - 1].end
        # "tens of thousands", "hundreds of thousands", "several thousand", "a few hundred"
        k = j + 1 if has_of else j
        if k < len(toks) and (toks[k].text.rstrip("s") in g.scales or toks[k].text in ("hundreds", "hundred")):
            w = toks[k].text
            mult = g.scales.get(w.rstrip("s")) or (100 if w.startswith("hundred") else None)
            if mult and mult > 12 and (w.endswith("s") == has_of or not has_of):
                value = vv * mult
                end = toks[k].end
                j = k + 1
        s = toks[start_i].start if qual_len else toks[i].start
        return Quantity(s, end, toks[i].start, end, None, value, None, "vague"), j
    if _blocked(g, toks, i):
        return None, start_i + 1
    got = g.number(toks, i)
    if got is None:
        return None, start_i + 1
    value, j = got
    if value == 0:
        return None, j
    num_start, num_end = toks[i].start, toks[j - 1].end
    pl = _percent_at(g, toks, j) if j < len(toks) else 0
    if pl:
        return None, j + pl
    prev = toks[start_i - 1].text if start_i > 0 else ""
    coordinated = prev == "and" and not range_open
    # ranges: "between 20 and 30", "from 20 to 30", "20 to 30", "20-30", "five or six"
    if j + 1 < len(toks) and toks[j].text in g.range_join and (toks[j].text != "and" or range_open):
        if not (range_open and toks[start_i].text == "from" and _is_change(g, toks, start_i)):
            y = g.number(toks, j + 1)
            if y is not None and _SENTENCE_END_RE.search(text, num_end, toks[j + 1].start):
                y = None  # "… 30. Five or six …": no range across a sentence
            if y is not None and (toks[j].text != "-" or toks[j].end == toks[j + 1].start or
                                  toks[j].start == toks[j - 1].end):
                yv, yj = y
                xv = value
                if yj - (j + 1) >= 2 and toks[yj - 1].text in g.scales and xv < yv:
                    sc = g.scales[toks[yj - 1].text]
                    if yv % sc == 0 and xv < yv // sc:
                        xv = xv * sc  # "between 20 and 30 thousand"
                if xv < yv and not (yj < len(toks) and _percent_at(g, toks, yj)):
                    s = toks[start_i].start if (range_open or qual_len) else num_start
                    return Quantity(s, toks[yj - 1].end, num_start, toks[yj - 1].end, None, xv, yv, "range"), yj
    if range_open and not qual_len:
        start_i = i  # "from 20" without a range: the number alone
    if qual_len:
        return _qualified(toks[start_i].start, num_end, num_start, num_end, value, qual_kind, coordinated), j
    # an after-qualifier, right after the number or after its noun: "65 or more", "65 people at least"
    for gap in (0, 1):
        k = j + gap
        if k < len(toks):
            al, akind = _match_phrase(toks, k, g.after, 3)
            if al and (gap == 0 or toks[j].text not in g.starters) and not (
                    k + al < len(toks) and toks[k + al].text in ("than", "of")) and \
                    not _SENTENCE_END_RE.search(text, num_end, toks[k + al - 1].end):
                end = toks[k + al - 1].end
                return _qualified(num_start, end, num_start, num_end, value, akind, coordinated), k + al
    return Quantity(num_start, num_end, num_start, num_end, value, None, None, "exact", False, coordinated), j


def _is_change(g: _Grammar, toks: list[_Tok], i: int) -> bool:
    return any(t.text in g.change_words for t in toks[max(0, i - 3):i])


def _qualified(start: int, end: int, ns: int, ne: int, value: int, kind: str, coordinated: bool = False) -> Quantity:
    c = coordinated
    if kind == "at_least_exclusive":
        return Quantity(start, end, ns, ne, value, value + 1, None, "at_least", False, c)
    if kind == "at_least":
        return Quantity(start, end, ns, ne, value, value, None, "at_least", False, c)
    if kind == "at_most_exclusive":
        return Quantity(start, end, ns, ne, value, None, value - 1, "at_most", False, c)
    if kind == "at_most":
        return Quantity(start, end, ns, ne, value, None, value, "at_most", False, c)
    return Quantity(start, end, ns, ne, value, None, None, "approx", False, c)
