"""Decide which mentions are places and which gazetteer entry each one names.

Evidence, in order of weight: how well the names agree; the document's country focus
(country names and demonyms); admin-1 units the document names ("in Helmand province",
"the northeastern X province: A, B and C"); the kind the context asks for (qualifiers,
list headers); population and feature kind; distance to the document's other places.
One sense per discourse: every mention of one name in a document gets one reading.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import replace
from functools import lru_cache

from unidecode import unidecode

from ..records import Place
from .candidates import Candidate, norm
from .mentions import Mention

STRONG_NER = ("GPE", "LOC", "FAC")
LOOSE_LOCATIVE = frozenset({"and", "of", "between"})  # words before a name that place it only loosely
FOCUS_SHARE = 0.25  # a country weighing this share of the heaviest is one the text is about
NESTED = 3.0  # score for a reading that fits the name said to contain it (or be contained)
PRECISION = {"country": 3, "admin1": 3, "admin2": 2, "valley": 2, "populated_place": 1, "other": 2}
CAPITAL_POPULATION = 250_000  # a bare name shared by a province and a city this big means the city
KIND_PRIOR = {"country": 1.2, "admin1": 0.45, "admin2": 0.25, "populated_place": 0.0, "valley": 0.2, "other": 0.0}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def focus(mentions: list[Mention]) -> dict[str, float]:
    """Country weights from country mentions (2 each), qualified admin units (2) and demonyms (1).

    A unit named by one of its alternate names ("Kurdistan Region" for Iran's Kordestan) counts
    only for a country the rest of the text already names, or when nothing else names one.
    """
    weights: Counter = Counter()
    aliased: Counter = Counter()
    for m in mentions:
        if m.demonym:
            weights[m.demonym] += 0.5 if m.actor else 1  # "French troops" names an actor more than a place
        elif m.candidates and not (m.org or m.foreign_entity or m.person):
            top = m.candidates[0]
            if top.similarity == 1.0 and top.entry.kind == "country":
                weights[top.entry.cc] += 1 if m.actor or m.common else 2
            elif m.qualified and top.entry.kind in ("admin1", "admin2") and len(
                    {c.entry.cc for c in m.candidates if c.similarity == 1.0}) == 1:
                (aliased if _foreign_alias(top) else weights)[top.entry.cc] += 2
            elif _strong(m) and not m.partial and _unambiguous_country(m):
                weights[top.entry.cc] += 1
    for cc, w in aliased.items():
        if cc in weights or not weights:
            weights[cc] += w
    return dict(weights)


def _unambiguous_country(m: Mention) -> bool:
    """All exact readings lie in one country and one of them is a big city or a province."""
    exact = [c for c in m.candidates if c.matched == norm(m.lookup)]
    return (len({c.entry.cc for c in exact}) == 1
            and any(c.entry.population >= 100_000 or c.entry.kind == "admin1" for c in exact))


def top_countries(weights: dict[str, float], n: int = 4) -> tuple[str, ...]:
    if not weights:
        return ()
    best = max(weights.values())
    return tuple(cc for cc, w in sorted(weights.items(), key=lambda kv: -kv[1])[:n] if w >= FOCUS_SHARE * best)


def _strong(m: Mention) -> bool:
    if m.partial:
        return m.qualified or m.listed or (m.ner in STRONG_NER and m.ner_exact)
    return m.qualified or m.listed or m.locative or m.dateline or m.ner in STRONG_NER


def _main_name(c: Candidate) -> bool:
    """The match is on the place's own name, not one of its alternate (foreign) names."""
    own = norm(c.entry.name)
    return c.entry.kind == "country" or c.matched == own or c.matched == own.split(" ")[0]


def _nisba(m: Mention) -> bool:
    """An adjective made by adding -i to a place name ("a Kandahari commander")."""
    key = norm(m.text)
    return (key.endswith("i") and " " not in key and all(c.similarity < 1.0 for c in m.candidates)
            and any(c.matched == key[:-1] for c in m.candidates))


def is_place(m: Mention, accepted_names: set[str], weights: dict[str, float], nested: bool = False) -> bool:
    """Whether a mention names a place at all (before choosing which place); ``nested``: the
    text puts it inside (or around) another name it fits ("El Paso, Texas"), or inside a unit
    it will be placed at ("the X region of Y", X known only abroad)."""
    if m.demonym or not m.candidates or m.org or (m.foreign_entity and m.kind not in ("admin1", "admin2")):
        return False
    whole_entity = m.ner_exact and _strong(m)  # "in Maarat al-Numan", tagged PERSON as a whole
    if (m.person or m.person_word and norm(m.lookup) not in accepted_names and not whole_entity) \
            and not m.qualified:
        return False
    top = m.candidates[0].entry
    if _nisba(m):
        return False
    if m.actor and top.kind == "country":
        return False
    if m.common and not (m.qualified or m.ner in ("GPE", "LOC")):
        return False
    key, heaviest = norm(m.lookup), max(weights.values(), default=0)
    if m.facility:  # "the X hospital": X is the facility's own name unless it is a town of the focus
        return any(c.similarity == 1.0 and weights.get(c.entry.cc, -1) >= 0.5 * heaviest for c in m.candidates)
    if m.sentence_initial and not (_strong(m) or nested) and key not in accepted_names:
        # a capitalised first word is weak evidence: only a country or a big place spelled as on file
        return (top.kind == "country" and m.candidates[0].similarity == 1.0) or any(
            c.matched == key and (_main_name(c) or " " in key) and (c.entry.population >= 1_000_000 or (
                weights.get(c.entry.cc, -1) >= 0.5 * heaviest
                and (c.entry.population >= 100_000 or c.entry.kind == "admin1"))) for c in m.candidates)
    if any(c.entry.kind == "country" and c.similarity == 1.0 for c in m.candidates) and not m.partial:
        return True
    if nested:
        return True
    if m.partial and not _strong(m):
        return False
    focused = heaviest >= 2  # the text is clearly about somewhere
    if _strong(m):  # outside the focus only a name spelled exactly as on file counts
        specific = m.qualified or m.listed or (m.locative and m.via not in LOOSE_LOCATIVE)
        return any(_plausible(c, key, weights.get(c.entry.cc, 0.0) / (heaviest or 1.0), focused, specific)
                   for c in m.candidates)
    return any(weights.get(c.entry.cc, -1) >= 0.5 * heaviest and c.similarity >= 0.95 for c in m.candidates) or any(
        c.matched == key and (_main_name(c) or " " in key) and (c.entry.cc in weights or not focused)
        and (c.entry.population >= 100_000 or c.entry.kind == "admin1") for c in m.candidates)


def _plausible(c: Candidate, key: str, share: float, focused: bool, specific: bool) -> bool:
    """A reading of a name in place context, given the weight of its country in the text
    (``share`` of the heaviest): readings far from the text's focus need stronger evidence."""
    if share >= FOCUS_SHARE:
        return True
    e = c.entry
    big = e.population >= 100_000 and not (focused and _foreign_alias(c))
    if share > 0:  # a country the text names, but not what it is about
        return c.similarity >= 0.97 and ((c.matched == key and big and (_main_name(c) or " " in key)) or specific
                                         or (_main_name(c) and e.kind == "admin1"))
    if c.matched != key:
        return False
    if not focused:
        return big or (_main_name(c) and (e.kind == "admin1" or e.population >= 1000))
    # a country the text never names: a big city by its own name, or a unit the text qualifies
    if e.kind in ("admin1", "admin2"):
        return specific and _main_name(c) and big
    return (_main_name(c) or " " in key) and big


def _foreign_alias(c: Candidate) -> bool:
    """An admin unit reached through one of its alternate names ("Kurdistan" for Iran's
    Kordestan): in a text about another country the name means something else there."""
    return c.entry.kind in ("admin1", "admin2") and not _main_name(c)


def _named_entity_only(g: "_Group", weights: dict[str, float]) -> bool:
    """A name spaCy labels an organisation or person at least twice and never a place, and
    that the text never puts in place context inside its focus."""
    labels = [m.ner for m in g.mentions]
    in_focus = any(c.similarity == 1.0 and c.entry.cc in weights for c in g.candidates)
    return (sum(label in ("ORG", "PERSON", "NORP") for label in labels) >= 2
            and not any(label in STRONG_NER for label in labels)
            and not any(m.qualified or m.listed or (m.locative and in_focus) for m in g.mentions))


class _Group:
    """All mentions of one name in a document: they share one reading."""

    __slots__ = ("key", "mentions", "hint", "candidates", "sentences")

    def __init__(self, key: str, mentions: list[Mention]):
        self.key, self.mentions = key, mentions
        hints = [m.hint for m in mentions if m.hint and m.kind not in ("valley", "other")]
        self.hint: tuple[str, ...] = max(hints, key=len) if hints else ()
        best: dict[int, Candidate] = {}
        for m in mentions:
            for c in m.candidates:
                if c.entry.id not in best or c.similarity > best[c.entry.id].similarity:
                    best[c.entry.id] = c
        self.candidates: list[Candidate] = list(best.values())
        self.sentences: set[int] = {m.sentence for m in mentions}


def _score(c: Candidate, group: _Group, weights, admin1s, admin1_sents) -> float:
    """Everything but spatial coherence (see ``_near``)."""
    e = c.entry
    s = 3.0 * c.similarity + (0.3 if c.similarity == 1.0 else 0.0)  # the exact spelling beats a variant
    if e.cc in weights:  # a single demonym is weaker evidence than named countries
        top = weights["_max"]
        s += 2.0 * (weights[e.cc] / top) ** 2 * min(1.0, top / 3)
    key = (e.cc, e.a1)
    if admin1s.get(key, group.key) != group.key:  # another name in the text names its province
        s += 1.2
        if admin1_sents.get(key, set()) & group.sentences:
            s += 0.8
    hint = group.hint
    if hint:
        if e.kind == hint[0]:
            s += 1.5
        elif e.kind in hint:
            s += 0.6
    s += KIND_PRIOR.get(e.kind, 0.0)
    if _main_name(c):  # an alternate name is often a foreign exonym or a former name
        s += 0.5
    if e.kind == "populated_place":
        s += 0.4 * max(0.0, math.log10(e.population + 1) - 3.0)
    return s


def _near(c: Candidate, anchors) -> float:
    """Spatial coherence: up to 1.5 for a place next to the document's other places."""
    e = c.entry
    if not anchors or e.lat is None or e.kind == "country" or e.approx:  # borrowed points prove nothing
        return 0.0
    lat, lon, k = e.lat, e.lon, math.cos(math.radians(e.lat))  # equirectangular: enough for 100 km
    d2 = min((lat - a) ** 2 + ((lon - b) * k) ** 2 for a, b in anchors)
    return 1.5 * math.exp(-1.112 * math.sqrt(d2))


def resolve(mentions: list[Mention], gazetteer, weights: dict[str, float], text: str = "") -> tuple[Place, ...]:
    """Places for the mentions that name one, in text order (``text``: the text the mentions'
    offsets index, which places villages missing from the gazetteer)."""
    named: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.candidates and not m.demonym and m.within is None:
            named.setdefault(norm(m.lookup), []).append(m)
    groups = {key: _Group(key, ms) for key, ms in named.items()}
    nested, paired, outside = _nesting(mentions)
    strong_names = {k for k, g in groups.items()
                    if any(m.qualified or m.listed or m.ner in STRONG_NER for m in g.mentions)}
    kept = {k: [m for m in g.mentions if is_place(m, strong_names, weights, m.start in paired or k in outside)]
            for k, g in groups.items() if not _named_entity_only(g, weights)}
    kept = {k: _Group(k, ms) for k, ms in kept.items() if ms}

    admin1s, admin1_sents = _admin1_context(kept)
    choice: dict[str, tuple[Candidate, float]] = {}
    scoring = {**weights, "_max": max(weights.values(), default=1.0)}
    base = {key: sorted(((_score(c, g, scoring, admin1s, admin1_sents)
                          + (NESTED if c.entry.id in nested.get(key, ()) else 0.0), c) for c in g.candidates),
                        key=lambda t: -t[0]) for key, g in kept.items()}
    first = {key: ranked[0][1] for key, ranked in base.items()}  # before spatial coherence
    anchors = list({(c.entry.lat, c.entry.lon) for c in first.values()
                    if c.entry.lat is not None and c.entry.kind != "country"})
    for key, ranked in base.items():
        if len(ranked) == 1:
            choice[key] = (ranked[0][1], 1.0)
            continue
        mine = (first[key].entry.lat, first[key].entry.lon)
        own = [a for a in anchors if a != mine]
        top = ranked[0][0]  # only readings that spatial coherence (max 1.5) could lift
        contenders = [(s, c) for s, c in ranked if s > top - 1.5]
        scored = contenders if len(contenders) == 1 else sorted(
            ((s + _near(c, own), c) for s, c in contenders), key=lambda t: -t[0])
        best_s, best = scored[0]
        rivals = [s for s, c in scored + [(s, c) for s, c in ranked if top - 6 < s <= top - 1.5]
                  if not _same_place(c.entry, best.entry)]
        choice[key] = (best, 1.0 / (1.0 + sum(math.exp(s - best_s) for s in rivals)))
    for key, outer in outside.items():  # "the X region of Y", X known only abroad: X is placed at Y
        if key in choice and norm(outer.lookup) in choice:
            choice[key] = choice[norm(outer.lookup)]
    out = []
    for key, g in kept.items():
        cand, conf = choice[key]
        city = _capital(cand, g)
        out.extend(_place(m, city if city and not m.qualified else cand, conf, gazetteer) for m in g.mentions)
    out.sort(key=lambda p: p.start)
    inside = [p for m in mentions if m.within is not None and m.candidates
              and not (m.org or m.person or m.common or m.foreign_entity)
              for p in [_inside_city(m, out, gazetteer)] if p is not None]
    sentences = {m.start: m.sentence for m in mentions}
    unknown = [p for m in mentions if m.extras.get("unknown")
               for p in [_unknown_place(m, out, sentences, text)] if p is not None]
    return tuple(sorted(out + inside + unknown, key=lambda p: p.start))


ANCHOR_RANK = {"admin2": 0, "populated_place": 1, "valley": 1, "other": 2, "admin1": 3}


_AWAY = re.compile(r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|km|kilometres|kilometers|miles)"
                   r"\b", re.I)


