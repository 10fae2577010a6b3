"""ACLED's unit of analysis: one event per location, day and actor pair; evidence, notes, anaphora."""

from event_builders import code

AF = {"cc": "AF", "admin1": "Baghlan", "kind": "admin2"}


def test_several_mentions_of_one_event_are_one_event_with_all_evidence(nlp):
    body = ("On Monday militants attacked an army checkpoint in Dalu. "
            "The attack on the checkpoint lasted three hours, residents said.")
    (e,) = code(nlp, body, ("Dalu", {"cc": "NG", "admin1": "Borno"}))
    assert e.sub_event_type == "Armed clash"
    assert len(e.evidence) == 2
    assert all(body[a:b] == text for text, (a, b) in zip(e.evidence, e.evidence_spans))


def test_a_definite_report_elsewhere_is_another_event(nlp):
    body = "Militants attacked an army base in Dalu on Monday. The attack on a checkpoint in Kivo on Tuesday killed five soldiers."
    events = code(nlp, body, ("Dalu", {"cc": "NG", "admin1": "Borno"}), ("Kivo", {"cc": "NG", "admin1": "Yobe"}))
    assert sorted((e.location, e.event_date) for e in events) == [("Dalu", "2024-03-04"), ("Kivo", "2024-03-05")]


def test_two_places_in_one_sentence_are_two_events(nlp):
    body = "On Monday gunmen killed five farmers in Dogo and abducted ten traders in Kivo."
    events = code(nlp, body, ("Dogo", {"cc": "NG", "admin1": "Zamfara"}), ("Kivo", {"cc": "NG", "admin1": "Zamfara"}))
    assert sorted((e.location, e.sub_event_type) for e in events) == [
        ("Dogo", "Attack"), ("Kivo", "Abduction/forced disappearance")]


def test_same_place_different_days_are_different_events(nlp):
    body = "Militants attacked an army base in Dalu on Monday. Militants attacked the army base in Dalu again on Thursday."
    events = code(nlp, body, ("Dalu", {"cc": "NG", "admin1": "Borno"}), ("Dalu", {"cc": "NG", "admin1": "Borno", "nth": 1}))
    assert sorted(e.event_date for e in events) == ["2024-03-04", "2024-03-07"]


def test_a_town_taken_and_retaken_on_one_day_is_a_clash(nlp):
    body = "Rebels captured Mirvo from the army on Monday morning. Troops recaptured Mirvo from the rebels on Monday evening."
    spec = [("Mirvo", {"cc": "NG", "admin1": "Kano"}), ("Mirvo", {"cc": "NG", "admin1": "Kano", "nth": 1})]
    (e,) = code(nlp, body, *spec)
    assert (e.sub_event_type, e.event_date, len(e.evidence)) == ("Armed clash", "2024-03-04", 2)


def test_a_foreign_army_overtakes_and_the_state_regains(nlp):
    spec = ("Novo", {"cc": "UA", "admin1": "Donetsk"})
    (taken,) = code(nlp, "Russian forces captured the village of Novo on Monday.", spec)
    (retaken,) = code(nlp, "Ukrainian troops recaptured the village of Novo on Monday.", spec)
    assert (taken.sub_event_type, taken.actor1) == ("Non-state actor overtakes territory", "Military Forces of Russia")
    assert (retaken.sub_event_type, retaken.actor1) == ("Government regains territory", "Military Forces of Ukraine")


def test_a_vague_report_joins_the_detailed_one(nlp):
    body = ("Rebels captured territory from the army on Monday. "
            "On Monday the rebels took control of two towns in Kasa province: Mira and Dorn.")
    specs = [("Kasa", {"kind": "admin1", "cc": "CD", "admin1": "Kasa"}),
             ("Mira", {"cc": "CD", "admin1": "Kasa"}), ("Dorn", {"cc": "CD", "admin1": "Kasa"})]
    events = code(nlp, body, *specs)
    assert [e.location for e in events] == ["Mira", "Dorn"]
    assert all(len(e.evidence) == 2 for e in events)
    assert all(e.actor2 == "Military Forces of the Democratic Republic of Congo" for e in events)


