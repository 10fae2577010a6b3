"""Actor resolution: the noun phrase of an event argument -> a canonical ACLED actor.

Order of evidence: a dictionary name inside the phrase ("Taliban fighters"; an ethnic group's armed
men are its militia), a person's affiliation ("Haftar's forces"), a demonym or country before a
weapon or strike ("Israeli tank fire", "Russia's drones" -> that state's military; an unowned air
strike is the foreign army named nearby, else the state's), a country striking or signing (its
military, its government), "anti-X" fighters, a movement's "-linked" fighters (its local branch),
descriptions that name a group in its own country ("communist rebels" in the Philippines), generic
nouns by class: an army or police noun with a demonym ("Nigerian troops" -> Military Forces of
Nigeria, dated; bare "troops" are the reporting army's, or the foreign army named where the state's
own is not), armed men (the group the text links them to or that claimed, else the one local group
named, else Unidentified Armed Group (Country)), villagers -> Civilians (Country), ...; for pronouns
and definite generic nouns ("they", "the rebels") the most recent fitting actor named before, not an
ally of the other side.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .lexicon import ARMED_INTERS, Actor, Lexicon

PRONOUNS = frozenset({"they", "them", "it", "we", "us"})
PERSONAL = frozenset({"he", "she", "him", "her"})
QUANTITY_HEADS = frozenset({
    "dozens", "dozen", "hundreds", "hundred", "thousands", "thousand", "scores", "number", "numbers",
    "some", "many", "several", "group", "groups", "members", "member", "unit", "units", "fighters",
    "fighter", "soldiers", "troops", "forces", "ranks", "remnants", "elements", "supporters", "militants",
    "officials", "all", "most", "part", "one", "two", "three", "four", "five", "ten", "handful",
    "tonnes", "tons", "kilograms", "kg", "quantity", "quantities", "lot", "batch", "stock", "consignment",
})
DEFINITE = frozenset({"the", "these", "those", "this", "that", "its", "their", "his", "her"})
SALIENCE_WINDOW = 1500  # characters before a mention searched for a pronoun's antecedent
PHRASE_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case", "advmod", "npadvmod"})
ANTI = re.compile(r"(?<![\w])anti-([A-Z][\w-]*(?-i: [A-Z][\w-]*)*)", re.IGNORECASE)  # "anti-junta fighters": one word
NON_STATE = frozenset({"Rebel group", "Political militia", "Identity militia"})
# "al-Qaeda-linked group", "Russia-backed separatists": the named patron is not the actor
PATRON = re.compile(r"[-–\s](?:linked|affiliated|backed|allied|aligned|inspired|supported|funded|sponsored)\b", re.IGNORECASE)
# "Islamic State-linked insurgents": a movement's local branch (not a state sponsor's "backed")
BRANCH = re.compile(r"([A-Z][\w'’]*(?:[ -][A-Za-z][\w'’]*)*?)[-–\s](linked|affiliated|allied|aligned|loyal|led)\b")
NO_CLAIM = re.compile(r"\bno (?:group|one|organi[sz]ation|party)\b[^.]{0,40}?\bclaim", re.IGNORECASE)
CLAIMED = re.compile(r"\s+(?:has\s+|have\s+|had\s+|later\s+|quickly\s+)?claimed\s+(?:responsibility|credit|the\s+(?:attack|bombing|"
                     r"killing|killings|ambush|assault|raid|abduction|kidnapping|strike|blast))", re.IGNORECASE)
# "police linked the gunmen to X", "officials blamed the attackers on X": who generic nouns refer to
LINKED = re.compile(r"\b(?:linked|links|link|tied|ties|attributed|attributes|blamed|blames|blame)\b(?P<mid>[^.;!?]{0,80}?)"
                    r"\b(?:to|on)\s+(?:the\s+)?(?:rival\s+|suspected\s+)?$", re.IGNORECASE)
COORDINATED = re.compile(r"\s*(?:,|,?\s*and|,?\s*as well as|alongside|together with)\s*(?:the\s+)?")
UNIDENTIFIED = frozenset({"unidentified", "unknown", "unnamed", "anonymous"})
VIOLENT_FRAMES = frozenset({"attack", "kill", "explode", "clash", "seize", "regain", "expel", "abduct"})


@dataclass
class ActorContext:
    """What actor resolution needs to know about one document."""

    lexicon: Lexicon
    text: str
    date: str | None  # anchor date (publication), ISO
    country: str | None  # the article's focus country (ISO2)
    mentions: list[tuple[int, int, Actor]] = field(default_factory=list)
    place_countries: dict[int, str] = field(default_factory=dict)  # char start -> ISO2 of a place there

    def __post_init__(self) -> None:
        if not self.mentions:
            self.mentions = self.lexicon.find_actors(self.text, self.date, self.country)
        self._starts = [m[0] for m in self.mentions]
        self._armies: list[tuple[int, str, bool]] | None = None
        self._linked: dict[str, Actor] | None = None

    def armies(self) -> list[tuple[int, str, bool]]:
        """(position, ISO2, named with a strike or weapon) of every state military the text names:
        "the Israeli army", "Malian soldiers", "a Russian drone" (stateless demonyms name no army)."""
        if self._armies is None:
            lex = self.lexicon
            found = [(s, a.country, "air" in self.text[s:e].lower()) for s, e, a in self.mentions
                     if a.kind == "state" and a.country and a.name.startswith("Military Forces of")
                     or a.kind == "group" and a.inter == "State forces" and a.country and not a.authority]
            if lex.state_force_regex is not None:
                found += [(m.start(), lex.demonyms[m.group(1).lower()], m.group(0).split()[-1].lower() in lex.strike_nouns)
                          for m in lex.state_force_regex.finditer(self.text)]
            self._armies = sorted(f for f in found if f[1] not in lex.stateless)
        return self._armies

    def army_near(self, before: int, country: str | None) -> str | None:
        """The state whose army bare "troops" at ``before`` belong to: the event country's, unless the
        text names only a foreign army before (recently, or at all where the country has none)."""
        named = [cc for pos, cc, _ in self.armies() if pos < before]
        if country in self.lexicon.stateless:
            return named[-1] if named else country
        if country in named:
            return country
        recent = [cc for pos, cc, _ in self.armies() if before - SALIENCE_WINDOW <= pos < before]
        return recent[-1] if recent else country

    def air_force(self, position: int, country: str | None) -> str | None:
        """The state whose aircraft or drones strike unnamed at ``position``: the foreign army the text
        names nearest with strikes or weapons ("Russian drones" in Ukraine), else the foreign army named
        nearest where the state's own goes unnamed (Israel's in Gaza), else the event country's own."""
        foreign = [(not strike, abs(pos - position), cc) for pos, cc, strike in self.armies()
                   if cc != country and abs(pos - position) <= 2 * SALIENCE_WINDOW]
        own = any(cc == country for _, cc, _ in self.armies())
        best = min(foreign) if foreign else None
        return best[2] if best is not None and (not best[0] or not own) else country

    def linked(self) -> dict[str, Actor]:
        """Generic nouns the text ties to a named group ("police linked the gunmen to X")."""
        if self._linked is None:
            lex, self._linked = self.lexicon, {}
            for start, _, actor in self.mentions:
                if actor.kind == "person" or actor.inter not in NON_STATE:
                    continue
                m = LINKED.search(self.text, max(0, start - 120), start)
                if m is None or lex.generic_regex is None:
                    continue
                for noun in lex.generic_regex.finditer(m.group("mid")):
                    if lex.generic[noun.group(0).lower()] == "armed":
                        self._linked[noun.group(0).lower()] = actor
        return self._linked

    def perpetrator(self, country: str | None, exclude: set[str], sentence: tuple[int, int] = (0, 0)) -> Actor | None:
        """The group generic attackers most likely are: the one that claimed an attack, else the one
        local non-state armed group the text names, unless the attackers' own ``sentence`` names it in
        another part ("gunmen killed an HTS commander"); none where the text says no one claimed."""
        if NO_CLAIM.search(self.text):
            return None
        claimants = {a.name: a for s, e, a in self.mentions if a.kind != "person" and a.inter in NON_STATE
                     and a.name not in exclude and CLAIMED.match(self.text, e)}
        if len(claimants) == 1:
            return next(iter(claimants.values()))
        sole = self.sole_armed_opposition(exclude, country)
        there = sole is not None and any(a.name == sole.name for _, _, a in self.mentions_in(*sentence))
        return None if there else sole

    def mentions_in(self, start: int, end: int) -> list[tuple[int, int, Actor]]:
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i][0] < end:
            out.append(self.mentions[i])
            i += 1
        return out

    def salient(self, before: int, exclude: set[str], want=None, window: int = SALIENCE_WINDOW) -> Actor | None:
        """The most recent group named before ``before`` (a person counts as its affiliation)."""
        i = bisect_left(self._starts, before) - 1
        while i >= 0 and self.mentions[i][0] >= before - window:
            start, end, mention = self.mentions[i]
            actor = as_group(mention, self.lexicon, self.date)
            possessor = self.text[end : end + 2] in ("'s", "’s")  # "al-Qaeda's affiliate": not the referent
            if (actor is not None and not possessor and actor.name not in exclude and (want is None or want(actor))
                    and not self._allied(i, exclude)):
                return actor
            i -= 1
        return None

    def _allied(self, i: int, exclude: set[str]) -> bool:
        """Mention ``i`` is coordinated with an excluded actor ("Rwandan troops and Mozambican soldiers
        pursued the insurgents and clashed with them": "them" is neither), or is a foreign mission
        supporting the excluded state forces ("police, supported by the MSS, pushed them out")."""
        if self.mentions[i][2].inter == "External/Other forces" and any(
                name.startswith(("Military Forces of", "Police Forces of")) for name in exclude):
            return True
        for j in (i - 1, i + 1):
            if 0 <= j < len(self.mentions) and self.mentions[j][2].name in exclude:
                a, b = (self.mentions[j][1], self.mentions[i][0]) if j < i else (self.mentions[i][1], self.mentions[j][0])
                if COORDINATED.fullmatch(self.text[a:b]):
                    return True
        return False

    def sole_armed_opposition(self, exclude: set[str], country: str | None = None) -> Actor | None:
        """The one non-state armed group of ``country`` (default: the article's) the article names, if
        it names exactly one (what "resistance fighters" or "anti-junta forces" refer to in that article)."""
        home = country or self.country
        found = [a for a in self.named_groups() if a.inter in NON_STATE and not a.weak and a.name not in exclude
                 and _home(a, self.lexicon) == home]  # a local group, not a transnational one
        return found[0] if len(found) == 1 else None

    def named_groups(self) -> list[Actor]:
        """Groups the article names (not through a person's affiliation)."""
        seen: dict[str, Actor] = {}
        for _, _, actor in self.mentions:
            if actor.kind != "person":
                seen.setdefault(actor.name, actor)
        return list(seen.values())


