"""The claims ledger: who claimed, confirmed, denied or only reportedly said what.

``find_attributions`` reads every sentence of a spaCy ``Doc`` for attribution patterns ("X said",
"according to X", "X denied", "X called the statements lies", "reportedly", "could not be
verified") and names the speaker: a pronoun resolves to the most recent fitting speaker or actor,
a spokesperson to the body they speak for, a statement or tweet to whoever published it.
``claims_for`` picks the attributions that concern one event. The cue words are data
(``data/claims.json``); the rules are documented in docs/events_rules.md.
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
PARTITIVES = {"one", "some", "many", "several", "each", "most", "two", "three", "all", "none"}
QUOTATION = re.compile(r"[“\"]\s*\w+(?:\s+\w+){2,}[^”\"]*[”\"]")  # a quoted phrase of three words or more
# A wire dateline crediting its agency: "KYIV, Oct 17 (Agency) - ", "CITY (Agency) — "
WIRE_AGENCY = re.compile(r"^[A-Z][\w.'’-]*(?:[ ,/]+[A-Z][\w.'’-]*){0,4}(?:,\s+[^()\n]{3,30}?)?\s*"
                         r"\((?P<agency>[A-Z][^()\n]{1,40})\)\s*[-–—]{1,2}\s", re.MULTILINE)
LOOKBACK = 3  # sentences searched for a pronoun's antecedent
WINDOW = 3  # sentences after an evidence sentence searched for related claims


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
            )
        },
        unnamed=data["unnamed_source"],
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
    if any(t.ent_type_ == "PERSON" for t in toks) or (_lemma(head) in rules().roles and not _is_plural(head)):
        return "person"
    if any(t.ent_type_ in ("ORG", "NORP") for t in toks):
        return "group"
    return "group" if _is_plural(head) else "thing"


def _proper(toks: list) -> bool:
    """Whether a noun phrase names an organisation or group (a proper noun, no person or place)."""
    return (any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "NORP") for t in toks)
            and not any(t.ent_type_ in ("GPE", "LOC", "FAC", "PERSON") for t in toks))


def _mentions(sent, canon: Canonical) -> list[_Mention]:
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
        out.append(_Mention(canon(text) or text, kind, _is_plural(head), head.i, proper))
    return out


def full_names(sent) -> dict[str, str]:
    """Surname -> full name for the people named in full in a sentence ("Grek" -> "Ivo Grek")."""
    idx = index(sent.doc)
    k = idx.sentence_of(sent.start)
    names = {e.text.split()[-1]: e.text for e in idx.sentence_ents[k] if e.label == "PERSON" and " " in e.text}
    for i in range(sent.start, sent.end):
        ent = idx.ents[i]
        if idx.pos[i] == "PROPN" and (ent is None or ent.label not in ("ORG", "GPE", "LOC")):
            tok = sent.doc[i]
            name = _proper_name(tok)
            if name and " " in name:
                names.setdefault(tok.text, name)
    return names


# ---------------------------------------------------------------- speakers


@dataclass
class _Context:
    doc: object
    canon: Canonical
    memory: _Memory
    mentions: list[_Mention]  # of the current sentence
    documents: dict[str, str]  # document-noun lemma -> by of its last attribution
    exclude: frozenset[str] = frozenset()
    speakers: list[_Mention] = field(default_factory=list)  # resolved speakers of the current sentence
    people: dict[str, str] = field(default_factory=dict)  # surname -> full name seen earlier
    affiliations: dict[str, str] = field(default_factory=dict)  # full name -> who they speak for
    outlet: str | None = None  # the outlet publishing the text

    def resolve(self, pronoun) -> str | None:
        """A pronoun's antecedent; possessives may point back within the sentence."""
        current = [m for m in self.mentions if m.at < pronoun.i] if pronoun.dep_ == "poss" else []
        return self.memory.resolve(pronoun.lower_, self.exclude, current)


