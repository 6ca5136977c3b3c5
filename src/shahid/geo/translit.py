"""English spelling variants of Arabic place names, generated from rules in ``data/translit.yaml``.

English texts write one Arabic name many ways: Deir ez-Zor, Deir al-Zour, Deir Ezzor; Douma, Duma;
Hasakeh, Hasakah, al-Hasakah.  The sources give one or a few of them; :func:`variants` gives the
others by applying the data's rules (article forms, vowel and consonant alternations, endings,
doubled letters) breadth-first, fewest rule applications first, up to ``max_variants`` per name.

Variants are lower-case with hyphens read as spaces: the English matcher reads the text the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data" / "translit.yaml"

_VOWELS = frozenset("aeiou")


def fold(name: str) -> str:
    """The compared form of an English name: lower-case, hyphens as spaces, typographic quotes as '."""
    s = name.lower().translate(str.maketrans({"-": " ", "’": "'", "‘": "'", "`": "'", "ʿ": "'", "ʾ": "'"}))
    s = re.sub(r"[()\[\],]", " ", s)
    return " ".join(s.split())


@dataclass(frozen=True)
class Rules:
    articles: frozenset[str]
    article_forms: tuple[str, ...]
    sun_letters: tuple[str, ...]
    joined_article: bool
    joined_inside: tuple[str, ...]
    strip_article_min: int
    swaps: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]  # what to find, what to write instead
    endings: tuple[tuple[str, ...], ...]
    endings_min_word: int
    undouble: tuple[str, ...]
    max_variants: int
    max_variants_major: int
    min_length: int

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Rules:
        swaps: list[tuple[re.Pattern[str], tuple[str, ...]]] = []
        for item in d.get("swaps") or ():
            if len(item) > 2 and item[2] == ">":
                group, find = (str(item[0]), str(item[1])), (str(item[0]),)
            else:
                group = find = tuple(map(str, item))
            pat = re.compile("|".join(re.escape(x) for x in sorted(find, key=lambda x: (-len(x), x)) if x))
            swaps.append((pat, group))
        return cls(
            articles=frozenset(map(str, d.get("articles") or ())),
            article_forms=tuple(map(str, d.get("article_forms") or ())),
            sun_letters=tuple(sorted(map(str, d.get("sun_letters") or ()), key=lambda x: (-len(x), x))),
            joined_article=bool(d.get("joined_article", False)),
            joined_inside=tuple(map(str, d.get("joined_inside") or ())),
            strip_article_min=int(d.get("strip_article_min", 4)),
            swaps=tuple(swaps),
            endings=tuple(tuple(sorted(map(str, g), key=lambda x: (-len(x), x))) for g in d.get("endings") or ()),
            endings_min_word=int(d.get("endings_min_word", 4)),
            undouble=tuple(map(str, d.get("undouble") or ())),
            max_variants=int(d.get("max_variants", 12)),
            max_variants_major=int(d.get("max_variants_major", d.get("max_variants", 12))),
            min_length=int(d.get("min_length", 4)),
        )


@cache
def rules(path: Path = DATA) -> Rules:
    with path.open(encoding="utf-8") as f:
        return Rules.from_dict(yaml.safe_load(f) or {})


def _article_steps(words: list[str], r: Rules) -> list[str]:
    out: list[str] = []
    n = len(words)
    for i, w in enumerate(words):
        if w not in r.articles or i + 1 >= n:
            continue
        nxt = words[i + 1]
        forms = list(r.article_forms)
        sun = next((s for s in r.sun_letters if nxt.startswith(s)), None)
        if sun is not None:
            forms += ["a" + sun, "e" + sun]
        for f in forms:
            if f != w:
                out.append(" ".join([*words[:i], f, *words[i + 1:]]))
        if r.joined_article and sun is not None and w.endswith(sun) and w[0] in _VOWELS:
            out.append(" ".join([*words[:i], w + nxt, *words[i + 2:]]))  # ez zor → ezzor
        if i == 0 and len("".join(words[1:])) >= r.strip_article_min:
            out.append(" ".join(words[1:]))
    for i in range(1, n):  # "ras elosud" → "ras el osud"
        w = words[i]
        for a in r.joined_inside:
            if w.startswith(a) and len(w) >= len(a) + 3 and w not in r.articles:
                out.append(" ".join([*words[:i], a, w[len(a):], *words[i + 1:]]))
    return out


def _word_steps(words: list[str], r: Rules) -> list[str]:
    out: list[str] = []
    for i, w in enumerate(words):
        if w in r.articles:
            continue
        alts: list[str] = []
        for pat, group in r.swaps:
            if pat.search(w):
                alts.extend(pat.sub(lambda m, g=g: g, w) for g in group)  # g=g: each rewrite its own spelling
        for d in r.undouble:
            if d in w:
                alts.append(w.replace(d, d[0]))
        if len(w) >= r.endings_min_word:
            for group in r.endings:
                end = next((e for e in group if w.endswith(e) and len(w) > len(e)
                            and w[-len(e) - 1] not in _VOWELS), None)
                if end is not None:
                    stem = w[: -len(end)]
                    alts.extend(stem + e for e in group if e != end)
                    break
        for alt in alts:
            if alt and alt != w:
                out.append(" ".join([*words[:i], alt, *words[i + 1:]]))
    return out


def variants(name: str, r: Rules | None = None, limit: int | None = None) -> list[str]:
    """``name`` folded and its generated spellings, fewest rule applications first (deterministic):
    at most ``limit`` (default: the rules' ``max_variants``)."""
    r = r or rules()
    cap = r.max_variants if limit is None else limit
    base = fold(name)
    if not base:
        return []
    seen = {base}
    out = [base]
    frontier = [base]
    while frontier and len(out) < cap:
        nxt: list[str] = []
        for v in frontier:
            words = v.split()
            for cand in _article_steps(words, r) + _word_steps(words, r):
                cand = " ".join(cand.split())
                if cand in seen:
                    continue
                seen.add(cand)
                if len(cand.replace(" ", "")) < r.min_length:
                    continue
                out.append(cand)
                nxt.append(cand)
                if len(out) >= cap:
                    return out
        frontier = nxt
    return out
