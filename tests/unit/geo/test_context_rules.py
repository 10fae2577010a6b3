"""Context rules of recognition and resolution: hyphenated suffixes, containment ("Town,
State"), short words, places far from the text's focus, name runs, continents."""

from frontlines.geo import geoparse_text
from frontlines.geo.mentions import Page, find, words


def by_mention(text, gazetteer, doc=None):
    return {p.mention: p for p in geoparse_text(text, doc, gazetteer)}


def test_a_based_suffix_is_split_off_and_marks_a_place(small_gazetteer):
    assert [w.text for w in words("a Zardak-based group")] == ["a", "Zardak", "based", "group"]
    found = by_mention("Clashes were reported in Tajikistan, said an analyst at a Zardak-based institute.",
                       small_gazetteer)
    assert found["Zardak"].country_code == "TJ"
    assert found["Zardak"].end - found["Zardak"].start == len("Zardak")


def test_an_actor_suffix_makes_a_country_an_actor(small_gazetteer):
    assert [w.text for w in words("Mali-backed militias")] == ["Mali", "backed", "militias"]
    found = by_mention("Fighting flared in Gao after Mali-backed militias moved north.", small_gazetteer)
    assert "Mali" not in found and found["Gao"].country_code == "ML"


def test_town_comma_state_confines_the_town_to_that_state(small_gazetteer):
    text = ("Malian troops clashed with rebels near Gao, Mali, on Monday. A rebel commander from Gao "
            "was later arrested in Dunmore, US, by federal agents.")
    found = by_mention(text, small_gazetteer)
    assert (found["Dunmore"].country_code, found["Dunmore"].geonameid) == ("US", 505)
    assert found["US"].kind == "country"


def test_a_qualified_region_known_only_abroad_takes_its_stated_container(small_gazetteer):
    found = by_mention("Fighting spread to the Kutum region of Zardak province in Tajikistan.", small_gazetteer)
    assert found["Kutum"].country_code == "TJ"
    assert found["Kutum"].geonameid == found["Zardak"].geonameid == 100


def test_three_letter_words_match_only_exact_names(small_gazetteer):
    found = by_mention('Protesters in Zardak, Tajikistan, chanted "Nor more!" outside the offices.',
                       small_gazetteer)
    assert "Nor" not in found and "Zardak" in found


def test_a_small_town_of_a_country_the_text_hardly_names_needs_real_place_context(small_gazetteer):
    text = ("Malian troops retook Gao and entered Banak, Mali, after clashes in Gao region. "
            "US officials welcomed the news, and Harlow cannot run again.")
    found = by_mention(text, small_gazetteer)
    assert "Harlow" not in found and found["Banak"].country_code == "ML"
    found = by_mention("Malian troops retook Gao. US officials flew to Harlow, Texas, for talks.", small_gazetteer)
    assert found["Harlow"].country_code == "US"  # a stated container is evidence enough


def test_a_name_inside_a_longer_name_with_of_is_not_a_place(small_gazetteer):
    found = by_mention("Tajik ships sailed around the Horn of Banak towards Zardak province.", small_gazetteer)
    assert "Banak" not in found and "Zardak" in found
    found = by_mention("The governor of Zardak province visited Banak.", small_gazetteer)
    assert "Zardak" in found and "Banak" in found


def test_continent_names_are_not_places(small_gazetteer):
    found = by_mention("The insurgency in Zardak province is one of the oldest in Asia.", small_gazetteer)
    assert "Asia" not in found and "Zardak" in found


def test_a_name_modifying_a_noun_is_not_governed_by_the_preposition(small_gazetteer, nlp):
    text = "Mobs torched houses belonging to Zardak families, then moved into Zardak countryside."
    page = Page(text, nlp(text), small_gazetteer)
    flags = {m.start: m.locative for m in find(page, small_gazetteer)}
    assert flags == {text.index("Zardak"): False, text.rindex("Zardak"): True}


def test_a_country_as_subject_or_possessor_of_an_envoy_is_an_actor(small_gazetteer, nlp):
    text = "Tajikistan has not recognised the militia that seized Zardak province. Sudan’s ambassador flew to Kharkiv."
    found = by_mention(text, small_gazetteer, nlp(text))
    assert "Tajikistan" not in found and "Sudan" not in found
    assert found["Zardak"].kind == "admin1" and found["Kharkiv"].country_code == "UA"


def test_a_qualifier_of_several_words_names_a_district(small_gazetteer):
    found = by_mention("Gunmen raided a village in the Khumdara Local Government Area of Zardak State.",
                       small_gazetteer)
    assert (found["Khumdara"].kind, found["Khumdara"].geonameid) == ("admin2", 103)
    assert found["Zardak"].kind == "admin1"


def test_a_preposition_before_a_list_places_every_member(small_gazetteer):
    text = "Commanders were posted in Banak, Gao and Kutum, officials said."
    page = Page(text, None, small_gazetteer)
    assert [(m.text, m.locative) for m in find(page, small_gazetteer)] == [
        ("Banak", True), ("Gao", True), ("Kutum", True)]


def test_a_village_missing_from_the_gazetteer_is_placed_at_its_district(small_gazetteer):
    text = "Gunmen attacked the village of Qarabulak in Zardak province's Khumdara district on Sunday."
    found = by_mention(text, small_gazetteer)
    village = found["Qarabulak"]
    assert (village.geonameid, village.country_code, village.geo_precision) == (None, "TJ", 2)
    assert (village.lat, village.lon) == (found["Khumdara"].lat, found["Khumdara"].lon)
    assert "Gunmen" not in found
    text = "A bomb hit the town of Qarabulak, 20 km north of Banak in Zardak province."
    found = by_mention(text, small_gazetteer)
    assert "Qarabulak" not in found and "Banak" in found  # some way from Banak: not placed there


def test_a_capital_after_an_opening_quote_is_weak_evidence(small_gazetteer):
    found = by_mention('Protesters in Zardak, Tajikistan, chanted "Khumdara nou vle!" outside the offices.',
                       small_gazetteer)
    assert "Khumdara" not in found and "Zardak" in found
    found = by_mention('"Troops shelled Khumdara at dawn," a resident of Zardak province said.', small_gazetteer)
    assert found["Khumdara"].geonameid == 103  # placed by its own context

