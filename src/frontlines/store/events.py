"""Fused events in the store: incremental fusion of each stored document, and their queries.

Two tables (migration 2): ``fused_events`` (one row per real-world event: an integer ``id`` for
joins, the stable ``cluster`` id that `frontlines extract` prints too, filterable columns and
the whole fused record as JSON) and ``fused_reports`` (which stored report belongs to which
event, with its comparison key and source, so later documents are fused against it without
re-reading articles). ``reports.cluster`` and ``reports.event_id`` point at the event as well.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterator

from sqlalchemy import (
    Column, Connection, Float, ForeignKey, Index, Integer, Table, Text, and_, exists, func, insert, or_, select,
    true, update,
)

from ..fusion.cluster import Clusterer, arrival_order, event_id
from ..fusion.merge import FusedEvent, SourcedReport, fuse
from ..fusion.similarity import MAX_WINDOW_DAYS, TERRITORIAL, Report, report_of
from ..fusion.sources import DocumentSource, SourceRegistry
from ..records import EventMention
from .schema import documents, event_columns, metadata, reports

fused_events = Table(
    "fused_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("cluster", Text, nullable=False, unique=True),
    *event_columns(),
    Column("source_count", Integer, nullable=False),
    Column("report_count", Integer, nullable=False),
    Column("contested", Integer, nullable=False),
    Column("record", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
    Index("fused_events_date_idx", "event_date"),
    Index("fused_events_place_idx", "country", "admin1"),
)

fused_reports = Table(
    "fused_reports", metadata,
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True,
           autoincrement=False),
    Column("event_id", Integer, ForeignKey("fused_events.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", Integer, nullable=False),
    Column("block", Text),  # "country|admin1" of the comparison key; NULL when the report cannot be fused
    Column("day_lo", Integer),
    Column("day_hi", Integer),
    Column("score", Float),  # the score it joined with (NULL: it founded the event)
    Column("report", Text),  # Report.to_dict() JSON
    Column("source", Text, nullable=False),  # DocumentSource.to_dict() JSON
    Index("fused_reports_block_idx", "block", "day_lo"),
    Index("fused_reports_event_idx", "event_id"),
)


def create_tables(conn: Connection) -> None:
    """Migration 2: the fused-event tables."""
    metadata.create_all(conn, tables=[fused_events, fused_reports], checkfirst=True)


@dataclass(frozen=True)
class StoredEvent:
    """A fused event as stored: its row id and when it was first and last fused."""

    id: int
    event: FusedEvent
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class EventQuery:
    """Filters of `frontlines events` (all optional, combined with AND; text matches ignore case)."""

    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None  # name or numeric ISO code
    admin1: str | None = None
    event_type: str | None = None  # event type or sub-event type
    actor: str | None = None  # part of actor1 or actor2
    limit: int | None = None


def _block(report: Report) -> str:
    return f"{report.country}|{report.admin1 or ''}"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def fuse_document(store, document_id: int, registry: SourceRegistry | None = None) -> list[str]:
    """Fuse a stored document's reports into the stored events; returns the cluster ids touched.

    Each report joins the best-scoring stored event of its block and date window, or founds
    one. Idempotent: reports already fused are left alone. One transaction per document.
    """
    stored = store.document(document_id)
    if stored is None or stored.result is None:
        return []
    source = (registry or SourceRegistry.load()).identify(stored.result.article)
    prefix = stored.sha256[:16]
    with store.engine.execution_options(write=True).begin() as conn:
        done = select(fused_reports.c.report_id).where(fused_reports.c.report_id == reports.c.id)
        rows = conn.execute(select(reports.c.id, reports.c.record)
                            .where((reports.c.document_id == document_id) & ~exists(done))
                            .order_by(reports.c.id)).all()
        pending = []
        for row in rows:
            mention = EventMention.from_dict(json.loads(row.record))
            key = f"{prefix}#{mention.id}"
            pending.append((row.id, mention, key, report_of(mention, str(document_id), source.id, key)))
        fusable = [p for p in pending if p[3] is not None]
        clusterer = Clusterer()
        _seed(conn, clusterer, [p[3] for p in fusable])
        joined: dict[str, list[tuple[int, Report | None, float | None]]] = defaultdict(list)
        for report_id, _, _, report in sorted(fusable, key=lambda p: arrival_order(p[3])):
            cluster, score = clusterer.add(report)
            joined[cluster].append((report_id, report, score))
        for report_id, _, key, report in pending:
            if report is None:
                joined[event_id(key)].append((report_id, None, None))
        for cluster, members in joined.items():
            _write_event(conn, cluster, members, document_id, source)
    return list(joined)


def _seed(conn: Connection, clusterer: Clusterer, new: list[Report]) -> None:
    """Offer the stored events of the new reports' blocks and date windows to ``clusterer``."""
    events: set[int] = set()
    for block, lo, hi in {(_block(r), r.lo, r.hi) for r in new}:
        events.update(conn.scalars(select(fused_reports.c.event_id).distinct().where(
            (fused_reports.c.block == block) & (fused_reports.c.day_lo >= lo - MAX_WINDOW_DAYS)
            & (fused_reports.c.day_lo <= hi) & (fused_reports.c.day_hi >= lo))))
    if not events:
        return
    members: dict[str, list[Report]] = defaultdict(list)
    for cluster, report in conn.execute(
            select(fused_events.c.cluster, fused_reports.c.report)
            .join(fused_events, fused_events.c.id == fused_reports.c.event_id)
            .where(fused_reports.c.event_id.in_(sorted(events)) & fused_reports.c.report.is_not(None))
            .order_by(fused_reports.c.report_id)):
        members[cluster].append(Report.from_dict(json.loads(report)))
    for cluster, reports_of_event in members.items():
        clusterer.seed(cluster, reports_of_event)


