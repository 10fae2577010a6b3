"""Toponym recognition: capitalised name runs matched against the gazetteer, with context.

spaCy's entities are one signal among several (its small model tags transliterated districts
PERSON or ORG, or misses them); the words around a name (``data/geo/context.json``) are the
others: qualifiers ("X province", "the X Valley"), locative prepositions, lists introduced by
"three districts:", person titles, organisation words ("Washington Post"), actor nouns
("US forces"). This module only finds and describes mentions; ``resolve`` decides.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from .candidates import Candidate, candidates, data_text, norm, soft

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

MAX_WORDS = 6
MAX_CANDIDATES = 30
FOREIGN_VARIANT = 85  # outside the focus a variant of a short name must stay this close (rapidfuzz ratio)
_WORD = re.compile(r"[^\W_](?:[\w’']|[-.](?=[^\W_]))*")
_CONNECTORS = frozenset("al el ad as ash ar at az an ul de del la le du des da do dos das di e i ye wa bin ibn "
                        "van von der of and the on upon sur am".split())
_QUOTE_OPEN = re.compile(r"(?:^|[\s(\[])[\"“‘«]$")  # a quotation opens right before the name
_INNER = frozenset("al el ul de del la le du des da do dos das di bin ibn van von der of sur upon am".split())
_LETTER = re.compile(r"[^\W\d_]")
_LIST_SEP = re.compile(r"^\s*(?:,|;|,?\s+(?:and|or))\s*$")


@dataclass(frozen=True)
class Context:
    """Word lists from ``data/geo/context.json``."""

    qualifiers: dict[str, dict]
    plurals: dict[str, str]
    locative: frozenset[str]
    org_words: frozenset[str]
    actor_nouns: frozenset[str]
    titles: frozenset[str]
    stop_words: frozenset[str]
    speech_verbs: frozenset[str]
    function_words: frozenset[str]
    group_names: frozenset[str]  # armed groups, movements, continents and oceans whose names collide with places
    list_openers: tuple[str, ...]
    ignorable: frozenset[str]  # capitalised words before a name that do not make it part of a longer name
    demonyms: dict[str, str]  # norm(demonym) -> ISO2
    facility_words: frozenset[str]  # "the X hospital": X names the facility (or its town)
    sub_city_words: frozenset[str]  # "the X neighbourhood [of Y]": X lies inside a city
    hyphen_suffixes: frozenset[str]  # "-based", "-backed": split off the name they follow
    place_suffixes: frozenset[str]  # "Kyiv-based": the name before is a place (strong context)
    place_nouns: frozenset[str]  # nouns after a name that still refer to the place ("X countryside")


@lru_cache(maxsize=1)
def context() -> Context:
    raw = json.loads(data_text("context.json"))
    dem = json.loads(data_text("demonyms.json"))["demonyms"]
    return Context(
        qualifiers={k: v for k, v in raw["qualifiers"].items() if not k.startswith("_")},
        plurals=raw["plurals"], locative=frozenset(raw["locative_before"]),
        org_words=frozenset(raw["org_words"]), actor_nouns=frozenset(raw["actor_nouns"]),
        titles=frozenset(raw["person_titles"]), stop_words=frozenset(raw["stop_words"]),
        speech_verbs=frozenset(raw["speech_verbs"]), function_words=frozenset(raw["function_words"]),
        group_names=frozenset(norm(g) for g in raw["group_names"] + raw["not_places"]),
        list_openers=tuple(raw["list_openers"]),
        demonyms={norm(d): cc for cc, ds in dem.items() for d in ds},
        ignorable=frozenset(norm(d) for ds in dem.values() for d in ds) | frozenset(
            raw["person_titles"] + raw["stop_words"] + raw["function_words"]),
        facility_words=frozenset(raw["facility_words"]), sub_city_words=frozenset(raw["sub_city_words"]),
        hyphen_suffixes=frozenset(raw["place_suffixes"] + raw["actor_suffixes"]),
        place_suffixes=frozenset(raw["place_suffixes"]),
        place_nouns=frozenset([*raw["qualifiers"], *raw["plurals"], *raw["place_parts"], *raw["sub_city_words"]]),
    )


class Word:
    """A word token with its offsets and the flags recognition reads."""

    __slots__ = ("text", "start", "end", "possessive", "lower", "capitalised", "acronym")

    def __init__(self, text: str, start: int, end: int, possessive: bool = False):
        self.text, self.start, self.end, self.possessive = text, start, end, possessive
        self.lower = text.lower()
        self.capitalised = text != self.lower and (text[0].isupper() or any(p[:1].isupper() for p in text.split("-")))
        self.acronym = text.isupper() and sum(c.isalpha() for c in text) > 1


def words(text: str) -> list[Word]:
    """Word tokens with offsets; a possessive ``'s`` is cut off and flagged, and a hyphenated
    suffix such as ``-based`` or ``-backed`` becomes a word of its own ("Kyiv-based")."""
    out = []
    suffixes = context().hyphen_suffixes
    for m in _WORD.finditer(text):
        w, start, end = m.group(0), m.start(), m.end()
        possessive = False
        head, _, tail = w.rpartition("-")
        if head and tail.lower() in suffixes:
            out.append(Word(head, start, start + len(head)))
            w, start = tail, start + len(head) + 1
        if w[-1] in "’'":
            w, end, possessive = w[:-1], end - 1, True
        elif w[-1] in "sS" and len(w) > 2 and w[-2] in "’'":
            w, end, possessive = w[:-2], end - 2, True
        elif "." in w and text[end:end + 1] == ".":  # "U.S."
            w, end = w + ".", end + 1
        out.append(Word(w, start, end, possessive))
    return out


@dataclass(frozen=True)
class Mention:
    """A candidate toponym with the context ``resolve`` weighs."""

    start: int
    end: int
    text: str  # surface reported (admin qualifiers excluded, valley/feature words kept)
    lookup: str  # the name looked up
    candidates: tuple[Candidate, ...]
    kind: str | None = None  # kind forced by a qualifier whose word is not part of the name
    hint: tuple[str, ...] = ()  # gazetteer kinds that fit the context, best first
    qualified: bool = False  # an admin/feature word names it as a place
    locative: bool = False
    via: str = ""  # the word before the name ("in", "and")
    listed: bool = False  # member of a list introduced by a plural qualifier
    group: int = -1  # id of a comma/and list of names
    ner: str | None = None
    ner_exact: bool = False  # the entity spans exactly this mention
    foreign_entity: bool = False  # inside a longer PERSON/ORG/... entity
    sentence: int = 0
    sentence_initial: bool = False
    person: bool = False  # a title before it ("General X")
    person_word: bool = False  # every word also occurs in a person's name in this document
    org: bool = False  # an organisation word follows ("Post", "Match"), or "The" precedes mid-sentence
    partial: bool = False  # only part of a longer run of capitalised words ("Santa" of "Santa Rosa Island")
    actor: bool = False  # an actor noun follows ("forces", "'s ambassador")
    common: bool = False  # a stop word, or a word the document also uses in lower case
    demonym: str | None = None  # ISO2 when the span is a demonym (not a place)
    dateline: bool = False  # the place name of a dateline: where the report was filed
    facility: bool = False  # a facility word follows ("the X hospital", "X camp")
    within: int | None = None  # "X neighbourhood": part of a city; the city's offset after "of", else -1
    inside: int | None = None  # offset of the mention said to contain it ("El Paso, Texas")
    extras: dict = field(default_factory=dict, compare=False)


_SENTENCE_END = re.compile(r"[.!?]['\"’”)]*\s+(?=[^\W\d_\s]|[\"“‘'(])|\n\s*")


class Page:
    """One text prepared for recognition: words, runs, sentences, entities (built once)."""

    def __init__(self, text: str, doc, gazetteer: "Gazetteer"):
        self.text = text
        self.words = words(text)
        self.runs = _runs(self.words, text)
        self.sent_starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        self.ents: list[tuple[int, int, str]] = []
        self.token_ends: dict = {}  # end offset -> spaCy token
        if doc is not None and doc.text == text:
            self.ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            self.token_ends = {t.idx + len(t): t for t in doc}
        self._ent_starts = [e[0] for e in self.ents]
        self.lower_words = {w.lower for w in self.words if not w.capitalised}
        self.persons = _person_words(self.ents, text, lambda s: gazetteer.by_norm(norm(s)))
        self.datelines = datelines(text)

    def modifier(self, end: int, place_nouns: frozenset[str]) -> bool:
        """The name ending at ``end`` modifies a following noun ("Kuki families", "a Gulf
        analyst"), other than a noun for a part of a place ("Idlib countryside")."""
        tok = self.token_ends.get(end)
        if tok is None or tok.dep_ not in ("compound", "amod", "nmod") or tok.head.i <= tok.i:
            return False
        return tok.head.pos_ == "NOUN" and tok.head.lower_ not in place_nouns

    def subject(self, end: int) -> bool:
        """The name ending at ``end`` is the subject of a verb ("China has not recognised"),
        or joined to one ("The US and Britain, which ...")."""
        tok = self.token_ends.get(end)
        while tok is not None and tok.dep_ == "conj" and tok.head.i < tok.i:
            tok = tok.head
        return tok is not None and tok.dep_ in ("nsubj", "nsubjpass")

    def in_dateline(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.datelines)

    def sentence(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, offset) - 1)

    def entity(self, start: int, end: int) -> tuple[int, int, str] | None:
        i = bisect.bisect_right(self._ent_starts, start) - 1
        for j in (i, i + 1):
            if 0 <= j < len(self.ents) and self.ents[j][0] < end and self.ents[j][1] > start:
                return self.ents[j]
        return None


