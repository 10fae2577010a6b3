"""Recognition and resolution on invented sentences over the small hand-built gazetteer.

Most tests pass no spaCy Doc (recognition then relies on the gazetteer and the words around a
name); one test runs the real model through the ``nlp`` fixture.
"""

import pytest

from frontlines.geo import geoparse, geoparse_text
from frontlines.records import Article


def places(text, gazetteer, doc=None):
    found = geoparse_text(text, doc, gazetteer)
    for p in found:  # every place points back at its surface form
        assert text[p.start:p.end] == p.mention
    return found


def by_mention(found):
    return {p.mention: p for p in found}


def test_province_qualifier_resolves_to_admin1_with_offsets(small_gazetteer):
    text = "Heavy fighting was reported in Kharkiv oblast on Tuesday."
    (p,) = places(text, small_gazetteer)
    assert (p.mention, p.kind, p.country_code, p.geonameid, p.geo_precision) == ("Kharkiv", "admin1", "UA", 400, 3)
    assert p.start == text.index("Kharkiv")


def test_bare_city_name_prefers_the_city_over_its_province(small_gazetteer):
    (p,) = places("Shelling hit Kharkiv overnight.", small_gazetteer)
    assert (p.kind, p.geonameid, p.admin1) == ("populated_place", 401, "Kharkivska oblast")


def test_city_and_state_with_article_and_transliteration(small_gazetteer):
    found = by_mention(places("Displaced families reached El Fasher in North Darfur.", small_gazetteer))
    assert found["El Fasher"].geonameid == 301 and found["El Fasher"].admin1 == "North Darfur"
    assert found["North Darfur"].kind == "admin1"


def test_district_qualifier_resolves_to_the_district(small_gazetteer):
    text = "In Tajikistan's north, troops shelled Pul-i-Sangin district at dawn."
    found = by_mention(places(text, small_gazetteer))
    district = found["Pul-i-Sangin"]
    assert (district.kind, district.geonameid, district.geo_precision) == ("admin2", 101, 2)
    assert (district.lat, district.lon) == (38.20, 70.30)
    assert district.admin1 == "Zardak"
    assert found["Tajikistan"].kind == "country"  # possessive cut off the mention
    assert found["Tajikistan"].end == text.index("'s")


def test_list_after_plural_qualifier_with_english_calque_and_vowel_variant(small_gazetteer):
    text = ("Militias seized three districts in the northern Zardak province of Tajikistan: "
            "Sangin Bridge, Deh Nawak and Benak.")
    found = by_mention(places(text, small_gazetteer))
    assert found["Zardak"].kind == "admin1"
    assert found["Sangin Bridge"].geonameid == 101
    assert found["Deh Nawak"].geonameid == 102
    # two towns called Banak: the one in the province the sentence names wins
    assert found["Benak"].geonameid == 104 and found["Benak"].country_code == "TJ"
    assert found["Benak"].score < 1.0


def test_country_focus_picks_the_namesake(small_gazetteer):
    found = by_mention(places("Malian troops entered Banak after clashes near Gao.", small_gazetteer))
    assert found["Banak"].geonameid == 200
    assert "Malian" not in found  # demonyms tag the focus; they are not places
    found = by_mention(places("Sudanese army units withdrew from Kutum.", small_gazetteer))
    assert found["Kutum"].country_code == "SD"


def test_region_qualifier_and_valley(small_gazetteer):
    found = by_mention(places("Jihadists attacked the Gao region of Mali and the Khumdara Valley.", small_gazetteer))
    assert found["Gao"].kind == "admin1"
    assert found["Mali"].kind == "country"
    valley = found["Khumdara Valley"]
    assert valley.kind == "valley" and valley.geonameid == 103


@pytest.mark.parametrize("text", [
    "The Washington Post reported the clashes.",
    "General Banak said the offensive would go on.",
    "Fighting resumed in May, officials said.",
])
def test_organisations_people_and_months_are_not_places(small_gazetteer, text):
    assert places(text, small_gazetteer) == ()


def test_a_namesake_speaking_is_a_person(small_gazetteer):
    found = places("In Tajikistan, Banak told reporters that Khumdara was calm.", small_gazetteer)
    assert [p.mention for p in found] == ["Tajikistan", "Khumdara"]


def test_country_used_as_actor_is_not_a_place_but_its_capital_is(small_gazetteer):
    found = by_mention(places("US forces left after the deal with Washington was signed.", small_gazetteer))
    assert "US" not in found
    assert found["Washington"].geonameid == 500


def test_one_sense_per_document(small_gazetteer):
    text = "Clashes spread across Zardak province. Later, Zardak fell to the rebels."
    found = places(text, small_gazetteer)
    assert [p.geonameid for p in found] == [100, 100]


def test_geoparse_reads_the_article_body(small_gazetteer):
    article = Article(doc="x.txt", sha256="0", title="t", outlet=None, url=None, author=None, published=None,
                      published_range=None, published_basis="unknown", language="en",
                      body="Aid convoys reached Kupyansk in Ukraine.")
    found = geoparse(article, None, small_gazetteer)
    assert [(p.mention, p.geonameid) for p in found] == [("Kupyansk", 402), ("Ukraine", 4)]


def test_with_spacy_entities(small_gazetteer, nlp):
    text = ("Zardak province officials said rebels held Khumdara and Qala-i-Surkh. "
            "Governor Kutum Banak denied it.")
    found = places(text, small_gazetteer, nlp(text))
    assert {p.mention: p.geonameid for p in found} == {"Zardak": 100, "Khumdara": 103, "Qala-i-Surkh": 106}


