"""Event detection: trigger words in the dependency parse -> typed candidate events.

A trigger is a verb or noun of the lexicon (``data/event_triggers.json``) whose required
dependents are present ("take" needs territory, a person or weapons as its object). A trigger is
not an event when it is negated, under a modal, an intention ("vowed to fight", "ready to fight"),
a condition ("if they attack"), a habit ("usually"), inside a quotation, or tied to a date long
before the article (background history). The frame, the arguments (agent, target, "from"/"to"
parties, object) and the sentence's cue words then decide the ACLED event and sub-event type.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .. import timex
from ..records import Article, Place
from .actors import ActorContext, _is_definite, phrase_bounds, phrase_head, resolve
from .dates import statement_day, time_expressions
from .docindex import index
from .lexicon import ARMED_INTERS, Actor, Lexicon, VerbPattern

EVENT_TYPES = {
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Armed clash": "Battles",
    "Excessive force against protesters": "Protests",
    "Protest with intervention": "Protests",
    "Peaceful protest": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}
TERRITORY_FRAMES = frozenset({"seize", "regain", "fall", "expel", "handover"})
TERRITORY = frozenset({"Non-state actor overtakes territory", "Government regains territory", "Non-violent transfer of territory"})
ARMED_FRAMES = frozenset({"attack", "explode", "clash", "kill", "seize", "regain", "expel"})
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
PARTS = frozenset({"Disrupted weapons use", "Looting/property destruction"})
SPEECH_LINK = frozenset({"ccomp", "parataxis"})
OTHER_CLAUSE = frozenset({"relcl", "acl", "advcl", "appos"})
CLOSING = (".", "!", "”", '"', "’", "'", ")", ":", ";")
BULLETS = ("•", "*", "- ", "– ", "— ", "·")
DAYS = frozenset({"day", "days", "hours", "nights"})
HISTORY_DAYS = 60  # a date this many days before the article is background history
QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"))


@dataclass(frozen=True)
class Candidate:
    """One trigger that reports an event, with its type, arguments and places."""

    sentence: int  # index into DocState.sentences
    trigger: int  # token index
    frame: str
    event_type: str
    sub_event_type: str
    actor1: Actor | None
    actor2: Actor | None
    places: tuple[Place, ...] = ()  # several: one event per place
    anaphoric: bool = False  # "the fighting": an event already reported
    place_anaphor: str | None = None  # "the districts": the places of an earlier event
    explicit_date: bool = False
    count: int | None = None  # "three districts"
    refers_only: bool = False  # "the blockade near X has cut the road": adds to an event, never starts one
    claimed: bool = False  # "X claimed responsibility for the attack": the event just reported, whoever its victims
    own_account: bool = False  # "X said its fighters had attacked ...": only an event X is already named for


@dataclass
class DocState:
    """One document prepared for detection: sentences, quotes, dates, actor mentions."""

    article: Article
    doc: object
    places: tuple[Place, ...]
    lexicon: Lexicon
    anchor: dt.date | None = None
    sentences: list = field(default_factory=list)
    prose: list[bool] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)
    dated: list[bool] = field(default_factory=list)  # sentence has its own day/week expression
    history: list[list[tuple[int, int]]] = field(default_factory=list)  # old-date spans per sentence
    country: str | None = None
    actors: ActorContext | None = None
    sentence_of: dict[int, int] = field(default_factory=dict)  # first token index -> sentence index
    attributions: list | None = None  # the claims ledger's attributions, read once

    @classmethod
    def build(cls, article: Article, doc, places, lexicon: Lexicon) -> "DocState":
        state = cls(article, doc, tuple(places), lexicon)
        exprs = time_expressions(doc)  # the body's expressions, found once per Doc
        state.anchor = _iso_date(article.published) or text_anchor(exprs)
        state.sentences = list(doc.sents)
        state.sentence_of = {s.start: i for i, s in enumerate(state.sentences)}
        title = (article.title or "").strip().lower()
        state.prose = [_is_prose(s, title) for s in state.sentences]
        state.quotes = quote_spans(article.body)
        anchor_iso = state.anchor.isoformat() if state.anchor else None
        found = lexicon.find_actors(article.body, anchor_iso)
        state.country = focus_country(p for p in state.places if not any(s <= p.start < e for s, e, _ in found))
        body = article.body  # names that stand for a local branch ("Islamic State") take the focus country's
        mentions = [(s, e, lexicon.actor(body[s:e], anchor_iso, state.country) or a) for s, e, a in found]
        state.actors = ActorContext(lexicon, body, anchor_iso, state.country, mentions)
        state.actors.place_countries = {p.start: p.country_code for p in state.places if p.kind == "country" and p.country_code}
        state._time_expressions(exprs)
        return state

    def _time_expressions(self, exprs) -> None:
        starts = [s.start_char for s in self.sentences]
        self.dated = [False] * len(self.sentences)
        self.history = [[] for _ in self.sentences]
        j = 0
        for expr in exprs:
            while j + 1 < len(starts) and starts[j + 1] <= expr.start:
                j += 1
            if not self.sentences:
                break
            if _is_history(expr, self.anchor):
                self.history[j].append((expr.start, expr.end))
            elif expr.kind in ("date", "weekday", "relative", "range") and expr.relative_to != "event" \
                    and not statement_day(self.doc, expr, self.lexicon.classes["speech"]):
                self.dated[j] = True

    @property
    def anchor_iso(self) -> str | None:
        return self.anchor.isoformat() if self.anchor else None

    def in_quote(self, start: int, end: int | None = None) -> bool:
        end = start + 1 if end is None else end
        return any(a <= start and end <= b for a, b in self.quotes)

    def sentence_places(self, i: int) -> list[Place]:
        """Places of sentence ``i`` (and of the next one when a colon introduces it as a list)."""
        s = self.sentences[i]
        end = s.end_char
        if s.text.rstrip().endswith(":") and i + 1 < len(self.sentences):
            end = self.sentences[i + 1].end_char
        return [p for p in self.places if s.start_char <= p.start < end]


def _iso_date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((text or "")[:10])
    except ValueError:
        return None


def text_anchor(exprs) -> dt.date | None:
    """Without a publication date: the latest full date written in the text, else the end of its latest year."""
    days = [dt.date(e.year, e.month, e.day) for e in exprs if e.kind == "date" and e.year and not e.offset_days]
    if days:
        return max(days)
    years = [e.year for e in exprs if e.kind in ("year", "month", "range") and e.year]
    return dt.date(max(years), 12, 31) if years else None


def _is_history(expr, anchor: dt.date | None) -> bool:
    if expr.kind == "decade":
        return True
    if expr.kind == "duration" and expr.unit in ("year", "decade"):
        return True
    if expr.year is None or anchor is None or expr.relative_to == "event":
        return False
    approx = dt.date(expr.year, expr.month or 12, min(expr.day or 28, 28))
    return (anchor - approx).days > HISTORY_DAYS


def _is_prose(sent, title: str) -> bool:
    """Headlines, captions and bullet summaries repeat the story: only prose sentences count."""
    text = sent.text.strip()
    if not text or text.startswith(BULLETS):
        return False
    if title and text.lower() in title:
        return False
    return text.endswith(CLOSING) and len(sent) >= 5


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted speech (between paired quotation marks)."""
    spans = []
    for open_, close in QUOTE_PAIRS:
        i = 0
        while (a := text.find(open_, i)) >= 0:
            b = text.find(close, a + 1)
            if b < 0:
                break
            if b - a > 2 and (open_ != '"' or "\n" not in text[a:b]):
                spans.append((a, b + 1))
            i = b + 1
    return sorted(spans)