def test_an_undated_recapture_refers_back_to_the_earlier_places(nlp):
    body = ("On 20 August 2021, opposition fighters retook two districts from the Taliban. "
            "The fighting took place in two districts, Pul and Deh. "
            "The Taliban quickly recaptured the districts.")
    events = code(nlp, body, ("Pul", AF), ("Deh", AF), published="2021-08-23")
    taken = [e for e in events if e.sub_event_type == "Non-state actor overtakes territory"]
    retaken = [e for e in events if e.sub_event_type == "Government regains territory"]
    assert [e.location for e in taken] == ["Pul", "Deh"] == [e.location for e in retaken]
    assert {(e.event_date, e.time_precision) for e in taken} == {("2021-08-20", "day")}
    assert {(e.event_date, e.time_precision) for e in retaken} == {("2021-08-20", "week")}
    assert {(e.actor1, e.actor2) for e in retaken} == {("Taliban", "Anti-Taliban militia")}
    assert all(len(e.evidence) == 2 for e in taken)


def test_force_against_a_protest_upgrades_the_protest(nlp):
    body = ("On Wednesday, peaceful protests against the junta took place in Lomar. "
            "Soldiers shot at the protesting crowds, killing several people.")
    (e,) = code(nlp, body, ("Lomar", {"cc": "MM", "admin1": "Yangon"}))
    assert (e.sub_event_type, e.event_date) == ("Excessive force against protesters", "2024-03-06")
    assert {e.actor1, e.actor2} == {"Protesters (Myanmar)", "Military Forces of Myanmar"}


def test_a_later_mention_refines_the_place(nlp):
    body = "Protesters blocked the main highway in Kasa province on Tuesday. The blockade near Mira has stranded hundreds of trucks."
    (e,) = code(nlp, body, ("Kasa", {"kind": "admin1", "cc": "CO", "admin1": "Kasa"}), ("Mira", {"cc": "CO", "admin1": "Kasa"}))
    assert (e.sub_event_type, e.location, e.geo_precision, e.event_date) == ("Peaceful protest", "Mira", 2, "2024-03-05")
    assert len(e.evidence) == 2


def test_crowd_violence_and_police_response_on_one_day_are_one_event(nlp):
    body = "On Thursday police fired tear gas at protesters in Lomar. Officers were attacked with stones."
    (e,) = code(nlp, body, ("Lomar", {"cc": "CO", "admin1": "Cauca"}))
    assert (e.sub_event_type, e.actor1, e.actor2) == ("Violent demonstration", "Rioters (Colombia)", "Police Forces of Colombia")


def test_a_claim_of_responsibility_names_the_perpetrator(nlp):
    body = "A suicide bomber attacked a restaurant in Merka on Friday, killing 12 people. Al-Shabaab claimed responsibility for the attack."
    (e,) = code(nlp, body, ("Merka", {"cc": "SO", "admin1": "Lower Shabelle"}))
    assert (e.sub_event_type, e.actor1, e.actor2) == ("Suicide bomb", "Al Shabaab", "Civilians (Somalia)")
    assert len(e.evidence) == 2


def test_a_claim_counting_other_victims_is_still_the_claimed_bombing(nlp):
    body = ("A suicide bomber blew himself up at a market in Merka on Friday, killing 9 traders. "
            "Al-Shabaab claimed responsibility for the bombing in a statement, saying it had killed 30 soldiers.")
    (e,) = code(nlp, body, ("Merka", {"cc": "SO", "admin1": "Lower Shabelle"}))
    assert (e.sub_event_type, e.actor1, len(e.evidence)) == ("Suicide bomb", "Al Shabaab", 2)


def test_interceptions_without_a_place_around_a_strike_are_no_event(nlp):
    body = ("Enemy missiles hit a school in Dogo on Tuesday, killing four pupils. "
            "The air force said it had shot down 12 of the 20 drones launched overnight.")
    events = code(nlp, body, ("Dogo", {"cc": "NG", "admin1": "Kano"}))
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"]


