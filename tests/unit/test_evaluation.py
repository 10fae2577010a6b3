"""The scorer's definitions, checked on hand-written gold and predictions (invented events)."""

import itertools
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontlines.cli import main
from frontlines.evaluation import (
    GoldActor, GoldDoc, GoldEvent, GoldPlace, Prediction, Ratio, assign, evaluate, is_record_file, km,
    load_gold, names_match, place_found, read_records, score_document, source_files,
)
from frontlines.records import Claim, EventMention, Place

FIXTURES = Path(__file__).parents[1] / "fixtures" / "eval"
KM_PER_DEGREE = 6371.0 * 3.141592653589793 / 180
EVIDENCE = "Artillery of the Ostrian Guard shelled the market of Lenno on Tuesday, killing three traders."


def gold_event(**kw) -> GoldEvent:
    base = dict(id="g1", date="2030-05-10", date_precision="day", event_type="Battles",
                sub_event_type="Armed clash", actor1="Ostrian Guard", actor2="Lenno Brigade", admin1="Vesk",
                admin2=None, location="Lenno", lat=40.0, lon=30.0, geo_precision=1, fatalities=None,
                evidence=(EVIDENCE,))
    return GoldEvent(**{**base, **kw})


def predicted(**kw) -> EventMention:
    base = dict(id="p1", event_date="2030-05-10", time_precision="day", event_type="Battles",
                sub_event_type="Armed clash", actor1="Ostrian Guard", actor2="Lenno Brigade", country="Ostria",
                iso=None, admin1="Vesk", admin2=None, location="Lenno", latitude=40.0, longitude=30.0,
                geo_precision=1, fatalities=0, evidence=(EVIDENCE,))
    return EventMention(**{**base, **kw})


def doc_with(*events: GoldEvent, actors=()) -> GoldDoc:
    return GoldDoc("d.txt", None, None, (), (), tuple(actors), events)


def score(gold_events, pred_events, actors=()):
    return score_document(doc_with(*gold_events, actors=actors), Prediction("d.txt", events=tuple(pred_events)))


def matched(gold: GoldEvent, pred: EventMention) -> bool:
    return score([gold], [pred]).counts.events.found == 1


def north(lat: float, distance_km: float) -> float:
    return lat + distance_km / KM_PER_DEGREE


# ------------------------------------------------------------ the fixture corpus, figures by hand


def fixture_report():
    return evaluate(load_gold(FIXTURES / "gold"), read_records(FIXTURES / "predictions.jsonl"),
                    source_files([FIXTURES / "sources"]))


def test_fixture_corpus_figures_match_the_hand_count():
    report = fixture_report()
    # alpha: a1=p1, a2=p2, optional a3=p3 (not counted), p4 spurious; beta: b1=q1, b2=q2, q3 spurious;
    # gamma has no record: g1 missed.
    assert (report.counts.events.correct, report.counts.events.predicted, report.counts.events.expected) == (4, 6, 5)
    assert report.counts.events.f1 == pytest.approx(2 * (4 / 6) * (4 / 5) / (4 / 6 + 4 / 5))
    assert (report.counts.sub_event, report.counts.location) == (Ratio(4, 5), Ratio(4, 5))
    assert report.counts.date_exact == Ratio(3, 4)  # p2 is a day late; the weekly a3 is not counted
    assert report.counts.actors == Ratio(6, 9)  # p2 swaps perpetrator and victim; q2 names one of two
    assert report.counts.claims == Ratio(1, 2)  # the FMF denial was predicted as a claim
    assert report.counts.fatalities == Ratio(4, 5)
    assert report.fatality_totals == Ratio(1, 3) and report.fatality_total_error == 1 + 0 + 3
    assert (report.counts.places.correct, report.counts.places.predicted, report.counts.places.found, report.counts.places.expected) == (6, 8, 6, 9)
    assert (report.counts.boilerplate.correct, report.counts.boilerplate.predicted, report.counts.boilerplate.expected) == (4, 5, 6)
    assert report.counts.published_in_range == Ratio(1, 2) and report.counts.published_exact == Ratio(1, 2)
    assert report.pairs_joined == Ratio(1, 2) and report.merge_links == Ratio(1, 2) and report.false_merges == 1
    assert report.unscored == ("delta.txt",)


