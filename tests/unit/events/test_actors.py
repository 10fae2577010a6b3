"""Actor dictionary and resolution: aliases, date-bounded roles, demonyms, generic labels, salience."""

from event_builders import candidates, code

from frontlines.events.lexicon import Lexicon


def lex():
    return Lexicon.load()


def test_roles_change_on_their_date():
    assert lex().actor("Taliban", "2021-08-01").inter == "Rebel group"
    assert lex().actor("Taliban", "2021-09-01").inter == "State forces"
    assert lex().actor("RSF", "2023-01-10").inter == "State forces"
    assert lex().actor("Rapid Support Forces", "2023-06-01").inter == "Rebel group"


def test_state_forces_are_named_for_the_period():
    assert lex().state_actor("AF", "military", "2020-05-01").name == "Military Forces of Afghanistan (2004-2021)"
    assert lex().state_actor("AF", "military", "2022-05-01").name == "Taliban"
    assert lex().state_actor("KE", "police", "2024-01-01").name == "Police Forces of Kenya"
    assert lex().state_actor("US", "military", None).name == "Military Forces of the United States"


def test_generic_name_resolves_to_the_local_branch():
    assert lex().actor("Islamic State", None, "NG").name == "Islamic State West Africa Province"
    assert lex().actor("ISIS", None, "AF").name == "Islamic State Khorasan Province"
    assert lex().actor("Islamic State", None, "ML").name == "Islamic State Sahel Province"


def test_mentions_skip_pro_and_anti_compounds_and_respect_acronym_case():
    found = [a.name for _, _, a in lex().find_actors("Pro-Hamas accounts said the IDF and anti-Hamas groups met; an is not IS.")]
    assert found == ["Military Forces of Israel", "Islamic State"]


def test_people_speak_for_their_group():
    assert lex().canonical("Zabihullah Mujahid") == "Taliban"
    assert lex().canonical("Yahya Saree") == "Houthis"
    assert lex().canonical("the weather") is None


def test_demonym_before_army_or_police(nlp):
    (c,) = candidates(nlp, "Ethiopian troops clashed with Fano fighters in Gondara on Monday.", ("Gondara", {"cc": "ET", "admin1": "Amhara"}))
    assert {c.actor1.name, c.actor2.name} == {"Military Forces of Ethiopia", "Fano"}


def test_a_demonym_on_a_strike_names_the_state_military(nlp):
    (e,) = code(nlp, "An Israeli air strike on a house in Rafa killed 12 people on Tuesday.", ("Rafa", {"cc": "PS", "admin1": "Gaza"}))
    assert (e.sub_event_type, e.actor1, e.actor2) == ("Air/drone strike", "Military Forces of Israel", "Civilians (Palestine)")


def test_countries_as_parties_are_their_governments(nlp):
    (c,) = candidates(nlp, "Ukraine and Russia exchanged 200 prisoners of war in Sumy on Friday.", ("Sumy", {"cc": "UA"}))
    assert (c.sub_event_type, c.actor1.name, c.actor2.name) == ("Agreement", "Government of Ukraine", "Government of Russia")


def test_an_unknown_named_armed_group_keeps_its_name(nlp):
    (c,) = candidates(nlp, "Fighters of the Northern Liberation Army captured Kesra from government troops on Wednesday.",
                      ("Kesra", {"cc": "NG"}))
    assert (c.sub_event_type, c.actor1.name, c.actor1.inter) == (
        "Non-state actor overtakes territory", "Northern Liberation Army", "Rebel group")
    (d,) = candidates(nlp, "The Defence Ministry said soldiers clashed with rebels in Dalu on Monday.", ("Dalu", {"cc": "NG"}))
    assert {d.actor1.name, d.actor2.name} == {"Military Forces of Nigeria", "Unidentified Armed Group (Nigeria)"}


def test_a_demonym_on_weapons_names_the_state_military(nlp):
    (e,) = code(nlp, "Russian drones and missiles struck a power plant in Odesa on Saturday, wounding two workers.",
                ("Odesa", {"cc": "UA", "admin1": "Odesa"}))
    assert (e.sub_event_type, e.actor1) == ("Air/drone strike", "Military Forces of Russia")


def test_a_named_country_owns_its_army_and_government(nlp):
    body = "Kenya's army and the Somali government signed a security pact in Dohar on Monday."
    (c,) = candidates(nlp, body, ("Kenya", {"kind": "country", "cc": "KE", "admin1": None}), ("Dohar", {"cc": "QA", "admin1": "Doha"}))
    assert (c.sub_event_type, c.actor1.name, c.actor2.name) == ("Agreement", "Military Forces of Kenya", "Government of Somalia")


