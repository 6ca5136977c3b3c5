"""Exports of stored claims: ACLED-style CSV, GeoJSON, Parquet and JSON Lines.

    >>> from shahid.export import export
    >>> export(store, "acled-csv", "events.csv", ClaimFilter(events=["airstrike"]))

* ``acled-csv``: one row per claim with ACLED's column names and conventions: ``country`` the
  country's name as ACLED writes it, ``location`` the gazetteer's English name of the claim's place in
  either language (its Arabic name at the end of ``notes``; the Arabic name when it has no English one),
  ``iso`` its ISO 3166 numeric code, ``event_id_cnty`` prefixed
  by that country's ISO3 code (``XXX`` when the claim names no place); event types after the
  ``acled`` column of CLAIMS.md; ``fatalities`` the conservative number killed the claim states,
  empty when it states no killed count. UTF-8 with a byte-order mark (spreadsheets need it to
  show Arabic), unless ``bom=False``.
* ``geojson``: a FeatureCollection, one Point feature per claim with coordinates (RFC 7946).
* ``parquet``: one row per claim, typed columns (dates, floats, ints, nested lists of
  perpetrators, victims and counts with their spans).
* ``jsonl``: one line per document, exactly ``Report.to_dict()`` (doc, claims, engine).

Every CSV cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (an
evidence sentence "- قتل 5 …", an outlet named "=HYPERLINK(…)") is written with a leading
apostrophe, which a spreadsheet shows as the text it is rather than running it as a formula
(:func:`csv_cell`); numbers, negative ones included, are written as they are.

Every export shows the reviewed values (``shahid.review``): a reviewer's correction replaces the
machine's value, rejected claims are left out, added claims are in; ACLED CSV and Parquet carry
``reviewed_by`` and ``reviewed_at`` (empty for a claim no one reviewed), so do GeoJSON's
properties (null), JSON Lines the claim's
``review`` and the machine's values under ``machine``.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from shahid.store import ClaimFilter, ClaimRecord, Store, iter_claims
from shahid.store.query import iter_reports

FORMATS = ("acled-csv", "geojson", "parquet", "jsonl")

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "civilian_targeting",
    "iso",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "reviewed_by",  # who reviewed the claim (shahid.review); empty: the machine's values alone
    "reviewed_at",
)

# event code → (event_type, sub_event_type); "attack" on civilians and "territory_change"
# are decided per claim (see event_types).
ACLED_EVENTS: dict[str, tuple[str, str]] = {
    "attack": ("Battles", "Armed clash"),
    "airstrike": ("Explosions/Remote violence", "Air/drone strike"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "bombing": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "execution": ("Violence against civilians", "Attack"),
    "killing": ("Violence against civilians", "Attack"),
    "detention": ("Violence against civilians", "Abduction/forced disappearance"),
    "torture": ("Violence against civilians", "Attack"),
    "sexual_violence": ("Violence against civilians", "Sexual violence"),
    "siege": ("Strategic developments", "Other"),
    "displacement": ("Strategic developments", "Other"),
    "forced_recruitment": ("Violence against civilians", "Attack"),
    "casualties_found": ("Strategic developments", "Other"),
    "territory_change": ("Strategic developments", "Non-state actor overtakes territory"),
    "protest": ("Protests", "Peaceful protest"),
    "agreement": ("Strategic developments", "Agreement"),
}
ACLED_ACTORS: dict[str, str] = {
    "sy_government": "Military Forces of Syria",
    "pro_government_militia": "Pro-Government Militia (Syria)",
    "hezbollah": "Hezbollah",
    "russia": "Military Forces of Russia",
    "iran": "Military Forces of Iran",
    "turkey": "Military Forces of Turkey",
    "us_coalition": "Military Forces of the United States and Coalition",
    "israel": "Military Forces of Israel",
    "opposition": "Opposition Rebels (Syria)",
    "hts": "Hayat Tahrir al-Sham (Jabhat al-Nusra)",
    "isis": "Islamic State (Syria)",
    "sdf": "Syrian Democratic Forces",
    "unknown": "Unidentified Armed Group (Syria)",
}
GOVERNMENT_SIDE = frozenset({"sy_government", "pro_government_militia", "hezbollah", "russia", "iran"})
CIVILIAN_GROUPS = frozenset(
    {
        "civilians",
        "children",
        "women",
        "elderly",
        "medical_staff",
        "journalists",
        "aid_workers",
        "residents",
        "detainees",
    }
)
GENERAL_GROUPS = frozenset({None, "people", "civilians", "residents"})
# ACLED writes a few countries by their common names rather than ISO 3166's (pycountry's) names.
ACLED_COUNTRY_NAMES: dict[str, str] = {
    "BO": "Bolivia", "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "CI": "Ivory Coast",
    "CZ": "Czech Republic", "IR": "Iran", "KP": "North Korea", "KR": "South Korea", "LA": "Laos",
    "MD": "Moldova", "PS": "Palestine", "RU": "Russia", "SY": "Syria", "TR": "Turkey", "TW": "Taiwan",
    "TZ": "Tanzania", "VE": "Venezuela", "VN": "Vietnam",
}
UNKNOWN_ISO3 = "XXX"  # event_id_cnty prefix of a claim that names no place (no country to take it from)


@dataclass(frozen=True, slots=True)
class Country:
    name: str  # as ACLED writes it
    iso3: str
    iso: int  # ISO 3166-1 numeric


@lru_cache(maxsize=512)
def country(code: str | None) -> Country | None:
    """The country of an ISO 3166-1 alpha-2 (or alpha-3) code, with ACLED's name for it."""
    if not code:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else pycountry.countries.get(
        alpha_3=code.upper())
    if c is None:
        return None
    name = ACLED_COUNTRY_NAMES.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
    return Country(name, c.alpha_3, int(c.numeric))


