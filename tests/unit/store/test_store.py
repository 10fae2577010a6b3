"""The store on both backends: migrations, content-hash keys, atomic documents, reading back."""

import pytest
from sqlalchemy import func, insert, inspect, select, text
from sqlalchemy.exc import IntegrityError
from store_factory import make_document, make_failure, make_raw, make_result

from frontlines.errors import StoreError
from frontlines.records import Failure
from frontlines.store import Store, migrations
from frontlines.store.schema import articles, claims, documents, metadata, places, reports, schema_version

TABLES = ("documents", "articles", "places", "reports", "claims")


def counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {name: conn.scalar(select(func.count()).select_from(metadata.tables[name])) for name in TABLES}


def versions(store: Store) -> list[tuple[int, str]]:
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(select(schema_version.c.version, schema_version.c.name))]


def test_migrations_apply_once_and_reopening_changes_nothing(db_url):
    with Store.open(db_url) as first:
        applied = versions(first)
        first.save(*make_document(1))
    with Store.open(db_url) as second:
        assert versions(second) == applied
        assert [v for v, _ in applied] == list(range(1, len(migrations.MIGRATIONS) + 1))
        assert set(TABLES) <= set(inspect(second.engine).get_table_names())
        assert counts(second)["documents"] == 1


def test_a_failing_migration_rolls_back_and_keeps_the_previous_version(db_url, monkeypatch):
    def broken(conn):
        conn.execute(text("CREATE TABLE half_done (x INTEGER)"))
        raise RuntimeError("migration bug")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    with pytest.raises(RuntimeError, match="migration bug"):
        Store.open(db_url)
    monkeypatch.undo()
    with Store.open(db_url) as store:
        assert [v for v, _ in versions(store)] == list(range(1, len(migrations.MIGRATIONS) + 1))
        assert "half_done" not in inspect(store.engine).get_table_names()


def test_a_database_from_a_newer_frontlines_is_refused(store, db_url):
    with store.engine.begin() as conn:
        conn.execute(insert(schema_version).values(version=99, name="future", applied_at="2099-01-01"))
    with pytest.raises(StoreError, match="upgrade frontlines"):
        Store.open(db_url)


def test_a_saved_document_comes_back_as_the_same_records(store):
    raw, result = make_document(1, places=3, events=2)
    outcome = store.save(raw, result)
    assert (outcome.status, outcome.reason) == ("ingested", None)
    stored = store.document(outcome.document_id)
    assert (stored.doc, stored.sha256, stored.status) == ("doc1.txt", raw.sha256, "ok")
    assert stored.result == result
    assert store.raw(outcome.document_id) == raw
    assert counts(store) == {"documents": 1, "articles": 1, "places": 3, "reports": 2, "claims": 4}


def test_report_and_claim_rows_are_queryable_by_plain_column_names(store):
    raw, result = make_document(1, events=1)
    store.save(raw, result)
    with store.engine.connect() as conn:
        report = conn.execute(select(reports)).one()
        stances = conn.execute(select(claims.c.claimed_by, claims.c.stance, claims.c.start_char)
                               .order_by(claims.c.id)).all()
        place = conn.execute(select(places.c.mention, places.c.start_char, places.c.end_char)).first()
    event = result.events[0]
    assert (report.local_id, report.event_type, report.fatalities, report.event_id) == (
        event.id, event.event_type, event.fatalities, None)
    assert (report.date_from, report.date_to) == event.date_range
    assert [tuple(s) for s in stances] == [(c.by, c.stance, c.start) for c in event.claims]
    assert tuple(place) == ("Port Aldo", 23, 32)


def test_the_same_bytes_again_are_a_duplicate_and_add_no_rows(store):
    raw, result = make_document(1)
    first = store.save(raw, result)
    before = counts(store)
    renamed = raw.__class__(**{**raw.to_dict(), "doc": "copy.txt", "origin": "/elsewhere/copy.txt",
                               "hints": raw.hints})
    again = store.save(renamed, make_result(renamed))
    assert (again.status, again.document_id, again.source) == ("duplicate", first.document_id, "/elsewhere/copy.txt")
    assert counts(store) == before
    assert store.has(raw.sha256)


def test_a_failed_document_keeps_its_bytes_and_is_retried_in_place(store):
    raw = make_raw(7)
    failed = store.save(raw, make_failure(raw))
    assert (failed.status, failed.reason) == ("failed", "undecodable: invalid start byte")
    assert store.raw(failed.document_id).content == raw.content
    assert not store.has(raw.sha256)
    assert store.document(failed.document_id).result is None
    assert counts(store)["articles"] == 0

    retried = store.save(raw, make_result(raw))
    assert (retried.status, retried.document_id) == ("ingested", failed.document_id)
    assert store.document(failed.document_id).status == "ok"
    assert store.has(raw.sha256)
    assert counts(store)["documents"] == 1


