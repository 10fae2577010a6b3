"""Event detection and ACLED typing on invented sentences: every sub-event type, and non-events."""

import pytest

from event_builders import candidates, subs

# (sentence, the place mentioned, expected sub-event type)
TYPED = [
    ("Rebels seized the town of Mirvo from government troops on Monday.", "Mirvo", "Non-state actor overtakes territory"),
    ("Nigerian troops recaptured Mirvo from the insurgents on Tuesday.", "Mirvo", "Government regains territory"),
    ("Soldiers clashed with gunmen in Dalu on Sunday.", "Dalu", "Armed clash"),
    ("The army said it had beaten back a rebel assault on Dalu on Sunday.", "Dalu", "Armed clash"),
    ("The rebels took control of Pemba without a fight on Monday after the army withdrew.", "Pemba", "Non-violent transfer of territory"),
    ("A drone strike hit a market in Kora on Friday, killing nine civilians.", "Kora", "Air/drone strike"),
    ("Artillery shelled the village of Novo on Monday, killing two farmers.", "Novo", "Shelling/artillery/missile attack"),
    ("A roadside bomb exploded near a bus in Tarvo on Monday, killing four passengers.", "Tarvo", "Remote explosive/landmine/IED"),
    ("A suicide bomber attacked a mosque in Sarai on Friday, killing eleven worshippers.", "Sarai", "Suicide bomb"),
    ("Assailants threw a grenade at a bar in Kivo on Saturday, wounding six people.", "Kivo", "Grenade"),
    ("A chemical attack hit Harun on Monday, killing twelve people.", "Harun", "Chemical weapon"),
    ("Gunmen killed seven villagers in Dogo on Sunday.", "Dogo", "Attack"),
    ("Militants abducted three aid workers in Baido on Monday.", "Baido", "Abduction/forced disappearance"),
    ("Soldiers raped two women in Kalo on Monday.", "Kalo", "Sexual violence"),
    ("Hundreds of students protested peacefully in Lomar on Tuesday.", "Lomar", "Peaceful protest"),
    ("Thousands of people demonstrated in Lomar on Tuesday before police fired tear gas at them.", "Lomar", "Protest with intervention"),
    ("Security forces opened fire on protesters in Lomar on Tuesday, killing three.", "Lomar", "Excessive force against protesters"),
    ("Demonstrators rioted in Lomar on Tuesday, torching cars and throwing stones at police.", "Lomar", "Violent demonstration"),
    ("A mob lynched a suspected thief in Kanta on Monday.", "Kanta", "Mob violence"),
    ("The government and the rebels signed a ceasefire agreement in Dohar on Monday.", "Dohar", "Agreement"),
    ("The army and the rebels signed a cessation of hostilities agreement in Dohar on Monday, the first deal "
     "since talks collapsed in 2015.", "Dohar", "Agreement"),
    ("Police arrested twelve opposition activists in Harra on Monday.", "Harra", "Arrests"),
    ("Rebels captured two soldiers in Kivo on Monday.", "Kivo", "Abduction/forced disappearance"),
    ("Hundreds of rebel fighters defected to the army in Kivo on Monday.", "Kivo", "Change to group/activity"),
    ("Soldiers defused a roadside bomb in Tarvo on Monday.", "Tarvo", "Disrupted weapons use"),
    ("The rebels established a new base in Kivo on Monday.", "Kivo", "Headquarters or base established"),
    ("Militiamen looted shops and burned houses in Kivo on Monday.", "Kivo", "Looting/property destruction"),
    ("The army deployed troops to Kivo on Monday.", "Kivo", "Other"),
]


@pytest.mark.parametrize("sentence,where,expected", TYPED, ids=[t[2] for t in TYPED])
def test_each_sub_event_type_is_recognised(nlp, sentence, where, expected):
    assert expected in subs(nlp, sentence, where)


