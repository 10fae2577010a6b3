"""Full-text search over fused events (migration 4) on both backends: what is searched, prefixes,
hostile input, and the index following inserts, updates and deletes of the events table."""

import json

import pytest
from sqlalchemy import delete, insert, select, update

from frontlines.store import Store, search
from frontlines.store.events import fused_events

EVENTS = {
    "ev-capture": dict(location="Korvash", admin1="Eastern Marches", actor1="Korvash Liberation Front",
                       actor2="Military Forces of Arvenia", notes="Rebels took the town after a day of fighting.",
                       evidence=["Fighters entered the town on Sunday.", "Hospital staff counted six dead."],
                       claims=[("Ministry of Defence", "The garrison still holds the bridge.")]),
    "ev-strike": dict(location="Dresk", admin1="Eastern Marches", actor1="Military Forces of Arvenia",
                      actor2=None, notes="Jets struck a fuel depot.", evidence=["Two guards were killed."],
                      claims=[]),
    "ev-protest": dict(location="Tavor", admin1="Capital District", actor1="Protesters (Arvenia)", actor2=None,
                       notes="Hundreds marched (peacefully) for talks; organisers said \"no arrests\".",
                       evidence=["Marchers carried banners reading NEAR PEACE."], claims=[]),
}


def record(cluster, place):
    return {"id": cluster, "location": place["location"], "admin1": place["admin1"], "admin2": None,
            "actor1": place["actor1"], "actor2": place["actor2"], "assoc_actor_1": None, "assoc_actor_2": None,
            "notes": place["notes"], "evidence": [[f"{cluster}#{i}", s] for i, s in enumerate(place["evidence"])],
            "claims": [{"source": "Wire", "by": by, "stance": "claims", "quote": quote, "report": "r"}
                       for by, quote in place["claims"]]}


def row(cluster, fields):
    return {"cluster": cluster, "event_date": "2031-03-02", "time_precision": "day", "event_type": "Battles",
            "sub_event_type": "Armed clash", "actor1": fields["actor1"], "actor2": fields["actor2"],
            "location": fields["location"], "admin1": fields["admin1"], "geo_precision": 1, "fatalities": 0,
            "source_count": 1, "report_count": 1, "contested": 0, "record": json.dumps(record(cluster, fields)),
            "created_at": "", "updated_at": ""}


@pytest.fixture
def filled(store):
    with store.engine.begin() as conn:
        conn.execute(insert(fused_events), [row(cluster, fields) for cluster, fields in EVENTS.items()])
    return store


def found(store, query):
    with store.engine.connect() as conn:
        return set(conn.scalars(select(fused_events.c.cluster).where(search.matches(conn, query).condition)))


@pytest.mark.parametrize("query, expected", [
    ("korvash", {"ev-capture"}),  # location and actor
    ("KORVASH liberation", {"ev-capture"}),
    ("liberation fr", {"ev-capture"}),  # the last word is a prefix
    ("liber front", set()),  # the others are whole words
    ("hospital staff", {"ev-capture"}),  # an evidence sentence
    ("garrison bridge", {"ev-capture"}),  # a claim's quote
    ("ministry of defence", {"ev-capture"}),  # who claimed
    ("eastern marches", {"ev-capture", "ev-strike"}),  # admin1
    ("military forces arv", {"ev-capture", "ev-strike"}),
    ("fuel depot", {"ev-strike"}),
    ("marched peacefully", {"ev-protest"}),
    ("tavor korvash", set()),  # every word must occur
])
def test_search_reads_place_actors_notes_evidence_and_claims(filled, query, expected):
    assert found(filled, query) == expected


@pytest.mark.parametrize("query, expected", [
    ('"no arrests"', {"ev-protest"}),
    ('"unbalanced', set()),
    ("'; DROP TABLE fused_events; --", set()),
    ("near peace", {"ev-protest"}),
    ("NEAR(marched talks)", set()),  # "near marched" is not in the text
    ("NEAR/2 talks", set()),  # "2" is a word the protest lacks
    ("tavor OR dresk", set()),  # OR is a word, not an operator
    ("NOT tavor", set()),
    ("fuel AND depot", set()),
    ("(peacefully)", {"ev-protest"}),
    ("depot*", {"ev-strike"}),
    ("*", set()),
    ("location:Tavor", set()),  # no column filter: "location" is a word no event holds
    ("^jets", {"ev-strike"}),
    ("fuel-depot", {"ev-strike"}),
    ("fuel-dep", {"ev-strike"}),  # a phrase, its last word a prefix
    ("depot-fuel", set()),
    ("it's a \\ depot", set()),
    ("\\ % _ ' \" {} []", set()),
])
def test_search_syntax_in_user_input_is_plain_text(filled, query, expected):
    assert found(filled, query) == expected


def test_the_index_follows_updates_and_deletes(filled):
    changed = dict(EVENTS["ev-strike"], notes="Drones hit an ammunition dump.", evidence=[])
    with filled.engine.begin() as conn:
        conn.execute(update(fused_events).where(fused_events.c.cluster == "ev-strike")
                     .values(record=json.dumps(record("ev-strike", changed))))
    assert found(filled, "ammunition dump") == {"ev-strike"}
    assert found(filled, "fuel depot") == set()
    assert found(filled, "dresk") == {"ev-strike"}
    with filled.engine.begin() as conn:
        conn.execute(delete(fused_events).where(fused_events.c.cluster == "ev-strike"))
    assert found(filled, "ammunition") == set()
    assert found(filled, "eastern marches") == {"ev-capture"}


def test_many_matches_give_the_same_events(filled, monkeypatch):
    expected = found(filled, "arvenia")
    assert expected == set(EVENTS)
    monkeypatch.setattr(search, "MANY", 1)  # SQLite then tests each event against the matches
    assert found(filled, "arvenia") == expected
    assert found(filled, "eastern marches") == {"ev-capture", "ev-strike"}


def test_events_stored_before_the_migration_are_searchable(db_url, monkeypatch):
    from frontlines.store import migrations

    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:3])
    with Store.open(db_url) as old, old.engine.begin() as conn:
        conn.execute(insert(fused_events), [row("ev-strike", EVENTS["ev-strike"])])
    monkeypatch.undo()
    with Store.open(db_url) as upgraded:
        assert found(upgraded, "fuel depot") == {"ev-strike"}


def test_sqlite_search_folds_accents(tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        with store.engine.begin() as conn:
            conn.execute(insert(fused_events), [row("ev-x", dict(EVENTS["ev-strike"], notes="Frappe sur l'école."))])
        assert found(store, "ECOLE") == {"ev-x"}
        assert found(store, "école frap") == {"ev-x"}
