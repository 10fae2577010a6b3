"""Numbered, transactional schema migrations.

``MIGRATIONS[n - 1]`` takes a database from version ``n - 1`` to ``n``. Each step runs in one
transaction together with its ``schema_version`` row, so a failing step leaves the previous
version intact. Append new steps at the end; never edit, remove or reorder a released one
(docs/store.md shows how).
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Connection, Engine, func, insert, inspect, select, text

from ..errors import StoreError
from .schema import metadata, schema_version


def create_tables(conn: Connection, *names: str) -> None:
    """Create the named tables of schema.py, with their indexes, unless they exist."""
    metadata.create_all(conn, tables=[metadata.tables[name] for name in names], checkfirst=True)


def documents_articles_places_reports_claims(conn: Connection) -> None:
    create_tables(conn, "documents", "articles", "places", "reports", "claims")


def fused_events_and_reports(conn: Connection) -> None:
    from .events import create_tables as create_event_tables  # lazy: store/events.py imports the fusion stage

    create_event_tables(conn)


def event_filter_indexes(conn: Connection) -> None:
    """Indexes for the API's event filters (type and dates, bounding box, actor names; api/queries.py)
    and for the territorial events that control timelines read."""
    for name, columns in (("fused_events_type_date_idx", "event_type, event_date"),
                          ("fused_events_point_idx", "latitude, longitude, event_date, event_type"),
                          ("fused_events_actor1_idx", "actor1"), ("fused_events_actor2_idx", "actor2"),
                          ("fused_events_sub_type_idx", "sub_event_type, event_date")):
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON fused_events ({columns})"))


def event_text_search(conn: Connection) -> None:
    """Full-text search over fused events (store/search.py); actor names matched ignoring case; the
    type and date index covers the bounding box, so a filtered page reads no table rows."""
    from .search import create_index

    create_index(conn)
    conn.execute(text("DROP INDEX IF EXISTS fused_events_type_date_idx"))
    for name, columns in (("fused_events_type_point_idx", "event_type, event_date, latitude, longitude"),
                          ("fused_events_actor1_lower_idx", "lower(actor1), event_date"),
                          ("fused_events_actor2_lower_idx", "lower(actor2), event_date")):
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON fused_events ({columns})"))


MIGRATIONS = [
    documents_articles_places_reports_claims,
    fused_events_and_reports,
    event_filter_indexes,
    event_text_search,
]


def current_version(conn: Connection) -> int:
    """The highest migration applied (0 for an empty database)."""
    if not inspect(conn).has_table("schema_version"):
        return 0
    return conn.scalar(select(func.coalesce(func.max(schema_version.c.version), 0)))


def migrate(engine: Engine) -> int:
    """Apply pending migrations in order and return the version now in force.

    Safe to run from several processes at once: each step re-checks the version under the
    write lock (SQLite ``BEGIN IMMEDIATE``, PostgreSQL ``LOCK TABLE``).
    """
    with engine.connect() as conn:
        current = current_version(conn)
    if current > len(MIGRATIONS):
        raise StoreError(f"the database is at schema version {current} but this frontlines knows only "
                         f"{len(MIGRATIONS)}: upgrade frontlines")
    writer = engine.execution_options(write=True)
    for version in range(current + 1, len(MIGRATIONS) + 1):
        step = MIGRATIONS[version - 1]
        with writer.begin() as conn:
            create_tables(conn, "schema_version")
            if conn.dialect.name == "postgresql":
                conn.execute(text("LOCK TABLE schema_version IN EXCLUSIVE MODE"))
            if current_version(conn) >= version:
                continue
            step(conn)
            conn.execute(insert(schema_version).values(
                version=version, name=step.__name__,
                applied_at=datetime.now(timezone.utc).isoformat(timespec="seconds")))
    return len(MIGRATIONS)
