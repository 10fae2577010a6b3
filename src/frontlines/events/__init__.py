"""Event coding: ACLED-typed events with actors, dates, fatalities and claims.

detect (one candidate per trigger) -> group (the sentences that report one event: "the fighting"
refers back, a vague report joins the detailed one next to it, "the districts" takes the places
of an earlier event) -> one EventMention per place -> merge (ACLED's unit of analysis: one event
per location, day and pair of actors, coded as its highest type). Rules: docs/events.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from ..records import Article, EventMention, Fatality, Place
from .claims import claims_for, find_attributions
from .dates import EventDate, date_event
from .docindex import index
from .detect import EVENT_TYPES, TERRITORY, Candidate, DocState, detect
from .fatalities import code_fatalities, find_figures, merged_toll, toll_words
from .lexicon import ARMED_INTERS, Actor, country_info
from .location import context_place, contains, precision, rank, same_place
from .notes import note

WINDOW = 6  # sentences an anaphor ("the fighting", "the districts") looks back
CLAIM_WINDOW = 15  # sentences "X claimed the attack" looks back
ABSORB = 4  # sentences between a vague report and the detailed one it joins
COUNTERPART_WINDOW = 3  # sentences around an event searched for the other side
CASUALTY_WINDOW = 3  # sentences after an event whose bare tolls count for it
PRIORITY = (
    "Non-state actor overtakes territory", "Government regains territory", "Armed clash",
    "Suicide bomb", "Chemical weapon", "Air/drone strike", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade", "Attack", "Sexual violence", "Abduction/forced disappearance",
    "Non-violent transfer of territory", "Arrests", "Violent demonstration", "Mob violence",
    "Excessive force against protesters", "Protest with intervention", "Peaceful protest",
    "Agreement", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established",
    "Looting/property destruction", "Other",
)
RANK = {sub: i for i, sub in enumerate(PRIORITY)}
VIOLENCE = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
SYMMETRIC = frozenset({"Armed clash", "Agreement"})
CAPTURES = frozenset({"Abduction/forced disappearance", "Arrests"})
PARTS_OF_ATTACK = frozenset({"Disrupted weapons use", "Looting/property destruction"})


def family(sub_event_type: str) -> str:
    """Sub-event types whose mentions may describe one event."""
    event_type = EVENT_TYPES[sub_event_type]
    if event_type in VIOLENCE or sub_event_type in ("Non-violent transfer of territory", "Arrests"):
        return "violence"
    if event_type in ("Protests", "Riots"):
        return "demonstration"
    return sub_event_type


def _compatible(a: Actor | None, b: Actor | None) -> bool:
    return a is None or b is None or a.name == b.name or a.weak or b.weak


@dataclass
class Group:
    """The candidates that report one event (or one set of same-day events at listed places)."""

    members: list[Candidate]
    places: list[Place] = field(default_factory=list)
    antecedent: "Group | None" = None
    casualties: list[int] = field(default_factory=list)
    explicit: bool = False
    date: object = None

    @property
    def sentences(self) -> list[int]:
        return sorted({m.sentence for m in self.members})

    @property
    def last(self) -> int:
        return max(m.sentence for m in self.members)

    @property
    def primary(self) -> Candidate:
        return min(self.members, key=lambda m: RANK[m.sub_event_type])

    @property
    def family(self) -> str:
        return family(self.primary.sub_event_type)

    def actor(self, role: int) -> Actor | None:
        """The primary report's actor, unless it is a bare generic one another report names better."""
        found = [m.actor1 if role == 1 else m.actor2 for m in [self.primary, *self.members]]
        other = self.actor(1) if role == 2 else None
        found = [a for a in found if a is not None and (other is None or a.name != other.name)]
        if not found:
            return None
        first = found[0]
        better = (a for a in found if not a.weak and (not first.weak or a.inter in ARMED_INTERS))
        return next(better, first)

    def fits(self, c: Candidate) -> bool:
        a1, a2 = self.actor(1), self.actor(2)
        straight = _compatible(a1, c.actor1) and _compatible(a2, c.actor2)
        crossed = _compatible(a1, c.actor2) and _compatible(a2, c.actor1)
        return straight or (crossed and (c.sub_event_type in SYMMETRIC or self.primary.sub_event_type in SYMMETRIC))

    def add(self, c: Candidate) -> None:
        self.members.append(c)
        self.places = finer(self.places, list(c.places))


