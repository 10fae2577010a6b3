"""Full-text search over fused events: the index (migration 4) and the condition that queries it.

The searched text of an event is its place (location, admin names), its actors, its notes, its
evidence sentences and its claims (who, and the quote), all read from the fused record.

- SQLite: an FTS5 table ``fused_events_search`` (contentless, ``rowid`` = ``fused_events.id``,
  accents and case folded) that triggers on ``fused_events`` keep in step with every insert,
  update and delete, so fusion needs no code to maintain it.
- PostgreSQL: a generated column ``search_vector``, ``to_tsvector('simple', fused_event_text(record))``
  (an immutable SQL function of the record), with a GIN index.

A query is split at white space; an event matches when it holds every part (a part the tokenizer
splits, as ``fuel-depot``, is a phrase), the last one as a prefix (``korv`` finds Korvash as the
user types). Each part goes to the engine quoted, so quotes, stars, brackets, ``NEAR`` or ``OR``
in it are plain text; parts without a letter or digit are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, column, false, func, select, table, text

SCALARS = ("location", "admin1", "admin2", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "notes")
FTS = "fused_events_search"
_fts = table(FTS, column("rowid"), column(FTS))
_WORD = re.compile(r"[^\W_]+")  # letters and digits
MANY = 5000  # SQLite matches above which the search tests events rather than lists them (matches())


def terms(query: str) -> list[str]:
    """The parts of a user's query that hold a letter or digit, in order."""
    return [part for part in unicodedata.normalize("NFC", query).split() if any(c.isalnum() for c in part)]


def _sqlite_text(row: str) -> str:
    """SQL for the searched text of ``row`` (NEW, OLD or the table), from its JSON record."""
    record = f"{row}.record"
    parts = [f"json_extract({record}, '$.{name}')" for name in SCALARS] + [
        f"(SELECT group_concat(json_extract(value, '$[1]'), ' ') FROM json_each({record}, '$.evidence'))",
        f"(SELECT group_concat(coalesce(json_extract(value, '$.by'), '') || ' ' || "
        f"coalesce(json_extract(value, '$.quote'), ''), ' ') FROM json_each({record}, '$.claims'))"]
    return " || ' ' || ".join(f"coalesce({part}, '')" for part in parts)


def _sqlite_index(conn: Connection) -> None:
    conn.exec_driver_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(text, content='', "
                         "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')")
    add, drop = (f"INSERT INTO {FTS}(rowid, text) VALUES (NEW.id, {_sqlite_text('NEW')});",
                 f"INSERT INTO {FTS}({FTS}, rowid, text) VALUES ('delete', OLD.id, {_sqlite_text('OLD')});")
    for name, when, body in (("insert", "INSERT", add), ("delete", "DELETE", drop),
                             ("update", "UPDATE OF record", drop + add)):
        conn.exec_driver_sql(f"CREATE TRIGGER IF NOT EXISTS {FTS}_{name} AFTER {when} ON fused_events "
                             f"BEGIN {body} END")
    conn.exec_driver_sql(f"INSERT INTO {FTS}(rowid, text) SELECT id, {_sqlite_text('fused_events')} "
                         "FROM fused_events")


def _postgres_index(conn: Connection) -> None:
    scalars = ", ".join(f"r->>'{name}'" for name in SCALARS)
    conn.exec_driver_sql(f"""
        CREATE OR REPLACE FUNCTION fused_event_text(record text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT concat_ws(' ', {scalars},
            (SELECT string_agg(e->>1, ' ') FROM jsonb_array_elements(r->'evidence') AS e),
            (SELECT string_agg(concat_ws(' ', c->>'by', c->>'quote'), ' ')
               FROM jsonb_array_elements(r->'claims') AS c))
          FROM (SELECT record::jsonb AS r) AS parsed
        $$""")
    # stored, not an expression index: an event tested row by row (many matches) reads its vector
    conn.exec_driver_sql("ALTER TABLE fused_events ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED "
                         "ALWAYS AS (to_tsvector('simple'::regconfig, fused_event_text(record))) STORED")
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS fused_events_search_idx ON fused_events USING gin (search_vector)")


def create_index(conn: Connection) -> None:
    """Migration 4's search index, filled from the events already stored."""
    if conn.dialect.name == "postgresql":
        _postgres_index(conn)
    else:
        _sqlite_index(conn)


@dataclass(frozen=True)
class Match:
    """A condition on ``fused_events``; ``many``: so many events match (SQLite) that each reading of
    the condition gathers them all again, so a caller should read it once (one ordered walk that
    both pages and counts)."""

    condition: ColumnElement[bool]
    many: bool = False


def matches(conn: Connection, query: str) -> Match:
    """The events that hold every part of ``query`` (the last as a prefix)."""
    found = terms(query)
    if not found:
        return Match(false())
    if conn.dialect.name == "postgresql":
        phrases = [[f"'{word}'" for word in _WORD.findall(t)] for t in found]  # PostgreSQL's parser would
        phrases[-1][-1] += ":*"  # read "fuel-depot" as 'fuel-depot' & 'fuel' & 'depot', not as a phrase
        quoted = " & ".join("(" + " <-> ".join(phrase) + ")" for phrase in phrases)
        return Match(text("fused_events.search_vector @@ to_tsquery('simple'::regconfig, :terms)")
                     .bindparams(terms=quoted))
    from .events import fused_events  # lazy: store/events.py imports the fusion stage

    quoted = " ".join('"' + t.replace('"', '""') + '"' for t in found) + "*"
    hits = select(_fts.c.rowid).where(_fts.c[FTS].op("MATCH")(quoted))
    first = hits.limit(MANY + 1).subquery()
    count, ids = conn.execute(select(func.count(), func.json_group_array(first.c.rowid))).one()
    if count == 0:
        return Match(false())
    if count <= MANY:  # searched once: the page and its count read these ids, not the index
        return Match(fused_events.c.id.in_(select(func.json_each(ids).table_valued("value").c.value)))
    # many matches: walking the other filters' index (or the date order) and testing each event
    # against the matches beats reading them all by id; `id + 0` keeps the planner off the id
    return Match((fused_events.c.id + 0).in_(hits), many=True)