NON_EVENTS = [
    ("In 1996 the rebels captured Kivo after a long siege.", "Kivo"),  # background history
    ("The town of Kivo was a rebel stronghold in the 1980s, when militants attacked it often.", "Kivo"),
    ("The rebel leader vowed to attack Kivo.", "Kivo"),  # intention
    ("The commander said he was ready to fight for Kivo.", "Kivo"),
    ("They have pledged to lead the fight against the army in Kivo.", "Kivo"),
    ("If the rebels attack Kivo, the army will respond.", "Kivo"),  # hypothetical
    ("The army could capture Kivo next week.", "Kivo"),  # forecast / modal
    ("The rebels did not attack Kivo on Monday.", "Kivo"),  # negation
    ("Militants never captured Kivo.", "Kivo"),
    ("Will the rebels attack Kivo?", "Kivo"),  # question
    ("“We will crush the militants in Kivo,” the general said.", "Kivo"),  # quoted rhetoric
    ("The weather in Kivo was pleasant on Monday and the markets were busy.", "Kivo"),  # no event at all
    ("Analysts say the war in Kivo is a struggle for resources.", "Kivo"),  # opinion
    ("Families displaced by earlier fighting in Kivo returned home on Monday.", "Kivo"),  # earlier events
    ("Jihadists have besieged Kivo for more than a year.", "Kivo"),  # a standing state
    ("The militia has besieged Kivo since May.", "Kivo"),
    ("Since rebels launched an offensive near Kivo in late October, the army has relied on air power.", "Kivo"),
    ("French troops were expelled and the UN mission in Kivo was closed.", "Kivo"),  # politics, no battle
    ("Army operations in Kivo have killed hundreds of bandits this year.", "Kivo"),  # a running tally
    ("Air strikes have killed dozens of militants around Kivo so far.", "Kivo"),
    ("The government says its air operations target only militants in Kivo.", "Kivo"),  # a generic present
    ("The jailed rebel commander from Kivo appealed his sentence on Monday.", "Kivo"),  # an arrest in passing
    ("Rumours spread on Monday that a farmer had been abducted near Kivo.", "Kivo"),  # hearsay
    ("Officials said the trouble in Kivo began after rumours spread online that a farmer had been abducted.", "Kivo"),
    ("The farmer whose reported abduction near Kivo set off the riots returned home on Sunday.", "Kivo"),
    ("The raid was the latest in a wave of attacks on villages in Kivo district.", "Kivo"),  # many events summed up
    ("Small groups of fighters move through Kivo district, looting food and killing civilians.", "Kivo"),  # habits
    ("Police said the situation in Kivo was brought under control on Monday.", "Kivo"),  # no territory
    ("Russian instructors took over from the Wagner group in Kivo province last year.", "Kivo"),  # a role
    ("The army remained in control of the garrison in Kivo.", "Kivo"),
    ("The government has repeatedly denied targeting civilians in Kivo.", "Kivo"),  # a denial only
    ("The war in Kivo, now in its third year, has killed tens of thousands of people.", "Kivo"),  # a toll
    ("The army is expected to launch an offensive to retake Kivo in the coming weeks.", "Kivo"),  # a purpose
]


@pytest.mark.parametrize("sentence,where", NON_EVENTS)
def test_non_events_yield_no_candidate(nlp, sentence, where):
    assert subs(nlp, sentence, where) == []


def test_arguments_become_actors(nlp):
    (c,) = [c for c in candidates(nlp, "Rebels seized the town of Mirvo from Nigerian troops on Monday.", "Mirvo")]
    assert c.actor1.name == "Unidentified Armed Group (Nigeria)"
    assert c.actor2.name == "Military Forces of Nigeria"
    assert [p.mention for p in c.places] == ["Mirvo"]


