"""Arabic number and quantity grammar.

Finds cardinal numbers (words, digits, digits with multipliers), vague quantity
words (عشرات، مئات، آلاف، عدة) and the qualifiers around them (أكثر من، نحو، بين
... و ...) in *normalised* text (``shahid.text.normalize.normalize(...).text``),
with offsets into that text.  The words live in ``numbers.yaml``; this module is
the grammar that combines them:

    below100  := unit | teen | عشر | tens | unit و tens
    below1000 := below100 | H | H و below100        H = مئة | مئتان | ثلاثمئة | ثلاث مئة ...
    count     := below1000 | digits
    term      := count scale | scale | dual-scale | fraction scale    (ألف، ألفان، عشرة آلاف، نصف مليون)
    number    := count | term [و ونصف] | term و number'               (number' < the term's scale)

A word inside a number carries no clitic except the joining و (attached or
not: "خمسة وعشرون", "خمس و عشرين"); the first word may carry و/ف, ب/ل/ك and
the article ("بالمئات", "وخمسة", "ال24").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

from shahid.lang.grammar import QUALIFIERS, Quantity
from shahid.lang.loader import load_data
from shahid.text.normalize import normalize_key

__all__ = ["QUALIFIERS", "Quantity", "find_quantities", "parse_number"]


_DATA = Path(__file__).with_name("numbers.yaml")


# ---------------------------------------------------------------------------
# Lexicon

# word kinds
_UNIT, _UNIT_C, _TEN, _TENS, _HUNDRED, _HUNDRED_DUAL, _HUNDREDS = range(7)
_SCALE_SG, _SCALE_ACC, _SCALE_DUAL, _SCALE_PL, _VAGUE, _FRACTION, _DIGITS = range(7, 14)
_SCALE_KINDS = frozenset({_SCALE_SG, _SCALE_ACC, _SCALE_PL})


@dataclass(frozen=True, slots=True)
class _Ana:
    """One analysis of a word: clitic prefix + lexeme."""

    kind: int
    value: int | float
    prefix: str
    base: str       # the word without its prefix


# Modes: which prefixes a word may carry at a given place in a number.
_PLAIN = frozenset({""})
_CONJ = frozenset({"و", "وال"})


_WORD = r"[^\W_]+(?:[.,]\d+)*"
_CHAIN_RE = re.compile(rf"{_WORD}(?: +{_WORD}){{0,24}}")
_SHORT = 4  # words read first; a number that reaches that far is read again up to 25 words
_SHORT_CHAIN_RE = re.compile(rf"{_WORD}(?: +{_WORD}){{0,{_SHORT - 1}}}")
# characters after which a word starts (besides the start of the text)
_LEFT_DELIMITERS = " \n\t!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~«»،؛؟…"
_DIGITS_RE = re.compile(r"(\D*?)(\d+(?:[.,]\d+)*)")
_GROUPED_RE = re.compile(r"\d{1,3}(?:([.,])\d{3})+")
_MAX_DIGITS = 100  # longer digit strings are no number (identifiers, runs of digits)
_FIRST_WORD_RE = re.compile(r"[^\W_]+")
_DATE_LIKE_RE = re.compile(r"\d{1,4}[-/]\d{1,2}[-/]\d{1,4}|\d{1,2}:\d{2}|\d+/\d+")
_HYPHEN_RANGE_RE = re.compile(r" *- *(\d+(?:[.,]\d+)*)(?![\d/:-])")


def _trie_regex(words: Iterable[str]) -> str:
    """A regex alternation factored as a trie (much faster than a flat alternation)."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            body = "(?:" + body + ")?"
        return body

    return build(trie)