def test_a_states_strikes_are_air_strikes(nlp):
    (e,) = code(nlp, "Israeli strikes killed at least 20 people across Rafa overnight on Monday.", ("Rafa", {"cc": "PS", "admin1": "Gaza"}))
    assert (e.sub_event_type, e.actor1, e.actor2) == ("Air/drone strike", "Military Forces of Israel", "Civilians (Palestine)")


def test_unknown_armed_men_get_a_country_label(nlp):
    (c,) = candidates(nlp, "Gunmen killed seven villagers in Dogo on Sunday.", ("Dogo", {"cc": "BF", "admin1": "Sahel"}))
    assert c.actor1.name == "Unidentified Armed Group (Burkina Faso)"
    assert c.actor1.inter == "Political militia"
    assert c.actor2.name == "Civilians (Burkina Faso)"


def test_definite_generic_noun_refers_to_the_group_named_before(nlp):
    body = ("The Arakan Army said it had surrounded the town of Paletwa. "
            "On Monday the rebels captured Paletwa from the junta.")
    cands = candidates(nlp, body, ("Paletwa", {"cc": "MM", "admin1": "Chin", "nth": 1}))
    (c,) = [c for c in cands if c.sub_event_type == "Non-state actor overtakes territory"]
    assert c.actor1.name == "Arakan Army"


def test_possessive_pronoun_forces_belong_to_the_group_named_before(nlp):
    body = "The Arakan Army said on Tuesday that its forces had captured Paletwa on Monday."
    (c,) = candidates(nlp, body, ("Paletwa", {"cc": "MM", "admin1": "Chin"}))
    assert (c.sub_event_type, c.actor1.name) == ("Non-state actor overtakes territory", "Arakan Army")


def test_a_pronoun_subject_of_a_report_is_its_speaker(nlp):
    body = "The Fano militia attacked Lalo last week. On Friday the Ethiopian army said it had regained control of Lalo."
    events = code(nlp, body, ("Lalo", {"cc": "ET", "admin1": "Amhara", "nth": 1}), ("Lalo", {"cc": "ET", "admin1": "Amhara"}))
    regained = [e for e in events if e.sub_event_type == "Government regains territory"]
    assert [(e.actor1, e.actor2) for e in regained] == [("Military Forces of Ethiopia", "Fano")]


def test_taliban_capture_changes_meaning_on_15_august_2021(nlp):
    spec = ("Dara", {"cc": "AF", "admin1": "Kunduz"})
    before = code(nlp, "On 10 August 2021, Taliban fighters captured Dara from government forces.", spec, published="2021-08-11")
    after = code(nlp, "On 10 September 2021, Taliban fighters recaptured Dara from local militiamen.", spec, published="2021-09-11")
    assert [(e.sub_event_type, e.inter1) for e in before] == [("Non-state actor overtakes territory", "Rebel group")]
    assert before[0].actor2 == "Military Forces of Afghanistan (2004-2021)"
    assert [(e.sub_event_type, e.inter1) for e in after] == [("Government regains territory", "State forces")]


def test_opposition_fighters_are_the_named_resistance_group_else_a_local_militia(nlp):
    spec = ("Dara", {"cc": "AF", "admin1": "Kunduz"})
    named = code(nlp, "The National Resistance Front is active in Dara. On Monday resistance fighters clashed with "
                 "the Taliban in Dara.", ("Dara", {"cc": "AF", "admin1": "Kunduz", "nth": 1}), published="2022-05-11")
    unnamed = code(nlp, "On Monday opposition fighters clashed with the Taliban in Dara.", spec, published="2022-05-11")
    assert {named[0].actor1, named[0].actor2} == {"National Resistance Front", "Taliban"}
    assert {unnamed[0].actor1, unnamed[0].actor2} == {"Anti-Taliban militia", "Taliban"}


def test_generic_rebels_are_the_one_local_armed_group_the_article_names(nlp):
    cd = {"cc": "CD", "admin1": "North Kivu"}
    body = ("M23 said on Monday it was pressing its offensive. Anti-government fighters captured the town of Rutobo "
            "on Monday after clashes with the army.")
    events = code(nlp, body, ("Rutobo", cd))
    assert {(e.sub_event_type, e.actor1) for e in events} == {("Non-state actor overtakes territory", "M23: March 23 Movement")}
    two = ("M23 and CODECO were both active on Monday. Anti-government fighters captured the town of Rutobo on Monday "
           "after clashes with the army.")
    assert {e.actor1 for e in code(nlp, two, ("Rutobo", cd))} == {"Anti-government militia"}