def _affiliation(role, toks: list, ctx: _Context) -> str | None:
    """Who a spokesperson, official or commander speaks for (None when unknown or former)."""
    r = rules()
    before = [t for t in toks if t.i < role.i]
    if any(t.lower_ in r.former for t in before + list(role.children)):
        return None
    for child in role.children:
        if child.dep_ == "poss":
            return ctx.resolve(child) if child.lower_ in PRONOUNS else clean_phrase(ctx.doc, phrase(child))
    names = [t for t in before if t.pos_ in ("PROPN", "NOUN") or t.ent_type_ in ("ORG", "NORP", "GPE")]
    if names:  # "Taliban spokesman", "army spokesperson", "Ruritanian army commander", "civil society leaders"
        first = min([names[0].i] + [c.i for c in names[0].lefts if c.dep_ == "amod" and c.lower_ not in r.former])
        return clean_phrase(ctx.doc, [t for t in before if t.i >= first])
    for child in role.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "from", "with", "at"):
            for obj in child.children:
                if obj.dep_ == "pobj" and (obj.ent_type_ not in ("GPE", "LOC") or ctx.canon(obj.text)):
                    return clean_phrase(ctx.doc, phrase(obj))
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
        return ctx.documents.get(_lemma(head))
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
    """Canonical (or cleaned surface) name of whoever the noun phrase at ``head`` denotes."""
    r = rules()
    if head.lower_ in PRONOUNS:
        return ctx.resolve(head)
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if head.lower_ in PARTITIVES and of is not None:  # "one of the leaders of the Front"
        obj = next((c for c in of.children if c.dep_ == "pobj"), None)
        return speaker(obj, ctx) if obj is not None else None
    if head.pos_ == "PRON":
        return None
    toks = phrase(head)
    if _group_anaphor(head, toks):  # "the group said": the group named last
        current = [m for m in ctx.mentions if m.at < head.i]
        if found := ctx.memory.named_group(ctx.exclude, current):
            return found
    if _lemma(head) in r.documents and (found := _publisher(head, ctx)):
        return found
    role = next((t for t in toks if _lemma(t) in r.roles), None)
    name = _entity_at(head) or _named_in(head)
    if head.pos_ == "PROPN" and (name or head.text) in ctx.people:  # "Grek" after "Ivo Grek"
        name = ctx.people[name or head.text]
    if role is not None and (found := _affiliation(role, toks, ctx)):
        by = (ctx.canon(name) if name else None) or ctx.canon(found) or found
        if name:
            ctx.affiliations[name] = by  # "the Front's commander, Ivo Grek": Grek speaks for the Front
        return by
    if name in ctx.affiliations:
        return ctx.affiliations[name]
    text = name or clean_phrase(ctx.doc, toks)
    return (ctx.canon(text) or text) if text else None


# ---------------------------------------------------------------- attribution patterns


def _subject(verb):
    """The subject of a speech verb, borrowed from the governing verb for conj/'saying'/xcomp."""
    tok = verb
    for _ in range(3):
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None or tok.dep_ not in ("conj", "advcl", "xcomp"):
            return subj
        tok = tok.head
    return None