_LINE_START = re.compile(r"^[ \t]*(?=[^\W\d_])", re.M)
_DATELINE_END = re.compile(r"\s(?:—|–|--?)\s|\s?—\s?|\(|:\s")
_DATE_PART = re.compile(r"^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?"
                        r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
                        r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d{4})$", re.I)
_DATELINE_PART = re.compile(r"[^,/]+")
_NAME_PART = re.compile(r"^[^\W\d_][\w'’.-]*(?:\s+[\w'’.-]+){0,4}$")


def datelines(text: str) -> list[tuple[int, int]]:
    """Spans of the place names of news datelines ("KYIV, March 3 (Reuters) -", "GOMA, DR Congo -").

    A paragraph that opens with names, optionally a date, optionally "(Agency)", then a dash,
    parenthesis or colon, and goes on with text. The first name must be in capitals unless a
    date or an agency follows the names.
    """
    out = []
    for m in _LINE_START.finditer(text):
        start = m.end()
        end = text.find("\n", start)
        line = text[start:end if end >= 0 else len(text)]
        sep = _DATELINE_END.search(line[:120])
        if sep is None or len(line) - sep.end() < 30:
            continue
        parts = list(_DATELINE_PART.finditer(line, 0, sep.start()))  # "KYIV/MOSCOW, Ukraine, March 3"
        dated = False
        while parts and _DATE_PART.match(parts[-1].group().strip()):
            parts.pop()
            dated = True
        names = [p.group().strip() for p in parts]
        if not names or not all(_NAME_PART.match(n) for n in names):
            continue
        first = names[0]
        capitals = first.isupper() and sum(c.isalpha() for c in first) >= 3
        if capitals or (dated or sep.group().strip() == "(") and all(w[:1].isupper() for w in first.split()):
            out.append((start, start + len(line[:parts[-1].end()].rstrip())))
    return out


