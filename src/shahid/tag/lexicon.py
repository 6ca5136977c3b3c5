"""Clitic-aware lexicon matching over normalised text with one Aho-Corasick automaton per table.

An entry is written once in its base form ("قوات النظام", "الجيش الحر", "قصف").  It
matches when the word it starts in begins with an allowed proclitic string
(و، ف، ب، ل، ك، س and their combinations, with or without the article; the
language's morphology file lists them) and the word it ends in continues with an
allowed suffix (ة، ات، ين، ون، ه، ها، هم، ي …).  An entry's leading article is
optional in the text and may fuse with ل (ل + الجيش → للجيش), so "الجيش" is
found in "والجيش", "بالجيش", "للجيش" and "جيش".  Spans exclude the proclitics:
what a value's ``text`` shows is the word itself.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick

from shahid.text.normalize import normalize_key


@dataclass(frozen=True, slots=True)
class Morphology:
    """The affix inventory a language gives the matcher (from ``lang/XX/morphology.yaml``)."""

    article: str  # normalised definite article, e.g. "ال"
    prefixes_with_article: frozenset[str]  # clitic strings allowed before an article-less stem that had one
    prefixes: frozenset[str]  # clitic strings allowed before any stem (includes "")
    suffixes: frozenset[str]  # allowed word endings after a stem (includes "")
    word_chars: str  # regex class body of characters that make words
    clitic_prepositions: frozenset[str] = frozenset()  # one-letter prepositions written fused to the next word
    purpose_clitic: str = ""
    pronoun_suffixes: tuple[str, ...] = ()  # original spelling, not normalised (ه ≠ ة there)
    future_clitic: str = ""  # the proclitic of the future tense (a verb with it has not happened)
    coordinator: str = ""  # the clitic conjunction that coordinates clauses and list items


@dataclass(slots=True)  # not frozen: frozen dataclasses are 4x slower to build, and there are many
class Match:
    start: int  # normalised offsets of the entry's words, proclitics excluded
    end: int
    word_start: int  # start of the first word, proclitics included
    prefix: str  # the proclitic string before the entry ("" when none)
    payload: Any
    form: str  # the lexicon form that matched


@dataclass(frozen=True, slots=True)
class _Key:
    form: str
    had_article: bool
    suffixes: bool  # may the last word take a suffix?
    payload: Any
    open_end: bool = False  # the form ends in a clitic preposition ("وفقا ل"): the next word fuses to it


# (start, end, word_start, prefix, payload, form): a Match's fields
Hit = tuple[int, int, int, str, Any, str]

_WORD_RE = re.compile(r"\w+")


class WordIndex:
    """Word boundaries of one text, computed once and shared by every table's matcher."""

    __slots__ = ("ends", "starts")

    def __init__(self, text: str):
        spans = [m.span() for m in _WORD_RE.finditer(text)]
        self.starts: list[int] = [s for s, _ in spans]
        self.ends: list[int] = [e for _, e in spans]