GEO_PRECISION = {
    "site": 1,
    "neighbourhood": 1,
    "town": 1,
    "region": 2,
    "district": 2,
    "governorate": 3,
    "country": 3,
}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


# -- per-claim values ----------------------------------------------------------------------------


def _best_low(c: dict[str, Any]) -> int:
    """The conservative number a count states: its lower bound, else its value, else 0."""
    for k in ("low", "value"):
        if c.get(k) is not None:
            return int(c[k])
    return 0


def fatalities(claim: dict[str, Any]) -> int | None:
    """Killed, conservatively: specific groups add up ("nine children and four women" = 13);
    a general count (people, civilians) is taken when larger, never added to its parts.
    None when the claim states no number killed (a claim of shelling is not a claim of 0 dead)."""
    killed = [c for c in claim.get("counts") or ()
              if c.get("kind") == "killed" and (c.get("low") is not None or c.get("value") is not None)]
    if not killed:
        return None
    general = max((_best_low(c) for c in killed if c.get("group") in GENERAL_GROUPS), default=0)
    specific = sum(_best_low(c) for c in killed if c.get("group") not in GENERAL_GROUPS)
    return max(general, specific)


def figure(count: dict[str, Any]) -> str:
    """A count as a reader should see it, its qualifier included: ``12``, ``~200``, ``≥91``,
    ``≤30``, ``20–30``; ``?`` when the text gives no number."""
    q, value, low, high = count.get("qualifier"), count.get("value"), count.get("low"), count.get("high")
    if q == "range" or (low is not None and high is not None and low != high):
        return f"{low if low is not None else '?'}–{high if high is not None else '?'}"
    if q == "approx":
        return f"~{value if value is not None else low}"
    if q == "at_most":
        return f"≤{high if high is not None else value}"
    if value is None and low is None:
        return "?"
    if q in ("at_least", "vague") or value is None:
        return f"≥{low if low is not None else value}"
    return str(value)


