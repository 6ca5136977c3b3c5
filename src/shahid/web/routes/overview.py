"""``/``: the ledger at a glance (an "ingest first" page on an empty ledger)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from shahid.web import models, views
from shahid.web.app import StoreDep, page

router = APIRouter()


@page(router, "/", "index.html", models.Overview)
def overview(request: Request, store: StoreDep) -> dict[str, Any]:
    """The ledger at a glance: documents, claims, incidents, outlets, date range, last run."""
    return views.overview(store)