def _unknown_place(m: Mention, places: list[Place], sentences: dict[int, int], text: str) -> Place | None:
    """A village the gazetteer lacks ("the village of X in Y's Z district"), placed at the most
    local unit or town of its sentence (the first after it, else the last before it; never a
    town it is said to lie some way from: "X, north of Y"), with no GeoNames id and
    district-level precision (province-level at a province)."""
    near = [p for p in places if sentences.get(p.start) == m.sentence and p.kind in ANCHOR_RANK
            and p.lat is not None and p.geonameid is not None
            and not _AWAY.search(text[min(p.end, m.end):max(p.start, m.start)])]
    if not near:
        return None
    after = [p for p in near if p.start >= m.end]
    anchor = min(after, key=lambda p: (ANCHOR_RANK[p.kind], p.start)) if after else max(near, key=lambda p: p.start)
    return replace(anchor, mention=m.text, start=m.start, end=m.end, name=m.text, geonameid=None,
                   kind="populated_place", geo_precision=3 if anchor.kind == "admin1" else 2,
                   score=round(anchor.score * 0.5, 3), dateline=False)


def _contains(outer, inner) -> bool:
    """``outer`` (a country or admin unit) contains the entry ``inner``."""
    if outer.id == inner.id or outer.cc != inner.cc or outer.kind not in ("country", "admin1", "admin2"):
        return False
    if outer.kind == "country":
        return True
    if outer.kind == "admin1":
        return inner.kind != "country" and inner.kind != "admin1" and inner.a1 == outer.a1
    return inner.kind not in ("country", "admin1", "admin2") and (inner.a1, inner.a2) == (outer.a1, outer.a2)