def test_sentence_initial_names_need_a_big_place_or_the_focus(small_gazetteer):
    found = places("Kharkiv was shelled again. Banak stayed calm.", small_gazetteer)
    assert [(p.mention, p.geonameid) for p in found] == [("Kharkiv", 401)]
    found = places("Fighting spread across Tajikistan. Zardak stayed calm.", small_gazetteer)
    assert [p.mention for p in found] == ["Tajikistan", "Zardak"]


def test_list_after_a_named_province_is_inside_it(small_gazetteer):
    text = "Rebels hold three places in the northern Zardak province: Sangin Bridge, Deh Nawak and Benak."
    found = by_mention(places(text, small_gazetteer))
    assert {m: p.geonameid for m, p in found.items()} == {"Zardak": 100, "Sangin Bridge": 101, "Deh Nawak": 102,
                                                          "Benak": 104}


def test_a_place_own_name_beats_a_bigger_place_former_name(small_gazetteer):
    (p,) = places("Shelling was reported near Marhanka overnight.", small_gazetteer)
    assert p.geonameid == 403


def test_dateline_in_capitals_is_the_reporting_place(small_gazetteer):
    text = ("KHARKIV, March 3 (Steppe Wire) - Shelling hit Kupiansk overnight and damaged a school, "
            "the regional governor said.")
    found = by_mention(places(text, small_gazetteer))
    assert found["KHARKIV"].geonameid == 401 and found["KHARKIV"].dateline
    assert found["Kupiansk"].geonameid == 402 and not found["Kupiansk"].dateline
    # the same word in capitals inside a sentence is shouting, not a place
    assert "KHARKIV" not in by_mention(places("Shelling hit Kupiansk as KHARKIV slept.", small_gazetteer))


def test_dateline_with_region_and_no_date(small_gazetteer):
    text = "EL FASHER, North Darfur — Fighters looted the market in Kutum on Sunday, residents said."
    found = by_mention(places(text, small_gazetteer))
    assert found["EL FASHER"].dateline and found["North Darfur"].dateline
    assert not found["Kutum"].dateline


def test_alternate_name_of_a_unit_abroad_does_not_beat_the_focus(small_gazetteer):
    text = ("Sudanese troops shelled El Fasher in North Darfur on Monday. Fighters fled toward the "
            "Highlandia region, officials in Sudan said.")
    assert "Highlandia" not in by_mention(places(text, small_gazetteer))
    text = "Floods hit Tajikistan on Monday. Villages in the Highlandia region were cut off."
    assert by_mention(places(text, small_gazetteer))["Highlandia"].geonameid == 110


def test_facility_names_are_not_places_unless_a_town_of_the_focus(small_gazetteer):
    text = ("Sudanese army units withdrew from Kutum on Monday. Four wounded soldiers were taken to "
            "Banak hospital, its director said.")
    found = by_mention(places(text, small_gazetteer))
    assert "Banak" not in found and found["Kutum"].geonameid == 302
    text = "Sudanese troops withdrew. Fighters set fire to the Kutum market on Tuesday."
    assert by_mention(places(text, small_gazetteer))["Kutum"].geonameid == 302


def test_neighbourhood_resolves_inside_its_city_or_to_the_city(small_gazetteer):
    text = "In Sudan, police raided a house in the Hillat Sharif neighbourhood of El Fasher on Friday."
    assert by_mention(places(text, small_gazetteer))["Hillat Sharif"].geonameid == 304
    # no namesake near the city: the place is the city itself
    text = "In Sudan, soldiers were deployed to El Fasher. A shell hit the Banak quarter, killing two."
    banak = by_mention(places(text, small_gazetteer))["Banak"]
    assert (banak.geonameid, banak.name, banak.kind) == (301, "Al Fāshir", "populated_place")


def test_borrowed_district_point_does_not_pull_a_town_to_it(small_gazetteer):
    text = "Sudanese troops held El Fasher. Meanwhile in Kutum, 80 km northwest of the city, shops were looted."
    kutum = by_mention(places(text, small_gazetteer))["Kutum"]
    assert (kutum.geonameid, kutum.kind, kutum.geo_precision) == (302, "populated_place", 1)


@pytest.mark.parametrize("text, names", [
    ("ZENDA, March 3 (Ruritania Wire) - Gunmen attacked a checkpoint outside the town on Monday.", ["ZENDA"]),
    ("Title\n\nSTRELSAU, Ruritania, Tuesday: Police fired tear gas at protesters, witnesses said.",
     ["STRELSAU, Ruritania"]),
    ("ZENDA/STRELSAU, 4 May (AFP) — Talks on the ceasefire resumed in both towns on Friday.", ["ZENDA/STRELSAU"]),
    ("Zenda, 4 May (AFP) - The town was quiet on Friday after a week of clashes, people said.", ["Zenda"]),
    ("TARLENHEIM — Gunmen killed nine farmers who were harvesting beans near the village.", ["TARLENHEIM"]),
    # not datelines: a title-case name with only a dash, ordinary prose, a short label line
    ("Zenda — The town was quiet on Friday after a week of clashes, people said.", []),
    ("In the town, the war goes on - reports say many were killed in clashes near the border.", []),
    ("CONTACT US - mail", []),
])
def test_datelines(text, names):
    from frontlines.geo.mentions import datelines

    assert [text[a:b] for a, b in datelines(text)] == names