def focus_country(places) -> str | None:
    """The country most places of the article lie in."""
    counts: dict[str, int] = {}
    for p in places:
        if p.country_code:
            counts[p.country_code] = counts.get(p.country_code, 0) + 1
    return max(counts, key=counts.get) if counts else None


# --- triggers -------------------------------------------------------------------------------------


def _words(tok) -> set[str]:
    return {tok.lower_, tok.lemma_.lower()}


def _forms(tok) -> set[str]:
    """The word, its lemma and naive stems (the tagger's lemma of "hoped" can be "hop")."""
    w = tok.lower_
    return {w, tok.lemma_.lower(), w[:-1], w[:-2], w[:-3]}


def _dependents(tok) -> list:
    """Particles, objects and prepositional objects of a verb (one level through prepositions)."""
    out = []
    for c in tok.children:
        if c.dep_ in ("prt", "dobj", "nsubjpass", "attr", "oprd", "dative", "acomp", "advmod", "npadvmod", "prep", "agent", "xcomp"):
            out.append(c)
            if c.dep_ in ("prep", "agent", "dobj"):
                out.extend(g for g in c.children if g.dep_ in ("pobj", "compound", "prep"))
                for g in c.children:
                    if g.dep_ == "prep":
                        out.extend(x for x in g.children if x.dep_ == "pobj")
    return out


def _arguments(tok, quantity: frozenset = frozenset()) -> list:
    """Objects and passive agent of a verb (with their conjuncts): what a word class must describe;
    through a quantity ("hundreds of protesters") to what it counts."""
    out = []
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative"):
            out.extend(_conjuncts(c))
            out.extend(g for g in c.children if g.dep_ == "compound")  # "a sit-in"
            if c.lower_ in quantity or c.pos_ == "NUM":
                out.extend(x for g in c.children if g.dep_ == "prep" and g.lower_ == "of" for x in g.children if x.dep_ == "pobj")
        elif c.dep_ == "agent":
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _satisfies(tok, pat: VerbPattern, state: DocState) -> bool:
    deps = _dependents(tok)
    if pat.forbid and any(_matches(d, pat.forbid, pat.forbid_class, state) for d in deps):
        return False
    if pat.need is None:
        return True
    where = _arguments(tok, state.lexicon.classes.get("quantity", frozenset())) if pat.need_class else deps
    return any(_matches(d, pat.need, pat.need_class, state) for d in where)


def _matches(tok, need: str, is_class: bool, state: DocState) -> bool:
    if not is_class:
        return need in _words(tok)
    if any(w in state.lexicon.classes.get(need, ()) for w in _words(tok)):
        return True
    if need == "territory" and tok.dep_ in ("dobj", "pobj", "nsubjpass"):
        start, end = phrase_bounds(tok)
        return any(start <= p.start < end for p in state.places)
    return False


def verb_frames(tok, state: DocState) -> list[str]:
    verbs = state.lexicon.verbs
    pats = next((verbs[f] for f in state.lexicon.verb_forms(tok.lower_, tok.lemma_.lower()) if f in verbs), ())
    frames = []
    for pat in pats:
        if pat.frame not in frames and _satisfies(tok, pat, state):
            frames.append(pat.frame)
    return frames


def noun_frame(tok, lex: Lexicon) -> str | None:
    if tok.i > tok.sent.start:
        prev = tok.doc[tok.i - 1]
        frame = lex.nouns.get(f"{prev.lower_} {tok.lower_}") or lex.nouns.get(f"{prev.lower_}-{tok.lower_}")
        if frame:
            return frame
    return lex.nouns.get(tok.lower_) or lex.nouns.get(tok.lemma_.lower())


