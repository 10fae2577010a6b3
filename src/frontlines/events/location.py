"""Event location: which of the geoparser's places an event happened at.

Within the event's sentence the places tied to the trigger in the parse win over places in other
clauses; places inside quotations, inside actor names ("... Front of Afghanistan") or given as a
reference point ("100 miles north of X") are skipped. A list of places ("three districts: A, B
and C") gives one event per place. An event whose sentences name no place takes the nearest place
of the sentences around it, else the article's focus. ACLED's geo-precision: 1 a town, 2 a
district or "near" a town, 3 a province only.
"""

from __future__ import annotations

import re

from ..records import Place

KIND_RANK = {"populated_place": 0, "valley": 1, "other": 1, "admin2": 2, "admin1": 3, "country": 4}
CLAUSE_LINKS = frozenset({"relcl", "advcl", "ccomp", "acl", "parataxis", "conj"})
LIST_GAP = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or|&|/)\s*$")
REFERENCE = re.compile(
    r"\b\d[\d,.]*\s*(?:km|kilomet\w*|miles?|mi)\s+(?:\w+\s+){0,2}(?:north|south|east|west)\w*\s+of\s+(?:the\s+)?$"
    r"|\b(?:north|south|east|west)\w*\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}(?:and\s+(?:the\s+)?(?:[\w'-]+\s+){0,2})?$", re.IGNORECASE)
DATELINE = re.compile(r"[A-Z][A-Z .'-]{2,}(?:,\s*[A-Z][\w .'-]{1,30})?\s*(?:\([\w ]+\))?\s*[—–-]\s")
NEAR = re.compile(r"\b(?:near|outside|outskirts of|close to|vicinity of|around)\s+(?:the\s+)?$", re.IGNORECASE)
NAMING_NOUNS = frozenset({"cartel", "gang", "militia", "brigade", "battalion", "front", "army", "movement", "group", "clan", "tribe", "council", "government", "authorities", "officials", "governor", "police", "forces"})
CONTEXT_BEFORE = 3  # sentences searched back for the place of a placeless event, then forward
CONTEXT_AFTER = 2
SETTLEMENT_BACK = 8  # sentences "the city" looks back for the town it refers to


def rank(place: Place) -> int:
    return KIND_RANK.get(place.kind, 1)


def usable(place: Place, state) -> bool:
    """A place that can locate an event: not quoted, not part of an actor's name, not a landmark."""
    if state.in_quote(place.start, place.end):
        return False
    if state.actors.mentions_in(place.start - 60, place.end) and any(
        s <= place.start and place.end <= e for s, e, _ in state.actors.mentions_in(place.start - 60, place.end)
    ):
        return False
    body = state.article.body
    before = body[max(0, place.start - 40) : place.start]
    line_start = body.rfind("\n", 0, place.start) + 1
    if place.dateline or DATELINE.match(body[line_start : line_start + 80]) and place.start < line_start + 40:
        return False  # "KYIV, Ukraine — ...": where the story was filed
    return not REFERENCE.search(before)


def near(place: Place, body: str) -> bool:
    return bool(NEAR.search(body[max(0, place.start - 25) : place.start]))


def endpoint(place: Place, body: str) -> bool:
    """"the road between A and B": a route's ends, not a list of event places."""
    return bool(BETWEEN.search(body[max(0, place.start - 60) : place.start]))


def precision(place: Place, body: str) -> int:
    """ACLED geo-precision of an event coded to ``place``."""
    if place.kind == "populated_place":
        return 2 if near(place, body) or endpoint(place, body) else 1
    return {"admin2": 2, "admin1": 3, "valley": 3}.get(place.kind) or place.geo_precision or 2