def _nesting(mentions: list[Mention]) -> tuple[dict[str, set[int]], set[int], dict[str, Mention]]:
    """Readings that fit a stated containment ("El Paso, Texas", "Y's X district"): the entry
    ids that fit, by name; the offsets of the mentions in such a pair; and, by name, the
    container of a qualified name that has no reading in the container's country at all
    ("the X region of Y" where every X on file lies abroad)."""
    at = {m.start: m for m in mentions}
    nested: dict[str, set[int]] = defaultdict(set)
    paired: set[int] = set()
    outside: dict[str, Mention] = {}
    for m in mentions:
        outer = at.get(m.inside) if m.inside is not None else None
        if outer is None or not m.candidates or not outer.candidates:
            continue
        units = [c for c in outer.candidates if c.similarity >= 0.9]
        pairs = [(a, b) for a in m.candidates for b in units if a.similarity >= 0.9 and _contains(b.entry, a.entry)]
        if pairs:
            nested[norm(m.lookup)].update(a.entry.id for a, _ in pairs)
            nested[norm(outer.lookup)].update(b.entry.id for _, b in pairs)
            paired.update((m.start, outer.start))
        elif m.qualified and m.inside > m.start and any(b.entry.kind in ("country", "admin1", "admin2") for b in units) \
                and not {a.entry.cc for a in m.candidates} & {b.entry.cc for b in units}:
            outside[norm(m.lookup)] = outer
    return nested, paired, outside


