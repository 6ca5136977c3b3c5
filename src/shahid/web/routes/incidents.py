"""``/incidents`` (filters, facets, downloads), ``/incidents/{key}``, their GeoJSON and the timeline."""

from __future__ import annotations

import io
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BeforeValidator

from shahid.link import query as lq
from shahid.link.export import geojson, write_acled_csv
from shahid.web import models, views
from shahid.web.app import MAX_NUMBER, StoreDep, page

router = APIRouter()

Multi = Annotated[list[str] | None, Query()]


def _blank_is_none(v: Any) -> Any:
    return None if isinstance(v, str) and not v.strip() else v


# a number field the filter form leaves empty is sent as "name=": no filter, not a bad request
Count = Annotated[int | None, Query(ge=0, le=MAX_NUMBER), BeforeValidator(_blank_is_none)]


def incident_filter(event: Multi = None, actor: Multi = None, perpetrator: Multi = None, place: str | None = None,
                    since: str | None = None, until: str | None = None, grade: Multi = None,
                    min_documents: Count = None, min_originators: Count = None,
                    originator: Multi = None, outlet: Multi = None, contested: bool = False) -> lq.IncidentFilter:
    """The incident filters as query parameters, named as the CLI's options (``actor`` =
    ``perpetrator``); repeated or comma-separated values are alternatives."""
    flt = lq.IncidentFilter(events=event or (), actors=[*(actor or ()), *(perpetrator or ())], place=place or None,
                            since=since or None, until=until or None, grades=grade or (),
                            min_documents=min_documents or 0, min_originators=min_originators or 0,
                            originators=originator or (), outlets=outlet or (), contested=contested)
    try:
        flt.validate()
    except ValueError as e:
        raise HTTPException(400, str(e)) from None
    return flt


Filter = Annotated[lq.IncidentFilter, Depends(incident_filter)]


def _sort(sort: str) -> str:
    if sort not in lq.SORTS:
        raise HTTPException(400, f"unknown sort {sort!r}: one of {', '.join(lq.SORTS)}")
    return sort


@page(router, "/incidents", "incidents.html", models.IncidentList)
def incidents(request: Request, store: StoreDep, flt: Filter, sort: str = "day",
              page: Annotated[int, Query(ge=1, le=MAX_NUMBER)] = 1,
              per_page: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
    """Incidents: filtered, sorted, paginated, with facet counts and download links."""
    return {**views.incident_list(store, flt, sort=_sort(sort), page=page, per_page=per_page),
            "empty": lq.is_empty(store)}


@router.get("/incidents.csv", summary="the filtered incidents as ACLED-style CSV (shahid export-incidents)")
def incidents_csv(store: StoreDep, flt: Filter) -> Response:
    buf = io.StringIO()
    write_acled_csv(lq.iter_incidents(store, flt), buf)
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="incidents.csv"'})


@router.get("/incidents.geojson", summary="the filtered incidents with coordinates as a GeoJSON FeatureCollection")
def incidents_geojson(store: StoreDep, flt: Filter) -> Response:
    return JSONResponse(lq.features(store, flt), media_type="application/geo+json")


@router.get("/timeline.json", response_model=list[models.TimelineDay],
            summary="per day of the filtered incidents: incidents and killed low/best/high")
def timeline(store: StoreDep, flt: Filter) -> list[dict[str, Any]]:
    return lq.timeline(store, flt)


@router.get("/incidents/{key}.geojson",
            summary="one incident as a GeoJSON FeatureCollection (empty without coordinates)")
def incident_geojson(key: str, store: StoreDep) -> Response:
    inc = lq.get_incident(store, key)
    if inc is None:
        raise HTTPException(404, f"no incident {key!r}")
    return JSONResponse(geojson([inc]), media_type="application/geo+json")


@page(router, "/incidents/{key}", "incident.html", models.Incident, view=views.incident_view)
def incident(request: Request, store: StoreDep, key: str) -> dict[str, Any]:
    """One incident: counts with the claims behind each figure, originators, copies, grade, contradictions."""
    data = views.incident(store, key)
    if data is None:
        raise HTTPException(404, f"no incident {key!r} (ids are the keys /incidents shows)")
    return data