def _home(actor: Actor, lexicon: Lexicon) -> str | None:
    """The country the dictionary ties a group to (None for a transnational or unknown one)."""
    entry = lexicon.actor(actor.name)
    return entry.country if entry is not None else None


def as_group(actor: Actor, lexicon: Lexicon, date: str | None) -> Actor | None:
    """A group actor as such; a person as the group they speak for (None if unaffiliated)."""
    if actor.kind != "person":
        return actor
    return lexicon.actor(actor.affiliation, date) if actor.affiliation else None


def phrase_head(tok):
    """The noun a quantity points to: "dozens of militants" -> militants."""
    seen = 0
    while tok.lower_ in QUANTITY_HEADS and seen < 3:
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is None:
            break
        tok, seen = pobj, seen + 1
    return tok


def phrase_bounds(tok) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``tok`` (modifiers and apposition, no clauses)."""
    left = right = tok
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in PHRASE_DEPS or t.i == tok.i and (c.dep_ == "appos" or c.dep_ == "prep" and c.lower_ == "of"):
                stack.append(c)
                left = c if c.i < left.i else left
                right = c if c.i > right.i else right
            elif c.dep_ == "pobj":
                stack.append(c)
                right = c if c.i > right.i else right
    return left.idx, right.idx + len(right)


def _is_definite(tok) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in tok.children)


def _named_organisation(head, lex, country) -> Actor | None:
    """An ORG entity around ``head`` whose name says it is an armed group (army, front, militia...)."""
    if head.ent_type_ != "ORG":
        return None
    doc = head.doc
    first = last = head.i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    words = [t for t in doc[first : last + 1] if t.lower_ not in ("the", "'s")]
    inters = [lex.organisation_words[t.lower_] for t in words if t.lower_ in lex.organisation_words]
    if not words or not inters or "not" in inters or is_state_unit(words, lex) or any(
            t.lower_ in lex.demonyms or lex.country_code(t.text) for t in words):  # "Rwanda Defence Force": a state's
        return None
    name = doc.text[words[0].idx : words[-1].idx + len(words[-1])]
    inter = "Rebel group" if "Rebel group" in inters else inters[0]
    return Actor(name, inter, country, kind="group")


def is_state_unit(words, lex: Lexicon) -> bool:
    """A unit of a state's forces: a unit word with an ordinal or a marker ("8th Infantry Division",
    "Rapid Intervention Battalion"), unlike militias' "brigades" ("Al-Quds Brigades")."""
    lower = [t.lower_ for t in words]
    return any(w in lex.unit_words for w in lower) and (
        any(t.like_num or re.fullmatch(r"\d+(?:st|nd|rd|th)", t.lower_) for t in words) or any(w in lex.unit_markers for w in lower))