def _runs(ws: list[Word], text: str) -> list[list[int]]:
    """Indexes of maximal runs of capitalised words (lower-case connectors allowed inside)."""
    runs, cur = [], []
    for i, w in enumerate(ws):
        joined = cur and text[ws[cur[-1]].end:w.start] == " " and not ws[cur[-1]].possessive
        if w.capitalised:
            if not joined and cur:
                runs.append(cur)
                cur = []
            cur.append(i)
        elif joined and w.lower in _CONNECTORS:
            cur.append(i)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    out = []
    for run in runs:  # drop trailing connectors
        while run and not ws[run[-1]].capitalised:
            run.pop()
        if run:
            out.append(run)
    return out


def _person_words(doc_ents, text: str, exact_names) -> frozenset[str]:
    """Words of multi-word PERSON entities that are not themselves gazetteer names."""
    out = set()
    for start, end, label in doc_ents:
        span = text[start:end]
        if label == "PERSON" and " " in span.strip() and not exact_names(span):
            out.update(w.text for w in words(span) if w.capitalised)
    return frozenset(out)


def find(page: Page, gazetteer: "Gazetteer", focus: tuple[str, ...] = (), fuzzy: bool = True) -> list[Mention]:
    """Every capitalised span that matches the gazetteer (or is a demonym), with its context.

    ``focus`` (ISO2 codes) opens fuzzy (skeleton) matching inside those countries; outside
    them only exact names and spellings equal after transliteration folding are matched;
    ``fuzzy=False`` matches exact names only (the cheap first pass that finds the focus).
    """
    ctx = context()
    ws, text = page.words, page.text
    out: list[dict] = []
    for run in page.runs:
        i = 0
        while i < len(run):
            found = None
            if (not ws[run[i]].capitalised or len(ws[run[i]].text) < 2
                    or (ws[run[i]].lower == "the" and i + 1 < len(run))):
                i += 1
                continue
            for j in range(min(len(run), i + MAX_WORDS), i, -1):
                if not ws[run[j - 1]].capitalised:
                    continue
                found = _match(ws, run[i], run[j - 1], text, gazetteer, focus, ctx, fuzzy,
                               page.in_dateline(ws[run[i]].start))
                if found:
                    break
            if found and (found.dateline or not _shouting(ws, found.extras["first"], found.extras["last"])):
                found.extras["run"] = (run[0], run[-1])
                out.append(_describe(found, page, ctx))
                i = run.index(found.extras["last"]) + 1
            else:
                i += 1
    taken = [(m["start"], m["end"]) for m in out]
    out.extend(m for m in _unknown_settlements(page, ctx)
               if not any(a < m["end"] and m["start"] < b for a, b in taken))
    out.sort(key=lambda m: m["start"])
    return _link_lists(out, page, ctx)