class LexiconMatcher:
    """All entries of one table, matched at once."""

    def __init__(self, entries: Iterable[tuple[str, Any, bool, bool]], morphology: Morphology):
        """``entries``: (surface form, payload, allow_suffixes, keep_article)."""
        self.morph = morphology
        self._automaton = ahocorasick.Automaton()
        table: dict[str, list[_Key]] = {}
        art = morphology.article
        for form, payload, allow_suffixes, keep_article in entries:
            norm = normalize_key(form)
            if not norm:
                continue
            keys = [(norm, False)]
            # The article is optional in the text: index the stem without it too.
            if not keep_article and art and norm.startswith(art) and len(norm) > len(art) + 1:
                keys.append((norm[len(art):], True))
            last = norm.rsplit(" ", 1)[-1]
            open_end = " " in norm and last in morphology.clitic_prepositions
            words = norm.split(" ")
            if art and not keep_article and not open_end and 2 <= len(words) <= 3 and not any(
                    w.startswith(art) for w in words) and all(len(w) > 1 for w in words):
                # a noun and its adjectives agree in definiteness: "ضربة جوية" is also "الضربة الجوية"
                # (the first word's article is optional already, so index the rest definite)
                keys.append((" ".join([words[0]] + [art + w for w in words[1:]]), True))
            for k, had_article in keys:
                table.setdefault(k, []).append(_Key(norm, had_article, allow_suffixes, payload, open_end))
        # Very short words ("في", "من", "لا") occur inside most words: an automaton would report
        # every one of those places.  A regex anchored at word starts finds only the real ones.
        short = {k: tuple(lst) for k, lst in table.items()
                 if len(k) <= 2 and " " not in k and all(not x.suffixes and not x.open_end for x in lst)}
        if len(short) < 5:
            short = {}  # a few short words are cheaper in the automaton than a second pass
        self._short = short
        self._short_re: re.Pattern[str] | None = None
        if short:
            pre = sorted(morphology.prefixes | morphology.prefixes_with_article, key=len, reverse=True)
            alt = "|".join(re.escape(p) for p in pre if p)
            keys = "|".join(re.escape(k) for k in sorted(short, key=len, reverse=True))
            self._short_re = re.compile(rf"(?<!\w)((?:{alt})?)({keys})(?!\w)")
        # the long keys, each with its entries (and their payloads and forms, for the plain case);
        # the automaton's value tags them with table 0: a LexiconSet merges several tables' keys
        self._long_keys: dict[str, tuple[int, tuple[_Key, ...], tuple[tuple[Any, str], ...]]] = {
            k: (len(k), tuple(lst), tuple((x.payload, x.form) for x in lst))
            for k, lst in table.items() if k not in short}
        for k, (klen, keys, plain) in self._long_keys.items():
            self._automaton.add_word(k, (klen, ((0, keys, plain),)))
        self.size = len(table)
        self._long = len(self._long_keys)
        self._prefix_enders = _prefix_enders(morphology)
        if self._long:
            self._automaton.make_automaton()

    def find_all(self, text: str, words: WordIndex | None = None) -> list[Match]:
        """Every acceptable occurrence (overlapping ones included)."""
        return [Match(*h) for h in self.hits(text, words)]

    def hits(self, text: str, words: WordIndex | None = None) -> list[Hit]:
        """``find_all`` as plain tuples ``(start, end, word_start, prefix, payload, form)``, in the same
        order (the taggers read thousands of them per article: a tuple costs a fraction of a Match)."""
        if not self.size:
            return []
        out: list[Hit] = []
        self._short_hits(text, out)
        if self._long:
            _scan(text, words if words is not None else WordIndex(text), self.morph, self._prefix_enders,
                  self._automaton, (out,))
        return out

    def _short_hits(self, text: str, out: list[Hit]) -> None:
        """The very short words' hits (the regex's), appended to ``out``."""
        if self._short_re is None:
            return
        append = out.append
        article = self.morph.article
        short = self._short
        for m in self._short_re.finditer(text):
            prefix, start, end = m.group(1), m.start(2), m.end(2)
            for key in short[m.group(2)]:
                if not key.had_article and article and prefix.endswith(article) and \
                        key.form.startswith(article):
                    continue
                append((start, end, m.start(1), prefix, key.payload, key.form))

    def find(self, text: str) -> list[Match]:
        """Leftmost-longest, non-overlapping matches, sorted by position."""
        return select_longest(self.find_all(text))