def test_an_interception_at_a_place_is_an_event(nlp):
    body = "Soldiers shot down two rebel drones over Dogo on Tuesday."
    (e,) = code(nlp, body, ("Dogo", {"cc": "NG", "admin1": "Kano"}))
    assert e.sub_event_type == "Disrupted weapons use"


def test_air_strikes_on_militants_are_the_states(nlp):
    (e,) = code(nlp, "The ministry said 25 militants were killed in air strikes in Kunar province on Saturday.",
                ("Kunar", {"kind": "admin1", "cc": "PK", "admin1": "Kunar"}))
    assert (e.sub_event_type, e.actor1, e.actor2, e.geo_precision) == (
        "Air/drone strike", "Military Forces of Pakistan", "Unidentified Armed Group (Pakistan)", 3)


def test_a_condemned_killing_is_reported_violence(nlp):
    (e,) = code(nlp, "The UN condemned the killing of 30 civilians in Kivo on Monday.", ("Kivo", {"cc": "CD", "admin1": "Ituri"}))
    assert (e.sub_event_type, e.actor2) == ("Attack", "Civilians (Democratic Republic of Congo)")


def test_defectors_go_to_the_other_side_named_nearby(nlp):
    body = "M23 rebels fought the army near Kivo on Monday. Dozens of army soldiers defected in Kivo on Monday."
    events = code(nlp, body, ("Kivo", {"cc": "CD", "admin1": "Nord-Kivu"}), ("Kivo", {"cc": "CD", "admin1": "Nord-Kivu", "nth": 1}))
    (e,) = [e for e in events if e.sub_event_type == "Change to group/activity"]
    assert (e.actor1, e.actor2) == ("Military Forces of the Democratic Republic of Congo", "M23: March 23 Movement")


def test_a_claimed_attack_and_its_claimed_toll_are_the_attack(nlp):
    body = ("Suspected jihadists killed at least 20 soldiers in an attack on an army post in Djibo on Sunday. "
            "JNIM, al-Qaeda's affiliate in the Sahel, claimed the attack on Monday, saying it had killed 50 soldiers. "
            "The army said it had launched air strikes against the attackers as they withdrew.")
    events = code(nlp, body, ("Djibo", {"cc": "BF", "admin1": "Sahel"}))
    clash = [e for e in events if e.sub_event_type == "Armed clash"]
    assert [(e.actor1, e.actor2, e.event_date) for e in clash] == [
        ("JNIM: Jama'at Nusrat al-Islam wal-Muslimin", "Military Forces of Burkina Faso", "2024-03-10")]
    assert {e.actor2 for e in events if e.sub_event_type == "Air/drone strike"} == {"JNIM: Jama'at Nusrat al-Islam wal-Muslimin"}


def test_a_war_toll_is_not_the_events_toll(nlp):
    body = "Gunmen killed five farmers in Dogo on Sunday. The war, now in its third year, has killed thousands of people."
    (e,) = code(nlp, body, ("Dogo", {"cc": "NG", "admin1": "Kano"}))
    assert e.fatalities == 5


def test_background_and_intentions_leave_no_event(nlp):
    body = ("The town of Dalu was captured by rebels in 1996. "
            "Their leader vowed to attack Dalu again and said that if the army comes, his men will fight.")
    assert code(nlp, body, ("Dalu", {"cc": "NG", "admin1": "Borno"}), ("Dalu", {"cc": "NG", "admin1": "Borno", "nth": 1})) == ()


def test_a_page_without_events_yields_none(nlp):
    assert code(nlp, "Subscribe to our newsletter. The festival in Dalu drew large crowds on Monday.",
                ("Dalu", {"cc": "NG", "admin1": "Borno"})) == ()


def test_notes_summarise_the_event(nlp):
    (e,) = code(nlp, "Rebels seized the town of Mirvo from Nigerian troops on Monday.", ("Mirvo", {"cc": "NG", "admin1": "Kano"}))
    assert e.notes.startswith("On 4 March 2024, Unidentified Armed Group (Nigeria) took control of Mirvo (Kano)")
    assert (e.inter1, e.inter2, e.id) == ("Political militia", "State forces", "e1")


