"""The claims ledger: who claimed, confirmed, denied or only reportedly said what.

``find_attributions`` reads every sentence of a spaCy ``Doc`` for attribution patterns ("X said",
"according to X", "X denied", "X called the statements lies", "reportedly", "could not be
verified") and names the speaker: a pronoun resolves to the most recent fitting speaker or actor,
a spokesperson to the body they speak for, a named office-holder to themself, "the ministry" to
the fuller name used before, a statement or tweet to whoever published it (``naming`` says how
``by`` spells them). ``claims_for`` picks the attributions that concern one event. The cue words
are data (``data/claims.json``); the rules are documented in docs/events_rules.md.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Callable, Iterable

from ..records import Claim, Stance
from .docindex import index

Canonical = Callable[[str], "str | None"]

PRONOUNS = {
    "he": "person", "she": "person", "him": "person", "her": "person", "his": "person",
    "they": "group", "them": "group", "their": "group", "it": "thing", "its": "thing",
}
DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "some", "such"}
DEFINITE = {"the", "this", "that", "these", "those", "such"}
NAMED = ("PERSON", "ORG", "NORP")
ATTRIBUTIONS_KEY = "frontlines.attributions"  # Doc.user_data key of the last find_attributions result
SELF = {"name", "himself", "herself", "themselves", "itself"}  # "gave his name as", "identified himself as"
PARTITIVES = {"one", "some", "many", "several", "each", "most", "two", "three", "all", "none"}
QUOTATION = re.compile(r"[“\"]\s*\w+(?:\s+\w+){2,}[^”\"]*[”\"]")  # a quoted phrase of three words or more
# A wire dateline crediting its agency: "KYIV, Oct 17 (Agency) - ", "CITY (Agency) — "
WIRE_AGENCY = re.compile(r"^[A-Z][\w.'’-]*(?:[ ,/]+[A-Z][\w.'’-]*){0,4}(?:,\s+[^()\n]{3,30}?)?\s*"
                         r"\((?P<agency>[A-Z][^()\n]{1,40})\)\s*[-–—]{1,2}\s", re.MULTILINE)
LOOKBACK = 3  # sentences searched for a pronoun's antecedent
NEAR = 3  # sentences after an event's whose attributions all concern it
WIDE = 10  # sentences after an event's searched for related attributions
BEFORE = 3  # sentences before an event's searched for related attributions
SHARED_WORDS = 2  # content words an attribution shares with the event's sentences to be related


@dataclass(frozen=True)
class Attribution:
    """One attribution: ``by`` said ``quote`` (exact body text at ``start``:``end``) with a stance."""

    by: str
    stance: Stance
    quote: str
    start: int
    end: int
    sentence_start: int
    cue: str = ""  # the verb lemma or phrase that signalled it ("say", "according to", "reportedly")
    speaker: str = ""  # the speaker's surface form in this sentence ("its spokesman", "They")
    actor: str = ""  # who ``by`` is, canonical where known: the same for "NRF" and "National Resistance Front"

    @property
    def who(self) -> str:
        return self.actor or self.by


@dataclass(frozen=True)
class _Rules:
    speech: dict[str, str]
    neutral: frozenset[str]
    labelling: frozenset[str]
    denial_words: frozenset[str]
    unverified_adverbs: frozenset[str]
    report_nouns: frozenset[str]
    surfacing: frozenset[str]
    verification: frozenset[str]
    unnamed: str
    roles: frozenset[str]
    former: frozenset[str]
    documents: frozenset[str]
    back_references: frozenset[str]
    group_nouns: frozenset[str]
    mouthpieces: frozenset[str]
    institutions: frozenset[str]
    state_labels: tuple[str, ...]
    verification_nouns: frozenset[str]
    toll_verbs: frozenset[str]
    toll_nouns: frozenset[str]
    contrast: frozenset[str]
    disputed: frozenset[str]
    topic_shifts: tuple[str, ...]


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """The attribution cues of ``data/claims.json``."""
    data = json.loads(resources.files("frontlines.data").joinpath("claims.json").read_text("utf-8"))
    return _Rules(
        speech=dict(data["speech_verbs"]),
        **{
            name: frozenset(data[key])
            for name, key in (
                ("neutral", "neutral_speech"), ("labelling", "labelling_verbs"),
                ("denial_words", "denial_words"), ("unverified_adverbs", "unverified_adverbs"),
                ("report_nouns", "report_nouns"), ("surfacing", "surfacing_verbs"),
                ("verification", "verification_verbs"), ("roles", "role_nouns"),
                ("former", "former_words"), ("documents", "document_nouns"),
                ("back_references", "back_reference_nouns"), ("group_nouns", "group_anaphors"),
                ("mouthpieces", "mouthpiece_roles"), ("institutions", "institution_nouns"),
                ("verification_nouns", "verification_nouns"), ("toll_verbs", "toll_verbs"),
                ("toll_nouns", "toll_nouns"), ("contrast", "contrast_words"), ("disputed", "disputed_nouns"),
            )
        },
        unnamed=data["unnamed_source"],
        state_labels=tuple(data["state_labels"]),
        topic_shifts=tuple(data["topic_shifts"]),
    )


def canonicaliser(lexicon=None, canonical: Canonical | None = None) -> Canonical:
    """The actor lookup to use: ``canonical`` if given, else the lexicon's, else none."""
    if canonical is not None:
        return canonical
    for name in ("canonical", "lookup", "actor_of"):
        fn = getattr(lexicon, name, None)
        if callable(fn):
            return fn
    return lambda text: None


def _lemma(tok) -> str:
    return tok.lemma_.lower()


# ---------------------------------------------------------------- noun phrases