def test_an_apposition_names_the_group_and_a_patron_is_not_the_actor(nlp):
    (e,) = code(nlp, "Fighters of the Islamic State-linked group Jama'at Nusrat al-Islam wal-Muslimin (JNIM) killed "
                     "seven herders near Dogo on Sunday.", ("Dogo", {"cc": "BF"}))
    assert e.actor1 == "JNIM: Jama'at Nusrat al-Islam wal-Muslimin"
    (c,) = candidates(nlp, "Russia-backed separatists shelled Dogo on Sunday.", ("Dogo", {"cc": "UA"}))
    assert c.actor1 is None or "Russia" not in c.actor1.name


def test_the_subject_behind_a_wire_dateline_is_the_actor(nlp):
    (e,) = code(nlp, "KIVO, March 3 (Savanna Wire) — Militants of the jihadist group Boko Haram killed nine farmers in "
                     "Dogo on Sunday, police said.", ("KIVO", {"cc": "NG", "dateline": True}), ("Dogo", {"cc": "NG"}))
    assert (e.actor1, e.location) == ("Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Dogo")


def test_a_demonym_or_country_before_a_weapon_or_strike_names_the_state_military(nlp):
    (e,) = code(nlp, "Russian tank fire killed two farmers near Kremna on Monday.", ("Kremna", {"cc": "UA"}))
    assert (e.actor1, e.actor2) == ("Military Forces of Russia", "Civilians (Ukraine)")
    events = code(nlp, "A Turkish drone strike hit a car near Derik on Sunday, killing two men.", ("Derik", {"cc": "SY"}))
    assert {e.actor1 for e in events} == {"Military Forces of Turkey"}
    (c,) = candidates(nlp, "Palestinian rocket fire hit a house in Sderot on Monday, wounding a woman.", ("Sderot", {"cc": "IL"}))
    assert c.actor1 is None or "Palestine" not in c.actor1.name  # a stateless demonym names no army


def test_a_country_that_strikes_is_its_military_and_one_that_signs_its_government(nlp):
    events = code(nlp, "Russia struck Kremna with missiles on Monday, killing four people.", ("Kremna", {"cc": "UA"}))
    assert {(e.actor1, e.actor2) for e in events} == {("Military Forces of Russia", "Civilians (Ukraine)")}
    (c,) = candidates(nlp, "Estonia and Latvia signed a border treaty in Valga on Monday.", ("Valga", {"cc": "EE"}))
    assert {c.actor1.name, c.actor2.name} == {"Government of Estonia", "Government of Latvia"}


def test_bare_troops_are_the_reporting_army_or_the_foreign_army_named_where_the_state_has_none(nlp):
    (e,) = code(nlp, "The Israeli army said on Monday that troops had shot two men near Beit Lahia.", ("Beit Lahia", {"cc": "PS"}))
    assert (e.actor1, e.actor2) == ("Military Forces of Israel", "Civilians (Palestine)")
    body = "Israeli forces pushed into Rafa last week. On Monday troops shot two fishermen in Rafa."
    (e,) = code(nlp, body, ("Rafa", {"cc": "PS", "nth": 1}))
    assert e.actor1 == "Military Forces of Israel"
    own = "Kenyan soldiers guard Mandera. Somali troops crossed into Dolow on Monday and soldiers shot two herders in Dolow."
    assert {e.actor1 for e in code(nlp, own, ("Dolow", {"cc": "SO", "nth": 1}))} == {"Military Forces of Somalia"}


def test_a_numbered_or_marked_unit_is_its_states_forces(nlp):
    (c,) = candidates(nlp, "Soldiers of the 42nd Mechanized Brigade clashed with rebels in Dalu on Monday.", ("Dalu", {"cc": "NG"}))
    assert {c.actor1.name, c.actor2.name} == {"Military Forces of Nigeria", "Unidentified Armed Group (Nigeria)"}
    unit = lex().actor("Rapid Intervention Battalion", "2024-01-01")
    assert unit.name == "Military Forces of Cameroon"


def test_generic_attackers_are_the_group_the_text_links_them_to_or_the_claimant(nlp):
    body = "Gunmen killed four traders in Tepa on Monday. Police linked the gunmen to the Jalisco cartel."
    (e,) = code(nlp, body, ("Tepa", {"cc": "MX"}))
    assert e.actor1 == "CJNG: Jalisco New Generation Cartel"
    claimed = ("Militants stormed a police post in Daraban on Monday, killing three policemen. "
               "The TTP claimed responsibility for the attack.")
    assert {e.actor1 for e in code(nlp, claimed, ("Daraban", {"cc": "PK"}))} == {"TTP: Tehreek-i-Taliban Pakistan"}
    unclaimed = ("Gunmen killed four traders in Tepa on Monday. No group claimed the killings; the Jalisco cartel "
                 "is active in the area.")
    assert {e.actor1 for e in code(nlp, unclaimed, ("Tepa", {"cc": "MX"}))} == {"Unidentified Armed Group (Mexico)"}