def _phrase_regex(phrases: Iterable[str]) -> str:
    keys = sorted({normalize_key(p) for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", " +") for k in keys)


class _Grammar:
    def __init__(self, data: dict[str, Any]) -> None:
        nk = normalize_key
        cl = data["clitics"]
        conjs = ["", *(nk(c) for c in cl["conjunctions"])]
        preps = ["", *(nk(p) for p in cl["prepositions"])]
        art = nk(cl["article"])
        fusions = {nk(k): nk(v) for k, v in cl["article_fusions"].items()}
        prefixes: set[str] = set()
        for c in conjs:
            for p in preps:
                prefixes.add(c + p)
                prefixes.add(c + fusions.get(p, p + art))
        self.prefixes = frozenset(prefixes)
        self.conjunctions = tuple(c for c in conjs if c)
        self.first = self.prefixes

        lex: dict[str, list[_Ana]] = {}
        ambiguous = {nk(w) for w in data["ambiguous"]}
        self.ambiguous = ambiguous
        only = {nk(k): frozenset(nk(x) for x in v) for k, v in data.get("vague_clitics_only", {}).items()}

        def add(form: str, kind: int, value: float, allowed: Iterable[str] | None = None) -> None:
            base = nk(form)
            for pre in allowed if allowed is not None else self.prefixes:
                ana = _Ana(kind, value, pre, base)
                bucket = lex.setdefault(pre + base, [])
                if ana not in bucket:
                    bucket.append(ana)

        for v, forms in data["units"].items():
            for f in forms:
                add(f, _UNIT, int(v))
        for v, forms in data["units_compound_only"].items():
            for f in forms:
                add(f, _UNIT_C, int(v))
        for f in data["ten"]:
            add(f, _TEN, 10)
        for v, forms in data["tens"].items():
            for f in forms:
                add(f, _TENS, int(v))
        no_article = [p for p in self.prefixes if art not in p and not p.endswith(fusions.get("ل", "لل"))]
        for f in data["hundred"]:
            # "المئة" / "بالمئة" alone is a percentage or an ordinal use, not a quantity
            add(f, _HUNDRED, 100, no_article)
        for f in data["hundred_dual"]:
            add(f, _HUNDRED_DUAL, 200)
        for v, stems in data["hundred_stems"].items():
            for s in stems:
                for h in data["hundred"]:
                    add(s + h, _HUNDREDS, int(v) * 100)
        for v, forms in data["scales"].items():
            s = int(v)
            for kind, key in ((_SCALE_SG, "singular"), (_SCALE_ACC, "accusative"),
                              (_SCALE_DUAL, "dual"), (_SCALE_PL, "plural")):
                for f in forms.get(key, []):
                    add(f, kind, s)
        for f, v in data["fractions"].items():
            add(f, _FRACTION, float(v))
        for f, v in data["vague"].items():
            add(f, _VAGUE, int(v), only.get(nk(f)))
        for w in data["not_numbers"]["words"]:
            lex.pop(nk(w), None)
        self.lex: dict[str, tuple[_Ana, ...]] = {k: tuple(v) for k, v in lex.items()}

        # candidate words: any lexicon key, or digits with an optional prefix.  An
        # Aho-Corasick automaton over delimiter + key finds them (the end boundary is
        # checked on each hit); the first word of the text is looked up directly.
        self.anchors = ahocorasick.Automaton()
        keys = [(k, False) for k in self.lex] + [(p + d, True) for p in self.prefixes for d in "0123456789"]
        for d in _LEFT_DELIMITERS:
            for k, is_digit in keys:
                self.anchors.add_word(d + k, (len(k), is_digit))
        self.anchors.make_automaton()
        self._digit_cache: dict[str, _Ana | None] = {}

        q = data["qualifiers"]
        qcl = _trie_regex(nk(c) for c in data["qualifier_clitics"])
        self.before_kind: dict[str, str] = {}
        for kind, phrases in q["before"].items():
            for p in phrases:
                self.before_kind[nk(p)] = kind
        before_alts = _phrase_regex(self.before_kind)
        clitics = [nk(c) for c in data["qualifier_clitics"]]
        self.before_last = frozenset(
            c + w for p in self.before_kind for w in [p.split()[-1]] for c in ["", *clitics]
        )
        self.before_re = re.compile(rf"(?<![^\W_])(?:{qcl})?({before_alts}) *\Z")
        self.after_kind: dict[str, str] = {}
        for kind, phrases in q["after"].items():
            for p in phrases:
                self.after_kind[nk(p)] = kind
        self.after_re = re.compile(
            rf"((?: +[^\W\d_]+){{0,2}}?) +({_phrase_regex(self.after_kind)})(?![^\W_])"
            rf"(?! +(?:{_phrase_regex(q['after_not_before'])})(?![^\W_]))"
        )

        r = data["ranges"]
        self.range_open: dict[str, frozenset[str]] = {
            nk(k): frozenset(nk(j) for j in v) for k, v in r["open"].items()
        }
        conj_re = _trie_regex(c for c in conjs if c)
        self.range_last = frozenset(c + k.split()[-1] for k in self.range_open for c in conjs)
        self.range_open_re = re.compile(
            rf"(?<![^\W_])(?:{conj_re})?({_phrase_regex(self.range_open)}) +\Z"
        )
        self.bare_join = frozenset(nk(j) for j in r["bare_join"] if j != "-")
        self.change_stems = tuple(nk(s) for s in r["change_stems"])
        self.change_window = int(r["change_window"])

        self.percent_re = re.compile(rf" *(?:%|(?:{_phrase_regex(data['percent'])})(?![^\W_]))")
        self.weekday_words = frozenset(nk(w) for w in data["weekday_lookalikes"])
        self.weekday_markers = frozenset(nk(w) for w in data["weekday_markers"])
        self.weekday_followers = frozenset(nk(w) for w in data["weekday_followers"])
        ords = {nk(w) for w in data["ordinals"]}
        self.ordinals = frozenset(ords | {art + w for w in ords} | {"و" + art + w for w in ords})
        self.ambiguous_blockers = frozenset(nk(w) for w in data["ambiguous_blockers"])
        self.ambiguous_next_stop = frozenset(nk(w) for w in data["ambiguous_next_stop"])
        self.one_of_words = frozenset(nk(w) for w in data["one_of_words"])
        self.not_definite_alone = frozenset(nk(w) for w in data["not_definite_alone"])
        self.post_nominal = frozenset(nk(w) for w in data.get("post_nominal", []))
        self.article = art
        self.article_fused = fusions.get(nk("ل"), "لل")
        phrases = [nk(x) for x in data["not_numbers"]["phrases"]]
        self.phrase_last = frozenset(x.split()[-2] for x in phrases if " " in x)
        self.phrase_re = re.compile(rf"(?<![^\W_])(?:{_phrase_regex(phrases)})\Z")

    # -- word analysis -----------------------------------------------------

    def ana(self, word: str, mode: frozenset[str]) -> tuple[_Ana, ...]:
        found = self.lex.get(word)
        if found is not None:
            if mode is self.first:
                return found
            return tuple(a for a in found if a.prefix in mode)
        if word[-1].isdigit():
            d = self.digits(word)
            if d is not None and d.prefix in mode:
                return (d,)
        return ()

    def digits(self, word: str) -> _Ana | None:
        try:
            return self._digit_cache[word]
        except KeyError:
            pass
        d = self._parse_digits(word)
        if len(self._digit_cache) > 4096:
            self._digit_cache.clear()
        self._digit_cache[word] = d
        return d

    def _parse_digits(self, word: str) -> _Ana | None:
        m = _DIGITS_RE.fullmatch(word)
        if m is None or m.group(1) not in self.prefixes:
            return None
        digits = m.group(2)
        if len(digits) > _MAX_DIGITS:
            return None  # a serial or a run of digits counts nothing (and int() refuses > 4300 digits)
        value: int | float
        if digits.isdigit():
            value = int(digits)
        elif _GROUPED_RE.fullmatch(digits) and len({c for c in digits if not c.isdigit()}) == 1:
            value = int(re.sub(r"[.,]", "", digits))
        elif digits.count(".") + digits.count(",") == 1:
            value = float(digits.replace(",", "."))
        else:
            return None
        return _Ana(_DIGITS, value, m.group(1), digits)

    # -- grammar -----------------------------------------------------------

    @staticmethod
    def after_conj(toks: list[str], i: int) -> Iterable[tuple[int, frozenset[str]]]:
        if i < len(toks):
            if toks[i] == "و":
                if i + 1 < len(toks):
                    yield i + 1, _PLAIN
            else:
                yield i, _CONJ

    def _has(self, toks: list[str], i: int, kind: int, mode: frozenset[str] = _PLAIN) -> _Ana | None:
        if i < len(toks):
            for a in self.ana(toks[i], mode):
                if a.kind == kind:
                    return a
        return None

    def below100(self, toks: list[str], i: int, anas: tuple[_Ana, ...]) -> list[tuple[int, int]]:
        """Parses of 1-99 at toks[i], whose analyses (under the mode in force) are ``anas``."""
        out: list[tuple[int, int]] = []
        for a in anas:
            k = a.kind
            if k == _UNIT or k == _UNIT_C:
                v = int(a.value)
                if k == _UNIT:
                    out.append((i + 1, v))
                if (k == _UNIT_C or v >= 3) and self._has(toks, i + 1, _TEN):
                    out.append((i + 2, 10 + v))
                for j, m in self.after_conj(toks, i + 1):
                    for b in self.ana(toks[j], m):
                        if b.kind == _TENS:
                            out.append((j + 1, v + int(b.value)))
            elif k == _TEN:
                out.append((i + 1, 10))
            elif k == _TENS:
                out.append((i + 1, int(a.value)))
        return out

    def below1000(self, toks: list[str], i: int, anas: tuple[_Ana, ...]) -> list[tuple[int, int]]:
        out = self.below100(toks, i, anas)
        heads: list[tuple[int, int]] = []
        for a in anas:
            k = a.kind
            if k == _HUNDRED:
                heads.append((i + 1, 100))
            elif k == _HUNDRED_DUAL:
                heads.append((i + 1, 200))
            elif k == _HUNDREDS:
                heads.append((i + 1, int(a.value)))
            elif k == _UNIT and a.value >= 3 and self._has(toks, i + 1, _HUNDRED):
                heads.append((i + 2, int(a.value) * 100))
        for j, h in heads:
            out.append((j, h))
            for k2, m in self.after_conj(toks, j):
                for e, v in self.below100(toks, k2, self.ana(toks[k2], m)):
                    out.append((e, h + v))
        return out

    def number(self, toks: list[str], i: int, mode: frozenset[str],
               max_scale: float = float("inf")) -> list[tuple[int, int, int]]:
        """All parses of a number starting at toks[i]: (end index, value, scale of its last term)."""
        out: list[tuple[int, int, int]] = []
        terms: list[tuple[int, int, int]] = []
        anas = self.ana(toks[i], mode)
        if not anas:
            return out
        counts: list[tuple[int, int | float]] = list(self.below1000(toks, i, anas))
        for a in anas:
            if a.kind == _DIGITS:
                counts.append((i + 1, a.value))
        for j, c in counts:
            if isinstance(c, int) and c < max_scale:
                out.append((j, c, 1))
            if j < len(toks) and c > 0:
                for b in self.ana(toks[j], _PLAIN):
                    if b.kind in _SCALE_KINDS and b.value < max_scale:
                        s = int(b.value)
                        terms.append((j + 1, round(c * s), s))
        for a in anas:
            if a.value >= max_scale:
                continue
            if a.kind == _SCALE_SG:
                terms.append((i + 1, int(a.value), int(a.value)))
            elif a.kind == _SCALE_DUAL:
                terms.append((i + 1, 2 * int(a.value), int(a.value)))
            elif a.kind == _FRACTION:
                b = self._has(toks, i + 1, _SCALE_SG)
                if b is not None and b.value < max_scale:
                    s = int(b.value)
                    terms.append((i + 2, round(a.value * s), s))
        for j, val, s in terms:
            out.append((j, val, s))
            for k, m in self.after_conj(toks, j):
                for f in self.ana(toks[k], m):
                    if f.kind == _FRACTION:
                        e = k + 1
                        # "مليون ونصف المليون"
                        for b in self.ana(toks[e], frozenset({"", "ال"})) if e < len(toks) else ():
                            if b.kind == _SCALE_SG and b.value == s:
                                e += 1
                                break
                        out.append((e, val + round(f.value * s), s))
                for e, rest, s2 in self.number(toks, k, m, s):
                    out.append((e, val + rest, s2))
        return out

    def vague(self, toks: list[str], i: int) -> tuple[int, int] | None:
        for a in self.ana(toks[i], self.first):
            if a.kind == _VAGUE:
                base = int(a.value)
                if i + 1 < len(toks):
                    for b in self.ana(toks[i + 1], frozenset({"", "ال"})):
                        if b.kind == _VAGUE and b.value > base:
                            return i + 2, base * int(b.value)
                return i + 1, base
        return None


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    return _Grammar(load_data("ar", _DATA.name))


# ---------------------------------------------------------------------------
# Public API


def parse_number(norm_words: str) -> int | None:
    """The value of a string that is exactly one number expression, else None.

    ``norm_words`` must be normalised (``normalize_key``); "خمسة و عشرون" → 25,
    "10,000" → 10000, "3 ملايين" → 3000000.  Vague words and qualifiers are not
    numbers here (use :func:`find_quantities`).
    """
    g = _grammar()
    toks = norm_words.split()
    if not toks:
        return None
    for end, value, _s in g.number(toks, 0, g.first):
        if end == len(toks):
            return value
    return None


class _Chain:
    """Words separated by spaces only, from one position (a number never crosses punctuation)."""

    __slots__ = ("ends", "toks")

    def __init__(self, text: str, pos: int, long: bool = False) -> None:
        m = (_CHAIN_RE if long else _SHORT_CHAIN_RE).match(text, pos)
        if m is None:
            self.toks: list[str] = []
            self.ends: list[int] = []
            return
        chain = m.group()
        if "  " in chain:
            self.toks = chain.split()
            self.ends = []
            p = pos
            for w in self.toks:
                p = text.index(w, p) + len(w)
                self.ends.append(p)
        else:
            self.toks = chain.split(" ")
            ends = []
            p = pos - 1
            for w in self.toks:
                p += len(w) + 1
                ends.append(p)
            self.ends = ends


def _prev_word(text: str, pos: int, lo: int) -> str:
    """The word before ``pos`` when one space separates them (and it starts at or after ``lo``)."""
    if pos < 2 or text[pos - 1] != " ":
        return ""
    lo = max(lo, pos - 40)
    j = max(text.rfind(" ", lo, pos - 1), text.rfind("\n", lo, pos - 1))
    return text[j + 1 if j >= 0 else lo:pos - 1]


def _words_before(text: str, pos: int, lo: int, n: int) -> list[str]:
    return text[max(lo, pos - 12 * n):pos].split()[-n:]


def find_quantities(norm_text: str) -> list[Quantity]:
    """Every number / quantity expression in ``norm_text`` (normalised text), left to right.

    Non-overlapping, longest match; spans are offsets into ``norm_text``.  Left out:
    percentages, dates and clock times written with / - :, ordinals, weekday names.
    """
    g = _grammar()
    out: list[Quantity] = []
    text = norm_text
    n = len(text)
    done = 0  # end of the last accepted expression
    pos = 0
    hits: list[tuple[int, int, bool]] = []
    m = _FIRST_WORD_RE.match(text)
    if m is not None:
        w = m.group()
        if w in g.lex:
            hits.append((0, m.end() - 1, False))
        else:
            d = _DIGITS_RE.match(w)
            if d is not None and d.group(1) in g.prefixes:
                hits.append((0, d.start(2), True))
    for e, (length, is_digit) in g.anchors.iter(text):
        if is_digit or e + 1 >= n or not (text[e + 1].isalnum() or text[e + 1] == "_"):
            hits.append((e - length + 1, e, is_digit))
    for start, last, is_digit in hits:
        if start < pos:
            continue
        if is_digit:
            dm = _DATE_LIKE_RE.match(text, last)
            if dm is not None:  # dates and clock times are not quantities
                pos = dm.end()
                continue
        q, pos = _at(g, text, start, done)
        if q is not None:
            if text.startswith(g.conjunctions, q.num_start) and _coordinated(g, text, q.num_start):
                q = replace(q, coordinated=True)
            out.append(q)
            done = q.end
    return out


def _coordinated(g: _Grammar, text: str, pos: int) -> bool:
    """Does the number's first word carry a conjunction in every reading ("ومليون", "و3"; not "واحد")?"""
    m = _FIRST_WORD_RE.match(text, pos)
    if m is None:
        return False
    anas = g.ana(m.group(), g.first)
    return bool(anas) and all(a.prefix.startswith(g.conjunctions) for a in anas)


def _next_word(text: str, pos: int) -> str:
    """The word right after ``pos`` when only one space separates them, else ''."""
    if text[pos:pos + 1] != " ":
        return ""
    m = _FIRST_WORD_RE.match(text, pos + 1)
    return m.group() if m else ""


def _at(g: _Grammar, text: str, start: int, done: int) -> tuple[Quantity | None, int]:
    """The quantity whose number starts at ``start``, and where the scan goes on."""
    ch = _Chain(text, start)
    toks = ch.toks
    if not toks:
        return None, start + 1
    parses = g.number(toks, 0, g.first)
    if len(toks) == _SHORT and parses and max(p[0] for p in parses) >= _SHORT - 2:
        ch = _Chain(text, start, long=True)
        toks = ch.toks
        parses = g.number(toks, 0, g.first)
    if not parses:
        v = g.vague(toks, 0)
        if v is None:
            return None, ch.ends[0]
        e = ch.ends[v[0] - 1]
        # "أشخاص عدة", "في مناطق عدة": an adjective of the noun before (which says what it counts)
        after_noun = v[0] == 1 and _post_nominal(g, text, toks[0], start, e, done)
        return Quantity(start, e, start, e, None, v[1], None, "vague", after_noun), e
    if len(parses) > 1:
        # a parse that stops just before a scale word has cut a number in two ("3 آلاف و5 | آلاف")
        whole = [p for p in parses if not (p[0] < len(toks) and any(
            a.kind in _SCALE_KINDS for a in g.ana(toks[p[0]], _PLAIN)))]
        parses = sorted(whole or parses, key=lambda p: -p[0])
    end_i, value, _scale = parses[0]
    num_end = ch.ends[end_i - 1]
    first = g.ana(toks[0], g.first)

    pm = g.percent_re.match(text, num_end)
    if pm is not None:  # percentages are not quantities
        return None, pm.end()

    prev = _prev_word(text, start, done)
    if prev in g.ordinals and any(
            (a.kind == _TEN and a.prefix == "") or (a.kind == _TENS and a.prefix in _CONJ) for a in first):
        return None, num_end  # part of an ordinal: الحادي عشر، الخامس والعشرين
    if end_i == 1:
        if any(a.base in g.weekday_words for a in first) and (
                prev in g.weekday_markers or _next_word(text, num_end) in g.weekday_followers
                or any(g.article in a.prefix or a.prefix.endswith(g.article_fused) for a in first)):
            return None, num_end  # الاثنين: the weekday (see numbers.yaml)
        if prev in g.phrase_last and g.phrase_re.search(text, max(done, start - 20), num_end):
            return None, num_end  # في آن واحد
        if toks[0] in g.one_of_words and _next_word(text, num_end).startswith(g.article):
            return None, num_end  # واحد المقربين = وأحد المقربين "and one of the close ones"
        if all(a.base in g.not_definite_alone and g.article in a.prefix for a in first):
            return None, num_end  # الأسبوع الواحد
        if _post_nominal(g, text, toks[0], start, num_end, done):
            # "شخص واحد", "من عائلة واحدة": the adjective "one" of the noun before
            return Quantity(start, num_end, start, num_end, value, None, None, "exact", True), num_end

    rng, skip = _range(g, text, ch, parses, start, done, prev)
    if rng is not None:
        return rng, rng.end
    if skip:
        return None, skip  # a range of percentages

    qm = g.before_re.search(text, max(done, start - 40), start) if prev in g.before_last else None
    if qm is None and end_i == 1 and all(a.base in g.ambiguous for a in first):
        nxt = _next_word(text, num_end)  # مئتا / ميتا "dead"
        if (prev in g.ambiguous_blockers or not nxt or nxt in g.ambiguous_next_stop
                or g.ana(nxt, g.first)):
            return None, num_end
    if qm is not None:
        kind = g.before_kind[" ".join(qm.group(1).split())]
        return _qualified(qm.start(), num_end, start, num_end, value, kind), num_end
    am = g.after_re.match(text, num_end)
    if am is not None:
        gap = am.group(1).split()
        if not any(w.startswith("و") or g.ana(w, g.first) for w in gap):
            kind = g.after_kind[" ".join(am.group(2).split())]
            return _qualified(start, am.end(), start, num_end, value, kind), am.end()
    return Quantity(start, num_end, start, num_end, value, None, None, "exact"), num_end


def _post_nominal(g: _Grammar, text: str, word: str, start: int, end: int, done: int) -> bool:
    """Is ``word`` (the whole number, text[start:end]) an adjective after its noun ("مناطق عدة")?"""
    if word not in g.post_nominal:
        return False
    prev = _prev_word(text, start, done)
    if not prev or prev in g.ambiguous_next_stop or prev in g.before_last or g.ana(prev, g.first):
        return False
    nxt = _next_word(text, end)  # '' at punctuation or the end
    return not nxt or nxt in g.ambiguous_next_stop


def _qualified(start: int, end: int, ns: int, ne: int, value: int, kind: str) -> Quantity:
    if kind == "at_least_exclusive":
        return Quantity(start, end, ns, ne, value, value + 1, None, "at_least")
    if kind == "at_least":
        return Quantity(start, end, ns, ne, value, value, None, "at_least")
    if kind == "at_most_exclusive":
        return Quantity(start, end, ns, ne, value, None, value - 1, "at_most")
    if kind == "at_most":
        return Quantity(start, end, ns, ne, value, None, value, "at_most")
    return Quantity(start, end, ns, ne, value, None, None, "approx")


def _range(g: _Grammar, text: str, ch: _Chain, parses: list[tuple[int, int, int]],
           start: int, done: int, prev: str) -> tuple[Quantity | None, int]:
    """OPEN? X JOIN Y  (بين 20 و30، من 20 إلى 30، 20 أو 30، 20-30).

    Returns the range, or (None, end) when the range is one of percentages, or (None, 0).
    """
    toks = ch.toks
    om = g.range_open_re.search(text, max(done, start - 20), start) if prev in g.range_last else None
    if om is None:
        joins = g.bare_join
        s = start
    else:
        if om.group(1) == "من" and _is_change(g, text, om.start(), done):
            return None, 0  # "ارتفع من 20 إلى 30" is a change, not a range
        joins = g.range_open[" ".join(om.group(1).split())] | g.bare_join
        s = om.start()
    for end_i, x, x_scale in parses:
        y: tuple[int, int, int] | None = None
        y_stop = 0
        if end_i < len(toks):
            cands: list[tuple[int, frozenset[str]]] = []
            if toks[end_i] in joins and toks[end_i] != "و":
                cands.append((end_i + 1, _PLAIN))
            if "و" in joins:
                cands.extend(g.after_conj(toks, end_i))
            for k, mode in cands:
                if k < len(toks):
                    ys = g.number(toks, k, mode)
                    if ys:
                        y = max(ys, key=lambda p: p[0])
                        y_stop = ch.ends[y[0] - 1]
                        break
        elif toks[-1][-1].isdigit():
            hm = _HYPHEN_RANGE_RE.match(text, ch.ends[-1])
            if hm is not None:  # "20-30", "20 - 30 ألفا"
                ych = _Chain(text, hm.start(1), long=True)
                ys = g.number(ych.toks, 0, _PLAIN)
                if ys:
                    y = max(ys, key=lambda p: p[0])
                    y_stop = ych.ends[y[0] - 1]
        if y is None:
            continue
        _, yv, y_scale = y
        xv = x
        if x_scale == 1 and y_scale > 1 and yv % y_scale == 0 and x < yv // y_scale:
            xv = x * y_scale  # "بين 20 و30 ألفا"
        if xv >= yv:
            return None, 0
        pm = g.percent_re.match(text, y_stop)
        if pm is not None:
            return None, pm.end()
        return Quantity(s, y_stop, start, y_stop, None, xv, yv, "range"), 0
    return None, 0


def _is_change(g: _Grammar, text: str, pos: int, done: int) -> bool:
    words = _words_before(text, pos, done, g.change_window)
    return any(w.startswith(g.change_stems) for w in words)