def _text(doc, first: int, last: int) -> str:
    """Exact body text of tokens ``first``..``last`` (inclusive)."""
    return index(doc).span_text(doc, first, last)


def clean_phrase(doc, toks: list) -> str:
    """Surface form of a noun phrase: no leading determiner, possessive pronoun or quote marks."""
    toks = [t for t in toks if not t.is_punct or t.text == "-"]
    while toks and toks[0].lower_ in DETERMINERS | set(PRONOUNS):
        toks = toks[1:]
    while toks and toks[-1].text in {"-", "'s", "’s", "'"}:
        toks = toks[:-1]
    if not toks:
        return ""
    text = re.sub(r"\s*\([^)]*\)\s*$", "", _text(doc, toks[0].i, toks[-1].i))  # "Front (NRF)"
    return text.strip(" \"“”‘’'")


def phrase(head, drop=("relcl", "acl", "appos", "advcl", "conj", "cc", "punct", "prep")) -> list:
    """Tokens of the noun phrase headed by ``head`` without clauses, appositions or (by default) PPs."""
    out = [head]
    for child in head.children:
        if child.dep_ not in drop:
            out.extend(phrase(child, drop))
    return sorted(out, key=lambda t: t.i)


def _entity_at(tok, labels=NAMED) -> str | None:
    """The named entity (of the wanted labels) that ``tok`` belongs to, without a leading 'the'."""
    if tok.ent_type_ not in labels:
        return None
    ent = index(tok.doc).entity(tok.i)
    return re.sub(r"^(the|The)\s+|['’]s?$", "", ent.text) if ent is not None else None


def _is_plural(tok) -> bool:
    return tok.tag_ in ("NNS", "NNPS") or tok.ent_type_ == "NORP"


# ---------------------------------------------------------------- discourse memory


@dataclass(frozen=True)
class _Mention:
    by: str
    kind: str  # person | group | thing
    plural: bool
    at: int  # token index
    named: bool = False  # a proper name that is no person or place ("the Liberation Front", "RSF")


@dataclass
class _Memory:
    """Recent mentions, one list per sentence, newest last; resolves pronouns."""

    sentences: list[list[_Mention]] = field(default_factory=list)

    def resolve(self, pronoun: str, exclude=frozenset(), current=()) -> str | None:
        want = PRONOUNS.get(pronoun.lower())
        if want is None:
            return None
        for mentions in [list(current), *reversed(self.sentences[-LOOKBACK:])]:
            for m in mentions:
                if m.by in exclude:
                    continue
                if (
                    (want == "person" and m.kind == "person")
                    or (want == "group" and (m.plural or m.kind == "group"))
                    or (want == "thing" and m.kind != "person" and not m.plural)
                ):
                    return m.by
        return None

    def named_group(self, exclude=frozenset(), current=()) -> str | None:
        """The most recent named group: what "the group" or "the movement" refers back to."""
        for mentions in [list(current), *reversed(self.sentences[-LOOKBACK:])]:
            for m in mentions:
                if m.named and m.kind != "person" and m.by not in exclude:
                    return m.by
        return None


def _kind(head, toks: list) -> str:
    """person | group | thing; a possessor's name does not make the phrase a person ("X's ministry")."""
    owned = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
    if (any(t.ent_type_ == "PERSON" and t.i not in owned for t in toks)
            or (_lemma(head) in rules().roles and not _is_plural(head))):
        return "person"
    if any(t.ent_type_ in ("ORG", "NORP") for t in toks):
        return "group"
    return "group" if _is_plural(head) else "thing"


def _proper(toks: list) -> bool:
    """Whether a noun phrase names an organisation or group (a proper noun, no person or place)."""
    return (any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "NORP") for t in toks)
            and not any(t.ent_type_ in ("GPE", "LOC", "FAC", "PERSON") for t in toks))


def _mentions(sent, name: Callable[[str], str]) -> list[_Mention]:
    """Candidate antecedents in a sentence: subjects first, then actors and people in text order."""
    roles = rules().roles
    doc = sent.doc
    idx = index(doc)
    tokens = range(sent.start, sent.end)
    out, seen = [], set()
    heads = [i for i in tokens if idx.dep[i] in ("nsubj", "nsubjpass") and idx.pos[i] not in ("PRON", "DET")]
    heads += [
        i for i in tokens
        if ((ent := idx.ents[i]) is not None and ent.label in NAMED and ent.start == i)
        or (idx.tag[i] == "NNS" and ent is None) or idx.lemma[i] in roles
    ]
    for head in map(doc.__getitem__, heads):
        if head.ent_type_ and head.dep_ in ("amod", "compound") and head.head.pos_ == "NOUN":
            head = head.head  # "the Ruritanian army", not "Ruritanian"
        toks = phrase(head)
        named = _entity_at(head) or _named_in(head)
        text = named or clean_phrase(head.doc, toks)
        if not text or text in seen:
            continue
        seen.add(text)
        kind = "person" if _lemma(head) in roles and not _is_plural(head) else _kind(head, toks)
        agentive = head.dep_ in ("nsubj", "nsubjpass") or head.ent_type_ in ("ORG", "NORP")
        proper = agentive and (bool(named) or _proper(toks))  # "the group" may mean it later
        out.append(_Mention(name(text), kind, _is_plural(head), head.i, proper))
    return out


def full_names(sent) -> dict[str, str]:
    """Surname -> full name for the people named in full in a sentence ("Grek" -> "Ivo Grek")."""
    idx = index(sent.doc)
    k = idx.sentence_of(sent.start)
    names = {e.text.split()[-1]: e.text for e in idx.sentence_ents[k] if e.label == "PERSON" and " " in e.text}
    for i in range(sent.start, sent.end):
        ent = idx.ents[i]
        if idx.pos[i] == "PROPN" and (ent is None or ent.label not in ("ORG", "GPE", "LOC", "NORP")):
            tok = sent.doc[i]
            name = _proper_name(tok)
            if name and " " in name and not tok.text.isupper() and "(" not in name:  # no "JNIM", "Front (NRF"
                names.setdefault(tok.text, name)
    return names


