from pathlib import Path

import pytest

from frontlines.errors import ConfigError
from frontlines.ingest.clean import clean_text, is_date_line, is_menu_line, is_tag_line, parse_patterns

FIXTURES = Path(__file__).parents[2] / "fixtures" / "ingest"
TITLE = "Militia Fighters Storm Hill Town of Arvo"
ARTICLE = [
    "Militia fighters stormed the hill town of Arvo on Thursday after a night of shelling, residents said.",
    "The regional police chief said at least four officers were wounded in the assault.",
    "“We could hear the guns until dawn,” a shopkeeper told reporters.",
    "The militia has not commented on the attack.",
]


def page(*lines):
    return "\n\n".join(lines)


def reasons(cleaned):
    return {r.text: r.reason for r in cleaned.removed}


def assert_clean(cleaned, boilerplate, article=ARTICLE):
    assert cleaned.paragraphs == tuple(article)
    removed = {r.text for r in cleaned.removed}
    for line in boilerplate:
        assert line in removed, (line, reasons(cleaned))


@pytest.mark.parametrize("family, lines", [
    ("donation", ["0 $", "2,500 $", "€ 50", "Support The Hill Courier", "Do you like this content? Consider helping us!"]),
    ("crypto", ["BITCOIN: bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el",
                "BITCOIN CASH: qp3wjpa3tjlj042z2wv7hahsldgwhwy0rq9sywjpyy",
                "ETH: 0x52908400098527886E0F7030069857D2E4169EE7"]),
    ("contact", ["OR CONTACT US : desk@hillcourier.example"]),
    ("translation", ["You can read this article in Spanish: LINK."]),
])
def test_widgets_above_the_article(family, lines):
    cleaned = clean_text(page(TITLE, *lines, *ARTICLE))
    assert cleaned.title == TITLE
    assert_clean(cleaned, lines)
    assert {reasons(cleaned)[line] for line in lines} == {family}


@pytest.mark.parametrize("lines", [
    ["Leave a Reply", "Your email address will not be published. Required fields are marked *"],
    ["Leave a comment"],
    ["With AFP", "Originally published as Militia Fighters Storm Hill Town of Arvo", "Read original article here",
     "Denial of responsibility! Hill Digest is an automatic aggregator around the global media. All trademarks "
     "belong to their rightful owners, all materials to their authors."],
    ["(With Reuters)", "Additional reporting by Tom Reyes; editing by Ana Lind"],
])
def test_prompts_and_credits_below_the_article(lines):
    assert_clean(clean_text(page(TITLE, *ARTICLE, *lines)), lines)


def test_captions_repeated_lines_and_photo_credits_inside_the_article():
    caption = "Map showing the hill district of Arvo."
    people = "Commander Ilya Sorn (left) and Mayor Dana Petri (right) at the town hall"
    credits = "Jane Doe/Reuters, John Roe/Getty Images"
    cleaned = clean_text(page(TITLE, ARTICLE[0], ARTICLE[1], caption, caption.rstrip("."), "Google Maps",
                              ARTICLE[2], people, people + ".", credits, "Click to see full-size image", ARTICLE[3]))
    assert_clean(cleaned, [caption, caption.rstrip("."), "Google Maps", people, people + ".", credits,
                           "Click to see full-size image"])


def test_subheading_next_to_an_advert_is_kept_and_bracketed_credits_go():
    caption = "A soldier stands guard in Arvo, Veloria, May 2, 2024 [File: AFP]"
    cleaned = clean_text(page(TITLE, ARTICLE[0], "Advertisement", "Shelling overnight", ARTICLE[1], caption,
                              ARTICLE[2], ARTICLE[3]))
    assert cleaned.paragraphs == (ARTICLE[0], "Shelling overnight", *ARTICLE[1:])
    assert reasons(cleaned)[caption] == "caption"


