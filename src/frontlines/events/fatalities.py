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
from typing import Callable

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
NOT_NAMES = KILLER_PRONOUNS | {"the", "a", "an", "their", "its", "his", "her", "our"}


@dataclass(frozen=True)
class _Rules:
    numbers: dict[str, int]
    multipliers: dict[str, int]
    vague: dict[str, tuple[tuple[tuple[str, ...], int], ...]]  # first word -> (words, value), longest first
    cues: dict[str, str]  # lemma -> kind
    cue_pos: dict[str, frozenset[str]]  # lemma -> parts of speech it cues as
    loss_verbs: frozenset[str]
    tolls: frozenset[str]
    people: frozenset[str]
    persons: frozenset[str]
    totals: frozenset[str]
    enemies: frozenset[str]


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
        tolls=frozenset(data["toll_nouns"]),
        people=frozenset(data["people_nouns"]),
        persons=frozenset(data["people_nouns"] + data["person_nouns"]),
        totals=frozenset(data["total_nouns"]),
        enemies=frozenset(data["enemy_words"]),
    )


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
    if _not_a_count(doc[i]):
        return None
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
    return noun.lemma_.lower() in r.people or noun.lower_ in r.people or noun.ent_type_ in ("NORP", "ORG", "PERSON")


def _link(node, quantity_ids: set[int]):
    """(kind, cue token) for the node a quantity attaches to, following conjunctions; or None."""
    r = rules()
    if (kind := _cue_kind(node)) and node.pos_ in ("NOUN", "ADJ"):
        return kind, node  # "15 dead", "40 bodies", "dozens of casualties"
    for child in node.children:
        if child.dep_ in ("acl", "amod", "relcl") and child.i not in quantity_ids and (kind := _cue_kind(child)):
            return kind, child  # "12 people killed"
    t = node
    while t.dep_ in ("conj", "appos") and t.head.i != t.i:
        t = t.head
    head = t.head
    if t.dep_ == "pobj" and head.dep_ == "prep":
        if head.lower_ in SUBSET_PREPS:
            return None
        owner = head.head
        toll = owner if owner.lemma_.lower() in r.tolls else next(
            (c for c in owner.children if c.dep_ in ("nsubj", "dobj") and c.lemma_.lower() in r.tolls), None)
        if toll is not None:  # "the death toll rose to 25", "activists put the toll at 13"
            words = {c.lemma_.lower() for c in toll.children}
            return ("casualties" if "casualty" in words else "killed"), toll
        if (kind := _cue_kind(owner)) and owner.pos_ == "NOUN":
            return kind, owner  # "the killing of five civilians"
    if head.lemma_.lower() in r.loss_verbs and t.dep_ == "dobj":
        return "killed", head  # "lost a number of soldiers"
    kind = _cue_kind(head) if head.pos_ in ("VERB", "ADJ", "AUX") or head.lemma_.lower() in r.cues else None
    if kind and t.dep_ in ("nsubjpass", "dobj", "attr"):
        return kind, head
    if kind and t.dep_ == "nsubj" and not _transitive(head):
        return kind, head  # "15 civilians died", "15 others injured"
    if t.dep_ == "dobj":
        for child in head.children:  # "left 15 dead"
            if child.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and (kind := _cue_kind(child)):
                return kind, child
    return None


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
    if killer is not None:
        who = clean_phrase(killer.doc, phrase(killer))
        own = killer.lower_ in KILLER_PRONOUNS or any(c.dep_ == "poss" and c.lower_ in NOT_NAMES for c in killer.children)
        if own or who.lower() in (reporter.by.lower(), reporter.speaker.lower()) or (mine & _side(who, actor_of)):
            return False  # "the rebels said they killed 40 soldiers", "its troops killed", "claimed to have killed"
    if any(w in rules().enemies for w in victims.lower().split()):
        return False  # "600 enemy fighters"
    return not (reporter.cue == "claim" and theirs and mine)


