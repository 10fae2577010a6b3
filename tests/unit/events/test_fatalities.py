"""Casualty figures (numerals, words, vague quantities, kinds, reporters) and ACLED coding.

Invented reporting about the republic of Ruritania, its army and the Liberation Front.
"""

import pytest

from frontlines.events.claims import find_attributions
from frontlines.events.fatalities import code_fatalities, find_figures, merged_toll
from frontlines.records import Fatality


def _figures(nlp, text, sentence=-1, **kwargs):
    """Figures of one sentence (the last by default), reporters resolved over the whole text."""
    doc = nlp(text)
    sent = list(doc.sents)[sentence]
    return find_figures(sent, attributions=find_attributions(doc), **kwargs)


def _summary(figures):
    return [(f.count, f.kind) for f in figures]


@pytest.mark.parametrize(
    "text, count",
    [
        ("At least 15 soldiers were killed in the ambush.", 15),
        ("Fifteen soldiers died when their convoy hit a mine.", 15),
        ("Twenty-five civilians were killed in the market.", 25),
        ("More than 20 people died in the shelling of Marvo.", 20),
        ("Rebels stormed the base and killed dozens of soldiers.", 12),
        ("The blast killed a dozen police officers.", 12),
        ("Hundreds of people were killed in the siege.", 100),
        ("Gunmen opened fire on the crowd, killing several people.", 0),
        ("A few villagers were killed by stray shells.", 0),
        ("The army lost a number of soldiers on Monday night.", 0),
        ("Many civilians died in the fighting.", 10),
        ("Between 10 and 15 people were killed in the raid.", 10),
        ("Two hundred fighters were killed in the battle.", 200),
        ("Rebels attacked the post, killing 1,200 soldiers.", 1200),
        ("The death toll from the bombing rose to 31.", 31),
        ("The explosion left 8 dead.", 8),
        ("Medics said 40 bodies were recovered from the rubble.", 40),
        ("The killing of five aid workers drew condemnation.", 5),
        ("Jets bombed the village on Monday, killing at least 11 people, including four children, residents said.", 11),
        ("Nine civilians lost their lives in the shelling.", 9),
        ("The number of dead rose to 40 on Tuesday.", 40),
        ("The number of people killed in the raid rose to 31.", 31),
        ("At least 40 people are feared dead after the landslide of rubble.", 40),
        ("Five men were found dead in a ditch outside Ostra.", 5),
        ("The strike killed a family of five.", 5),
        ("Both guards were killed.", 2),
    ],
)
def test_death_tolls(nlp, text, count):
    figures = _figures(nlp, text)
    assert _summary(figures) == [(count, "killed")]
    assert figures[0].counts is (count > 0)
    assert figures[0].phrase in text


def test_conjoined_victims_add_up(nlp):
    assert _summary(_figures(nlp, "Two soldiers and three civilians were killed.")) == [(5, "killed")]


@pytest.mark.parametrize(
    "text, count",
    [
        ("Gunmen stormed a farm near Ostra, killing a 70-year-old farmer and his son, police said.", 2),
        ("A roadside bomb killed a rebel commander and his bodyguard in Marvo.", 2),
        ("A journalist and her driver were killed when their car hit a mine.", 2),
        ("Rebels attacked the convoy, killing two soldiers and a civilian.", 3),
        ("The blast killed Ivo Grek, a senior commander, and two of his guards.", 3),
        ("Police shot dead a protester in Sarn.", 1),
        ("A bomb killed a local commander of the Liberation Front and his driver in Sarn.", 2),
        ("A mine planted on the road killed a commander of the Liberation Front (LF) and his brother outside Sarn.", 2),
        ("A drone killed a leader of Ostra Brigade and his son.", 2),
        ("A group of men beat to death a local activist in Marvo.", 1),
        ("A farmer was hacked to death in Ostra.", 1),
    ],
)
def test_people_named_without_a_number_count_one_each(nlp, text, count):
    figures = _figures(nlp, text)
    assert _summary(figures) == [(count, "killed")]
    assert figures[0].counts is True