def test_crawl_date_header_and_tag_line():
    cleaned = clean_text(page("Tuesday, March 7", TITLE, *ARTICLE, "afp militia arvo shelling"))
    assert cleaned.title == TITLE
    assert_clean(cleaned, ["Tuesday, March 7", "afp militia arvo shelling"])
    assert [r.text for r in cleaned.removed_at_top("date line")] == ["Tuesday, March 7"]


def test_wire_caption_removed_at_the_tail_but_kept_between_sentences():
    caption = "Residents inspect a damaged house in Arvo, Veloria on May 2, 2024."
    tail = clean_text(page(TITLE, *ARTICLE, "veloria militia arvo", caption))
    assert_clean(tail, [caption])
    middle = clean_text(page(TITLE, ARTICLE[0], ARTICLE[1], caption, ARTICLE[2], ARTICLE[3]))
    assert caption in middle.paragraphs


def test_repeated_headline_is_the_title_not_body():
    headline = "Army Retakes Border Crossing"
    cleaned = clean_text(page("12,000 $", headline, "Support The Hill Courier", headline, *ARTICLE, headline + "."))
    assert cleaned.title == headline
    assert headline not in cleaned.body
    assert cleaned.paragraphs == tuple(ARTICLE)


def test_site_chrome_above_the_headline_and_bylines():
    lines = ["Skip to main content", "The Hill Courier", "Home > Africa > Veloria", TITLE, "By Jane Doe and Omar Vale",
             "Published 3 hours ago", *ARTICLE, "Tags: Veloria, militia", "AFP via Getty Images"]
    cleaned = clean_text(page(*lines))
    assert cleaned.title == TITLE
    assert_clean(cleaned, [line for line in lines if line not in ARTICLE and line != TITLE])


def test_real_sentences_kept_bullets_quotes_and_a_deck_line():
    bullets = ["• The militia now holds the hospital and the market.", "• Four police officers were wounded."]
    deck = "Militia takes the hill town"
    cleaned = clean_text(page(TITLE, deck, *bullets, *ARTICLE))
    assert cleaned.paragraphs == (deck, *bullets, *ARTICLE)
    assert [r.reason for r in cleaned.removed] == ["title"]


def test_article_without_boilerplate_keeps_its_last_lines():
    closing = ["The road to the capital remains closed", "By Monday, the town had fallen.",
               "Schools will reopen next week."]
    cleaned = clean_text(page(TITLE, *ARTICLE, *closing))
    assert cleaned.paragraphs == (*ARTICLE, *closing)


def test_a_sentence_repeated_far_apart_keeps_its_first_copy():
    cleaned = clean_text(page(TITLE, ARTICLE[0], ARTICLE[1], ARTICLE[2], ARTICLE[3], "More fighting was reported.",
                              "Two villages were emptied.", ARTICLE[0]))
    assert cleaned.paragraphs.count(ARTICLE[0]) == 1
    assert reasons(cleaned)[ARTICLE[0]] == "duplicate"


def test_given_title_replaces_detection_and_body_is_newline_joined():
    cleaned = clean_text(page("Hill town stormed", *ARTICLE), title="Hill town stormed")
    assert cleaned.title == "Hill town stormed"
    assert cleaned.body == "\n".join(ARTICLE)


def test_fixture_page_dump():
    cleaned = clean_text((FIXTURES / "dump_veloria.txt").read_text(encoding="utf-8"))
    assert cleaned.title == "Rebels Seize Port Town of Kesra After Two Days of Fighting"
    assert len(cleaned.paragraphs) == 6
    assert cleaned.paragraphs[0].startswith("Fighters of the Northern Liberation Army")
    assert all("$" not in p and "@" not in p for p in cleaned.paragraphs)


def test_line_features():
    assert is_date_line("Saturday, December 4")
    assert is_date_line("Updated: 14 June 2023, 10:42 GMT")
    assert not is_date_line("Saturday, December 4, was the bloodiest day.")
    assert is_tag_line("reuters women afghanistan")
    assert not is_tag_line("killed in the attack")