def fatalities_figure(claim: dict[str, Any]) -> str:
    """:func:`fatalities` with its qualifier: ``~`` when an approximate figure went into it, ``≥``
    when a lower bound did; empty when no number killed is stated."""
    n = fatalities(claim)
    if n is None:
        return ""
    quals = {c.get("qualifier") for c in claim.get("counts") or () if c.get("kind") == "killed"}
    if quals <= {"exact"}:
        return str(n)
    return f"~{n}" if quals <= {"exact", "approx"} else f"≥{n}"


def _actors(claim: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for a in claim.get("perpetrators") or ():
        root = str(a.get("actor", "")).split("/", 1)[0]
        name = ACLED_ACTORS.get(root, root)
        if name not in out:
            out.append(name)
    return out


def _victim_groups(claim: dict[str, Any]) -> list[str]:
    return [g.get("group") for g in claim.get("victims") or () if g.get("group")]


def event_types(claim: dict[str, Any]) -> tuple[str, str]:
    event = claim.get("event", "")
    victims = set(_victim_groups(claim))
    if event == "attack" and victims & CIVILIAN_GROUPS:
        return "Violence against civilians", "Attack"
    if event == "territory_change":
        roots = {str(a.get("actor", "")).split("/", 1)[0] for a in claim.get("perpetrators") or ()}
        if not roots:
            return "Strategic developments", "Other"
        if roots & GOVERNMENT_SIDE:
            return "Strategic developments", "Government regains territory"
        return "Strategic developments", "Non-state actor overtakes territory"
    return ACLED_EVENTS.get(event, ("Strategic developments", "Other"))


@lru_cache(maxsize=1)
def _gazetteer() -> Any | None:
    try:
        from shahid.geo import Gazetteer  # type: ignore[attr-defined]

        return Gazetteer.load()
    except Exception:
        return None


@lru_cache(maxsize=65536)
def admin_levels(place_id: str | None) -> tuple[str, str]:
    """(admin2, admin3) names of a place, from the gazetteer's hierarchy when it is there."""
    gaz = _gazetteer()
    if not place_id or gaz is None:
        return "", ""
    try:
        place = gaz.get(place_id)
        if not place:
            return "", ""
        levels: dict[str, str] = {}
        for pid in [place_id, *place.get("parent_ids", [])]:
            p = place if pid == place_id else gaz.get(pid)
            if p and p.get("kind") in ("district", "subdistrict"):
                levels.setdefault(p["kind"], p.get("name_en") or p.get("name") or "")
        return levels.get("district", ""), levels.get("subdistrict", "")
    except Exception:
        return "", ""


@lru_cache(maxsize=65536)
def english_name(place_id: str | None) -> str:
    """The gazetteer's English name of a place ("" when it has none or the place is not in it)."""
    gaz = _gazetteer()
    if not place_id or gaz is None:
        return ""
    try:
        place = gaz.get(place_id)
    except Exception:
        return ""
    return (place or {}).get("name_en") or ""


def place_names(rec: ClaimRecord) -> tuple[str, str]:
    """(location, the note on it) of the ACLED row: the gazetteer's English name, as ACLED writes its
    locations, whatever the report's language (one place has one name in the file, so an English and
    an Arabic report of it group together), with the gazetteer's Arabic name in the notes; the
    Arabic name alone when the gazetteer has no English one (or the place is not in it)."""
    loc = (rec.claim.get("location") or {})
    name = loc.get("name") or ""
    if not name:
        return name, ""
    en = english_name(loc.get("place_id"))
    if not en or en == name:
        return name, ""
    return en, f" [Place: {en} ({name}).]"


def _event_date(rec: ClaimRecord) -> tuple[str, int]:
    d = rec.claim.get("date") or {}
    if d.get("value"):
        return d["value"], TIME_PRECISION.get(d.get("precision") or "day", 3)
    if rec.doc.get("published"):
        return rec.doc["published"], 2  # only the publication day is known: "within a week"
    return "", 3


def event_id(rec: ClaimRecord) -> str:
    """``ISO3-DOCID-CLAIMID``: ISO3 of the country of the claim's own place (ACLED's convention)."""
    loc = rec.claim.get("location") or {}
    cty = country(loc.get("country"))
    return f"{cty.iso3 if cty else UNKNOWN_ISO3}-{rec.doc['id'][:12]}-{rec.claim['id']}"


def civilians_actor(cty: Country | None) -> str:
    return f"Civilians ({cty.name})" if cty else "Civilians"


def acled_row(rec: ClaimRecord) -> dict[str, Any]:
    c = rec.claim
    loc = c.get("location") or {}
    day, tprec = _event_date(rec)
    etype, sub = event_types(c)
    actors = _actors(c)
    groups = _victim_groups(c)
    cty = country(loc.get("country"))
    civilians = bool(set(groups) & CIVILIAN_GROUPS)
    victim_actor = civilians_actor(cty) if civilians else ""
    other_victims = sorted({g for g in groups if g not in CIVILIAN_GROUPS})
    admin2, admin3 = admin_levels(loc.get("place_id"))
    if loc.get("precision") == "district" and not admin2:
        admin2 = loc.get("name") or ""
    src = c.get("source") or {}
    sources = [s for s in (rec.doc.get("outlet"), src.get("name")) if s]
    location, place_note = place_names(rec)
    return {
        "event_id_cnty": event_id(rec),
        "event_date": day,
        "year": int(day[:4]) if day else "",
        "time_precision": tprec,
        "event_type": etype,
        "sub_event_type": sub,
        "actor1": actors[0] if actors else "",
        "assoc_actor_1": "; ".join(actors[1:]),
        "actor2": victim_actor,
        "assoc_actor_2": "; ".join(other_victims),
        "civilian_targeting": "Civilian targeting" if civilians else "",
        "iso": cty.iso if cty else "",
        "country": cty.name if cty else "",
        "admin1": loc.get("admin1") or "",
        "admin2": admin2,
        "admin3": admin3,
        "location": location,
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "geo_precision": GEO_PRECISION.get(loc.get("precision") or "", 3) if loc else "",
        "source": "; ".join(sources),
        "notes": c["evidence"]["text"] + place_note,
        "fatalities": _blank(fatalities(c)),
        "reviewed_by": c.get("reviewed_by") or "",
        "reviewed_at": c.get("reviewed_at") or "",
    }


# What a spreadsheet (Excel, LibreOffice, Google Sheets) takes for the start of a formula (OWASP's
# "CSV injection" list), and a plain number, which stays as it is even when it begins with - or +.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def csv_cell(v: Any) -> Any:
    """``v`` as a CSV cell: a text a spreadsheet would run as a formula gets a leading ``'``."""
    if isinstance(v, str) and v.startswith(FORMULA_START) and not _NUMBER.fullmatch(v):
        return "'" + v
    return v


def csv_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: csv_cell(v) for k, v in row.items()}


