"""Read queries the API needs beyond the store's own, in SQLAlchemy Core over the store's tables."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select

from ..store.schema import articles, claims, documents, reports
from .models import ActorCount, ArticleIn, DocumentEvent, DocumentOut, IngestItem, Stats

EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments")
TOP_ACTORS = 50


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
        found = conn.execute(select(reports.c.id.label("report_id"), reports.c.event_id, reports.c.event_type,
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
    from ..records import FeedHints, RawDocument

    for item in items:
        if item.text is None and item.html is None:
            yield from read([item.url])
            continue
        content = (item.html if item.html is not None else item.text).encode("utf-8")
        sha = hashlib.sha256(content).hexdigest()
        hints = FeedHints(url=item.url, title=item.title, published=item.published, outlet=item.outlet,
                          fetched=item.fetched)
        yield RawDocument(doc=item.url or f"api-{sha[:12]}", origin=item.url or "api", content=content,
                          media_type="text/html" if item.html is not None else "text/plain", sha256=sha,
                          fetched_at=item.fetched, hints=hints)


def _json_list(value: str | None) -> list[Any]:
    return json.loads(value) if value else []
