import pytest
from fusion_builders import claim, killed, make_article, make_mention

from frontlines.fusion.merge import FusedEvent, SourcedReport, fuse
from frontlines.fusion.sources import SourceRegistry


def _sourced(doc, mention, outlet=None, body=None, url=None):
    article = make_article(f"{doc}.txt", body or f"A separate story from {doc} about the port.", outlet, url)
    return SourcedReport(f"{doc}#{mention.id}", f"{doc}.txt", mention, SourceRegistry.load().identify(article))


def test_fatalities_take_the_lowest_credible_figure_and_keep_the_range():
    event = fuse("ev-1", [
        _sourced("a", make_mention(fatalities=7, figures=(killed(7),)), "Reuters"),
        _sourced("b", make_mention(fatalities=4, figures=(killed(4),)), "AFP"),
        _sourced("c", make_mention(fatalities=0), "BBC"),  # gave no figure: not a zero
    ])
    assert event.fatalities == 4
    assert event.fatalities_range == (4, 7)
    assert dict(event.fatalities_by_source) == {"Reuters": 7, "Agence France-Presse": 4}
    assert fuse("ev-2", [_sourced("c", make_mention())]).fatalities == 0


def test_most_precise_date_and_place_and_highest_sub_event_win():
    event = fuse("ev-1", [
        _sourced("a", make_mention(place="Aldo district", day="2031-05-02", precision="week", sub="Armed clash")),
        _sourced("b", make_mention(place="Port Aldo", day="2031-05-01")),
    ])
    assert (event.event_date, event.time_precision) == ("2031-05-01", "day")
    assert (event.location, event.geo_precision, event.geonameid) == ("Port Aldo", 1, 9001)
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert event.reports == ("a#e1", "b#e1")


def test_claims_are_united_by_source_and_a_denial_makes_the_event_contested():
    event = fuse("ev-1", [
        _sourced("a", make_mention(claims=(claim("Coastal Militia", "claims"),)), "Reuters"),
        _sourced("b", make_mention(claims=(claim("Military Forces of Varonia", "denies", "the port is ours"),
                                           claim("Coastal Militia", "claims"))), "BBC"),
    ])
    assert event.contested
    assert event.claimed_by == ("Coastal Militia",)
    assert event.denied_by == ("Military Forces of Varonia",)
    assert {(c.source, c.by) for c in event.claims} == {
        ("Reuters", "Coastal Militia"), ("BBC", "Military Forces of Varonia"), ("BBC", "Coastal Militia")}
    assert not fuse("ev-2", [_sourced("c", make_mention())]).contested


def test_corroboration_counts_independent_outlets_only():
    body = "Militia fighters seized the port town of the coast after a night of heavy fighting, officials said."
    copies = fuse("ev-1", [
        _sourced("a", make_mention(), "Reuters", body=body),
        _sourced("b", make_mention(), "Daily Varonian", body=body + "\nShare this story"),  # same story
        _sourced("c", make_mention(), "BBC"),
    ])
    assert copies.source_count == 2
    assert copies.sources == ("Reuters", "Daily Varonian", "BBC")


def test_fused_event_round_trips_and_needs_reports():
    event = fuse("ev-1", [_sourced("a", make_mention(claims=(claim("X", "claims"),), fatalities=2,
                                                     figures=(killed(2),)))])
    assert FusedEvent.from_dict(event.to_dict()) == event
    with pytest.raises(ValueError):
        fuse("ev-2", [])
