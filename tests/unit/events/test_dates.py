"""Event dates: each date form, chains, the paragraph rule, the fallback and history detection.

Sentences are invented (the republic of Ruritania and its rebels); 2030-06-15 is a Saturday.
"""

import datetime as dt

import pytest

from frontlines.events.dates import EventDate, date_event

SATURDAY = dt.date(2030, 6, 15)


def _date(nlp, text, anchor=SATURDAY, sentence=0, extra=()):
    """Date of the event whose main sentence is number ``sentence`` (others: ``extra``)."""
    doc = nlp(text)
    starts = [s.start_char for s in doc.sents]
    return date_event(None, doc, [starts[sentence], *(starts[i] for i in extra)], anchor)


@pytest.mark.parametrize(
    "text, expected, precision",
    [
        ("Rebels seized the town of Marvo on Friday.", "2030-06-14", "day"),
        ("Rebels attacked an army post on Saturday.", "2030-06-15", "day"),
        ("The army lost a number of soldiers on Monday night when rebels attacked.", "2030-06-10", "day"),
        ("On Wednesday 12 June, protesters marched in Sarn.", "2030-06-12", "day"),
        ("Beginning on June 9th, reports surfaced that rebels had taken three districts.", "2030-06-09", "day"),
        ("The district has been under rebel control since Monday.", "2030-06-10", "day"),
        ("Rebels shelled the airport yesterday.", "2030-06-14", "day"),
        ("On May 30th, the army recaptured the bridge.", "2030-05-30", "day"),
        ("Last week, militias burned the market in Ostra.", "2030-06-05", "week"),
        ("Rebels clashed with the army in Ostra this week.", "2030-06-12", "week"),
        ("In May, the rebels opened a new base near Ostra.", "2030-05-15", "month"),
    ],
)
def test_date_forms(nlp, text, expected, precision):
    got = _date(nlp, text)
    assert (got.event_date, got.time_precision, got.is_background) == (expected, precision, False)


def test_month_day_without_year_after_the_anchor_is_last_year(nlp):
    got = _date(nlp, "On December 20th, rebels blew up the pipeline.", anchor=dt.date(2031, 1, 10))
    assert got.event_date == "2030-12-20"


def test_date_range_bounds_a_week(nlp):
    got = _date(nlp, "Last week, militias burned the market in Ostra.")
    assert got.date_range == ("2030-06-03", "2030-06-09")


def test_explicit_date_wins_over_the_chain_it_repeats(nlp):
    text = "Rebels took Marvo on June 9th. Two days later, on June 11th, the army shelled the town."
    assert _date(nlp, text, sentence=1).event_date == "2030-06-11"


def test_chain_counts_from_the_previous_date(nlp):
    text = "Fighting began in Marvo on 3 June. Two days later, the army shelled the town."
    got = _date(nlp, text, sentence=1)
    assert (got.event_date, got.time_precision) == ("2030-06-05", "day")


def test_less_than_a_day_after_counts_from_the_claim_it_follows(nlp):
    text = "On June 6th, the army claimed Marvo. Less than a day after the claim, rebels struck back in the town."
    assert _date(nlp, text, sentence=1).event_date == "2030-06-07"


def test_undated_sentence_takes_the_previous_sentence_of_its_paragraph(nlp):
    text = "On Tuesday, fighting broke out near Ostra. The rebels took the town."
    got = _date(nlp, text, sentence=1)
    assert (got.event_date, got.time_precision) == ("2030-06-11", "day")


def test_previous_sentence_of_another_paragraph_is_not_used(nlp):
    text = "On Tuesday, fighting broke out near Ostra.\nThe rebels took the town."
    got = _date(nlp, text, sentence=1)
    assert (got.event_date, got.time_precision) == ("2030-06-15", "week")
    assert got.date_range == ("2030-06-09", "2030-06-15")


def test_other_evidence_sentences_supply_the_date(nlp):
    text = "Protests spread across the capital on Thursday.\nSoldiers fired at the crowd, killing two people."
    got = _date(nlp, text, sentence=1, extra=[0])
    assert got.event_date == "2030-06-13"