def _trailing_subject(verb, subj, sent):
    """The speaker of a sentence-final "..., residents and a local group said." when the parser
    took a noun of the reported clause as the subject: the first noun after the last comma."""
    if subj is None or verb.dep_ not in ("ROOT", "parataxis"):
        return subj
    lower = index(sent.doc).lower
    commas = [i for i in range(max(sent.start, subj.i + 1), min(sent.end, verb.i)) if lower[i] == ","]
    if not commas:
        return subj
    between = sent.doc[commas[-1] + 1 : verb.i]
    nouns = [t for t in between if t.pos_ in ("NOUN", "PROPN", "PRON")]
    if not nouns or any(t.pos_ in ("VERB", "AUX") for t in between):
        return subj
    return nouns[0]


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
    stance = r.speech.get(lemma)
    if stance is None:
        return None
    if _negated(verb):
        return "denies" if stance == "confirms" else None  # "did not concede defeat"
    if subj is not None and subj.dep_ == "nsubjpass" and not any(c.dep_ == "agent" for c in verb.children):
        # "he is said to have fled"; "45 wounded were admitted" is no confirmation
        return "reports_unverified" if stance == "claims" else None
    if subj is not None and _lemma(subj) in r.report_nouns and not _sourced(subj):
        return "reports_unverified"  # "reports say"
    return stance


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
    return idx.pos[i] in ("VERB", "AUX") and (
        lemma in r.speech or lemma in r.labelling or lemma in r.verification or lemma in r.surfacing
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
        found.append(Attribution(by, stance, text[span[0] : span[1]], *span, sent.start_char, cue, said))

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
        if lemma in r.verification and stance == "reports_unverified" and passive and ctx.outlet:
            by, said = ctx.outlet, ""  # "the figures could not be independently verified": the outlet says so
        elif stance == "reports_unverified" and (passive or _lemma(subj) in r.report_nouns):
            by, said = (_publisher(subj, ctx) if subj is not None else None) or r.unnamed, ""
        elif subj is not None:
            if stance == "denies":  # the denier is not the claimant
                ctx.exclude = frozenset(a.by for a in previous if a.stance != "denies")
            by, said = speaker(subj, ctx), clean_phrase(doc, phrase(subj)) or subj.text
            ctx.exclude = frozenset()
        else:
            continue
        if not by:
            continue
        if lemma in r.neutral and stance == "claims":  # "'...,' he said" continues his denial
            prior = next((a for a in reversed(previous + found) if a.by == by), None)
            if (prior is not None and prior.stance == "denies" and prior.cue not in r.neutral
                    and prior.sentence_start >= _previous_start(sent)):
                stance = prior.stance
        add(by, stance, _quote_span(verb, subj, sent), lemma, said)
        cue_heads.add(verb.i)
        if subj is not None and by != r.unnamed:
            kind = PRONOUNS.get(subj.lower_) or _kind(subj, phrase(subj))
            plural = _is_plural(subj) or subj.lower_ == "they"
            ctx.speakers.append(_Mention(by, kind, plural, subj.i, _proper(phrase(subj))))
        if subj is not None and _lemma(subj) in r.documents:
            ctx.documents[_lemma(subj)] = by

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
    return _tidy(found)


def _quoted(sent, previous: list[Attribution]) -> list[Attribution]:
    """A sentence quoting words ("... have defected") right after a speaker's attribution: theirs."""
    if not previous or not QUOTATION.search(sent.text):
        return []
    a = previous[-1]
    quote = sent.text.strip()
    start = sent.start_char + sent.text.index(quote)
    return [Attribution(a.by, "claims", quote, start, start + len(quote), sent.start_char, "quote", a.speaker)]


def _previous_start(sent) -> int:
    """Start of the sentence before ``sent`` (its own start when it is the first)."""
    idx = index(sent.doc)
    k = idx.sentence_of(sent.start)
    return idx.starts[k - 1] if k > 0 else sent.start_char


def _tidy(found: list[Attribution]) -> list[Attribution]:
    """Quotes stripped of surrounding space; one attribution per speaker and stance when nested."""
    out: list[Attribution] = []
    for a in found:
        lead = len(a.quote) - len(a.quote.lstrip())
        quote = a.quote.strip()
        a = Attribution(a.by, a.stance, quote, a.start + lead, a.start + lead + len(quote), a.sentence_start, a.cue, a.speaker)
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
    memory = _Memory()
    documents: dict[str, str] = {}
    out: list[Attribution] = []
    people: dict[str, str] = {}
    affiliations: dict[str, str] = {}
    last: list[Attribution] = []
    for sent in index(doc).sentences(doc):
        ctx = _Context(doc, canon, memory, _mentions(sent, canon), documents, people=people, affiliations=affiliations,
                       outlet=outlet)
        found = _sentence(sent, ctx, out[-8:]) or _quoted(sent, last)
        out.extend(found)
        last = [a for a in found if a.by != rules().unnamed]
        memory.sentences.append(ctx.speakers + ctx.mentions)
        people.update(full_names(sent))
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
    """Claims about one event: its sentences' attributions, then related ones nearby.

    A nearby attribution (the next few sentences, or the same paragraph) counts when it takes a
    stance (denies, confirms, reports_unverified), refers back to the event ("the capture", "the
    statements"), or comes from a speaker quoted in the event's sentences; a linked speaker's
    next sentence ("'...,' he added") is linked too. The sentences of the document's other
    events (``other_event_starts``) are theirs: their attributions are never linked nearby.
    """
    idx = index(doc)
    starts = idx.starts
    index_of = {s: i for i, s in enumerate(starts)}
    evidence = {index_of[s] for s in event_sentence_starts if s in index_of}
    others = {index_of[s] for s in other_event_starts if s in index_of} - evidence
    text = idx.text
    near: set[int] = set()
    for i in evidence:
        near.update(range(i + 1, min(i + 1 + WINDOW, len(starts))))
        lo, hi = text.rfind("\n", 0, starts[i]), text.find("\n", starts[i])
        near.update(range(bisect.bisect_right(starts, lo), bisect.bisect_left(starts, hi) if hi >= 0 else len(starts)))
    near -= others
    speakers = {a.by for a in attributions if index_of.get(a.sentence_start) in evidence}
    chosen: dict[tuple, Claim] = {}
    said: dict[str, int] = {}  # speaker -> sentence of their last linked attribution
    for a in attributions:
        i = index_of.get(a.sentence_start)
        if i is None:
            continue
        related = a.stance != "claims" or a.by in speakers or refers_back(doc, a.start, a.end)
        follows = said.get(a.by, -2) >= i - 1 and i not in others
        if i in evidence or (i in near and related) or follows:
            chosen.setdefault((a.by, a.stance, a.start, a.end), Claim(a.by, a.stance, a.quote, a.start, a.end))
            said[a.by] = i
    return tuple(chosen.values())
