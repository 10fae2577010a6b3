"""Casualty figures and ACLED fatality coding.

``find_figures`` reads one sentence for figures ("at least 15 fighters were killed", "killing
dozens", "15 others injured", "two soldiers and three civilians died", "the death toll rose to
25") with their kind (killed, wounded, captured, casualties), who reported them and whether ACLED
would take them. ``code_fatalities`` turns an event's figures into ACLED fatalities: the lowest
credible death toll, split evenly over the events it covers. Words and the vague-quantity table
live in ``data/fatalities.json``; the rules are documented in docs/events_rules.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Callable, Collection, Sequence

from ..records import Fatality
from .claims import ATTRIBUTIONS_KEY, Attribution, clean_phrase, find_attributions, phrase, rules as claim_rules
from .docindex import index

ActorOf = Callable[[str], "str | None"]

MODIFIERS = (
    "at least", "more than", "over", "nearly", "about", "around", "some", "up to", "almost", "approximately",
    "roughly", "as many as", "at most", "fewer than", "less than", "an estimated", "estimated", "close to",
    "upwards of", "between", "no fewer than", "no less than",
)
SUBSET_PREPS = ("including", "among", "besides")  # "15 people, including three children": not a new figure
NOT_COUNTS = ("PERCENT", "MONEY", "QUANTITY", "ORDINAL")
DATE_WORDS = re.compile(r"(?i)\b(?:[a-z]+day|week|month|year|hour|minute|ago|am|pm|jan\w*|feb\w*|mar\w*|apr\w*|"
                        r"may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|\d{4})\b")
KILLER_PRONOUNS = {"it", "they", "we", "he", "she", "i"}
NUMERAL = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
PAST_EVENT = re.compile(r"\b(?:1[89]|20)\d\d\b|\blast year\b", re.I)  # "the 2019 bombings", "last year's attack"
CLAUSES = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "csubj", "parataxis", "pcomp"})
NOT_NAMES = KILLER_PRONOUNS | {"the", "a", "an", "their", "its", "his", "her", "our"}


@dataclass(frozen=True)
class _Rules:
    numbers: dict[str, int]
    multipliers: dict[str, int]
    vague: dict[str, tuple[tuple[tuple[str, ...], int], ...]]  # first word -> (words, value), longest first
    cues: dict[str, str]  # lemma -> kind
    cue_pos: dict[str, frozenset[str]]  # lemma -> parts of speech it cues as
    loss_verbs: frozenset[str]
    people_only: frozenset[str]  # cues whose figures must count people ("burned 40 homes" is none)
    dying: frozenset[str]  # verbs whose subject is the victim ("a student died")
    tolls: frozenset[str]
    death_nouns: frozenset[str]  # "the body of a man": its of-phrase names the dead
    collectives: frozenset[str]  # "a family of five": the number counts the family's members
    people: frozenset[str]
    persons: frozenset[str]
    totals: frozenset[str]
    general: frozenset[str]  # victims in general ("people", "civilians", "bodies"), singular
    enemies: frozenset[str]
    sides: tuple[tuple[str, re.Pattern], ...]  # ("state", words), ("armed", words)
    aggregate_agents: frozenset[str]
    aggregate_periods: re.Pattern
    aggregate_minimum: int  # a toll this large told in the perfect is a running total


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """The figure words of ``data/fatalities.json``."""
    data = json.loads(resources.files("frontlines.data").joinpath("fatalities.json").read_text("utf-8"))
    cues: dict[str, str] = {}
    pos: dict[str, set[str]] = {}
    for kind, words in data["cues"].items():
        for part, tags in (("verbs", ("VERB",)), ("nouns", ("NOUN", "ADJ", "VERB")), ("adjectives", ("ADJ", "VERB", "NOUN"))):
            for lemma in words[part]:
                cues.setdefault(lemma, kind)
                pos.setdefault(lemma, set()).update(tags)
    return _Rules(
        numbers=dict(data["number_words"]),
        multipliers=dict(data["multipliers"]),
        vague=_by_first_word({tuple(k.split()): v for k, v in data["vague"].items()}),
        cues=cues,
        cue_pos={k: frozenset(v) for k, v in pos.items()},
        loss_verbs=frozenset(data["loss_verbs"]),
        people_only=frozenset(data["people_only_cues"]) | frozenset(data["loss_verbs"]),
        dying=frozenset(data["dying_verbs"]),
        tolls=frozenset(data["toll_nouns"]),
        collectives=frozenset(data["collective_nouns"]),
        death_nouns=frozenset(data["death_nouns"]),
        people=frozenset(data["people_nouns"]),
        persons=frozenset(data["people_nouns"] + data["person_nouns"]),
        totals=frozenset(data["total_nouns"]),
        general=frozenset(map(_singular, data["total_nouns"] + data["general_victims"])),
        enemies=frozenset(data["enemy_words"]),
        sides=tuple((side, _words_regex(words)) for side, words in data["sides"].items()),
        aggregate_agents=frozenset(data["aggregate_agents"]),
        aggregate_minimum=data["aggregate_minimum"],
        aggregate_periods=re.compile("|".join(f"(?:{p})" for p in data["aggregate_periods"]), re.I),
    )


@lru_cache(maxsize=1)
def toll_words() -> frozenset[str]:
    """Lemmas and words that can cue a death, injury or casualty figure ("bodies", "died", "toll")."""
    r = rules()
    return frozenset(w for w, kind in r.cues.items() if kind != "captured") | r.tolls | r.loss_verbs


def _words_regex(words: list[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b", re.I)


def _by_first_word(phrases: dict[tuple[str, ...], int]) -> dict[str, tuple]:
    out: dict[str, list] = {}
    for words, value in sorted(phrases.items(), key=lambda kv: -len(kv[0])):
        out.setdefault(words[0], []).append((words, value))
    return {k: tuple(v) for k, v in out.items()}


@dataclass(frozen=True)
class _Quantity:
    first: int  # token indexes (modifiers included)
    last: int
    value: int
    single: bool = False  # one person named without a number ("a farmer"): first..last is the noun phrase


# ---------------------------------------------------------------- quantities


def _not_a_count(tok) -> bool:
    if tok.ent_type_ in NOT_COUNTS:
        return True
    if tok.ent_type_ in ("DATE", "TIME"):
        ent = index(tok.doc).entity(tok.i)
        return ent is None or bool(DATE_WORDS.search(ent.text))
    return False


def _number_at(sent, i: int) -> tuple[int, int] | None:
    """(value, last token index) of the number written at token ``i``, if any."""
    r = rules()
    doc = sent.doc
    lower = index(doc).lower
    text = lower[i]
    if NUMERAL.fullmatch(text):
        value, last = int(text.replace(",", "")), i
    elif all(part in r.numbers for part in text.split("-")) and text not in ("a", "dozen"):
        value, last = sum(r.numbers[p] for p in text.split("-")), i
    elif i + 1 < sent.end and f"{text} {lower[i + 1]}" in r.numbers:  # "a dozen", "a hundred"
        value, last = r.numbers[f"{text} {lower[i + 1]}"], i + 1
    else:
        return None
    if _not_a_count(doc[i]) or (text == "both" and any(c.dep_ == "conj" for c in doc[i].head.children)):
        return None  # "both soldiers and civilians": no number
    while last + 1 < sent.end and lower[last + 1] in r.multipliers:  # "two hundred", "3 thousand"
        value, last = value * r.multipliers[lower[last + 1]], last + 1
    nxt = last + 2 if last + 2 < sent.end and lower[last + 1] == "-" else last + 1
    if nxt < sent.end and lower[nxt] in r.numbers and 20 <= value < 100 and value % 10 == 0:
        value, last = value + r.numbers[lower[nxt]], nxt  # "twenty five", "twenty-five"
    return value, last


def _vague_at(sent, i: int) -> tuple[int, int] | None:
    """(value, last token index) of a vague quantity ("dozens of", "several") at token ``i``."""
    lower = index(sent.doc).lower
    for words, value in rules().vague.get(lower[i], ()):
        end = i + len(words)
        if end <= sent.end and lower[i:end] == words:
            if len(words) == 1 and end < sent.end and _number_at(sent, end):
                return None  # "some 20", "over a dozen" handled as a number
            if i > sent.start and lower[i - 1] in ("how", "so", "too", "as"):
                return None  # "how many casualties": a question, not a quantity
            return value, end - 1
    return None


def _quantities(sent) -> list[_Quantity]:
    """Numbers and vague quantities of a sentence with their modifiers; a range keeps its low end."""
    lower = index(sent.doc).lower
    found: list[_Quantity] = []
    i = sent.start
    while i < sent.end:
        hit = _number_at(sent, i) or _vague_at(sent, i)
        if hit is None:
            i += 1
            continue
        value, last = hit
        first = i
        for mod in MODIFIERS:
            words = mod.split()
            if first - len(words) >= sent.start and list(lower[first - len(words) : first]) == words:
                first -= len(words)
                break
        if last + 2 < sent.end and lower[last + 1] in ("to", "-", "–", "and", "or") and (
            second := _number_at(sent, last + 2)
        ):
            last = second[1]  # "10 to 15": the lowest figure
        found.append(_Quantity(first, last, value))
        i = last + 1
    return found


# ---------------------------------------------------------------- linking a quantity to its cue


def _cue_kind(tok) -> str | None:
    lemma = tok.lemma_.lower()
    kind = rules().cues.get(lemma) or rules().cues.get(tok.lower_)
    if kind is None or tok.pos_ not in rules().cue_pos.get(lemma, rules().cue_pos.get(tok.lower_, ())):
        return None
    return None if any(c.dep_ == "neg" for c in tok.children) else kind


def _transitive(verb) -> bool:
    return any(c.dep_ == "dobj" for c in verb.children) and not any(c.dep_ == "auxpass" for c in verb.children)


def _is_people(noun) -> bool:
    """Whether a counted noun names people ("soldiers", "Taliban", "others"), not things or places."""
    r = rules()
    return noun.lemma_.lower() in r.persons or noun.lower_ in r.persons or noun.ent_type_ in ("NORP", "ORG", "PERSON")


def _link(node, quantity_ids: set[int]):
    """(kind, cue token) for the node a quantity attaches to, following conjunctions; or None."""
    r = rules()
    if (kind := _cue_kind(node)) and node.pos_ in ("NOUN", "ADJ"):
        return kind, node  # "15 dead", "40 bodies", "dozens of casualties"
    for child in node.children:
        if child.dep_ in ("acl", "amod", "relcl") and child.i not in quantity_ids and (kind := _cue_kind(child)):
            return kind, child  # "12 people killed"
    t = node
    while (t.dep_ in ("conj", "appos") or (t.dep_ == "npadvmod" and t.pos_ == "PROPN")) and t.head.i != t.i:
        t = t.head  # "CITY, Region — Two soldiers ... were killed": through the dateline the parser hung them on
    head = t.head
    if t.dep_ == "pobj" and head.dep_ == "prep":
        if head.lower_ in SUBSET_PREPS:
            return None
        owner = head.head
        toll = owner if _is_toll(owner) else next((c for c in owner.children if c.dep_ in ("nsubj", "dobj") and _is_toll(c)), None)
        if toll is not None:  # "the death toll rose to 25", "activists put the toll at 13", "the number of dead rose to 40"
            words = {c.lemma_.lower() for c in toll.children}
            return ("casualties" if "casualty" in words else "killed"), toll
        if (kind := _cue_kind(owner)) and owner.pos_ == "NOUN":
            return kind, owner  # "the killing of five civilians"
        if owner.lemma_.lower() in r.collectives and owner.i not in quantity_ids:
            return _link(owner, quantity_ids)  # "killed a family of five"
    if head.lemma_.lower() in r.loss_verbs and (t.dep_ == "dobj" or (
            t.dep_ == "nsubj" and any(c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in head.children))):
        return "killed", head  # "lost a number of soldiers", "nine civilians lost their lives"
    kind = _cue_kind(head) if head.pos_ in ("VERB", "ADJ", "AUX") or head.lemma_.lower() in r.cues else None
    if kind and t.dep_ in ("nsubjpass", "dobj", "attr"):
        return kind, head
    if kind and t.dep_ == "nsubj" and not _transitive(head):
        return kind, head  # "15 civilians died", "15 others injured"
    if t.dep_ in ("dobj", "nsubjpass"):
        for child in head.children:  # "left 15 dead", "40 people are feared dead"
            if child.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and (kind := _cue_kind(child)):
                return kind, child
    return None


def _is_toll(tok) -> bool:
    """A toll noun ("the death toll"), or "the number of dead / of those killed"."""
    if tok.lemma_.lower() in rules().tolls:
        return True
    return tok.lemma_.lower() == "number" and any(
        _cue_kind(o) == "killed" or any(_cue_kind(a) == "killed" for a in o.children if a.dep_ in ("acl", "amod", "relcl"))
        for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj")


def _linear_cue(sent, q: _Quantity):
    """A cue verb right before ("killing at least 11") or a cue word right after ("15 wounded")
    a quantity the parser failed to attach."""
    doc = sent.doc
    if q.first > sent.start and doc[q.first - 1].pos_ == "VERB" and (kind := _cue_kind(doc[q.first - 1])):
        return kind, doc[q.first - 1]
    for j in range(q.last + 1, min(q.last + 4, sent.end)):
        if doc[j].is_punct or doc[j].like_num:
            return None
        if kind := _cue_kind(doc[j]):
            return kind, doc[j]
    return None


def _node(sent, q: _Quantity):
    """The token a quantity attaches to the sentence through: its noun, or its own root."""
    doc = sent.doc
    span = set(range(q.first, q.last + 1))
    root = next((t for t in doc[q.first : q.last + 1] if t.head.i not in span or t.head.i == t.i), doc[q.last])
    if root.dep_ in ("nummod", "quantmod", "amod", "det", "compound", "nmod", "npadvmod") and root.head.i not in span:
        return root.head
    return root


def _counted(node, q: _Quantity):
    """The noun that names what is counted ("fighters" in "dozens of fighters"), or None."""
    if node.i > q.last or node.i < q.first:
        return node
    of = next((c for c in node.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _victims(noun, q: _Quantity) -> str:
    """The counted people ("Taliban fighters", "civilians"), without the quantity."""
    if noun is None:
        return ""
    return clean_phrase(noun.doc, [t for t in phrase(noun) if q.single or not (q.first <= t.i <= q.last)])


def _killer(cue):
    """Who did the killing: the active subject, the passive agent, or the subject of 'claimed to'."""
    verb = cue
    if any(c.dep_ == "auxpass" for c in verb.children):
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj
        if verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


# ---------------------------------------------------------------- who reported, and does it count


def _side(text: str | None, actor_of: ActorOf | None) -> frozenset[str]:
    """What a name stands for: the canonical actor, else its capitalised words ("pro-X" is X)."""
    if not text:
        return frozenset()
    if actor_of is not None and (actor := actor_of(text)):
        return frozenset({actor.lower()})
    words = re.findall(r"(?:(anti)-)?(?:pro-)?([A-Z][\w'’]*)", text)
    return frozenset(f"anti-{w.lower()}" if anti else w.lower() for anti, w in words if w.lower() not in NOT_NAMES)


def _reporter(sent, cue, attributions: list[Attribution] | None) -> Attribution | None:
    """The attribution that reports the figure: the narrowest one in its sentence covering the cue."""
    if attributions is None:
        attributions = sent.doc.user_data.get(ATTRIBUTIONS_KEY)
    if attributions is None:
        attributions = find_attributions(sent.as_doc())
        offset = sent.start_char
        attributions = [
            Attribution(a.by, a.stance, a.quote, a.start + offset, a.end + offset, a.sentence_start + offset, a.cue, a.speaker)
            for a in attributions
        ]
    own = [
        a for a in attributions
        if a.sentence_start == sent.start_char and a.start <= cue.idx < a.end and a.by != claim_rules().unnamed
    ]
    return min(own, key=lambda a: a.end - a.start, default=None)


def _generic_side(text: str | None) -> frozenset[str]:
    """"state" and/or "armed" when the text names a side in generic words ("security forces",
    "the army's spokesman", "militants")."""
    return frozenset(side for side, words in rules().sides if text and words.search(text))


def _counts(kind: str, victims: str, killer, reporter: Attribution | None, actor_of: ActorOf | None) -> bool:
    """ACLED takes a death toll unless one side claims it about its enemy's losses."""
    if kind != "killed":
        return False
    if reporter is None:
        return True
    mine = _side(reporter.by, actor_of) | _side(reporter.speaker, actor_of)
    theirs = _side(victims, actor_of)
    if mine & theirs:
        return True  # a party's admission of its own losses
    generic = _generic_side(f"{reporter.by} {reporter.speaker}")
    if killer is not None:
        who = clean_phrase(killer.doc, phrase(killer))
        own = killer.lower_ in KILLER_PRONOUNS or any(c.dep_ == "poss" and c.lower_ in NOT_NAMES for c in killer.children)
        same = generic & _generic_side(who) and not _differ(mine, _side(who, actor_of))
        if own or same or who.lower() in (reporter.by.lower(), reporter.speaker.lower()) or (mine & _side(who, actor_of)):
            return False  # "the rebels said they killed 40 soldiers", "its troops killed", "claimed to have killed"
    victim_side = _generic_side(victims)
    if generic and victim_side:
        if generic & victim_side and not _differ(mine, theirs):
            return True  # "the army said two soldiers were killed"
        if killer is None:  # "three rebels were killed, the army said", "Ostrian troops ..., the Marvian army said"
            return False
    if any(w in rules().enemies for w in victims.lower().split()):
        return False  # "600 enemy fighters"
    return not (reporter.cue == "claim" and (theirs or victim_side) and mine)  # "the Front claimed 50 soldiers died"