_NAME = r"([A-Z][\w'’-]+(?:\s+(?:de\s+|da\s+|al-|el-)?[A-Z][\w'’-]+){0,2})"
_SETTLEMENT = re.compile(r"\b(?:village|town|hamlet|settlement)s?\s+of\s+" + _NAME
                         + r"|\b(?:in|at|near|from|to|into)\s+(?:the\s+)?" + _NAME + r"\s+(?:village|hamlet)\b")


def _unknown_settlements(page: Page, ctx: Context) -> list[dict]:
    """Names the text calls a village or town ("the village of X", "in X village") that the
    gazetteer lacks: mentions without candidates, for ``resolve`` to place near their context."""
    out = []
    for match in _SETTLEMENT.finditer(page.text):
        group = 1 if match.group(1) else 2
        name, start = match.group(group), match.start(group)
        key = norm(name)
        if (key in ctx.ignorable or key in ctx.group_names or key in ctx.stop_words
                or any(w in page.persons for w in name.split())):
            continue
        out.append(dict(start=start, end=start + len(name), text=name, lookup=name, candidates=(), kind=None,
                        hint=("populated_place",), qualified=True, sentence=page.sentence(start),
                        demonym=None, locative=False, via="", extras={"unknown": True}))
    return out


def _shouting(ws: list[Word], a: int, b: int) -> bool:
    """An all-capitals span next to other all-capitals words ("OR CONTACT US")."""
    near = [ws[i] for i in (a - 1, b + 1) if 0 <= i < len(ws)]
    return all(w.acronym for w in ws[a:b + 1]) and any(w.acronym and len(w.text) > 2 for w in near)