def test_fixture_corpus_per_document_details():
    alpha, beta, gamma = fixture_report().docs
    assert [(m.gold_id, m.pred_id) for m in alpha.matches] == [("a1", "p1"), ("a2", "p2"), ("a3", "p3")]
    assert alpha.spurious == ("p4",) and beta.spurious == ("q3",) and gamma.missed == ("g1",)
    assert (alpha.predicted_fatalities, alpha.gold_fatalities) == (17, 16)  # optional a3/p3 left out
    assert set(alpha.places_missed) == {"Dzherin", "Port Anselm"}  # Port Anselm predicted 33 km off
    assert alpha.boilerplate_missed == ("Share this article",)
    assert alpha.body_dropped[0].startswith("Elsewhere in Marosh province")
    assert not gamma.predicted and gamma.counts.boilerplate.expected == 0


def test_cli_eval_prints_a_table_and_json():
    runner = CliRunner()
    args = ["eval", str(FIXTURES / "gold"), str(FIXTURES / "predictions.jsonl"), "--sources", str(FIXTURES / "sources")]
    table = runner.invoke(main, args)
    assert table.exit_code == 0, table.output
    assert "events precision" in table.output and "4/6" in table.output
    as_json = runner.invoke(main, [*args, "--json"])
    figures = json.loads(as_json.output)["figures"]
    assert figures["boilerplate.recall"] == pytest.approx(4 / 6)
    assert figures["pairs_joined"] == 0.5


