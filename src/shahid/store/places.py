"""``--place NAME``: claims at that place or anywhere inside it.

The one function that knows about the gazetteer is :func:`place_condition`. With
``shahid.geo.Gazetteer`` it asks ``search(name)`` for the places the name may mean and keeps
the stored place ids each of them ``contains``; without it, it falls back to what the ledger
itself holds: the normalised place name or admin1, the place id, and the ids that start with
the id of a place of that name (OCHA p-codes nest by prefix: SY02 ⊃ SY0200 ⊃ SY020000).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
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


@dataclass(slots=True)
class PlaceMatch:
    """What ``--place NAME`` selects, as alternatives: a column equal to a value, a place id among a
    set, a place id beginning with a p-code. :meth:`sql` is the WHERE condition on ``claims``;
    :meth:`matches` tests one place given as those columns (a reviewer's corrected place)."""

    equal: list[tuple[str, Any]] = field(default_factory=list)  # (claims column, value)
    ids: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    gazetteer: Any = None
    inside_of: list[str] = field(default_factory=list)  # gazetteer places whose insides ``ids`` lists

    def sql(self) -> sa.ColumnElement[bool]:
        conds: list[sa.ColumnElement[bool]] = [claims.c[col] == v for col, v in self.equal]
        if self.ids:
            conds.append(claims.c.place_id.in_(sorted(self.ids)))
        conds += [_like_prefix(p) for p in sorted(self.prefixes)]
        return sa.or_(*conds)

    def matches(self, row: Mapping[str, Any]) -> bool:
        if any(v is not None and row.get(col) == v for col, v in self.equal):
            return True
        pid = row.get("place_id")
        if not pid:
            return False
        if pid in self.ids or any(pid.startswith(p) for p in self.prefixes):
            return True
        return any(_contains(self.gazetteer, outer, pid) for outer in self.inside_of)


def place_row(loc: Mapping[str, Any] | None) -> dict[str, Any]:
    """The ``claims`` place columns of a location dict (what :meth:`PlaceMatch.matches` reads)."""
    if not loc:
        return {}
    name = loc.get("name") or loc.get("text")
    return {
        "place_key": normalize_key(name) if name else None,
        "place_id": loc.get("place_id"),
        "admin1_key": normalize_key(loc["admin1"]) if loc.get("admin1") else None,
        "country": loc.get("country"),
    }


def place_condition(conn: sa.Connection, name: str, gazetteer: Any | None = None) -> sa.ColumnElement[bool]:
    """A WHERE condition on ``claims`` for places named ``name`` and every place inside them."""
    return place_match(conn, name, gazetteer).sql()


def place_match(conn: sa.Connection, name: str, gazetteer: Any | None = None) -> PlaceMatch:
    """The :class:`PlaceMatch` of places named ``name`` and every place inside them."""
    key = normalize_key(name)
    pm = PlaceMatch(equal=[("place_key", key), ("admin1_key", key), ("place_id", name.strip())])
    if gazetteer is not None:
        gaz = gazetteer
    else:  # "Aleppo" is searched among the English names, "حلب" among the Arabic ones
        from shahid.geo.gazetteer import script_language

        gaz = _gazetteer(script_language(name))
    pm.gazetteer = gaz
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
            _inside(conn, gaz, m, pm)
    else:
        if _PCODE_RE.match(name.strip()):
            pm.prefixes.add(name.strip())
        named = (
            conn.execute(
                sa.select(claims.c.place_id).where(claims.c.place_key == key, claims.c.place_id.is_not(None)).distinct()
            )
            .scalars()
            .all()
        )
        pm.prefixes.update(p for p in named if _PCODE_RE.match(p))
    return pm


def _inside(conn: sa.Connection, gaz: Any, match: Any, pm: PlaceMatch) -> None:
    """Add the claims inside one gazetteer place: by country or governorate directly, else by
    asking ``contains`` about the stored place ids of the same governorate."""
    pid = _place_id(match)
    if not pid:
        return
    kind = _field(match, "kind", "precision")
    admin1 = _field(match, "admin1")
    country = _field(match, "country")
    if kind == "country" and country:
        pm.ids.add(pid)
        pm.equal.append(("country", country))
        return
    if kind == "governorate" and admin1:
        pm.ids.add(pid)
        pm.equal.append(("admin1_key", normalize_key(admin1)))
        return
    q = sa.select(claims.c.place_id).where(claims.c.place_id.is_not(None)).distinct()
    if admin1:
        q = q.where(claims.c.admin1_key == normalize_key(admin1))
    pm.ids |= {p for p in conn.execute(q).scalars() if p == pid or _contains(gaz, pid, p)} | {pid}
    pm.inside_of.append(pid)  # a reviewed place id no stored claim has is asked about directly


def _contains(gaz: Any, outer: str, inner: str) -> bool:
    if gaz is None:
        return False
    try:
        return bool(gaz.contains(outer, inner))
    except Exception:
        return False
