"""Read queries the API needs beyond the store's own, in SQLAlchemy Core over the store's tables."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, func, literal, or_, select

from ..store import search
from ..store.events import fused_events as events
from ..store.events import fuse_document
from ..store.schema import articles, claims, documents, reports
from .models import (
    ActorCount, ArticleIn, ClaimOut, ControlUnit, DocumentEvent, DocumentOut, EventDetail, EvidenceOut, EventSummary,
    FigureOut, IngestItem, ReportOut, SourceOut, Stats, TimelineBin,
)

EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments")
TOP_ACTORS = 50
COUNT_CAP = 10_000  # a page's total counts this many matches at most


@dataclass(frozen=True)
class EventFilter:
    """The filters of /api/events and /api/timeline (all optional, combined with AND)."""

    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    start: str | None = None
    end: str | None = None
    types: tuple[str, ...] = ()
    sub_types: tuple[str, ...] = ()
    actor: str | None = None
    country: str | None = None
    admin1: str | None = None
    text: str | None = None


SUMMARY = [events.c.cluster.label("id"), *(events.c[name] for name in EventSummary.model_fields if name != "id")]
ARTICLE_META = (articles.c.outlet, articles.c.published)


def _conditions(conn: Connection, where: EventFilter) -> tuple[list, bool]:
    """SQL conditions for ``where`` on the fused events table, and whether they should be read once
    (a text search that most events match: search.Match)."""
    e = events.c
    found = []
    if where.bbox:
        west, south, east, north = where.bbox
        found.append(e.latitude.between(south, north))
        found.append(e.longitude.between(west, east) if west <= east else or_(e.longitude >= west, e.longitude <= east))
    if where.start:
        found.append(e.event_date >= where.start)
    if where.end:
        found.append(e.event_date <= where.end)
    if where.types:
        found.append(e.event_type.in_(where.types))
    if where.sub_types:
        found.append(e.sub_event_type.in_(where.sub_types))
    if where.country:
        found.append(e.country == where.country)
    if where.admin1:
        found.append(e.admin1 == where.admin1)
    if where.actor:  # any case: the lower() indexes of migration 4
        name = func.lower(where.actor)
        found.append(or_(func.lower(e.actor1) == name, func.lower(e.actor2) == name))
    if not where.text:
        return found, False
    text = search.matches(conn, where.text)
    return [*found, text.condition], text.many


@dataclass(frozen=True)
class EventsPage:
    """A page of matching events (EventSummary fields) and how many match, counted up to COUNT_CAP
    (or to the page's end): ``exact`` is False when more match."""

    items: list[dict]
    total: int
    exact: bool
    more: bool


def events_page(engine: Engine, where: EventFilter, limit: int, offset: int) -> EventsPage:
    """Matching events, newest first (then the latest fused first)."""
    order = (events.c.event_date.desc(), events.c.id.desc())  # one backward walk of a (..., date) index
    cap = max(COUNT_CAP, offset + limit)
    with engine.connect() as conn:
        conditions, once = _conditions(conn, where)
        # page the ids first: the filter indexes cover the sort, so only the page's rows are read;
        # one id past the page tells whether another follows
        if once:  # one walk over the matches up to the cap gives the page and, beside it, their count
            walk = (select(events.c.id, events.c.event_date).where(*conditions).order_by(*order)
                    .limit(cap + 1).subquery())
            found = conn.execute(select(walk.c.id, func.count().over()).order_by(walk.c.event_date.desc(),
                                 walk.c.id.desc()).limit(limit + 1).offset(offset)).all()
            page = [row[0] for row in found]
            total = found[0][1] if found else _count(conn, conditions, cap)
        else:
            page = select(events.c.id).where(*conditions).order_by(*order).limit(limit + 1).offset(offset)
            total = _count(conn, conditions, cap)
        result = conn.execute(select(*SUMMARY).where(events.c.id.in_(page)).order_by(*order))
        names = list(result.keys())
        rows = [dict(zip(names, row)) for row in result.all()]
    return EventsPage(rows[:limit], min(total, cap), total <= cap, len(rows) > limit)


def _count(conn: Connection, conditions: list, cap: int) -> int:
    """Matching events, counted up to ``cap + 1``."""
    counted = select(literal(1)).select_from(events).where(*conditions).limit(cap + 1).subquery()
    return conn.scalar(select(func.count()).select_from(counted))


def timeline(engine: Engine, where: EventFilter, bin: str) -> list[TimelineBin]:
    """Matching dated events per day, or per ISO week (keyed by its Monday)."""
    day = events.c.event_date
    counts: Counter[str] = Counter()
    with engine.connect() as conn:
        query = (select(day, func.count()).where(day.is_not(None), day != "", *_conditions(conn, where)[0])
                 .group_by(day).order_by(day))
        for start, count in conn.execute(query):
            if bin == "week":
                first = date.fromisoformat(start)
                start = (first - timedelta(days=first.weekday())).isoformat()
            counts[start] += count
    return [TimelineBin(start=start, count=count) for start, count in counts.items()]


def event_detail(engine: Engine, event_id: str) -> EventDetail | None:
    """The event with its reports, their claims, figures, sources and evidence sentences."""
    with engine.connect() as conn:
        row = conn.execute(select(*SUMMARY, events.c.record).where(events.c.cluster == event_id)).first()
        if row is None:
            return None
        found = conn.execute(
            select(reports.c.id, reports.c.document_id, reports.c.record, documents.c.doc, articles.c.title,
                   articles.c.url, *ARTICLE_META)
            .select_from(reports.join(documents).outerjoin(articles))
            .where(_linked(event_id)).order_by(articles.c.published, reports.c.id)).all()
        said = conn.execute(
            select(claims, reports.c.document_id, *ARTICLE_META)
            .select_from(claims.join(reports).join(documents).outerjoin(articles))
            .where(_linked(event_id)).order_by(articles.c.published, claims.c.id)).all()
    out = dict(row._mapping)
    fused = json.loads(out.pop("record"))
    report_list, figures, evidence, sources = [], [], [], {}
    for r in found:
        record = json.loads(r.record)
        meta = {"document_id": r.document_id, "outlet": r.outlet, "published": r.published}
        report_list.append(ReportOut(id=r.id, document_id=r.document_id, **{
            k: record.get(k) for k in ReportOut.model_fields if k not in ("id", "document_id")}))
        figures += [FigureOut(**f, **meta) for f in record.get("figures") or ()]
        spans = record.get("evidence_spans") or ()
        evidence += [EvidenceOut(sentence=s, start=spans[i][0] if i < len(spans) else None,
                                 end=spans[i][1] if i < len(spans) else None, **meta)
                     for i, s in enumerate(record.get("evidence") or ())]
        sources.setdefault(r.document_id, SourceOut(document_id=r.document_id, doc=r.doc, title=r.title,
                                                    url=r.url, outlet=r.outlet, published=r.published))
    return EventDetail(**out, notes=fused.get("notes") or "", assoc_actor_1=fused.get("assoc_actor_1"),
                       assoc_actor_2=fused.get("assoc_actor_2"), fatalities_range=fused.get("fatalities_range"),
                       reports=report_list, fatalities_by_source=figures, evidence=evidence,
                       sources=list(sources.values()),
                       claims=[ClaimOut(by=c.claimed_by, stance=c.stance, quote=c.quote, start=c.start_char,
                                        end=c.end_char, report_id=c.report_id, document_id=c.document_id,
                                        outlet=c.outlet, published=c.published) for c in said])


def control(store, day: str) -> list[ControlUnit]:
    """Every admin unit's control state on ``day``, from the territorial events (fusion's timelines)."""
    from ..fusion.control import control_at, control_timeline
    from ..fusion.merge import FusedEvent
    from ..fusion.similarity import TERRITORIAL

    # store.events.territorial_events sorts by date, which makes SQLite walk the date index over
    # every event; timelines sort by themselves, so read through the sub-event type index instead
    query = select(events.c.record).where(events.c.sub_event_type.in_(sorted(TERRITORIAL)))
    with store.engine.connect() as conn:
        found = [FusedEvent.from_dict(json.loads(record)) for record in conn.scalars(query)]
    timelines = control_timeline(found)
    return [ControlUnit(**{k: v for k, v in s.to_dict().items() if k not in ("start", "end")},
                        since=s.start, until=s.end) for s in control_at(timelines, day)]


def _linked(event_id: str):
    return reports.c.cluster == event_id


def stats(engine: Engine) -> Stats:
    """Counts, the events' date span, events per type and the most frequent actors."""
    def count(table):
        return select(func.count()).select_from(table).scalar_subquery()

    dated = events.c.event_date
    actors: Counter[str] = Counter()
    with engine.connect() as conn:
        totals = conn.execute(select(count(documents).label("documents"), count(articles).label("articles"),
                                     count(reports).label("reports"), count(claims).label("claims"),
                                     count(events).label("events"))).one()
        first, last = conn.execute(select(func.min(dated), func.max(dated)).where(dated != "")).one()
        types = dict(conn.execute(select(events.c.event_type, func.count()).group_by(events.c.event_type)).all())
        for column in (events.c.actor1, events.c.actor2):  # each an index-only scan
            actors.update(dict(conn.execute(select(column, func.count()).where(column.is_not(None))
                                            .group_by(column)).all()))
    top = sorted(actors.items(), key=lambda item: (-item[1], item[0]))[:TOP_ACTORS]
    return Stats(**totals._mapping, first_date=first, last_date=last, event_types=types,
                 top_actors=[ActorCount(actor=name, events=n) for name, n in top])


def document(engine: Engine, document_id: int) -> DocumentOut | None:
    """A stored document with its article (None for failed ones) and the events it reported."""
    query = (select(documents.c.id, documents.c.doc, documents.c.origin, documents.c.status, documents.c.reason,
                    articles.c.title, articles.c.outlet, articles.c.url, articles.c.author, articles.c.published,
                    articles.c.language, articles.c.body)
             .select_from(documents.outerjoin(articles)).where(documents.c.id == document_id))
    with engine.connect() as conn:
        row = conn.execute(query).first()
        if row is None:
            return None
        found = conn.execute(select(reports.c.id.label("report_id"), reports.c.cluster.label("event_id"), reports.c.event_type,
                                    reports.c.event_date, reports.c.location)
                             .where(reports.c.document_id == document_id).order_by(reports.c.id)).all()
    return DocumentOut(**row._mapping, events=[DocumentEvent(**r._mapping) for r in found])


def ingest(app, items: list[ArticleIn]) -> list[IngestItem]:
    """Run the pipeline over posted articles, store them and fuse the new reports (one at a time)."""
    from ..pipeline import Pipeline

    store = app.state.store
    with app.state.ingest_lock:
        if app.state.pipeline is None:
            app.state.pipeline = Pipeline()
        outcomes = list(store.ingest(_raw_documents(items), app.state.pipeline))
        for outcome in outcomes:
            if outcome.status == "ingested":
                fuse_document(store, outcome.document_id)
        with store.engine.connect() as conn:
            counts = dict(conn.execute(select(reports.c.document_id, func.count())
                                       .where(reports.c.document_id.in_([o.document_id for o in outcomes]))
                                       .group_by(reports.c.document_id)).all())
    return [IngestItem(doc=o.source, status="ok" if o.status == "ingested" else o.status,
                       document_id=o.document_id, events=counts.get(o.document_id, 0), reason=o.reason)
            for o in outcomes]


def _raw_documents(items: list[ArticleIn]):
    """Posted articles as RawDocuments (text or HTML), or read from their URL by the URL reader."""
    from ..ingest.sources import read
    from ..records import Failure, FeedHints, RawDocument

    for item in items:
        hints = FeedHints(url=item.url, title=item.title, published=item.published, outlet=item.outlet,
                          fetched=item.fetched)
        if item.text is None and item.html is None:  # http(s) only (models.ArticleIn), private hosts refused
            for raw in read([item.url]):
                given = {k: v for k, v in hints.to_dict().items() if v is not None}
                yield raw if isinstance(raw, Failure) else replace(raw, hints=replace(raw.hints, **given))
            continue
        content = (item.html if item.html is not None else item.text).encode("utf-8")
        sha = hashlib.sha256(content).hexdigest()
        yield RawDocument(doc=item.url or f"api-{sha[:12]}", origin=item.url or "api", content=content,
                          media_type="text/html" if item.html is not None else "text/plain", sha256=sha,
                          fetched_at=item.fetched, hints=hints)


def _json_list(value: str | None) -> list[Any]:
    return json.loads(value) if value else []
