import datetime as dt
from functools import partial

import pytest

from frontlines.ingest import metadata
from frontlines.ingest.eras import era_evidence, parse_facts
from frontlines.ingest.metadata import infer_published, parse_date, url_date

D = dt.date
TODAY = D(2026, 11, 23)


def infer(text, **kwargs):
    return infer_published(text, today=TODAY, **kwargs)


def test_weekday_and_date_agreement_fixes_the_year():
    # 14 March fell on a Tuesday in 2023 (and 2017, 2028): the latest such year up to today wins
    p = infer("On Tuesday 14 March, protesters blocked the coastal highway near Dorsa.")
    assert p.date == D(2023, 3, 15)
    assert p.earliest == D(2023, 3, 14)
    assert "weekday agreement" in p.basis


def test_latest_reported_day_and_weekdays_within_the_week_before():
    text = ("On Thursday 19 August 2021 crowds marched in the capital. On Friday rebels took the district, "
            "days after the capital fell on Sunday.")
    p = infer(text)
    assert p.date == D(2021, 8, 21)  # written just after Friday the 20th
    assert p.earliest == D(2021, 8, 20)
    assert p.latest == D(2021, 8, 21)  # "on Sunday" (the 15th) must lie within six days before


def test_crawl_date_header_that_contradicts_the_text_loses():
    p = infer("Rebels took Kesra on Wednesday 1 March 2023. The army denied it on Thursday.",
              header_lines=("Saturday, December 2",))
    assert p.date == D(2023, 3, 3)
    assert "contradicts" in p.basis


def test_header_date_close_after_the_text_is_the_publication_date():
    p = infer("Rebels took Kesra on 1 March 2023, residents said.", header_lines=("Friday, March 3, 2023",))
    assert p.date == D(2023, 3, 3)
    assert "agrees" in p.basis


def test_header_anchors_a_text_without_years():
    p = infer("Rebels took Kesra on Wednesday, residents said.", header_lines=("Saturday, March 4, 2023",))
    assert (p.date, p.earliest) == (D(2023, 3, 4), D(2023, 3, 1))


def test_metadata_wins_in_order_feed_page_url():
    text = "Rebels took Kesra on 1 March 2023."
    assert infer(text, feed_published="2023-03-09T10:00:00Z", page_date="2023-03-08").date == D(2023, 3, 9)
    assert infer(text, page_date="2023-03-08", url="https://x.example/2023/03/07/kesra").date == D(2023, 3, 8)
    url = infer(text, url="https://x.example/news/2023/03/07/kesra-falls")
    assert (url.date, url.basis) == (D(2023, 3, 7), "date in the URL")


def test_fetched_date_is_only_the_fallback_anchor():
    relative = infer("Gunmen attacked the convoy on Friday, officials said.", fetched="2023-05-10T08:00:00Z")
    assert relative.date == D(2023, 5, 6)  # the Friday before the fetch was 5 May
    assert relative.latest <= D(2023, 5, 10)
    dated = infer("Gunmen attacked the convoy on 3 May 2023.", fetched="2023-06-30")
    assert dated.date == D(2023, 5, 4)
    nothing = infer("Gunmen attacked the convoy, officials said.", fetched="2023-06-30")
    assert (nothing.date, nothing.basis) == (D(2023, 6, 30), "fetched date (no date in the text)")


def test_year_is_unknown_without_evidence():
    p = infer("Fighting began on August 20th. Two days later, on August 22nd, talks were offered.")
    assert p.date is None and p.iso_range is None
    assert "year unknown" in p.basis
    assert infer("Shelling resumed on Monday night.").date is None


def test_month_day_inherits_the_year_of_a_full_date():
    p = infer("The siege began on 28 December 2020. On January 3rd the garrison surrendered.")
    assert p.date == D(2021, 1, 4)


def test_since_and_duration_date_a_month_without_year():
    text = ("The junta has ruled the country for two years. It has held power since March 2021. "
            "In April, its envoy met rebel leaders abroad.")
    p = infer(text)
    assert p.earliest == D(2023, 4, 15)
    assert D(2023, 4, 15) <= p.date <= D(2023, 5, 1)