def noun_is_event(tok, frame: str, lex: Lexicon) -> bool:
    """Whether a trigger noun reports something happening rather than naming a topic."""
    while tok.dep_ in ("conj", "appos", "compound") and tok.head.i != tok.i:
        tok = tok.head
    ev, head = lex.noun_events, tok.head
    if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in ev["subject_of"]:
        return True
    if tok.dep_ == "dobj" and head.lemma_.lower() in ev["object_of"] | ev["light_verbs"]:
        return True
    if frame in TERRITORY_FRAMES:
        if tok.dep_ == "pobj" and head.lower_ in ev["prep_state"]:
            return True  # "under rebel control"
        if tok.lower_ in ev["agent_of"]:
            return False  # "in control of the garrison": a state
        return _of_territory(tok, lex) and head.lower_ not in ("since", "after", "before", "until")
    if _occurs_after(tok, lex) or _responsibility(tok):
        return True
    if tok.dep_ == "pobj" and head.lower_ in ev["prep_of"]:
        governor = head.head
        if governor.lemma_.lower() in ev["harm_verbs"] or governor.lower_ in ev["harm_verbs"]:
            return True
    return False


def _occurs_after(tok, lex: Lexicon) -> bool:
    """The first verb after the noun says it happened ("protests ... took place"): robust to misparses."""
    sent_end = tok.sent.end
    for t in tok.doc[tok.i + 1 : min(tok.i + 9, sent_end)]:
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            nxt = tok.doc[t.i + 1].lower_ if t.i + 1 < sent_end else ""
            lemma = t.lemma_.lower()
            return lemma in lex.occurrence_verbs or f"{lemma} {nxt}" in lex.occurrence_verbs
    return False


def _dated_back(tok, lex: Lexicon) -> bool:
    """"..., a day after the rebels took control": dated from another event, mostly the one reported
    before; it joins that report if one fits."""
    children = list(tok.children)
    return any(c.dep_ == "mark" and c.lower_ == "after" for c in children) and any(
        c.dep_ == "npadvmod" and c.lower_ in lex.classes["offset_units"] for c in children)


def _definite_subject(tok) -> bool:
    """"The blockade ... has cut the road": a definite trigger noun as a subject refers to a reported event."""
    return tok.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


def _of_territory(tok, lex: Lexicon) -> bool:
    """"the capture of <place or territory noun>"."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj" and (g.pos_ == "PROPN" or _words(g) & lex.classes["territory"]):
                    return True
    return False


# --- blockers -------------------------------------------------------------------------------------


def _clause_chain(tok):
    """The trigger and the heads it depends on, up to a reporting verb, another clause or the root."""
    chain = [tok]
    while tok.head.i != tok.i:
        link, tok = tok.dep_, tok.head
        if link in SPEECH_LINK or link in OTHER_CLAUSE:
            break
        chain.append(tok)
    return chain


def _forceful_dispersal(tok, lex: Lexicon) -> bool:
    """"fired tear gas to disperse the crowd": the force was used, so the dispersal is reported."""
    if not any(p.frame == "disperse" for p in lex.verbs.get(lex.lemma(tok), ())):
        return False
    inside = {t.i for t in tok.subtree}
    return lex.cue("intervention", " ".join(t.text for t in tok.head.subtree if t.i not in inside))


def blocked(tok, state: DocState, sent_index: int) -> bool:
    """Negation, modality, intention, condition, habit, question, quotation or old date."""
    lex = state.lexicon
    b = lex.blockers
    if state.in_quote(tok.idx):
        return True
    sent = state.sentences[sent_index]
    if sent.text.rstrip().endswith("?"):
        return True
    if tok.dep_ in ("acl", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and not _forceful_dispersal(tok, lex):
        return True  # "launched an offensive to retake the town": a purpose, not a report
    if tok.tag_ == "VBG" and tok.head.lower_ == "of" and tok.head.head.lower_ in b["time_units"] | DAYS:
        return True  # "after days of fighting": a description, not a report
    if tok.pos_ == "NOUN" and any(c.dep_ in ("amod", "advmod") and c.lower_ in b["past"] for c in tok.children):
        return True  # "earlier fighting": background
    if any(c.dep_ == "prep" and c.lower_ in ("for", "over") and any(
            g.dep_ == "pobj" and g.lower_ in b["time_units"] for g in c.children) for c in tok.children):
        return True  # "have besieged the town for a year": a state, not an event
    if _perfect(tok) and _large_toll(tok) and not state.dated[sent_index] and not state.sentence_places(sent_index):
        return True  # "it has killed more than 6,000 people": a war's toll with no day and no place
    if _state_since(tok) or _running_total(tok, b):
        return True  # "has besieged it since May", "have killed hundreds this year": a state or a tally
    if _simple_present(tok, lex) or _simple_present(_participle_head(tok), lex):
        return True  # "its air operations target militants": a generic present, not a report
    if tok.dep_ == "amod" and tok.tag_ == "VBN":
        return True  # "the jailed drug lord": a past event named in passing
    if tok.lower_ == "control" and tok.head.lower_ == "under" and tok.head.head.lemma_.lower() in ("bring", "keep") \
            and not any(c.dep_ in ("compound", "poss") for c in tok.children):
        return True  # "the situation was brought under control": order restored, no territory taken
    if tok.pos_ == "NOUN" and _whose(tok):
        return True  # "the farmer whose reported abduction set off the violence": said of someone, not reported
    if tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in b["aggregate"]:
        return True  # "the latest in a wave of raids on villages": many events summed up
    if _hearsay(tok, b):
        return True  # "rumours spread that a farmer had been abducted"
    chain = _clause_chain(tok)
    if any(c.dep_ == "mark" and c.lower_ == "since" for t in chain for c in t.children):
        return True  # "since rebels launched an offensive in October": a reference point, not a report
    for i, t in enumerate(chain):
        if i and _forms(t) & b["intention"]:
            return True
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and c.lower_ in b["negation"]):
                return True
            if c.dep_ == "aux" and c.lower_ in b["modal"]:
                return True
            if c.dep_ == "mark" and c.lower_ in b["hypothetical"]:
                return True
            if c.dep_ == "advmod" and c.lower_ in b["generic_time"] and i <= (1 if tok.pos_ == "NOUN" else 0):
                return True
    return _historical(tok, chain, state, sent_index)


def _simple_present(tok, lex: Lexicon) -> bool:
    """A verb in the simple present by its form, not only its tag (the tagger reads "retook" as VBP)."""
    if tok.tag_ not in ("VBZ", "VBP") or tok.lower_ in SAME_PAST or any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        return False
    lemma, form = lex.lemma(tok), tok.lower_
    return form in (lemma, lemma + "s", lemma + "es") or lemma.endswith("y") and form == lemma[:-1] + "ies"


def _own_words(trig) -> str:
    """The trigger with its own arguments, without the clauses hanging from it ("warplanes struck X,
    hours after the group fired a missile": the missile is the other event's)."""
    keep = [trig]
    for c in trig.children:
        if c.dep_ not in ("advcl", "ccomp", "relcl", "parataxis", "conj", "xcomp", "acl"):
            keep.extend(c.subtree)
    return " ".join(t.text for t in sorted(keep, key=lambda t: t.i))


def _without_weapon_names(text: str, lex: Lexicon) -> str:
    """The sentence without weapon names that are no instrument of their own ("rocket-propelled
    grenade launcher" is not a hand grenade)."""
    return _names_regex(lex.blockers["not_instruments"]).sub(" ", text)


@lru_cache(maxsize=4)
def _hearsay_regex(words: frozenset[str]) -> re.Pattern:
    """"rumours spread that ...": a hearsay noun, then "that" in the same clause."""
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(words)))})s?\b[^,;]*\bthat\b")


