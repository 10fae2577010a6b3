"""The claims ledger: attribution patterns, speakers, pronouns, stances and linking to events.

Invented reporting about the republic of Ruritania, its army and the Liberation Front.
"""

from types import SimpleNamespace

import pytest

from frontlines.events.claims import claims_for, find_attributions


def _attributions(nlp, text, **kwargs):
    doc = nlp(text)
    found = find_attributions(doc, **kwargs)
    for a in found:
        assert doc.text[a.start : a.end] == a.quote
    return doc, found


def _one(nlp, text, **kwargs):
    _, found = _attributions(nlp, text, **kwargs)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, by, stance",
    [
        ("Officials in Sarn said the bridge had been destroyed.", "Officials", "claims"),
        ("The governor told reporters that the town was calm.", "governor", "claims"),
        ("General Petr Oblan tweeted that fighters had retaken three districts.", "Petr Oblan", "claims"),
        ("The Liberation Front claimed the town of Marvo.", "Liberation Front", "claims"),
        ("A local resident confirmed that the market had burned.", "local resident", "confirms"),
        ("The Ruritanian army denied that it had shelled the village.", "Ruritanian army", "denies"),
        ("The Liberation Front rejected the army's account.", "Liberation Front", "denies"),
        ("A commander wrote on Twitter that the base had fallen.", "commander", "claims"),
        ("An army spokesperson told local media that the rebels had captured 10 soldiers.", "army", "claims"),
        ("Kestrel TV reported that the bridge was destroyed.", "Kestrel TV", "claims"),
        ("Orvania's defence ministry claimed its forces had shot down 20 drones.", "Orvania's defence ministry", "claims"),
        ("The claim could not be independently verified by Kestrel TV.", "Kestrel TV", "reports_unverified"),
    ],
)
def test_speech_verbs(nlp, text, by, stance):
    a = _one(nlp, text)
    assert (a.by, a.stance) == (by, stance)
    assert a.quote == text


def test_according_to_names_the_source(nlp):
    a = _one(nlp, "According to local officials, 12 people died in the blast.")
    assert (a.by, a.stance, a.cue) == ("local officials", "claims", "according to")


def test_as_reported_by_a_newspaper(nlp):
    _, found = _attributions(nlp, "The rebels shot down a helicopter, as reported by The Daily Courier.")
    assert [(a.by, a.stance) for a in found] == [("Daily Courier", "claims")]


def test_calling_statements_lies_is_a_denial(nlp):
    a = _one(nlp, "A spokesman for the Defence Ministry in Sarn called the rebels' statements lies and false rumours.")
    assert (a.by, a.stance) == ("Defence Ministry", "denies")


def test_negated_concession_is_a_denial_and_his_next_words_continue_it(nlp):
    text = (
        'Colonel Anna Vosk did not concede defeat, saying her brigade was still fighting. "We hold Marvo," she said. '
        "She also said that she was safe."
    )
    _, found = _attributions(nlp, text)
    assert [(a.by, a.stance) for a in found] == [("Anna Vosk", "denies"), ("Anna Vosk", "denies"), ("Anna Vosk", "claims")]


@pytest.mark.parametrize(
    "text",
    [
        "Militants reportedly shot at the crowd.",
        "Reports have also surfaced that the army lost a number of soldiers on Monday night.",
        "The governor is said to have fled the city.",
        "The information could not be independently verified.",
        "Conflicting reports emerged of how many soldiers died.",
        "Neither claim could be independently verified.",
    ],
)
def test_unverified_reports(nlp, text):
    a = _one(nlp, text)
    assert (a.by, a.stance) == ("unnamed reports", "reports_unverified")


def test_reportedly_with_a_speaker_keeps_the_speaker(nlp):
    a = _one(nlp, "A tweet from a rebel account reportedly claimed 15 soldiers were killed.")
    assert (a.by, a.stance) == ("rebel account", "claims")


def test_one_of_the_leaders_speaks_for_their_group(nlp):
    a = _one(nlp, "One of the main leaders of the Liberation Front claimed that the rebels were united.")
    assert a.by == "Liberation Front"


def test_spokesman_speaks_for_the_group_named_before_the_title(nlp):
    a = _one(nlp, "Front spokesman Karl Brenn told a news conference that Marvo had fallen.")
    assert a.by == "Front"


def test_former_official_speaks_for_himself(nlp):
    a = _one(nlp, "Former army official General Petr Oblan tweeted that fighters had retaken three districts.")
    assert a.by == "Petr Oblan"