def _write_event(conn: Connection, cluster: str, members, document_id: int, source: DocumentSource) -> None:
    """Add ``members`` (report id, comparison key, score) to event ``cluster`` and fuse it again."""
    row_id = conn.scalar(select(fused_events.c.id).where(fused_events.c.cluster == cluster))
    now = _now()
    if row_id is None:
        row_id = conn.execute(insert(fused_events).values(
            cluster=cluster, time_precision="", event_type="", sub_event_type="", actor1="", geo_precision=0,
            fatalities=0, source_count=0, report_count=0, contested=0, record="{}", created_at=now,
            updated_at=now)).inserted_primary_key[0]
    conn.execute(insert(fused_reports), [{
        "report_id": report_id, "event_id": row_id, "document_id": document_id,
        "block": _block(report) if report else None, "day_lo": report.lo if report else None,
        "day_hi": report.hi if report else None, "score": score,
        "report": json.dumps(report.to_dict(), ensure_ascii=False) if report else None,
        "source": json.dumps(source.to_dict(), ensure_ascii=False)} for report_id, report, score in members])
    conn.execute(update(reports).where(reports.c.id.in_([m[0] for m in members]))
                 .values(cluster=cluster, event_id=row_id))
    sourced = [
        SourcedReport(f"{sha[:16]}#{local}", name, EventMention.from_dict(json.loads(record)),
                      DocumentSource.from_dict(json.loads(src)))
        for local, record, src, name, sha in conn.execute(
            select(reports.c.local_id, reports.c.record, fused_reports.c.source, documents.c.doc, documents.c.sha256)
            .join(reports, reports.c.id == fused_reports.c.report_id)
            .join(documents, documents.c.id == reports.c.document_id)
            .where(fused_reports.c.event_id == row_id).order_by(fused_reports.c.report_id))]
    event = fuse(cluster, sourced)
    conn.execute(update(fused_events).where(fused_events.c.id == row_id).values(
        **{c: getattr(event, c) for c in ("event_date", "time_precision", "event_type", "sub_event_type", "actor1",
                                         "actor2", "country", "iso", "admin1", "admin2", "location", "latitude",
                                         "longitude", "geo_precision", "fatalities", "source_count")},
        report_count=len(event.reports), contested=int(event.contested),
        record=json.dumps(event.to_dict(), ensure_ascii=False), updated_at=now))


def fuse_pending(store, registry: SourceRegistry | None = None) -> int:
    """Fuse every stored document that has reports not fused yet (e.g. stored before fusion existed)."""
    unfused = ~exists(select(fused_reports.c.report_id).where(fused_reports.c.report_id == reports.c.id))
    with store.engine.connect() as conn:
        ids = list(conn.scalars(select(reports.c.document_id).distinct().where(unfused)
                                .order_by(reports.c.document_id)))
    for document_id in ids:
        fuse_document(store, document_id, registry)
    return len(ids)


def _where(query: EventQuery):
    lower = func.lower
    conditions = []
    if query.date_from:
        conditions.append(fused_events.c.event_date >= query.date_from)
    if query.date_to:
        conditions.append(fused_events.c.event_date <= query.date_to)
    if query.country:
        by_name = lower(fused_events.c.country) == query.country.lower()
        conditions.append(or_(by_name, fused_events.c.iso == int(query.country))
                          if query.country.isdigit() else by_name)
    if query.admin1:
        conditions.append(lower(fused_events.c.admin1) == query.admin1.lower())
    if query.event_type:
        wanted = query.event_type.lower()
        conditions.append(or_(lower(fused_events.c.event_type) == wanted,
                              lower(fused_events.c.sub_event_type) == wanted))
    if query.actor:
        pattern = f"%{query.actor.lower()}%"
        conditions.append(or_(lower(fused_events.c.actor1).like(pattern),
                              lower(fused_events.c.actor2).like(pattern)))
    return and_(true(), *conditions)


def list_events(store, query: EventQuery = EventQuery()) -> Iterator[StoredEvent]:
    """Fused events matching ``query`` by date, then id, streamed from the database."""
    statement = (select(fused_events.c.id, fused_events.c.record, fused_events.c.created_at,
                        fused_events.c.updated_at)
                 .where(_where(query)).order_by(fused_events.c.event_date, fused_events.c.id).limit(query.limit))
    with store.engine.connect() as conn:
        for row in conn.execution_options(yield_per=500).execute(statement):
            yield StoredEvent(row.id, FusedEvent.from_dict(json.loads(row.record)), row.created_at, row.updated_at)


def territorial_events(store, country: str | None = None) -> Iterator[FusedEvent]:
    """Fused events that change who holds territory (the input of control timelines)."""
    condition = and_(fused_events.c.sub_event_type.in_(sorted(TERRITORIAL)), _where(EventQuery(country=country)))
    statement = select(fused_events.c.record).where(condition).order_by(fused_events.c.event_date)
    with store.engine.connect() as conn:
        for record in conn.execution_options(yield_per=500).scalars(statement):
            yield FusedEvent.from_dict(json.loads(record))