@lru_cache(maxsize=4)
def _names_regex(names: frozenset[str]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))) or "(?!)", re.IGNORECASE)


def _participle_head(tok):
    """The verb a participle clause hangs from ("fighters move through the area, looting and killing")."""
    if tok.tag_ != "VBG":
        return tok
    while tok.dep_ in ("advcl", "xcomp", "conj", "dobj") and tok.head.i != tok.i:
        tok = tok.head  # "..., looting food and killing civilians": the parser may hang "killing" on "food"
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ != "VBG":
            break
    return tok


def _whose(noun) -> bool:
    """"the farmer whose (reported) abduction ...": the noun describes someone (the parser may hang
    "whose" on the noun or on its relative clause)."""
    if any(c.lower_ == "whose" for c in noun.children):
        return True
    verb = noun.head
    return verb.dep_ == "relcl" and noun.dep_ in ("dobj", "nsubj") and any(c.lower_ == "whose" for c in verb.children)


def _perfect(tok) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in tok.children)


def _large_toll(tok) -> bool:
    """The object counts hundreds or more ("more than 6,000 people", "thousands")."""
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        for t in obj.subtree:
            if t.lower_ in ("hundreds", "thousands", "millions") or t.like_num and t.text.replace(",", "").isdigit() \
                    and int(t.text.replace(",", "")) >= 100:
                return True
    return False


def _running_total(tok, blockers) -> bool:
    """A perfect verb over a running period ("have killed hundreds of bandits this year", "so far",
    "in recent months"): a tally of many events, not one ("air strikes have killed ...": its subject)."""
    if tok.dep_ == "nsubj" and tok.pos_ == "NOUN":
        tok = tok.head
    if not _perfect(tok):
        return False
    units = blockers["time_units"]
    for c in tok.children:
        words = [t.lower_ for t in c.subtree]
        if c.dep_ in ("npadvmod", "advmod", "prep") and any(w in units for w in words) and any(
                w in ("this", "recent", "past", "last") for w in words):
            return True
        if c.dep_ == "advmod" and c.lower_ == "far" and any(g.lower_ == "so" for g in c.children):
            return True
    return False


def _hearsay(tok, blockers) -> bool:
    """The trigger's clause hangs from a rumour or speculation noun ("rumours spread that ...")."""
    before = tok.doc[tok.sent.start : tok.i].text.lower()
    if _hearsay_regex(blockers["hearsay"]).search(before):
        return True
    t = tok
    while t.head.i != t.i:
        t = t.head
        if t.pos_ == "NOUN" and t.lemma_.lower() in blockers["hearsay"]:
            return True
        if t.pos_ == "VERB" and t.dep_ not in ("ccomp", "acl", "relcl", "xcomp", "conj"):
            break
    return any(c.lemma_.lower() in blockers["hearsay"] and c.dep_ in ("nsubj", "nsubjpass") for c in t.children)


def _non_lethal(tok, lex: Lexicon) -> bool:
    """Firing or launching tear gas, rubber bullets or stun grenades."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(lex.cue("intervention", " ".join(t.text for t in o.subtree)) for o in objects)


def _state_since(tok) -> bool:
    """A perfect verb counted from a month or a year ("has held the town since May", "have
    blockaded it since 2022"): what has been going on, not what happened (a day is news: "since Monday")."""
    if not any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in tok.children):
        return False
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "since":
            exprs = timex.find_time_expressions(" ".join(t.text for t in c.subtree))
            if exprs and all(e.kind in ("month", "year", "decade") for e in exprs):
                return True
    return False


def _historical(tok, chain, state: DocState, sent_index: int) -> bool:
    spans = state.history[sent_index]
    if not spans:
        return False
    doc = tok.doc
    heads = {t.i for t in chain}
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        t = span.root
        while t.head.i != t.i and t.i not in heads and t.dep_ not in OTHER_CLAUSE:
            t = t.head
        if t.i in heads:
            return True
    return not state.dated[sent_index]


# --- arguments ------------------------------------------------------------------------------------


@dataclass
class Args:
    agents: list = field(default_factory=list)
    patients: list = field(default_factory=list)
    preps: dict = field(default_factory=dict)  # preposition -> objects


def _conjuncts(tok) -> list:
    return [tok, *[c for c in tok.conjuncts if c.pos_ in ("NOUN", "PROPN", "PRON")]]