def test_possessive_pronoun_of_a_spokesman_points_back_in_the_sentence(nlp):
    a = _one(nlp, "The Ruritanian army continues to advance, its spokesman Karl Brenn said.")
    assert a.by == "Ruritanian army"


def test_statement_speaks_for_its_publisher_and_so_does_the_next_mention(nlp):
    text = "A statement on the Liberation Front's Telegram channel said hundreds of fighters were heading north. " \
           '"The war is not over," the statement said.'
    _, found = _attributions(nlp, text)
    assert [a.by for a in found] == ["Liberation Front", "Liberation Front"]


def test_they_resolves_to_the_previous_speaker(nlp):
    text = "Government-aligned accounts confirmed the loss of the town. They said at least 12 soldiers were killed."
    _, found = _attributions(nlp, text)
    assert [(a.by, a.stance) for a in found] == [
        ("Government-aligned accounts", "confirms"),
        ("Government-aligned accounts", "claims"),
    ]


def test_he_resolves_to_the_last_named_person(nlp):
    text = "The rebels have a new commander, Ivo Grek. He said the offensive would continue."
    _, found = _attributions(nlp, text)
    assert [a.by for a in found] == ["Ivo Grek"]


def test_surname_resolves_to_the_full_name(nlp):
    text = "The rebels are led by Ivo Grek. Grek said the offensive would continue."
    _, found = _attributions(nlp, text)
    assert [a.by for a in found] == ["Ivo Grek"]


def test_the_denier_is_not_the_claimant(nlp):
    text = (
        "The Liberation Front claimed the town of Marvo. For the Ruritanian army, this would be the first town "
        "they lose to the rebels. They firmly rejected the representation."
    )
    _, found = _attributions(nlp, text)
    assert [(a.by, a.stance) for a in found] == [("Liberation Front", "claims"), ("Ruritanian army", "denies")]


def test_canonical_lookup_names_the_actor(nlp):
    names = {"Front": "Liberation Front", "Karl Brenn": "Liberation Front"}
    a = _one(nlp, "Karl Brenn said the town had fallen.", canonical=names.get)
    assert a.by == "Liberation Front"


def test_lexicon_canonical_method_is_used(nlp):
    class Lexicon:
        def canonical(self, text):
            return "Ruritanian Armed Forces" if "army" in text.lower() else None

    a = _one(nlp, "An army commander said the bridge was destroyed.", lexicon=Lexicon())
    assert a.by == "Ruritanian Armed Forces"


def test_plain_narration_has_no_attribution(nlp):
    _, found = _attributions(nlp, "Rebels seized the town of Marvo on Friday after heavy fighting.")
    assert found == []


# ---------------------------------------------------------------- claims about one event

STORY = (
    "The Liberation Front captured the district of Marvo on Monday, a local resident said. "
    "The army firmly denied the capture. The information could not be independently verified.\n"
    "Elsewhere, the president opened a hospital in Sarn, officials said.\n"
    "A Front commander told local media that the rebels had taken 10 soldiers prisoner. "
    "A spokesman for the Defence Ministry called the Front's statements lies. "
    "However, an army officer from the province confirmed the arrest of the soldiers."
)


def _story(nlp, text, **kwargs):
    doc = nlp(text)
    return doc, find_attributions(doc, **kwargs), [s.start_char for s in doc.sents]


@pytest.fixture(scope="module")
def story(nlp):
    return _story(nlp, STORY)


def test_event_sentence_attributions_are_claims(story):
    doc, found, starts = story
    claims = claims_for([starts[0]], found, doc)
    assert ("local resident", "claims") in [(c.by, c.stance) for c in claims]
    for c in claims:
        assert doc.text[c.start : c.end] == c.quote


def test_denials_that_refer_back_are_linked(story):
    doc, found, starts = story
    claims = claims_for([starts[0]], found, doc)
    stances = {(c.by, c.stance) for c in claims}
    assert ("army", "denies") in stances
    assert ("unnamed reports", "reports_unverified") in stances


def test_unrelated_paragraph_is_not_linked(story):
    doc, found, starts = story
    assert all("hospital" not in c.quote for c in claims_for([starts[0]], found, doc))


def test_stances_of_the_same_paragraph_are_linked(story):
    doc, found, starts = story
    claims = claims_for([starts[4]], found, doc)
    assert [(c.by, c.stance) for c in claims] == [
        ("Front", "claims"),
        ("Defence Ministry", "denies"),
        ("army", "confirms"),
    ]


