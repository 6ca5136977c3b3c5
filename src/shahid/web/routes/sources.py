"""``/places/{place_id}`` (incidents there and inside) and ``/sources/{originator}``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from shahid.web import models, views
from shahid.web.app import MAX_NUMBER, StoreDep, page

router = APIRouter()


@page(router, "/places/{place_id}", "place.html", models.PlacePage)
def place(request: Request, store: StoreDep, place_id: str,
          page: Annotated[int, Query(ge=1, le=MAX_NUMBER)] = 1) -> dict[str, Any]:
    """A place: what the gazetteer knows of it and the incidents there or inside it (newest first)."""
    data = views.place(store, place_id, page=page)
    if not data["known"] and not data["incidents"]:
        raise HTTPException(404, f"no place {place_id!r} in the gazetteer or the ledger")
    return data


@page(router, "/sources/{originator}", "source.html", models.SourcePage)
def source(request: Request, store: StoreDep, originator: str,
           page: Annotated[int, Query(ge=1, le=MAX_NUMBER)] = 1) -> dict[str, Any]:
    """An originator (who first said it), its claims, the outlets carrying it, its incidents."""
    data = views.source(store, originator, page=page)
    if data is None:
        raise HTTPException(404, f"no originator {originator!r}")
    return data