def _prep_objects(tok, args: Args) -> None:
    for c in tok.children:
        if c.dep_ in ("prep", "agent"):
            for g in c.children:
                if g.dep_ == "pobj":
                    args.preps.setdefault(c.lower_, []).extend(_conjuncts(g))
                elif g.dep_ == "prep":  # "out of", "away from"
                    for x in g.children:
                        if x.dep_ == "pobj":
                            args.preps.setdefault(g.lower_, []).extend(_conjuncts(x))


DASHES = frozenset({"-", "–", "—", "--"})
SAME_PAST = frozenset({"beat", "hit", "set", "cut", "put", "shut", "burst", "spread", "cast", "hurt", "shed", "split"})


def _past_dateline(subject):
    """"KABUL, May 3 (Agency) — Gunmen killed ...": the parser takes the dateline's city for the
    subject and the real one for its apposition; the apposition after the dash is the subject."""
    lead = subject.doc[subject.sent.start : subject.i + 1].text
    if not (subject.text.isupper() and len(subject.text) > 1 and not any(c.islower() for c in lead)):
        return subject  # the subject ends an all-capitals dateline ("PORT-AU-PRINCE, Haiti" too)
    dash = next((t for t in subject.sent if t.text in DASHES), None)
    after = [c for c in subject.children if c.dep_ == "appos" and dash is not None and c.i > dash.i]
    return after[0] if after else subject


def verb_args(tok) -> Args:
    args = Args()
    for c in tok.children:
        if c.dep_ in ("nsubj", "csubj"):
            args.agents.extend(_conjuncts(_past_dateline(c)))
        elif c.dep_ in ("dobj", "nsubjpass"):
            args.patients.extend(_conjuncts(c))
    _prep_objects(tok, args)
    args.agents.extend(args.preps.pop("by", []) if any(c.dep_ == "agent" for c in tok.children) else [])
    if not args.agents:
        h = tok
        while h.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp", "prep") and h.head.i != h.i:
            h = h.head
            controller = next((c for c in h.head.children if c.dep_ == "dobj"), None) if h.dep_ == "prep" else None
            if h.lower_ in ("of", "for") and controller is not None:  # "accused the army of killing"
                args.agents.extend(_conjuncts(controller))
                break
            subject = next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                args.agents.extend(_conjuncts(subject))
                break
        if not args.agents and tok.dep_ in ("relcl", "acl"):
            args.agents.append(tok.head)
    if not args.agents and args.patients:  # "15 were killed when shells fired by X hit the market"
        heads = [tok, *(c for c in tok.children if c.dep_ == "conj")]  # "killed and dozens were injured when ..."
        when = next((c for h in heads for c in h.children if c.dep_ == "advcl" and any(
            m.lower_ in ("when", "as") and m.dep_ in ("advmod", "mark") for m in c.children)), None)
        subject = next((c for c in when.children if c.dep_ == "nsubj"), None) if when is not None else None
        if subject is not None:
            args.agents.extend(_conjuncts(subject))
    return args


def noun_args(tok, frame: str, lex: Lexicon) -> Args:
    args = Args()
    _prep_objects(tok, args)
    if tok.dep_ in ("nsubj", "nsubjpass"):  # "fighting broke out between A and B"
        verb = Args()
        _prep_objects(tok.head, verb)
        for prep in ("between", "with", "against", "by"):
            args.preps.setdefault(prep, verb.preps.get(prep, []))
    ev = lex.noun_events
    for c in tok.children:
        if c.dep_ == "poss":
            patient = frame in ev["patient_poss"] and "of" not in args.preps
            (args.patients if patient else args.agents).append(c)
        elif c.dep_ in ("compound", "amod", "nmod") and (
            c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "GPE") or c.lower_ in lex.generic
            or c.ent_type_ == "NORP" and frame in ARMED_FRAMES  # "an Israeli air strike", not "British protests"
        ):
            args.agents.append(c)
    args.agents.extend(args.preps.pop("by", []))
    if tok.lower_ in ev["agent_of"]:
        args.agents.extend(args.preps.pop("of", []))
    between = args.preps.pop("between", [])
    args.agents.extend(between[:1])
    args.patients.extend(between[1:])
    if (frame in TERRITORY_FRAMES or frame in ev["patient_poss"]) and "of" in args.preps:
        args.patients.extend(args.preps.pop("of"))  # "the capture of X", "the killing of five civilians"
    if not args.agents and tok.dep_ == "dobj" and tok.head.lemma_.lower() in ev["light_verbs"]:
        args.agents.extend(c for c in tok.head.children if c.dep_ == "nsubj")
    if not args.agents and _responsibility(tok):  # "X claimed responsibility for the attack"
        verb = tok.head if tok.dep_ == "dobj" else tok.head.head.head
        args.agents.extend(c for c in verb.children if c.dep_ == "nsubj")
    return args


def _event_subject(args: Args, lex: Lexicon):
    """The event noun a toll is told of: "the strikes on X killed three", "fighting near X killed eight"."""
    return next((t for t in args.agents if (t.pos_ == "NOUN" or t.tag_ == "VBG") and noun_frame(t, lex) is not None), None)


def _own_account(tok, actor1: Actor | None, state: DocState, country: str | None) -> bool:
    """"JNIM said in a statement that its fighters had attacked a position": a side's own account
    (its speaker is the actor), which refers to an attack reported around it when it names no place."""
    if actor1 is None:
        return False
    t = tok
    while t.dep_ in ("conj", "xcomp", "dobj", "pobj", "prep", "nsubj", "nsubjpass") and t.head.i != t.i:
        t = t.head
    verb = t.head
    if t.dep_ != "ccomp" or verb.lemma_.lower() not in state.lexicon.classes.get("speech", ()):
        return False
    speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    said = resolve(speaker, state.actors, state.anchor_iso, country) if speaker is not None else None
    return said is not None and said.name == actor1.name