@pytest.mark.parametrize(
    "text",
    [
        "The army killed the commander.",  # definite: maybe a victim counted already
        "Rebels killed him.",
        "Rebels attacked a farmer and his son.",  # no killing
        "Rebels killed a goat.",
    ],
)
def test_no_single_victims(nlp, text):
    assert _figures(nlp, text) == ()


@pytest.mark.parametrize(
    "text, count",
    [
        ("A suicide bomber struck a bus station in Sarn, killing at least nine people, four policemen and five passengers.", 9),
        ("The shelling killed at least 14 people, nine civilians and three soldiers, medics said.", 14),
        ("Rebels attacked the convoy, killing 10 soldiers, three policemen and five civilians.", 18),
    ],
)
def test_a_breakdown_is_not_added_to_its_total(nlp, text, count):
    assert _summary(_figures(nlp, text)) == [(count, "killed")]


def test_putting_the_toll_at_a_number_is_a_figure(nlp):
    text = "At least 12 people died in the shelling, the health ministry said, while medics had earlier put the toll at 10."
    figures = _figures(nlp, text)
    assert _summary(figures) == [(12, "killed"), (10, "killed")]
    assert code_fatalities(figures, 1) == [10]


def test_killed_wounded_and_captured_are_told_apart(nlp):
    figures = _figures(nlp, "At least 15 rebels were killed, 15 others injured and 4 fighters captured.")
    assert _summary(figures) == [(15, "killed"), (15, "wounded"), (4, "captured")]
    assert [f.counts for f in figures] == [True, False, False]


def test_a_subset_is_not_a_second_figure(nlp):
    assert _summary(_figures(nlp, "At least 15 people, including three children, died.")) == [(15, "killed")]


def test_casualties_are_not_deaths(nlp):
    figures = _figures(nlp, "The clashes caused 30 casualties.")
    assert _summary(figures) == [(30, "casualties")]
    assert figures[0].counts is False


@pytest.mark.parametrize(
    "text",
    [
        "The fighting took place in three districts about 100 miles north of the capital.",
        "Rebels captured three districts on Friday.",
        "The army lost two tanks near the bridge.",
        "Hundreds of fighters were heading towards the valley.",
        "No soldiers were killed in the attack, officials said.",
        "The war began in 2019 and 4 million people fled.",
        "Conflicting reports emerged of how many soldiers died in the offensive.",
        "Both soldiers and civilians were killed in the shelling.",
    ],
)
def test_no_casualty_figure(nlp, text):
    assert _figures(nlp, text) == ()


def test_reporter_is_the_attribution_subject(nlp):
    figures = _figures(nlp, "According to local officials, 12 people died in the blast.")
    assert figures[0].reported_by == "local officials"


def test_reporter_pronoun_resolved_and_own_losses_count(nlp):
    text = "Pro-Front accounts confirmed the retreat. They said at least 15 Front fighters were killed."
    (figure,) = _figures(nlp, text)
    assert (figure.reported_by, figure.counts) == ("Pro-Front accounts", True)


def test_outlet_figure_counts(nlp):
    (figure,) = _figures(nlp, "The rebels reportedly killed dozens of soldiers.")
    assert (figure.reported_by, figure.counts) == (None, True)


@pytest.mark.parametrize(
    "text",
    [
        "The Liberation Front said 600 enemy fighters were killed.",
        "The rebels claimed to have killed 300 government troops.",
        "The army said it killed 40 militants.",
        "The army said its troops had repelled the assault and killed several attackers.",
    ],
)
def test_a_side_claiming_its_enemys_losses_does_not_count(nlp, text):
    (figure,) = _figures(nlp, text)
    assert figure.kind == "killed" and figure.counts is False


