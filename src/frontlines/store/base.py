"""The document store: raw inputs and everything the pipeline derived, on SQLAlchemy Core.

One SQLAlchemy URL picks the backend: ``sqlite:///path`` (default; one file, WAL, foreign keys
on) or ``postgresql+psycopg://...``. Documents are keyed by the SHA-256 of their raw bytes, and
each is written in one transaction, so an interrupted batch leaves whole documents only and
re-running it stores the rest without duplicates.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, Literal

from sqlalchemy import Connection, Engine, create_engine, event, func, insert, select, update
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError

from ..errors import StoreError
from ..pipeline import BATCH_SIZE, Failure, batched
from ..records import Article, DocumentResult, EventMention, FeedHints, Place, RawDocument
from .migrations import migrate
from .schema import RENAMES, articles, claims, documents, places, reports

BUSY_TIMEOUT_MS = 30_000
COLUMN_FIELDS = {column: name for name, column in RENAMES.items()}


@dataclass(frozen=True)
class SaveOutcome:
    """What storing one document did. ``reason``: why it failed, or why coding was skipped."""

    source: str
    status: Literal["ingested", "duplicate", "failed"]
    document_id: int | None = None
    reason: str | None = None


@dataclass(frozen=True)
class DocumentRow:
    """One line of the document listing."""

    id: int
    doc: str
    status: str
    reason: str | None
    published: str | None
    language: str | None
    title: str | None
    places: int
    events: int


@dataclass(frozen=True)
class StoredDocument:
    """A stored document and, unless it failed, the pipeline's result rebuilt from the rows."""

    id: int
    doc: str
    sha256: str
    origin: str
    status: str
    reason: str | None
    ingested_at: str
    result: DocumentResult | None


class Store:
    """Documents, articles, places, reports and claims in one database."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._writer = engine.execution_options(write=True)

    @classmethod
    def open(cls, url: str) -> "Store":
        """Connect to ``url`` (see ``settings.database_url``) and apply pending migrations."""
        engine = _engine(url)
        try:
            migrate(engine)
        except OperationalError as exc:
            engine.dispose()
            raise StoreError(f"cannot open database {engine.url.render_as_string(hide_password=True)}: "
                             f"{exc.orig} (check the path or server)") from exc
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def has(self, sha256: str) -> bool:
        """True when a document with this hash is stored and did not fail (failures are retried)."""
        with self.engine.connect() as conn:
            return _stored_id(conn, sha256) is not None

    def save(self, raw: RawDocument, result: DocumentResult | Failure) -> SaveOutcome:
        """Store one document and what the pipeline made of it, in one transaction.

        A hash already stored changes nothing and comes back as a duplicate, except a stored
        failure: that row is retried in place (same id) with the new result.
        """
        failed = isinstance(result, Failure)
        reason = result.reason if failed else result.skipped
        row = _row(documents, {
            "sha256": raw.sha256, "doc": raw.doc, "origin": raw.origin, "media_type": raw.media_type,
            "content": raw.content, "fetched_at": raw.fetched_at, "hints": _json(raw.hints.to_dict()),
            "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "status": "failed" if failed else ("skipped" if result.skipped else "ok"), "reason": reason,
        })
        try:
            with self._writer.begin() as conn:
                found = conn.execute(select(documents.c.id, documents.c.status)
                                     .where(documents.c.sha256 == raw.sha256)).first()
                if found and found.status != "failed":
                    return SaveOutcome(raw.origin, "duplicate", found.id)
                if found:
                    conn.execute(update(documents).where(documents.c.id == found.id), row)
                    document_id = found.id
                else:
                    document_id = conn.execute(insert(documents), row).inserted_primary_key[0]
                if not failed:
                    _write_result(conn, document_id, result)
        except IntegrityError:
            with self.engine.connect() as conn:  # a concurrent writer stored the same hash first
                stored = _stored_id(conn, raw.sha256)
            if stored is None:
                raise
            return SaveOutcome(raw.origin, "duplicate", stored)
        return SaveOutcome(raw.origin, "failed" if failed else "ingested", document_id, reason)

    def ingest(self, items: Iterable[RawDocument | Failure], pipeline,
               batch_size: int = BATCH_SIZE) -> Iterator[SaveOutcome]:
        """Run ``pipeline`` over the documents not stored yet and save each one, in input order.

        Stored hashes come out as duplicates before any NLP runs on them; reader failures are
        stored when they carry the bytes read (``Failure.raw``), else only reported.
        """
        for chunk in batched(items, batch_size):
            with self.engine.connect() as conn:
                stored = [None if isinstance(item, Failure) else _stored_id(conn, item.sha256) for item in chunk]
            fresh = [item for item, found in zip(chunk, stored) if isinstance(item, RawDocument) and found is None]
            results = pipeline.run(fresh)  # one result per document, in order
            for item, found in zip(chunk, stored):
                if isinstance(item, Failure) and item.raw is None:
                    yield SaveOutcome(item.source, "failed", None, item.reason)
                elif isinstance(item, Failure):
                    yield self.save(item.raw, item)
                elif found is not None:
                    yield SaveOutcome(item.origin, "duplicate", found)
                else:
                    yield self.save(item, next(results))

    def documents(self, limit: int | None = None, offset: int = 0) -> list[DocumentRow]:
        """Stored documents in id order, with their place and event counts."""
        def count(table):
            return select(func.count()).where(table.c.document_id == documents.c.id).scalar_subquery()

        query = (select(documents.c.id, documents.c.doc, documents.c.status, documents.c.reason,
                        articles.c.published, articles.c.language, articles.c.title,
                        count(places).label("places"), count(reports).label("events"))
                 .select_from(documents.outerjoin(articles)).order_by(documents.c.id)
                 .limit(limit).offset(offset))
        with self.engine.connect() as conn:
            return [DocumentRow(**row._mapping) for row in conn.execute(query)]

    def document(self, document_id: int) -> StoredDocument | None:
        """One stored document with its article, places and reports, or None."""
        with self.engine.connect() as conn:
            found = _load(conn, documents.c.id == document_id)
        return found[0] if found else None

    def raw(self, document_id: int) -> RawDocument | None:
        """The input exactly as it was read (bytes and reader metadata), or None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.id == document_id)).first()
        if row is None:
            return None
        return RawDocument(row.doc, row.origin, row.content, row.media_type, row.sha256, row.fetched_at,
                           FeedHints.from_dict(json.loads(row.hints or "{}")))

    def results(self, chunk: int = 100) -> Iterator[DocumentResult]:
        """Every stored result (failures left out) in id order, read ``chunk`` documents at a time."""
        after = 0
        while True:
            with self.engine.connect() as conn:
                batch = _load(conn, (documents.c.id > after) & (documents.c.status != "failed"), chunk)
            if not batch:
                return
            yield from (stored.result for stored in batch)
            after = batch[-1].id