def _match(ws, a, b, text, gazetteer, focus, ctx, fuzzy, dateline=False) -> Mention | None:
    """The best reading of words a..b as a name: whole, or minus a trailing qualifier.

    A single word in capitals is an acronym or shouting, except in a dateline ("GOMA, June 3 -").
    """
    first, last = ws[a], ws[b]
    surface = text[first.start:last.end]
    if (first.acronym and a == b and len(first.text) > 3 and not dateline) or (
            a == b and first.lower in ctx.stop_words and first.lower not in ctx.demonyms):
        return None
    key = norm(surface)
    if key in ctx.group_names:
        return None
    if key in ctx.demonyms and a == b or (key in ctx.demonyms and " " in key):
        return Mention(first.start, last.end, surface, surface, (), demonym=ctx.demonyms[key],
                       extras={"last": b, "first": a})
    qual, size = None, 0  # a qualifier of one or more words ends the span ("X Local Government Area")
    for size in range(min(3, b - a), 0, -1):
        qual = ctx.qualifiers.get(" ".join(w.lower for w in ws[b - size + 1:b + 1]))
        if qual:
            break
    admin = qual is not None and qual["kind"] in ("admin1", "admin2")
    if not admin:
        cands = _lookup(surface, gazetteer, focus, fuzzy)
        if cands:
            return Mention(first.start, last.end, surface, surface, tuple(cands), dateline=dateline,
                           extras={"last": b, "first": a})
    if qual:
        prev = max(i for i in range(a, b - size + 1) if ws[i].capitalised)
        inner = text[first.start:ws[prev].end]
        if norm(inner) in ctx.demonyms or norm(inner) in ctx.stop_words:
            return None
        cands = _lookup(inner, gazetteer, focus, fuzzy)
        if cands:
            end = ws[prev].end if admin else last.end
            return Mention(first.start, end, text[first.start:end], inner, tuple(cands), kind=qual["kind"],
                           hint=tuple(qual["hint"]), qualified=True, dateline=dateline,
                           extras={"last": b, "first": a})
    return None


def _lookup(name: str, gazetteer, focus, fuzzy: bool = True) -> list[Candidate]:
    """Exact candidates anywhere; fuzzy ones inside ``focus`` or equal after folding.

    Once a name matches exactly, fuzzy readings below 0.9 are dropped ("China" is the
    country, not a district whose skeleton it shares).
    """
    return gazetteer.memo(("lookup", name, focus, fuzzy), lambda: _filtered(name, gazetteer, focus, fuzzy))


def _filtered(name: str, gazetteer, focus, fuzzy: bool) -> list[Candidate]:
    key = norm(name)
    short = len(key.replace(" ", "")) <= 3  # "Rs", "Nou": too short to tell a variant from a word
    cands = [c for c in candidates(gazetteer, name, countries=focus, fuzzy=fuzzy and not short)
             if c.similarity == 1.0 or (c.entry.cc in focus and c.similarity >= 0.72)
             or (c.similarity >= 0.97 and (len(key) >= 7 or fuzz.ratio(key, c.matched) >= FOREIGN_VARIANT))]
    # a loose variant must at least start alike ("Kisumo" for "Kisumu", not "Meitei" for "Amet")
    cands = [c for c in cands if c.similarity >= 0.9 or soft(key)[:1] == soft(c.matched)[:1]]
    if any(c.similarity == 1.0 for c in cands):
        cands = [c for c in cands if c.similarity >= 0.9]
    return cands[:MAX_CANDIDATES]