def test_victims_are_actor2_in_violence_against_civilians(nlp):
    (c,) = candidates(nlp, "Boko Haram fighters killed seven villagers in Dogo on Sunday.", "Dogo")
    assert (c.event_type, c.actor1.name, c.actor2.name) == (
        "Violence against civilians", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Civilians (Nigeria)")


def test_capture_of_people_depends_on_who_holds_them(nlp):
    state = subs(nlp, "Kenyan police detained four suspects in Garsa on Monday.", ("Garsa", {"cc": "KE", "admin1": "Garissa"}))
    rebel = subs(nlp, "Al-Shabaab fighters detained four teachers in Garsa on Monday.", ("Garsa", {"cc": "KE", "admin1": "Garissa"}))
    assert state == ["Arrests"] and rebel == ["Abduction/forced disappearance"]


def test_detentions_by_a_de_facto_authority_are_arrests(nlp):
    assert subs(nlp, "SDF forces arrested 20 suspected militants in Kivo on Thursday.", ("Kivo", {"cc": "SY"})) == ["Arrests"]


def test_weapon_seizure_is_not_a_territorial_capture(nlp):
    assert subs(nlp, "Troops seized a cache of weapons in Kivo on Monday.", "Kivo") == ["Disrupted weapons use"]


def test_fighting_noun_counts_only_when_it_happens(nlp):
    assert subs(nlp, "Heavy fighting broke out in Dalu on Sunday.", "Dalu") == ["Armed clash"]
    assert subs(nlp, "The risk of fighting in Dalu worries aid groups.", "Dalu") == []


def test_weapons_seized_in_an_attack_belong_to_the_attack(nlp):
    assert subs(nlp, "Militants attacked an army base in Kivo on Monday and seized weapons.", "Kivo") == ["Armed clash"]


def test_looting_by_a_crowd_is_a_riot(nlp):
    assert set(subs(nlp, "In Kivo, demonstrators looted shops and set fire to a police post on Tuesday.", "Kivo")) == {
        "Violent demonstration"}


def test_arson_with_stone_throwing_is_a_violent_demonstration(nlp):
    (c,) = candidates(nlp, "Party supporters set fire to a police truck and hurled bricks at officers in Malva on "
                           "Monday.", "Malva")
    assert (c.sub_event_type, c.actor1.name, c.actor2.name) == (
        "Violent demonstration", "Rioters (Nigeria)", "Police Forces of Nigeria")
    assert subs(nlp, "Party supporters set fire to a police truck in Malva on Monday.", "Malva") == [
        "Looting/property destruction"]


def test_force_used_to_disperse_a_crowd_is_a_reported_intervention(nlp):
    (c,) = candidates(nlp, "Police fired water cannon on Monday to disperse thousands of demonstrators in Lomar.", "Lomar")
    assert (c.sub_event_type, c.actor2.name) == ("Protest with intervention", "Police Forces of Nigeria")
    assert subs(nlp, "Police were deployed on Monday to disperse thousands of demonstrators in Lomar.", "Lomar") == []


def test_beating_to_death_by_unarmed_people_is_mob_violence(nlp):
    (c,) = candidates(nlp, "Villagers beat a suspected thief to death in Tesso on Sunday.", "Tesso")
    assert (c.sub_event_type, c.actor1.name) == ("Mob violence", "Rioters (Nigeria)")
    assert subs(nlp, "Police beat a student to death in Tesso on Sunday.", "Tesso") == ["Attack"]


def test_arrests_at_a_protest_are_an_intervention(nlp):
    (c,) = candidates(nlp, "Police detained 40 students during a protest in Dhaka on Monday.", ("Dhaka", {"cc": "BD"}))
    assert (c.sub_event_type, c.actor1.name, c.actor2.name) == (
        "Protest with intervention", "Protesters (Bangladesh)", "Police Forces of Bangladesh")


def test_specific_patterns_win(nlp):
    assert subs(nlp, "Rebel forces shot down an army drone over Kivo on Thursday.", "Kivo") == ["Disrupted weapons use"]
    assert subs(nlp, "Police used tear gas to disperse protesters in Kivo on Sunday.", "Kivo") == ["Protest with intervention"]


def test_more_ways_to_protest_and_agree(nlp):
    assert subs(nlp, "Teachers staged a sit-in outside the ministry in Kivo on Monday.", "Kivo") == ["Peaceful protest"]
    (c,) = candidates(nlp, "Rebels and the army agreed on a prisoner swap in Kivo on Thursday.", ("Kivo", {"cc": "CF"}))
    assert (c.sub_event_type, {c.actor1.name, c.actor2.name}) == (
        "Agreement", {"Unidentified Armed Group (Central African Republic)", "Military Forces of the Central African Republic"})
    (d,) = candidates(nlp, "The government and the rebel alliance signed a peace deal in Kivo on Friday.", ("Kivo", {"cc": "CF"}))
    assert (d.sub_event_type, d.actor1.name) == ("Agreement", "Government of the Central African Republic")


def test_shooting_at_a_protest_names_the_shooters(nlp):
    (c,) = candidates(nlp, "Security forces fired live rounds at students protesting in Kivo on Monday, killing two.", ("Kivo", {"cc": "KE"}))
    assert (c.sub_event_type, c.actor1.name, c.actor2.name) == (
        "Excessive force against protesters", "Protesters (Kenya)", "Military Forces of Kenya")


def test_bases_are_recorded_for_non_state_or_foreign_forces(nlp):
    assert subs(nlp, "The Nigerian army set up a new base in Kivo on Monday.", "Kivo") == []
    assert subs(nlp, "Chadian troops set up a new base in Kivo on Monday.", "Kivo") == ["Headquarters or base established"]


def test_reported_events_are_events(nlp):
    assert subs(nlp, "Officials said militants attacked a checkpoint in Dalu on Sunday.", "Dalu") == ["Armed clash"]
    (c,) = candidates(nlp, "Residents accused soldiers of killing 12 villagers in Dalu on Monday.", "Dalu")
    assert (c.sub_event_type, c.actor1.name) == ("Attack", "Military Forces of Nigeria")
    assert subs(nlp, "Soldiers entered Dalu after days of fighting.", "Dalu") == ["Government regains territory"]


def test_a_weapon_fired_by_a_group_names_the_attacker(nlp):
    (c,) = candidates(nlp, "Nine people were killed when rockets fired by Boko Haram fell on a market in Dogo on Monday.",
                      ("Dogo", {"cc": "NG"}))
    assert (c.actor1.name, [p.name for p in c.places]) == (
        "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", ["Dogo"])


def test_its_troops_in_a_report_are_the_speakers(nlp):
    body = ("The army said Boko Haram fighters attacked Dogo on Sunday. "
            "The brigade said its troops killed twelve attackers in Dogo on Sunday.")
    cands = candidates(nlp, body, ("Dogo", {"cc": "NG"}))
    assert cands[-1].actor1.name == "Military Forces of Nigeria"


def test_tear_gas_shells_are_crowd_control_and_mobs_burning_houses_are_mob_violence(nlp):
    assert subs(nlp, "Police fired tear gas shells at protesters in Lomar on Tuesday.", "Lomar") == ["Protest with intervention"]
    assert subs(nlp, "Mobs set fire to dozens of houses in Kanta on Monday.", "Kanta") == ["Mob violence"]


def test_a_grenade_launcher_among_seized_weapons_is_no_grenade_attack(nlp):
    sentence = ("Soldiers killed seven militants in Kivo on Monday and recovered rifles and a rocket-propelled "
                "grenade launcher.")
    assert "Grenade" not in subs(nlp, sentence, "Kivo")


def test_a_wars_toll_without_day_or_place_is_no_event(nlp):
    body = "The insurgency began in Kivo province in 2017. It has killed more than 6,000 people, monitors say."
    assert [c for c in candidates(nlp, body, ("Kivo", {"cc": "MZ"})) if c.sentence == 1] == []


def test_a_protester_killed_with_no_one_named_is_force_against_the_protest(nlp):
    sentence = "A protester was killed and dozens were injured in Lomar on Monday during a march on parliament."
    assert "Excessive force against protesters" in subs(nlp, sentence, "Lomar") or \
        "Protest with intervention" in subs(nlp, sentence, "Lomar")


def test_a_named_mob_torching_houses_is_mob_violence(nlp):
    assert subs(nlp, "A mob of villagers gathered near the market in Kanta on Monday and torched houses.", "Kanta") == [
        "Mob violence"]


def test_a_de_facto_authority_beating_protesters_intervenes_in_the_protest(nlp):
    sentence = ("Hundreds protested in Idlib on Friday, and members of Hayat Tahrir al-Sham beat protesters with sticks "
                "and detained ten of them.")
    assert "Protest with intervention" in subs(nlp, sentence, "Idlib")
    assert "Mob violence" not in subs(nlp, sentence, "Idlib")