def test_date_in_a_relative_clause_dates_something_else(nlp):
    text = "Rebels seized the town, which they had lost in 2015, on Monday."
    got = _date(nlp, text)
    assert (got.event_date, got.is_background) == ("2030-06-10", False)


def test_a_recent_date_in_a_relative_clause_dates_the_event_when_the_main_clause_has_none(nlp):
    text = "The rebels swept the north in an offensive that ended with the capture of Sarn on Sunday."
    assert _date(nlp, text).event_date == "2030-06-09"


@pytest.mark.parametrize(
    "text",
    [
        "The rebels first captured the capital in 1996.",
        "The valley held out against the invaders in the 1980s.",
        "The movement ruled the north during its 1996-2001 regime.",
        "The general was assassinated in 2001.",
        "In 1996 the rebels took the capital on 27 September.",
    ],
)
def test_history_is_background(nlp, text):
    assert _date(nlp, text).is_background is True


def test_a_date_earlier_this_month_is_news(nlp):
    got = _date(nlp, "Earlier this month, rebels ambushed a convoy near Ostra.")
    assert (got.time_precision, got.is_background) == ("month", False)
    assert got.event_date.startswith("2030-06")


def test_without_anchor_the_latest_written_date_anchors(nlp):
    text = "The ceasefire collapsed on 12 June 2030. Rebels stormed Marvo on Friday."
    got = _date(nlp, text, anchor=None, sentence=1)
    assert got.event_date == "2030-06-07"


def test_without_any_date_the_event_date_is_unknown(nlp):
    got = _date(nlp, "The district has been under rebel control since Monday.", anchor=None)
    assert got == EventDate(None, "week", None, False)


def test_published_date_of_the_article_anchors_when_no_anchor_given(nlp):
    from frontlines.records import Article

    article = Article("a.txt", "0", None, None, None, None, "2030-06-15", None, "test", "en", "")
    doc = nlp("Rebels seized the town of Marvo on Friday.")
    assert date_event(article, doc, [0], None).event_date == "2030-06-14"


def test_a_weekday_beside_a_wire_dateline_dates_the_event(nlp):
    text = "SARN, June 14 (Ruritania Wire) — Rebels ambushed an army convoy near Ostra on Tuesday, officials said."
    got = _date(nlp, text, anchor=dt.date(2030, 6, 14))
    assert (got.event_date, got.time_precision) == ("2030-06-11", "day")


def test_a_dateline_alone_still_dates_its_sentence(nlp):
    text = "SARN, June 14 (Ruritania Wire) — Rebels ambushed an army convoy near Ostra, officials said."
    assert _date(nlp, text, anchor=SATURDAY).event_date == "2030-06-14"


def test_a_weekday_wins_over_a_day_counted_from_a_named_event(nlp):
    text = "Three days before the ambush, on Wednesday, militias burned the market in Ostra."
    assert _date(nlp, text).event_date == "2030-06-12"


@pytest.mark.parametrize("later", ["Hours later", "A few hours later", "Later that day", "Minutes later"])
def test_hours_later_is_the_same_day(nlp, later):
    text = f"Rebels stormed Marvo on Tuesday.\n\n{later}, the army shelled the town."
    got = _date(nlp, text, sentence=1)
    assert (got.event_date, got.time_precision) == ("2030-06-11", "day")


@pytest.mark.parametrize("order", [(0, [1]), (1, [0])])
def test_when_a_campaign_began_is_not_the_event_date(nlp, order):
    text = "Students marched through the centre of Sarn.\nThe protests began last month over fuel prices."
    got = _date(nlp, text, sentence=order[0], extra=order[1])
    assert (got.event_date, got.time_precision) == ("2030-06-15", "week")


def test_an_offensive_that_began_on_a_day_is_dated_by_it(nlp):
    assert _date(nlp, "The rebel offensive on Marvo began on Monday.").event_date == "2030-06-10"