def _speaker(pronoun, possessive: bool = False):
    """The subject of the reporting verb whose clause the pronoun is the subject of (or, for a
    possessive, whose clause's subject the pronoun owns: "X said its troops ...")."""
    if possessive:
        if pronoun.lower_ not in ("its", "their", "our") or pronoun.head.dep_ != "nsubj":
            return None
        pronoun = pronoun.head
    elif pronoun.lower_ not in ("it", "they", "we"):
        return None
    return _reported_by(pronoun)


def _reported_by(subject):
    """The subject of the reporting verb whose clause ``subject`` is the subject of ("X said ... ")."""
    clause = subject.head
    if subject.dep_ != "nsubj" or clause.dep_ != "ccomp":
        return None
    verb = clause.head  # "X said it ...", "X claimed the attack, saying it ..."
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    while subject is None and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i != verb.i:
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and subject.lower_ not in PRONOUNS | PERSONAL else None


def resolve(tok, ctx: ActorContext, date: str | None, country: str | None, exclude: set[str] | None = None) -> Actor | None:
    """The actor a noun-phrase head (or pronoun) refers to, as coded on ``date`` in ``country``."""
    exclude = exclude or set()
    lex = ctx.lexicon
    if tok.lower_ in PERSONAL:
        return None
    if tok.lower_ in PRONOUNS or (tok.lower_ == "group" and _is_definite(tok)):
        speaker = _speaker(tok)
        if speaker is not None:  # "the army said it had ...": the speaker
            return resolve(speaker, ctx, date, country, exclude)
        return ctx.salient(tok.idx, exclude)
    head = phrase_head(tok)
    user = _user(head, lex) or _first_party(head, lex)
    if user is not None:  # "shells fired by the militia", "fighting between the army and X": who fired, the first side
        return resolve(user, ctx, date, country, exclude)
    start, end = phrase_bounds(head)
    text = ctx.text[start:end]
    named = [m for m in ctx.mentions_in(start, end) if not PATRON.match(ctx.text, m[1])]
    if named:  # the name at the head ("JNIM, al-Qaeda's affiliate"), else the first
        s, e, actor = next((m for m in named if m[0] <= head.idx < m[1]), named[0])
        first = lex.demonym_regex.search(ctx.text, start, s) if lex.demonym_regex and actor.kind == "state" else None
        if first is not None and lex.demonyms[first.group(0).lower()] not in lex.stateless:
            return lex.state_actor(lex.demonyms[first.group(0).lower()], "military", date)  # "US and UK forces": the first
        if actor.kind != "person":
            return _armed_form(lex.actor(ctx.text[s:e], date, country) or actor, head, lex)
        group = as_group(actor, lex, date)
        if group is not None:
            return group
    if head.pos_ in ("ADJ", "PROPN") and lex.demonyms.get(head.lower_) not in (None, *lex.stateless):  # "an Israeli air strike"
        return lex.state_actor(lex.demonyms[head.lower_], "military", date)
    owner = _weapon_owner(head, start, ctx)
    if owner is not None:  # "Israeli tank fire", "a Russian drone strike", "Russia's missiles"
        return lex.state_actor(owner, "military", date)
    if _is_strike(head, lex) and lex.instrument(text) == "Air/drone strike":  # "a drone strike hit ..."
        return lex.state_actor(ctx.air_force(head.idx, country), "military", date)
    if (head.ent_type_ == "GPE" or head.pos_ == "PROPN" and head.ent_type_ != "PERSON") and (iso2 := lex.country_code(text)):
        if _violent_agent(head, lex):  # "Russia hit Dnipro with missiles": its armed forces
            return lex.state_actor(iso2, "military", date)
        return lex.generic_actor("government", iso2, date)  # "Ukraine and Russia exchanged prisoners"
    org = _named_organisation(head, lex, country)
    if org is not None:  # "the Northern Liberation Army": a group the dictionary does not know yet
        return org
    anti = ANTI.search(text) if lex.generic.get(head.lower_) in ("armed", "opposition", "military") or head.lower_ in lex.classes["group"] else None
    if anti:  # "anti-junta fighters", not an "anti-ship missile"
        target = lex.actor(anti.group(1), date, country)
        sole = ctx.sole_armed_opposition(exclude) if target is None else None
        if sole is not None:  # "anti-junta fighters" and the one armed group named
            return sole
        label = f"Anti-{target.name if target else anti.group(1)} militia"
        return Actor(label, "Political militia", country, kind="generic")
    described = _branch(text, lex, date, country) or lex.local_actor(text, country, date)
    if described is not None and described.name not in exclude:  # "IS-linked insurgents", "communist rebels"
        return described
    return _generic(head, text, start, ctx, date, country, exclude)


