"""Incident-level export: ACLED-style CSV (one row per incident) and JSON Lines.

ACLED columns as the claim export (``shahid.export``); per incident:

* ``event_date`` the incident's day; ``time_precision`` 1 when a claim states the day, else 2;
* ``event_type``/``sub_event_type`` from the incident's event (and victims/perpetrators);
* ``actor1`` the perpetrator most originators name, others in ``assoc_actor_1``; a disputed
  perpetrator is said so in the notes;
* ``fatalities`` the *best* reconciled figure killed (UCDP style), everyone-counts first; empty
  when no claim of the incident states a number killed;
* ``country``/``iso``/``event_id_cnty`` after the incident's place, as in the claim export;
  ``location`` its English name from the gazetteer (the Arabic one at the end of the notes);
* ``source`` the independent originators (and the outlets that carried them);
* ``notes`` the sources, the reconciled counts with low/best/high and who gave each figure,
  the contradictions, and the grade.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

_FALLBACK_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "actor2", "assoc_actor_2", "civilian_targeting", "iso", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
)
EXTRA_COLUMNS = ("incident_key", "grade", "n_originators", "n_outlets", "n_documents", "fatalities_low",
                 "fatalities_high")


def _columns() -> tuple[str, ...]:
    try:
        from shahid.export import ACLED_COLUMNS

        return tuple(ACLED_COLUMNS)
    except ImportError:  # pragma: no cover
        return _FALLBACK_COLUMNS


def _killed(inc: dict[str, Any]) -> dict[str, Any] | None:
    """The incident's killed count (``low``/``best``/``high``) that the export reports: the count
    of everyone killed (victim group none) when stated, else the largest count of civilians, else
    the largest of any group. Groups are not summed: "154 killed, 37 of them civilians" is 154.
    None when no claim of the incident states a number killed."""
    ks = [c for c in inc.get("counts") or () if c["kind"] == "killed"]
    if not ks:
        return None
    general = [c for c in ks if c.get("group") in (None, "civilians")]
    return max(general or ks, key=lambda c: (c.get("group") is None, c["best"]))


def notes(inc: dict[str, Any]) -> str:
    parts = []
    srcs = "; ".join(f"{o['name']}" + (f" (via {', '.join(o['outlets'])})" if o["outlets"] else "")
                     for o in inc["originators"])
    parts.append(f"Sources: {srcs}.")
    for c in inc["counts"]:
        g = f" {c['group']}" if c.get("group") else ""
        figs = "; ".join(f"{f['value']} by {', '.join(f['originators'])}" for f in c["figures"])
        parts.append(f"{c['kind']}{g}: low {c['low']}, best {c['best']}, high {c['high']} ({figs}).")
    for x in inc["contradictions"]:
        parts.append(f"{x['type'].replace('_', ' ').capitalize()}: {x['detail']}.")
    parts.append(f"Grade: {inc['grade']} ({inc['n_originators']} independent originator(s), "
                 f"{inc['n_outlets']} outlet(s), {inc['n_documents']} document(s)).")
    return " ".join(parts)


def acled_row(inc: dict[str, Any]) -> dict[str, Any]:
    from shahid.export import (
        ACLED_ACTORS,
        CIVILIAN_GROUPS,
        GEO_PRECISION,
        UNKNOWN_ISO3,
        admin_levels,
        civilians_actor,
        country,
        english_name,
        event_types,
    )

    p = inc.get("place") or {}
    victims = list(inc.get("victims") or ())
    perp_rank: dict[str, int] = {}
    for c in inc.get("claims") or ():
        for a in c.get("perpetrators") or ():
            perp_rank[a] = perp_rank.get(a, 0) + 1
    perps = sorted(inc.get("perpetrators") or (), key=lambda a: (-perp_rank.get(a, 0), a))
    pseudo = {"event": inc["event"], "victims": [{"group": g} for g in victims],
              "perpetrators": [{"actor": a} for a in perps]}
    etype, sub = event_types(pseudo)
    actors = [ACLED_ACTORS.get(a, a) for a in perps]
    cty = country(p.get("country"))
    civilians = bool(set(victims) & set(CIVILIAN_GROUPS))
    admin2, admin3 = admin_levels(p.get("place_id"))
    day = inc.get("date") or ""
    stated = any(c.get("date_stated") for c in inc.get("claims") or ())
    k = _killed(inc)
    # the gazetteer's English name, as the claim export writes it (the Arabic one in the notes)
    name = p.get("name") or ""
    en = english_name(p.get("place_id")) if name else ""
    place_note = f" Place: {en} ({name})." if en and en != name else ""
    return {
        "event_id_cnty": f"{cty.iso3 if cty else UNKNOWN_ISO3}-I{inc['key']}",
        "event_date": day,
        "year": int(day[:4]) if day else "",
        "time_precision": 1 if stated else 2,
        "event_type": etype,
        "sub_event_type": sub,
        "actor1": actors[0] if actors else "",
        "assoc_actor_1": "; ".join(actors[1:]),
        "actor2": civilians_actor(cty) if civilians else "",
        "assoc_actor_2": "; ".join(sorted(g for g in victims if g not in CIVILIAN_GROUPS)),
        "civilian_targeting": "Civilian targeting" if civilians else "",
        "iso": cty.iso if cty else "",
        "country": cty.name if cty else "",
        "admin1": p.get("admin1") or "",
        "admin2": admin2,
        "admin3": admin3,
        "location": en or name,
        "latitude": p.get("lat"),
        "longitude": p.get("lon"),
        "geo_precision": GEO_PRECISION.get(p.get("precision") or "", 3) if p else "",
        "source": "; ".join(o["name"] for o in inc["originators"]),
        "notes": notes(inc) + place_note,
        "fatalities": k["best"] if k else "",
        "incident_key": inc["key"],
        "grade": inc["grade"],
        "n_originators": inc["n_originators"],
        "n_outlets": inc["n_outlets"],
        "n_documents": inc["n_documents"],
        "fatalities_low": k["low"] if k else "",
        "fatalities_high": k["high"] if k else "",
    }


def write_acled_csv(incidents: Iterable[dict[str, Any]], fh: IO[str], *, bom: bool = True) -> int:
    """One row per incident; ``bom``: begin with a UTF-8 byte-order mark (spreadsheets need it).
    A text cell a spreadsheet would run as a formula gets a leading ``'`` (``shahid.export.csv_cell``)."""
    from shahid.export import csv_row

    if bom:
        fh.write("\ufeff")
    w = csv.DictWriter(fh, fieldnames=[*_columns(), *EXTRA_COLUMNS], lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    n = 0
    for inc in incidents:
        w.writerow(csv_row(acled_row(inc)))
        n += 1
    return n


def write_json(incidents: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for inc in incidents:
        fh.write(json.dumps(inc, ensure_ascii=False) + "\n")
        n += 1
    return n


def incident_feature(inc: dict[str, Any], *, url: str | None = None) -> dict[str, Any] | None:
    """A GeoJSON point feature of an incident with coordinates (None without): properties ``key``,
    ``url``, ``event``, ``best`` (the best killed figure, null when none), ``place``, ``date``,
    ``grade``, ``precision``."""
    p = inc.get("place") or {}
    lat, lon = p.get("lat"), p.get("lon")
    if lat is None or lon is None:
        return None
    killed = _killed(inc)
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"key": inc["key"], "url": url if url is not None else f"/incidents/{inc['key']}",
                           "event": inc["event"], "best": killed["best"] if killed else None,
                           "place": p.get("name"), "place_id": p.get("place_id"), "precision": p.get("precision"),
                           "date": inc.get("date"), "grade": inc["grade"], "n_originators": inc.get("n_originators")}}


def geojson(incidents: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The incidents that have coordinates as a GeoJSON FeatureCollection."""
    feats = [f for inc in incidents if (f := incident_feature(inc)) is not None]
    return {"type": "FeatureCollection", "features": feats}


def write_geojson(incidents: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    fc = geojson(incidents)
    json.dump(fc, fh, ensure_ascii=False)
    fh.write("\n")
    return len(fc["features"])
