"""The current database schema as SQLAlchemy Core tables (created and altered only by migrations).

Plain table and column names so sqlite3, datasette or psql can query the file directly; JSON is
stored as TEXT, dates as ISO strings. Record fields whose names are SQL keywords are renamed
(``RENAMES``) so hand-written queries need no quoting.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint, Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, Table, Text,
)

metadata = MetaData()

# record field -> column name (the reverse is applied when rows become records again)
RENAMES = {"id": "local_id", "start": "start_char", "end": "end_char", "by": "claimed_by"}

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("applied_at", Text, nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", Text, nullable=False, unique=True),
    Column("doc", Text, nullable=False),
    Column("origin", Text, nullable=False),
    Column("media_type", Text, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("fetched_at", Text),
    Column("ingested_at", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("reason", Text),
    Column("hints", Text),
    CheckConstraint("status IN ('ok', 'failed', 'skipped')", name="documents_status"),
    Index("documents_status_idx", "status"),
)


def _document_id(primary_key: bool = False) -> Column:
    return Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False,
                  primary_key=primary_key)


articles = Table(
    "articles", metadata,
    _document_id(primary_key=True),
    Column("title", Text),
    Column("outlet", Text),
    Column("url", Text),
    Column("author", Text),
    Column("published", Text),
    Column("published_from", Text),
    Column("published_to", Text),
    Column("published_basis", Text, nullable=False),
    Column("language", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("removed", Text, nullable=False),
)

places = Table(
    "places", metadata,
    Column("id", Integer, primary_key=True),
    _document_id(),
    Column("mention", Text, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("geonameid", Integer),
    Column("country_code", Text),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("kind", Text, nullable=False),
    Column("geo_precision", Integer, nullable=False),
    Column("score", Float, nullable=False),
    Index("places_document_idx", "document_id"),
)

def event_columns() -> list[Column]:
    """The ACLED fields every coded event carries, as a report and as a fused event."""
    return [
        Column("event_date", Text),
        Column("time_precision", Text, nullable=False),
        Column("event_type", Text, nullable=False),
        Column("sub_event_type", Text, nullable=False),
        Column("actor1", Text, nullable=False),
        Column("actor2", Text),
        Column("country", Text),
        Column("iso", Integer),
        Column("admin1", Text),
        Column("admin2", Text),
        Column("location", Text),
        Column("latitude", Float),
        Column("longitude", Float),
        Column("geo_precision", Integer, nullable=False),
        Column("fatalities", Integer, nullable=False),
    ]


reports = Table(
    "reports", metadata,
    Column("id", Integer, primary_key=True),
    _document_id(),
    Column("local_id", Text, nullable=False),
    *event_columns(),
    Column("date_from", Text),
    Column("date_to", Text),
    Column("assoc_actor_1", Text),
    Column("assoc_actor_2", Text),
    Column("inter1", Text),
    Column("inter2", Text),
    Column("geonameid", Integer),
    Column("notes", Text, nullable=False),
    Column("cluster", Text),
    Column("record", Text, nullable=False),
    Column("event_id", Integer),
    Index("reports_document_idx", "document_id"),
    Index("reports_event_idx", "event_id"),
)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("claimed_by", Text, nullable=False),
    Column("stance", Text, nullable=False),
    Column("quote", Text, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Index("claims_report_idx", "report_id"),
)
