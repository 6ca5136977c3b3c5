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


_WORD_RE = re.compile(r"\w+")
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

    def __init__(self, index: dict[str, Any], affixes: dict[str, Any], index_path: Path | None = None):
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
        self.places = places
        self._parent_ids = [tuple(places[a].id for a in p.anc) for p in places]
        self._info_cache: dict[tuple[str, str | None, int], _Info] = {}
        self._mention_cache: dict[tuple[int, bool, bool], tuple[Any, ...]] = {}

        needs_prefix = set(index.get("needs_prefix", []))
        needs_context = set(index.get("needs_context", []))
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
            weak = 2 if k in needs_prefix else 1 if k in needs_context else 0
            nm = _Name(k, tuple(lst), weak, k in english and k.isascii(), False)
            self._names[k] = nm
            self._automaton.add_word(k, (len(k), nm))
            if k.startswith("ال") and len(k) > 3 and " " not in k[:3]:
                fk = "لل" + k[2:]
                if fk not in table:
                    self._automaton.add_word(fk, (len(fk), _Name(k, nm.places, weak, False, True)))
        self._automaton.make_automaton()

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
        return cls(index, affixes, path)

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
            hits.sort(key=lambda h: (h.word_start - h.end, h.word_start))
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
        """The word right before ``pos`` (one space between), not before ``floor``."""
        e = pos - 1
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
    def find_places(self, norm_text: str, *, raw: bool = False) -> list[PlaceMention]:
        """Every place mention in ``norm_text`` (normalised), resolved in the text's context.

        Longest match first, non-overlapping, sorted by position.  ``raw=True`` skips
        the stop-list (for reviewing false positives).
        """
        text = norm_text
        hits = self._raw_hits(text)
        if not hits:
            return []
        hits = self._select(hits)
        prev_end = 0
        for h in hits:
            self._attach_type(text, h, prev_end)
            prev_end = h.end
        n = len(hits)
        lic = self._type_licenses
        # 0 plain, 1 needs context, 2 needs a locating place (a licensing type word clears it)
        weak = [0 if raw or (h.type_kind is not None and lic[h.type_kind]) else h.name.weak for h in hits]
        infos = [self._info(h.name, h.type_kind, weak[i]) for i, h in enumerate(hits)]
        # mentions whose resolution the text's other places may change (or license)
        open_ = [i for i in range(n) if len(infos[i].cands) > 1 or weak[i]]
        probs: list[tuple[float, ...]] = [info.prior for info in infos]
        had = [False] * n
        locs: list[int | None] = [None] * n
        if open_:
            sent_bounds = [m.start() for m in _SENT_RE.finditer(text)]
            sents = [bisect.bisect_left(sent_bounds, h.name_start) for h in hits]
            for i in open_:
                locs[i] = self._locator_of(text, hits, i)
            settled = [info.anchor for info in infos]
            for _ in range(2):
                groups = self._groups(settled, sents)
                if not groups:
                    break
                changed = False
                for i in open_:
                    if infos[i].anchor >= 0 and locs[i] is None:
                        continue  # settled by its priors, and nothing right after it says otherwise
                    sup, had[i] = self._support(i, infos[i].cands, groups, sents[i], locs[i])
                    if had[i]:
                        probs[i] = self._score(infos[i].cands, sup)
                        if settled[i] < 0 and weak[i] != 2:
                            j = max(range(len(probs[i])), key=probs[i].__getitem__)
                            if self._agreeing_mass(infos[i].cands, probs[i], j) >= ANCHOR_MIN:
                                settled[i] = infos[i].cands[j]
                                changed = True
                if not changed:
                    break
        out: list[PlaceMention] = []
        for i, h in enumerate(hits):
            cands = infos[i].cands
            if not cands:
                continue
            if weak[i]:
                loc = locs[i]
                supported = loc is not None and had[i] and self._loc_supports(infos[loc], cands, probs[loc])
                if not supported and weak[i] == 1:
                    supported = had[i]
                if not supported:
                    continue
            out.append(self._mention(h, infos[i], probs[i]))
        return out

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
        info = _Info(tuple(cs), prior, anchor)
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
                if a_idx in c.anc or (a.admin1 is not None and a.admin1 == c.admin1):
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

    def _support(self, i: int, cands: Sequence[int], groups: list[tuple[_Place, frozenset[int], frozenset[int]]],
                 si: int, loc: int | None) -> tuple[list[float], bool]:
        """Context support of each candidate, and whether any non-country place gave some."""
        sup = [0.0] * len(cands)
        had = False
        places = self.places
        cps = [places[c] for c in cands]
        multi_country = len({c.country for c in cps}) > 1
        for a, hs, ss in groups:
            is_country = a.kind == "country"
            if is_country and not multi_country:
                continue
            if i in hs and len(hs) == 1:
                continue  # the mention itself
            if loc is not None and loc in hs:
                w = _W_LOC
            elif si in ss:
                w = _W_SENT
            else:
                w = _W_DOC
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
                else:
                    continue
                if not is_country:
                    had = True
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

    def _resolve(self, h: _Hit, cands: Sequence[int], probs: Sequence[float]) -> PlaceMention:
        j = max(range(len(cands)), key=probs.__getitem__) if len(cands) > 1 else 0
        mass = self._agreeing_mass(cands, probs, j) if len(cands) > 1 else 1.0
        p = self.places[cands[j]]
        alts: tuple[dict[str, Any], ...] = ()
        if len(cands) > 1:
            order = sorted(range(len(cands)), key=lambda k: -probs[k])[:10]
            alts = tuple(
                {"place_id": self.places[cands[k]].id, "name": self.places[cands[k]].name,
                 "admin1": self.admin1_en.get(self.places[cands[k]].admin1 or ""),
                 "precision": self.places[cands[k]].precision, "score": round(probs[k], 3)}
                for k in order
            )
        rural = h.type_kind == "countryside" and p.kind in ("community", "town", "district", "subdistrict",
                                                              "governorate")
        if rural and p.admin1 is not None and (p.kind == "governorate" or self._capital.get(p.admin1) == p.idx):
            # ريف حلب / أرياف حلب: the governorate's countryside region when there is one
            rif = self._by_id.get(f"{p.admin1}-rif")
            if rif is not None:
                p, rural = self.places[rif], False
            elif p.kind == "governorate":
                rural = False  # ريف دمشق is a governorate of its own
        if mass < RESOLVE_MIN:
            # not settled: the name, what all candidates share, and the alternatives
            admins = {self.places[c].admin1 for c in cands}
            countries = {self.places[c].country for c in cands}
            precs = {self.places[c].precision for c in cands}
            admin1 = next(iter(admins)) if len(admins) == 1 else None
            return PlaceMention(
                start=h.start, end=h.end, name=f"ريف {p.name}" if rural else p.name, name_en=p.name_en,
                place_id=None, admin1=self.admin1_en.get(admin1 or ""),
                country=next(iter(countries)) if len(countries) == 1 else self.country, lat=None, lon=None,
                precision="region" if rural else (next(iter(precs)) if len(precs) == 1 else p.precision),
                coord_precision=None, score=round(mass, 3), candidates=alts, parent_ids=(),
            )
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