def _differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two sides both named and sharing no name ("Ostria's army" and "Marvian troops"); a name and
    its adjective ("Ostria", "Ostrian") are one."""
    def stems(side):
        return {w if " " in w else w[:5] for w in side}
    return bool(a and b) and not stems(a) & stems(b)


def _clause_verb(tok):
    """The verb heading the clause of ``tok`` (itself when a verb heading a clause), or the root;
    a gerund used as a noun ("Fighting ... killed eight") is no clause of its own."""
    while not (tok.pos_ in ("VERB", "AUX") and tok.dep_ in CLAUSES) and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _clause_text(cue) -> str:
    """The words of the cue's own clause, without the clauses hanging from it."""
    verb = _clause_verb(cue)
    toks = [verb]
    for child in verb.children:
        if child.dep_ not in ("ccomp", "advcl", "conj", "relcl", "parataxis", "csubj", "xcomp"):
            toks.extend(child.subtree)
    return " ".join(t.text for t in sorted(toks, key=lambda t: t.i))


def _aggregate(cue, killer, count: int) -> bool:
    """A toll that is no single event's: over a long period ("since 2023", "this year", "over the
    past decade"), of an abstract agent ("the war has killed"), thousands told in the perfect
    ("more than 50,000 people have been killed"), or of a past event the text names by its year
    ("the 2019 bombings, in which attackers killed 269 people")."""
    r = rules()
    if killer is not None and (killer.lower_ in r.aggregate_agents or killer.lemma_.lower() in r.aggregate_agents):
        return True
    if r.aggregate_periods.search(_clause_text(cue)):
        return True
    verb = _clause_verb(cue)
    if count >= r.aggregate_minimum and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children):
        return True
    while verb.dep_ not in ("relcl", "acl") and verb.head.i != verb.i and verb.dep_ in ("conj", "advcl", "xcomp"):
        verb = _clause_verb(verb.head)
    if verb.dep_ in ("relcl", "acl"):
        named = verb.head
        return bool(PAST_EVENT.search(named.doc[named.left_edge.i : named.i + 1].text))
    return False


