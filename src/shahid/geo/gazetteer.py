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

import gzip
import json
import math
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from shahid.text.normalize import normalize_key

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGES = ("ar", "en")  # the languages whose texts the gazetteer reads (its names and context words)

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


# A PlaceMention from its offsets and a cached tuple of its other fields, without the frozen
# dataclass __init__ (one object.__setattr__ call per field): the slot descriptors' setters.
_PM_NEW = object.__new__
(_s_start, _s_end, _s_name, _s_name_en, _s_place_id, _s_admin1, _s_country, _s_lat, _s_lon, _s_precision,
 _s_coord_precision, _s_score, _s_candidates, _s_parent_ids) = (
    PlaceMention.__dict__[f].__set__ for f in PlaceMention.__dataclass_fields__)


def _new_mention(start: int, end: int, args: tuple[Any, ...]) -> PlaceMention:
    m = _PM_NEW(PlaceMention)
    _s_start(m, start)
    _s_end(m, end)
    name, name_en, place_id, admin1, country, lat, lon, precision, coord_precision, score, cands, parents = args
    _s_name(m, name)
    _s_name_en(m, name_en)
    _s_place_id(m, place_id)
    _s_admin1(m, admin1)
    _s_country(m, country)
    _s_lat(m, lat)
    _s_lon(m, lon)
    _s_precision(m, precision)
    _s_coord_precision(m, coord_precision)
    _s_score(m, score)
    _s_candidates(m, cands)
    _s_parent_ids(m, parents)
    return m


def _mention_args(m: PlaceMention) -> tuple[Any, ...]:
    """The fields of ``m`` after its offsets, in declaration order (what :func:`_new_mention` takes)."""
    return (m.name, m.name_en, m.place_id, m.admin1, m.country, m.lat, m.lon, m.precision, m.coord_precision,
            m.score, m.candidates, m.parent_ids)


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


@dataclass(slots=True, eq=False)
class _Name:
    key: str
    places: tuple[int, ...]
    weak: int  # 0 plain, 1 needs context, 2 needs a type word or a locating place
    english: bool
    fused: bool  # the "لل" + stem form of an article name
    typeish: bool = False  # a type word with its clitics could be this name (بقرية)
    small: int = -1  # all its places are small villages (1/0; -1 not computed yet)
    info0: _Info | None = None  # the resolution data of the bare name (no type word, not weak)
    flags: tuple[bool, bool, bool, bool] | None = None  # see Gazetteer._name_flags
    dist_head: str | None = None  # its first word when that is a plural type word ("أرياف دمشق")


@dataclass(slots=True, eq=False)
class _Info:
    """A name's candidates (narrowed by its type word) and what resolving them needs, computed once."""

    cands: tuple[int, ...]
    prior: tuple[float, ...]
    anchor: int  # the place this name settles on by its priors alone, or -1
    minor: bool = False  # all candidates are minor home places (a foreign text's homonyms)
    locatable: bool = False  # all candidates are home places that a locating place may contradict
    related: frozenset[int] = frozenset()  # the candidates and their ancestors
    admins: frozenset[str | None] = frozenset()  # the candidates' governorates
    weights: tuple[float, ...] = ()  # the candidates' prior weights
    multi_country: bool = False  # candidates in more than one country
    ambiguous: bool = False  # more than one candidate
    seek_loc: bool = False  # ambiguous or minor: a locating place right after it may decide
    foreign: str | None = None  # the anchor's country when it is not the gazetteer's
    home: float = 0.0  # the anchor's weight as a home place (document country)
    away: float = 0.0  # the anchor's weight as a foreign place
    agree: list[tuple[int, ...] | None] | None = None  # per top candidate: the candidates that agree with it
    rel: dict[int, tuple[bool, tuple[tuple[int, tuple[float, ...]], ...]]] | None = None  # see _relation
    margs: dict[Any, tuple[Any, ...]] | None = None  # resolved PlaceMention fields by (probs, countryside, english)
    margs0: tuple[Any, ...] | None = None  # the same by the prior, with no type word, for an Arabic name


_NO_INFO = _Info((), (), -1, agree=[], rel={}, margs={})  # a mention dropped before resolution


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


_FIRST = itemgetter(0)


def _longest_first(r: tuple[int, int, int, _Name]) -> tuple[int, int, int]:
    return r[0] - r[1], r[0], r[2]


def _is_word(ch: str) -> bool:
    return ch.isalnum()