def _blank(v: Any) -> Any:
    return "" if v is None else v


# -- writers -------------------------------------------------------------------------------------


def write_acled_csv(records: Iterable[ClaimRecord], fh: IO[str], *, bom: bool = True) -> int:
    if bom:
        fh.write("\ufeff")
    w = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    w.writeheader()
    n = 0
    for rec in records:
        row = acled_row(rec)
        row["latitude"] = "" if row["latitude"] is None else row["latitude"]
        row["longitude"] = "" if row["longitude"] is None else row["longitude"]
        w.writerow(csv_row(row))
        n += 1
    return n


def feature(rec: ClaimRecord) -> dict[str, Any] | None:
    """The GeoJSON Feature of a located claim (None without valid coordinates)."""
    c = rec.claim
    loc = c.get("location") or {}
    lat, lon = loc.get("lat"), loc.get("lon")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    etype, sub = event_types(c)
    day, tprec = _event_date(rec)
    props = {
        "event_id": event_id(rec),
        "doc_id": rec.doc["id"],
        "claim_id": c["id"],
        "engine": rec.engine,
        "event": c["event"],
        "method": c.get("method"),
        "certainty": c.get("certainty"),
        "event_type": etype,
        "sub_event_type": sub,
        "event_date": day or None,
        "time_precision": tprec,
        "perpetrators": [a["actor"] for a in c.get("perpetrators") or ()],
        "victims": _victim_groups(c),
        "fatalities": fatalities(c),
        "place": loc.get("name"),
        "place_id": loc.get("place_id"),
        "admin1": loc.get("admin1"),
        "country": loc.get("country"),
        "precision": loc.get("precision"),
        "source": (c.get("source") or {}).get("name"),
        "source_type": (c.get("source") or {}).get("type"),
        "outlet": rec.doc.get("outlet"),
        "title": rec.doc.get("title"),
        "published": rec.doc.get("published"),
        "evidence": c["evidence"]["text"],
        "reviewed_by": c.get("reviewed_by"),
        "reviewed_at": c.get("reviewed_at"),
    }
    return {
        "type": "Feature",
        "id": props["event_id"],
        "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
        "properties": props,
    }