def _inside_city(m: Mention, places: list[Place], gazetteer) -> Place | None:
    """"the X neighbourhood [of Y]": X near the city Y (or the closest town named before it,
    else after it), or the city itself when no X lies within 30 km of it."""
    towns = [p for p in places if p.kind == "populated_place" and p.lat is not None]
    city = next((p for p in towns if p.start == m.within), None) or max(
        (p for p in towns if p.end <= m.start), key=lambda p: p.start, default=None) or next(
        (p for p in towns if p.start >= m.end), None)
    if city is None:
        return None
    near = [c for c in m.candidates if c.entry.lat is not None and c.entry.kind != "country"
            and haversine_km(c.entry.lat, c.entry.lon, city.lat, city.lon) <= 30.0]
    if near:
        best = max(near, key=lambda c: (c.similarity, c.entry.population))
        return _place(m, best, 1.0, gazetteer)
    return replace(city, mention=m.text, start=m.start, end=m.end, dateline=m.dateline)


def _capital(chosen: Candidate, group: "_Group") -> Candidate | None:
    """The big city named like a chosen admin unit: bare mentions of the name mean the city
    ("near Kharkiv ... Kharkiv oblast")."""
    if chosen.entry.kind not in ("admin1", "admin2"):
        return None
    cities = [c for c in group.candidates if c.entry.kind == "populated_place" and c.similarity == 1.0
              and c.entry.cc == chosen.entry.cc and c.entry.a1 == chosen.entry.a1
              and c.entry.population >= CAPITAL_POPULATION]
    return max(cities, key=lambda c: c.entry.population, default=None)


