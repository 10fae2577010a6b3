import datetime as dt
import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontlines.cli import main
from frontlines.errors import InputError
from frontlines.ingest import to_article
from frontlines.ingest.language import detect_language
from frontlines.ingest.sources import read
from frontlines.pipeline import Failure as PipelineFailure
from frontlines.records import Failure, FeedHints, RawDocument

FIXTURES = Path(__file__).parents[2] / "fixtures" / "ingest"
TODAY = dt.date(2026, 11, 23)


def raw(text, media="text/plain", **hints):
    content = text.encode("utf-8")
    return RawDocument("t.txt", "t.txt", content, media, hashlib.sha256(content).hexdigest(),
                       hints=FeedHints(**hints), encoding="utf-8")


def fixture(name):
    (item,) = read([str(FIXTURES / name)])
    return to_article(item, today=TODAY)


def test_plain_text_dump():
    article = fixture("dump_veloria.txt")
    assert article.title == "Rebels Seize Port Town of Kesra After Two Days of Fighting"
    assert article.outlet == "The Lowland Dispatch"
    assert article.language == "en"
    assert (article.published, article.published_range) == ("2023-03-05", ("2023-03-04", "2023-03-07"))
    assert "Saturday, December 2" in article.removed and "Leave a Reply" in article.removed
    assert article.title not in article.removed
    assert article.body.splitlines()[0].startswith("Fighters of the Northern Liberation Army")


def test_html_page_with_metadata():
    article = fixture("page_meta.html")
    assert article.title == "Drone strike hits fuel depot near Ostrava Mala"
    assert article.outlet == "Borderland Post"
    assert article.author == "Mira Kovalenko"
    assert article.url == "https://borderland-post.example/news/drone-strike-fuel-depot"
    assert article.published == "2023-06-14"
    lines = article.body.splitlines()
    assert len(lines) == 5 and lines[0].startswith("A drone struck a fuel depot")
    assert "Subscribe" not in article.body and "©" not in article.body and "Smoke rises" not in article.body


def test_short_html_page_keeps_its_paragraphs():
    html = ("<html><head><title>Clash at Dorsa</title></head><body><nav>Home</nav><h1>Clash at Dorsa</h1>"
            "<p>Soldiers and rebels clashed near Dorsa on Monday, the army said.</p>"
            "<p>Two soldiers were wounded.</p></body></html>")
    article = to_article(raw(html, "text/html"), today=TODAY)
    assert article.body.splitlines() == ["Soldiers and rebels clashed near Dorsa on Monday, the army said.",
                                         "Two soldiers were wounded."]


def test_feed_hints_win():
    text = "Old Title\n\nGunmen seized two buses near Damar on Friday, police said, and the drivers were freed later."
    article = to_article(raw(text, title="Old Title", published="2022-11-09", outlet="Relief Wire",
                             url="https://relief.example/item/7"), today=TODAY)
    assert (article.title, article.outlet, article.published, article.url) == \
        ("Old Title", "Relief Wire", "2022-11-09", "https://relief.example/item/7")
    assert article.body.startswith("Gunmen seized")


@pytest.mark.parametrize("text, reason", [
    ("Leave a Reply\n\nYour email address will not be published. Required fields are marked *", "not an article"),
    ("Breaking News\n\nMore soon", "not an article"),
    ("   ", "empty"),
])
def test_not_an_article(text, reason):
    with pytest.raises(InputError) as info:
        to_article(raw(text))
    assert info.value.reason.startswith(reason) and info.value.source == "t.txt"


def test_non_english_article_keeps_its_language():
    text = ("Des combattants ont pris le contrôle de la ville de Ménaka mardi après deux jours d'affrontements, "
            "selon des habitants. L'armée a démenti la perte de la ville et affirme tenir l'aéroport.")
    assert to_article(raw(text), today=TODAY).language == "fr"


def test_language_detection():
    assert detect_language("Soldiers and rebels clashed near the river crossing on Monday, the army said.") == "en"
    assert detect_language("Die Armee hat die Stadt nach tagelangen Kämpfen zurückerobert, sagten Anwohner.") == "de"
    assert detect_language("12 345 — 678 $") == "und"