def test_the_next_sentence_of_a_linked_speaker_is_linked(nlp):
    text = (
        "Rebels seized the town of Marvo.\nThe Front's commander, Ivo Grek, denied that civilians were harmed. "
        "Grek added that the town was calm.\nThe capital is far away. Aid convoys were delayed.\n"
        "Later, Grek said he would visit the capital."
    )
    doc, found = _attributions(nlp, text)
    starts = [s.start_char for s in doc.sents]
    quotes = [c.quote for c in claims_for([starts[0]], found, doc)]
    assert quotes == [
        "The Front's commander, Ivo Grek, denied that civilians were harmed.",
        "Grek added that the town was calm.",
    ]


def test_no_sentences_no_claims(story):
    doc, found, _ = story
    assert claims_for([], found, doc) == ()


def test_trailing_speakers_after_a_comma(nlp):
    text = "Rebels shelled the town on Monday, killing at least 11 people, including four children, residents and a local group said."
    _, found = _attributions(nlp, text)
    assert [(a.by, a.quote) for a in found] == [("residents", text), ("local group", text)]


def test_passive_confirmation_verb_without_agent_is_no_stance(nlp):
    _, found = _attributions(nlp, "Hospital officials said 45 wounded people had been admitted since Tuesday.")
    assert [(a.by, a.stance) for a in found] == [("Hospital", "claims")]


def test_quoted_words_after_an_attribution_are_the_speakers(nlp):
    text = 'A Front spokesman told reporters that the rebels held Marvo. A "large number of soldiers" have defected.'
    _, found = _attributions(nlp, text)
    assert [(a.by, a.stance, a.cue) for a in found] == [("Front", "claims", "tell"), ("Front", "claims", "quote")]


def test_quoted_words_without_a_speaker_before_are_not_attributed(nlp):
    _, found = _attributions(nlp, 'Rebels held Marvo. A "large number of soldiers" have defected.')
    assert found == []


def test_nobody_claiming_is_not_a_claim(nlp):
    _, found = _attributions(nlp, "No group has claimed the abduction of the three aid workers.")
    assert found == []


def test_a_title_qualified_by_common_nouns_names_no_body(nlp):
    a = _one(nlp, "Local civil society leaders said at least six civilians were killed.")
    assert a.by == "Local civil society leaders"
    b = _one(nlp, "A village community leader told reporters that 30 people were taken.")
    assert b.by == "village community leader"


# ---------------------------------------------------------------- the outlet as a source


def test_a_wire_datelines_agency_cannot_verify(nlp):
    text = ("SARN, June 14 (Ruritania Wire) — Rebels shelled Ostra on Tuesday, officials said.\n"
            "The toll could not be independently verified.")
    _, found = _attributions(nlp, text)
    assert [(a.by, a.stance) for a in found] == [("officials", "claims"), ("Ruritania Wire", "reports_unverified")]


def test_the_articles_outlet_cannot_verify(nlp):
    a = _one(nlp, "The figures could not be independently verified.", outlet="Kestrel News.")
    assert (a.by, a.stance) == ("Kestrel News", "reports_unverified")


def test_the_outlet_shortened_goes_by_its_full_name(nlp):
    a = _one(nlp, "Kestrel could not independently verify either side's account.", outlet="Kestrel News")
    assert (a.by, a.stance) == ("Kestrel News", "reports_unverified")
    b = _one(nlp, "Kestrel News reported that the bridge was destroyed.", outlet="Kestrel News")
    assert (b.by, b.stance) == ("Kestrel News", "claims")


def test_without_an_outlet_the_source_is_unnamed(nlp):
    a = _one(nlp, "SARN — The figures could not be independently verified.")
    assert a.by == "unnamed reports"


def test_another_events_sentences_are_not_linked(nlp):
    text = ("Rebels shelled the market in Ostra on Monday, the governor said. "
            "Hours later, police arrested three men in Sarn, the governor said. "
            "The men denied any part in the attack.")
    doc, found = _attributions(nlp, text)
    starts = [s.start_char for s in doc.sents]
    alone = [c.quote for c in claims_for([starts[0]], found, doc)]
    assert len(alone) == 3  # without the other event, the governor's next words and the denial link
    linked = claims_for([starts[0]], found, doc, other_event_starts=[starts[1]])
    assert [c.quote for c in linked] == [alone[0], alone[2]]  # the arrest's own sentence is the arrest's
    theirs = claims_for([starts[1]], found, doc, other_event_starts=[starts[0]])
    assert [c.stance for c in theirs] == ["claims", "denies"]


def test_one_of_them_after_according_to_is_one_of_the_sources(nlp):
    text = ("The shells fell as traders opened their stalls, according to two residents. "
            "One of them said he had carried three wounded children to the clinic.")
    _, found = _attributions(nlp, text)
    assert [a.by for a in found] == ["two residents", "two residents"]