# ---------------------------------------------------------------- speakers


@dataclass
class _Discourse:
    """What one document has said so far about who is who."""

    canon: Canonical
    name: Callable[[str], str]  # how ``by`` names a speaker phrase (see ``naming``)
    outlet: str | None = None  # the outlet publishing the text
    memory: _Memory = field(default_factory=_Memory)
    documents: dict[str, str] = field(default_factory=dict)  # document-noun lemma -> by of its last attribution
    people: dict[str, str] = field(default_factory=dict)  # surname -> full name seen earlier
    affiliations: dict[str, str] = field(default_factory=dict)  # full name -> who they speak for
    titles: dict[str, str] = field(default_factory=dict)  # head noun -> fullest speaker named by it ("command")

    def key(self, by: str) -> str:
        """Who ``by`` is, whatever name the text gave them."""
        return self.canon(by) or by


@dataclass
class _Context:
    doc: object
    talk: _Discourse
    mentions: list[_Mention]  # of the current sentence
    exclude: frozenset[str] = frozenset()
    speakers: list[_Mention] = field(default_factory=list)  # resolved speakers of the current sentence

    @property
    def canon(self) -> Canonical:
        return self.talk.canon

    def resolve(self, pronoun) -> str | None:
        """A pronoun's antecedent; possessives may point back within the sentence."""
        current = [m for m in self.mentions if m.at < pronoun.i] if pronoun.dep_ == "poss" else []
        return self.talk.memory.resolve(pronoun.lower_, self.exclude, current)


def naming(canon: Canonical, lexicon=None) -> Callable[[str], str]:
    """How ``by`` names a speaker phrase. A dictionary group goes by its name as the text writes
    it ("TTP", "Fano" in "Fano's Gojjam wing"): sources spell and expand names differently, and
    the name as written is the one a reader looks for. A state force ("Turkey's defence
    ministry": the military of Turkey), the body of a person the dictionary knows and the outlet
    go by their canonical name; anything else as written."""
    find, alias = getattr(lexicon, "find_actors", None), getattr(lexicon, "actor", None)
    state = _state_body(lexicon)
    labels = rules().state_labels
    named: dict[str, str] = {}  # one document's names: the lexicon's search is slow

    def name(text: str) -> str:
        if text not in named:
            named[text] = _name(text)
        return named[text]

    def _name(text: str) -> str:
        canonical = canon(text) or state(text)
        if canonical is None and (run := RUN_BY.match(text)) and canon(run["owner"]):
            return name(run["owner"])  # "the Front-run news agency": the Front
        if canonical is None or canonical.startswith(labels) or find is None:
            return canonical or text
        exact = alias(text.strip()) if alias is not None else None
        if exact is not None and exact.kind != "person":
            return text  # an alias itself ("TTP")
        found = find(text)
        if len(found) == 1 and found[0][2].kind != "person" and found[0][2].name == canonical:
            return text[found[0][0] : found[0][1]]
        return canonical

    return name


STATE_BRANCHES = ("military", "police", "government")
RUN_BY = re.compile(r"^(?P<owner>[^\s-]+(?:\s[^\s-]+)?)-(?:run|controlled|owned|operated)\b")
OWNED = re.compile(r"^(?P<owner>.+?)['’]s? (?P<body>.+)$")  # "Turkey's defence ministry"


def _state_body(lexicon) -> Canonical:
    """A country's army, police, defence ministry or government by the lexicon's state label
    ("Turkey's defence ministry", "Armenian defence ministry"), else None."""
    generic, code, label = (getattr(lexicon, a, None) for a in ("generic", "country_code", "generic_actor"))
    demonyms = getattr(lexicon, "demonyms", None) or {}
    if not (generic and code and label):
        return lambda text: None

    def state(text: str) -> str | None:
        owned = OWNED.match(text)
        first, _, rest = text.partition(" ")
        iso2, body = (code(owned["owner"]), owned["body"]) if owned else (demonyms.get(first.lower()), rest)
        branch = generic.get(body.lower())
        return label(branch, iso2).name if iso2 and branch in STATE_BRANCHES else None

    return state


def _place(tok, ctx: _Context) -> bool:
    """A place name that names no actor ("Kenscoff's deputy mayor" speaks for no Kenscoff)."""
    return tok.ent_type_ in ("GPE", "LOC", "FAC") and not ctx.canon(clean_phrase(ctx.doc, phrase(tok)))


def _affiliation(role, toks: list, ctx: _Context) -> str | None:
    """Who a spokesperson, official or commander speaks for (None when unknown or former)."""
    r = rules()
    before = [t for t in toks if t.i < role.i]
    if any(t.lower_ in r.former for t in before + list(role.children)):
        return None
    for child in role.children:
        if child.dep_ == "poss":
            return None if _place(child, ctx) else speaker(child, ctx)
    names = [t for t in before
             if t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "NORP", "GPE") or _lemma(t) in r.institutions]
    if names and not all(_place(t, ctx) for t in names):
        # "Taliban spokesman", "army spokesperson", "Ruritanian army commander"; not "community leader"
        first = min([names[0].i] + [c.i for c in names[0].lefts if c.dep_ == "amod" and c.lower_ not in r.former])
        body = clean_phrase(ctx.doc, [t for t in before if t.i >= first])
        return ctx.talk.titles.get(body.lower()) or ctx.talk.name(body)  # "police spokesman": the police named before
    for child in role.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "from", "with", "at"):
            for obj in child.children:
                if obj.dep_ == "pobj" and not _place(obj, ctx):
                    return speaker(obj, ctx)
    return None