def test_claimed_enemy_losses_named_through_actor_lookup(nlp):
    actors = {"Liberation Front": "Liberation Front", "army soldiers": "Ruritanian Army"}
    (figure,) = _figures(nlp, "The Liberation Front claimed 50 army soldiers were killed.", actor_of=actors.get)
    assert figure.counts is False


def test_an_admission_through_actor_lookup_counts(nlp):
    actors = {"army": "Ruritanian Army", "soldiers": "Ruritanian Army"}
    (figure,) = _figures(nlp, "The army claimed 50 soldiers were killed.", actor_of=actors.get)
    assert figure.counts is True


def test_attributions_left_on_the_doc_name_the_reporter(nlp):
    doc = nlp("Pro-Front accounts confirmed the retreat. They said at least 15 Front fighters were killed.")
    find_attributions(doc)
    (figure,) = find_figures(list(doc.sents)[1])
    assert figure.reported_by == "Pro-Front accounts"


def test_sentence_read_alone_without_attributions(nlp):
    sent = next(nlp("The army said it killed 40 militants.").sents)
    (figure,) = find_figures(sent)
    assert (figure.reported_by, figure.counts) == ("army", False)


# ---------------------------------------------------------------- ACLED coding


def _fig(count, kind="killed", counts=True, by=None):
    return Fatality(count, kind, by, f"{count} {kind}", counts)


@pytest.mark.parametrize(
    "total, n, expected",
    [(15, 3, [5, 5, 5]), (12, 3, [4, 4, 4]), (10, 3, [4, 3, 3]), (11, 3, [5, 3, 3]), (7, 1, [7]), (1, 2, [1, 0])],
)
def test_split_evenly_with_the_remainder_on_the_first(total, n, expected):
    assert code_fatalities([_fig(total)], n) == expected


def test_lowest_reported_figure_wins():
    assert code_fatalities([_fig(15, by="accounts"), _fig(12, by=None)], 3) == [4, 4, 4]


def test_injuries_captures_and_enemy_claims_are_not_counted():
    figures = [_fig(15, "wounded", False), _fig(10, "captured", False), _fig(600, counts=False)]
    assert code_fatalities(figures, 2) == [0, 0]


def test_enemy_claim_ignored_when_a_credible_figure_exists():
    assert code_fatalities([_fig(600, counts=False), _fig(20)], 1) == [20]


def test_no_figure_is_zero():
    assert code_fatalities([], 3) == [0, 0, 0]
    assert code_fatalities([], 0) == []


def test_small_vague_words_are_kept_but_not_counted(nlp):
    (figure,) = _figures(nlp, "Gunmen opened fire on the crowd, killing several people.")
    assert (figure.count, figure.counts) == (0, False)
    assert code_fatalities([figure, Fatality(7, "killed", "medics", "7 died")], 1) == [7]


# ---------------------------------------------------------------- victims without a number, bodies


@pytest.mark.parametrize(
    "text, count",
    [
        ("The body of a 40-year-old herder was recovered from a burnt hut near Ostra, police said.", 1),
        ("The bodies of a teacher and his wife were found outside Marvo.", 2),
        ("A 17-year-old student died of a gunshot wound in hospital, a doctor said.", 1),
        ("Another villager was killed near the well.", 1),
        ("The bodies of four soldiers and two civilians caught in the shelling were taken to the hospital.", 6),
    ],
)
def test_bodies_and_lone_victims_count(nlp, text, count):
    figures = _figures(nlp, text)
    assert _summary(figures) == [(count, "killed")]
    assert figures[0].counts is True


@pytest.mark.parametrize(
    "text",
    [
        "The body of the commander was handed to his family.",  # definite: maybe counted already
        "Rebels burned dozens of homes in Ostra.",  # burning things is no killing
        "Shells fell on one of the burnt houses near the market.",
    ],
)
def test_no_victims_read_into_things(nlp, text):
    assert [f for f in _figures(nlp, text) if f.kind == "killed"] == []