def _clause_chain(tok) -> list[int]:
    """The clause verbs from ``tok``'s own clause up to the sentence root."""
    chain = [_clause_verb(tok)]
    while chain[-1].head.i != chain[-1].i:
        chain.append(_clause_verb(chain[-1].head))
    return [t.i for t in chain]


def _clause_distance(cue, trigger) -> tuple[int, int]:
    """(clauses between a cue and a trigger through their closest common clause, clauses up from
    the cue): a trigger in the cue's clause or below it is nearer than one above at equal steps
    ("the arrest came days after two soldiers were killed in a clash": the clash's)."""
    ca, cb = _clause_chain(cue), _clause_chain(trigger)
    common = next((i for i in ca if i in cb), None)
    if common is None:
        return len(ca) + len(cb), len(ca)
    return ca.index(common) + cb.index(common), ca.index(common)


def _belongs(cue, own: Collection[int], others: Collection[int]) -> bool:
    """Whether a figure's cue is in the clause of the event's own triggers rather than another
    event's ("abducted a principal, and soldiers killed four separatists in a raid": the raid's)."""
    if not others:
        return True
    doc = cue.doc
    near = min((_clause_distance(cue, doc[i]) for i in own), default=None)
    return near is not None and near <= min(_clause_distance(cue, doc[i]) for i in others)