def _describe(m: Mention, page: Page, ctx: Context) -> dict:
    """The fields of the final Mention: ``m`` plus everything its context says."""
    ws, text, info, lower_words, persons = page.words, page.text, page, page.lower_words, page.persons
    a, b = m.extras["first"], m.extras["last"]
    prev = ws[a - 1] if a > 0 and ws[a - 1].end >= ws[a].start - 3 else None
    prev2 = ws[a - 2] if a > 1 else None
    nxt = ws[b + 1] if b + 1 < len(ws) and ws[b + 1].start - ws[b].end <= (3 if ws[b].possessive else 2) else None
    gap = text[ws[b].end:nxt.start] if nxt else ""
    kind, hint, qualified, end = m.kind, m.hint, m.qualified, m.end
    if nxt is not None and gap.strip() == "" and not ws[b].possessive and kind is None:
        q = ctx.qualifiers.get(nxt.lower) or ctx.qualifiers.get(ctx.plurals.get(nxt.lower, ""))
        if q and not nxt.capitalised or (q and q["kind"] in ("admin1", "admin2")):
            hint, qualified, kind = tuple(q["hint"]), True, q["kind"]
            if kind == "populated_place":
                kind = None
            elif kind in ("valley", "other") and nxt.lower in ctx.qualifiers:  # "the Swat valley"
                end = nxt.end
    if prev is not None and prev.lower == "of" and prev2 is not None and not qualified:
        q = ctx.qualifiers.get(prev2.lower)
        if q and q["kind"] in ("admin1", "admin2", "populated_place"):
            hint, qualified = tuple(q["hint"]), True
            kind = q["kind"] if q["kind"] != "populated_place" else None
    ent = info.entity(m.start, m.end)
    foreign = False
    if ent and (ent[0] < m.start or ent[1] > m.end) and ent[2] not in ("GPE", "LOC", "FAC"):
        outside = words(text[ent[0]:m.start] + " " + text[m.end:ent[1]])
        foreign = any(w.capitalised and w.lower not in ctx.qualifiers and w.lower not in ("the", "of")
                      for w in outside)
    sent = info.sentence(m.start)
    lead = text[info.sent_starts[sent]:m.start]
    single = a == b
    next_low = nxt.lower if nxt is not None else ""
    run_first, run_last = m.extras.get("run", (a, b))
    before = ws[a - 1].lower if a > run_first else ""
    ignorable = before in ctx.ignorable or before in lower_words
    if before in _INNER and a - 2 >= run_first:  # "Cape of X", but "the Governor of X"
        ignorable = ws[a - 2].lower in ctx.ignorable or ws[a - 2].lower in ctx.qualifiers
    partial = (a > run_first and (ws[a - 1].capitalised or before in _INNER) and not ignorable) or (
        b < run_last and (ws[b + 1].capitalised or ws[b + 1].lower in _INNER and not m.qualified)
        and ws[b + 1].lower not in ctx.qualifiers)
    initial = not _LETTER.search(lead) or bool(_QUOTE_OPEN.search(lead))  # 'chanting "X ...!"
    titled = prev is not None and prev.text == "The" and bool(_LETTER.search(lead[:-4]))
    return dict(
        start=m.start, end=end, text=text[m.start:end], lookup=m.lookup, candidates=m.candidates, kind=kind, hint=hint, qualified=qualified,
        locative=(prev is not None and prev.lower in ctx.locative and (
            not prev.capitalised or prev.lower in ctx.function_words) and not page.modifier(end, ctx.place_nouns))
        or (gap == "-" and next_low in ctx.place_suffixes),
        via=prev.lower if prev is not None else "",
        ner=ent[2] if ent else None, ner_exact=ent is not None and text[ent[0]:ent[1]].removeprefix("the ")
        == text[m.start:end], foreign_entity=foreign, sentence=sent,
        sentence_initial=initial,
        person=(prev is not None and prev.lower.rstrip(".") in ctx.titles and prev.capitalised)
        or (next_low in ctx.speech_verbs and (ent is None or ent[2] == "PERSON")),
        person_word=all(w.text in persons for w in ws[a:b + 1] if w.capitalised),
        org=(nxt is not None and nxt.capitalised and next_low in ctx.org_words and gap == " ") or titled,
        partial=partial,
        actor=(next_low in ctx.actor_nouns and gap.strip() in ("", "-", "'s", "’s")
               or gap == "-" and next_low in ctx.hyphen_suffixes and next_low not in ctx.place_suffixes
               or page.subject(end)) and not qualified,
        common=single and (ws[a].lower in ctx.stop_words or ws[a].lower in lower_words
                           or ws[a].lower in ctx.org_words or ws[a].lower in ctx.function_words),
        demonym=m.demonym, dateline=m.dateline, extras=m.extras,
        facility=next_low in ctx.facility_words and gap == " ",
        within=_within(ws, b, text, ctx) if next_low in ctx.sub_city_words and gap == " " else None,
    )


