"""Choosing the event's place among the geoparser's places."""

from event_builders import code

KANO = {"cc": "NG", "admin1": "Kano"}


def test_the_most_precise_place_tied_to_the_trigger_wins(nlp):
    body = "Gunmen killed five farmers in the village of Dogo in Kano State on Sunday."
    (e,) = code(nlp, body, ("Dogo", KANO), ("Kano", {"kind": "admin1", **KANO}))
    assert (e.location, e.admin1, e.geo_precision) == ("Dogo", "Kano", 1)


def test_a_list_of_places_gives_one_event_per_place(nlp):
    body = "On Monday rebels captured three districts in Kasa province: Mira, Dorn, and Pella."
    specs = [("Kasa", {"kind": "admin1", "cc": "CD", "admin1": "Kasa"})] + [
        (m, {"kind": "admin2", "cc": "CD", "admin1": "Kasa", "admin2": m}) for m in ("Mira", "Dorn", "Pella")]
    events = code(nlp, body, *specs)
    assert [e.location for e in events] == ["Mira", "Dorn", "Pella"]
    assert {e.geo_precision for e in events} == {2}
    assert len({e.evidence for e in events}) == 1


def test_reference_points_and_quoted_places_are_not_the_location(nlp):
    body = ("On Monday fighting broke out between soldiers and bandits in Avo, about 100 miles north of Tarn. "
            "“We will never leave Sorro,” a commander said.")
    (e,) = code(nlp, body, ("Avo", KANO), ("Tarn", KANO), ("Sorro", KANO))
    assert e.location == "Avo"


def test_a_place_in_an_unrelated_clause_is_skipped(nlp):
    body = "On Monday militants attacked Dalu, whose market was rebuilt by donors from Kivo last year."
    (e,) = code(nlp, body, ("Dalu", KANO), ("Kivo", KANO))
    assert e.location == "Dalu"


def test_a_road_between_two_towns_is_not_a_list(nlp):
    (e,) = code(nlp, "Gunmen abducted two traders on the road between Dogo and Kivo on Sunday.", ("Dogo", KANO), ("Kivo", KANO))
    assert (e.location, e.geo_precision) == ("Dogo", 2)


def test_where_people_come_from_is_not_where_it_happened(nlp):
    body = "On Monday elders from Kivo held talks with the army commander in Dogo."
    (e,) = code(nlp, body, ("Kivo", KANO), ("Dogo", KANO))
    assert (e.sub_event_type, e.location) == ("Agreement", "Dogo")


def test_a_place_of_another_clause_is_not_the_location(nlp):
    body = ("Fighting erupted between soldiers and rebels in Dalu on Saturday. "
            "At least 14 civilians were killed by shelling, and hundreds of families fled towards Kivo.")
    events = code(nlp, body, ("Dalu", KANO), ("Kivo", KANO))
    assert {e.location for e in events} == {"Dalu"}


def test_town_and_province_written_together_are_one_place(nlp):
    body = "Gunmen opened fire inside a bar in Celaya, Guanajuato, late on Friday, killing nine people, prosecutors said."
    (e,) = code(nlp, body, ("Celaya", {"cc": "MX", "admin1": "Guanajuato"}), ("Guanajuato", {"cc": "MX", "admin1": "Guanajuato"}))
    assert (e.sub_event_type, e.location) == ("Attack", "Celaya")


def test_a_place_in_a_group_name_is_not_the_location(nlp):
    body = "Soldiers clashed with members of the Rosa cartel near Villa on Friday."
    (e,) = code(nlp, body, ("Rosa", {"cc": "MX", "admin1": "Guanajuato"}), ("Villa", {"cc": "MX", "admin1": "Guanajuato"}))
    assert (e.location, e.actor1, e.actor2) == ("Villa", "Military Forces of Mexico", "Unidentified Armed Group (Mexico)")


def test_the_dateline_is_not_the_location(nlp):
    body = "KIVO, Nigeria - Gunmen killed five farmers in Dogo on Sunday, police said."
    (e,) = code(nlp, body, ("KIVO", KANO), ("Dogo", KANO))
    assert e.location == "Dogo"