def find_figures(sent, *, attributions: list[Attribution] | None = None, actor_of: ActorOf | None = None,
                 own: Collection[int] = (), others: Collection[int] = ()) -> tuple[Fatality, ...]:
    """Casualty figures of one sentence (a spaCy Span), conjoined figures of one cue summed.

    ``attributions`` (``claims.find_attributions`` over the whole doc) names reporters with
    pronouns resolved; without it those a ``find_attributions`` call left on the doc are used,
    else the sentence is read alone. ``actor_of`` maps a name to its
    canonical actor to tell a party's own losses from its enemy's. ``own`` and ``others`` (token
    indexes of the triggers of this event and of other events in the sentence) keep only the
    figures of this event's clauses.
    """
    doc = sent.doc
    quantities = _quantities(sent)
    ids = {i for q in quantities for i in range(q.first, q.last + 1)}
    grouped: dict[tuple[int, str], list] = {}
    for q in quantities:
        node = _node(sent, q)
        linked = _link(node, ids) or _linear_cue(sent, q)
        if linked is None:
            continue
        kind, cue = linked
        noun = _counted(node, q)
        needs_people = kind == "captured" or cue.lemma_.lower() in rules().people_only
        if needs_people and (noun is None or not _is_people(noun)):
            continue  # "captured three districts", "lost two tanks", "burned dozens of homes"
        grouped.setdefault((cue.i, kind), []).append((q, noun))
    counted = ids | {noun.i for items in grouped.values() for _, noun in items if noun is not None}
    for host, cue in _kill_verbs(sent):
        for noun in _single_victims(host, counted):
            q = _Quantity(noun.left_edge.i, noun.i, 1, single=True)
            grouped.setdefault((cue.i, "killed"), []).append((q, noun))
    figures = []
    for (cue_i, kind), items in grouped.items():
        cue = doc[cue_i]
        if not _belongs(cue, own, others):
            continue
        kept = _without_breakdown(items)
        ends = [i for q, noun in items for i in (q.first, q.last, noun.i if noun is not None else q.last)]
        ends += [t.i for _, noun in kept if noun is not None for t in _subset_tokens(noun)]
        first, last = min(*ends, cue_i), max(*ends, cue_i)
        reporter = _reporter(sent, cue, attributions)
        victims = " and ".join(v for q, noun in kept if (v := _victims(noun, q)))
        killer = _killer(cue) if kind == "killed" and cue.pos_ == "VERB" else None
        if cue.lemma_.lower() in rules().loss_verbs and killer is not None:  # "Marvian forces lost 150 soldiers"
            victims, killer = f"{victims} of {clean_phrase(doc, phrase(killer))}", None
        figures.append(Fatality(
            count=sum(q.value for q, _ in kept),
            kind=kind,
            reported_by=reporter.by if reporter else None,
            phrase=index(doc).span_text(doc, first, last),
            counts=_counts(kind, victims, killer, reporter, actor_of) and all(q.value for q, _ in kept)
            and not _aggregate(cue, killer, sum(q.value for q, _ in kept)),
        ))
    return tuple(figures)


