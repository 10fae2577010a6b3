"""`frontlines events` and `control` over a store filled document by document (invented Varonia)."""

import csv
import hashlib
import io
import json

import pytest
from click.testing import CliRunner

from frontlines.cli import main
from frontlines.export import ACLED_COLUMNS
from frontlines.settings import database_url
from frontlines.records import Article, Claim, DocumentResult, EventMention, Fatality, FeedHints, RawDocument
from frontlines.store import Store
from frontlines.store.events import EventQuery, fuse_document, list_events

MILITIA, ARMY = "Coastal Militia", "Military Forces of Varonia"
TOWNS = {  # name -> (geonameid, admin2, lat, lon)
    "Port Aldo": (9001, "Aldo", 41.50, 19.25),
    "Kessa": (9003, "Brenn", 41.62, 19.40),
}


def capture(eid, town, day="2031-05-01", spelled=None, killed=None, claims=(), winner=MILITIA, loser=ARMY,
            sub="Non-state actor overtakes territory"):
    gid, admin2, lat, lon = TOWNS[town]
    return EventMention(
        eid, day, "day", "Battles", sub, winner, loser, "Varonia", 999, "Coast", admin2,
        spelled or town, lat, lon, 1, killed or 0, claims=tuple(claims),
        evidence=(f"Fighters took {spelled or town} after heavy fighting.",), notes=f"Capture of {town}.",
        inter1="Rebel group", inter2="State forces", geonameid=gid,
        figures=(Fatality(killed, "killed", "officials", f"{killed} killed"),) if killed else ())


def document(name, body, outlet, *events):
    content = f"{name}\n{body}".encode()
    sha = hashlib.sha256(content).hexdigest()
    raw = RawDocument(name, f"/feeds/{name}", content, "text/plain", sha, hints=FeedHints(outlet=outlet))
    article = Article(name, sha, name, outlet, None, None, "2031-05-02", None, "feed", "en", body)
    return raw, DocumentResult(article, (), tuple(events))


def store_and_fuse(store, raw, result):
    outcome = store.save(raw, result)
    return fuse_document(store, outcome.document_id)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "fl.db"
    with Store.open(database_url(str(path))) as store:
        first = store_and_fuse(store, *document(
            "herald.txt", "Militia fighters took two towns on the coast.", "Reuters",
            capture("e1", "Port Aldo", killed=7), capture("e2", "Kessa", killed=2)))
        store_and_fuse(store, *document(
            "ledger.txt", "Other words: the army lost the port and Qessa.", "BBC",
            capture("e1", "Kessa", spelled="Qessa",
                    claims=(Claim(MILITIA, "claims", "Qessa is ours"), Claim(ARMY, "denies", "we still hold it"))),
            capture("e2", "Port Aldo", spelled="Porto Aldou", killed=4)))
        store_and_fuse(store, *document(
            "later.txt", "The army retook the port a week later.", "BBC",
            capture("e1", "Port Aldo", day="2031-05-08", winner=ARMY, loser=MILITIA,
                    sub="Government regains territory")))
        assert len(first) == 2
    return str(path)


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_documents_fused_incrementally_keep_the_first_reports_ids(db):
    records = [json.loads(line) for line in run("events", "--db", db, "--format", "jsonl").splitlines()]
    assert [(r["event_date"], r["location"], len(r["reports"])) for r in records] == [
        ("2031-05-01", "Port Aldo", 2), ("2031-05-01", "Kessa", 2), ("2031-05-08", "Port Aldo", 1)]
    port = records[0]
    assert port["id"] == "ev-" + port["id"][3:] and port["reports"][0].endswith("#e1")
    assert (port["fatalities"], port["fatalities_range"], port["source_count"]) == (4, [4, 7], 2)
    assert port["documents"] == ["herald.txt", "ledger.txt"]
    assert records[1]["contested"] and records[1]["denied_by"] == [ARMY]