def _within(ws: list[Word], b: int, text: str, ctx: Context) -> int:
    """Offset of the city in "X neighbourhood of Y" (-1 when no city follows)."""
    if b + 3 < len(ws) and ws[b + 2].lower == "of" and text[ws[b + 1].end:ws[b + 2].start] == " ":
        city = ws[b + 4] if ws[b + 3].lower == "the" and b + 4 < len(ws) else ws[b + 3]
        if city.capitalised:
            return city.start
    return -1


def _link_lists(ms: list[dict], page: Page, ctx: Context) -> list[Mention]:
    """Group comma/and lists; a list opened by a plural qualifier passes its kind to members."""
    members: dict[int, list[dict]] = {}
    for i, m in enumerate(ms):
        prev = ms[i - 1] if i else None
        if prev and prev["sentence"] == m["sentence"] and _LIST_SEP.match(page.text[prev["end"]:m["start"]]):
            m["group"] = prev["group"]
        else:
            m["group"] = len(members)
        members.setdefault(m["group"], []).append(m)
    for group in members.values():
        if group[0]["locative"]:  # "in A, B and C": the preposition governs the whole list
            for m in group[1:]:
                m["locative"], m["via"] = True, group[0]["via"]
        hint = _list_hint(page, group[0], group[-1], ctx)
        if hint is None:
            continue
        for m in group:
            m["listed"] = True
            m["hint"] = m["hint"] or tuple(hint["hint"])
            m["kind"] = m["kind"] or (hint["kind"] if hint["kind"] in ("admin1", "admin2") else None)
    _link_containers(ms, members, page.text, ctx)
    return [Mention(**m) for m in ms]


_OF_UNIT = re.compile(r"^\s+(\w+)\s+of\s+(?:the\s+)?$")


def _link_containers(ms: list[dict], members: dict[int, list[dict]], text: str, ctx: Context) -> None:
    """Mark names said to lie inside the next or previous one: "El Paso, Texas" (a pair, not a
    longer list), "the X region of Y", "Y's X district"."""
    for a, b in zip(ms, ms[1:]):
        if a["sentence"] != b["sentence"] or a["demonym"] or b["demonym"]:
            continue
        gap = text[a["end"]:b["start"]]
        of = _OF_UNIT.match(gap)
        if gap.strip() == "," and members[a["group"]] == [a, b] or (of and of.group(1).lower() in ctx.qualifiers):
            a["inside"] = b["start"]
        elif gap.strip() in ("'s", "’s", "'", "’") and b.get("inside") is None:
            b["inside"] = a["start"]


def _list_hint(page: Page, first: dict, last: dict, ctx: Context) -> dict | None:
    """Qualifier of a list: "three districts: A, B and C" or "A and B provinces"."""
    text = page.text
    before = text[page.sent_starts[first["sentence"]]:first["start"]]
    after = text[last["end"]:last["end"] + 20].split()
    if after and after[0].lower().strip(".,;:") in ctx.plurals:
        return ctx.qualifiers[ctx.plurals[after[0].lower().strip(".,;:")]]
    found = [(before.rfind(o), o) for o in ctx.list_openers if before.rfind(o) >= 0]
    if not found:
        return None
    opener, o = max(found)
    if before[opener + len(o):].lower().split() not in ([], ["the"]):
        return None
    for w in reversed(before[:opener].split()):
        q = ctx.plurals.get(w.lower().strip(".,;:"))
        if q:
            return ctx.qualifiers[q]
    head = before[:opener].split()[-1:]
    q = ctx.qualifiers.get(head[0].lower().strip(".,;:")) if head else None
    if q and q["kind"] in ("admin1", "admin2"):  # "the northeastern X province: A, B and C"
        return _INSIDE
    return None


_INSIDE = {"kind": None, "hint": ["admin2", "populated_place"]}  # places inside a named unit
