"""The REST API over a store holding an invented war (tests/e2e/webstore.py), through TestClient."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from frontlines.api.app import ApiSettings, create_app
from frontlines.store import Store
from webstore import INJECTION, REBELS, fill

TOKEN = "t0ken-for-tests"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store.open(f"sqlite:///{tmp_path_factory.mktemp('api') / 'api.db'}") as opened:
        fill(opened)
        yield opened


@pytest.fixture(scope="module")
def client(store, tmp_path_factory):
    polygons = tmp_path_factory.mktemp("cache") / "boundaries.geojson"
    return TestClient(create_app(store, ApiSettings(boundaries=polygons)))


def events(client, **params):
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def by_sub_type(client, sub_type):
    return next(e for e in events(client)["items"] if e["sub_event_type"] == sub_type)


def test_events_are_fused_and_paginated(client):
    page = events(client)
    assert page["total"] == 5  # two outlets' reports of the capture of Korvash are one event
    assert [e["event_date"] for e in page["items"]] == sorted((e["event_date"] for e in page["items"]), reverse=True)
    first = events(client, limit=2)
    second = events(client, limit=2, offset=first["next_offset"])
    last = events(client, limit=2, offset=second["next_offset"])
    assert (first["total"], first["next_offset"], second["next_offset"], last["next_offset"]) == (5, 2, 4, None)
    assert first["total_exact"] and len(last["items"]) == 1
    ids = [e["id"] for p in (first, second, last) for e in p["items"]]
    assert sorted(ids) == sorted(e["id"] for e in page["items"])


@pytest.mark.parametrize("params, expected", [
    ({"start": "2031-03-05", "end": "2031-03-31"}, {"Air/drone strike", "Attack"}),
    ({"type": "Battles"}, {"Non-state actor overtakes territory", "Government regains territory"}),
    ({"type": ["Protests", "Violence against civilians"]}, {"Peaceful protest", "Attack"}),
    ({"bbox": "21.0,41.5,22.0,42.0"}, {"Non-state actor overtakes territory", "Government regains territory",
                                       "Air/drone strike"}),
    ({"actor": REBELS, "start": "2031-03-03"}, {"Air/drone strike", "Government regains territory"}),
    ({"actor": "Korvash"}, set()),  # actor is a whole name
    ({"actor": "korvash LIBERATION front", "start": "2031-03-03"}, {"Air/drone strike",
                                                                     "Government regains territory"}),
    ({"q": "liberation front", "type": "Battles"}, {"Non-state actor overtakes territory",
                                                    "Government regains territory"}),
    ({"q": "korv", "type": "Battles"}, {"Non-state actor overtakes territory", "Government regains territory"}),
    ({"q": "hospital staff"}, {"Non-state actor overtakes territory"}),  # evidence of the second report fused
    ({"q": "remains under government"}, {"Non-state actor overtakes territory"}),  # the ministry's denial
    ({"q": "ÉASTERN marches", "end": "2031-03-31"}, {"Non-state actor overtakes territory", "Air/drone strike"}),
    ({"q": "gunmen"}, {"Attack"}),
    ({"admin1": "Capital District"}, {"Peaceful protest"}),
    ({"country": "Arvenia", "q": "fuel depot"}, {"Air/drone strike"}),
    ({"q": "ilmen"}, {"Attack"}),
    ({"country": "Elsewhere"}, set()),
])
def test_event_filters(client, params, expected):
    page = events(client, **params)
    assert {e["sub_event_type"] for e in page["items"]} == expected
    assert page["total"] == len(expected)


@pytest.mark.parametrize("q, expected", [
    ('"', set()), ("'", set()), ("((", set()), ("*", set()), ('korvash" OR "tavor', set()),
    ("NEAR(korvash army)", set()), ("NEAR dresk", {"Air/drone strike"}),  # "fuel depot near Dresk"
    ("tavor OR ilmen", set()), ("ilmen*", {"Attack"}), ("(ilmen)", {"Attack"}),
    ('"several hundred"', {"Peaceful protest"}), ("^tavor", {"Peaceful protest"}), ("tavor:", {"Peaceful protest"}),
    ("-", set()), ("onerror window", {"Attack"}), ("%", set()), ("_", set()),
])
def test_search_syntax_in_q_is_plain_text(client, q, expected):
    page = events(client, q=q)
    assert {e["sub_event_type"] for e in page["items"]} == expected


def test_total_is_counted_up_to_a_cap(client, monkeypatch):
    from frontlines.api import queries

    monkeypatch.setattr(queries, "COUNT_CAP", 3)
    first = events(client, limit=2)
    assert (first["total"], first["total_exact"], first["next_offset"]) == (3, False, 2)
    last = events(client, limit=2, offset=4)
    assert (last["total"], last["total_exact"], last["next_offset"], len(last["items"])) == (5, True, None, 1)
    whole = events(client, limit=5)
    assert (whole["total"], whole["total_exact"], whole["next_offset"]) == (5, True, None)


def test_a_search_most_events_match_pages_and_counts_alike(client, monkeypatch):
    from frontlines.api import queries
    from frontlines.store import search

    def pages():
        return [events(client, q="arvenia", limit=2, offset=offset) for offset in (0, 2, 4, 6)]

    expected = pages()
    assert [len(p["items"]) for p in expected] == [2, 2, 1, 0] and expected[0]["total"] == 5
    monkeypatch.setattr(search, "MANY", 1)  # one walk gives the page and the count
    assert pages() == expected
    monkeypatch.setattr(queries, "COUNT_CAP", 3)
    first = events(client, q="arvenia", limit=2)
    assert (first["total"], first["total_exact"], first["items"]) == (3, False, expected[0]["items"])


def test_event_detail_has_claims_denials_figures_sources_and_evidence(client):
    capture = by_sub_type(client, "Non-state actor overtakes territory")
    detail = client.get(f"/api/events/{capture['id']}").json()
    assert detail["fatalities"] == 4 and detail["source_count"] == 2
    stances = {(c["by"], c["stance"]) for c in detail["claims"]}
    assert (REBELS, "claims") in stances and ("Ministry of Defence of Arvenia", "denies") in stances
    denial = next(c for c in detail["claims"] if c["stance"] == "denies")
    assert denial["outlet"] == "Valley Courier" and denial["quote"].startswith("The defence ministry said")
    figures = {(f["outlet"], f["count"], f["counts"]) for f in detail["fatalities_by_source"]}
    assert figures == {("Valley Courier", 4, True), ("Valley Courier", 30, False), ("Highland Post", 6, True)}
    assert {(s["outlet"], s["published"]) for s in detail["sources"]} == {("Valley Courier", "2031-03-02"),
                                                                         ("Highland Post", "2031-03-02")}
    assert "Hospital staff counted six dead." in [e["sentence"] for e in detail["evidence"]]
    assert len(detail["reports"]) == 2
    body = client.get(f"/api/documents/{detail['evidence'][0]['document_id']}").json()
    start, end = detail["evidence"][0]["start"], detail["evidence"][0]["end"]
    assert body["body"][start:end] == detail["evidence"][0]["sentence"]


def test_document_keeps_text_verbatim(client):
    attack = by_sub_type(client, "Attack")
    detail = client.get(f"/api/events/{attack['id']}").json()
    document = client.get(f"/api/documents/{detail['sources'][0]['document_id']}").json()
    assert INJECTION in document["title"] and INJECTION in document["body"]
    assert document["outlet"] == "Arvenia Wire"
    assert [e["event_type"] for e in document["events"]] == ["Violence against civilians"]


def test_timeline_counts_per_day_and_week(client):
    days = client.get("/api/timeline", params={"bin": "day"}).json()
    assert sum(b["count"] for b in days["bins"]) == 5
    assert days["bins"][0] == {"start": "2031-03-02", "count": 1}
    weeks = client.get("/api/timeline", params={"bin": "week", "type": "Battles"}).json()
    assert weeks["bin"] == "week"
    assert [b["start"] for b in weeks["bins"]] == ["2031-02-24", "2031-04-14"]  # Mondays


def test_control_follows_the_date(client):
    def korvash(at):
        units = client.get("/api/control", params={"at": at}).json()["units"]
        return next(u for u in units if u["admin1"] == "Eastern Marches")

    before = korvash("2031-03-01")
    assert before["status"] == "unknown"
    during = korvash("2031-03-15")
    assert during["status"] == "contested" and during["since"] == "2031-03-02"  # claimed and denied
    assert "Ministry of Defence of Arvenia" in during["denied_by"]
    after = korvash("2031-04-30")
    assert (after["status"], after["holder"], after["since"]) == ("held", "Military Forces of Arvenia (2029-)",
                                                                  "2031-04-18")
    assert after["latitude"] == pytest.approx(41.62)


def test_stats(client):
    stats = client.get("/api/stats").json()
    assert (stats["documents"], stats["reports"], stats["events"], stats["claims"]) == (6, 6, 5, 3)
    assert (stats["first_date"], stats["last_date"]) == ("2031-03-02", "2031-04-18")
    assert stats["event_types"]["Battles"] == 2
    assert stats["top_actors"][0] == {"actor": REBELS, "events": 3}


@pytest.mark.parametrize("path, params, words", [
    ("/api/events", {"bbox": "1,2,3"}, "bbox: expected four numbers"),
    ("/api/events", {"bbox": "10,50,20,40"}, "south <= north"),
    ("/api/events", {"start": "2031-13-01"}, "start"),
    ("/api/events", {"start": "2031-04-01", "end": "2031-03-01"}, "is after end"),
    ("/api/events", {"type": "Skirmish"}, "unknown event type 'Skirmish'"),
    ("/api/events", {"limit": 0}, "limit"),
    ("/api/events", {"offset": -1}, "offset"),
    ("/api/timeline", {"bin": "year"}, "bin"),
    ("/api/control", {}, "at: Field required"),
])
def test_bad_parameters_are_422_with_a_message(client, path, params, words):
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert words in response.json()["message"]


def test_unknown_ids_are_404(client):
    assert client.get("/api/events/ev-0000").status_code == 404
    assert client.get("/api/documents/999999").status_code == 404


def test_openapi_lists_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/control", "/api/documents/{document_id}",
                 "/api/stats", "/api/ingest", "/api/timeline"):
        assert path in paths


def test_page_and_vendored_assets_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "vendor/leaflet.js" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    for asset in ("vendor/leaflet.js", "vendor/leaflet.css", "vendor/topojson-client.min.js", "app.js", "style.css"):
        assert client.get(f"/{asset}").status_code == 200, asset
    atlas = client.get("/vendor/countries-110m.json").json()
    assert len(atlas["objects"]["countries"]["geometries"]) > 150


def test_boundaries_import_feeds_the_endpoint(client, tmp_path):
    from frontlines.api import boundaries

    square = {"type": "Polygon", "coordinates": [[[21.0, 41.5], [21.8, 41.5], [21.8, 41.9], [21.0, 41.5]]]}
    source = tmp_path / "adm1.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"shapeName": "Eastern Marches", "shapeGroup": "ARV"}, "geometry": square},
        {"type": "Feature", "properties": {"shapeName": "Dot"}, "geometry": {"type": "Point", "coordinates": [0, 0]}},
    ]}))
    assert client.get("/api/boundaries").json()["features"] == []
    target = client.app.state.settings.boundaries
    assert boundaries.import_file(source, target.parent) == 1
    features = client.get("/api/boundaries").json()["features"]
    assert [(f["properties"]["name"], f["properties"]["country"]) for f in features] == [("Eastern Marches", "ARV")]
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"label": "x"}, "geometry": square}]}))
    with pytest.raises(Exception, match="pass --name-field"):
        boundaries.import_file(bad, target.parent)
    assert boundaries.import_file(bad, target.parent, name_field="label") == 1


def test_boundaries_import_command(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from frontlines.cli import main

    monkeypatch.setenv("FRONTLINES_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "gadm.geojson"
    ring = [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]]
    source.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"NAME_1": "Hill Country", "GID_0": "ARV"},
         "geometry": {"type": "MultiPolygon", "coordinates": [ring]}}]}))
    done = CliRunner().invoke(main, ["boundaries", "import", str(source)])
    assert done.exit_code == 0, done.output
    stored = json.loads((tmp_path / "cache" / "boundaries.geojson").read_text())
    assert stored["features"][0]["properties"] == {"name": "Hill Country", "country": "ARV"}
    missing = CliRunner().invoke(main, ["boundaries", "import", str(tmp_path / "none.geojson")])
    assert missing.exit_code != 0


def test_ingest_is_disabled_without_a_configured_token(client):
    response = client.post("/api/ingest", json={"articles": [{"text": "Something happened."}]})
    assert response.status_code == 403 and "FRONTLINES_TOKEN" in response.json()["detail"]


@pytest.fixture(scope="module")
def lu_gazetteer(tmp_path_factory):
    from frontlines.geo.gazetteer import Gazetteer, build

    return Gazetteer(build(tmp_path_factory.mktemp("gaz") / "gazetteer.sqlite", countries=["LU"]))  # the full one is slow


@pytest.fixture()
def ingest_client(tmp_path, nlp, lu_gazetteer):
    from frontlines.pipeline import Pipeline

    with Store.open(f"sqlite:///{tmp_path / 'ingest.db'}") as opened:
        app = create_app(opened, ApiSettings(token=TOKEN))
        app.state.pipeline = Pipeline(nlp=nlp, gazetteer=lu_gazetteer)
        yield TestClient(app)


def test_ingest_needs_the_right_token(ingest_client):
    body = {"articles": [{"text": "Title\nSomething happened."}]}
    assert ingest_client.post("/api/ingest", json=body).status_code == 401
    wrong = ingest_client.post("/api/ingest", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    missing = ingest_client.post("/api/ingest", json={"articles": [{"title": "no text"}]},
                                 headers={"Authorization": f"Bearer {TOKEN}"})
    assert missing.status_code == 422 and "text, html or url" in missing.json()["message"]


def test_ingest_stores_text_and_json_articles(ingest_client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    text = ("Clashes near Port Elms\nGunmen clashed with police in Port Elms on Monday, "
            f"officials said. {INJECTION}\nTwo officers were wounded.")
    plain = ingest_client.post("/api/ingest", content=text.encode(), params={"outlet": "Coast Herald",
                               "published": "2031-05-04"}, headers={**auth, "Content-Type": "text/plain"})
    assert plain.status_code == 200, plain.text
    [item] = plain.json()["items"]
    assert item["status"] == "ok" and item["document_id"]
    stored = ingest_client.get(f"/api/documents/{item['document_id']}").json()
    assert stored["outlet"] == "Coast Herald" and INJECTION in stored["body"]
    again = ingest_client.post("/api/ingest", json={"text": text, "outlet": "Coast Herald",
                                                    "published": "2031-05-04"}, headers=auth)
    assert [i["status"] for i in again.json()["items"]] == ["duplicate"]
    paragraphs = "".join(f"<p>{line}</p>" for line in (
        "A fire destroyed the central market of Port Elms on Tuesday night, the town council said.",
        "Traders said the blaze started in a storage shed and spread quickly through the wooden stalls.",
        "Firefighters from two neighbouring towns needed six hours to bring it under control."))
    html = f"<html><head><title>Market fire</title></head><body><article>{paragraphs}</article></body></html>"
    many = ingest_client.post("/api/ingest", headers={"X-Frontlines-Token": TOKEN}, json={"articles": [
        {"html": html, "url": "https://h.example/fire"}, {"html": "<p>Too short.</p>"}]})
    ok, short = many.json()["items"]
    assert (ok["status"], ok["doc"], short["status"]) == ("ok", "https://h.example/fire", "failed")
    assert "not an article" in short["reason"]
    local = ingest_client.post("/api/ingest", headers=auth, json={"url": "/etc/passwd"})
    assert local.status_code == 422 and "http(s)" in local.json()["message"]  # never a server file
    private = ingest_client.post("/api/ingest", headers=auth, json={"url": "http://127.0.0.1:9/feed"}).json()
    assert [i["status"] for i in private["items"]] == ["failed"]  # loopback hosts are refused
    assert ingest_client.get("/api/stats").json()["documents"] == 3  # failures are kept, with their reason
