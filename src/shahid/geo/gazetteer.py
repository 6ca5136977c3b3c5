"""Find every place a (normalised) text names and resolve it, with honest precision.

The index (``data/index_<cc>.json.gz``, built by :mod:`shahid.geo.build`) lists places
with their normalised names.  All names go into one Aho-Corasick automaton; a hit
counts when it starts a word (after allowed proclitics: و ف ب ل ك and their
combinations, ل + ال fused as لل) and ends one.  The longest hits win, a type word
before a name (حي، مدينة، بلدة، قرية، ريف، محافظة …) joins its span, and names that
are also common words or person names (``data/stoplist.yaml``) only count with a
type word or a locating place right after them ("X بريف حماة").

Resolution scores every candidate place of a name: a prior (admin level,
population, governorate capitals) times the support of the document's other
places (the place that locates it, the same sentence, the whole text).  When the
evidence does not settle it the mention stays unresolved (``place_id`` None) and
keeps its candidates: never a silent guess.
"""

from __future__ import annotations

import bisect
import gzip
import json
import math
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from shahid.text.normalize import normalize_key

DATA_DIR = Path(__file__).resolve().parent / "data"

# ---------------------------------------------------------------------------
# export precision mappings


_ACLED = {"site": 1, "neighbourhood": 1, "town": 1, "region": 2, "district": 2, "governorate": 3,
          "country": 3}
_UCDP = {"site": 1, "neighbourhood": 1, "town": 1, "region": 4, "district": 3, "governorate": 4,
         "country": 6}


def acled_geo_precision(precision: str) -> int:
    """ACLED ``geo_precision``: 1 the town itself, 2 part of a region / near a town, 3 a larger region."""
    return _ACLED.get(precision, 3)


def ucdp_where_prec(precision: str) -> int:
    """UCDP GED ``where_prec``: 1 exact place, 3 ADM2, 4 ADM1 (or a region of one), 6 country."""
    return _UCDP.get(precision, 7 if precision == "water" else 6)


# ---------------------------------------------------------------------------
# public records


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int  # normalised offsets: type word included, proclitics excluded
    end: int
    name: str  # canonical Arabic name
    name_en: str | None
    place_id: str | None  # OCHA p-code, or the project's id for neighbourhoods/regions/sites
    admin1: str | None  # OCHA English governorate name
    country: str  # ISO2
    lat: float | None
    lon: float | None
    precision: str  # site | neighbourhood | town | district | governorate | country | region
    coord_precision: str | None  # what lat/lon are really of
    score: float  # confidence of the resolution
    candidates: tuple[dict[str, Any], ...]  # alternatives when ambiguous (place_id, name, admin1, score)
    parent_ids: tuple[str, ...]  # ancestors' place_ids, nearest first

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start, "end": self.end, "name": self.name, "name_en": self.name_en,
            "place_id": self.place_id, "admin1": self.admin1, "country": self.country, "lat": self.lat,
            "lon": self.lon, "precision": self.precision, "coord_precision": self.coord_precision,
            "score": self.score, "candidates": list(self.candidates), "parent_ids": list(self.parent_ids),
        }


@dataclass(slots=True)
class _Place:
    idx: int
    id: str
    name: str
    name_en: str | None
    kind: str
    precision: str
    parent: int  # index, -1 for none
    admin1: str | None  # governorate p-code
    lat: float | None
    lon: float | None
    coord_precision: str | None
    pop: int | None
    prior: float
    country: str
    type: str | None
    anc: tuple[int, ...] = ()  # ancestors, nearest first (self excluded)
    anc_set: frozenset[int] = frozenset()


@dataclass(slots=True)
class _Name:
    key: str
    places: tuple[int, ...]
    weak: int  # 0 plain, 1 needs context, 2 needs a type word or a locating place
    english: bool
    fused: bool  # the "لل" + stem form of an article name


@dataclass(frozen=True, slots=True)
class _Info:
    cands: tuple[int, ...]
    prior: tuple[float, ...]
    anchor: int  # the place this name settles on by its priors alone, or -1
    minor: bool = False  # all candidates are minor home places (a foreign text's homonyms)
    locatable: bool = False  # all candidates are home places that a locating place may contradict
    related: frozenset[int] = frozenset()  # the candidates and their ancestors
    admins: frozenset[str | None] = frozenset()  # the candidates' governorates


@dataclass(slots=True)
class _Hit:
    start: int  # of the name (or of its type word once attached)
    name_start: int
    end: int
    word_start: int  # proclitics included
    name: _Name
    type_kind: str | None = None
    type_start: int = -1


# ---------------------------------------------------------------------------


_LOCATABLE = frozenset({"community", "town", "neighbourhood", "site", "subdistrict"})
_CLOSE = "\"'»”.,،:;)!?؟"
_OPEN_QUOTES = frozenset("\"«“'")
_GLUE = frozenset(" \"'«»“”")  # what may stand between a name and the word before or after it
_WORD_RE = re.compile(r"\w+")
_PAREN_RE = re.compile(r"\s*\([^()\n]{1,30}\)")
_SENT_RE = re.compile(r"[.!?؟\n]")
_DIGITS_RE = re.compile(r"\d+")

_KIND_PRIOR = {"country": 20.0, "governorate": 30.0, "district": 4.0, "subdistrict": 3.0, "community": 1.0,
               "town": 30.0, "neighbourhood": 3.0, "region": 10.0, "site": 10.0}

# support weights: (locating place, same sentence, same text) × (contains the candidate, same governorate)
_W_LOC = (60.0, 40.0)
_W_SENT = (10.0, 6.0)
_W_DOC = (4.0, 2.0)
RESOLVE_MIN = 0.55  # agreeing probability mass under which a mention stays unresolved
ANCHOR_MIN = 0.75


def _is_word(ch: str) -> bool:
    return ch.isalnum()