def finer(a: list[Place], b: list[Place]) -> list[Place]:
    """The more precise of two place lists (a list of several beats one place of equal rank)."""
    if not a or not b:
        return a or b
    ra, rb = min(map(rank, a)), min(map(rank, b))
    if rb < ra or (rb == ra and len(b) > len(a)):
        return b
    return a


def _places_agree(a: list[Place], b: list[Place]) -> bool:
    """No places on one side, or places of one side inside (or equal to) places of the other."""
    return not a or not b or any(same_place(x, y) or contains(x, y) or contains(y, x) for x in a for y in b)


def _refers_to(c: Candidate, g: Group) -> bool:
    """Whether an anaphoric report can be about ``g``: a claim names the perpetrator of any attack,
    a side's own account only an attack that side is named for."""
    if c.own_account:
        a1 = g.actor(1)
        return a1 is not None and a1.name == c.actor1.name
    return _compatible(g.actor(1), c.actor1) if c.claimed else g.fits(c)


def group_candidates(cands: list[Candidate]) -> list[Group]:
    groups: list[Group] = []
    for c in cands:
        fam = family(c.sub_event_type)
        window = CLAIM_WINDOW if c.claimed else WINDOW  # a claim of responsibility often comes late
        recent = [g for g in reversed(groups) if c.sentence - g.last <= window and g.family == fam]
        if c.anaphoric or c.refers_only:  # "the fighting" looks for a battle first, then any violence
            recent.sort(key=lambda g: g.primary.event_type != c.event_type)
            target = next((g for g in recent if _refers_to(c, g) and _places_agree(g.places, list(c.places))), None)
            c = replace(c, sub_event_type=target.primary.sub_event_type, event_type=target.primary.event_type) if target else c
        else:
            target = next((g for g in recent if g.last == c.sentence and g.fits(c) and _places_agree(g.places, list(c.places))), None)
        if target is not None:
            target.add(c)
            continue
        if c.refers_only:
            continue
        g = Group([c], list(c.places))
        if c.place_anaphor and not c.places:
            g.antecedent = next((h for h in recent if h.places and len(h.places) > 1 or (h.places and c.count in (None, 1))), None)
            if g.antecedent is not None:
                g.places = list(g.antecedent.places)
        groups.append(g)
    return groups


def _precision(g: Group) -> int:
    return min(map(rank, g.places)) if g.places else 5


def _inside(coarse: list[Place], fine: list[Place]) -> bool:
    return not coarse or all(any(contains(c, f) for c in coarse) for f in fine)


def _kind(sub: str) -> str:
    if EVENT_TYPES[sub] in ("Protests", "Riots"):
        return "demonstration"
    return "territory" if sub in TERRITORY else sub


def _same_event(g: Group, h: Group) -> bool:
    """Mentions of one event: the same kind, or a capture of people by the side that took the place."""
    if _kind(g.primary.sub_event_type) == _kind(h.primary.sub_event_type):
        return all(h.fits(m) for m in g.members)
    if g.primary.sub_event_type not in CAPTURES or _kind(h.primary.sub_event_type) != "territory":
        return False
    a, b = g.actor(1), h.actor(1)
    return a is not None and b is not None and not a.weak and a.name == b.name and all(h.fits(m) for m in g.members)


def absorb(groups: list[Group]) -> list[Group]:
    """A vague report (no place, or only a province) joins the more detailed report next to it."""
    alive = list(groups)
    for g in groups:
        if g not in alive or _precision(g) < 3 or g.antecedent is not None:
            continue
        near = [h for h in alive if h is not g and _precision(h) <= _precision(g) and h.family == g.family
                and min(abs(h.last - s) for s in g.sentences) <= ABSORB
                and _same_event(g, h) and _inside(g.places, h.places)
                and not (g.explicit and h.explicit and g.date.event_date != h.date.event_date)]
        if near:
            h = min(near, key=lambda h: min(abs(h.last - s) for s in g.sentences))
            h.members.extend(g.members)
            h.places = finer(h.places, g.places)
            h.casualties.extend(g.casualties)
            h.explicit = h.explicit or g.explicit
            if not h.date.event_date or (g.explicit and not h.explicit):
                h.date = g.date
            alive.remove(g)
    return alive