def _origin(place: Place, doc) -> bool:
    """"elders from X", "a representative from X": where a person comes from, not where it happened."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    if span.root.dep_ == "compound" and span.root.head.lower_ in NAMING_NOUNS:
        return True  # "the Santa Rosa de Lima cartel": a group's name
    prep = span.root.head
    return prep.lower_ == "from" and prep.dep_ == "prep" and prep.head.pos_ in ("NOUN", "PROPN") and prep.head.ent_type_ not in ("GPE", "LOC", "FAC")


def _seat(place: Place, doc, speech: frozenset) -> bool:
    """"the ministry in X said", "officials in X told reporters": where the speaker sits, not the event."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or span.root.dep_ != "pobj" or span.root.head.lower_ not in ("in", "at"):
        return False
    speaker = span.root.head.head
    return speaker.dep_ == "nsubj" and speaker.pos_ in ("NOUN", "PROPN") and speaker.head.lemma_.lower() in speech


def _anchors(trigger) -> set[int]:
    """The trigger and the words it hangs from up to its own clause's verb ("the fighting took place")."""
    chain = {trigger.i}
    t = trigger
    while t.head.i != t.i and t.dep_ not in ("ccomp", "parataxis"):
        if t.pos_ in ("VERB", "AUX") and t.dep_ in CLAUSE_LINKS:
            break  # "killed five in A and abducted ten in B": each verb keeps its own places
        t = t.head
        chain.add(t.i)
    return chain