def write_geojson(records: Iterable[ClaimRecord], fh: IO[str]) -> int:
    """A FeatureCollection written feature by feature (constant memory)."""
    fh.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for rec in records:
        f = feature(rec)
        if f is None:
            continue
        fh.write(("\n" if n == 0 else ",\n") + json.dumps(f, ensure_ascii=False))
        n += 1
    fh.write("\n]}\n")
    return n


def parquet_schema() -> Any:
    import pyarrow as pa

    span = [("text", pa.string()), ("start", pa.int32()), ("end", pa.int32())]
    return pa.schema(
        [
            ("event_id", pa.string()),
            ("doc_id", pa.string()),
            ("claim_id", pa.string()),
            ("engine", pa.string()),
            ("event", pa.string()),
            ("method", pa.string()),
            ("certainty", pa.string()),
            ("event_type", pa.string()),
            ("sub_event_type", pa.string()),
            ("event_date", pa.date32()),
            ("date_value", pa.date32()),
            ("date_precision", pa.string()),
            ("date_text", pa.string()),
            ("published", pa.date32()),
            ("outlet", pa.string()),
            ("title", pa.string()),
            ("url", pa.string()),
            ("place_name", pa.string()),
            ("place_id", pa.string()),
            ("admin1", pa.string()),
            ("country", pa.string()),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
            ("place_precision", pa.string()),
            ("source_name", pa.string()),
            ("source_type", pa.string()),
            ("evidence_text", pa.string()),
            ("evidence_start", pa.int32()),
            ("evidence_end", pa.int32()),
            ("perpetrators", pa.list_(pa.struct([("actor", pa.string()), *span]))),
            ("victims", pa.list_(pa.struct([("group", pa.string()), *span]))),
            (
                "counts",
                pa.list_(
                    pa.struct(
                        [
                            ("kind", pa.string()),
                            ("group", pa.string()),
                            ("value", pa.int64()),
                            ("low", pa.int64()),
                            ("high", pa.int64()),
                            ("qualifier", pa.string()),
                            *span,
                        ]
                    )
                ),
            ),
            ("fatalities", pa.int64()),
            ("reviewed_by", pa.string()),
            ("reviewed_at", pa.timestamp("s", tz="UTC")),
        ]
    )