def test_pattern_file_format():
    patterns = parse_patterns("# comment\n[share]\n^leave a reply\n[caption weak]\nshows\n")
    assert [(p.family, p.weak) for p in patterns] == [("share", False), ("caption", True)]
    assert patterns[0].regex.search("LEAVE A REPLY")
    with pytest.raises(ConfigError, match="bad regex"):
        parse_patterns("[share]\n(unclosed\n")
    with pytest.raises(ConfigError, match="before any"):
        parse_patterns("^orphan\n")


def test_header_lines_without_blank_lines_leave_the_body():
    lines = ["Veloria Monitor", TITLE, "Politics | Security", "By Coast Wire staff", "Posted: 12/06/2024 09:40",
             "20 February 2024 | Arvo", "Translated from Spanish", "Hill Courier"]
    cleaned = clean_text("\n".join(lines + ARTICLE))
    assert cleaned.title == TITLE
    assert_clean(cleaned, [line for line in lines if line != TITLE])
    assert [r.text for r in cleaned.removed_at_top("date line")] == ["Posted: 12/06/2024 09:40",
                                                                      "20 February 2024 | Arvo"]


def test_related_headlines_and_photo_captions():
    related = ["More on this topic:", "Veloria: convoy ambushed on the coast road", "Junta suspends two radio stations",
               "Newsletter — The Hills this week, every Friday in your inbox."]
    captions = ["Photo: Displaced families on the road to Arvo, May 2024. © Hill Courier",
                "(Photo: Smoke over the market. Hill Courier)", "Image: A map of the hill district"]
    cleaned = clean_text(page(TITLE, ARTICLE[0], captions[0], ARTICLE[1], captions[1], captions[2], *ARTICLE[2:],
                              *related))
    assert_clean(cleaned, related + captions)
    assert reasons(cleaned)[related[1]] == "related headline"


def test_an_inline_related_link_takes_no_following_lines():
    cleaned = clean_text(page(TITLE, ARTICLE[0], "Read also: Seven killed in Arvo, police say", "Shelling overnight",
                              *ARTICLE[1:]))
    assert cleaned.paragraphs == (ARTICLE[0], "Shelling overnight", *ARTICLE[1:])


def test_hard_wrapped_text_is_joined_into_paragraphs():
    cleaned = clean_text((FIXTURES / "wrapped_kesra.txt").read_text(encoding="utf-8"))
    assert cleaned.title == "Rebels Shell Kesra Harbour, Four Dock Workers Killed"
    assert len(cleaned.paragraphs) == 4
    assert cleaned.paragraphs[1].startswith("The army said") and cleaned.paragraphs[1].endswith("could not confirm.")
    assert {r.text for r in cleaned.removed} >= {"By Ana Lind", "(c) 2023 Coast Wire"}


def test_wrapped_paragraphs_without_blank_lines_split_where_the_next_word_would_have_fitted():
    text = ("Rebels shelled the harbour district of Arvo on Thursday night, killing\n"
            "four dock workers, port officials said.\n"
            "The army said its artillery had returned fire on rebel positions in\n"
            "the hills above the town and that the harbour remained under\n"
            "government control, a claim residents could not confirm.\n"
            "Aid groups said more than 2,000 people had fled north along the coast\n"
            "road towards Dorsa since the fighting began on Wednesday morning.\n")
    cleaned = clean_text(text)
    assert [p.split()[0] for p in cleaned.paragraphs] == ["Rebels", "The", "Aid"]


def test_unwrapped_pages_keep_their_lines():
    assert clean_text(page(TITLE, *ARTICLE)).paragraphs == tuple(ARTICLE)  # not wrapped: nothing joined
    cleaned = clean_text("\n".join([TITLE, "reuters militia arvo", *ARTICLE]))  # lowercase next line, no join
    assert (cleaned.title, cleaned.paragraphs) == (TITLE, tuple(ARTICLE))