def _subset_tokens(noun) -> list:
    """The words naming part of a figure's victims ("including three children", "— seven of
    policemen and three of the attackers —"), kept in its phrase so a separate report of that
    part is known as one."""
    parts = [c for c in noun.children if c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ in SUBSET_PREPS)]
    return [t for c in parts if any(t.like_num for t in c.subtree) for t in c.subtree]


def _kill_verbs(sent) -> list[tuple]:
    """(host, cue) for each word of killing that takes its victims: a verb ("killed", its own cue;
    "shot dead", cued by "dead"; "beat to death", cued by "death") or a noun with an of-phrase
    ("the body of a man")."""
    idx = index(sent.doc)
    cues = rules().cues
    out = []
    for i in range(sent.start, sent.end):
        tok = sent.doc[i]
        if idx.pos[i] == "NOUN" and idx.lemma[i] in rules().death_nouns and _cue_kind(tok) == "killed":
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                out.append((tok, tok))
            continue
        if idx.pos[i] != "VERB":
            continue
        if cues.get(idx.lemma[i]) == "killed" and _cue_kind(tok) == "killed":
            out.append((tok, tok))
        elif dead := next((c for c in tok.children if c.dep_ in ("advmod", "oprd", "acomp", "xcomp")
                           and _cue_kind(c) == "killed" and c.pos_ == "ADJ"), None):
            out.append((tok, dead))
        elif death := next((o for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"
                            for o in c.children if o.dep_ == "pobj" and o.lemma_.lower() == "death"), None):
            out.append((tok, death))
    return out