def test_arrests_reported_apart_from_a_protest_are_its_intervention(nlp):
    body = ("Hundreds of traders protested against new taxes in Lomar on Monday. "
            "Police said they had detained 12 people in Lomar.")
    (e,) = code(nlp, body, "Lomar", ("Lomar", {"nth": 1}))
    assert (e.sub_event_type, e.actor1, e.actor2, len(e.evidence)) == (
        "Protest with intervention", "Protesters (Nigeria)", "Police Forces of Nigeria", 2)
    elsewhere = ("Hundreds of traders protested against new taxes in Lomar on Monday. "
                 "Police said they had detained 12 people in Dogo.")
    assert sorted(e.sub_event_type for e in code(nlp, elsewhere, "Lomar", "Dogo")) == [
        "Arrests", "Peaceful protest"]


def test_an_unnamed_side_of_a_battle_joins_the_named_capture_there_that_day(nlp):
    cd = {"cc": "CD", "admin1": "North Kivu"}
    body = ("M23 rebels captured the town of Rutobo from the army on Monday. A spokesman said gunmen had overrun "
            "the last army post in Rutobo on Monday. Army jets bombed Rutobo on Tuesday, a day after the rebels "
            "took control.")
    events = code(nlp, body, ("Rutobo", cd), ("Rutobo", {**cd, "nth": 1}), ("Rutobo", {**cd, "nth": 2}))
    assert sorted((e.event_date, e.sub_event_type, e.actor1) for e in events) == [
        ("2024-03-04", "Non-state actor overtakes territory", "M23: March 23 Movement"),
        ("2024-03-05", "Air/drone strike", "Military Forces of the Democratic Republic of Congo")]


def test_the_attackers_claim_of_destroying_a_depot_there_is_part_of_the_attack(nlp):
    body = ("Russian forces shelled the town of Dalu on Wednesday, killing two civilians, the governor said. "
            "Russia's defence ministry said on Telegram that its forces had destroyed a Ukrainian ammunition depot in Dalu.")
    dalu = {"cc": "UA", "admin1": "Kharkiv"}
    (e,) = code(nlp, body, ("Dalu", dalu), ("Dalu", {**dalu, "nth": 1}))
    assert (e.sub_event_type, e.actor1, e.fatalities) == ("Shelling/artillery/missile attack", "Military Forces of Russia", 2)
    assert len(e.evidence) == 2


def test_expulsions_by_no_one_from_nowhere_and_events_named_as_reference_points_are_not_reported(nlp):
    body = ("The junta in Dalu has ruled since 2021. Since rebels launched an offensive across the country in late "
            "October, the army has relied on air power. French troops were expelled and the UN mission was closed.")
    assert code(nlp, body, ("Dalu", {"cc": "ML", "admin1": "Kidal"})) == ()


def test_a_headline_above_the_lead_is_its_own_sentence(nlp):
    body = "Rebels seize Kivo in the north\nGunmen killed five farmers in Dogo on Sunday, police said."
    events = code(nlp, body, ("Kivo", {"cc": "NG"}), ("Dogo", {"cc": "NG"}))
    assert [e.location for e in events if e.sub_event_type == "Attack"] == ["Dogo"]
    assert all(not text.startswith("Rebels seize") for e in events for text in e.evidence if "Gunmen" in text)


def test_a_sides_own_later_account_without_a_place_is_the_attack_it_claims(nlp):
    body = ("JNIM militants killed 20 villagers near Dogo on Sunday, a local official said. "
            "JNIM said in a statement on Tuesday that its fighters had attacked a militia position and killed 30 of them.")
    (e,) = code(nlp, body, ("Dogo", {"cc": "BF", "admin1": "Sahel"}), published="2024-03-27")
    assert (e.sub_event_type, e.event_date, len(e.evidence)) == ("Attack", "2024-03-24", 2)


def test_a_late_claim_of_responsibility_names_the_attacker(nlp):
    filler = "Residents said the market stayed closed. " * 8
    body = ("Gunmen killed nine villagers in Dogo on Sunday, officials said. " + filler +
            "Boko Haram claimed the attack on Tuesday in a statement.")
    (e,) = code(nlp, body, ("Dogo", {"cc": "NG", "admin1": "Borno"}))
    assert (e.sub_event_type, e.actor1, e.event_date) == (
        "Attack", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "2024-03-10")