def _side_tallies(groups: list[Group]) -> list[Group]:
    """Interceptions reported without a place of their own ("shot down 27 of the 40 drones") next to
    violence that hit somewhere are a tally around the news, not an event."""
    if not any(g.family == "violence" for g in groups):
        return groups
    return [g for g in groups if g.places or g.primary.sub_event_type != "Disrupted weapons use"]


def _casualty_sentences(groups: list[Group], state: DocState) -> None:
    used = {s for g in groups for s in g.sentences}
    for si, sent in enumerate(state.sentences):
        if si in used or not state.prose[si] or state.history[si]:
            continue
        words, idx = toll_words(), index(state.doc)
        if not any(idx.lemma[i] in words or idx.lower[i] in words for i in range(sent.start, sent.end)):
            continue
        if any(t.dep_ == "nsubj" and t.lower_ in state.lexicon.blockers["abstract_agents"] for t in sent):
            continue  # "the war has killed tens of thousands": not this event's toll
        before = [g for g in groups if g.family == "violence" and min(g.sentences) < si <= g.last + CASUALTY_WINDOW]
        if before:
            max(before, key=lambda g: g.last).casualties.append(si)


def _date_groups(groups: list[Group], state: DocState) -> None:
    for g in groups:
        order = sorted(g.sentences, key=lambda s: (not state.dated[s], s))
        g.explicit = any(state.dated[s] for s in g.sentences)
        if g.antecedent is not None and not g.explicit and g.antecedent.date is not None:
            d = g.antecedent.date
            g.date = EventDate(d.event_date, "week" if d.time_precision == "day" else d.time_precision, d.date_range, False)
            continue
        published = _iso(state.article.published)
        g.date = date_event(state.article, state.doc, [state.sentences[s].start_char for s in order], published,
                            state.lexicon.classes["speech"], tuple(m.trigger for m in g.members))