def _d(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def parquet_row(rec: ClaimRecord) -> dict[str, Any]:
    c = rec.claim
    loc = c.get("location") or {}
    dt = c.get("date") or {}
    src = c.get("source") or {}
    ev = c["evidence"]
    etype, sub = event_types(c)
    day, _ = _event_date(rec)

    def sp(o: dict[str, Any]) -> dict[str, Any]:
        return {"text": o["text"], "start": o["span"][0], "end": o["span"][1]}

    return {
        "event_id": event_id(rec),
        "doc_id": rec.doc["id"],
        "claim_id": c["id"],
        "engine": rec.engine,
        "event": c["event"],
        "method": c.get("method"),
        "certainty": c.get("certainty"),
        "event_type": etype,
        "sub_event_type": sub,
        "event_date": _d(day),
        "date_value": _d(dt.get("value")),
        "date_precision": dt.get("precision"),
        "date_text": dt.get("text"),
        "published": _d(rec.doc.get("published")),
        "outlet": rec.doc.get("outlet"),
        "title": rec.doc.get("title"),
        "url": rec.doc.get("url"),
        "place_name": loc.get("name"),
        "place_id": loc.get("place_id"),
        "admin1": loc.get("admin1"),
        "country": loc.get("country"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "place_precision": loc.get("precision"),
        "source_name": src.get("name"),
        "source_type": src.get("type"),
        "evidence_text": ev["text"],
        "evidence_start": ev["span"][0],
        "evidence_end": ev["span"][1],
        "perpetrators": [{"actor": a["actor"], **sp(a)} for a in c.get("perpetrators") or ()],
        "victims": [{"group": g["group"], **sp(g)} for g in c.get("victims") or ()],
        "counts": [
            {
                "kind": n["kind"],
                "group": n.get("group"),
                "value": n.get("value"),
                "low": n.get("low"),
                "high": n.get("high"),
                "qualifier": n.get("qualifier"),
                **sp(n),
            }
            for n in c.get("counts") or ()
        ],
        "fatalities": fatalities(c),
        "reviewed_by": c.get("reviewed_by"),
        "reviewed_at": _ts(c.get("reviewed_at")),
    }


def _ts(s: str | None) -> datetime | None:
    if not s:
        return None
    t = datetime.fromisoformat(s)
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def write_parquet(records: Iterable[ClaimRecord], path: str | os.PathLike[str], *, batch: int = 5000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(os.fspath(path), schema, compression="zstd") as w:
        rows: list[dict[str, Any]] = []
        for rec in records:
            rows.append(parquet_row(rec))
            if len(rows) >= batch:
                w.write_table(pa.Table.from_pylist(rows, schema=schema))
                n += len(rows)
                rows = []
        if rows or n == 0:
            w.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
    return n


def write_jsonl(reports: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for rep in reports:
        fh.write(json.dumps(rep, ensure_ascii=False) + "\n")
        n += 1
    return n


@contextmanager
def _text_out(out: str | os.PathLike[str] | IO[str] | None) -> Iterator[IO[str]]:
    if out is None or out == "-":
        yield sys.stdout
    elif isinstance(out, str | os.PathLike):
        tmp = Path(os.fspath(out) + ".part")
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            yield fh
        tmp.replace(out)  # never leave a half-written export under the real name
    else:
        yield out


def export(
    store: Store,
    fmt: str,
    out: str | os.PathLike[str] | IO[str] | None = None,
    flt: ClaimFilter | None = None,
    *,
    bom: bool = True,
) -> int:
    """Write the claims matching ``flt`` to ``out`` (a path, a text stream, or stdout); returns the
    number of rows / features / documents written. ``bom``: begin a CSV with a byte-order mark."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    flt = flt or ClaimFilter()
    if fmt == "parquet":
        if out is None or out == "-" or not isinstance(out, str | os.PathLike):
            raise ValueError("parquet needs an output file (-o FILE.parquet)")
        tmp = Path(os.fspath(out) + ".part")
        n = write_parquet(iter_claims(store, flt), tmp)
        tmp.replace(out)
        return n
    with _text_out(out) as fh:
        if fmt == "acled-csv":
            return write_acled_csv(iter_claims(store, flt), fh, bom=bom)
        if fmt == "geojson":
            return write_geojson(iter_claims(store, replace(flt, located=True)), fh)
        return write_jsonl(iter_reports(store, flt), fh)