def _other_clause(place: Place, anchors: set[int], doc, own: frozenset = frozenset()) -> bool:
    """The place hangs from another verb of the sentence ("..., and families fled towards X"), not
    from a relative clause on the trigger's own argument (``own``: "dispersed protesters who marched in X")."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    t, crossed = span.root, False
    while t.head.i != t.i:
        t = t.head
        if t.i in anchors:
            return crossed
        if t.dep_ == "relcl" and t.head.i in own:  # however deep the relative clause goes
            return False
        crossed = crossed or t.pos_ == "VERB" and t.dep_ in CLAUSE_LINKS and not _circumstance(t)
    return crossed


def _circumstance(verb) -> bool:
    """"killed when shells fell on X": a when/as clause tells how the same event happened."""
    return verb.dep_ == "advcl" and any(c.dep_ == "advmod" and c.lower_ in ("when", "as") or
                                        c.dep_ == "mark" and c.lower_ in ("when", "as") for c in verb.children)


def _attached(place: Place, anchors: set[int], doc) -> bool:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    t = span.root
    while True:
        if t.i in anchors:
            return True
        if t.head.i == t.i or (t.dep_ in CLAUSE_LINKS and t.pos_ in ("VERB", "AUX")):
            return False
        t = t.head


def place_lists(places: list[Place], body: str) -> list[list[Place]]:
    """Runs of places written as a list ("A, B and C") in text order."""
    runs: list[list[Place]] = []
    for p in sorted((p for p in places if not endpoint(p, body)), key=lambda p: p.start):
        last = runs[-1][-1] if runs else None
        inside = last is not None and p.name in (last.admin1, last.admin2)  # "Celaya, Guanajuato": a hierarchy
        if last is not None and not inside and LIST_GAP.match(body[last.end : p.start]) and (rank(last) == 3) == (rank(p) == 3):
            runs[-1].append(p)
        else:
            runs.append([p])
    return [r for r in runs if len(r) > 1]


def choose_places(trigger, obj, sent_places: list[Place], state) -> tuple[list[Place], str | None, int | None]:
    """(places, anaphor, count) for a trigger: one place, a list, or none and the noun that refers back."""
    body = state.article.body
    speech = state.lexicon.classes.get("speech", frozenset())
    pool = [p for p in sent_places if usable(p, state) and rank(p) < 4 and not _origin(p, trigger.doc)
            and not _seat(p, trigger.doc, speech)]
    anchors = _anchors(trigger)
    attached = [p for p in pool if _attached(p, anchors, trigger.doc)]
    governing = anchors | {t.i for t in trigger.ancestors}  # "opened fire in X, killing nine": X is the killing's too
    own = frozenset(t.i for t in trigger.subtree) - {trigger.i}
    free = [p for p in pool if not _other_clause(p, governing, trigger.doc, own)]
    lists = place_lists(attached or free, body)
    if not lists and attached and min(map(rank, attached)) >= 3:  # "districts in X province: A, B and C"
        lists = [r for r in place_lists(pool, body) if all(any(contains(a, p) for a in attached) for p in r)]
    pool = attached or free
    if lists:
        return max(lists, key=len), None, None
    if pool:
        return [min(pool, key=lambda p: (rank(p), p.start))], None, None
    return [], _anaphor(obj, state), _count(obj)


def _anaphor(obj, state) -> str | None:
    """"the districts" (a territory noun with a definite article) -> "districts"."""
    if obj is None:
        return None
    if obj.lower_ in state.lexicon.classes["territory"] and any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "these", "those", "its", "their") for c in obj.children
    ):
        return obj.lower_
    return None


def _count(obj) -> int | None:
    if obj is None:
        return None
    for c in obj.children:
        if c.dep_ == "nummod":
            if c.like_num and c.text.isdigit():
                return int(c.text)
            return {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}.get(c.lower_)
    return None


def context_place(sentence_indices: list[int], state) -> Place | None:
    """The nearest usable place around the event's sentences, else the article's focus. "The city"
    or "the village" refers back: the latest town named before wins."""
    first, last = min(sentence_indices), max(sentence_indices)
    if _names_a_settlement(state.sentences[first], state):
        for si in range(first - 1, max(-1, first - SETTLEMENT_BACK - 1), -1):
            found = [p for p in state.sentence_places(si) if p.kind == "populated_place" and usable(p, state)
                     and p.country_code in (state.country, None)]
            if found:
                return max(found, key=lambda p: p.start)
    order = [first - k for k in range(1, CONTEXT_BEFORE + 1)] + [last + k for k in range(1, CONTEXT_AFTER + 1)]
    for si in order:
        if 0 <= si < len(state.sentences) and state.prose[si]:
            found = [p for p in state.sentence_places(si) if usable(p, state) and rank(p) < 4
                     and p.country_code in (state.country, None)]
            if found:
                return min(found, key=lambda p: (rank(p), p.start))
    return focus_place(state)


def _names_a_settlement(sent, state) -> bool:
    """"on the edge of the city", "this village": a definite settlement noun without its name."""
    settlement = state.lexicon.classes["settlement"]
    return any(t.lower_ in settlement and not t.ent_type_ and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
               for c in t.children) and not any(c.dep_ in ("prep", "appos", "compound") for c in t.children) for t in sent)


def focus_place(state) -> Place | None:
    """The place the article is about: the most mentioned province (or place), in its most precise form."""
    counts: dict[str, int] = {}
    for p in state.places:
        if rank(p) < 4 and not state.in_quote(p.start):
            key = p.admin1 or p.name
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    best = max(counts, key=counts.get)
    members = [p for p in state.places if (p.admin1 or p.name) == best and rank(p) < 4]
    names: dict[str, int] = {}
    for p in members:
        names[p.name] = names.get(p.name, 0) + 1
    top = max(names, key=names.get)
    return next(p for p in members if p.name == top)


def same_place(a: Place, b: Place) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    return a.name == b.name and a.admin1 == b.admin1


def contains(outer: Place, inner: Place) -> bool:
    """``outer`` (a district, province or country) contains ``inner``."""
    if rank(outer) == 4:
        return outer.country_code == inner.country_code
    if rank(outer) == 3:
        return bool(outer.admin1) and outer.admin1 == inner.admin1 and outer.country_code == inner.country_code
    if outer.kind == "admin2" and inner.kind != "admin2":  # "Bishnupur district" holds the town of Kwakta
        return bool(outer.admin2) and outer.admin2 == inner.admin2 and outer.country_code == inner.country_code
    return same_place(outer, inner)