def test_a_day_something_was_said_dates_it_only_to_the_week(nlp):
    (e,) = code(nlp, "The army said on Sunday that its soldiers had recaptured Dogo from the rebels.",
                ("Dogo", {"cc": "NG", "admin1": "Borno"}))
    assert (e.event_date, e.time_precision) == ("2024-03-10", "week")


def test_each_event_of_a_sentence_takes_its_own_weapon(nlp):
    body = "Warplanes struck Dogo late on Saturday, hours after the rebels fired a missile at a ship off Kivo."
    events = code(nlp, body, ("Dogo", {"cc": "YE"}), ("Kivo", {"cc": "YE"}))
    assert {(e.location, e.sub_event_type) for e in events} == {
        ("Dogo", "Air/drone strike"), ("Kivo", "Shelling/artillery/missile attack")}


def test_the_toll_of_the_strikes_named_before_is_theirs(nlp):
    body = "Israeli warplanes struck Dogo on Saturday. The strikes killed three people, a health official said."
    (e,) = code(nlp, body, ("Dogo", {"cc": "LB"}))
    assert (e.sub_event_type, e.fatalities, len(e.evidence)) == ("Air/drone strike", 3, 2)


def test_gang_members_behind_a_long_dateline_storming_homes_attack_civilians(nlp):
    body = ("PORT-AU-PRINCE, Haiti (Ledger) — Heavily armed gang members stormed several neighbourhoods of Dogo "
            "on Tuesday, shooting residents in their homes.")
    (e,) = code(nlp, body, ("Dogo", {"cc": "HT"}))
    assert e.sub_event_type == "Attack" and e.actor2 == "Civilians (Haiti)" and "Civilians" not in e.actor1


def test_fighting_that_killed_civilians_is_one_battle_with_its_toll(nlp):
    body = "Fighting between the army and rebels near Yei last week killed at least eight people, including three civilians."
    (e,) = code(nlp, body, ("Yei", {"cc": "SS", "admin1": "Central Equatoria"}))
    assert (e.sub_event_type, e.fatalities) == ("Armed clash", 8)


def test_two_events_of_one_sentence_keep_their_own_days(nlp):
    body = ("Gunmen abducted a teacher in Dogo on Monday evening, and soldiers killed four gunmen in a raid on a camp "
            "in neighbouring Kivo the next day, residents said.")
    events = code(nlp, body, ("Dogo", {"cc": "CM"}), ("Kivo", {"cc": "CM"}), published="2024-11-06")
    assert {(e.location, e.event_date) for e in events} == {("Dogo", "2024-11-04"), ("Kivo", "2024-11-05")}


def test_the_fighting_refers_to_the_battle_not_to_a_strike_named_after_it(nlp):
    body = ("Rebels drove the army out of Dogo after heavy fighting on 4 March, while residents said a drone strike "
            "hit Kivo the next day. The fighting lasted until late afternoon. At least 12 people were killed in the "
            "fighting, a local official said.")
    events = code(nlp, body, ("Dogo", {"cc": "ET", "admin1": "Amhara"}), ("Kivo", {"cc": "ET", "admin1": "Amhara"}))
    tolls = {e.location: e.fatalities for e in events}
    assert tolls.get("Dogo") == 12 and tolls.get("Kivo", 0) == 0


def test_soldiers_captured_with_the_town_are_the_captures_prisoners(nlp):
    body = ("Fano fighters drove the army out of Dogo on 4 March. A Fano commander told reporters that Fano had full "
            "control of Dogo and had captured dozens of soldiers in Dogo.")
    dogo = {"cc": "ET", "admin1": "Amhara"}
    events = code(nlp, body, ("Dogo", dogo), ("Dogo", {**dogo, "nth": 1}), ("Dogo", {**dogo, "nth": 2}))
    assert [e.sub_event_type for e in events] == ["Non-state actor overtakes territory"]