def test_a_place_the_geoparser_marks_as_dateline_is_not_the_location(nlp):
    body = "LORU, Republic of Zembia, 4 May (Savanna Wire) - Rebels seized the town of Dogo on Sunday."
    (e,) = code(nlp, body, ("LORU", {**KANO, "dateline": True}), ("Dogo", KANO))
    assert e.location == "Dogo"


def test_near_a_town_is_precision_two(nlp):
    (e,) = code(nlp, "Soldiers clashed with bandits near Dogo on Sunday.", ("Dogo", KANO))
    assert (e.location, e.geo_precision) == ("Dogo", 2)


def test_province_only_is_precision_three(nlp):
    (e,) = code(nlp, "Soldiers clashed with bandits in Kano State on Sunday.", ("Kano", {"kind": "admin1", **KANO}))
    assert e.geo_precision == 3


def test_an_event_without_a_place_takes_the_nearby_one(nlp):
    body = "Residents of Dogo fled their homes on Sunday. Gunmen killed five farmers on Sunday."
    (e,) = code(nlp, body, ("Dogo", KANO))
    assert e.location == "Dogo"


def test_country_only_events_are_not_recorded(nlp):
    assert code(nlp, "Gunmen killed five farmers in Nigeria on Sunday.", ("Nigeria", {"kind": "country", "cc": "NG", "admin1": None})) == ()


def test_country_fields_come_from_the_place(nlp):
    (e,) = code(nlp, "Gunmen killed five farmers in Dogo on Sunday.", ("Dogo", KANO))
    assert (e.country, e.iso, e.latitude, e.longitude) == ("Nigeria", 566, 10.0, 8.0)


def test_a_relative_clause_on_the_events_own_argument_gives_its_place(nlp):
    body = ("Police in Dogo said they were on alert. On Monday officers fired tear gas to disperse hundreds of "
            "protesters who tried to march on the assembly in central Lomar. In Dogo, traders held a peaceful rally.")
    events = code(nlp, body, "Dogo", "Lomar", ("Dogo", {"nth": 1}))
    assert sorted((e.location, e.sub_event_type) for e in events) == [
        ("Dogo", "Peaceful protest"), ("Lomar", "Protest with intervention")]


def test_the_speakers_seat_is_not_the_event_place(nlp):
    body = ("Fighting broke out in Dogo on Monday. The defence ministry in Lomar said soldiers had repelled "
            "an attack by the rebels on Monday.")
    events = code(nlp, body, "Dogo", "Lomar")
    assert {e.location for e in events} == {"Dogo"}


def test_a_place_deep_in_a_relative_clause_on_the_victims_is_the_location(nlp):
    body = ("Kivo has been under a blockade for two years. Gunmen abducted 11 women who had gone to collect firewood "
            "outside the town of Dogo, about 100 km to the east, on Friday.")
    (e,) = code(nlp, body, ("Kivo", KANO), ("Dogo", KANO))
    assert (e.sub_event_type, e.location) == ("Abduction/forced disappearance", "Dogo")


def test_the_city_refers_back_to_the_latest_town_named(nlp):
    body = ("Shells hit the market in Dogo on Monday, killing four traders. The militia denied it. "
            "Traders said the market had reopened. Prices have doubled. Aid has not arrived. "
            "Late on Sunday, the army said it had repelled a militia assault on the eastern edge of the city. "
            "The militia has been active in Kano State for years.")
    events = code(nlp, body, ("Dogo", KANO), ("Kano", {"kind": "admin1", **KANO}))
    assert [(e.sub_event_type, e.location) for e in events if e.event_type == "Battles"] == [("Armed clash", "Dogo")]


def test_a_town_and_its_district_on_one_day_are_one_event(nlp):
    body = "Mobs burned houses in Kivo district late on Saturday, and set fire to 18 homes at Dogo, police said."
    kivo = {"cc": "IN", "admin1": "Manipur", "admin2": "Kivo"}
    events = code(nlp, body, ("Kivo", {**kivo, "kind": "admin2"}), ("Dogo", kivo))
    assert [e.location for e in events] == ["Dogo"]