def _same_place(a, b) -> bool:
    """Two entries at the same spot (a district and its seat): not a real ambiguity."""
    if a.id == b.id:
        return True
    if a.lat is None or b.lat is None or abs(a.lat - b.lat) > 0.25:  # 0.25 degrees of latitude: 28 km
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= 25.0


def _admin1_context(groups: dict[str, _Group]) -> tuple[dict, dict]:
    """(country, admin1) units the document names -> the name naming them, and their sentences.

    A unit counts when a mention is qualified ("X province") or when every exact reading of
    the name is an admin-1 unit.
    """
    units, sents = {}, defaultdict(set)
    for key, g in groups.items():
        exact = [c for c in g.candidates if c.similarity >= 0.9]
        admin = [c for c in exact if c.entry.kind == "admin1"]
        qualified = any(m.qualified and m.kind == "admin1" for m in g.mentions)
        if admin and (qualified or len(admin) == len(exact)):
            for c in admin:
                units[(c.entry.cc, c.entry.a1)] = key
                sents[(c.entry.cc, c.entry.a1)].update(g.sentences)
    return units, sents


@lru_cache(maxsize=8192)
def _ascii(name: str | None) -> str | None:
    return unidecode(name) if name else None


def _place(m: Mention, c: Candidate, confidence: float, gazetteer) -> Place:
    e = c.entry
    kind = e.kind
    if m.kind in ("valley", "other") and not norm(m.lookup) == norm(m.text):
        kind = m.kind
    admin1 = gazetteer.admin(e.cc, e.a1) if e.a1 and e.kind != "country" else None
    admin2 = gazetteer.admin(e.cc, e.a1, e.a2) if e.a2 else None
    precision = PRECISION[kind]
    if kind == "other" and e.kind == "populated_place":
        precision = 1
    if e.approx or e.feature == "RGN":  # borrowed (provincial) coordinates, or a region of several units
        precision = 3
    return Place(
        mention=m.text, start=m.start, end=m.end, name=e.name, geonameid=e.id if e.id > 0 else None, country_code=e.cc,
        admin1=_ascii(admin1.name) if admin1 else None, admin2=_ascii(admin2.name) if admin2 else None,
        lat=e.lat, lon=e.lon, kind=kind, geo_precision=precision,
        score=round(c.similarity * confidence, 3), dateline=m.dateline,
    )