def _publisher(head, ctx: _Context) -> str | None:
    """Who published a statement, tweet or feed: its possessor, the object of on/from/by, or the last one."""
    for child in head.children:
        if child.dep_ == "poss" and child.lower_ not in PRONOUNS:
            return speaker(child, ctx)
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "from", "by", "of", "in"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return speaker(obj, ctx)
    if any(c.lower_ in DEFINITE for c in head.children):
        return ctx.talk.documents.get(_lemma(head))
    return None


def _proper_name(tok) -> str | None:
    """A proper noun with its proper-noun compounds ("Ivo Grek"), when the model tagged no entity."""
    if tok.pos_ != "PROPN":
        return None
    first = next((c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), tok)
    return index(tok.doc).text[first.idx : tok.idx + len(tok)]


def _group_anaphor(head, toks: list) -> bool:
    """A definite common noun for an armed group or movement without a name: "the group"."""
    return (head.pos_ == "NOUN" and _lemma(head) in rules().group_nouns
            and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in head.children)
            and not any(t.pos_ == "PROPN" or t.ent_type_ in NAMED for t in toks)
            and not any(c.dep_ in ("prep", "appos", "poss") for c in head.children))


def _named_in(head) -> str | None:
    """A name in an apposition or an of/from phrase ("the movement 'Free Front'", "rebels of the Front")."""
    for child in head.children:
        labels = NAMED if child.dep_ == "appos" else ("ORG", "NORP")
        if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ in ("of", "from")):
            for tok in child.subtree:
                if name := _entity_at(tok, labels):
                    return name
            if child.dep_ == "appos" and (name := _proper_name(child)):
                return name
    return None


def speaker(head, ctx: _Context) -> str | None:
    """How ``by`` names whoever the noun phrase at ``head`` denotes (see ``naming``).

    A spokesperson, official or commander speaks for their body even when named ("Front
    spokesman Karl Brenn": the Front); a named office-holder for themselves ("regional governor
    Ivo Grek"); "the ministry" or "the official" is the fuller name used for it before.
    """
    r = rules()
    if head.lower_ in PRONOUNS:
        return ctx.resolve(head)
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if head.lower_ in PARTITIVES and of is not None:  # "one of the leaders of the Front"
        obj = next((c for c in of.children if c.dep_ == "pobj"), None)
        return speaker(obj, ctx) if obj is not None else None
    if head.pos_ == "PRON":
        return None
    if (claimed := _self_named(head)) is not None:  # "a man who identified himself as a Front commander"
        return speaker(claimed, ctx)
    toks = phrase(head, drop=SPEAKER_DROP)
    if _group_anaphor(head, toks):  # "the group said": the group named last
        current = [m for m in ctx.mentions if m.at < head.i]
        if found := ctx.talk.memory.named_group(ctx.exclude, current):
            return found
    if _lemma(head) in r.documents and (found := _publisher(head, ctx)):
        return found
    if (found := _title(head, toks, ctx)) is not None:
        return found
    name = _entity_at(head) or _named_in(head)
    whole = _proper_name(head) if name and head.ent_type_ != "PERSON" else None
    if whole and name in whole:  # "Islamic" (NORP) + "State" (ORG)
        name = whole
    if any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in head.children):
        full = clean_phrase(ctx.doc, toks)  # "Russia's Defence Ministry": the military of Russia
        if (state := ctx.talk.name(full)) != full:
            return state
    if head.pos_ == "PROPN" and (name or head.text) in ctx.talk.people:  # "Grek" after "Ivo Grek"
        name = ctx.talk.people[name or head.text]
    role, role_toks = _role(head, toks)
    by = _spokesperson(role, role_toks, name, ctx) if role is not None else None
    if by is not None and name:
        ctx.talk.affiliations[name] = by  # "the Front's commander, Ivo Grek": Grek speaks for the Front
    if by is None and name in ctx.talk.affiliations:
        by = ctx.talk.affiliations[name]
    written = clean_phrase(ctx.doc, toks)
    if by is None and RUN_BY.match(written) and (owner := ctx.talk.name(written)) != written:
        by = owner  # "the Front-run news agency": the Front
    if by is None:
        text = name or _surface(head, toks, ctx)
        by = ctx.talk.name(text) if text else None
    if by and (role is not None or head.pos_ in ("NOUN", "PROPN")) and " " in by:
        ctx.talk.titles[_lemma(role if role is not None else head)] = by
    return by


SPEAKER_DROP = ("relcl", "acl", "appos", "advcl", "conj", "cc", "punct", "prep", "advmod")


def _self_named(head):
    """What a speaker said they were: "a man who identified himself as a separatist commander"."""
    for clause in (c for c in head.children if c.dep_ == "relcl"):
        for as_ in (t for t in clause.children if t.lower_ == "as" and t.dep_ == "prep"):
            if any(t.lower_ in SELF for t in clause.children):
                return next((t for t in as_.children if t.dep_ == "pobj" and t.pos_ == "NOUN"), None)
    return None


def _role(head, toks: list):
    """The title in a noun phrase ("Front spokesman Karl Brenn", "Ivo Grek, the Front's spokesman")
    and the tokens it is read with; a possessor's title is not the phrase's ("the governor's office")."""
    roles = rules().roles
    owned = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
    role = next((t for t in toks if _lemma(t) in roles and t.i not in owned), None)
    if role is not None:
        return role, toks
    for child in head.children:
        if child.dep_ == "appos" and _lemma(child) in roles:
            return child, phrase(child)
    return None, toks