def test_failure_is_shared_by_records_and_pipeline():
    assert PipelineFailure is Failure


def test_clean_command_prints_metadata_and_body():
    result = CliRunner().invoke(main, ["clean", str(FIXTURES / "dump_veloria.txt"), "--removed"])
    assert result.exit_code == 0, result.output
    assert "title:     Rebels Seize Port Town of Kesra After Two Days of Fighting" in result.output
    assert "published: 2023-03-05" in result.output  # its evidence is the caption's 2023 date
    assert "removed:   Leave a Reply" in result.output
    assert result.output.rstrip().endswith("reinforcements to the province of Tarn.")


def test_clean_command_reports_failures():
    result = CliRunner().invoke(main, ["clean", str(FIXTURES / "feed.jsonl")])
    assert result.exit_code == 1
    assert "bad JSON" in result.output and "Traders protest market closure in Selin" in result.output


def test_page_header_lines_give_author_and_date():
    article = fixture("dump_headers.txt")
    assert article.title == "Gunmen ambush aid convoy on the Dorsa road; two drivers killed"
    assert article.author == "Coast Wire staff"
    assert article.published == "2023-06-05"  # "Posted: 05/06/2023": day first, June named in the text
    lines = article.body.splitlines()
    assert lines[0].startswith("Gunmen ambushed") and lines[-1].startswith("The governor said")
    assert not any(line.startswith(("Photo", "(Image", "Posted", "By ", "More on")) for line in lines)


def test_hard_wrapped_plain_text_is_an_article():
    article = fixture("wrapped_kesra.txt")
    assert len(article.body.splitlines()) == 4
    assert (article.author, article.published) == ("Ana Lind", "2023-03-03")


PAGE_WITH_CRAWL_DATE = """Monday, 24 July 2023
THE COAST COURIER
Veloria   Region   Energy   Security   Opinion

Security

Gunmen torch homes in Dorsa village; army gives chase

{byline}

DORSA, Veloria — Gunmen attacked the village of Lesk in the Dorsa district on Sunday, burning at least 30 houses, residents said.

The army said it had sent two companies to the area on 2 July and that the gunmen had fled towards the hills.
"""


@pytest.mark.parametrize("byline, published", [
    ("Posted on 10 July 2023 by Courier Staff", "2023-07-10"),
    ("Coast Courier staff | 10/07/2023", "2023-07-10"),
    ("By Jane Doe\n\nPublished 10 July 2023, 13:07 EEST | Updated 11 July 2023, 08:40 EEST", "2023-07-10"),
    ("By Jane Doe\nJuly 10, 20238:15 AM GMT+1Updated 2 hours ago", "2023-07-10"),
])
def test_byline_date_beats_a_crawl_date_above_the_headline(byline, published):
    article = to_article(raw(PAGE_WITH_CRAWL_DATE.format(byline=byline)), today=TODAY)
    assert article.title == "Gunmen torch homes in Dorsa village; army gives chase"
    assert article.published == published
    assert "byline date" in article.published_basis
    assert article.body.startswith("DORSA, Veloria")


def test_outlet_from_the_masthead_named_again_or_a_wire_dateline():
    page = ("EAST COAST MONITOR\n\nHome | Veloria | Region | Opinion\n\n"
            "Gunmen torch homes in Dorsa village; army gives chase\n\n"
            "Gunmen burned at least 30 houses in Lesk on Sunday, residents told the East Coast Monitor.\n\n"
            "SUPPORT OUR WORK\n\nDonate now\n")
    assert to_article(raw(page), today=TODAY).outlet == "East Coast Monitor"
    wire = ("Gunmen torch homes in Dorsa village\n\n"
            "DORSA, June 5 (Coast Wire) - Gunmen burned at least 30 houses in Lesk on Sunday, residents said.\n\n"
            "SUPPORT OUR WORK\n")
    assert to_article(raw(wire), today=TODAY).outlet == "Coast Wire"