def _responsibility(tok) -> bool:
    """"X claimed responsibility for the attack", "X claimed the attack"."""
    prep = tok.head
    if tok.dep_ == "dobj" and prep.lemma_.lower() == "claim":
        return True
    return tok.dep_ == "pobj" and prep.lower_ == "for" and prep.head.lemma_.lower() in ("responsibility", "credit")


# --- typing ---------------------------------------------------------------------------------------


def _object_class(tok, state: DocState) -> str | None:
    lex = state.lexicon
    start, end = phrase_bounds(tok)
    if any(start <= p.start < end for p in state.places):
        return "territory"
    head = phrase_head(tok)
    for cls in ("territory", "weapon", "person", "property"):
        if _words(head) & lex.classes[cls]:
            return cls
    return None


def _victim_class(actor: Actor | None, tok, state: DocState) -> str | None:
    if actor is not None:
        if actor.inter == "Civilians":
            return "civilians"
        if actor.inter == "Protesters":
            return "protesters"
        if actor.inter in ARMED_INTERS:
            return "armed"
    if tok is None:
        return None
    head = phrase_head(tok)
    words = _words(head)
    lex = state.lexicon
    if head.lower_ in ("he", "she", "him", "her"):
        return "civilians"
    if words & lex.classes["protest"]:
        return "protesters"
    if words & lex.classes["armed"]:
        return "armed"
    if words & lex.classes["property"]:
        return "property"
    if _object_class(tok, state) == "territory":
        return "territory"
    if words & lex.classes["person"]:
        return "civilians"
    return None


def _is_armed(actor: Actor | None) -> bool:
    return actor is not None and actor.inter in ARMED_INTERS


def _territory_type(actor1: Actor | None, actor2: Actor | None, text: str, lex: Lexicon) -> str:
    if lex.cue("nonviolent", text):
        return "Non-violent transfer of territory"
    if actor1 is not None and actor1.inter == "State forces":  # the state's own forces (not a foreign army)
        return "Government regains territory"
    if actor1 is None and actor2 is not None and actor2.inter != "State forces":
        return "Government regains territory"
    return "Non-state actor overtakes territory"


def _violence_type(frame, actor1, actor2, victim, instrument, text, lex) -> str | None:
    if instrument:
        return instrument
    if victim == "protesters":  # a de facto authority's security arm policing a protest intervenes like a state's
        if actor1 is not None and actor1.inter != "State forces" and not actor1.authority:
            return "Mob violence"
        return "Excessive force against protesters" if lex.cue("excessive", text) else "Protest with intervention"
    if lex.cue("violent_demo", text) and (actor1 is not None and actor1.inter in ("Protesters", "Rioters") or
                                           actor1 is None and _crowd_words(text, lex)):
        return "Violent demonstration"  # "burned inside their house" alone is no demonstration
    if actor1 is not None and actor1.inter == "Rioters" or lex.cue("mob", text) and not _is_armed(actor1):
        return "Mob violence"
    if victim in ("civilians", "property") or (victim == "territory" and actor1 is not None and actor1.inter != "State forces"):
        return "Attack" if victim != "property" or frame == "kill" else "Looting/property destruction"
    if victim in ("armed", "territory") or _is_armed(actor2):
        return "Armed clash" if _is_armed(actor1) or actor1 is None else None
    if frame == "attack" and _is_armed(actor1):
        return "Armed clash"
    return None


def _crowd_words(text: str, lex: Lexicon) -> bool:
    """A protest or crowd named, or objects crowds throw."""
    words = set(re.findall(r"[a-z-]+", text.lower()))
    return bool(words & lex.classes["protest"]) or lex.cue("crowd_missiles", text)


def _protest_type(text: str, lex: Lexicon) -> str:
    if lex.cue("violent_demo", text):
        return "Violent demonstration"
    if lex.cue("excessive", text):
        return "Excessive force against protesters"
    if lex.cue("intervention", text):
        return "Protest with intervention"
    return "Peaceful protest"