def _spokesperson(role, toks: list, name: str | None, ctx: _Context) -> str | None:
    """Who a titled speaker speaks for: the body of a spokesperson, a named office-holder themselves."""
    if name and ctx.canon(name):  # a person the dictionary knows
        return ctx.talk.name(name)
    if name and _lemma(role) not in rules().mouthpieces:
        return name
    found = _affiliation(role, toks, ctx)
    return found or name


def _title(head, toks: list, ctx: _Context) -> str | None:
    """"The ministry", "the official": the fuller name this head noun had before in the text."""
    if head.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in head.children):
        return None
    if any(t is not head and t.dep_ not in ("det", "case") for t in toks):
        return None
    return ctx.talk.titles.get(_lemma(head))


def _surface(head, toks: list, ctx: _Context) -> str:
    """A speaker phrase as written; a singular common noun keeps its of-phrase ("the general staff
    of the armed forces"), plural people do not ("residents of the town")."""
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and head.pos_ == "NOUN" and not _is_plural(head) and _lemma(head) not in rules().roles:
        of_phrase = phrase(of, drop=("relcl", "acl", "appos", "advcl", "conj", "cc", "punct"))
        toks = sorted(toks + of_phrase, key=lambda t: t.i)
    return clean_phrase(ctx.doc, toks)


# ---------------------------------------------------------------- attribution patterns


def _subject(verb):
    """The subject of a speech verb, borrowed from the governing verb for conj/'saying'/xcomp; a
    relative pronoun stands for the noun its clause qualifies ("a researcher who said ...")."""
    tok = verb
    for _ in range(3):
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.tag_ in ("WP", "WDT"):
            return tok.head if tok.dep_ == "relcl" else None
        if subj is not None and subj.i >= 2 and subj.nbor(-1).lower_ == "as" and subj.nbor(-2).lower_ in SELF:
            named = next((t for t in tok.ancestors if t.dep_ == "relcl"), None)  # "a commander who gave his name as X"
            return named.head if named is not None else subj
        counted = subj is not None and subj.like_num and not any(c.lower_ == "of" for c in subj.children)
        if subj is not None and (subj.tag_ == "WP$" or counted):
            return None  # "whose reported abduction", "1,200 reported missing": no speaker
        if subj is not None and tok is not verb and tok.dep_ == "ccomp" and _said_by_thing(subj):
            return _subject(tok.head)  # "the manager said the ship had no link and denied it was hit": the manager
        if subj is not None or tok.dep_ not in ("conj", "advcl", "xcomp"):
            return subj
        tok = tok.head
    return None


def _said_by_thing(subj) -> bool:
    """A subject that cannot speak: a plain singular thing ("the vessel"), no name, title or group."""
    toks = phrase(subj)
    return subj.pos_ == "NOUN" and not _proper(toks) and _kind(subj, toks) == "thing" and _lemma(subj) not in (
        rules().institutions | rules().group_nouns | rules().documents)


def _trailing_subject(verb, subj, sent):
    """The speaker of a sentence-final "..., residents and a local group said." (or "..., Ivo Grek,
    head of the council, said.") when the parser took a noun of the reported clause as the subject:
    the noun phrase after the leftmost comma from which no verb comes before the speech verb. A
    headline's "...; Front claims attack" has its speaker after the semicolon."""
    if subj is None or subj.i > verb.i:
        return subj
    lower = index(sent.doc).lower
    inside = range(max(sent.start, subj.i + 1), min(sent.end, verb.i))
    semicolons = [i for i in inside if lower[i] == ";"]
    if semicolons:
        return _first_noun(sent.doc[semicolons[-1] + 1 : verb.i]) or subj
    if verb.dep_ not in ("ROOT", "parataxis"):
        return subj
    tail = None
    for comma in reversed([i for i in inside if lower[i] == ","]):
        between = sent.doc[comma + 1 : verb.i]
        if any(t.pos_ in ("VERB", "AUX") for t in between):
            break
        tail = between if len(between) else tail
    if tail is None or not any(t.pos_ in ("VERB", "AUX") for t in sent.doc[subj.i : tail.start]):
        return subj  # "The Front's spokesman, Ivo Grek, said": the subject is the speaker
    return _first_noun(tail) or subj


def _first_noun(span):
    """The head of the first noun phrase of a verbless span, or None."""
    tok = next((t for t in span if t.pos_ in ("NOUN", "PROPN", "PRON") or t.is_title or t.is_upper), None)
    if tok is None or any(t.pos_ in ("VERB", "AUX") for t in span):
        return None
    while tok.dep_ in ("compound", "amod", "nmod", "flat", "poss", "nummod") and span.start <= tok.head.i < span.end:
        tok = tok.head
    return tok


def _negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _stance(verb, subj) -> Stance | None:
    """The stance a speech, labelling or verification verb expresses (None when it is not one)."""
    r = rules()
    lemma = _lemma(verb)
    subject = {t.i for t in subj.subtree} if subj is not None else set()
    if subj is not None and _lemma(subj) in r.report_nouns and lemma in r.surfacing:
        return "reports_unverified"  # "reports surfaced that ..."
    if lemma in r.verification and (_negated(verb) or _nobody(subj)):
        return "reports_unverified"  # "could not be independently verified", "neither claim could be verified"
    if lemma in r.labelling and any(
        t.i not in subject and (t.lower_ in r.denial_words or _lemma(t) in r.denial_words) for t in verb.subtree
    ):
        return "denies"  # "called the statements lies"
    if lemma in r.toll_verbs:  # "put the death toll at 19"
        obj = next((c for c in verb.children if c.dep_ == "dobj" and _lemma(c) in r.toll_nouns), None)
        at = obj is not None and any(t.dep_ == "prep" and t.lower_ == "at" and t.i > obj.i for t in verb.subtree)
        return "claims" if at and not _negated(verb) else None
    stance = r.speech.get(lemma)
    if stance is None:
        return None
    if stance == "claims" and _dismissed(verb, subj):
        return "denies"  # "said reports of the town's fall were fabricated propaganda"
    if _negated(verb):
        return "denies" if stance == "confirms" else None  # "did not concede defeat"
    if subj is not None and subj.dep_ == "nsubjpass" and not any(c.dep_ == "agent" for c in verb.children):
        # "he is said to have fled"; "45 wounded were admitted" is no confirmation
        return "reports_unverified" if stance == "claims" else None
    if subj is not None and _lemma(subj) in r.report_nouns and not _sourced(subj):
        return "reports_unverified"  # "reports say"
    return stance