def test_date_lines_with_a_place_or_numeric_dates():
    assert is_date_line("Posted: 12/06/2024 09:40")
    assert is_date_line("20 February 2024 | Arvo")
    assert is_date_line("Arvo · Tuesday, 20 February 2024")
    assert not is_date_line("20 February 2024 | Rebels seize the hill town of Arvo")


def test_short_one_sentence_paragraphs_of_even_length_are_not_taken_for_wrapping():
    lines = ["Rebels shelled the harbour district of Arvo on Thursday night, officials said.",
             "Four dock workers were killed and two fuel tanks caught fire near the pier.",
             "The army said it had returned fire on rebel positions in the hills above.",
             "Residents reached by telephone said the fires burned until the morning.",
             "Aid groups said more than 2,000 people had fled north along the coast."]
    assert clean_text("\n".join(lines)).paragraphs == tuple(lines)


def test_headline_below_site_chrome_tickers_and_a_tagline():
    deck = "Officials say the town remains under army control"
    chrome = ["Sun, 4 June 2023 | Dorsa 21°C", "THE VELORIA COURIER", "Independent news from the hills and the coast",
              "Home   Veloria   Region   Opinion   Sport", "BREAKING: Port strike enters its third day",
              "Updated 5 Jun, 2023 10:15am", "VELORIA"]
    byline = ["Staff writer | 02/06/2023"]
    footer = ["© 2023 The Veloria Courier. All rights reserved."]
    cleaned = clean_text(page(*chrome, TITLE, deck, *byline, *ARTICLE, *footer))
    assert cleaned.title == TITLE
    assert cleaned.paragraphs == (deck, *ARTICLE)  # the standfirst stays, on its own line
    assert_clean(cleaned, chrome + byline + footer, article=[deck, *ARTICLE])


@pytest.mark.parametrize("site", ["THE VELORIA HILL COURIER", "The Veloria Hill Courier"])
def test_a_site_name_repeated_in_the_footer_is_not_the_headline(site):
    cleaned = clean_text(page(site, "Politics | Security", TITLE, *ARTICLE, f"© 2023 {site}. All rights reserved."))
    assert cleaned.title == TITLE


def test_menu_lines():
    assert is_menu_line("Home   World   Veloria   North Coast   Opinion")
    assert is_menu_line("About us | Contact | Terms of use | Privacy")
    assert is_menu_line("Sort by: Newest | Oldest | Most liked")
    assert not is_menu_line("Militia fighters stormed   the hill town   on Thursday.")
    assert not is_menu_line("Arvo | March 3 | Politics")  # a date line


@pytest.mark.parametrize("line", [
    "Updated 5 Jun, 2023 10:15am", "Posted at Jun 5 2023 09:20 AM | Updated as of Jun 5 2023 01:05 PM",
    "05.06.2023 | Politics, Security", "Staff writer | 05/06/2023", "Sun, 4 June 2023 | Dorsa 21°C",
    "5 June 2023 · 7 min read", "5 June 2023 | 08:30 GMT | 4 min read", "Posted on 5 June 2023 by Coast Wire Staff",
    "Veloria Monitor staff | 5 June 2023", "June 5, 20238:15 AM GMT+1Updated 2 hours ago",
    "Updated 3:14 PM GMT+1, June 5, 2023", "June 5, 2023 11:02 AM 1 min read",
    "Veloria News Desk / VELORIANEWS.COM / Updated: Jun 5, 2023, 10:12 IST", "Date: Mon, 5 Jun 2023 10:00:00 +0000"])
def test_date_lines_with_times_reading_times_weather_and_bylines(line):
    assert is_date_line(line)


