"""``/documents/{id}``: a stored article with every claim's spans highlighted."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request

from shahid.web import models, views
from shahid.web.app import StoreDep, page

router = APIRouter()


@page(router, "/documents/{doc_id}", "document.html", models.Document, view=views.document_view)
def document(request: Request, store: StoreDep, doc_id: str) -> dict[str, Any]:
    """A document as ingested, its claims with their spans, and the incidents they joined."""
    data = views.document(store, doc_id)
    if data is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return data