def _reparsed(nlp, text, arcs, people=()):
    """``text`` parsed, then given the arcs (token, head, dep) and PERSON names the model
    sometimes gives it, so a rule for that parse is tested whatever the model does today."""
    from spacy.tokens import Span

    doc = nlp(text)
    words = [t.text for t in doc]
    for word, head, dep in arcs:
        token = doc[words.index(word)]
        token.head, token.dep_ = doc[words.index(head)], dep
    if people:
        doc.ents = [Span(doc, words.index(w), words.index(w) + 1, label="PERSON") for w in people]
    return doc


def test_a_capitalised_dateline_is_no_victim(nlp):
    doc = _reparsed(nlp, "KAVAR – At least 15 people were killed on Monday.", [("KAVAR", "killed", "nsubjpass")], ["KAVAR"])
    assert _summary(find_figures(next(doc.sents))) == [(15, "killed")]


def test_victims_hung_on_a_dateline_still_counted(nlp):
    text = "OSTRA, Marvo — Two soldiers and five rebels were killed on Monday near the river."
    arcs = [("OSTRA", "killed", "nsubjpass"), ("Marvo", "OSTRA", "npadvmod"), ("soldiers", "Marvo", "appos")]
    doc = _reparsed(nlp, text, arcs)
    assert _summary(find_figures(next(doc.sents))) == [(7, "killed")]


# ---------------------------------------------------------------- tolls that are no event's, sides in generic words

UNCOUNTED = [
    # over a long period, of an abstract agent, of a past event named by its year
    "Since then, more than 2,000 people have been killed in the province, according to the ombudsman.",
    "The war has killed more than 6,000 people.",
    "Thousands of people have been killed in the region over the past decade, according to a rights group.",
    "Army operations have killed scores of rebels this year, the ministry said.",
    "The vote is the first since the 2016 market bombing, in which attackers killed 140 people.",
    "Violence has killed 40 people since January.",
    "The Ruritanian offensive has killed more than 9,000 people, according to the health ministry.",
    "More than 9,000 people have been killed in the province, the health ministry said.",
    # a state force's word on its enemy's dead
    "Security forces killed six militants in a raid near Ostra on Sunday, the military's media wing said.",
    "At least three rebels were killed in the clash, an army spokesman said.",
    "Police said five bandits were killed in the shootout.",
    # two states at war: the names tell the sides apart
    "Ostria's military said 1,200 Marvian troops were killed in the past day.",
    "The Marvian defence ministry said Ostrian forces lost up to 150 soldiers near the border.",
    "The Front claimed the army lost 50 soldiers.",
]
COUNTED = [
    "At least 20 people have been killed since Monday in the fighting around Ostra.",
    "Twelve people have been killed in the attack on the market, medics said.",
    "At least 1,200 people were killed in the assault on the city on 7 March.",
    "Two soldiers were killed and three wounded, an army spokesman said.",
    "The defence ministry said two soldiers and five gunmen were killed in the ambush.",
    "Jets bombed the market, killing 11 civilians, the local resistance group said.",
    "Police said rebels killed four villagers.",
    "Ostria's military said Marvian troops killed three civilians in the port.",
    "Ostria's military said three Ostrian soldiers were killed.",
    "The army said it lost five soldiers in the ambush.",
]


@pytest.mark.parametrize("text, counts", [(t, False) for t in UNCOUNTED] + [(t, True) for t in COUNTED])
def test_which_death_tolls_count(nlp, text, counts):
    killed = [f for f in _figures(nlp, text) if f.kind == "killed"]
    assert [f.counts for f in killed] == [counts]


# ---------------------------------------------------------------- which event's clause


def test_figures_go_to_the_event_of_their_clause(nlp):
    doc = nlp("Rebels abducted a priest in Ostra on Monday, and soldiers killed four rebels in a raid on a camp in Marvo.")
    find_attributions(doc)
    sent = next(doc.sents)
    abducted = next(t.i for t in sent if t.lower_ == "abducted")
    raid = next(t.i for t in sent if t.lower_ == "raid")
    assert find_figures(sent, own=[abducted], others=[raid]) == ()
    assert _summary(find_figures(sent, own=[raid], others=[abducted])) == [(4, "killed")]
    assert _summary(find_figures(sent)) == [(4, "killed")]