def test_acled_csv_has_acleds_columns_in_order(db):
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", db, "--format", "csv", "--to", "2031-05-01"))))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
    port = rows[0]
    assert (port["event_date"], port["year"], port["time_precision"], port["disorder_type"]) == (
        "2031-05-01", "2031", "1", "Political violence")
    assert (port["latitude"], port["fatalities"], port["source"]) == ("41.5000", "4", "Reuters; BBC")
    assert port["interaction"] == "State forces-Rebel group" and port["timestamp"].isdigit()
    assert rows[1]["tags"] == f"contested: claimed by {MILITIA}, denied by {ARMY}"


def test_filters_and_geojson(db):
    features = json.loads(run("events", "--db", db, "--format", "geojson", "--type", "Government regains territory"))
    assert [f["properties"]["actor1"] for f in features["features"]] == [ARMY]
    assert features["features"][0]["geometry"] == {"type": "Point", "coordinates": [19.25, 41.5]}
    assert run("events", "--db", db, "--country", "Atlantis").count("\n") == 1  # the header only
    table = run("events", "--db", db, "--actor", "militia", "--from", "2031-05-02")
    assert "2031-05-08" in table and "2031-05-01" not in table
    with Store.open(database_url(db)) as store:
        assert len(list(list_events(store, EventQuery(country="999", admin1="coast")))) == 3


def test_control_on_a_day_and_a_units_history(db):
    units = json.loads(run("control", "--db", db, "--at", "2031-05-03", "--format", "json"))["units"]
    by_unit = {u["unit"]: u for u in units}
    assert (by_unit["Aldo"]["status"], by_unit["Aldo"]["holder"]) == ("held", MILITIA)
    assert (by_unit["Brenn"]["status"], by_unit["Brenn"]["denied_by"]) == ("contested", [ARMY])
    before = json.loads(run("control", "--db", db, "--at", "2031-04-30", "--format", "json"))["units"]
    assert {u["status"] for u in before} == {"unknown"}
    history = run("control", "--db", db, "--unit", "aldo")
    assert "2031-05-01" in history and "2031-05-08" in history and ARMY in history
    geo = json.loads(run("control", "--db", db, "--at", "2031-05-09", "--format", "geojson"))
    assert {f["properties"]["holder"] for f in geo["features"]} == {ARMY, None}
    missing = CliRunner().invoke(main, ["control", "--db", db, "--unit", "Nowhere"])
    assert missing.exit_code != 0 and "no territorial events" in missing.output


def test_ingest_fuses_each_stored_document(tmp_path, monkeypatch):
    docs = {"a.txt": ("Reuters", capture("e1", "Port Aldo")), "b.txt": ("BBC", capture("e1", "Port Aldo",
                                                                                        spelled="Porto Aldou"))}

    class FakePipeline:
        def run(self, raws):
            for raw in raws:
                outlet, event = docs[raw.doc]
                yield document(raw.doc, raw.content.decode(), outlet, event)[1]

    monkeypatch.setattr("frontlines.pipeline.Pipeline", FakePipeline)
    for name in docs:
        (tmp_path / name).write_text(f"Fighting in the port, says {name}.\n")
    db = str(tmp_path / "fl.db")
    result = CliRunner().invoke(main, ["ingest", "--db", db, str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert result.exit_code == 0, result.output
    with Store.open(database_url(db)) as store:
        (event,) = [r.event for r in list_events(store)]
    assert event.documents == ("a.txt", "b.txt") and event.source_count == 2


def test_fusion_is_idempotent_and_catches_up_on_unfused_documents(tmp_path):
    from frontlines.store.events import fuse_pending

    with Store.open(database_url(str(tmp_path / "fl.db"))) as store:
        raw, result = document("a.txt", "Fighters took the port.", "Reuters", capture("e1", "Port Aldo"))
        document_id = store.save(raw, result).document_id
        raw, result = document("b.txt", "The port fell, officials said.", "BBC",
                               capture("e1", "Port Aldo", spelled="Porto Aldou"))
        store.save(raw, result)  # stored without fusion, e.g. before fusion existed
        assert fuse_pending(store) == 2 and fuse_pending(store) == 0
        assert fuse_document(store, document_id) == []
        (stored,) = list(list_events(store))
    assert stored.event.documents == ("a.txt", "b.txt") and len(stored.event.reports) == 2
