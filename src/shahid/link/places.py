"""Where two claims' places stand to each other: the same place, one inside the other, near
each other, or apart.

Containment comes from the gazetteer (``shahid.geo.Gazetteer``: each place's ``parent_ids``),
cached per place id; without a gazetteer, OCHA p-codes nest by prefix (SY02 ⊃ SY0200 ⊃
SY020000, and the project's ids ``SY0200-nbh-…`` sit under the p-code before the dash).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

_PCODE_RE = re.compile(r"^([A-Z]{2})(\d*)$")


@lru_cache(maxsize=1)
def _gazetteer() -> Any:
    from shahid.geo import Gazetteer

    return Gazetteer.load()


def _pcode_ancestors(place_id: str) -> tuple[str, ...]:
    base, _, rest = place_id.partition("-")
    out: list[str] = [base] if rest else []
    m = _PCODE_RE.match(base)
    if m:
        cc, digits = m.groups()
        for n in range(len(digits) - 2, -1, -2):
            out.append(cc + digits[:n])
    return tuple(dict.fromkeys(p for p in out if p != place_id))


@lru_cache(maxsize=65536)
def _info(place_id: str) -> tuple[tuple[str, ...], int | None, str | None] | None:
    """(ancestor ids nearest first, population, precision) from the gazetteer, None when it does
    not know the id."""
    d = _gazetteer().get(place_id)
    if d is None:
        return None
    pop = d.get("population")
    prec = d.get("precision")
    return (tuple(str(p) for p in d.get("parent_ids") or ()), (int(pop) if isinstance(pop, int | float) else None),
            str(prec) if prec else None)


def ancestors(place_id: str) -> tuple[str, ...]:
    """The places that contain ``place_id``, nearest first (not including itself)."""
    info = _info(place_id)
    return info[0] if info is not None else _pcode_ancestors(place_id)


def population(place_id: str) -> int | None:
    """The population the gazetteer gives a place (None when it gives none)."""
    info = _info(place_id)
    return info[1] if info is not None else None


def precision(place_id: str) -> str | None:
    """The precision the gazetteer gives a place (site … country, region), None when unknown."""
    info = _info(place_id)
    return info[2] if info is not None else None


def region_extent(place_id: str) -> str | None:
    """For a region that is not part of one town (the Ghouta, the Lebanese border, the north of
    Rural Aleppo), the nearest place containing it that is not a region: the governorate or country
    whose whole area it may stand for. None for any other place.

    A region inside a town (east Aleppo, old Damascus) is a quarter-like part of that town: None."""
    if precision(place_id) != "region":
        return None
    for anc in ancestors(place_id):
        p = precision(anc)
        if p == "region":
            continue
        return anc if p in ("district", "governorate", "country") else None
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