def test_cli_eval_runs_the_pipeline_on_article_files(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (tmp_path / "story.txt").write_text(
        "Ceasefire talks in Ostria\n\nSubscribe now\n\n"
        "Delegates of the two parties met in the capital on Monday to discuss a ceasefire. "
        "The talks ended without an agreement, a mediator said.\n")
    (gold_dir / "story.gold.json").write_text(json.dumps({
        "doc": "story.txt", "published": None, "boilerplate_lines": ["Subscribe now"], "places": [],
        "actors": [], "events": []}))
    result = CliRunner().invoke(main, ["eval", str(gold_dir), str(tmp_path / "story.txt"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["docs"][0]["predicted"] is True
    assert report["counts"]["boilerplate"]["expected"] == 1  # the source came from the article path


# ------------------------------------------------------------ event matching tolerances


@pytest.mark.parametrize("precision, days, ok", [
    ("day", -2, False), ("day", -1, True), ("day", 1, True), ("day", 2, False),
    ("week", 7, True), ("week", 8, False), ("month", 31, True), ("month", 32, False), ("month", -2, False),
])
def test_date_window_depends_on_gold_precision(precision, days, ok):
    from datetime import date, timedelta

    when = (date(2030, 5, 10) + timedelta(days=days)).isoformat()
    assert matched(gold_event(date_precision=precision), predicted(event_date=when)) is ok


def test_gold_without_date_accepts_any_date_and_a_dated_gold_needs_a_date():
    assert matched(gold_event(date=None), predicted(event_date="2031-01-01"))
    assert not matched(gold_event(), predicted(event_date=None))


@pytest.mark.parametrize("precision, distance, ok", [(1, 24, True), (2, 26, False), (3, 59, True), (3, 61, False)])
def test_location_tolerance_is_25_km_or_60_km_at_precision_3(precision, distance, ok):
    pred = predicted(latitude=north(40.0, distance), location="Somewhere Else")
    assert matched(gold_event(geo_precision=precision), pred) is ok


def test_names_decide_without_gold_coordinates():
    gold = gold_event(lat=None, lon=None, location="Dar-e-Suf", geo_precision=2)
    assert matched(gold, predicted(location="Dar-i Suf", latitude=None, longitude=None))
    assert not matched(gold, predicted(location="Kalat", latitude=None, longitude=None))
    # a province-level prediction matches by admin1 only when one side knows just the province
    province = predicted(location="Vesk", admin1="Vesk", geo_precision=3)
    assert matched(gold_event(lat=None, lon=None, geo_precision=3, location="Vesk"), province)
    assert not matched(gold_event(lat=None, lon=None, location="Mardan"), predicted(location="Kalat", admin1="Vesk"))


def test_also_accept_widens_event_and_sub_event_type():
    gold = gold_event(event_type="Strategic developments", sub_event_type="Non-violent transfer of territory")
    pred = predicted(event_type="Battles", sub_event_type="Non-state actor overtakes territory")
    assert not matched(gold, pred)
    widened = gold_event(event_type="Strategic developments", sub_event_type="Non-violent transfer of territory",
                         also_event_types=("Battles",), also_sub_event_types=("Non-state actor overtakes territory",))
    assert score([widened], [pred]).counts.sub_event == Ratio(1, 1)


def test_evidence_must_overlap_when_both_sides_give_it():
    other = "Talks on the grain corridor resumed in the capital after a week of delays."
    assert not matched(gold_event(), predicted(evidence=(other,)))
    assert matched(gold_event(), predicted(evidence=()))
    reworded = "Traders said three of them died when the Ostrian Guard shelled Lenno's market."
    assert matched(gold_event(), predicted(evidence=(reworded,)))
    assert not matched(gold_event(), predicted(evidence=("Fighting in Lenno.",)))  # one shared word is chance
    assert not matched(gold_event(), predicted(evidence=("Guard patrols resumed in Lenno.",)))  # 2 of 4 words
    assert matched(gold_event(), predicted(evidence=("The Guard shelled Lenno yesterday.",)))  # 3 of 4 words


def test_optional_gold_is_neither_missed_nor_makes_its_match_spurious():
    optional = gold_event(id="g2", optional=True, event_type="Protests", sub_event_type="Peaceful protest")
    only_optional = score([optional], [])
    assert (only_optional.counts.events.expected, only_optional.missed) == (0, ())
    both = score([gold_event(), optional], [predicted(), predicted(id="p2", event_type="Protests")])
    assert (both.counts.events.correct, both.counts.events.predicted, both.counts.events.expected) == (1, 1, 1)
    assert both.spurious == ()


def test_assignment_prefers_required_gold_over_a_closer_optional_one():
    required = gold_event(id="g1", lat=north(40.0, 20))
    optional = gold_event(id="g2", optional=True)
    report = score([required, optional], [predicted()])
    assert [(m.gold_id, m.pred_id) for m in report.matches] == [("g1", "p1")]


def test_assignment_beats_greedy_choice():
    # p1 fits g1 best, but only p1 fits g2: the best assignment is g1=p2, g2=p1.
    g1, g2 = gold_event(id="g1"), gold_event(id="g2", lat=north(40.0, 20), location="Mardan")
    p1, p2 = predicted(id="p1", latitude=north(40.0, 10)), predicted(id="p2", latitude=north(40.0, -15))
    report = score([g1, g2], [p1, p2])
    assert sorted((m.gold_id, m.pred_id) for m in report.matches) == [("g1", "p2"), ("g2", "p1")]


def test_hungarian_assignment_equals_brute_force():
    rng = random.Random(7)
    for _ in range(60):
        rows, cols = rng.randint(1, 5), rng.randint(1, 5)
        weights = [[rng.choice([0, 0, rng.random() * 3]) for _ in range(cols)] for _ in range(rows)]
        best = max(
            sum(weights[i][j] for i, j in zip(perm_rows, perm_cols))
            for perm_rows in itertools.permutations(range(rows), min(rows, cols))
            for perm_cols in itertools.permutations(range(cols), min(rows, cols))
        )
        pairs = assign(weights)
        assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
        assert sum(weights[i][j] for i, j in pairs) == pytest.approx(best)


# ------------------------------------------------------------ attributes of matched pairs


ACTORS = (GoldActor("Ostrian Guard", "Military Forces of Ostria"), GoldActor("the Guard", "Military Forces of Ostria"),
          GoldActor("market traders", "Civilians (Ostria)"))


def test_actor_order_is_free_except_the_victim_in_violence_against_civilians():
    battle = gold_event(actor1="Military Forces of Ostria", actor2="Lenno Brigade")
    swapped = predicted(actor1="Lenno Brigade", actor2="the Guard")
    assert score([battle], [swapped], ACTORS).counts.actors == Ratio(2, 2)
    vac = dict(event_type="Violence against civilians", sub_event_type="Attack")
    attack = gold_event(actor1="Military Forces of Ostria", actor2="Civilians (Ostria)", **vac)
    assert score([attack], [predicted(actor1="Ostrian Guard", actor2="market traders", **vac)], ACTORS).counts.actors == Ratio(2, 2)
    assert score([attack], [predicted(actor1="market traders", actor2="Ostrian Guard", **vac)], ACTORS).counts.actors == Ratio(0, 2)


def test_actor_qualifier_in_parentheses_is_optional():
    gold = gold_event(actor1="Protesters (Ostria)", actor2=None)
    assert score([gold], [predicted(actor1="Protesters", actor2=None)]).counts.actors == Ratio(1, 1)
    assert score([gold], [predicted(actor1="Rioters", actor2=None)]).counts.actors == Ratio(0, 1)


def test_claim_recall_needs_stance_quote_and_speaker():
    quote = "the Guard said its gunners destroyed two rebel positions near Lenno"
    gold = gold_event(claims=(Claim("Military Forces of Ostria", "claims", quote),))

    def recall(claim: Claim) -> Ratio:
        return score([gold], [predicted(claims=(claim,))], ACTORS).counts.claims

    assert recall(Claim("Ostrian Guard", "claims", "Officials said the Guard said its gunners destroyed two rebel positions near Lenno.")) == Ratio(1, 1)
    assert recall(Claim("Ostrian Guard", "denies", quote)) == Ratio(0, 1)
    assert recall(Claim("Lenno Brigade", "claims", quote)) == Ratio(0, 1)
    assert recall(Claim("Ostrian Guard", "claims", "gunners near Lenno")) == Ratio(0, 1)


def test_fatalities_per_event_treat_gold_null_as_zero_and_totals_skip_optional():
    gold = [gold_event(fatalities=None), gold_event(id="g2", optional=True, location="Mardan", fatalities=9)]
    report = score(gold, [predicted(fatalities=0), predicted(id="p2", location="Mardan", fatalities=9)])
    assert report.counts.fatalities == Ratio(2, 2)
    assert (report.gold_fatalities, report.predicted_fatalities) == (0, 0)


def test_location_accuracy_on_matched_pairs():
    assert score([gold_event()], [predicted(latitude=north(40.0, 4), location="x")]).counts.location == Ratio(1, 1)
    assert score([gold_event()], [predicted(latitude=north(40.0, 12), location="x")]).counts.location == Ratio(0, 1)
    assert score([gold_event()], [predicted(latitude=north(40.0, 12), location="Lenno")]).counts.location == Ratio(1, 1)


# ------------------------------------------------------------ places, names, inputs


def place(mention, lat, lon, kind="populated_place", cc="OS") -> Place:
    return Place(mention, 0, len(mention), mention, None, cc, None, None, lat, lon, kind, 1)


def test_place_found_by_mention_and_distance_by_kind():
    town = GoldPlace("Lenno", "Lenno", "populated_place", "OS", "Vesk", 40.0, 30.0)
    assert place_found(town, place("lenno", north(40.0, 24), 30.0))
    assert not place_found(town, place("Lenno", north(40.0, 26), 30.0))
    assert not place_found(town, place("Mardan", 40.0, 30.0))
    province = GoldPlace("Vesk", "Vesk", "admin1", "OS", "Vesk", 40.0, 30.0)
    assert place_found(province, place("Vesk province", north(40.0, 55), 30.0, "admin1"))
    valley = GoldPlace("Arno Valley", "Arno", "valley", "OS", "Vesk", 40.0, 30.0)
    assert place_found(valley, place("Arno", north(40.0, 55), 30.0, "admin2"))
    assert not place_found(valley, place("Arno", north(40.0, 62), 30.0, "admin2"))
    country = GoldPlace("Ostria", "Ostria", "country", "OS", None, 41.0, 31.0)
    assert place_found(country, place("Ostria", 39.0, 29.0, "country"))
    assert not place_found(country, place("Ostria", 41.0, 31.0, "country", cc="XX"))


def test_transliterated_names_match_and_different_names_do_not():
    assert names_match("Dar-e-Suf", "Dar-i Suf")
    assert names_match("Sheberghan", "Shibirghan")
    assert names_match("Kessa Valley", "Kessa")
    assert not names_match("Lenno", "Mardan")
    assert not names_match("Bar", "Bor Kalay")


def test_km_is_great_circle_distance():
    assert km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.19, abs=0.01)


def test_record_files_are_told_from_article_feeds(tmp_path):
    records, feed = tmp_path / "out.jsonl", tmp_path / "feed.jsonl"
    records.write_text(json.dumps({"doc": "a.txt", "body": "", "places": [], "events": []}) + "\n")
    feed.write_text(json.dumps({"url": "https://example.org/a", "text": "Fighting in Lenno."}) + "\n")
    assert is_record_file(records) and not is_record_file(feed)
    assert list(source_files([tmp_path])) == []