def test_the_group_is_the_group_named_last(nlp):
    text = 'The Liberation Front denied shelling the market. "We only answer fire," the group said in a statement.'
    _, found = _attributions(nlp, text)
    assert [a.by for a in found] == ["Liberation Front", "Liberation Front"]


def test_the_group_without_a_named_group_before_stays_itself(nlp):
    _, found = _attributions(nlp, "Civilians fled the town. The group said it would return.")
    assert [a.by for a in found] == ["group"]


# ---------------------------------------------------------------- speakers as real reports write them


def test_a_quotation_opened_sentences_before_its_speaker_is_theirs(nlp):
    text = ('"We have freed Marvo completely. The enemy fled and left its dead," a commander of the Liberation Front, '
            'who gave his name as Toma, said in a voice message.')
    a = _one(nlp, text)
    assert (a.by, a.stance, a.quote) == ("Liberation Front", "claims", text)


class _Dictionary:
    """A tiny lexicon: one armed group with an acronym, and the army of one country."""

    names = {"flf": "Free Liberation Front", "free liberation front": "Free Liberation Front"}
    generic = {"defence ministry": "military", "army": "military"}

    def canonical(self, text):
        return self.names.get(text.lower())

    def find_actors(self, text):
        lower = text.lower()
        return [(lower.index(k), lower.index(k) + len(k), SimpleNamespace(name=v, kind="group"))
                for k, v in self.names.items() if k in lower][:1]

    def country_code(self, name):
        return {"orvania": "OV"}.get(name.lower())

    def generic_actor(self, cls, iso2, date=None):
        return SimpleNamespace(name=f"Military Forces of {'Orvania' if iso2 == 'OV' else iso2}")


def test_a_dictionary_group_goes_by_its_name_as_written(nlp):
    _, found = _attributions(nlp, "The FLF claimed responsibility for the attack in a statement sent to reporters. "
                                  "A commander of the FLF's northern wing said the fighters had withdrawn.",
                             lexicon=_Dictionary())
    assert [(a.by, a.stance, a.actor) for a in found] == [
        ("FLF", "claims", "Free Liberation Front"), ("FLF", "claims", "Free Liberation Front")]


def test_a_countrys_defence_ministry_is_its_military(nlp):
    a = _one(nlp, "Orvania's defence ministry said its forces had carried out a massive strike on arms depots.",
             lexicon=_Dictionary())
    assert (a.by, a.stance) == ("Military Forces of Orvania", "claims")


def test_a_front_run_agency_speaks_for_the_front(nlp):
    a = _one(nlp, "The FLF-run news agency said three fighters were killed.", lexicon=_Dictionary())
    assert a.by == "FLF"


@pytest.mark.parametrize(
    "text, by",
    [
        ("At least 14 people were killed, said Marvo's deputy mayor, Ivo Grek, on Monday.", "Ivo Grek"),
        ("The strike, which came shortly after dawn, tore through a block of flats, Ivo Grek, head of the regional "
         "administration, said on Telegram.", "Ivo Grek"),
        ("Prime Minister Ana Lusk said the government was open to talks.", "Ana Lusk"),
        ("Five soldiers martyred in suicide attack on police station in Sarn Kot; Front claims responsibility", "Front"),
        ("Major Ana Lusk, spokesperson of the 3rd Infantry Division, said three rebels were killed.",
         "3rd Infantry Division"),
        ("A man who identified himself as a Front commander said the principal had been arrested.", "Front"),
        ("A Front spokesman abroad rejected the army's account on social media.", "Front"),
    ],
)
def test_who_speaks(nlp, text, by):
    assert [a.by for a in _attributions(nlp, text)[1]] == [by]


def test_the_ministry_is_the_fuller_name_used_before(nlp):
    text = ("The Sarn Provincial Police Command confirmed the attack but gave lower figures. "
            '"Two people were killed," the command\'s spokesman said in a statement. '
            "A local elected official said 30 people were taken. The official said the gunmen came at night.")
    _, found = _attributions(nlp, text)
    assert [a.by for a in found] == ["Sarn Provincial Police Command"] * 2 + ["local elected official"] * 2


def test_the_statement_is_its_publishers(nlp):
    text = ("The Front, in a statement posted online on Friday, said its fighters had killed six soldiers. "
            '"No fighter was hurt," the statement said.')
    _, found = _attributions(nlp, text)
    assert [a.by for a in found] == ["Front", "Front"]


def test_putting_the_toll_at_a_figure_is_a_claim(nlp):
    a = _one(nlp, "The Ruritanian Red Cross put the death toll at 19.")
    assert (a.by, a.stance) == ("Ruritanian Red Cross", "claims")