class Gazetteer:
    """One country's places, names and matcher.  Use :meth:`load` (cached)."""

    _cache: dict[str, Gazetteer] = {}  # noqa: RUF012 - class-level cache by design
    _lock = threading.Lock()

    def __init__(self, index: dict[str, Any], affixes: dict[str, Any], index_path: Path | None = None,
                 context: dict[str, Any] | None = None, lang: str = "ar"):
        self.country = index["country"]
        # the language of the texts it reads: its names (Arabic ``names`` or English ``names_en``),
        # its affixes and context words (affixes.yaml / affixes_<lang>.yaml …) and its stop-list
        self.lang = lang
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
        self._names_of: list[list[str]] | None = None  # each place's names (built at the first get())
        self._gap_ok: dict[str, bool] = {}  # the text between a name and the next: may it locate it?

        weak_sets = index if lang == "ar" else (index.get("lang") or {}).get(lang, {})
        needs_prefix = set(weak_sets.get("needs_prefix", []))
        needs_context = set(weak_sets.get("needs_context", []))
        needs_lead = set(weak_sets.get("needs_lead", []))
        needs_cue = set(weak_sets.get("needs_cue", []))
        table: dict[str, list[int]] = {}
        english: set[str] = set()
        # an Arabic text is read with the Arabic names only, an English one with the English names only
        names_field = fi["names"] if lang == "ar" else fi["names_en"]
        for i, r in enumerate(rows):
            for k in r[names_field]:
                lst = table.setdefault(k, [])
                if i not in lst:
                    lst.append(i)
                if lang == "en":
                    english.add(k)
        self._names: dict[str, _Name] = {}
        self._all_names: list[_Name] = []  # also the fused forms and the blockers
        self._automaton = ahocorasick.Automaton()
        for k, lst in table.items():
            weak = (2 if k in needs_prefix else 1 if k in needs_context else 3 if k in needs_lead
                    else 4 if k in needs_cue else 0)
            nm = _Name(k, tuple(lst), weak, k in english and k.isascii(), False)
            self._names[k] = nm
            self._all_names.append(nm)
            self._automaton.add_word(k, (len(k), nm))
            if k.startswith("ال") and len(k) > 3 and " " not in k[:3]:
                fk = "لل" + k[2:]
                if fk not in table:
                    fnm = _Name(k, nm.places, weak, False, True)
                    self._all_names.append(fnm)
                    self._automaton.add_word(fk, (len(fk), fnm))
        ctx = context or {}
        # phrases that hold a place name without naming a place: matched, then dropped
        for w in ctx.get("blockers", ()):
            k = normalize_key(w)
            if k and k not in table:
                bnm = _Name(k, (), 0, False, False)
                self._all_names.append(bnm)
                self._automaton.add_word(k, (len(k), bnm))
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
        self._type_any_kinds = {t: self._type_kinds[t] | self._type_fallback[t] for t in self._type_kinds}
        # every type word with the proclitics it may take → (type kind, length of the proclitics);
        # a word that reads both ways is the type word itself, else the one with the shortest proclitic
        self._type_forms: dict[str, tuple[str, int]] = {k: (t[0], 0) for k, t in self._types.items()}
        for n_pre in (1, 2, 3):
            for pre in sorted(x for x in self._proclitics if len(x) == n_pre):
                for k, t in self._types.items():
                    if len(k) > 1:
                        self._type_forms.setdefault(pre + k, (t[0], n_pre))
        # the last words of multi-word type words (only after one of them may a two-word type end)
        self._type_last = frozenset(k.rsplit(" ", 1)[1] for k in self._types if " " in k)
        self._proc_last = frozenset(x[-1] for x in self._proclitics if x)
        # names that a type word with its clitics could be (بقرية): checked against the type list
        self._typeish = frozenset(
            k for k in self._names if any(k.endswith(t) and len(k) - len(t) <= 3 for t in self._types)
        )
        for nm in self._all_names:
            nm.typeish = nm.key in self._typeish
        self._locator_words = frozenset(normalize_key(x) for x in affixes["locator_words"])
        # may a place right after a name, with nothing between, locate it ("X ريف حماة")?  Not in English
        # ("air strikes hit Deir ez-Zor" is no village Hit of Deir ez-Zor)
        self._adjacent_locates = bool(affixes.get("adjacent_locates", True))
        # what stands between two coordinated names ("X، Y", "X and Y"); Arabic's و clitic is handled apart
        self._coord_gaps = frozenset(normalize_key(x) for x in affixes.get("coordinators", ("،", ",")))
        # type words written after the name ("Idlib province", "Yarmouk camp"): the form → its type kind
        self._suffix_types: dict[str, str] = {}
        for tkind, spec in affixes.get("suffix_types", {}).items():
            self._type_kinds.setdefault(tkind, frozenset(spec["kinds"]))
            self._type_fallback.setdefault(tkind, frozenset(spec.get("fallback_kinds", ())))
            self._type_licenses.setdefault(tkind, bool(spec.get("licenses_weak", True)))
            self._type_any_kinds.setdefault(tkind, self._type_kinds[tkind] | self._type_fallback[tkind])
            for w in spec["words"]:
                self._suffix_types[normalize_key(w)] = tkind
        self._distributive = frozenset(normalize_key(x) for x in affixes.get("distributive", ()))
        for nm in self._all_names:
            if " " in nm.key:
                head = nm.key.split(" ", 1)[0]
                if head in self._distributive:
                    nm.dist_head = head

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
                         ("person", self._titles | self._given), ("embassy", words("embassy_words"))):
            for w in ws:
                self._before.setdefault(w, kind)
        self._not_adjective = frozenset(self._types) | self._lead | words("function_words")
        self._after_person = words("person_after")
        self._prepositions = words("prepositions")
        self._motion = words("motion_words")
        self._major_cache: dict[str, bool] = {}
        self._country_cache: dict[str, bool] = {}
        self._after_words = self._after_person | self._media_after
        # a token that is one of them, with closing marks after it, up to a space or the end
        self._after_re = re.compile(
            "(?:" + "|".join(re.escape(w) for w in sorted(self._after_words, key=lambda w: (-len(w), w)) if w)
            + ")[" + re.escape(_CLOSE) + "]*(?= |\\Z)") if self._after_words else re.compile("(?!)")

    # -- loading -------------------------------------------------------------
    @classmethod
    def load(cls, country: str = "SY", lang: str = "ar") -> Gazetteer:
        """The shipped index of ``country`` (ISO2) read for texts in ``lang`` (``ar`` or ``en``),
        loaded once per process."""
        cc = country.upper()
        key = cc if lang == "ar" else f"{cc}:{lang}"
        g = cls._cache.get(key)
        if g is not None:
            return g
        with cls._lock:
            g = cls._cache.get(key)
            if g is None:
                g = cls.from_file(DATA_DIR / f"index_{cc.lower()}.json.gz", lang)
                cls._cache[key] = g
        return g

    @classmethod
    def from_file(cls, path: Path, lang: str = "ar") -> Gazetteer:
        if not path.exists():
            raise FileNotFoundError(f"no gazetteer index at {path}: run `shahid gazetteer build`")
        if lang not in LANGUAGES:
            raise ValueError(f"the gazetteer reads {', '.join(LANGUAGES)} texts, not {lang!r}")
        with gzip.open(path, "rb") as f:
            index = json.loads(f.read())
        suffix = "" if lang == "ar" else f"_{lang}"
        with (DATA_DIR / f"affixes{suffix}.yaml").open(encoding="utf-8") as f:
            affixes = yaml.safe_load(f)
        with (DATA_DIR / f"context{suffix}.yaml").open(encoding="utf-8") as f:
            context = yaml.safe_load(f)
        return cls(index, affixes, path, context, lang)

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

    def _place_names(self) -> list[list[str]]:
        """Each place's names (index order), built once at the first call."""
        names_of = self._names_of
        if names_of is None:
            names_of = [[] for _ in self.places]
            for k, nm in self._names.items():
                for i in nm.places:
                    names_of[i].append(k)
            self._names_of = names_of
        return names_of

    def _describe(self, p: _Place) -> dict[str, Any]:
        names = list(self._place_names()[p.idx])
        return {
            "id": p.id, "name": p.name, "name_en": p.name_en, "kind": p.kind, "precision": p.precision,
            "type": p.type, "admin1": self.admin1_en.get(p.admin1 or ""), "admin1_id": p.admin1,
            "country": p.country, "lat": p.lat, "lon": p.lon, "coord_precision": p.coord_precision,
            "population": p.pop, "parent_ids": list(self._parent_ids[p.idx]), "names": names,
        }

    def contains(self, outer_id: str, inner_id: str) -> bool:
        """Is ``inner_id`` the same place as ``outer_id`` or inside it?"""
        if outer_id == inner_id:
            return True
        i = self._by_id.get(inner_id)
        if i is not None:
            return outer_id in self._parent_ids[i]
        if inner_id.endswith("-rif"):  # the countryside of a place: inside the place and its ancestors
            i = self._by_id.get(inner_id[:-4])
            if i is not None:
                return outer_id == self.places[i].id or outer_id in self._parent_ids[i]
        return False

    def search(self, name: str) -> list[dict[str, Any]]:
        """Places called ``name`` (exact normalised name first, then names containing it)."""
        key = normalize_key(name)
        if self.lang == "en":
            key = " ".join(key.replace("-", " ").split())  # as the English names are indexed
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
    def _raw_hits(self, text: str) -> list[tuple[int, int, int, _Name]]:
        """The automaton's hits that start and end a word: (word start, end, name start, name)."""
        hits: list[tuple[int, int, int, _Name]] = []
        n = len(text)
        procl = self._proclitics
        proc_last = self._proc_last
        forms = self._type_forms
        for end_idx, (klen, nm) in self._automaton.iter(text):
            end = end_idx + 1
            if end < n and text[end].isalnum():
                continue
            start = end - klen
            ws = start
            if start > 0 and text[start - 1].isalnum():
                if nm.english or text[start - 1] not in proc_last:
                    continue  # no proclitic ends with that letter: inside a word
                ws = start - 1
                while ws > 0 and start - ws < 4 and text[ws - 1].isalnum():
                    ws -= 1
                if ws > 0 and text[ws - 1].isalnum():
                    continue
                pre = text[ws:start]
                if pre not in procl or (klen <= 3 and len(pre) > 1):
                    continue  # a short name after two clitics is mostly the tail of a word (ولادة)
                if nm.fused:
                    if pre != "و" and pre != "ف":
                        continue
                    # ل + ال fused (للرقة): the article's ل belongs to the name, the first ل is the clitic
                    start += 1
            elif nm.english and start > 0 and text[start - 1] == "'":
                continue
            elif nm.fused:
                start += 1
            if nm.typeish and text[ws:end] in forms:
                continue  # a type word (بقرية، وبلدة) that is also listed as a village
            hits.append((ws, end, start, nm))
        return hits

    @staticmethod
    def _select(raw: list[tuple[int, int, int, _Name]]) -> list[_Hit]:
        """The longest hits that do not overlap (word spans, proclitics included), by position.

        Greedy, longest first (then leftmost): only hits that overlap can compete, so the
        choice is made within each run of overlapping hits.
        """
        if len(raw) > 1:
            raw.sort(key=_FIRST)  # stable: equal hits keep the automaton's order
        out: list[_Hit] = []
        append = out.append
        i = 0
        n = len(raw)
        while i < n:
            ws, e, st, nm = raw[i]
            j = i + 1
            while j < n and raw[j][0] < e:  # a run of hits that overlap (transitively)
                if raw[j][1] > e:
                    e = raw[j][1]
                j += 1
            if j == i + 1:
                append(_Hit(st, st, e, ws, nm))
            else:
                chosen: list[tuple[int, int, int, _Name]] = []
                for r in sorted(raw[i:j], key=_longest_first):
                    rws, re_ = r[0], r[1]
                    for c in chosen:
                        if re_ > c[0] and rws < c[1]:
                            break
                    else:
                        chosen.append(r)
                chosen.sort(key=_FIRST)
                for rws, re_, rst, rnm in chosen:
                    append(_Hit(rst, rst, re_, rws, rnm))
            i = j
        return out

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

    def _attach_type(self, text: str, h: _Hit, floor: int) -> None:
        """A type word right before the name (with its proclitics) joins the mention.

        Only when it fits one of the name's places ("بلدات ريف دمشق" keeps "ريف دمشق").
        """
        forms = self._type_forms
        e = h.word_start - 1
        if text[e] == " " and text[e - 1] not in _OPEN_QUOTES:  # the usual case: one space after a word
            k = text.rfind(" ", floor, e)
            word = text[k + 1 if k >= 0 else floor:e]
            if word not in forms and word not in self._type_last:
                return  # no type word before (what _prev_word would return is this word or nothing)
        w1 = self._prev_word(text, h.word_start, floor)
        if w1 is None:
            return
        s, e = w1
        word = text[s:e]
        t = None
        if word in self._type_last:  # a two-word type word ends here ("مركز مدينة")?
            w2 = self._prev_word(text, s, floor)
            if w2 is not None:
                t = forms.get(text[w2[0]:w2[1]] + " " + word)
                if t is not None:
                    s = w2[0]
        if t is None:
            t = forms.get(word)
            if t is None:
                return
        tkind = t[0]
        kinds = self._type_any_kinds[tkind]
        places = self.places
        if not any(places[c].kind in kinds for c in h.name.places):
            return
        h.type_kind = tkind
        h.start = h.type_start = s + t[1]
        h.word_start = s

    def _attach_suffix_types(self, text: str, hits: list[_Hit]) -> None:
        """A type word right after a name that has no type word yet joins the mention ("Idlib
        province", "Yarmouk camp"), when it fits one of the name's places and the next mention
        does not start there."""
        suffix = self._suffix_types
        places = self.places
        n = len(text)
        for i, h in enumerate(hits):
            if h.type_kind is not None:
                continue
            e = h.end
            if e >= n or text[e] != " ":
                continue
            limit = hits[i + 1].word_start if i + 1 < len(hits) else n
            j = e + 1
            best: tuple[int, str] | None = None
            for _ in range(2):  # one or two words ("province countryside" is not one; "refugee camp" is)
                k = j
                while k < n and text[k].isalnum():
                    k += 1
                if k == j or k > limit:
                    break
                t = suffix.get(text[e + 1:k])
                if t is not None:
                    best = (k, t)
                if k >= n or text[k] != " ":
                    break
                j = k + 1
            if best is None:
                continue
            k, tkind = best
            if not any(places[c].kind in self._type_any_kinds[tkind] for c in h.name.places):
                continue
            h.type_kind = tkind
            h.end = k

    # -- public ----------------------------------------------------------------
    def _match(self, text: str, raw: bool = False) -> list[_Hit]:
        """The matching stage: the spans that name places (longest first, type words attached,
        blockers consumed, plural type words distributed, non-place readings dropped)."""
        raw_hits = self._raw_hits(text)
        if not raw_hits:
            return []
        hits = self._select(raw_hits)
        prev_end = 0
        attach = self._attach_type
        for h in hits:
            ws = h.word_start
            if ws > prev_end + 1 and text[ws - 1] in _GLUE:
                attach(text, h, prev_end)
            prev_end = h.end
        hits = [h for h in hits if h.name.places]  # blockers have consumed their span
        if self._suffix_types and hits:
            self._attach_suffix_types(text, hits)
        if not raw and hits:
            self._distribute(text, hits)
            hits = self._drop_non_places(text, hits)
        return hits

    def find_places(self, norm_text: str, *, raw: bool = False) -> list[PlaceMention]:
        """Every place mention in ``norm_text`` (normalised), resolved in the text's context.

        Longest match first, non-overlapping, sorted by position.  ``raw=True`` skips
        the stop-list and the context rules (for reviewing false positives).
        """
        if self.lang == "en":
            # English names are indexed with hyphens read as spaces (Deir-ez-Zor, Deir ez-Zor): so is the text
            norm_text = norm_text.replace("-", " ")
        hits = self._match(norm_text, raw)
        return self._resolve_hits(norm_text, hits, raw) if hits else []

    def _resolve_hits(self, text: str, hits: list[_Hit], raw: bool = False) -> list[PlaceMention]:
        """The resolution stage: licensing, candidates, context support, the document's country and
        the PlaceMention records of the matching stage's hits (which it leaves unchanged)."""
        n = len(hits)
        # 0 plain, 1 needs context, 2 needs a locating place (a licensing type word clears it),
        # 3 needs a lead word, a coordinated place or a locating place (a verb such as تدمر),
        # 4 that or a place in its sentence (a small village named bare)
        if raw:
            weak = [0] * n
        else:
            lic = self._type_licenses
            weak = []
            cue = False
            for h in hits:
                nm = h.name
                tk = h.type_kind
                if tk is not None:
                    w = 0 if lic[tk] else nm.weak
                else:
                    w = nm.weak
                    if not w:
                        small = nm.small
                        if small < 0:
                            small = nm.small = int(all(self._small[c] for c in nm.places))
                        if small:
                            w = 4
                if w >= 3:
                    cue = True
                weak.append(w)
            if cue:
                self._lead_cues(text, hits, weak)
        info_of = self._info
        gap_ok = self._gap_ok
        # the place right after a mention that locates it ("X بريف حماة"): for the names that need
        # one, may be resolved by one, or (typed) contradicted by one
        infos: list[_Info] = []
        locs: list[int | None] = [None] * n
        probs: list[tuple[float, ...]] = []
        open_home: list[int] = []  # mentions whose resolution the text's other places may change (or license)
        open_away: list[int] = []  # the same when the text is about another country
        home = 0.0  # the document country: the weight of the settled home places …
        other: dict[str, float] = {}  # … and of each foreign country's
        last = n - 1
        for i, h in enumerate(hits):
            nxt = hits[i + 1] if i < last else None
            w = weak[i]
            tk = h.type_kind
            inf = None
            if w == 2 or w == 3:
                seek = True  # the name needs a locating place: its candidates are read only if it has one
            else:
                inf = h.name.info0 if tk is None and not w else None
                if inf is None:
                    inf = info_of(h.name, tk, w)
                seek = w or inf.seek_loc or (tk is not None and inf.locatable)
            loc = None
            if seek and nxt is not None:
                ws = nxt.word_start
                e = h.end
                if ws - e <= 40 and not (ws < nxt.start and text[ws] == "و"):  # "X وY": a list
                    gap = text[e:ws]
                    ok = gap_ok.get(gap)
                    if ok is None:
                        ok = self._locating_words(gap)
                        if len(gap_ok) >= 8192:
                            gap_ok.clear()
                        gap_ok[gap] = ok
                    if ok:
                        loc = locs[i] = i + 1
            if inf is None:
                if loc is None:
                    # a name that only a locating place can license, with none after it, is no place
                    # here (and locates nothing)
                    if i and locs[i - 1] == i:
                        locs[i - 1] = None
                    infos.append(_NO_INFO)
                    probs.append(())
                    continue
                inf = info_of(h.name, tk, w)
            infos.append(inf)
            probs.append(inf.prior)
            if w:
                open_home.append(i)
                open_away.append(i)
                continue
            if inf.ambiguous:
                open_home.append(i)
                open_away.append(i)
            elif inf.minor:
                open_away.append(i)
            if inf.anchor >= 0:
                c = inf.foreign
                if c is None:
                    home += inf.home
                else:
                    other[c] = other.get(c, 0.0) + inf.away
        # the country the text is about, when it is not this gazetteer's: its unambiguous places
        # weigh at least 1 and twice the home places.  A city or region of another country counts 1,
        # the country's own name 0.5 (a Syrian report names its neighbours); a place of this
        # gazetteer's country counts 1 unless it is a small village (what the decision is about)
        foreign = None
        if other and not raw:
            cc = max(other, key=lambda c: (other[c], c))
            if other[cc] >= 1.0 and other[cc] >= 2.0 * home:
                foreign = cc
        open_ = open_home if foreign is None else open_away
        places = self.places
        level = [0] * n  # support from the text's places: 3 the locating place, 2 the sentence, 1 the text
        if open_:
            # sentence numbers: a sentence boundary between two mentions starts a new one
            sents = [0] * n
            sid = 0
            search = _SENT_RE.search
            prev = hits[0].name_start
            for k in range(1, n):
                ns = hits[k].name_start
                if search(text, prev, ns) is not None:
                    sid += 1
                sents[k] = sid
                prev = ns
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
                        probs[i] = self._score(infos[i], sup)
                        if settled[i] < 0 and weak[i] < 2:
                            j = max(range(len(probs[i])), key=probs[i].__getitem__)
                            if self._agreeing_mass(infos[i], probs[i], j) >= ANCHOR_MIN:
                                settled[i] = infos[i].cands[j]
                                changed = True
                if not changed:
                    break
        out: list[PlaceMention] = []
        mention = self._mention
        new = _new_mention
        for i, h in enumerate(hits):
            loc = locs[i]
            inf = infos[i]
            if loc is None and not weak[i] and foreign is None:
                # the common case: nothing to decide
                pr = probs[i]
                if pr is inf.prior and h.type_kind is None and not h.name.english:
                    args = inf.margs0
                    if args is None:
                        args = inf.margs0 = _mention_args(self._resolve(h, inf, pr))
                    out.append(new(h.start, h.end, args))
                elif inf.cands:
                    out.append(mention(h, inf, pr))
                continue
            cands = inf.cands
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
            if loc_plain and inf.minor:
                lp = self._settled_place(infos[lj], probs[lj])
                if (lp is not None and lp.country != self.country and lp.kind != "country"
                        and not any(w in self._motion for w in _WORD_RE.findall(text[h.end:hits[lj].word_start]))):
                    # "مريجب الفهود بالزرقاء": a village of that country (not "فروا من X إلى عرسال")
                    out.append(self._foreign_mention(h, inf, probs[i], lp.country))
                    continue
            if foreign is not None and level[i] < 2:
                if inf.minor:
                    out.append(self._foreign_mention(h, inf, probs[i], foreign))
                    continue
                if any(places[c].country == foreign for c in cands):
                    probs[i] = self._score(inf, [9.0 if places[c].country == foreign else 0.0 for c in cands])
            if loc_plain and not loc_ok and inf.locatable and h.type_kind != "countryside":
                region = self._contradicted_by(infos[lj], probs[lj], cands)
                if region is not None and self._locating_gap(text, h.end, hits[lj].word_start):
                    out.append(self._unresolved(h, inf, probs[i], admin1=region))
                    continue
            out.append(mention(h, inf, probs[i]))
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
                head = h.name.dist_head  # a name that is itself "أرياف دمشق"
                if head is None:
                    continue
                tkind = self._types[head][0]
            kinds = self._type_any_kinds[tkind]
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
        f = nm.flags
        if f is None:
            key = nm.key
            single = " " not in key
            country = self._is_country(nm)
            f = nm.flags = (self._major(nm), country, single and key.startswith("ال"),
                            single and country and key.endswith("يه") and not key.startswith("ال"))
        return f

    def _drop_non_places(self, text: str, hits: list[_Hit]) -> list[_Hit]:
        """Names that the words around them show to be no place: persons, outlets, units, adjectives."""
        out: list[_Hit] = []
        prev_end = 0
        before = self._before
        after = self._after_words
        after_match = self._after_re.match
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
                    if after_match(text, e + 1) is not None:  # the next space-delimited token, closing marks aside
                        continue
                elif self._word_after(text, e) in after:
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
                major, country, definite, nisba = h.name.flags or self._name_flags(h.name)
                if (nisba and not w.startswith("ال") and w.endswith(("ه", "ات"))
                        and self._bare(w, self._lead) is None):
                    continue  # "أسلحة سورية متطورة": a nisba adjective after a feminine noun
                if (definite and not major and (h.name.key.endswith("يه") or not country)
                        and self._adjective_before(w)):
                    continue  # "القلعة الأثرية", "الآيات القرآنية الكريمة": an adjective
            out.append(h)
        return out

    def _coordinated(self, text: str, a: _Hit, b: _Hit) -> bool:
        """Are two consecutive mentions coordinated ("X وY", "X، Y", "X (شرق) وY", "X and Y")?"""
        gap = _PAREN_RE.sub("", text[a.end:b.word_start]).strip(" ")
        if gap in self._coord_gaps:
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
        """A name that needs a cue (3 a verb's homograph, 4 a small village named bare, see
        find_places): a lead word or the clitic ب before it, or a coordinated plain place."""
        n = len(hits)
        for i, h in enumerate(hits):
            if weak[i] < 3:
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
    def _foreign_mention(self, h: _Hit, info: _Info, probs: Sequence[float], country: str) -> PlaceMention:
        """A village of a text about another country: that country's, not resolved (the index has no such village)."""
        m = self._unresolved(h, info, probs)
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
        if len(info.cands) > 1 and self._agreeing_mass(info, probs, j) < RESOLVE_MIN:
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
        if self._agreeing_mass(loc, loc_probs, j) < RESOLVE_MIN:
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
        """Candidates, prior probabilities and prior anchor of a name, and what resolving it needs (cached)."""
        key = (nm.key, type_kind, weak)
        info = self._info_cache.get(key)
        if info is None:
            info = self._info_cache[key] = self._new_info(nm, type_kind, weak)
        if type_kind is None and not weak:
            nm.info0 = info
        return info

    def _new_info(self, nm: _Name, type_kind: str | None, weak: int) -> _Info:
        places = self.places
        cs = list(nm.places)
        if type_kind is not None:
            for kinds in (self._type_kinds[type_kind], self._type_fallback[type_kind]):
                fit = [c for c in cs if places[c].kind in kinds]
                if fit:
                    cs = fit
                    break
        cands = tuple(cs)
        weights = tuple(places[c].prior for c in cands)
        tot = sum(weights)
        prior = tuple(x / tot for x in weights) if cands else ()
        minor = bool(cs) and all(self._minor[c] for c in cs)
        locatable = bool(cs) and all(
            places[c].country == self.country and places[c].admin1 is not None and places[c].prior < 30.0
            and places[c].kind in _LOCATABLE for c in cs)
        related = frozenset(cs).union(*(places[c].anc_set for c in cs))
        admins = frozenset(places[c].admin1 for c in cs)
        info = _Info(cands, prior, -1, minor, locatable, related, admins, weights=weights,
                     multi_country=len({places[c].country for c in cs}) > 1, ambiguous=len(cs) > 1,
                     seek_loc=len(cs) > 1 or minor, agree=[None] * len(cs), rel={}, margs={})
        if cs and not weak:
            j = max(range(len(cs)), key=prior.__getitem__)
            if self._agreeing_mass(info, prior, j) >= ANCHOR_MIN:
                info.anchor = a = cs[j]
                p = places[a]
                if p.country == self.country:
                    info.home = 0.0 if self._minor[a] else 1.0
                else:
                    info.foreign = p.country
                    info.away = 0.5 if p.kind == "country" else 1.0
        return info

    @staticmethod
    def _score(info: _Info, support: Sequence[float] | None) -> tuple[float, ...]:
        """The candidates' probabilities: prior weight × (1 + support), normalised."""
        if support is None:
            return info.prior
        if not info.cands:
            return ()
        w = [x * (1.0 + s) for x, s in zip(info.weights, support, strict=True)]
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

    @staticmethod
    def _groups(settled: list[int], sents: list[int]) -> list[tuple[int, frozenset[int], frozenset[int]]]:
        """The settled places of the text: (place index, the hits that name it, their sentences)."""
        by_place: dict[int, tuple[list[int], list[int]]] = {}
        for i, a in enumerate(settled):
            if a >= 0:
                g = by_place.get(a)
                if g is None:
                    by_place[a] = ([i], [sents[i]])
                else:
                    g[0].append(i)
                    g[1].append(sents[i])
        return [(a, frozenset(hs), frozenset(ss)) for a, (hs, ss) in by_place.items()]

    def _relation(self, info: _Info, a_idx: int) -> tuple[bool, tuple[tuple[int, tuple[float, ...]], ...]]:
        """What a settled place of the text says for each candidate of ``info`` (cached per pair).

        (whether it gives the mention a support level, ((candidate, support by level 0–3), …)).
        """
        places = self.places
        twin = self._twin
        a = places[a_idx]
        is_country = a.kind == "country"
        if is_country and not info.multi_country:
            return False, ()
        levels = (_W_DOC, _W_SENT, _W_LOC)
        gives = False
        out: list[tuple[int, tuple[float, ...]]] = []
        for j, c_idx in enumerate(info.cands):
            c = places[c_idx]
            if c_idx == a_idx:
                # the same reading as another mention of the name: consistent, but no licence
                out.append((j, (0.0, *(w[0] for w in levels))))
                continue
            if a_idx in c.anc_set:
                vals = tuple(w[1] / 4 if is_country else w[0] for w in levels)
            elif c_idx in a.anc_set:
                if c.kind == "country":
                    continue
                vals = tuple(w[1] / 2 for w in levels)  # the text names something inside this candidate
            elif a.admin1 is not None and a.admin1 == c.admin1:
                vals = tuple(w[0] if a.kind == "region" else w[1] for w in levels)
            elif a.admin1 is not None and c.admin1 is not None and twin.get(a.admin1) == c.admin1:
                vals = tuple(w[1] / 4 for w in levels)  # Damascus and Rural Damascus: one area
            else:
                continue
            if not is_country:
                gives = True
            out.append((j, (0.0, *vals)))
        return gives, tuple(out)

    def _support(self, i: int, info: _Info, groups: list[tuple[int, frozenset[int], frozenset[int]]],
                 si: int, loc: int | None) -> tuple[list[float], int]:
        """Context support of each candidate, and the closest non-country place that gave some.

        The level is 3 for the locating place, 2 for a place of the same sentence, 1 for
        a place elsewhere in the text, 0 for none.
        """
        sup = [0.0] * len(info.cands)
        had = 0
        rel = info.rel
        assert rel is not None
        for a_idx, hs, ss in groups:
            r = rel.get(a_idx)
            if r is None:
                if len(rel) >= 1024:
                    rel.clear()
                r = rel[a_idx] = self._relation(info, a_idx)
            entries = r[1]
            if not entries:
                continue  # nothing in common with any candidate
            if i in hs and len(hs) == 1:
                continue  # the mention itself
            if loc is not None and loc in hs:
                lvl = 3
            elif si in ss:
                lvl = 2
            else:
                lvl = 1
            for j, vals in entries:
                v = vals[lvl]
                if v > sup[j]:
                    sup[j] = v
            if r[0] and lvl > had:
                had = lvl
        return sup, had

    def _agreeing_mass(self, info: _Info, probs: Sequence[float], j: int) -> float:
        """The probability of candidate j and of the candidates that contain it or that it contains."""
        agree = info.agree
        assert agree is not None
        ks = agree[j]
        if ks is None:
            places = self.places
            top = places[info.cands[j]]
            ks = agree[j] = tuple(k for k, c in enumerate(info.cands)
                                  if c == top.idx or c in top.anc_set or top.idx in places[c].anc_set)
        m = 0.0
        for k in ks:
            m += probs[k]
        return m

    def _locating_words(self, gap: str) -> bool:
        """May the text between two names make the second locate the first (only locator words, numbers)?"""
        if "\n" in gap or "." in gap:
            return False
        if not self._adjacent_locates and not gap.strip(" "):
            return False
        if gap.strip(" ") in ("و", "او", "ثم"):
            return False
        for w in _WORD_RE.findall(gap):
            if w in self._locator_words or w.isdigit():
                continue
            for pre in ("و", "ب", "وب", "ف"):
                if w.startswith(pre) and w[len(pre):] in self._locator_words:
                    break
            else:
                return False
        return True

    def _mention(self, h: _Hit, info: _Info, probs: tuple[float, ...]) -> PlaceMention:
        """The mention of ``h`` resolved with ``probs`` (its fields cached per name reading and probabilities)."""
        countryside = h.type_kind == "countryside"
        key: Any = countryside * 2 + h.name.english if probs is info.prior else (probs, countryside, h.name.english)
        margs = info.margs
        assert margs is not None
        args = margs.get(key)
        if args is None:
            args = _mention_args(self._resolve(h, info, probs))
            if len(margs) >= 256:
                margs.clear()
            margs[key] = args
        return _new_mention(h.start, h.end, args)

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

    def _unresolved(self, h: _Hit, info: _Info, probs: Sequence[float],
                    admin1: str | None = None) -> PlaceMention:
        """Not settled: the name, what all candidates share (or the governorate the text gives), the alternatives."""
        places = self.places
        cands = info.cands
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
            score=round(self._agreeing_mass(info, probs, j), 3) if len(cands) > 1 else 0.0,
            candidates=self._alternatives(cands, probs, always=True),
            parent_ids=(),
        )

    def _resolve(self, h: _Hit, info: _Info, probs: Sequence[float]) -> PlaceMention:
        cands = info.cands
        j = max(range(len(cands)), key=probs.__getitem__) if len(cands) > 1 else 0
        mass = self._agreeing_mass(info, probs, j) if len(cands) > 1 else 1.0
        if mass < RESOLVE_MIN:
            return self._unresolved(h, info, probs)
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


def find_places(norm_text: str, country: str = "SY", lang: str = "ar") -> list[PlaceMention]:
    """Shortcut: ``Gazetteer.load(country, lang).find_places(norm_text)``."""
    return Gazetteer.load(country, lang).find_places(norm_text)


def script_language(text: str) -> str:
    """``ar`` or ``en``: the gazetteer names to read ``text`` with, by the script most of its letters
    are in (for a name or a snippet, where a language detector has too little to go on)."""
    arabic = latin = 0
    for ch in text:
        if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff":
            arabic += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    return "en" if latin > arabic else "ar"


def describe(mentions: Sequence[PlaceMention], text: str) -> list[dict[str, Any]]:
    """Mentions as dicts with their surface text (for the CLI and debugging)."""
    return [{"text": text[m.start:m.end], **m.to_dict()} for m in mentions]