def test_descriptions_name_a_group_only_in_its_own_country(nlp):
    body = "Communist rebels ambushed an army patrol in Bato on Monday."
    (ph,) = candidates(nlp, body, ("Bato", {"cc": "PH"}))
    (co,) = candidates(nlp, body, ("Bato", {"cc": "CO"}))
    assert ph.actor1.name == "NPA: New People's Army"
    assert co.actor1.name == "Unidentified Armed Group (Colombia)"
    (cm,) = code(nlp, "Separatists abducted a teacher in Kumbo on Monday.", ("Kumbo", {"cc": "CM"}))
    assert (cm.actor1, cm.actor2) == ("Ambazonian Separatists", "Civilians (Cameroon)")


def test_a_movements_linked_fighters_are_its_local_branch(nlp):
    (e,) = code(nlp, "Islamic State-linked insurgents beheaded three farmers in Nanga on Sunday.", ("Nanga", {"cc": "MZ"}))
    assert e.actor1 == "Islamic State (Mozambique)"
    assert lex().actor("al-Qaeda", None, "ML").name == "JNIM: Jama'at Nusrat al-Islam wal-Muslimin"
    assert lex().actor("al-Shabaab", None, "MZ").name == "Islamic State (Mozambique)"
    assert lex().actor("ADF", None, "CM").name == "Ambazonian Separatists"
    assert lex().actor("ADF", None, "CD").name == "ADF: Allied Democratic Forces"


def test_an_ethnic_groups_armed_men_are_its_militia(nlp):
    (c,) = candidates(nlp, "Kuki militants attacked a Meitei village near Sora on Monday.", ("Sora", {"cc": "IN"}))
    assert (c.sub_event_type, c.actor1.name, c.actor2.name) == ("Attack", "Kuki Ethnic Militia (India)", "Meitei Ethnic Group (India)")


def test_aliases_and_renamed_security_arms(nlp):
    for alias in ("Tehreek-i-Taliban Pakistan", "Tehrik-e-Taliban", "khawarij", "Fitna al-Khawarij"):
        assert lex().actor(alias).name == "TTP: Tehreek-i-Taliban Pakistan"
    assert lex().actor("General Security Service", "2024-05-01", "SY").name == "Hayat Tahrir al-Sham"
    assert lex().actor("General Security Service", "2025-02-01", "SY").name == "Police Forces of Syria (2024-)"
    assert lex().actor("HTS", "2025-02-01", "SY").name == "Military Forces of Syria (2024-)"
    (e,) = code(nlp, "Members of the General Security Service detained five men in Binnish on Friday.", ("Binnish", {"cc": "SY"}))
    assert (e.sub_event_type, e.actor1) == ("Arrests", "Hayat Tahrir al-Sham")


def test_the_first_named_of_allied_forces_and_the_first_side_of_fighting(nlp):
    (c,) = candidates(nlp, "US and UK forces struck a radar site near Zabid on Saturday, killing two guards.", ("Zabid", {"cc": "YE"}))
    assert c.actor1.name == "Military Forces of the United States"
    body = "Fighting between the army and the Ostrava Liberation Front near Dalu killed five people on Monday."
    cands = candidates(nlp, body, ("Dalu", {"cc": "NG"}))
    assert {c.actor1.name for c in cands} == {"Military Forces of Nigeria"}  # "fighting ... killed": not the front alone


def test_a_named_national_army_is_its_states_military(nlp):
    (c,) = candidates(nlp, "The Zambia Defence Force clashed with rebels in Mpika on Monday.", ("Mpika", {"cc": "ZM"}))
    assert {c.actor1.name, c.actor2.name} == {"Military Forces of Zambia", "Unidentified Armed Group (Zambia)"}
    body = "The RDF said on Monday that its forces had killed seven insurgents in Nanga."
    (c,) = candidates(nlp, body, ("Nanga", {"cc": "MZ"}))
    assert (c.actor1.name, c.actor2.name) == ("Military Forces of Rwanda", "Unidentified Armed Group (Mozambique)")