def _armed_form(actor: Actor, head, lex: Lexicon) -> Actor:
    """An ethnic group's armed men are its militia: "Kuki militants" -> Kuki Ethnic Militia (India)."""
    if " Ethnic Group" not in actor.name or lex.generic.get(head.lower_) != "armed":
        return actor
    name = actor.name.replace(" Ethnic Group", " Ethnic Militia")
    return lex.actor(name) or Actor(name, "Identity militia", actor.country)


def _weapon_owner(head, start: int, ctx: ActorContext) -> str | None:
    """The state a demonym or country name before a weapon or strike noun names ("Israeli tank fire",
    "Russia's drones"); None for other nouns, for stateless demonyms and where the phrase names no state."""
    lex = ctx.lexicon
    if not _is_strike(head, lex) or any(  # "a Kenyan police raid": the police's
            lex.generic[m.group(0).lower()] == "police" for m in lex.generic_regex.finditer(ctx.text, start, head.idx)):
        return None
    demonym = lex.demonym_regex.search(ctx.text, start, head.idx) if lex.demonym_regex else None
    iso2 = lex.demonyms[demonym.group(0).lower()] if demonym else next(
        (lex.country_code(t.text) for t in head.doc[max(0, head.i - 6) : head.i] if t.idx >= start and t.ent_type_ == "GPE"), None)
    return iso2 if iso2 not in lex.stateless else None