def find_figures(sent, *, attributions: list[Attribution] | None = None,
                 actor_of: ActorOf | None = None) -> tuple[Fatality, ...]:
    """Casualty figures of one sentence (a spaCy Span), conjoined figures of one cue summed.

    ``attributions`` (``claims.find_attributions`` over the whole doc) names reporters with
    pronouns resolved; without it those a ``find_attributions`` call left on the doc are used,
    else the sentence is read alone. ``actor_of`` maps a name to its
    canonical actor to tell a party's own losses from its enemy's.
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
        needs_people = kind == "captured" or cue.lemma_.lower() in rules().loss_verbs
        if needs_people and (noun is None or not _is_people(noun)):
            continue  # "captured three districts", "lost two tanks"
        grouped.setdefault((cue.i, kind), []).append((q, noun))
    counted = ids | {noun.i for items in grouped.values() for _, noun in items if noun is not None}
    for verb, cue in _kill_verbs(sent):
        for noun in _single_victims(verb, counted):
            q = _Quantity(noun.left_edge.i, noun.i, 1, single=True)
            grouped.setdefault((cue.i, "killed"), []).append((q, noun))
    figures = []
    for (cue_i, kind), items in grouped.items():
        items = _without_breakdown(items)
        cue = doc[cue_i]
        ends = [i for q, noun in items for i in (q.first, q.last, noun.i if noun is not None else q.last)]
        first, last = min(*ends, cue_i), max(*ends, cue_i)
        reporter = _reporter(sent, cue, attributions)
        victims = " and ".join(v for q, noun in items if (v := _victims(noun, q)))
        killer = _killer(cue) if kind == "killed" and cue.pos_ == "VERB" else None
        figures.append(Fatality(
            count=sum(q.value for q, _ in items),
            kind=kind,
            reported_by=reporter.by if reporter else None,
            phrase=index(doc).span_text(doc, first, last),
            counts=_counts(kind, victims, killer, reporter, actor_of) and all(q.value for q, _ in items),
        ))
    return tuple(figures)


def _kill_verbs(sent) -> list[tuple]:
    """(verb, cue) for each verb of killing: "killed" (its own cue), "shot dead" (cued by "dead"),
    "beat to death" (cued by "death")."""
    idx = index(sent.doc)
    cues = rules().cues
    out = []
    for i in range(sent.start, sent.end):
        if idx.pos[i] != "VERB":
            continue
        verb = sent.doc[i]
        if cues.get(idx.lemma[i]) == "killed" and _cue_kind(verb) == "killed":
            out.append((verb, verb))
        elif dead := next((c for c in verb.children if c.dep_ in ("advmod", "oprd", "acomp", "xcomp")
                           and _cue_kind(c) == "killed" and c.pos_ == "ADJ"), None):
            out.append((verb, dead))
        elif death := next((o for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
                            for o in c.children if o.dep_ == "pobj" and o.lemma_.lower() == "death"), None):
            out.append((verb, death))
    return out


def _single_victims(cue, counted: set[int]) -> list:
    """People a kill verb takes one by one, without a number: "killing a farmer and his son",
    "a journalist and her driver were killed", "killed Ivo Grek". Definite ones ("the
    commander") may be victims already counted, pronouns ("him") always are: neither counts."""
    passive = any(c.dep_ == "auxpass" for c in cue.children)
    heads = [c for c in cue.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
    if heads and not passive:  # "killed a commander of X and his driver", the driver parsed as the verb's conjunct
        heads += [c for c in cue.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
    persons = rules().persons
    out = []
    for noun in (n for head in heads for n in _coordinated(head, persons)):
        if noun.i in counted or noun.tag_ not in ("NN", "NNP") or any(c.i in counted for c in noun.lefts):
            continue
        named = noun.ent_type_ == "PERSON"
        introduced = any((c.dep_ == "det" and c.lower_ in ("a", "an")) or (c.dep_ == "poss" and c.pos_ == "PRON")
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
    toll, split evenly with any remainder on the first (10 over 3 events: 4, 3, 3)."""
    if n_events <= 0:
        return []
    tolls = [f.count for f in figures if f.kind == "killed" and f.counts]
    total = min(tolls, default=0)
    share, rest = divmod(total, n_events)
    return [share + rest] + [share] * (n_events - 1)