def _dismissed(verb, subj) -> bool:
    """Whether a speech verb calls a report, claim or account lies ("said the reports were fabricated")."""
    r = rules()
    own = {t.i for t in subj.subtree} if subj is not None else set()
    words = [t for t in verb.subtree if t.i not in own and t.i > verb.i]
    first = next((t.i for t in words if _lemma(t) in r.disputed and t.dep_ in ("nsubj", "nsubjpass")), None)
    return first is not None and any(t.i > first and (t.lower_ in r.denial_words or _lemma(t) in r.denial_words)
                                     for t in words)


def _nobody(subj) -> bool:
    """A subject that denies itself: "no group", "neither claim"."""
    return subj is not None and any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in subj.children)


def _sourced(noun) -> bool:
    """A report noun that names its source ("reports from witnesses", "the army's report")."""
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("from", "by")) for c in noun.children)


def _quote_span(verb, subj, sent) -> tuple[int, int]:
    """Char span of the attribution: the sentence for a main or parenthetical verb, else its clause."""
    doc = sent.doc
    if verb.dep_ in ("ROOT", "parataxis"):
        return sent.start_char, sent.end_char
    ids = [t.i for t in verb.subtree] + ([t.i for t in subj.subtree] if subj is not None else [])
    first, last = max(min(ids), sent.start), min(max(ids), sent.end - 1)
    while first < last and (doc[first].dep_ in ("cc", "mark") or (doc[first].is_punct and doc[first].text not in "“\"‘")):
        first += 1
    return doc[first].idx, doc[last].idx + len(doc[last])


def _is_cue(idx, i: int) -> bool:
    r = rules()
    lemma = idx.lemma[i]
    return idx.pos[i] in ("VERB", "AUX") and idx.dep[i] != "amod" and (
        lemma in r.speech or lemma in r.labelling or lemma in r.verification or lemma in r.surfacing
        or lemma in r.toll_verbs
    )