def test_no_independent_confirmation_is_the_outlets(nlp):
    a = _one(nlp, "There was no independent confirmation of the toll.", outlet="Kestrel News")
    assert (a.by, a.stance) == ("Kestrel News", "reports_unverified")


def test_however_answers_the_other_sides_claim(nlp):
    text = ("Rebels said they had taken the town of Marvo. Kestrel TV, however, reported that the attackers had been "
            "repelled with heavy losses.")
    _, found = _attributions(nlp, text)
    assert [(a.by, a.stance) for a in found] == [("Rebels", "claims"), ("Kestrel TV", "denies")]


def test_saying_the_reports_are_propaganda_is_a_denial(nlp):
    a = _one(nlp, 'The Sarn council said reports of the capture were "fabricated propaganda" and that the town was calm.')
    assert (a.by, a.stance) == ("Sarn council", "denies")


def test_a_new_statement_after_a_denial_is_a_claim(nlp):
    text = ("The Orvanian army denied the rebels' account. In a statement on Friday evening, it said rebel units had "
            "fired at its positions first.")
    _, found = _attributions(nlp, text)
    assert [(a.by, a.stance) for a in found] == [("Orvanian army", "denies"), ("Orvanian army", "claims")]


@pytest.mark.parametrize(
    "text",
    ["The farmer whose reported abduction set off the riot returned home on Sunday.",
     "More than 1,000 people have been killed and more than 1,200 reported missing in the state."],
)
def test_reported_as_a_participle_is_no_speech(nlp, text):
    assert _attributions(nlp, text)[1] == []


LONG_STORY = (
    "Rebels of the Free Front overran the town of Marvo on Wednesday after a day of fighting, residents said.\n"
    "Hundreds of fighters attacked army posts at dawn. By the afternoon the soldiers had pulled back to Sarn.\n"
    "A nurse at the Marvo clinic said six bodies had been brought in.\n"
    '"We have freed Marvo. The enemy fled," a Front commander said in a voice message.\n'
    "He claimed that 150 soldiers had been killed. The Orvanian army denied that the town had fallen.\n"
    "Roads into the region have been closed for weeks. Aid workers have left the province.\n"
    "Kestrel News could not independently verify either side's account.\n"
    "Analysts say the Front has grown stronger since the spring.\n"
    "Separately, police in the capital arrested two journalists, their editor said. The arrests were condemned."
)


@pytest.fixture(scope="module")
def long_story(nlp):
    return _story(nlp, LONG_STORY, outlet="Kestrel News")


def test_the_sides_accounts_after_an_event_are_linked(long_story):
    doc, found, starts = long_story
    linked = [(c.by, c.stance, c.quote[:20]) for c in claims_for([starts[0]], found, doc)]
    assert linked == [
        ("residents", "claims", "Rebels of the Free F"),
        ("nurse", "claims", "A nurse at the Marvo"),  # the next few sentences all concern the event
        ("Front", "claims", '"We have freed Marvo'),  # a quotation opened before its speaker
        ("Front", "claims", "He claimed that 150 "),
        ("Orvanian army", "denies", "The Orvanian army de"),  # further on, related ones only:
        ("Kestrel News", "reports_unverified", "Kestrel News could n"),  # not the analysts, not "Separately, ..."
    ]


def test_a_related_account_just_before_the_events_sentence_is_linked(nlp):
    text = ("The Orvanian defence ministry said rebels had fired mortars at its border posts near Sarn on Friday. "
            "Roads were closed. The Free Front denied the account. "
            "Rebels fired mortars at army posts near Sarn on Friday, the Free Front said in a later statement.")
    doc, found = _attributions(nlp, text)
    starts = [s.start_char for s in doc.sents]
    assert [c.by for c in claims_for([starts[3]], found, doc)] == ["Orvanian defence ministry", "Free Front", "Free Front"]


def test_a_spokesmans_quotation_after_a_confirmation_confirms(nlp):
    text = ("The provincial police confirmed the abduction. "
            '"One man was killed and 19 people were taken. Our teams are combing the forest," the police spokesman said.')
    _, found = _attributions(nlp, text)
    assert [(a.by, a.stance) for a in found] == [("provincial police", "confirms"), ("provincial police", "confirms")]


def test_a_thing_in_the_reported_clause_denies_nothing(nlp):
    text = "The ferry's Orvanian owner said the vessel had no link to the navy and denied that it had been hit."
    _, found = _attributions(nlp, text)
    assert [(a.by, a.stance) for a in found] == [("ferry's Orvanian owner", "claims"), ("ferry's Orvanian owner", "denies")]