def _engine(url: str) -> Engine:
    scheme, _, rest = url.partition("://")
    if scheme in ("postgresql", "postgres"):
        url = f"postgresql+psycopg://{rest}"
    try:
        engine = create_engine(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL or path: {url!r} ({exc})") from exc
    except ImportError as exc:
        raise StoreError(f"no driver for {scheme}: pip install 'frontlines[postgres]' ({exc})") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # transactions are begun by _sqlite_begin, DDL included
    cursor = dbapi_conn.cursor()
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON",
                   f"busy_timeout={BUSY_TIMEOUT_MS}"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # writers take the write lock up front so they wait (busy timeout) instead of failing on upgrade
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _row(table, record: dict[str, Any]) -> dict[str, Any]:
    """The record's fields that are columns of ``table``, under their column names.

    NUL characters become U+FFFD (PostgreSQL text cannot hold them; offsets stay valid).
    """
    return {RENAMES.get(k, k): v.replace("\x00", "\ufffd") if isinstance(v, str) else v
            for k, v in record.items() if RENAMES.get(k, k) in table.c}


def _record(row) -> dict[str, Any]:
    return {COLUMN_FIELDS.get(k, k): v for k, v in row._mapping.items()}


def _stored_id(conn: Connection, sha256: str) -> int | None:
    return conn.scalar(select(documents.c.id)
                       .where((documents.c.sha256 == sha256) & (documents.c.status != "failed")))


def _write_result(conn: Connection, document_id: int, result: DocumentResult) -> None:
    article = result.article
    start, end = article.published_range or (None, None)
    conn.execute(insert(articles), {
        **_row(articles, article.to_dict()), "document_id": document_id,
        "published_from": start, "published_to": end, "removed": _json(list(article.removed))})
    if result.places:
        conn.execute(insert(places), [{**_row(places, p.to_dict()), "document_id": document_id}
                                      for p in result.places])
    for mention in result.events:
        record = mention.to_dict()
        start, end = mention.date_range or (None, None)
        report_id = conn.execute(insert(reports), {
            **_row(reports, record), "document_id": document_id, "date_from": start, "date_to": end,
            "record": _json(record)}).inserted_primary_key[0]
        if mention.claims:
            conn.execute(insert(claims), [{**_row(claims, c.to_dict()), "report_id": report_id}
                                          for c in mention.claims])


def _load(conn: Connection, where, limit: int | None = None) -> list[StoredDocument]:
    """Documents matching ``where`` with their results, in three queries whatever their number."""
    article_columns = [c for c in articles.c if c.name != "document_id"]
    rows = conn.execute(select(documents.c.id, documents.c.doc, documents.c.sha256, documents.c.origin,
                               documents.c.status, documents.c.reason, documents.c.ingested_at,
                               *article_columns)
                        .select_from(documents.outerjoin(articles)).where(where)
                        .order_by(documents.c.id).limit(limit)).all()
    ids = [row.id for row in rows]
    found_places: dict[int, list[Place]] = {i: [] for i in ids}
    for row in conn.execute(select(places).where(places.c.document_id.in_(ids)).order_by(places.c.id)):
        found_places[row.document_id].append(Place.from_dict(_record(row)))
    found_events: dict[int, list[EventMention]] = {i: [] for i in ids}
    for row in conn.execute(select(reports.c.document_id, reports.c.record)
                            .where(reports.c.document_id.in_(ids)).order_by(reports.c.id)):
        found_events[row.document_id].append(EventMention.from_dict(json.loads(row.record)))
    return [StoredDocument(row.id, row.doc, row.sha256, row.origin, row.status, row.reason, row.ingested_at,
                           _result(row, found_places[row.id], found_events[row.id])) for row in rows]


def _result(row, found_places: list[Place], found_events: list[EventMention]) -> DocumentResult | None:
    if row.status == "failed":
        return None
    published_range = (row.published_from, row.published_to) if row.published_from else None
    article = Article.from_dict({**row._mapping, "published_range": published_range,
                                 "removed": json.loads(row.removed)})
    return DocumentResult(article, tuple(found_places), tuple(found_events),
                          skipped=row.reason if row.status == "skipped" else None)
