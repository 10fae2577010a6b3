"""Dated public facts (data/eras.json) on invented sentences."""

import datetime as dt

import pytest

from frontlines.errors import ConfigError
from frontlines.ingest.eras import era_evidence, load_facts, parse_facts

D = dt.date


def windows(text):
    found = era_evidence(text)
    return found.windows if found else None


def test_office_holder_in_office_former_and_then():
    term = ((D(2021, 1, 26), D(2025, 1, 20)),)
    assert windows("Secretary of State Antony Blinken flew to Kesra on Monday.") == term
    assert windows("Antony Blinken, the US Secretary of State, flew to Kesra.") == term
    assert windows("Former U.S. Secretary of State Antony Blinken criticised the deal.") == ((D(2025, 1, 20), None),)
    assert windows("Antony Blinken, the former secretary of state, criticised the deal.") == ((D(2025, 1, 20), None),)
    assert windows("The then-Secretary of State Antony Blinken had warned against it.") is None


def test_a_vice_president_is_not_the_president():
    assert windows("Vice President Joe Biden visited the border in 2014.") is None
    assert windows("President Joe Biden visited the border.") == ((D(2021, 1, 20), D(2025, 1, 20)),)


def test_several_terms_and_the_gaps_between_them():
    assert windows("President Donald Trump spoke to reporters.") == (
        (D(2017, 1, 20), D(2021, 1, 20)), (D(2025, 1, 20), None))
    assert windows("Former President Donald Trump spoke to reporters.") == ((D(2021, 1, 20), D(2025, 1, 20)),)


def test_regime_change_and_history_in_the_same_sentence():
    assert windows("Under Taliban rule, girls' schools in the province stayed shut.") == ((D(2021, 8, 15), None),)
    assert windows("Under Taliban rule in the 1990s, girls' schools stayed shut.") is None
    assert windows("The Taliban government of 1996-2001 banned music.") is None


def test_event_day_and_context():
    found = era_evidence("Shops reopened after the last US troops left Kabul airport.")
    assert found.on_days == ((D(2021, 8, 30), "last US troops left"),)
    assert era_evidence("The last US troops left the base in Niger.") is None  # no Afghan context
    invasion = "Since Russia's full-scale invasion of Ukraine, the port has been shelled."
    assert windows(invasion) == ((D(2022, 2, 24), None),)


def test_facts_intersect_and_contradictions_are_reported_empty():
    both = "Secretary of State Antony Blinken said the Taliban government must reopen schools."
    assert windows(both) == ((D(2021, 8, 15), D(2025, 1, 20)),)
    clash = era_evidence("President Barack Obama met Secretary of State Antony Blinken.")
    assert clash.windows == () and len(clash.mentions) == 2


def test_bundled_facts_are_well_formed():
    facts = load_facts()
    assert 30 <= len(facts) <= 60
    for fact in facts:
        assert fact.basis
        for lo, hi in fact.windows + fact.former_windows:
            assert hi is None or lo <= hi


@pytest.mark.parametrize("entry, message", [
    ({"pattern": "x"}, "no published_basis"),
    ({"pattern": "(x", "published_basis": "b"}, "bad regex"),
    ({"holder": "X", "office": "Y", "published_basis": "b"}, "needs terms"),
    ({"pattern": "x", "not_before": "2021-13-01", "published_basis": "b"}, "bad date"),
])
def test_bad_entries_are_config_errors(entry, message):
    with pytest.raises(ConfigError, match=message):
        parse_facts({"facts": [entry]})