@pytest.mark.parametrize(
    "text, own, other",
    [
        ("The arrest came days after two soldiers were killed and three wounded in a clash with rebels near Ostra.",
         "clash", "arrest"),
        ("Rebels attacked the village, killing five farmers, and abducted ten women.", "attacked", "abducted"),
    ],
)
def test_a_figure_belongs_to_the_nearest_clause_below_before_above(nlp, text, own, other):
    doc = nlp(text)
    find_attributions(doc)
    sent = next(doc.sents)
    mine, theirs = (next(t.i for t in sent if t.lower_ == w) for w in (own, other))
    assert [f.kind for f in find_figures(sent, own=[mine], others=[theirs])][:1] == ["killed"]
    assert [f for f in find_figures(sent, own=[theirs], others=[mine]) if f.kind == "killed"] == []


# ---------------------------------------------------------------- parts of a toll


def test_a_part_of_a_reported_toll_is_not_a_lower_estimate():
    whole = Fatality(7, "killed", None, "Two soldiers and five suspected rebels were killed")
    part = Fatality(2, "killed", "army", "Two soldiers were killed")
    assert code_fatalities([whole, part], 1) == [7]
    doctor = Fatality(10, "killed", "doctor", "10 bodies — seven of policemen and three of the attackers")
    police = Fatality(7, "killed", "police", "Seven policemen were killed")
    assert code_fatalities([police, doctor], 1) == [10]


def test_other_victims_with_the_same_number_are_a_lower_estimate():
    whole = Fatality(7, "killed", None, "two civilians and five soldiers were killed")
    other = Fatality(2, "killed", "army", "two soldiers were killed")
    assert code_fatalities([whole, other], 1) == [2]


def test_a_subset_stays_in_the_phrase_of_its_total(nlp):
    (figure,) = _figures(nlp, "Shelling killed at least nine people, including two children, in Marvo.")
    assert "two children" in figure.phrase
    assert code_fatalities([figure, Fatality(2, "killed", "medics", "Two children died")], 1) == [9]


def test_a_narrower_group_is_part_of_a_general_toll():
    civilians = Fatality(12, "killed", None, "killing at least 12 civilians")
    children = Fatality(3, "killed", "resident", "bodies of three children")
    assert code_fatalities([civilians, children], 1) == [12]
    bodies = Fatality(10, "killed", "doctor", "10 bodies")
    assert code_fatalities([bodies, Fatality(7, "killed", "police", "Seven policemen were killed")], 1) == [10]


@pytest.mark.parametrize(
    "figures, toll",
    [
        ([("killed at least 20 civilians", 20), ("26 people", 26)], 20),  # people in general: competing
        ([("killing two of its fighters", 2), ("toll at three", 3)], 2),  # a toll without victims named
        ([("two soldiers were killed", 2), ("nine soldiers died", 9)], 2),  # the same group
    ],
)
def test_competing_estimates_keep_the_lowest(figures, toll):
    assert code_fatalities([Fatality(n, "killed", None, p) for p, n in figures], 1) == [toll]


def test_merged_reports_keep_a_whole_over_its_part_and_the_lowest_otherwise():
    police = Fatality(7, "killed", "police", "Seven policemen were killed")
    doctor = Fatality(10, "killed", "doctor", "10 bodies — seven of policemen and three of the attackers")
    assert merged_toll([7, 10], [police, doctor]) == 10
    assert merged_toll([5, 4], [Fatality(15, "killed", None, "15 people died"), Fatality(4, "killed", None, "four died")]) == 4
    assert merged_toll([0, 3], [Fatality(3, "killed", None, "three died")]) == 3
    assert merged_toll([0, 0], []) == 0
