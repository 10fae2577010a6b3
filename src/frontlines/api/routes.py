"""HTTP routes under /api: read endpoints (open) and the token-protected ingest endpoint."""

from __future__ import annotations

import hmac
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from . import boundaries, queries
from .models import (
    ArticleIn, ControlMap, DocumentOut, EventDetail, EventPage, IngestIn, IngestOut, Stats, Timeline,
)

router = APIRouter()
MAX_LIMIT = 5000


def _bad(param: str, message: str) -> RequestValidationError:
    return RequestValidationError([{"loc": ("query", param), "msg": message, "type": "value_error"}])


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    parts = value.split(",")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise _bad("bbox", "expected four numbers 'west,south,east,north' (degrees)") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise _bad("bbox", "longitudes must lie in [-180, 180], latitudes in [-90, 90] with south <= north")
    return west, south, east, north


async def event_filter(  # async: no I/O, so FastAPI runs it in the event loop, not on a worker thread
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees (west > east crosses the "
                                                  "antimeridian)", examples=["60.5,29.3,75.0,38.5"])] = None,
    start: Annotated[date | None, Query(description="first event date (YYYY-MM-DD), inclusive")] = None,
    end: Annotated[date | None, Query(description="last event date (YYYY-MM-DD), inclusive")] = None,
    type: Annotated[list[str] | None, Query(description="ACLED event type; repeat for several")] = None,
    sub_type: Annotated[list[str] | None, Query(description="ACLED sub-event type; repeat for several")] = None,
    actor: Annotated[str | None, Query(description="actor1 or actor2, the whole name in any case (see /api/stats "
                                                   "top_actors; q finds words of names)")] = None,
    country: Annotated[str | None, Query(description="country name, exact")] = None,
    admin1: Annotated[str | None, Query(description="first-level admin unit, exact")] = None,
    q: Annotated[str | None, Query(description="words in the location, admin names, actors, notes, evidence or "
                                               "claims; all must occur, the last one as a prefix; any case "
                                               "and accents")] = None,
) -> queries.EventFilter:
    if start and end and start > end:
        raise _bad("start", f"start {start} is after end {end}")
    unknown = sorted(set(type or ()) - set(queries.EVENT_TYPES))
    if unknown:
        raise _bad("type", f"unknown event type {unknown[0]!r}; one of: {', '.join(queries.EVENT_TYPES)}")
    return queries.EventFilter(
        bbox=_bbox(bbox), start=start.isoformat() if start else None, end=end.isoformat() if end else None,
        types=tuple(type or ()), sub_types=tuple(sub_type or ()), actor=actor or None, country=country or None,
        admin1=admin1 or None, text=q or None)


Filter = Annotated[queries.EventFilter, Depends(event_filter)]


def _store(request: Request):
    return request.app.state.store


@router.get("/events", response_model=EventPage, summary="Fused events, filtered and paginated")
def list_events(request: Request, where: Filter,
                limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
                offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    page = queries.events_page(_store(request).engine, where, limit, offset)
    out = EventPage(total=page.total, total_exact=page.exact, limit=limit, offset=offset,
                    next_offset=offset + len(page.items) if page.more else None, items=page.items)
    # pydantic writes the JSON itself: FastAPI's own validate-encode-dump of a returned dict costs
    # several times more for a page of 100 events
    return Response(out.model_dump_json(), media_type="application/json")


@router.get("/events/{event_id}", response_model=EventDetail,
            summary="One event with its reports, claims, figures per source, sources and evidence")
def get_event(request: Request, event_id: str) -> EventDetail:
    found = queries.event_detail(_store(request).engine, event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id}")
    return found


@router.get("/timeline", response_model=Timeline, summary="Events per day or week (same filters as /events)")
def timeline(request: Request, where: Filter,
             bin: Annotated[str, Query(pattern="^(day|week)$", description="day or week")] = "day") -> Timeline:
    return Timeline(bin=bin, bins=queries.timeline(_store(request).engine, where, bin))


@router.get("/control", response_model=ControlMap, summary="Who controls which unit on a date")
def control(request: Request, at: Annotated[date, Query(description="the date (YYYY-MM-DD)")]) -> ControlMap:
    return ControlMap(at=at.isoformat(), units=queries.control(_store(request), at.isoformat()))


@router.get("/boundaries", summary="Imported admin-unit polygons (GeoJSON FeatureCollection, maybe empty)")
def get_boundaries(request: Request) -> dict:
    path = request.app.state.settings.boundaries
    return boundaries.load(path) if path else boundaries.EMPTY


@router.get("/documents/{document_id}", response_model=DocumentOut, summary="A stored document and its article")
def get_document(request: Request, document_id: int) -> DocumentOut:
    found = queries.document(_store(request).engine, document_id)
    if found is None:
        raise HTTPException(404, f"no document {document_id}")
    return found


@router.get("/stats", response_model=Stats, summary="Counts, date span, events per type, top actors")
def stats(request: Request) -> Stats:
    return queries.stats(_store(request).engine)


def _authorise(request: Request, authorization: str | None, x_frontlines_token: str | None) -> None:
    token = request.app.state.settings.token
    if not token:
        raise HTTPException(403, "ingest is disabled: start the server with --token or FRONTLINES_TOKEN")
    given = x_frontlines_token or (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "missing or wrong token (send 'Authorization: Bearer TOKEN')",
                            headers={"WWW-Authenticate": "Bearer"})


async def _articles(request: Request) -> list[ArticleIn]:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/json":
        try:
            data = await request.json()
        except ValueError:
            raise HTTPException(422, "body is not valid JSON") from None
        try:
            if isinstance(data, dict) and "articles" in data:
                return IngestIn.model_validate(data).articles
            items = data if isinstance(data, list) else [data]
            return IngestIn.model_validate({"articles": items}).articles
        except ValidationError as exc:
            raise RequestValidationError(exc.errors(include_url=False)) from None
    if media in ("text/plain", "text/html"):
        raw = (await request.body()).decode("utf-8", errors="replace")
        if not raw.strip():
            raise HTTPException(422, "empty body")
        meta = {k: request.query_params.get(k) for k in ("title", "url", "published", "outlet")}
        return [ArticleIn(**meta, **{"text" if media == "text/plain" else "html": raw})]
    raise HTTPException(415, "send application/json ({'articles': [...]}), text/plain or text/html")


@router.post("/ingest", response_model=IngestOut, summary="Add articles (token required)",
             description="JSON: {'articles': [{text|html|url, title, published, outlet, url}]}, one article "
                         "object or a list; or a text/plain or text/html body with title/url/published/outlet "
                         "as query parameters. Runs the pipeline, stores and fuses the results.")
async def ingest(request: Request,
                 authorization: Annotated[str | None, Header()] = None,
                 x_frontlines_token: Annotated[str | None, Header()] = None) -> IngestOut:
    _authorise(request, authorization, x_frontlines_token)
    articles = await _articles(request)
    return IngestOut(items=await run_in_threadpool(queries.ingest, request.app, articles))