def classify(frame: str, trig, args: Args, state: DocState, country: str | None):
    """(sub-event type, actor1, actor2, object token) for one trigger, or None if it is no event."""
    lex, actx, date = state.lexicon, state.actors, state.anchor_iso
    text = trig.sent.text
    if frame in ("explode", "attack") and _non_lethal(trig, lex):  # "police fired tear gas shells": crowd control
        if not (args.preps.get("at") or any(o.ent_type_ not in ("DATE", "TIME") for o in args.preps.get("on", []))):
            return None  # "fired water cannon to disperse them": the dispersal is the report
        frame = "disperse"

    def actor(tokens, exclude=()):
        for t in tokens:
            a = resolve(t, actx, date, country, set(exclude))
            if a is not None:
                return a
        return None

    agent = actor(args.agents)
    patient_toks = args.patients
    obj = patient_toks[0] if patient_toks else None
    excl = {agent.name} if agent else set()
    p = args.preps
    if frame in ("seize", "regain"):
        cls = _object_class(obj, state) if obj is not None else ("territory" if frame == "regain" else None)
        if cls == "person" and frame == "seize":
            return classify("detain", trig, args, state, country)
        if obj is not None and cls is None and actor([obj], excl) is None:
            return None  # "brought the situation under control": no territory changed hands
        if obj is None and (p.get("from") and actor(p["from"], excl) is not None
                            or not state.sentence_places(state.sentence_of[trig.sent.start])):
            return None  # "took over from the Wagner group": a role, not a place
        if cls == "weapon":
            return "Disrupted weapons use", agent, actor(p.get("from", []), excl), obj
        if cls != "territory" and not (cls is None and (p.get("from") or trig.pos_ == "NOUN")):
            return None
        opp = actor(p.get("from", []) + [t for t in patient_toks if _victim_class(None, t, state) == "armed"], excl)
        return _territory_type(agent, opp, text, lex), agent, opp, obj
    if frame == "fall":
        taker = actor(p.get("to", []) + p.get("into", []) + p.get("of", []))
        subj = next((t for t in args.agents), None)
        if subj is not None and _object_class(subj, state) != "territory":
            return None
        return _territory_type(taker, None, text, lex), taker, None, subj
    if frame == "expel":
        if agent is None and not p.get("from") and not p.get("of"):
            return None  # "French troops were expelled": by no one from nowhere, politics not a battle
        opp = actor(patient_toks, excl)
        return _territory_type(agent, opp, text, lex), agent, opp, None
    if frame == "handover":
        taker = actor(p.get("to", []))
        return "Non-violent transfer of territory", taker, agent, obj
    if frame == "clash":
        other = actor(p.get("with", []) + p.get("against", []) + patient_toks, excl)
        if agent is None and len(args.agents) > 1:
            agent = actor(args.agents[:1])
        for a in (agent, other):
            if a is not None and a.inter in ("Protesters", "Rioters"):
                return "Violent demonstration", a, other if a is agent else agent, None
        if agent is not None and not _is_armed(agent) and agent.kind != "generic":
            return None
        return "Armed clash", agent, other, None
    if frame in ("attack", "kill", "explode"):
        targets = patient_toks + p.get("on", []) + p.get("against", []) + p.get("at", []) + p.get("upon", [])
        victim_actor = actor(targets, excl)
        victim = _victim_class(victim_actor, targets[0] if targets else None, state)
        instrument = lex.instrument(trig.lower_ if frame == "explode" and trig.pos_ == "NOUN" else "") or lex.instrument(
            _without_weapon_names(_own_words(trig), lex)) or lex.instrument(_without_weapon_names(text, lex))
        if frame == "explode" and not instrument:
            instrument = "Air/drone strike" if trig.lemma_ in ("bomb", "bombard") else "Remote explosive/landmine/IED"
        if (frame == "kill" and not instrument and not _is_armed(agent) and lex.cue("mob_blows", trig.text)
                and lex.cue("to_death", text)):  # "men armed with sticks beat a trader to death": a mob
            return "Mob violence", lex.generic_actor("rioters", country, date), victim_actor or lex.generic_actor("civilians", country, date), None
        if frame == "kill" and agent is None and not instrument and victim not in ("civilians", "protesters"):
            return None
        if agent is None and any(phrase_head(t).lower_ in lex.blockers["abstract_agents"] and t.dep_ == "nsubj"
                                 for t in args.agents):
            return None  # "the war has killed tens of thousands": a toll, not an event
        if frame == "kill" and not args.agents and trig.dep_ != "advcl" and not instrument and not state.sentence_places(state.sentence_of[trig.sent.start]):
            return None
        if trig.lemma_ == "strike" and trig.pos_ == "NOUN" and not instrument and agent is not None and agent.kind == "state":
            instrument = "Air/drone strike"  # "Israeli strikes": a state's strikes are from the air
        definite = any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their") for c in trig.children)
        if frame == "attack" and not definite and victim is None and victim_actor is None and not instrument:
            return None  # "gunmen opened fire": the target decides the type (the killing that follows says it)
        sub = _violence_type(frame, agent, victim_actor, victim, instrument, text, lex)
        if sub is None:
            return None
        if sub in ("Attack",) and victim_actor is None:
            victim_actor = lex.generic_actor("civilians", country, date)
        if EVENT_TYPES[sub] in ("Protests", "Riots") and sub != "Mob violence":
            crowd = "rioters" if sub == "Violent demonstration" else "protesters"
            return sub, lex.generic_actor(crowd, country, date), agent if _is_armed(agent) else None, None
        return sub, agent, victim_actor, None
    if frame == "abduct":
        victim = actor(patient_toks, excl) or lex.generic_actor("civilians", country, date)
        return "Abduction/forced disappearance", agent, victim, None
    if frame == "detain":
        if obj is not None and _object_class(obj, state) in ("territory", "weapon"):
            return None
        detainee = actor(patient_toks, excl)
        if detainee is None and patient_toks and trig.pos_ != "NOUN":  # "arrested opposition leader X"
            detainee = lex.generic_actor("civilians", country, date)
        if agent is None and trig.pos_ != "NOUN":  # "X was arrested": by the police
            agent = lex.state_actor(country, "police", date)
        if agent is None or agent.inter == "State forces" or agent.kind == "state" or agent.authority:
            return "Arrests", agent, detainee, None
        return "Abduction/forced disappearance", agent, detainee or lex.generic_actor("civilians", country, date), None
    if frame == "sexual":
        return "Sexual violence", agent, actor(patient_toks, excl) or lex.generic_actor("civilians", country, date), None
    if frame == "protest":
        if _is_armed(agent):
            return None
        sub = _protest_type(text, lex)
        return sub, lex.generic_actor("rioters" if sub == "Violent demonstration" else "protesters", country, date), None, None
    if frame == "disperse":
        sub = _protest_type(text, lex)
        sub = "Protest with intervention" if sub == "Peaceful protest" else sub
        crowd = "rioters" if sub == "Violent demonstration" else "protesters"
        return sub, lex.generic_actor(crowd, country, date), agent, None
    if frame == "riot":
        mob = lex.cue("mob", text) or trig.lower_ in ("lynch", "lynched", "lynching")
        who = agent if agent is not None and not _is_armed(agent) else lex.generic_actor("rioters", country, date)
        return ("Mob violence" if mob else "Violent demonstration"), who, actor(patient_toks, excl), None
    strategic = {
        "agreement": "Agreement",
        "change": "Change to group/activity",
        "disrupt": "Disrupted weapons use",
        "base": "Headquarters or base established",
        "loot": "Looting/property destruction",
        "other": "Other",
    }
    doers = " ".join(t.text for a in args.agents for t in a.subtree)
    if frame == "loot" and lex.cue("mob", f"{_own_words(trig)} {doers}") and (agent is None or agent.inter != "State forces"):
        # "a Meitei mob torched houses": mob violence, by the community named when there is one
        who = agent if agent is not None and agent.kind != "generic" else lex.generic_actor("rioters", country, date)
        return "Mob violence", who, actor(patient_toks + p.get("to", []), excl), None
    if frame == "loot" and not _is_armed(agent) and (
            agent is not None and agent.inter in ("Protesters", "Rioters") or lex.cue("crowd_missiles", text)):
        # "supporters set fire to a police van and hurled bricks at officers": a demonstration turned violent
        sub = "Mob violence" if lex.cue("mob", text) else "Violent demonstration"  # "mobs torched houses"
        return sub, lex.generic_actor("rioters", country, date), actor(patient_toks + p.get("to", []), excl), None
    if frame in strategic:
        parties = p.get("with", []) + p.get("to", []) + p.get("between", [])
        if frame in ("agreement", "change"):
            parties += patient_toks + args.agents[1:]  # "X and Y agreed to a truce", "joined X"
        other = actor(parties, excl)
        if frame == "agreement" and agent is None and other is None:
            return None
        if frame in ("other", "base", "change") and not _is_armed(agent):
            return None
        if frame == "base" and agent.inter == "State forces" and agent.country in (None, country):
            return None  # ACLED records bases set up by non-state (or foreign) forces
        return strategic[frame], agent, other, None
    return None