def test_the_enemy_a_pronoun_or_definite_noun_refers_to_is_no_ally_or_peacekeeper(nlp):
    body = ("ADF rebels raided Beni on Sunday. On Monday, Ugandan troops and the Congolese army pursued the rebels "
            "into the forest near Beni and clashed with them there.")
    (c,) = candidates(nlp, body, ("Beni", {"cc": "CD", "nth": 1}))
    assert (c.actor1.name, c.actor2.name) == ("Military Forces of Uganda", "ADF: Allied Democratic Forces")
    body = "Al-Shabaab fighters attacked Afgoye on Monday. Police, backed by African Union troops, exchanged fire with the gunmen in Afgoye."
    (c,) = candidates(nlp, body, ("Afgoye", {"cc": "SO", "nth": 1}))
    assert c.actor2.name == "Al Shabaab"


def test_an_unowned_air_strike_is_the_foreign_army_named_nearby_else_the_states(nlp):
    body = "Russian forces shelled Kupiansk on Monday. On Tuesday a drone strike hit a bus in Kupiansk, killing three passengers."
    events = code(nlp, body, ("Kupiansk", {"cc": "UA", "nth": 1}))
    assert [(e.actor1, e.actor2) for e in events if e.sub_event_type == "Air/drone strike"] == [
        ("Military Forces of Russia", "Civilians (Ukraine)")]
    body = "Malian soldiers patrolled Lere on Monday. On Tuesday a drone strike hit a wedding in Lere, killing five guests."
    events = code(nlp, body, ("Lere", {"cc": "ML", "nth": 1}))
    assert {e.actor1 for e in events} == {"Military Forces of Mali"}


def test_attackers_are_not_the_group_their_own_sentence_names_as_victim(nlp):
    body = "HTS controls Idlib. On Monday gunmen shot dead an HTS commander in Sarmin."
    (e,) = code(nlp, body, ("Idlib", {"cc": "SY"}), ("Sarmin", {"cc": "SY"}))
    assert e.actor1 == "Unidentified Armed Group (Syria)"


def test_weapon_attacks_police_raids_and_led_fighters(nlp):
    events = code(nlp, "A Ukrainian drone attack killed two people in Shebekino on Monday.", ("Shebekino", {"cc": "RU"}))
    assert {(e.actor1, e.actor2) for e in events} == {("Military Forces of Ukraine", "Civilians (Russia)")}
    (e,) = code(nlp, "A Kenyan police raid killed two men in Mandera on Monday.", ("Mandera", {"cc": "KE"}))
    assert e.actor1 == "Police Forces of Kenya"
    (c,) = candidates(nlp, "Hamas-led militants attacked an army post near Nahal Oz on Monday.", ("Nahal Oz", {"cc": "IL"}))
    assert (c.actor1.name, c.actor2.name) == ("Hamas Movement", "Military Forces of Israel")


def test_a_foreign_army_on_the_ground_does_not_own_the_states_drones(nlp):
    body = ("Malian soldiers and Russian forces patrolled Lere on Monday. On Tuesday a drone strike hit a wedding in Lere, "
            "killing five guests.")
    events = code(nlp, body, ("Lere", {"cc": "ML", "nth": 1}))
    assert {e.actor1 for e in events} == {"Military Forces of Mali"}
    assert lex().actor("Russian forces", "2025-07-01", "ML").name == "Africa Corps"
    assert lex().actor("Russian forces", "2025-07-01", "UA").name == "Military Forces of Russia"


def test_an_anti_ship_missile_is_no_militia_and_a_supporting_mission_no_target(nlp):
    (c,) = candidates(nlp, "The Houthis fired an anti-ship missile at a tanker off Mokha on Monday.", ("Mokha", {"cc": "YE"}))
    assert (c.actor1.name, c.actor2) == ("Houthis", None)
    body = ("Gunmen of Gran Grif attacked Petit-Goave on Monday. Police, supported by the MSS mission, exchanged fire "
            "with the gunmen and pushed them out of Petit-Goave.")
    cands = candidates(nlp, body, ("Petit-Goave", {"cc": "HT", "nth": 1}))
    assert {(c.actor1.name, c.actor2.name) for c in cands} == {("Police Forces of Haiti", "Gran Grif")}


def test_the_prefix_tree_pattern_prefers_the_longest_name_and_whole_words():
    from frontlines.events.lexicon import _phrase_regex

    regex = _phrase_regex(["al Qaeda", "al Qaeda in the Islamic Maghreb", "Islamic State", "IS"])
    text = "Al Qaeda in the Islamic Maghreb and al-Qaeda-linked men; Islamic Statehood; islamic state; is"
    assert [m.group(0) for m in regex.finditer(text)] == ["Al Qaeda in the Islamic Maghreb", "islamic state", "is"]
    assert _phrase_regex(["NRF"], flags=0).findall("NRF and nrf") == ["NRF"]