def test_history_and_plans_are_not_the_latest_day():
    history = infer("He was killed two days before the September 11, 2001 attacks. His son spoke on Monday.")
    assert history.date is None
    plans = infer("Rebels took Kesra on 1 March 2023. Elections will be held on 30 April 2023.")
    assert plans.date == D(2023, 3, 2)


def test_caption_dates_give_the_year():
    p = infer("Rebels took the district on Friday after crowds marched on Thursday 19 August.",
              caption_lines=("Women march in Kesra, Veloria on August 19, 2021.",))
    assert p.date == D(2021, 8, 21)


def test_wire_dateline_is_the_publication_day():
    text = ("KESRA, March 3 (Coast Wire) - Rebels shelled the harbour on Thursday, officials said. "
            "The war began in January 2021.")
    p = infer(text, footer_lines=("© 2023 Coast Wire. All rights reserved.",))
    assert (p.date, p.earliest, p.latest) == (D(2023, 3, 3), D(2023, 3, 3), D(2023, 3, 3))
    assert "dateline" in p.basis and "footer" in p.basis


def test_footer_year_dates_year_less_days_but_never_beats_text_dates():
    assert infer("The convoy was hit on May 9, police said.", footer_lines=("(c) Horn Post 2024",)).date == \
        D(2024, 5, 10)
    dated = infer("The convoy was hit on 9 May 2022, police said.", footer_lines=("(c) Horn Post 2024",))
    assert dated.date == D(2022, 5, 10)


def test_parse_date_and_url_date():
    assert parse_date("2021-08-21T10:00:00Z") == D(2021, 8, 21)
    assert parse_date("Sat, 21 Aug 2021 10:00:00 GMT") == D(2021, 8, 21)
    assert parse_date("yesterday") is None
    assert url_date("https://a.example/2021/08/21/story") == (D(2021, 8, 21), D(2021, 8, 21))
    assert url_date("https://a.example/2021/08/story") == (D(2021, 8, 1), D(2021, 8, 31))
    assert url_date("https://a.example/story-20210821") is None


# -- dated public facts (data/eras.json) bound texts without a year -------------------------


def test_office_holder_gives_a_year_less_date_the_earliest_year_of_the_term():
    p = infer("Secretary of State Antony Blinken met the Velorian envoy. On March 3rd, rebels shelled Kesra.")
    assert (p.date, p.earliest) == (D(2021, 3, 4), D(2021, 3, 3))
    assert "earliest year" in p.basis and "Antony Blinken" in p.basis


def test_the_year_agrees_with_the_weekday():
    p = infer("Secretary of State Antony Blinken condemned the attack on Friday, March 4, in Kesra.")
    assert p.earliest == D(2022, 3, 4)  # the first Friday 4 March of the term


def test_a_dated_event_anchors_relative_days():
    text = ("Gunmen attacked a checkpoint in Kesra province on Monday night, hours after the last American "
            "troops left Kabul airport. Last week the governor fled.")
    p = infer(text)
    assert (p.date, p.earliest) == (D(2021, 8, 31), D(2021, 8, 30))  # 30 August 2021 was a Monday
    assert p.latest <= D(2021, 9, 6)


def test_facts_never_override_an_explicit_year():
    p = infer("Secretary of State Antony Blinken spoke on 3 March 2019. Rebels took Kesra on March 5th.")
    assert p.date == D(2019, 3, 6)


def test_wide_bounds_guess_the_latest_year_and_keep_the_whole_range():
    text = ("KESRA, August 16 - Police fired tear gas at strikers on Tuesday, officials said. "
            "The opposition demands that Prime Minister Sheikh Hasina step down.")
    p = infer(text)
    assert p.date == D(2023, 8, 16)  # 16 August 2024 falls after her term ended on 5 August 2024
    assert p.iso_range == ("1996-06-23", "2024-08-05")
    assert "dateline 'August 16'" in p.basis and "too wide to be sure" in p.basis


def test_numeric_header_dates_follow_the_months_named_or_the_locale():
    text = "Gunmen attacked the market on Sunday. The June fuel deliveries were stopped."
    assert infer(text, header_lines=("Posted: 06/05/2023 10:40",)).date == D(2023, 6, 5)  # June named
    neutral = "Gunmen attacked the market on Sunday, police said."
    assert infer(neutral, header_lines=("Posted: 06/05/2023 10:40",)).date == D(2023, 5, 6)  # day first
    us = infer(neutral, header_lines=("Posted: 06/05/2023 10:40",), url="https://news.kesra.us/market")
    assert us.date == D(2023, 6, 5)