# --- candidates -----------------------------------------------------------------------------------


def detect(state: DocState) -> list[Candidate]:
    """Every candidate event of the document, in text order."""
    from .location import choose_places, usable

    out: list[Candidate] = []
    lex = state.lexicon
    for si, sent in enumerate(state.sentences):
        if not state.prose[si]:
            continue
        sent_places = state.sentence_places(si)
        country = next((p.country_code for p in sent_places if p.country_code and usable(p, state)), None) or state.country
        taken: set[int] = set()
        idx = index(state.doc)
        for i in range(sent.start, sent.end):
            if i in taken or not lex.may_trigger(idx.lower[i], idx.lemma[i]):
                continue
            tok = state.doc[i]
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.tag_ == "VBN"):
                frames, is_noun = verb_frames(tok, state), False
                if not frames and tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
                    frame = noun_frame(tok, lex)  # a gerund used as a noun: "fighting broke out"
                    frames, is_noun = ([frame] if frame and noun_is_event(tok, frame, lex) else []), True
            elif tok.pos_ in ("NOUN", "PROPN"):
                frame = noun_frame(tok, lex)
                frames = [frame] if frame and (noun_is_event(tok, frame, lex) or _definite_subject(tok)) else []
                is_noun = True
            else:
                continue
            for frame in frames:
                if blocked(tok, state, si):
                    break
                args = noun_args(tok, frame, lex) if is_noun else verb_args(tok)
                typed = classify(frame, tok, args, state, country)
                if typed is None:
                    continue
                sub, actor1, actor2, obj = typed
                places, anaphor, count = choose_places(tok, obj, sent_places, state)
                definite = is_noun and (not args.agents or _responsibility(tok)) and any(
                    c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children
                )
                own = not places and EVENT_TYPES[sub] in VIOLENT_TYPES and _own_account(tok, actor1, state, country)
                subject = None if is_noun else _event_subject(args, lex)  # its toll: of the strikes named, or a part
                definite = definite or subject is not None and _is_definite(subject)
                out.append(Candidate(
                    sentence=si, trigger=tok.i, frame=frame, event_type=EVENT_TYPES[sub], sub_event_type=sub,
                    actor1=actor1, actor2=actor2, places=tuple(places),
                    anaphoric=definite or own or _dated_back(tok, lex), own_account=own,
                    place_anaphor=anaphor, explicit_date=state.dated[si], count=count,
                    refers_only=is_noun and not noun_is_event(tok, frame, lex) or subject is not None and any(
                        c.trigger == subject.i for c in out),  # "fighting near X killed eight": the fighting's toll
                    claimed=definite and _responsibility(tok),
                ))
                taken.update(c.i for c in tok.children if c.dep_ in ("dobj", "pobj"))
                break
    return _same_sentence_parts(out)


def _same_sentence_parts(cands: list[Candidate]) -> list[Candidate]:
    """Drop candidates that are part of another in their sentence: people killed at a protest are its
    protesters; weapons seized or property looted in an attack belong to the attack; the claimant's
    own account of a claimed attack refers to that attack."""
    protest = {c.sentence for c in cands if c.event_type in ("Protests", "Riots")}
    violent = {(c.sentence, c.actor1.name) for c in cands if c.event_type in VIOLENT_TYPES and c.actor1 is not None}
    police = {c.sentence: c.actor1 for c in cands if c.sub_event_type in ("Arrests", "Attack") and c.sentence in protest
              and _is_armed(c.actor1)}
    cands = [replace(c, actor2=police[c.sentence]) if c.sentence in police and c.event_type == "Protests"
             and c.actor2 is None else c for c in cands]  # "police detained 40 students during a protest"
    claimed = {(c.sentence, c.actor1.name) for c in cands if c.claimed and c.actor1 is not None}
    cands = [replace(c, anaphoric=True, claimed=True) if c.event_type in VIOLENT_TYPES and c.actor1 is not None
             and (c.sentence, c.actor1.name) in claimed else c for c in cands]  # "..., saying it had killed 17 soldiers"
    return [c for c in cands if not (
        c.sentence in protest and c.sub_event_type == "Arrests"
        or c.sentence in protest and c.sub_event_type == "Attack" and c.actor2 is not None and c.actor2.kind == "generic"
        or c.sub_event_type in PARTS and c.actor1 is not None and (c.sentence, c.actor1.name) in violent)]
