"""``/claims`` (the filters of ``shahid claims``) and ``/claims/{id}``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from shahid.store.query import parse_day
from shahid.web import models, views
from shahid.web.app import MAX_ROW_ID, StoreDep, page

router = APIRouter()

Multi = Annotated[list[str] | None, Query()]


def claim_params(event: Multi = None, actor: Multi = None, victim: Multi = None, place: str | None = None,
                 since: str | None = None, until: str | None = None, source_type: Multi = None,
                 certainty: Multi = None, text: str | None = None, outlet: Multi = None,
                 located: bool = False) -> dict[str, Any]:
    """The claim filters as query parameters, named as ``shahid claims``' options."""
    try:
        parse_day(since or None)
        parse_day(until or None, end=True)
    except ValueError as e:
        raise HTTPException(400, str(e)) from None
    return {"event": event, "actor": actor, "victim": victim, "place": place, "since": since, "until": until,
            "source_type": source_type, "certainty": certainty, "text": text, "outlet": outlet, "located": located}


@page(router, "/claims", "claims.html", models.ClaimList, view=views.claims_view)
def claims(request: Request, store: StoreDep, params: Annotated[dict[str, Any], Depends(claim_params)],
           after: Annotated[int, Query(ge=0, le=MAX_ROW_ID)] = 0,
           per_page: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
    """Claims in storage order, filtered; keyset pages (``after`` = the last row id seen)."""
    return views.claim_list(store, params, after=after, per_page=per_page)


@page(router, "/claims/{row_id}", "claim.html", models.ClaimPage, view=views.claim_view)
def claim(request: Request, store: StoreDep, row_id: Annotated[int, Path(le=MAX_ROW_ID)]) -> dict[str, Any]:
    """One claim with every value's span, its document and its incident."""
    data = views.claim(store, row_id)
    if data is None:
        raise HTTPException(404, f"no claim {row_id}")
    return data
