import datetime as dt

import pytest

from frontlines.timex import find_time_expressions, resolve

D = dt.date


def only(text):
    exprs = find_time_expressions(text)
    assert len(exprs) == 1, exprs
    return exprs[0]


@pytest.mark.parametrize("text, fields", [
    ("It happened on 19 August 2021 in the hills.", ("date", 2021, 8, 19)),
    ("Clashes began on August 20th near the river.", ("date", None, 8, 20)),
    ("The vote was set for Sept. 6, 2022 by the council.", ("date", 2022, 9, 6)),
    ("Records dated 2021-08-19 were seized.", ("date", 2021, 8, 19)),
    ("They met on the 5th of May in the capital.", ("date", None, 5, 5)),
    ("Troops withdrew in March 2019, officials said.", ("month", 2019, 3, None)),
    ("The ceasefire collapsed in September.", ("month", None, 9, None)),
    ("Updated 14 Feb, 2023 09:10am", ("date", 2023, 2, 14)),
])
def test_dates_and_months_are_parsed(text, fields):
    e = only(text)
    assert (e.kind, e.year, e.month, e.day) == fields
    assert text[e.start:e.end] == e.text


def test_weekday_paired_with_a_date_keeps_both():
    e = only("On Wednesday 19 August, crowds gathered.")
    assert (e.kind, e.weekday, e.day, e.month, e.year) == ("date", 2, 19, 8, None)


def test_since_modifier_and_part_of_day():
    since = only("The group has ruled the valley since August 2021.")
    assert (since.kind, since.modifier, since.year) == ("month", "since", 2021)
    night = only("Two posts were overrun on Monday night.")
    assert (night.kind, night.weekday, night.part_of_day) == ("weekday", 0, "night")


@pytest.mark.parametrize("text", [
    "Fighters may withdraw if talks fail.",
    "We said we would march to the square.",
    "Some 2000 fighters joined the offensive.",
    "It cost 2,500 dollars.",
])
def test_no_false_hits(text):
    assert find_time_expressions(text) == []


def test_years_decades_and_ranges_are_history_kinds():
    exprs = find_time_expressions("They ruled from 1996-2001 and fought in the 1980s; in 1979 the invasion began.")
    kinds = [(e.kind, e.year) for e in exprs]
    assert kinds == [("range", 1996), ("decade", 1980), ("year", 1979)]
    assert exprs[0].end_expr.year == 2001
    assert all(e.is_history_kind for e in exprs[1:])


def test_relative_expressions():
    yesterday, later, nxt, last_week, ago = find_time_expressions(
        "Shelling resumed yesterday. Three days later the bridge fell. The next day it rained. "
        "Last week the envoy left. Talks ended two weeks ago.")
    assert (yesterday.offset_days, yesterday.relative_to) == (-1, "anchor")
    assert (later.offset_days, later.relative_to) == (3, "previous")
    assert (nxt.offset_days, nxt.relative_to) == (1, "previous")
    assert (last_week.unit, last_week.amount, last_week.relative_to) == ("week", -1, "anchor")
    assert (ago.unit, ago.amount, ago.modifier) == ("week", -2, "ago")


def test_offset_attached_to_the_following_date():
    e = only("He was killed two days before the 5 March 2019 vote.")
    assert (e.kind, e.offset_days) == ("date", -2)
    assert resolve(e, D(2024, 1, 1)).date == D(2019, 3, 3)


def test_relative_then_explicit_date_is_the_explicit_date():
    e = only("Two days later, on 22 August, talks began.")
    assert (e.kind, e.day, e.month, e.offset_days) == ("date", 22, 8, None)


def test_offset_from_a_named_event_does_not_resolve():
    e = only("He left the day after the vote.")
    assert e.relative_to == "event"
    assert resolve(e, D(2024, 1, 10), previous=D(2024, 1, 1)) is None


def test_durations():
    e = only("The group has been in power for a year.")
    assert (e.kind, e.unit, e.amount) == ("duration", "year", 1)
    assert resolve(e, D(2022, 8, 1)) is None


def test_weekday_resolves_on_or_before_the_anchor():
    friday = only("It fell on Friday.")
    assert resolve(friday, D(2021, 8, 21)).date == D(2021, 8, 20)  # a Saturday anchor
    assert resolve(friday, D(2021, 8, 20)).date == D(2021, 8, 20)  # the same day counts
    assert resolve(friday, D(2021, 8, 21), before=False).date == D(2021, 8, 27)
    last = only("It fell last Friday.")
    assert resolve(last, D(2021, 8, 20)).date == D(2021, 8, 13)


def test_month_day_without_year_takes_the_anchor_year_or_the_one_before():
    e = only("It began on 28 December.")
    assert resolve(e, D(2021, 12, 30)).date == D(2021, 12, 28)
    assert resolve(e, D(2022, 1, 3)).date == D(2021, 12, 28)


def test_last_week_is_its_wednesday_with_week_precision():
    r = resolve(only("Talks failed last week."), D(2021, 8, 21))
    assert (r.date, r.precision, r.earliest, r.latest) == (D(2021, 8, 11), "week", D(2021, 8, 9), D(2021, 8, 15))


def test_month_is_mid_month_with_month_precision():
    r = resolve(only("Fighting resumed in September."), D(2022, 11, 2))
    assert (r.date, r.precision, r.earliest, r.latest) == (D(2022, 9, 15), "month", D(2022, 9, 1), D(2022, 9, 30))
    assert resolve(only("Fighting resumed in December."), D(2022, 11, 2)).date == D(2021, 12, 15)


def test_chained_relative_needs_a_previous_date():
    e = only("Two days later the town fell.")
    assert resolve(e, D(2021, 8, 30)) is None
    assert resolve(e, D(2021, 8, 30), previous=D(2021, 8, 20)).date == D(2021, 8, 22)


def test_years_and_ranges_resolve_to_spans():
    year = resolve(only("It happened in 1996."), D(2021, 1, 1))
    assert (year.precision, year.earliest, year.latest) == ("year", D(1996, 1, 1), D(1996, 12, 31))
    span = resolve(only("They held talks on 12-14 March 2022."), D(2023, 1, 1))
    assert (span.date, span.earliest, span.latest) == (D(2022, 3, 12), D(2022, 3, 12), D(2022, 3, 14))


def test_numeric_dates_read_by_their_values_or_by_the_given_order():
    assert (only("Posted 26/12/2024 10:00").month, only("Posted 12/26/2024 10:00").day) == (12, 26)
    assert find_time_expressions("Posted 05/06/2024") == []  # order unknown: not guessed
    day_first = find_time_expressions("Posted 05/06/2024", day_first=True)[0]
    month_first = find_time_expressions("Posted 05/06/2024", day_first=False)[0]
    assert ((day_first.day, day_first.month), (month_first.day, month_first.month)) == ((5, 6), (6, 5))


def test_today_ending_a_name_is_no_date():
    assert find_time_expressions("a military source told Darfur Today.") == []
    assert [e.text for e in find_time_expressions("Kivo fell. Today the army regrouped.")] == ["Today"]


def test_a_named_day_is_no_weekday():
    assert [e.text for e in find_time_expressions("the first vote since the 2019 Easter Sunday bombings")] == ["2019"]
    assert [e.text for e in find_time_expressions("On Sunday rebels attacked the town.")] == ["Sunday"]
