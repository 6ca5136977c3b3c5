"""``--place NAME``: claims at that place or anywhere inside it.

The one function that knows about the gazetteer is :func:`place_condition`. With
``shahid.geo.Gazetteer`` it asks ``search(name)`` for the places the name may mean and keeps
the stored place ids each of them ``contains``; without it, it falls back to what the ledger
itself holds: the normalised place name or admin1, the place id, and the ids that start with
the id of a place of that name (OCHA p-codes nest by prefix: SY02 ⊃ SY0200 ⊃ SY020000).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

from shahid.store.schema import claims
from shahid.text.normalize import normalize_key

_PCODE_RE = re.compile(r"^[A-Z]{2}\d{2,}$")


@lru_cache(maxsize=2)
def _gazetteer(lang: str = "ar") -> Any:
    from shahid.geo import Gazetteer

    return Gazetteer.load(lang=lang)


def _field(match: Any, *names: str) -> Any:
    for name in names:
        v = match.get(name) if isinstance(match, dict) else getattr(match, name, None)
        if v is not None:
            return v
    return None


def _place_id(match: Any) -> str | None:
    if isinstance(match, str):
        return match
    v = _field(match, "place_id", "id", "pcode")
    return v if isinstance(v, str) else None


def _like_prefix(prefix: str) -> sa.ColumnElement[bool]:
    esc = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return claims.c.place_id.like(esc + "%", escape="\\")


def place_condition(conn: sa.Connection, name: str, gazetteer: Any | None = None) -> sa.ColumnElement[bool]:
    """A WHERE condition on ``claims`` for places named ``name`` and every place inside them."""
    key = normalize_key(name)
    conds: list[sa.ColumnElement[bool]] = [
        claims.c.place_key == key,
        claims.c.admin1_key == key,
        claims.c.place_id == name.strip(),
    ]
    if gazetteer is not None:
        gaz = gazetteer
    else:  # "Aleppo" is searched among the English names, "حلب" among the Arabic ones
        from shahid.geo.gazetteer import script_language

        gaz = _gazetteer(script_language(name))
    matches: list[Any] = []
    if gaz is not None:
        try:
            found = list(gaz.search(name))
        except Exception:
            found = []
        exact = [m for m in found if _field(m, "match") in (None, "exact")]
        matches = (exact or found)[:20]  # "حلب" means Aleppo, not every name containing it
        if not matches and hasattr(gaz, "get"):  # a place id given as the name
            try:
                by_id = gaz.get(name.strip())
            except Exception:
                by_id = None
            matches = [by_id] if by_id else []
    if matches:
        for m in matches:
            conds.extend(_inside(conn, gaz, m))
    else:
        prefixes = set()
        if _PCODE_RE.match(name.strip()):
            prefixes.add(name.strip())
        named = (
            conn.execute(
                sa.select(claims.c.place_id).where(claims.c.place_key == key, claims.c.place_id.is_not(None)).distinct()
            )
            .scalars()
            .all()
        )
        prefixes.update(p for p in named if _PCODE_RE.match(p))
        conds += [_like_prefix(p) for p in sorted(prefixes)]
    return sa.or_(*conds)


def _inside(conn: sa.Connection, gaz: Any, match: Any) -> list[sa.ColumnElement[bool]]:
    """Conditions for the claims inside one gazetteer place: by country or governorate directly,
    else by asking ``contains`` about the stored place ids of the same governorate."""
    pid = _place_id(match)
    if not pid:
        return []
    kind = _field(match, "kind", "precision")
    admin1 = _field(match, "admin1")
    country = _field(match, "country")
    if kind == "country" and country:
        return [claims.c.place_id == pid, claims.c.country == country]
    if kind == "governorate" and admin1:
        return [claims.c.place_id == pid, claims.c.admin1_key == normalize_key(admin1)]
    q = sa.select(claims.c.place_id).where(claims.c.place_id.is_not(None)).distinct()
    if admin1:
        q = q.where(claims.c.admin1_key == normalize_key(admin1))
    inside = {p for p in conn.execute(q).scalars() if p == pid or _contains(gaz, pid, p)}
    return [claims.c.place_id.in_(sorted(inside | {pid}))]


def _contains(gaz: Any, outer: str, inner: str) -> bool:
    try:
        return bool(gaz.contains(outer, inner))
    except Exception:
        return False