def test_nul_characters_in_text_become_replacement_characters_at_the_same_offsets(store):
    raw = make_raw(8, "Port\x00Aldo shelled")
    outcome = store.save(raw, make_result(raw))
    stored = store.document(outcome.document_id).result.article
    assert stored.body == "Port\ufffdAldo shelled"
    assert store.raw(outcome.document_id).content == raw.content


def test_a_non_english_document_is_stored_with_the_skip_note(store):
    raw, result = make_document(2, places=0, events=0, skipped="language de: not coded")
    outcome = store.save(raw, result)
    assert (outcome.status, outcome.reason) == ("ingested", "language de: not coded")
    stored = store.document(outcome.document_id)
    assert (stored.status, stored.result.skipped, stored.result.article.language) == (
        "skipped", "language de: not coded", "de")


def test_an_error_mid_document_leaves_nothing_of_it(store):
    kept = store.save(*make_document(1))
    before = counts(store)
    raw, result = make_document(2, claim_by=None)  # the claims insert, the last one, violates NOT NULL
    with pytest.raises(IntegrityError):
        store.save(raw, result)
    assert counts(store) == before
    assert not store.has(raw.sha256)
    assert store.document(kept.document_id).result is not None


def test_foreign_keys_are_enforced_and_deleting_a_document_cascades(store):
    with pytest.raises(IntegrityError):
        with store.engine.begin() as conn:
            conn.execute(insert(articles).values(document_id=999, published_basis="x", language="en", body="",
                                                 removed="[]"))
    outcome = store.save(*make_document(1))
    with store.engine.begin() as conn:
        conn.execute(documents.delete().where(documents.c.id == outcome.document_id))
    assert counts(store) == dict.fromkeys(TABLES, 0)


def test_the_listing_counts_places_and_events_and_pages(store):
    store.save(*make_document(1, places=2, events=1))
    bad = make_raw(2, "\x00")
    store.save(bad, make_failure(bad))
    store.save(*make_document(3, places=0, events=0, skipped="language de: not coded"))
    rows = store.documents()
    assert [(r.id, r.doc, r.status, r.places, r.events, r.language) for r in rows] == [
        (1, "doc1.txt", "ok", 2, 1, "en"), (2, "doc2.txt", "failed", 0, 0, None),
        (3, "doc3.txt", "skipped", 0, 0, "de")]
    assert rows[1].reason == "undecodable: invalid start byte"
    assert [r.id for r in store.documents(limit=1, offset=1)] == [2]


def test_results_stream_in_chunks_in_id_order_without_failures(store):
    saved = []
    for i in range(5):
        raw, result = make_document(i, events=i % 2)
        if i == 2:
            store.save(raw, make_failure(raw))
        else:
            store.save(raw, result)
            saved.append(result)
    assert list(store.results(chunk=2)) == saved


class RecordingPipeline:
    """Stands in for Pipeline: records what reached it and returns the factory's result."""

    def __init__(self):
        self.seen = []

    def run(self, items):
        for item in items:
            self.seen.append(item.doc)
            yield make_result(item)


def test_ingest_skips_stored_hashes_before_the_pipeline_and_keeps_read_bytes_of_failures(store):
    store.save(*make_document(1))
    unread, undecodable = make_raw(3), make_raw(5, b"\xff\xfe\x00binary")
    items = [make_raw(1), make_raw(2), make_failure(unread), make_raw(4),
             Failure(undecodable.origin, "undecodable", raw=undecodable)]
    pipeline = RecordingPipeline()
    outcomes = list(store.ingest(items, pipeline, batch_size=2))
    assert [(o.source, o.status) for o in outcomes] == [
        ("/feeds/doc1.txt", "duplicate"), ("/feeds/doc2.txt", "ingested"),
        ("/feeds/doc3.txt", "failed"), ("/feeds/doc4.txt", "ingested"), ("/feeds/doc5.txt", "failed")]
    assert pipeline.seen == ["doc2.txt", "doc4.txt"]
    assert not store.has(unread.sha256)  # a reader failure without bytes is reported, not stored
    assert store.raw(outcomes[-1].document_id).content == undecodable.content
    assert [r.status for r in store.documents()] == ["ok", "ok", "ok", "failed"]