def _victim_heads(host) -> list:
    """The words naming the victims of a word of killing: the object of "killed", the subject of
    "were killed" or "died", the of-phrase of "the body of"."""
    if host.pos_ == "NOUN":  # "the bodies of a teacher and his wife", the wife parsed as the bodies' conjunct
        return [o for c in host.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"
                ] + [c for c in host.children if c.dep_ == "conj" and c.lemma_.lower() in rules().persons]
    if any(c.dep_ == "auxpass" for c in host.children):
        return [c for c in host.children if c.dep_ == "nsubjpass"]
    if host.lemma_.lower() in rules().dying:
        return [c for c in host.children if c.dep_ == "nsubj"]
    heads = [c for c in host.children if c.dep_ == "dobj"]
    if heads:  # "killed a commander of X and his driver", the driver parsed as the verb's conjunct
        heads += [c for c in host.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
    return heads


def _single_victims(host, counted: set[int]) -> list:
    """People a word of killing takes one by one, without a number: "killing a farmer and his son",
    "a journalist and her driver were killed", "killed Ivo Grek", "a student died", "the body of a
    man". Definite ones ("the commander") may be victims already counted, pronouns ("him") always
    are: neither counts; nor does a capitalised dateline ("KAVAR -")."""
    persons = rules().persons
    out = []
    for noun in (n for head in _victim_heads(host) for n in _coordinated(head, persons)):
        if noun.i in counted or noun.tag_ not in ("NN", "NNP") or noun.is_upper or any(c.i in counted for c in noun.lefts):
            continue
        named = noun.ent_type_ == "PERSON"
        introduced = any((c.dep_ == "det" and c.lower_ in ("a", "an", "another")) or (c.dep_ == "poss" and c.pos_ == "PRON")
                         for c in noun.children)
        if named or (introduced and (noun.lemma_.lower() in persons or noun.lower_ in persons)):
            out.append(noun)
    return out


def _coordinated(head, persons: frozenset[str]) -> list:
    """The noun and those coordinated with it, also when the parser hung them on its of-phrase
    ("a commander of the Front and his driver": the driver is killed too, not the Front's)."""
    out = [head, *head.conjuncts]
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (o for o in prep.children if o.dep_ == "pobj" and o.lemma_.lower() not in persons):
            out.extend(obj.conjuncts)
    return out


def _without_breakdown(items: list) -> list:
    """A total and its breakdown ("eight people, three soldiers and five civilians"): the total.
    The parts follow the total after a comma and add up to it, or to less when the total counts
    "people"; otherwise conjoined figures are separate victims and add up."""
    if len(items) < 2:
        return items
    (q, noun), rest = items[0], items[1:]
    parts = sum(p.value for p, _ in rest)
    doc = noun.doc if noun is not None else None
    after = noun.i + 1 if noun is not None else q.last + 1
    apposed = doc is not None and after < len(doc) and doc[after].text == ","
    general = noun is not None and (noun.lemma_.lower() in rules().totals or noun.lower_ in rules().totals)
    if apposed and (parts == q.value or (general and parts < q.value)):
        return items[:1]
    return items


def code_fatalities(figures, n_events: int) -> list[int]:
    """ACLED fatalities for ``n_events`` events sharing ``figures``: the lowest credible death
    toll, split evenly with any remainder on the first (10 over 3 events: 4, 3, 3). A figure
    written as a part of another ("two soldiers were killed" beside "two soldiers and five
    gunmen were killed") is no competing estimate of the toll."""
    if n_events <= 0:
        return []
    tolls = [f for f in figures if f.kind == "killed" and f.counts]
    total = min((f.count for f in tolls if not any(_part_of(f, g) for g in tolls)), default=0)
    share, rest = divmod(total, n_events)
    return [share + rest] + [share] * (n_events - 1)


def merged_toll(tolls: Sequence[int], figures) -> int:
    """The toll of several reports merged into one event: the lowest non-zero toll, unless their
    figures coded together give one of the tolls (one report's dead are part of another's: "seven
    policemen were killed" and "10 bodies, seven of them policemen" give 10)."""
    found = [t for t in tolls if t]
    if not found:
        return 0
    joint = code_fatalities(figures, 1)[0]
    return joint if joint in found else min(found)


def _part_of(part: Fatality, whole: Fatality) -> bool:
    """Whether ``part`` counts part of ``whole``'s victims: its number and victims are written in
    ``whole``'s phrase ("two soldiers" in "two soldiers and five gunmen were killed"), or it names a
    narrower group than ``whole``'s general one ("three children" beside "12 civilians", "seven
    policemen" beside "10 bodies"). Two counts of people in general, or of one group, stay
    competing estimates."""
    if part.count >= whole.count:
        return False
    mine, theirs = _parts(part.phrase), _parts(whole.phrase)
    if len(mine) != 1 or not theirs or not mine[0][1]:
        return False
    value, words = mine[0]
    if len(theirs) > 1:
        return any(v == value and words[0] in w for v, w in theirs)
    general = rules().general
    return words[0] not in general and bool(theirs[0][1]) and theirs[0][1][0] in general


def _parts(text: str) -> list[tuple[int, tuple[str, ...]]]:
    """(number, the few words after it) for each number written in a figure's phrase; words
    singular, "of" and "the" skipped: "10 bodies — seven of policemen and three of the attackers"
    gives (10, body...), (7, policeman...), (3, attacker...)."""
    numbers = rules().numbers
    words = re.findall(r"[\w’'-]+|[^\w\s]", re.sub(r"(?<=\d),(?=\d)", "", text.lower()))
    values = [int(w) if w.isdigit() else sum(numbers.get(p, -10**9) for p in w.split("-")) for w in words]
    out = []
    for i, value in enumerate(values):
        if value <= 0:
            continue
        after = []
        for word, other in zip(words[i + 1 : i + 6], values[i + 1 : i + 6]):
            if other > 0 or word in ("and", "or") or not (word[0].isalnum()):
                break
            if word not in ("of", "the", "them"):
                after.append(_singular(word))
        out.append((value, tuple(after)))
    return out


def _singular(word: str) -> str:
    return word[:-3] + "man" if word.endswith("men") else word[:-3] + "y" if word.endswith("ies") else word.rstrip("s")