def _sentence(sent, ctx: _Context, previous: list[Attribution]) -> list[Attribution]:
    """The attributions of one sentence."""
    r = rules()
    doc = sent.doc
    idx = index(doc)
    text = idx.text
    found: list[Attribution] = []
    cue_heads: set[int] = set()

    def add(by, stance, span, cue, said=""):
        quote = text[span[0] : span[1]]
        found.append(Attribution(by, stance, quote, *span, sent.start_char, cue, said, ctx.talk.key(by)))

    for verb in (doc[i] for i in range(sent.start, sent.end) if _is_cue(idx, i)):
        subj = _trailing_subject(verb, _subject(verb), sent)
        if _nobody(subj) and _lemma(verb) not in r.verification:
            continue  # "no group has claimed the attack"
        stance = _stance(verb, subj)
        if stance is None:
            continue
        lemma = _lemma(verb)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:  # "as reported by The Daily Star", "was confirmed by officials"
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if obj is not None and (by := speaker(obj, ctx)):
                stance = r.speech.get(lemma, stance) if not _negated(verb) else stance
                add(by, stance, (sent.start_char, sent.end_char), f"{lemma} by", clean_phrase(doc, phrase(obj)))
                cue_heads.add(verb.i)
            continue
        passive = subj is None or subj.dep_ == "nsubjpass"
        if lemma in r.verification and stance == "reports_unverified" and passive and ctx.talk.outlet:
            by, said = ctx.talk.outlet, ""  # "the figures could not be independently verified": the outlet says so
        elif stance == "reports_unverified" and (passive or _lemma(subj) in r.report_nouns):
            by, said = (_publisher(subj, ctx) if subj is not None else None) or r.unnamed, ""
        elif subj is not None:
            if stance == "denies":  # the denier is not the claimant
                ctx.exclude = frozenset(b for a in previous if a.stance != "denies" for b in (a.by, a.who))
            by, said = speaker(subj, ctx), clean_phrase(doc, phrase(subj)) or subj.text
            ctx.exclude = frozenset()
        else:
            continue
        if not by:
            continue
        span = _quote_span(verb, subj, sent)
        span = (_opening_quote(text, span[0], verb.idx), span[1])
        if lemma in r.neutral and stance == "claims":  # "'...,' he said" continues his denial or confirmation
            prior = next((a for a in reversed(previous + found) if a.who == ctx.talk.key(by)), None)
            quoted = _quoting(text, sent.start_char, verb.idx)
            if (prior is not None and prior.stance in ("denies", "confirms") and prior.cue not in r.neutral
                    and (prior.sentence_start == sent.start_char
                         or prior.sentence_start >= _start_before(idx, span[0]) and quoted)):
                stance = prior.stance
        elif stance == "claims" and _contrasted(verb) and any(
                a.who != ctx.talk.key(by) and a.stance == "claims"
                and a.sentence_start >= _start_before(idx, span[0], 3) for a in previous):
            stance = "denies"  # "X, however, reported that the attack had been repelled"
        add(by, stance, span, lemma, said)
        cue_heads.add(verb.i)
        if subj is not None and by != r.unnamed:
            kind = PRONOUNS.get(subj.lower_) or _kind(subj, phrase(subj))
            plural = _is_plural(subj) or subj.lower_ == "they"
            ctx.speakers.append(_Mention(by, kind, plural, subj.i, _proper(phrase(subj))))
            for other in _coordinated(subj):  # "residents and a Front commander said"
                if (also := speaker(other, ctx)) and also != by:
                    add(also, stance, span, lemma, clean_phrase(doc, phrase(other)))
        for medium in [subj] + [o for p in verb.children if p.dep_ == "prep" for o in p.subtree]:
            if medium is not None and _lemma(medium) in r.documents:  # "in a statement, it said": its statement
                ctx.talk.documents[_lemma(medium)] = by

    for i in range(sent.start, sent.end):
        word = idx.lower[i]
        if word == "according" and i + 1 < sent.end and idx.lower[i + 1] == "to":
            obj = next((c for c in doc[i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None and (by := speaker(obj, ctx)):
                add(by, "claims", (sent.start_char, sent.end_char), "according to", clean_phrase(doc, phrase(obj)))
                if obj.lower_ not in PRONOUNS:  # the source is who "they" or "one of them" says next
                    toks = phrase(obj)
                    ctx.speakers.append(_Mention(by, _kind(obj, toks), _is_plural(obj), obj.i, _proper(toks)))
        elif word in r.unverified_adverbs and doc[i].head.i not in cue_heads:
            add(r.unnamed, "reports_unverified", (sent.start_char, sent.end_char), word)
        elif idx.lemma[i] in r.verification_nouns and any(c.lower_ == "no" for c in doc[i].children):
            add(ctx.talk.outlet or r.unnamed, "reports_unverified", (sent.start_char, sent.end_char), word)
    return _tidy(found)


def _quoting(text: str, start: int, cue: int) -> bool:
    """Whether the words before a speech verb close a direct quotation ('"...," he said')."""
    return any(mark in text[start:cue] for mark in ('"', "”"))


def _coordinated(tok) -> list:
    """The nouns coordinated after ``tok`` ("residents and a local group": the group)."""
    out = [c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
    return out + [d for c in out for d in _coordinated(c)]


def _contrasted(verb) -> bool:
    """Whether a speech verb (or the one it is coordinated with) answers what came before: "however"."""
    words = rules().contrast
    heads = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    return any(c.dep_ == "advmod" and c.lower_ in words for h in heads for c in h.children)


def _opening_quote(text: str, start: int, cue: int) -> int:
    """Where an attribution starts when the quotation it closes opened in an earlier sentence of the
    paragraph ('"We hold the town. The enemy fled," he said'): at the opening mark, else ``start``."""
    before = text[start:cue]
    paragraph = text.rfind("\n", 0, start) + 1
    if before.count("”") > before.count("“"):
        opening = text.rfind("“", paragraph, start)
        return opening if opening >= 0 and "”" not in text[opening:start] else start
    if before.count('"') % 2 and text.count('"', paragraph, start) % 2:
        return text.rfind('"', paragraph, start)
    return start


def _quoted(sent, previous: list[Attribution]) -> list[Attribution]:
    """A sentence quoting words ("... have defected") right after a speaker's attribution: theirs."""
    if not previous or not QUOTATION.search(sent.text):
        return []
    a = previous[-1]
    quote = sent.text.strip()
    start = sent.start_char + sent.text.index(quote)
    return [Attribution(a.by, "claims", quote, start, start + len(quote), sent.start_char, "quote", a.speaker, a.actor)]


def _start_before(idx, char: int, back: int = 1) -> int:
    """Start of the sentence ``back`` sentences before the one holding ``char`` (the first's when fewer)."""
    return idx.starts[max(0, idx.sentence_at(char) - back)]


def _tidy(found: list[Attribution]) -> list[Attribution]:
    """Quotes stripped of surrounding space; one attribution per speaker and stance when nested."""
    out: list[Attribution] = []
    for a in found:
        lead = len(a.quote) - len(a.quote.lstrip())
        quote = a.quote.strip()
        a = Attribution(a.by, a.stance, quote, a.start + lead, a.start + lead + len(quote), a.sentence_start, a.cue,
                        a.speaker, a.actor)
        same = next((b for b in out if (b.by, b.stance) == (a.by, a.stance)), None)
        if same is None:
            out.append(a)
        elif a.end - a.start > same.end - same.start:
            out[out.index(same)] = a
    return out


def outlet_of(text: str, outlet: str | None = None) -> str | None:
    """The outlet publishing a text: ``outlet`` (the article's, tidied) else the agency its wire
    dateline credits ("CITY, March 27 (Agency) — ...")."""
    if outlet and (outlet := outlet.strip(" .,;:|-–—")):
        return outlet
    m = WIRE_AGENCY.search(text)
    return m["agency"].strip() if m else None


def _as_outlet(canon: Canonical, outlet: str | None) -> Canonical:
    """``canon`` that also names the outlet by its full name ("Meridian" -> "Meridian News")."""
    if not outlet:
        return canon
    folded = outlet.casefold()

    def lookup(text: str) -> str | None:
        key = text.strip().casefold()
        if key == folded or (text[:1].isupper() and folded.startswith(key + " ")):
            return outlet
        return canon(text)

    return lookup


def find_attributions(doc, lexicon=None, *, canonical: Canonical | None = None,
                      outlet: str | None = None) -> list[Attribution]:
    """Every attribution in ``doc``, in text order, speakers resolved and canonicalised.

    ``outlet`` is the article's outlet (else the agency of a wire dateline, if any): it is the
    speaker of "could not be independently verified" and goes by its full name when the text
    shortens it. The result is also left in ``doc.user_data`` for ``fatalities.find_figures``
    to name reporters.
    """
    outlet = outlet_of(index(doc).text, outlet)
    canon = _as_outlet(canonicaliser(lexicon, canonical), outlet)
    talk = _Discourse(canon, naming(canon, lexicon), outlet)
    out: list[Attribution] = []
    last: list[Attribution] = []
    for sent in index(doc).sentences(doc):
        ctx = _Context(doc, talk, _mentions(sent, talk.name))
        found = _sentence(sent, ctx, out[-8:]) or _quoted(sent, last)
        out.extend(found)
        last = [a for a in found if a.by != rules().unnamed]
        talk.memory.sentences.append(ctx.speakers + ctx.mentions)
        talk.people.update(full_names(sent))
    doc.user_data[ATTRIBUTIONS_KEY] = out
    return out


# ---------------------------------------------------------------- claims about one event


def refers_back(doc, start: int, end: int) -> bool:
    """Whether the span holds a definite back-reference ("the capture", "the NRF's statements")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    words = rules().back_references
    return span is not None and any(
        tok.pos_ == "NOUN"
        and (tok.lower_ in words or _lemma(tok) in words)
        and any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in tok.children)
        for tok in span
    )


def claims_for(event_sentence_starts: Iterable[int], attributions: list[Attribution], doc,
               other_event_starts: Iterable[int] = ()) -> tuple[Claim, ...]:
    """Claims about one event: its sentences' attributions, then the ones around them.

    Reports tell an event, then each side's account of it, then move on. So every attribution
    of the few sentences after the event's own (``NEAR``) counts; further on (up to ``WIDE``),
    in the sentences just before and in the event's paragraphs, an attribution counts when it is
    related: it takes a stance (denies, confirms, reports_unverified), comes from a speaker of
    the event's sentences, refers back to it ("the capture", "the statements") or shares its
    words. A topic shift ("Separately, ...", "Elsewhere, ...") ends the search, and the sentences
    of the document's other events (``other_event_starts``) are theirs: never linked, and past
    them only related attributions count. A linked speaker's next sentence ("'...,' he added")
    is linked too.
    """
    idx = index(doc)
    starts = idx.starts
    index_of = {s: i for i, s in enumerate(starts)}
    evidence = {index_of[s] for s in event_sentence_starts if s in index_of}
    if not evidence:
        return ()
    others = {index_of[s] for s in other_event_starts if s in index_of} - evidence
    scope = _scope(idx, evidence, others)  # sentence -> every attribution counts (True) or related ones (False)
    speakers = {a.who for a in attributions if index_of.get(a.sentence_start) in evidence}
    words = frozenset().union(*(_words(idx.sentence(doc, i)) for i in evidence))

    def related(a: Attribution) -> bool:
        return (a.stance != "claims" or any(_same_speaker(a.who, s) for s in speakers)
                or refers_back(doc, a.start, a.end)
                or len(words & _words(doc.char_span(a.start, a.end, alignment_mode="expand") or ())) >= SHARED_WORDS)

    chosen: dict[tuple, Claim] = {}
    said: dict[str, int] = {}  # speaker -> sentence of their last linked attribution
    for a in attributions:
        i = index_of.get(a.sentence_start)
        if i is None:
            continue
        at = {i, idx.sentence_at(a.start)}  # a quotation may open sentences before its speaker
        follows = said.get(a.who, -2) >= i - 1 and i not in others
        if at & evidence or any(scope.get(j) for j in at) or (at & scope.keys() and related(a)) or follows:
            chosen.setdefault((a.by, a.stance, a.start, a.end), Claim(a.by, a.stance, a.quote, a.start, a.end))
            said[a.who] = i
    return tuple(chosen.values())


def _scope(idx, evidence: set[int], others: set[int]) -> dict[int, bool]:
    """The sentences searched around an event's: True where every attribution counts."""
    starts, text = idx.starts, idx.text
    first, last = min(evidence), max(evidence)
    scope: dict[int, bool] = {}
    crossed, since = False, 0
    for j in range(first + 1, min(last + WIDE, len(starts) - 1) + 1):
        if j in evidence:
            crossed, since = False, 0
            continue
        since += 1
        if j in others:
            crossed = True
            continue
        if _shifts(text, starts[j]):
            if j > last:
                break
            crossed = True
        scope[j] = since <= NEAR and not crossed
    for j in range(first - 1, max(0, first - BEFORE) - 1, -1):
        if j in others or _shifts(text, starts[j + 1]) or _shifts(text, starts[j]):
            break
        scope.setdefault(j, False)
    for i in evidence:  # the event's paragraphs
        lo, hi = text.rfind("\n", 0, starts[i]), text.find("\n", starts[i])
        for j in range(bisect.bisect_right(starts, lo), bisect.bisect_left(starts, hi) if hi >= 0 else len(starts)):
            scope.setdefault(j, False)
    return {j: every for j, every in scope.items() if j not in others and j not in evidence}


def _shifts(text: str, start: int) -> bool:
    """Whether the sentence at ``start`` turns to another story ("Separately, ...", "Elsewhere, ...")."""
    head = text[start : start + 40].lower()
    return any(head.startswith(w) and not head[len(w) : len(w) + 1].isalpha() for w in rules().topic_shifts)


def _words(tokens) -> frozenset[str]:
    """Content lemmas of some tokens (no speech verbs): what two sentences about one event share."""
    speech = rules().speech
    return frozenset(
        _lemma(t) for t in tokens
        if t.pos_ in ("NOUN", "PROPN", "VERB", "NUM") and not t.is_stop and _lemma(t) not in speech and len(t.text) > 1
    )


def _same_speaker(a: str, b: str) -> bool:
    """One speaker named twice, more or less fully ("police", "the Haitian National Police")."""
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return bool(wa and wb) and (wa <= wb or wb <= wa)