def test_a_header_date_with_a_place_is_the_publication_day():
    p = infer("A car bomb killed two guards in Kesra on Tuesday evening, residents said.",
              header_lines=("20 February 2024 | Kesra",))
    assert (p.date, p.earliest) == (D(2024, 2, 20), D(2024, 2, 20))


@pytest.mark.parametrize("dateline", ["KESRA, Republic of Veloria, June 28 (Coast Wire) -",
                                      "KESRA, Friday, June 28 –"])
def test_dateline_is_the_publication_day_not_the_day_after_the_news(dateline):
    text = f"{dateline} Rebels took the town on Friday after two days of fighting, residents said."
    p = infer(text, footer_lines=("© 2024 Coast Wire",))
    assert (p.date, p.earliest, p.latest) == (D(2024, 6, 28), D(2024, 6, 28), D(2024, 6, 28))


def test_caption_month_gives_the_year():
    p = infer("KESRA, March 27 (Coast Wire) - Gunmen killed nine villagers on Sunday, officials said.",
              caption_lines=("Photo: Displaced families in Dorsa, February 2024.",))
    assert p.date == D(2024, 3, 27)


def test_a_fact_with_only_an_end_bounds_the_weekday_year(monkeypatch):
    facts = parse_facts({"facts": [{"pattern": "Kesra Accord", "not_after": "2019-12-31", "published_basis": "b"}]})
    monkeypatch.setattr(metadata, "era_evidence", partial(era_evidence, facts=facts))
    p = infer("Under the Kesra Accord, rebels withdrew on Tuesday 14 March.")
    assert p.earliest == D(2017, 3, 14)  # the latest Tuesday 14 March before the fact's end


def test_byline_date_wins_over_a_crawl_date_and_year_less_background():
    text = ("Shelling hit the port of Kesra early on Thursday, killing six people. "
            "The army had resumed its offensive on 18 March, ending a truce that began in October.")
    p = infer(text, header_lines=("Sat, 3 June 2023 | Kesra 21°C",), byline_lines=("Thursday 25 May 2023 14:20 BST",))
    assert (p.date, p.earliest, p.latest) == (D(2023, 5, 25), D(2023, 5, 25), D(2023, 5, 25))
    assert "byline date" in p.basis


def test_byline_date_is_the_published_stamp_not_the_update():
    p = infer("Rebels took Kesra on Monday.", byline_lines=("Posted at Jun 5 2023 09:20 AM | Updated as of Jun 9 2023",))
    assert p.date == D(2023, 6, 5)
    assert infer("Rebels took Kesra on Monday.", byline_lines=("Staff writer | 05/06/2023",)).date == D(2023, 6, 5)


def test_byline_date_after_today_is_ignored():
    p = infer("Rebels took Kesra on 1 March 2023.", byline_lines=("5 June 2031",))
    assert p.date == D(2023, 3, 2)


def test_year_less_background_dates_fall_before_the_latest_full_date():
    text = ("Shelling killed six people in Kesra on 25 May 2023, medics said. "
            "The army had resumed its offensive on 18 March, ending a two-month truce.")
    p = infer(text)
    assert p.date == D(2023, 5, 26)
    assert "25 May 2023" in p.basis


def test_year_less_date_shortly_after_the_latest_full_date_is_news():
    p = infer("The truce was signed on 3 March 2023. Rebels broke it on 5 April, residents said.")
    assert p.date == D(2023, 4, 6)


def test_a_month_long_after_the_text_dates_is_a_plan():
    text = "Rebels shelled Kesra on 12 June 2023, killing two. Voters elect a new council in May 2024."
    assert infer(text).date == D(2023, 6, 13)


def test_publication_stamps_elsewhere_on_the_page_count_when_they_agree():
    text = "Gunmen attacked Lesk on Wednesday. The war broke out in April 2023."
    one = infer(text, stamp_lines=("Published 6 June 2024", "Published 6 June 2024, 10:02"))
    assert (one.date, one.basis) == (D(2024, 6, 6), "publication stamp 'Published 6 June 2024'")
    assert infer(text, stamp_lines=("Published 6 June 2024", "Published 2 May 2024")).date != D(2024, 6, 6)