def _scan(text: str, words: WordIndex, morph: Morphology, enders: frozenset[str], automaton: Any,
          outs: Sequence[list[Hit]]) -> None:
    """The automaton's acceptable hits, in its order: a value ``(key length, ((table, keys, plain), …))``
    sends the hits of each table's entries of the key to ``outs[table]``.  Where the match starts and
    ends in its words (the clitics before it, the suffix after it) is worked out once for all tables.
    ``enders``: the letters a proclitic string can end with (a match after any other letter is inside a
    word)."""
    out: list[Hit]
    article = morph.article
    prefixes = morph.prefixes
    with_article = morph.prefixes_with_article
    starts, ends = words.starts, words.ends
    suffixes = morph.suffixes
    n = len(text)
    # with no clitic and no suffix every key of a form passes the checks below (when "" is a
    # clitic string)
    plain_ok = "" in prefixes
    for end_idx, (klen, tables) in automaton.iter(text):
        end = end_idx + 1
        start = end - klen
        if start:
            before = text[start - 1]
            if before not in enders and before.isalnum():
                continue  # inside a word, after a letter no proclitic ends with
            if before.isalnum() or before == "_" or not (text[start].isalnum() or text[start] == "_"):
                # the word the match starts in, and the clitics before the match inside it
                i = bisect_right(starts, start) - 1
                if i < 0 or ends[i] <= start:
                    continue
                ws = starts[i]
                if start - ws > 5:
                    continue
                prefix = text[ws:start]
            else:  # the match opens its word (the look-up above would find just that)
                ws, prefix = start, ""
        else:
            if not (text[0].isalnum() or text[0] == "_"):
                continue  # (no word holds the match's first character)
            ws, prefix = 0, ""
        we = -1  # where the match's last word ends: found once, for the first table that asks
        suffix = ""
        for table, keys, plain in tables:
            out = outs[table]
            if keys[0].open_end:
                if prefix in prefixes:
                    out.extend((start, end, ws, prefix, k.payload, k.form) for k in keys if k.open_end)
                continue
            if prefix not in prefixes and prefix not in with_article:
                continue
            if we < 0:
                # the word the match ends in, and the suffix after the match inside it
                if end < n and (text[end].isalnum() or text[end] == "_") and (
                        text[end - 1].isalnum() or text[end - 1] == "_"):
                    j = bisect_right(starts, end - 1) - 1
                    we = ends[j] if j >= 0 and ends[j] >= end else end
                    suffix = text[end:we]
                else:  # the match closes its word (or ends outside one): no suffix
                    we, suffix = end, ""
            if we - end > 4:
                continue
            if plain_ok and not prefix and not suffix:
                for payload, form in plain:
                    out.append((start, end, ws, prefix, payload, form))
                continue
            for key in keys:
                if key.had_article:
                    if prefix not in with_article and prefix not in prefixes:
                        continue
                elif prefix not in prefixes or (article and prefix.endswith(article) and
                                                key.form.startswith(article)):
                    continue
                if suffix and (not key.suffixes or suffix not in suffixes):
                    continue
                out.append((start, we if suffix else end, ws, prefix, key.payload, key.form))


def _prefix_enders(morph: Morphology) -> frozenset[str]:
    """The letters a proclitic string can end with: a match after any other letter is inside a word."""
    return frozenset(p[-1] for p in morph.prefixes | morph.prefixes_with_article if p)


class LexiconSet:
    """Several tables of one language matched in one pass over the text: one automaton holds every
    table's long keys (six automata each scanning the text, and each checking the clitics around its
    hits, cost about twice one).  ``hits`` gives each table's ``LexiconMatcher.hits``, unchanged."""

    def __init__(self, matchers: Sequence[LexiconMatcher]):
        self.matchers = tuple(matchers)
        self.morph = self.matchers[0].morph
        if any(m.morph != self.morph for m in self.matchers):
            raise ValueError("the tables of a LexiconSet share one morphology")
        self._enders = _prefix_enders(self.morph)
        merged: dict[str, tuple[int, list[tuple[int, tuple[_Key, ...], tuple[tuple[Any, str], ...]]]]] = {}
        for i, m in enumerate(self.matchers):
            for k, (klen, keys, plain) in m._long_keys.items():
                merged.setdefault(k, (klen, []))[1].append((i, keys, plain))
        self._automaton = ahocorasick.Automaton()
        for k, (klen, tables) in merged.items():
            self._automaton.add_word(k, (klen, tuple(tables)))
        self._long = len(merged)
        if self._long:
            self._automaton.make_automaton()

    def hits(self, text: str, words: WordIndex | None = None) -> list[list[Hit]]:
        outs: list[list[Hit]] = [[] for _ in self.matchers]
        for m, out in zip(self.matchers, outs, strict=True):
            m._short_hits(text, out)  # (a table's short-word hits come before its automaton's)
        if self._long:
            _scan(text, words if words is not None else WordIndex(text), self.morph, self._enders,
                  self._automaton, outs)
        return outs

def select_longest(matches: Sequence[Match]) -> list[Match]:
    ordered = sorted(matches, key=lambda m: (m.word_start, -(m.end - m.start)))
    out: list[Match] = []
    last_end = -1
    for m in ordered:
        if m.word_start >= last_end and m.start >= last_end:
            out.append(m)
            last_end = m.end
    return out