class Gazetteer:
    """One country's places, names and matcher.  Use :meth:`load` (cached)."""

    _cache: dict[str, Gazetteer] = {}  # noqa: RUF012 - class-level cache by design
    _lock = threading.Lock()

    def __init__(self, index: dict[str, Any], affixes: dict[str, Any], index_path: Path | None = None,
                 context: dict[str, Any] | None = None):
        self.country = index["country"]
        self.index_path = index_path
        self.admin1_en: dict[str, str] = index["admin1_en"]
        fields = index["fields"]
        fi = {f: i for i, f in enumerate(fields)}
        rows = index["places"]
        self._by_id: dict[str, int] = {r[fi["id"]]: i for i, r in enumerate(rows)}
        places: list[_Place] = []
        for i, r in enumerate(rows):
            kind = r[fi["kind"]]
            pop = r[fi["pop"]]
            prior = r[fi["prior"]]
            if prior is None:
                prior = _KIND_PRIOR.get(kind, 1.0)
                if kind == "community" and pop:
                    prior = min(20.0, 3.0 + 2.0 * math.log10(max(pop, 1000) / 1000.0))
            parent = r[fi["parent"]]
            places.append(_Place(
                idx=i, id=r[fi["id"]], name=r[fi["name"]], name_en=r[fi["name_en"]], kind=kind,
                precision=r[fi["precision"]], parent=self._by_id.get(parent, -1) if parent else -1,
                admin1=r[fi["admin1"]], lat=r[fi["lat"]], lon=r[fi["lon"]],
                coord_precision=r[fi["coord_precision"]], pop=pop, prior=float(prior), country="",
                type=r[fi["type"]],
            ))
        for p in places:
            anc: list[int] = []
            j = p.parent
            while j >= 0 and len(anc) < 12:
                anc.append(j)
                j = places[j].parent
            p.anc = tuple(anc)
            p.anc_set = frozenset(anc)
            root = places[anc[-1]] if anc else p
            p.country = root.id if root.kind == "country" else self.country
        # a town that gives its name to its sub-district or district is read before them
        for p in places:
            if p.kind == "community" and rows[p.idx][fi["prior"]] is None:
                key = normalize_key(p.name)
                for a in p.anc[:2]:
                    pa = places[a]
                    if pa.kind in ("subdistrict", "district") and normalize_key(pa.name).removeprefix("مركز ") == key:
                        p.prior = max(p.prior, 6.0)
                        break
        # a governorate's capital: the community of the same name inside it
        gov_names = {p.id: normalize_key(p.name) for p in places if p.kind == "governorate"}
        self._capital: dict[str, int] = {}
        for p in places:
            if p.kind == "community" and p.admin1 in gov_names and normalize_key(p.name) == gov_names[p.admin1]:
                if p.admin1 not in self._capital or (p.pop or 0) > (places[self._capital[p.admin1]].pop or 0):
                    self._capital[p.admin1] = p.idx
        for i in self._capital.values():
            if rows[i][fi["prior"]] is None:
                places[i].prior = 100.0
        # a governorate named "ريف X" after another governorate X is X's countryside (ريف دمشق)
        by_name = {normalize_key(p.name): p.id for p in places if p.kind == "governorate"}
        self._rif_governorate: dict[str, int] = {}
        for p in places:
            if p.kind == "governorate":
                base = by_name.get(normalize_key(p.name).removeprefix("ريف "))
                if base is not None and base != p.id:
                    self._rif_governorate[base] = p.idx
        self._twin: dict[str, str] = {}
        for base, i in self._rif_governorate.items():
            self._twin[base] = places[i].id
            self._twin[places[i].id] = base
        self.places = places
        self._parent_ids = [tuple(places[a].id for a in p.anc) for p in places]
        self._info_cache: dict[tuple[str, str | None, int], _Info] = {}
        self._mention_cache: dict[tuple[int, bool, bool], tuple[Any, ...]] = {}

        needs_prefix = set(index.get("needs_prefix", []))
        needs_context = set(index.get("needs_context", []))
        needs_lead = set(index.get("needs_lead", []))
        needs_cue = set(index.get("needs_cue", []))
        table: dict[str, list[int]] = {}
        english: set[str] = set()
        for i, r in enumerate(rows):
            for k in r[fi["names"]]:
                lst = table.setdefault(k, [])
                if i not in lst:
                    lst.append(i)
            for k in r[fi["names_en"]]:
                lst = table.setdefault(k, [])
                if i not in lst:
                    lst.append(i)
                english.add(k)
        self._names: dict[str, _Name] = {}
        self._automaton = ahocorasick.Automaton()
        for k, lst in table.items():
            weak = (2 if k in needs_prefix else 1 if k in needs_context else 3 if k in needs_lead
                    else 4 if k in needs_cue else 0)
            nm = _Name(k, tuple(lst), weak, k in english and k.isascii(), False)
            self._names[k] = nm
            self._automaton.add_word(k, (len(k), nm))
            if k.startswith("ال") and len(k) > 3 and " " not in k[:3]:
                fk = "لل" + k[2:]
                if fk not in table:
                    self._automaton.add_word(fk, (len(fk), _Name(k, nm.places, weak, False, True)))
        ctx = context or {}
        # phrases that hold a place name without naming a place: matched, then dropped
        for w in ctx.get("blockers", ()):
            k = normalize_key(w)
            if k and k not in table:
                self._automaton.add_word(k, (len(k), _Name(k, (), 0, False, False)))
        self._automaton.make_automaton()
        # a small village: a community with no population figure, not named after its sub-district
        self._small = [p.kind == "community" and p.prior < 2.0 and p.country == self.country for p in places]
        # a minor place: a community with no population figure (what a foreign text's homonym may be)
        self._minor = [p.kind == "community" and not p.pop and p.prior < 10.0 and p.country == self.country
                       for p in places]

        # affixes
        self._proclitics = frozenset(normalize_key(x) for x in affixes["proclitics"]) | {""}
        self._types: dict[str, tuple[str, frozenset[str]]] = {}
        self._type_kinds: dict[str, frozenset[str]] = {}
        self._type_fallback: dict[str, frozenset[str]] = {}
        self._type_licenses: dict[str, bool] = {}
        for tkind, spec in affixes["types"].items():
            kinds = frozenset(spec["kinds"])
            self._type_kinds[tkind] = kinds
            self._type_fallback[tkind] = frozenset(spec.get("fallback_kinds", ()))
            self._type_licenses[tkind] = bool(spec.get("licenses_weak", True))
            for w in spec["words"]:
                self._types[normalize_key(w)] = (tkind, kinds)
        self._type_max_words = max(len(k.split()) for k in self._types)
        # names that a type word with its clitics could be (بقرية): checked against the type list
        self._typeish = frozenset(
            k for k in self._names if any(k.endswith(t) and len(k) - len(t) <= 3 for t in self._types)
        )
        self._locator_words = frozenset(normalize_key(x) for x in affixes["locator_words"])
        self._distributive = frozenset(normalize_key(x) for x in affixes.get("distributive", ()))

        def words(key: str) -> frozenset[str]:
            return frozenset(normalize_key(x) for x in ctx.get(key, ()))

        self._titles = words("person_titles")
        self._given = words("given_names")
        self._given_pairs = frozenset(k for k in self._given if " " in k)
        self._units = words("unit_words")
        self._unit_epithets = words("unit_epithets")
        self._media_before = words("media_before")
        self._media_after = words("media_after")
        self._buildings = words("building_words")
        self._lead = words("lead_words") | self._locator_words
        # the word before a name → why the name is not a place there
        self._before: dict[str, str] = {}
        for kind, ws in (("building", self._buildings), ("media", self._media_before), ("unit", self._units),
                         ("person", self._titles | self._given)):
            for w in ws:
                self._before.setdefault(w, kind)
        self._not_adjective = frozenset(self._types) | self._lead | words("function_words")
        self._after_person = words("person_after")
        self._prepositions = words("prepositions")
        self._motion = words("motion_words")
        self._major_cache: dict[str, bool] = {}
        self._flags_cache: dict[str, tuple[bool, bool, bool, bool]] = {}
        self._country_cache: dict[str, bool] = {}
        self._after_words = self._after_person | self._media_after
        self._small_name: dict[str, bool] = {}

    # -- loading -------------------------------------------------------------
    @classmethod
    def load(cls, country: str = "SY") -> Gazetteer:
        """The shipped index of ``country`` (ISO2), loaded once per process."""
        cc = country.upper()
        g = cls._cache.get(cc)
        if g is not None:
            return g
        with cls._lock:
            g = cls._cache.get(cc)
            if g is None:
                g = cls.from_file(DATA_DIR / f"index_{cc.lower()}.json.gz")
                cls._cache[cc] = g
        return g

    @classmethod
    def from_file(cls, path: Path) -> Gazetteer:
        if not path.exists():
            raise FileNotFoundError(f"no gazetteer index at {path}: run `shahid gazetteer build`")
        with gzip.open(path, "rb") as f:
            index = json.loads(f.read())
        with (DATA_DIR / "affixes.yaml").open(encoding="utf-8") as f:
            affixes = yaml.safe_load(f)
        with (DATA_DIR / "context.yaml").open(encoding="utf-8") as f:
            context = yaml.safe_load(f)
        return cls(index, affixes, path, context)

    @classmethod
    def clear_cache(cls) -> None:
        cls._cache.clear()

    # -- lookup --------------------------------------------------------------
    def get(self, place_id: str) -> dict[str, Any] | None:
        """Everything the index knows about a place (also our derived ``<id>-rif`` regions)."""
        i = self._by_id.get(place_id)
        if i is not None:
            return self._describe(self.places[i])
        if place_id.endswith("-rif"):
            base = self._by_id.get(place_id[:-4])
            if base is not None:
                p = self.places[base]
                d = self._describe(p)
                d.update(id=place_id, name=f"ريف {p.name}", name_en=f"{p.name_en} countryside" if p.name_en else None,
                         kind="region", precision="region", parent_ids=[p.id, *d["parent_ids"]],
                         coord_precision=p.coord_precision)
                return d
        return None

    def _describe(self, p: _Place) -> dict[str, Any]:
        names = [k for k, nm in self._names.items() if p.idx in nm.places]
        return {
            "id": p.id, "name": p.name, "name_en": p.name_en, "kind": p.kind, "precision": p.precision,
            "type": p.type, "admin1": self.admin1_en.get(p.admin1 or ""), "admin1_id": p.admin1,
            "country": p.country, "lat": p.lat, "lon": p.lon, "coord_precision": p.coord_precision,
            "population": p.pop, "parent_ids": [self.places[a].id for a in p.anc], "names": names,
        }

    def contains(self, outer_id: str, inner_id: str) -> bool:
        """Is ``inner_id`` the same place as ``outer_id`` or inside it?"""
        if outer_id == inner_id:
            return True
        d = self.get(inner_id)
        if d is None:
            return False
        return outer_id in d["parent_ids"]

    def search(self, name: str) -> list[dict[str, Any]]:
        """Places called ``name`` (exact normalised name first, then names containing it)."""
        key = normalize_key(name)
        if not key:
            return []
        words = key.split()
        for n in range(min(self._type_max_words, len(words) - 1), 0, -1):
            head = " ".join(words[:n])
            if head in self._types and " ".join(words[n:]) not in self._types:
                alt = " ".join(words[n:])
                if alt in self._names and key not in self._names:
                    key = alt
                break
        seen: set[int] = set()
        out: list[dict[str, Any]] = []

        def add(idxs: Iterable[int], match: str) -> None:
            for i in sorted(idxs, key=lambda j: -self.places[j].prior):
                if i not in seen:
                    seen.add(i)
                    d = self._describe(self.places[i])
                    d["match"] = match
                    out.append(d)

        nm = self._names.get(key)
        if nm:
            add(nm.places, "exact")
        for k, nm2 in self._names.items():
            if k != key and key in k:
                add(nm2.places, "partial")
            if len(out) >= 50:
                break
        return out

    # -- matching ------------------------------------------------------------
    def _raw_hits(self, text: str) -> list[_Hit]:
        hits: list[_Hit] = []
        n = len(text)
        procl = self._proclitics
        for end_idx, (klen, nm) in self._automaton.iter(text):
            end = end_idx + 1
            if end < n and text[end].isalnum():
                continue
            start = end - klen
            ws = start
            if start > 0 and text[start - 1].isalnum():
                if nm.english:
                    continue
                ws = start - 1
                while ws > 0 and start - ws < 4 and text[ws - 1].isalnum():
                    ws -= 1
                if ws > 0 and text[ws - 1].isalnum():
                    continue
                pre = text[ws:start]
                if pre not in procl or (klen <= 3 and len(pre) > 1):
                    continue  # a short name after two clitics is mostly the tail of a word (ولادة)
                if nm.fused and pre not in ("و", "ف"):
                    continue
            elif nm.english and start > 0 and text[start - 1] == "'":
                continue
            if nm.key in self._typeish and self._type_of(text[ws:end]) is not None:
                continue  # a type word (بقرية، وبلدة) that is also listed as a village
            # ل + ال fused (للرقة): the article's ل belongs to the name, the first ل is the clitic
            hits.append(_Hit(start + 1 if nm.fused else start, start + 1 if nm.fused else start, end, ws, nm))
        return hits

    @staticmethod
    def _select(hits: list[_Hit]) -> list[_Hit]:
        if len(hits) > 1:
            hits.sort(key=lambda h: (h.word_start - h.end, h.word_start, h.name_start))
            chosen: list[_Hit] = []
            for h in hits:
                ws, e = h.word_start, h.end
                for c in chosen:
                    if e > c.word_start and ws < c.end:
                        break
                else:
                    chosen.append(h)
            chosen.sort(key=lambda h: h.word_start)
            return chosen
        return hits

    @staticmethod
    def _prev_word(text: str, pos: int, floor: int) -> tuple[int, int] | None:
        """The word right before ``pos`` (one space between, or a space and an opening quote), not before ``floor``."""
        e = pos - 1
        if e > floor and text[e] in _OPEN_QUOTES:  # مدينة "دوما" / بلدة " خان العسل "
            e -= 1
            if e > floor and text[e] != " " and text[e] in _OPEN_QUOTES:
                e -= 1
        elif e > floor + 1 and text[e] == " " and text[e - 1] in _OPEN_QUOTES:
            e -= 2
        if e <= floor or text[e] != " ":
            return None
        k = text.rfind(" ", floor, e)
        s = k + 1 if k >= 0 else floor
        if s >= e or not text[s:e].isalnum():
            return None
        return s, e

    def _type_of(self, word: str) -> tuple[str, int] | None:
        """(type kind, length of the proclitics) when ``word`` is a type word, possibly with clitics."""
        t = self._types.get(word)
        if t is not None:
            return t[0], 0
        procl = self._proclitics
        for k in (1, 2, 3):
            if len(word) > k + 1 and word[:k] in procl:
                t = self._types.get(word[k:])
                if t is not None:
                    return t[0], k
        return None

    def _attach_type(self, text: str, h: _Hit, floor: int) -> None:
        """A type word right before the name (with its proclitics) joins the mention.

        Only when it fits one of the name's places ("بلدات ريف دمشق" keeps "ريف دمشق").
        """
        w1 = self._prev_word(text, h.word_start, floor)
        if w1 is None:
            return
        s, e = w1
        found: tuple[str, int, int, int] | None = None
        if self._type_max_words > 1:
            w2 = self._prev_word(text, s, floor)
            if w2 is not None:
                t = self._type_of(text[w2[0]:w2[1]] + " " + text[s:e])
                if t is not None:
                    found = (t[0], w2[0] + t[1], w2[0], 0)
        if found is None:
            t = self._type_of(text[s:e])
            if t is not None:
                found = (t[0], s + t[1], s, 0)
        if found is None:
            return
        tkind = found[0]
        kinds = self._type_kinds[tkind] | self._type_fallback[tkind]
        places = self.places
        if not any(places[c].kind in kinds for c in h.name.places):
            return
        h.type_kind = tkind
        h.start = h.type_start = found[1]
        h.word_start = found[2]

    # -- public ----------------------------------------------------------------
    def _match(self, text: str, raw: bool = False) -> list[_Hit]:
        """The matching stage: the spans that name places (longest first, type words attached,
        blockers consumed, plural type words distributed, non-place readings dropped)."""
        hits = self._raw_hits(text)
        if not hits:
            return hits
        hits = self._select(hits)
        prev_end = 0
        attach = self._attach_type
        for h in hits:
            ws = h.word_start
            if ws > prev_end + 1 and text[ws - 1] in _GLUE:
                attach(text, h, prev_end)
            prev_end = h.end
        hits = [h for h in hits if h.name.places]  # blockers have consumed their span
        if not raw and hits:
            self._distribute(text, hits)
            hits = self._drop_non_places(text, hits)
        return hits

    def find_places(self, norm_text: str, *, raw: bool = False) -> list[PlaceMention]:
        """Every place mention in ``norm_text`` (normalised), resolved in the text's context.

        Longest match first, non-overlapping, sorted by position.  ``raw=True`` skips
        the stop-list and the context rules (for reviewing false positives).
        """
        text = norm_text
        hits = self._match(text, raw)
        if not hits:
            return []
        n = len(hits)
        lic = self._type_licenses
        # 0 plain, 1 needs context, 2 needs a locating place (a licensing type word clears it),
        # 3 needs a lead word, a coordinated place or a locating place (a verb such as تدمر),
        # 4 that or a place in its sentence (a small village named bare)
        weak = [0 if raw or (h.type_kind is not None and lic[h.type_kind]) else h.name.weak for h in hits]
        if not raw:
            self._lead_cues(text, hits, weak)
        info_of = self._info
        infos = [info_of(h.name, h.type_kind, weak[i]) for i, h in enumerate(hits)]
        # the place right after a mention that locates it ("X بريف حماة"): for the names that need
        # one, may be resolved by one, or (typed) contradicted by one
        locs: list[int | None] = [None] * n
        for i in range(n - 1):
            inf = infos[i]
            if weak[i] or len(inf.cands) > 1 or inf.minor or (inf.locatable and hits[i].type_kind is not None):
                locs[i] = self._locator_of(text, hits, i)
        if not raw:
            # a name that only a locating place can license, with none after it, is no place here
            idx = [i for i in range(n) if not (weak[i] == 2 or weak[i] == 3) or locs[i] is not None]
            if len(idx) < n:
                if not idx:
                    return []
                renum = {old: new for new, old in enumerate(idx)}
                hits = [hits[i] for i in idx]
                weak = [weak[i] for i in idx]
                infos = [infos[i] for i in idx]
                locs = [None if (j := locs[i]) is None else renum.get(j) for i in idx]
                n = len(idx)
        places = self.places
        # the country the text is about, when it is not this gazetteer's
        foreign = None if raw else self._foreign_country(infos, weak)
        # mentions whose resolution the text's other places may change (or license)
        if foreign is None:
            open_ = [i for i in range(n) if weak[i] or len(infos[i].cands) > 1]
        else:
            open_ = [i for i in range(n) if weak[i] or len(infos[i].cands) > 1 or infos[i].minor]
        probs: list[tuple[float, ...]] = [info.prior for info in infos]
        level = [0] * n  # support from the text's places: 3 the locating place, 2 the sentence, 1 the text
        if open_:
            sent_bounds = [m.start() for m in _SENT_RE.finditer(text, hits[0].start, hits[-1].end)]
            sents = [bisect.bisect_left(sent_bounds, h.name_start) for h in hits]
            settled = [info.anchor for info in infos]
            for _ in range(2):
                groups = self._groups(settled, sents)
                if not groups:
                    break
                changed = False
                for i in open_:
                    if infos[i].anchor >= 0 and locs[i] is None and foreign is None:
                        continue  # settled by its priors, and nothing right after it says otherwise
                    sup, level[i] = self._support(i, infos[i], groups, sents[i], locs[i])
                    if level[i]:
                        probs[i] = self._score(infos[i].cands, sup)
                        if settled[i] < 0 and weak[i] < 2:
                            j = max(range(len(probs[i])), key=probs[i].__getitem__)
                            if self._agreeing_mass(infos[i].cands, probs[i], j) >= ANCHOR_MIN:
                                settled[i] = infos[i].cands[j]
                                changed = True
                if not changed:
                    break
        out: list[PlaceMention] = []
        mention = self._mention
        for i, h in enumerate(hits):
            loc = locs[i]
            if loc is None and not weak[i] and foreign is None:
                if infos[i].cands:
                    out.append(mention(h, infos[i], probs[i]))  # the common case: nothing to decide
                continue
            cands = infos[i].cands
            if not cands:
                continue
            lj = -1 if loc is None else loc
            loc_plain = lj >= 0 and weak[lj] == 0
            loc_ok = loc_plain and level[i] > 0 and self._loc_supports(infos[lj], cands, probs[lj])
            if weak[i]:
                if weak[i] == 1:
                    supported = loc_ok or level[i] > 0
                elif weak[i] == 2:
                    supported = loc_ok
                elif weak[i] == 3:  # a verb's homograph: "تدمر في حمص" may be "is destroyed in Homs"
                    supported = loc_ok and not self._prepositional(text, h.end, hits[lj].word_start)
                else:  # a small village: any locating place says it is a place ("X بريف تلكلخ")
                    supported = loc_plain or level[i] >= 2
                if not supported:
                    continue
            if loc_plain and infos[i].minor:
                lp = self._settled_place(infos[lj], probs[lj])
                if (lp is not None and lp.country != self.country and lp.kind != "country"
                        and not any(w in self._motion for w in _WORD_RE.findall(text[h.end:hits[lj].word_start]))):
                    # "مريجب الفهود بالزرقاء": a village of that country (not "فروا من X إلى عرسال")
                    out.append(self._foreign_mention(h, infos[i], probs[i], lp.country))
                    continue
            if foreign is not None and level[i] < 2:
                if infos[i].minor:
                    out.append(self._foreign_mention(h, infos[i], probs[i], foreign))
                    continue
                if any(places[c].country == foreign for c in cands):
                    probs[i] = self._score(cands, [9.0 if places[c].country == foreign else 0.0 for c in cands])
            if loc_plain and not loc_ok and infos[i].locatable and h.type_kind != "countryside":
                region = self._contradicted_by(infos[lj], probs[lj], cands)
                if region is not None and self._locating_gap(text, h.end, hits[lj].word_start):
                    out.append(self._unresolved(h, cands, probs[i], admin1=region))
                    continue
            out.append(mention(h, infos[i], probs[i]))
        return out

    def _locating_gap(self, text: str, a: int, b: int) -> bool:
        """Does a locating word or clitic stand between a name and the next place ("X بريف حمص", "X، شمال حلب")?"""
        if text.startswith("ب", b) or text.startswith("وب", b):
            return True
        return any(w in self._locator_words for w in _WORD_RE.findall(text[a:b]))

    def _prepositional(self, text: str, a: int, b: int) -> bool:
        """Does the gap between a name and its locating place hold a plain preposition (في، من …)?"""
        return any(w in self._prepositions for w in _WORD_RE.findall(text[a:b]))

    # -- context rules ---------------------------------------------------------
    @staticmethod
    def _word_before(text: str, pos: int) -> tuple[int, str] | None:
        """The word before ``pos`` across spaces and quotes (not across other punctuation)."""
        j = pos
        while j > 0 and text[j - 1] in _GLUE:
            j -= 1
        e = j
        while j > 0 and text[j - 1].isalnum():
            j -= 1
        return (j, text[j:e]) if j < e else None

    @staticmethod
    def _word_after(text: str, pos: int) -> str:
        j = pos
        n = len(text)
        while j < n and text[j] in _GLUE:
            j += 1
        s = j
        while j < n and text[j].isalnum():
            j += 1
        return text[s:j]

    def _bare(self, w: str, words: frozenset[str] | dict[str, str]) -> str | None:
        """``w`` or ``w`` without its conjunction clitic, when the result is in ``words``."""
        if w in words:
            return w
        if len(w) > 2 and w[0] in "وف" and w[1:] in words:
            return w[1:]
        return None

    def _major(self, nm: _Name) -> bool:
        """Is one of the name's places a governorate, its capital or a country of this gazetteer?"""
        v = self._major_cache.get(nm.key)
        if v is None:
            v = any(self.places[c].prior >= 30.0 and self.places[c].country == self.country for c in nm.places)
            self._major_cache[nm.key] = v
        return v

    def _is_country(self, nm: _Name) -> bool:
        v = self._country_cache.get(nm.key)
        if v is None:
            v = self._country_cache[nm.key] = any(self.places[c].kind == "country" for c in nm.places)
        return v

    def _distribute(self, text: str, hits: list[_Hit]) -> None:
        """A plural type word governs every name coordinated after it.

        "أرياف دمشق وحماة وإدلب" is the countryside of each, "محافظات إدلب والرقة ودرعا"
        each governorate, "مدن وبلدات دوما وحرستا" each town.
        """
        places = self.places
        for i, h in enumerate(hits):
            if h.type_kind is not None and h.type_start >= 0:
                if text[h.type_start:h.name_start].strip() not in self._distributive:
                    continue
                tkind = h.type_kind
            else:
                head = h.name.key.split(" ", 1)[0]  # a name that is itself "أرياف دمشق"
                if head not in self._distributive or head == h.name.key:
                    continue
                tkind = self._types[head][0]
            kinds = self._type_kinds[tkind] | self._type_fallback[tkind]
            k = i
            while k + 1 < len(hits):
                nx = hits[k + 1]
                if nx.type_kind is not None:
                    break
                if not self._coordinated(text, hits[k], nx):
                    break
                if nx.name.weak == 2 and not text.startswith("و", nx.word_start):
                    break  # "أحياء حمص القديمة، علما أن": a comma does not carry the type to a common word
                if not any(places[c].kind in kinds for c in nx.name.places):
                    break
                nx.type_kind = tkind
                k += 1

    def _name_flags(self, nm: _Name) -> tuple[bool, bool, bool, bool]:
        """(major, country, a single definite word, a single nisba-like word "سورية") — cached per name."""
        f = self._flags_cache.get(nm.key)
        if f is None:
            key = nm.key
            single = " " not in key
            country = self._is_country(nm)
            f = (self._major(nm), country, single and key.startswith("ال"),
                 single and country and key.endswith("يه") and not key.startswith("ال"))
            self._flags_cache[key] = f
        return f

    def _drop_non_places(self, text: str, hits: list[_Hit]) -> list[_Hit]:
        """Names that the words around them show to be no place: persons, outlets, units, adjectives."""
        out: list[_Hit] = []
        prev_end = 0
        before = self._before
        after = self._after_words
        flags = self._flags_cache
        glue = _GLUE
        n = len(text)
        for h in hits:
            end = prev_end
            if h.name.weak != 2 or h.type_kind is not None:
                prev_end = h.end  # a stop-listed word ("شهداء") is no place before the next name
            if h.type_kind is not None:
                out.append(h)
                continue
            # the word after: "الشيخ علي بن …", "نيويورك تايمز"
            e = h.end
            if e < n and text[e] in glue:
                if text[e] == " ":
                    k = text.find(" ", e + 1)
                    nw = text[e + 1:k if k > 0 else n].rstrip(_CLOSE)
                else:
                    nw = self._word_after(text, e)
                if nw in after:
                    continue
            # the word before (fast path: one space, a plain word)
            ws = h.word_start
            if ws < 2 or text[ws - 1] not in glue:
                out.append(h)
                continue
            s0 = text.rfind(" ", 0, ws - 1) + 1
            w = text[s0:ws - 1]
            if text[ws - 1] != " " or not w.isalnum():
                wb = self._word_before(text, ws)
                if wb is None:
                    out.append(h)
                    continue
                s0, w = wb
            if s0 < end:
                out.append(h)
                continue
            why = before.get(w)
            k = w
            if why is None and len(w) > 2 and w[0] in "وف":
                k = w[1:]
                why = before.get(k)
            if why is None:
                if w in self._unit_epithets or w.startswith("ال"):
                    w2 = self._word_before(text, s0)
                    if w2 is not None and w2[0] >= end:
                        if w2[1] + " " + w in self._given_pairs or w2[1] == "عبد":
                            why = "person"
                        elif w in self._unit_epithets and self._bare(w2[1], self._units):
                            why = "unit"
            if why is not None:
                major, country = self._name_flags(h.name)[:2]
                if why == "building":
                    if not major:
                        continue  # "مدرسة اليرموك", "شارع بغداد" — but "مشفى حلب"
                elif why == "person" and k in self._given:
                    if not major and not country:
                        continue  # "منذر ماخوس" — but "زار أحمد حسين فلسطين"
                else:
                    continue
                out.append(h)
                continue
            if h.word_start == h.start:
                fl = flags.get(h.name.key) or self._name_flags(h.name)
                major, country, definite, nisba = fl
                if (nisba and not w.startswith("ال") and w.endswith(("ه", "ات"))
                        and self._bare(w, self._lead) is None):
                    continue  # "أسلحة سورية متطورة": a nisba adjective after a feminine noun
                if (definite and not major and (h.name.key.endswith("يه") or not country)
                        and self._adjective_before(w)):
                    continue  # "القلعة الأثرية", "الآيات القرآنية الكريمة": an adjective
            out.append(h)
        return out

    @staticmethod
    def _coordinated(text: str, a: _Hit, b: _Hit) -> bool:
        """Are two consecutive mentions coordinated ("X وY", "X، Y", "X (شرق) وY")?"""
        gap = _PAREN_RE.sub("", text[a.end:b.word_start]).strip(" ")
        if gap in ("،", ","):
            return True
        return not gap and b.word_start < b.start and text[b.word_start] == "و"

    def _adjective_before(self, w: str) -> bool:
        """Is ``w`` a definite word after which a definite name is an adjective ("الأرض الطيبة")?"""
        for k in (0, 1, 2):
            if k and (len(w) <= k + 3 or w[:k] not in self._proclitics):
                continue
            x = w[k:]
            if x.startswith("ال") and len(x) > 3:
                return x not in self._not_adjective
        return False

    def _lead_cues(self, text: str, hits: list[_Hit], weak: list[int]) -> None:
        """A small village named bare needs a cue; a lead word or a coordinated place is one."""
        small = self._small
        small_name = self._small_name
        n = len(hits)
        for i, h in enumerate(hits):
            w = weak[i]
            if w == 0:
                if h.type_kind is not None:
                    continue
                v = small_name.get(h.name.key)
                if v is None:
                    v = small_name[h.name.key] = all(small[c] for c in h.name.places)
                if not v:
                    continue
                weak[i] = w = 4
            if w < 3:
                continue
            if "ب" in text[h.word_start:h.name_start]:
                weak[i] = 0
                continue
            wb = self._word_before(text, h.word_start)
            if wb is not None and self._bare(wb[1], self._lead) is not None:
                weak[i] = 0
        if 3 not in weak and 4 not in weak:
            return
        # "X وY": a place coordinated with a plain place is a place (both directions, chains)
        coord: dict[int, bool] = {}

        def coordinated(i: int) -> bool:  # hits i-1 and i
            v = coord.get(i)
            if v is None:
                v = coord[i] = self._coordinated(text, hits[i - 1], hits[i])
            return v

        def plain(j: int) -> bool:
            return weak[j] == 0 and not self._is_country(hits[j].name)

        for rng in (range(n), range(n - 1, -1, -1)):
            for i in rng:
                if weak[i] < 3:
                    continue
                if ((i > 0 and plain(i - 1) and coordinated(i))
                        or (i + 1 < n and plain(i + 1) and coordinated(i + 1))):
                    weak[i] = 0

    # -- document country --------------------------------------------------------
    def _foreign_country(self, infos: list[_Info], weak: list[int]) -> str | None:
        """The foreign country that the text's unambiguous places are mostly in (twice the home weight), if any.

        A city or region of another country counts 1, the country's own name 0.5 (a Syrian
        report names its neighbours); a place of this gazetteer's country counts 1 unless
        it is a small village (those are what the decision is about).
        """
        home = 0.0
        other: dict[str, float] = {}
        places = self.places
        cc = self.country
        minor = self._minor
        for i, info in enumerate(infos):
            a = info.anchor
            if a < 0 or weak[i]:
                continue
            p = places[a]
            if p.country == cc:
                if not minor[a]:
                    home += 1.0
            else:
                other[p.country] = other.get(p.country, 0.0) + (0.5 if p.kind == "country" else 1.0)
        if not other:
            return None
        cc = max(other, key=lambda c: (other[c], c))
        return cc if other[cc] >= 1.0 and other[cc] >= 2.0 * home else None

    def _foreign_mention(self, h: _Hit, info: _Info, probs: Sequence[float], country: str) -> PlaceMention:
        """A village of a text about another country: that country's, not resolved (the index has no such village)."""
        m = self._unresolved(h, info.cands, probs)
        return PlaceMention(
            start=m.start, end=m.end, name=m.name, name_en=m.name_en, place_id=None, admin1=None, country=country,
            lat=None, lon=None, precision=m.precision, coord_precision=None, score=0.0,
            candidates=m.candidates, parent_ids=(),
        )

    def _settled_place(self, info: _Info, probs: Sequence[float]) -> _Place | None:
        """The place a mention resolves to, if it does."""
        if not info.cands:
            return None
        j = max(range(len(probs)), key=probs.__getitem__)
        if len(info.cands) > 1 and self._agreeing_mass(info.cands, probs, j) < RESOLVE_MIN:
            return None
        return self.places[info.cands[j]]

    def _contradicted_by(self, loc: _Info, loc_probs: Sequence[float], cands: Sequence[int]) -> str | None:
        """The governorate of a locating place that holds none of ``cands`` ("X بريف حمص", X only in Deir-ez-Zor)."""
        if not loc.cands:
            return None
        j = max(range(len(loc_probs)), key=loc_probs.__getitem__)
        a = self.places[loc.cands[j]]
        if a.kind == "country" or a.admin1 is None or a.country != self.country:
            return None
        if self._agreeing_mass(loc.cands, loc_probs, j) < RESOLVE_MIN:
            return None
        for c in cands:
            p = self.places[c]
            if p.country != self.country or p.admin1 is None or p.prior >= 30.0 or p.kind not in _LOCATABLE:
                return None
        if self._loc_supports(loc, cands, loc_probs):
            return None
        return a.admin1

    # -- resolution internals -------------------------------------------------
    def _info(self, nm: _Name, type_kind: str | None, weak: int) -> _Info:
        """Candidates, prior probabilities and prior anchor of a name (cached)."""
        key = (nm.key, type_kind, weak)
        info = self._info_cache.get(key)
        if info is not None:
            return info
        cs = list(nm.places)
        if type_kind is not None:
            for kinds in (self._type_kinds[type_kind], self._type_fallback[type_kind]):
                fit = [c for c in cs if self.places[c].kind in kinds]
                if fit:
                    cs = fit
                    break
        prior = self._score(cs, None)
        anchor = -1
        if cs and not weak:
            j = max(range(len(cs)), key=prior.__getitem__)
            if self._agreeing_mass(cs, prior, j) >= ANCHOR_MIN:
                anchor = cs[j]
        places = self.places
        minor = bool(cs) and all(self._minor[c] for c in cs)
        locatable = bool(cs) and all(
            places[c].country == self.country and places[c].admin1 is not None and places[c].prior < 30.0
            and places[c].kind in _LOCATABLE for c in cs)
        related = frozenset(cs).union(*(places[c].anc_set for c in cs))
        admins = frozenset(places[c].admin1 for c in cs)
        info = _Info(tuple(cs), prior, anchor, minor, locatable, related, admins)
        self._info_cache[key] = info
        return info

    def _score(self, cands: Sequence[int], support: Sequence[float] | None) -> tuple[float, ...]:
        if not cands:
            return ()
        places = self.places
        if support is None:
            w = [places[c].prior for c in cands]
        else:
            w = [places[c].prior * (1.0 + s) for c, s in zip(cands, support, strict=True)]
        tot = sum(w)
        return tuple(x / tot for x in w)

    def _loc_supports(self, loc: _Info, cands: Sequence[int], loc_probs: Sequence[float]) -> bool:
        """Does the locating mention (its best candidates) contain or share a governorate with one of cands?"""
        if not loc.cands:
            return False
        best = max(loc_probs)
        places = self.places
        for a_idx, p in zip(loc.cands, loc_probs, strict=True):
            if p < best * 0.999:
                continue
            a = places[a_idx]
            if a.kind == "country":
                continue
            for c_idx in cands:
                c = places[c_idx]
                if a_idx in c.anc or (a.admin1 is not None and c.admin1 is not None
                                      and (a.admin1 == c.admin1 or self._twin.get(a.admin1) == c.admin1)):
                    return True
        return False

    def _groups(self, settled: list[int], sents: list[int]) -> list[tuple[_Place, frozenset[int], frozenset[int]]]:
        """The settled places of the text: (place, the hits that name it, their sentences)."""
        by_place: dict[int, tuple[list[int], list[int]]] = {}
        for i, a in enumerate(settled):
            if a >= 0:
                hs, ss = by_place.setdefault(a, ([], []))
                hs.append(i)
                ss.append(sents[i])
        return [(self.places[a], frozenset(hs), frozenset(ss)) for a, (hs, ss) in by_place.items()]

    def _support(self, i: int, info: _Info, groups: list[tuple[_Place, frozenset[int], frozenset[int]]],
                 si: int, loc: int | None) -> tuple[list[float], int]:
        """Context support of each candidate, and the closest non-country place that gave some.

        The level is 3 for the locating place, 2 for a place of the same sentence, 1 for
        a place elsewhere in the text, 0 for none.
        """
        cands = info.cands
        sup = [0.0] * len(cands)
        had = 0
        places = self.places
        cps = [places[c] for c in cands]
        multi_country = len({c.country for c in cps}) > 1
        related = info.related
        admins = info.admins
        twin = self._twin
        for a, hs, ss in groups:
            is_country = a.kind == "country"
            if is_country and not multi_country:
                continue
            if i in hs and len(hs) == 1:
                continue  # the mention itself
            if (a.idx not in related and (a.admin1 is None or (a.admin1 not in admins and twin.get(a.admin1)
                                                                 not in admins))
                    and not (a.anc_set & related)):
                continue  # nothing in common with any candidate
            if loc is not None and loc in hs:
                w, lvl = _W_LOC, 3
            elif si in ss:
                w, lvl = _W_SENT, 2
            else:
                w, lvl = _W_DOC, 1
            a_idx = a.idx
            for j, c in enumerate(cps):
                if c.idx == a_idx:
                    # the same reading as another mention of the name: consistent, but no licence
                    if w[0] > sup[j] and (len(hs) > 1 or i not in hs):
                        sup[j] = w[0]
                    continue
                if a_idx in c.anc_set:
                    v = w[1] / 4 if is_country else w[0]
                elif c.idx in a.anc_set:
                    if c.kind == "country":
                        continue
                    v = w[1] / 2  # the text names something inside this candidate
                elif a.admin1 is not None and a.admin1 == c.admin1:
                    v = w[0] if a.kind == "region" else w[1]
                elif a.admin1 is not None and c.admin1 is not None and twin.get(a.admin1) == c.admin1:
                    v = w[1] / 4  # Damascus and Rural Damascus: one area
                else:
                    continue
                if not is_country and lvl > had:
                    had = lvl
                if v > sup[j]:
                    sup[j] = v
        return sup, had

    def _agreeing_mass(self, cands: Sequence[int], probs: Sequence[float], j: int) -> float:
        top = self.places[cands[j]]
        m = 0.0
        for c, p in zip(cands, probs, strict=True):
            if c == top.idx or c in top.anc_set or top.idx in self.places[c].anc_set:
                m += p
        return m

    def _locator_of(self, text: str, hits: list[_Hit], i: int) -> int | None:
        """The index of the mention that locates mention i ("X بريف حماة", "X، شمال حلب")."""
        if i + 1 >= len(hits):
            return None
        nxt = hits[i + 1]
        if text[nxt.word_start:nxt.start].startswith("و"):
            return None  # "X وY": a list, not a location
        gap = text[hits[i].end:nxt.word_start]
        if len(gap) > 40 or "\n" in gap or "." in gap:
            return None
        if gap.strip(" ") in ("و", "او", "ثم"):
            return None
        for w in _WORD_RE.findall(gap):
            if w in self._locator_words or w.isdigit():
                continue
            for pre in ("و", "ب", "وب", "ف"):
                if w.startswith(pre) and w[len(pre):] in self._locator_words:
                    break
            else:
                return None
        return i + 1

    def _mention(self, h: _Hit, info: _Info, probs: tuple[float, ...]) -> PlaceMention:
        if probs is info.prior:
            key = (id(info), h.type_kind == "countryside", h.name.english)
            args = self._mention_cache.get(key)
            if args is None:
                m = self._resolve(h, info.cands, probs)
                args = (m.name, m.name_en, m.place_id, m.admin1, m.country, m.lat, m.lon, m.precision,
                        m.coord_precision, m.score, m.candidates, m.parent_ids)
                self._mention_cache[key] = args
            return PlaceMention(h.start, h.end, *args)
        return self._resolve(h, info.cands, probs)

    def _alternatives(self, cands: Sequence[int], probs: Sequence[float],
                      always: bool = False) -> tuple[dict[str, Any], ...]:
        if len(cands) < 2 and not always:
            return ()
        order = sorted(range(len(cands)), key=lambda k: -probs[k])[:10]
        places = self.places
        return tuple(
            {"place_id": places[cands[k]].id, "name": places[cands[k]].name,
             "admin1": self.admin1_en.get(places[cands[k]].admin1 or ""),
             "precision": places[cands[k]].precision, "score": round(probs[k], 3)}
            for k in order
        )

    def _rural(self, h: _Hit, p: _Place) -> tuple[_Place, bool]:
        """"ريف X": the place itself when it is a countryside region, or (X, True) for X's countryside."""
        rural = h.type_kind == "countryside" and p.kind in ("community", "town", "district", "subdistrict",
                                                              "governorate")
        if rural and p.admin1 is not None and (p.kind == "governorate" or self._capital.get(p.admin1) == p.idx):
            # ريف حلب / أرياف حلب: the governorate's countryside region when there is one
            rif = self._by_id.get(f"{p.admin1}-rif")
            if rif is None:
                rif = self._rif_governorate.get(p.admin1)  # ريف دمشق is a governorate of its own
            if rif is not None:
                return self.places[rif], False
            if p.kind == "governorate":
                return p, False
        return p, rural

    def _unresolved(self, h: _Hit, cands: Sequence[int], probs: Sequence[float],
                    admin1: str | None = None) -> PlaceMention:
        """Not settled: the name, what all candidates share (or the governorate the text gives), the alternatives."""
        places = self.places
        j = max(range(len(cands)), key=probs.__getitem__) if len(cands) > 1 else 0
        p, rural = self._rural(h, places[cands[j]])
        if admin1 is None:
            admins = {places[c].admin1 for c in cands}
            admin1 = next(iter(admins)) if len(admins) == 1 else None
        precs = {places[c].precision for c in cands}
        return PlaceMention(
            start=h.start, end=h.end, name=f"ريف {p.name}" if rural else p.name, name_en=p.name_en,
            place_id=None, admin1=self.admin1_en.get(admin1 or ""), country=places[cands[j]].country,
            lat=None, lon=None,
            precision="region" if rural else (next(iter(precs)) if len(precs) == 1 else p.precision),
            coord_precision=None,
            score=round(self._agreeing_mass(cands, probs, j), 3) if len(cands) > 1 else 0.0,
            candidates=self._alternatives(cands, probs, always=True),
            parent_ids=(),
        )

    def _resolve(self, h: _Hit, cands: Sequence[int], probs: Sequence[float]) -> PlaceMention:
        j = max(range(len(cands)), key=probs.__getitem__) if len(cands) > 1 else 0
        mass = self._agreeing_mass(cands, probs, j) if len(cands) > 1 else 1.0
        if mass < RESOLVE_MIN:
            return self._unresolved(h, cands, probs)
        p, rural = self._rural(h, self.places[cands[j]])
        alts = self._alternatives(cands, probs)
        score = round(mass * (0.9 if h.name.english else 1.0), 3)
        parent_ids = self._parent_ids[p.idx]
        if rural:
            return PlaceMention(
                start=h.start, end=h.end, name=f"ريف {p.name}",
                name_en=f"{p.name_en} countryside" if p.name_en else None, place_id=f"{p.id}-rif",
                admin1=self.admin1_en.get(p.admin1 or ""), country=p.country, lat=p.lat, lon=p.lon,
                precision="region", coord_precision=p.coord_precision, score=score,
                candidates=alts, parent_ids=(p.id, *parent_ids),
            )
        return PlaceMention(
            start=h.start, end=h.end, name=p.name, name_en=p.name_en, place_id=p.id,
            admin1=self.admin1_en.get(p.admin1 or ""), country=p.country, lat=p.lat, lon=p.lon,
            precision=p.precision, coord_precision=p.coord_precision, score=score,
            candidates=alts, parent_ids=parent_ids,
        )


def find_places(norm_text: str, country: str = "SY") -> list[PlaceMention]:
    """Shortcut: ``Gazetteer.load(country).find_places(norm_text)``."""
    return Gazetteer.load(country).find_places(norm_text)


def describe(mentions: Sequence[PlaceMention], text: str) -> list[dict[str, Any]]:
    """Mentions as dicts with their surface text (for the CLI and debugging)."""
    return [{"text": text[m.start:m.end], **m.to_dict()} for m in mentions]