def _is_strike(head, lex: Lexicon) -> bool:
    """A strike or weapon noun, or an attack by weapons ("a drone attack", "rocket attacks")."""
    return head.lower_ in lex.strike_nouns or head.lemma_.lower() in ("attack", "assault") and any(
        c.dep_ in ("compound", "nmod") and c.lower_ in lex.strike_nouns for c in head.children)


def _violent_agent(tok, lex: Lexicon) -> bool:
    """``tok`` is the subject (or by-agent) of a violent verb, or of one that launches weapons."""
    if tok.dep_ == "nsubj":
        verb = tok.head
    elif tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        verb = tok.head.head
    else:
        return False
    words = {c.lemma_.lower() for c in verb.children} | {c.lower_ for c in verb.children}
    for p in lex.verbs.get(lex.lemma(verb), ()):
        met = p.need is None or (words & lex.classes.get(p.need, frozenset()) if p.need_class else p.need in words)
        if p.frame in VIOLENT_FRAMES and met:
            return True
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
    return any(o.lower_ in lex.strike_nouns for o in objects)


def _branch(text: str, lex: Lexicon, date, country) -> Actor | None:
    """The local branch a movement's "-linked" fighters belong to ("Islamic State-linked insurgents"
    in Mozambique; None when the movement has no branch in ``country``), or the group that leads them."""
    m = BRANCH.search(text)
    if m is None:
        return None
    parent = lex.actor(m.group(1), date)
    local = lex.actor(m.group(1), date, country)
    if m.group(2) == "led" and local is not None and local.inter in NON_STATE:  # "Hamas-led militants": the leader's
        return local
    return local if parent is not None and local is not None and local.name != parent.name else None


def _reporter(noun, ctx: ActorContext, date, country, exclude) -> Actor | None:
    """The state force that reports what its bare "troops" did ("the Israeli military said troops had fired")."""
    speaker = _reported_by(noun)
    if speaker is None or speaker.i == noun.i:
        return None
    said = resolve(speaker, ctx, date, country, exclude)
    return said if said is not None and said.inter == "State forces" and said.kind == "state" else None