FORMS_AND_BOXES = [
    "About the author: Coast Wire reporters cover Veloria from Dorsa.",
    "Support independent journalism from the hills. Donate today.",
    "Independent journalism costs money. The Hill Courier is funded by its readers. Support us from $5 a month.",
    "VLR 2,500",
    "Previous article: Veloria port reopens after repairs", "Next article: Dorsa: teachers strike over pay",
    "Subscribe to our Telegram channel for breaking news from the hills.",
    "The Hill Brief: our free weekly newsletter on Veloria and its neighbours.",
    "Subscribe to the Hill Courier daily digest and never miss a story.",
    "Enter your email address", "Sign up", "By subscribing you agree to our Terms of Use and Privacy Policy.",
    "The Hill Courier uses cookies. Read our cookie policy.", "Sponsored: Earn up to 15% on your savings",
    "Comments expressed here do not reflect the opinions of The Hill Courier.",
    "This article is part of our series on the hill wars, supported by a grant from a foundation.",
    "Comments are moderated and may take time to appear.", "Write your comment...",
    "Please log in to leave a comment.", "Leave a Reply", "Comment *", "Name *", "Email *", "Website",
    "Save my name, email, and website in this browser for the next time I comment.", "Post Comment",
    "Edited by John Roe", "We bring you reporting from the hills. Become a member today.",
    "Published in The Hill Courier, June 5th, 2023", "Download The Hill Courier App for the latest news.",
]


def test_comment_forms_newsletters_donations_and_notes_below_the_article():
    assert_clean(clean_text(page(TITLE, *ARTICLE, *FORMS_AND_BOXES)), FORMS_AND_BOXES)


def test_bylines_with_accents_and_staff_lines():
    lines = ["From: Hill Desk <desk@hill.example>", "Subject: Militia storms Arvo", "By José Álvarez",
             "Veloria Monitor staff", "Representative image"]
    assert_clean(clean_text(page(TITLE, *lines, *ARTICLE)), lines)


def test_captions_ending_in_a_credit_and_a_subheading_after_them():
    captions = ["Residents flee Arvo on 2 May 2023. Photo: Hill Courier",
                "Residents flee Arvo on 2 May 2023. (Photo: Hill Courier)",
                "Soldiers at a checkpoint near Arvo on Tuesday. — Photo by author",
                "Rubble of a house in Arvo on 2 May 2023. Photograph: Jane Doe/Hill Courier",
                "Pupils at a school in Arvo, October 2022. File photo.",
                "Rescuers in Arvo, Veloria, May 2, 2023. Hill Courier/Jane Doe"]
    cleaned = clean_text(page(TITLE, ARTICLE[0], *captions, "Journalist abducted", *ARTICLE[1:]))
    assert cleaned.paragraphs == (ARTICLE[0], "Journalist abducted", *ARTICLE[1:])
    assert {reasons(cleaned)[c] for c in captions} == {"caption"}


def test_related_lists_with_questions():
    related = ["Related coverage", "Veloria says it hit a fuel depot", "Explainer: What is the Arvo accord?",
               "Ministers to discuss sanctions next week", "More explainers",
               "Why Veloria's prisons became a battleground"]
    assert_clean(clean_text(page(TITLE, *ARTICLE, *related)), related)


def test_sentences_like_boilerplate_stay():
    kept = ["“The West must support us with air defence,” the governor said.",
            "By continuing the offensive, the army risks losing the bridge, analysts said.",
            "“Authorities shut down our weekly newsletter in March,” the editor said.",
            "The group released a statement. Photos by the agency showed burned cars.",
            "Next week, the council will vote on the budget.",
            "The views of residents do not reflect the official line, the survey found.",
            "Residents were asked to donate blood at the district hospital.",
            "Next article of the accord sets out a timetable for the withdrawal."]
    article = [ARTICLE[0], *kept, *ARTICLE[1:]]
    assert clean_text(page(TITLE, *article)).paragraphs == tuple(article)


def test_page_buttons_author_posts_and_a_caption_under_its_credit():
    lines = ["Save", "Click here to share on social media", "share2", "Jane Doe", "Africa correspondent",
             "Getty Images", "Thousands have fled the fighting in the hill district"]
    cleaned = clean_text(page(TITLE, *lines, *ARTICLE, "Getty Images", "Fighting spreads", "The army sent tanks."))
    assert_clean(cleaned, lines, article=[*ARTICLE, "Fighting spreads", "The army sent tanks."])
