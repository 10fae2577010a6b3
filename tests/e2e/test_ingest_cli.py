"""`frontlines ingest` and `frontlines docs` on files written here (invented places and events)."""

import json
import shutil

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, func, select

from frontlines.cli import main
from frontlines.store import base
from frontlines.store.schema import articles, documents

REPORT = """Shelling hits market in Port Aldo

Artillery shells struck the central market of Port Aldo in southern Varonia on Tuesday, killing four traders, the regional governor said.

The Coastal Militia denied firing on the town.
"""
TRUCE = """Truce talks resume in Lake Mirel

Negotiators from Varonia and the Coastal Militia met again on Thursday in Lake Mirel, a week after a prisoner exchange, mediators said.
"""
NOTICIA = """Enfrentamientos en Puerto Aldo

Las fuerzas del ejército de Varonia y la milicia costera se enfrentaron el martes en las afueras de Puerto Aldo, según fuentes locales.

Los combates duraron varias horas y obligaron a cientos de familias a abandonar sus casas.
"""
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\xff\xfe\x00\x01" * 8


@pytest.fixture
def batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "market.txt").write_text(REPORT)
    (folder / "truce.txt").write_text(TRUCE)
    (folder / "noticia.txt").write_text(NOTICIA)
    (folder / "menu.txt").write_text("Home\nWorld\nSports\nContact us\n")
    (folder / "empty.txt").write_text("")
    (folder / "photo.txt").write_bytes(BINARY)
    shutil.copy(folder / "market.txt", folder / "repost.txt")
    return folder


def ingest(*args):
    return CliRunner().invoke(main, ["ingest", "--quiet", *map(str, args)])


def rows(db, *columns):
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        found = sorted(tuple(r) for r in conn.execute(select(*columns)))
    engine.dispose()
    return found


def test_ingest_stores_good_keeps_bad_reports_duplicates_and_a_rerun_adds_nothing(batch, tmp_path, nlp):
    db = tmp_path / "f.db"
    first = ingest(batch, "--db", db)
    assert first.exit_code == 1, first.output
    lines = first.stderr.splitlines()
    assert lines[-1] == "3 ingested (1 not coded), 1 duplicate, 3 failed"
    assert [line.split(": ")[1] for line in lines if line.startswith("error: ")] == [
        str(batch / name) for name in ("empty.txt", "menu.txt", "photo.txt")]
    assert [line.split(": ")[1] for line in lines if line.startswith("note: ")] == [str(batch / "noticia.txt")]
    stored = {doc: (status, content) for doc, status, content in
              rows(db, documents.c.doc, documents.c.status, documents.c.content)}
    assert {doc: stored[doc][0] for doc in ("market.txt", "menu.txt", "noticia.txt", "truce.txt")} == {
        "market.txt": "ok", "menu.txt": "failed", "noticia.txt": "skipped", "truce.txt": "ok"}
    assert stored["menu.txt"][1] == (batch / "menu.txt").read_bytes()
    assert "repost.txt" not in stored
    assert rows(db, articles.c.title, articles.c.language) == [
        ("Enfrentamientos en Puerto Aldo", "es"), ("Shelling hits market in Port Aldo", "en"),
        ("Truce talks resume in Lake Mirel", "en")]

    before = rows(db, documents.c.id, documents.c.sha256, documents.c.status)
    second = ingest(batch, "--db", db)
    assert second.exit_code == 1, second.output  # the bad files are retried and fail again
    assert second.stderr.splitlines()[-1] == "0 ingested, 4 duplicate, 3 failed"
    assert rows(db, documents.c.id, documents.c.sha256, documents.c.status) == before
    assert len(rows(db, articles.c.document_id)) == 3


def test_ingest_of_good_files_exits_zero_and_docs_lists_them(batch, tmp_path, nlp):
    db = tmp_path / "f.db"
    result = ingest(batch / "market.txt", batch / "truce.txt", "--db", db)
    assert (result.exit_code, result.stderr.strip()) == (0, "2 ingested, 0 duplicate, 0 failed")
    assert result.stdout == ""

    listed = CliRunner().invoke(main, ["docs", "--db", str(db), "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    records = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["id"], r["doc"], r["status"], r["title"]) for r in records] == [
        (1, "market.txt", "ok", "Shelling hits market in Port Aldo"),
        (2, "truce.txt", "ok", "Truce talks resume in Lake Mirel")]
    assert {"published", "language", "places", "events"} <= set(records[0])

    table = CliRunner().invoke(main, ["docs", "--db", str(db), "--limit", "1"]).stdout.splitlines()
    assert table[0].split() == ["id", "doc", "status", "published", "language", "places", "events", "title", "/",
                                "reason"]
    assert len(table) == 2 and table[1].split()[:3] == ["1", "market.txt", "ok"]


def test_a_crash_mid_batch_keeps_whole_documents_and_a_rerun_completes_it(tmp_path, nlp, monkeypatch):
    folder, db = tmp_path / "patrols", tmp_path / "f.db"
    folder.mkdir()
    for n in range(6):
        (folder / f"patrol{n}.txt").write_text(f"Patrol report {n}\n\nA patrol crossed the Mirel river at dawn "
                                               f"on day {n} of the truce, the army said.\n")
    write_result, calls = base._write_result, []

    def crash_on_third(conn, document_id, result):
        calls.append(document_id)
        write_result(conn, document_id, result)
        if len(calls) == 3:
            raise RuntimeError("power cut")

    monkeypatch.setattr(base, "_write_result", crash_on_third)
    crashed = ingest(folder, "--db", db)
    assert isinstance(crashed.exception, RuntimeError)
    assert rows(db, documents.c.doc) == [("patrol0.txt",), ("patrol1.txt",)]
    assert len(rows(db, articles.c.document_id)) == 2

    monkeypatch.undo()
    rerun = ingest(folder, "--db", db)
    assert (rerun.exit_code, rerun.stderr.strip()) == (0, "4 ingested, 2 duplicate, 0 failed")
    assert rows(db, documents.c.doc) == [(f"patrol{n}.txt",) for n in range(6)]
    assert len(rows(db, articles.c.document_id)) == 6


def test_an_unopenable_database_is_a_clear_error(batch, tmp_path):
    result = ingest(batch, "--db", tmp_path / "no" / "such" / "dir.db")
    assert result.exit_code == 1
    assert "cannot open database" in result.stderr