def _first_party(event, lex):
    """The first side of an event noun's "between" ("fighting between the army and X")."""
    if event.lower_ not in lex.nouns:
        return None
    between = next((c for c in event.children if c.dep_ == "prep" and c.lower_ == "between"), None)
    return next((c for c in between.children if c.dep_ == "pobj"), None) if between is not None else None


def _user(weapon, lex):
    """The agent of a participle on a weapon noun ("rockets launched by X", "a drone operated by X")."""
    if weapon.lower_ not in lex.classes["projectile"] | lex.classes["aircraft"] | lex.classes["explosive"]:
        return None
    for acl in (c for c in weapon.children if c.dep_ == "acl"):
        for agent in (c for c in acl.children if c.dep_ == "agent"):
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def _generic(head, text: str, start: int, ctx: ActorContext, date, country, exclude) -> Actor | None:
    lex = ctx.lexicon
    match = None
    head_end = head.idx + len(head) - start
    found = list(lex.generic_regex.finditer(text)) if lex.generic_regex else []
    for m in found:
        if m.end() == head_end or (m.start() <= head.idx - start < m.end()):
            match = m
    if match is None:  # "a military jet", "the rebel alliance": the modifier names the actor
        group_head = head.lower_ in lex.classes["group"]
        match = next((m for m in found if group_head or lex.generic[m.group(0).lower()] in ("military", "police")), None)
    if match is None and head.lower_ in lex.classes["aircraft"] | lex.classes["projectile"]:
        demonym = lex.demonym_regex.search(text) if lex.demonym_regex else None
        if demonym:  # "Russian drones and missiles"
            return lex.state_actor(lex.demonyms[demonym.group(0).lower()], "military", date)
    if match is None:
        return None
    cls = lex.generic[match.group(0).lower()]
    owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
    if owner is not None and cls in ("military", "police", "armed", "opposition"):  # "its forces"
        speaker = _speaker(owner, possessive=True)
        if speaker is not None:  # "the division said its troops ...": the speaker's
            found = resolve(speaker, ctx, date, country, exclude)
            if found is not None:
                return found
        antecedent = ctx.salient(owner.idx, exclude, want=lambda a: a.inter in ARMED_INTERS)
        if antecedent is not None:
            return antecedent
    if cls in ("military", "police", "government"):  # "Nigerian troops", "the Congolese government"
        demonym = lex.demonym_regex.search(text) if lex.demonym_regex else None
        where = lex.demonyms.get(demonym.group(0).lower()) if demonym else None
        where = where or next((cc for pos, cc in ctx.place_countries.items() if start <= pos < start + len(text)), None)
        where = where or next((lex.country_code(t.text) for t in head.doc[max(0, head.i - 6) : head.i]
                               if t.idx >= start and t.pos_ == "PROPN" and lex.country_code(t.text)), None)
        if cls == "government":
            return lex.generic_actor(cls, where or country, date)
        if where is None and cls == "military":  # bare "troops": the speaker's, else the army named
            said = _reporter(head, ctx, date, country, exclude)
            if said is not None:
                return said
            where = ctx.army_near(start, country)
        return lex.state_actor(where or country, cls, date)
    if cls == "opposition":
        key = next((w for w in ("resistance", "opposition", "rebel", "liberation") if w in text.lower()), None)
        if key:
            for group in ctx.named_groups():
                if key in group.name.lower() and group.name not in exclude:
                    return group
        sole = ctx.sole_armed_opposition(exclude)
        if sole is not None:
            return sole
        return lex.generic_actor("opposition", country, date)
    if cls == "armed":
        if _is_definite(head):  # "the gunmen": a group named before, not the peacekeepers
            antecedent = ctx.salient(head.idx, exclude, want=lambda a: a.kind == "group" and a.inter != "External/Other forces")
            if antecedent is not None:
                return antecedent
        if not any(c.lower_ in UNIDENTIFIED for c in head.children):  # "suspected cartel gunmen", not "unknown gunmen"
            sentence = (head.sent.start_char, head.sent.end_char)
            group = ctx.linked().get(match.group(0).lower()) or ctx.perpetrator(country, exclude, sentence)
            if group is not None and group.name not in exclude:
                return group
        return lex.generic_actor("armed", country, date, weak=True)
    return lex.generic_actor(cls, country, date)