def _iso(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((text or "")[:10])
    except ValueError:
        return None


def _fatalities(g: Group, groups: list[Group], n: int, state: DocState) -> tuple[tuple[Fatality, ...], list[int]]:
    """Figures of the event's sentences (in a sentence reporting other events too, those of this
    event's clauses) and ACLED's toll per event (``n`` events share them)."""
    figures = []
    for si in sorted(set(g.sentences + g.casualties)):
        own = [m.trigger for m in g.members if m.sentence == si]
        others = [m.trigger for h in groups if h is not g for m in h.members if m.sentence == si]
        figures += find_figures(state.sentences[si], attributions=state.attributions, actor_of=state.lexicon.canonical,
                                own=own, others=others)
    return tuple(figures), list(code_fatalities(figures, n))


def _claims(state: DocState):
    """Claims about an event, given its sentence starts (attributions read once per document)."""
    state.attributions = find_attributions(state.doc, state.lexicon, outlet=state.article.outlet)
    return lambda starts: claims_for(starts, state.attributions, state.doc)


def _counterpart(state: DocState, actor1: Actor | None, sentences: list[int]) -> Actor | None:
    """The armed group named most often near the event, other than ``actor1`` (the other side of a battle)."""
    counts: dict[str, int] = {}
    by_name: dict[str, Actor] = {}
    first = state.sentences[max(0, min(sentences) - COUNTERPART_WINDOW)].start_char
    last = state.sentences[min(len(state.sentences) - 1, max(sentences) + COUNTERPART_WINDOW)].end_char
    text = state.article.body[first:last]
    for _, _, a in state.actors.mentions_in(first, last):
        if a.kind == "person" or a.inter not in ("State forces", "Rebel group", "Political militia", "Identity militia"):
            continue
        if actor1 is not None and a.name == actor1.name:
            continue
        counts[a.name] = counts.get(a.name, 0) + 1
        by_name[a.name] = a
    if counts:
        return by_name[max(counts, key=counts.get)]
    lex = state.lexicon
    state_words = any(lex.generic[m.group(0).lower()] == "military" for m in lex.generic_regex.finditer(text))
    if state_words and (actor1 is None or actor1.inter != "State forces"):  # "clashes with the army"
        return lex.state_actor(state.country, "military", state.anchor_iso)
    return None


def _dated(actor: Actor | None, state: DocState, date: str | None, iso2: str | None) -> Actor | None:
    """The actor with the inter type (and name) in force on the event's date."""
    if actor is None or actor.kind != "group":
        return actor
    again = state.lexicon.actor(actor.name, date, iso2)
    return again if again is not None else actor


def _evidence(state: DocState, sentences: list[int]) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    body = state.article.body
    texts, spans = [], []
    for si in sentences:
        s = state.sentences[si]
        raw = body[s.start_char : s.end_char]
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        texts.append(text)
        spans.append((s.start_char + lead, s.start_char + lead + len(text)))
    return tuple(texts), tuple(spans)


@dataclass
class _Coded:
    event: EventMention
    family: str
    explicit: bool
    place: Place
    weak: frozenset = frozenset()  # names of weak (generic) actors a named one may stand for


def _nearby_places(g: Group, groups: list[Group]) -> list[Place]:
    """The places of the closest event reported within a few sentences (placeless reports share them)."""
    first = min(g.sentences)
    before = {id(h): max((s for s in h.sentences if s <= first), default=-1) for h in groups}
    near = [h for h in groups if h is not g and h.places and 0 <= first - before[id(h)] <= ABSORB]
    if not near:
        return []
    h = max(near, key=lambda h: before[id(h)])
    return [min(h.places, key=rank)] if len(h.places) > 1 else h.places


def _code_group(g: Group, groups: list[Group], state: DocState, claims_of) -> list[_Coded]:
    places = g.places or _nearby_places(g, groups) or [p for p in [context_place(g.sentences, state)] if p is not None]
    places = [p for p in places if rank(p) < 4]
    if not places or g.date is None or g.date.is_background:
        return []
    primary = g.primary
    sub = primary.sub_event_type
    evidence, spans = _evidence(state, g.sentences)
    starts = [state.sentences[s].start_char for s in g.sentences]
    figures, tolls = _fatalities(g, groups, len(places), state)
    claims = tuple(claims_of(starts))
    out = []
    for place, toll in zip(places, tolls):
        iso2 = place.country_code or state.country
        date = g.date.event_date
        a1, a2 = _dated(g.actor(1), state, date, iso2), _dated(g.actor(2), state, date, iso2)
        if sub in TERRITORY and sub != "Non-violent transfer of territory":
            if a2 is None and g.antecedent is not None:
                a2 = g.antecedent.actor(1)
                a2 = None if a2 is None or a1 is None or a2.name == a1.name else a2
            if a2 is None:
                a2 = _counterpart(state, a1, g.sentences)
            if a1 is not None:
                own = a1.inter == "State forces" and a1.country in (None, iso2)  # a foreign army "overtakes"
                sub = "Government regains territory" if own else "Non-state actor overtakes territory"
        elif sub == "Change to group/activity" and a1 is not None and a2 is None:  # defected (to the other side)
            a2 = _counterpart(state, a1, g.sentences)
        elif sub == "Armed clash" and (a1 is None or a2 is None):
            a1 = a1 or a2 or _counterpart(state, None, g.sentences)
            a2 = _counterpart(state, a1, g.sentences) if a1 is not None else None
        violent = EVENT_TYPES[sub] in ("Explosions/Remote violence", "Violence against civilians")
        if violent and a1 is not None and a1.inter == "Civilians":  # victims are no attackers
            a1, a2 = None, a2 or a1
        if a1 is None and sub == "Air/drone strike":  # an unowned strike: the air force the text ties to strikes
            a1 = state.lexicon.state_actor(state.actors.air_force(starts[0], iso2), "military", date)
        if a1 is None and violent:  # the group that claimed, the one local group named, else unidentified
            a1 = state.actors.perpetrator(iso2, {a2.name} if a2 else set()) or state.lexicon.generic_actor(
                "armed", iso2, date, weak=True)
        if a1 is None and a2 is None:
            continue
        if a1 is None:
            a1, a2 = a2, None
        info = country_info(iso2)
        out.append(_Coded(EventMention(
            id="", event_date=date, time_precision=g.date.time_precision,
            event_type=EVENT_TYPES[sub], sub_event_type=sub,
            actor1=a1.name, actor2=a2.name if a2 else None,
            country=state.lexicon.country_name(iso2) if iso2 else None, iso=info[1] if info else None,
            admin1=place.admin1, admin2=place.admin2, location=place.name,
            latitude=place.lat, longitude=place.lon, geo_precision=precision(place, state.article.body),
            fatalities=toll, claims=claims, evidence=evidence, evidence_spans=spans,
            inter1=a1.inter or None, inter2=(a2.inter or None) if a2 else None,
            geonameid=place.geonameid, figures=figures, date_range=g.date.date_range,
        ), family(sub), g.explicit, place, frozenset(a.name for a in (a1, a2) if a is not None and a.weak)))
    return out


def _same_unit(a: _Coded, b: _Coded) -> bool:
    """Two reports of one event: same place (or one inside the other), nested actor pairs, and the
    same day (ACLED's unit), or the same kind of event with one report undated."""
    ea, eb = a.event, b.event
    if a.family != b.family:
        return _part_of_attack(a, b) or _part_of_attack(b, a)
    if not (same_place(a.place, b.place) or contains(a.place, b.place) or contains(b.place, a.place)):
        return False
    battle = ea.event_type == eb.event_type == "Battles"  # "fighters overran the outpost" beside the named capture
    pa = _crowd({ea.actor1, ea.actor2} - (a.weak if battle else frozenset()))
    pb = _crowd({eb.actor1, eb.actor2} - (b.weak if battle else frozenset()))
    if not (pa <= pb or pb <= pa):
        return False
    if ea.sub_event_type in TERRITORY and eb.sub_event_type in TERRITORY and ea.actor1 != eb.actor1:
        return False
    same_day = ea.event_date is not None and (ea.event_date, ea.time_precision) == (eb.event_date, eb.time_precision)
    if same_day and same_place(a.place, b.place):
        return True
    undated = b.event if a.explicit else a.event
    kinds = {_kind(ea.sub_event_type), _kind(eb.sub_event_type)}
    taken = kinds == {"territory"} | ({sub for sub in CAPTURES if sub in kinds}) and ea.actor1 == eb.actor1 and len(kinds) == 2
    # "... had full control of the town and had captured dozens of soldiers": the capture's prisoners
    return a.explicit != b.explicit and undated.time_precision != "day" and (len(kinds) == 1 or taken)


def _part_of_attack(part: _Coded, attack: _Coded) -> bool:
    """"its forces destroyed an ammunition depot in X" beside the same side's strike on X that day
    (or with no day of its own): the destruction is part of the attack, as ACLED codes it."""
    ep, ea = part.event, attack.event
    return (ep.sub_event_type in PARTS_OF_ATTACK and attack.family == "violence" and ep.actor1 is not None
            and ep.actor1 == ea.actor1 and same_place(part.place, attack.place)
            and (ep.event_date == ea.event_date or not part.explicit))


def _crowd(names: set) -> set:
    """Actor names with rioters and protesters of a country counted as one crowd."""
    return {n.replace("Rioters (", "Protesters (") for n in names if n is not None}


def _merge(keep: _Coded, other: _Coded) -> _Coded:
    ek, eo = keep.event, other.event
    best = ek if RANK[ek.sub_event_type] <= RANK[eo.sub_event_type] else eo
    spans = dict(zip(ek.evidence_spans, ek.evidence))
    spans.update(zip(eo.evidence_spans, eo.evidence))
    order = sorted(spans)
    claims = tuple(dict.fromkeys(ek.claims + eo.claims))
    place = keep.place if rank(keep.place) <= rank(other.place) else other.place
    base = ek if place is keep.place else eo
    event = replace(
        base, event_type=best.event_type, sub_event_type=best.sub_event_type,
        actor1=best.actor1, actor2=best.actor2 or (eo.actor2 if best is ek else ek.actor2),
        inter1=best.inter1, inter2=best.inter2 or (eo.inter2 if best is ek else ek.inter2),
        evidence=tuple(spans[s] for s in order), evidence_spans=tuple(order), claims=claims,
        fatalities=merged_toll((ek.fatalities, eo.fatalities), ek.figures + eo.figures),
        figures=tuple(dict.fromkeys(ek.figures + eo.figures)),
    )
    explicit = keep.explicit or other.explicit
    if other.explicit and not keep.explicit:
        event = replace(event, event_date=eo.event_date, time_precision=eo.time_precision, date_range=eo.date_range)
    return _Coded(event, keep.family if best is ek else other.family, explicit, place, keep.weak | other.weak)


def _held_a_day(coded: list[_Coded]) -> list[_Coded]:
    """A place taken and retaken on the same day changed hands for a day or less: an Armed clash."""
    day = {}
    for c in coded:
        e = c.event
        if e.sub_event_type in TERRITORY and e.time_precision == "day" and e.event_date:
            day.setdefault((e.location, e.admin1, e.event_date), set()).add(e.actor1)
    out = []
    for c in coded:
        e = c.event
        if e.sub_event_type in TERRITORY and len(day.get((e.location, e.admin1, e.event_date), ())) > 1:
            c = replace(c, event=replace(e, event_type="Battles", sub_event_type="Armed clash"))
        out.append(c)
    return out


def _protest_arrests(coded: list[_Coded]) -> list[_Coded]:
    """Arrests of unnamed people by state forces where and when a demonstration is reported are its
    intervention ("Police said 40 people were arrested in the capital"): recoded as one, so the merge joins them."""
    demos = [d for d in coded if d.family == "demonstration"]
    out = []
    for c in coded:
        e = c.event
        if e.sub_event_type == "Arrests" and e.inter1 == "State forces" and e.inter2 in (None, "Civilians", "Protesters"):
            d = next((d for d in demos if same_place(d.place, c.place) and (
                not c.explicit or (d.event.event_date, d.event.time_precision) == (e.event_date, e.time_precision))), None)
            if d is not None:
                e = replace(e, event_type="Protests", sub_event_type="Protest with intervention",
                            actor1=d.event.actor1, inter1=d.event.inter1, actor2=e.actor1, inter2=e.inter1)
                c = replace(c, event=e, family="demonstration")
        out.append(c)
    return out


def merge_units(coded: list[_Coded]) -> list[_Coded]:
    coded = _protest_arrests(_held_a_day(coded))
    out: list[_Coded] = []
    for c in coded:
        twin = next((i for i, o in enumerate(out) if _same_unit(o, c)), None)
        if twin is None:
            out.append(c)
        else:
            out[twin] = _merge(out[twin], c)
    return out


def extract_events(article: Article, doc, places, lexicon, gazetteer) -> tuple[EventMention, ...]:
    """The events ``article`` reports, ACLED-coded, one per location, day and actor pair."""
    if not article.body.strip():
        return ()
    state = DocState.build(article, doc, places, lexicon)
    cands = detect(state)
    if not cands:
        return ()
    groups = group_candidates(cands)
    _date_groups(groups, state)
    groups = _side_tallies(absorb(groups))
    _casualty_sentences(groups, state)
    claims_of = _claims(state)
    coded = [c for g in groups for c in _code_group(g, groups, state, claims_of)]
    events = []
    for n, c in enumerate(merge_units(coded), 1):
        e = c.event
        events.append(replace(e, id=f"e{n}", notes=note(
            e.sub_event_type, e.actor1, e.actor2, e.location, e.admin1, e.event_date, e.time_precision, e.fatalities)))
    return tuple(events)


__all__ = ["extract_events", "Candidate", "DocState", "detect"]
