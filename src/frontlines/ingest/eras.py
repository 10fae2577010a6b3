"""Well-known dated public facts that bound when an article can have been written.

``data/eras.json`` lists two kinds of facts (``published_basis`` cites each):

- events and eras: ``pattern`` (a regex) with ``not_before`` / ``not_after`` (an article that
  speaks of "Taliban rule" was written after the Taliban took Kabul) and optionally ``on``, the
  day the phrase's event happened ("the last US troops flew out of Kabul"); ``context``, a regex
  that must also occur somewhere in the text, keeps a general phrase to its war;
- office holders: ``holder`` and ``office`` regexes and the ``terms`` served. "Secretary of
  State Antony Blinken" (either order) dates the text inside a term; "former", "ex-", "ousted"
  ... before it dates it after a term; "then-" and "the late" give no bound.

A mention in a sentence that also names a year before the fact (history: "Taliban rule in the
1990s") is not evidence. The publication dating uses these bounds only when the text gives no
year of its own (``ingest.metadata``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError
from ..timex import find_time_expressions

Window = tuple[dt.date, dt.date | None]  # first and last allowed day of writing (None: open)
OPEN_START = dt.date(1900, 1, 1)  # the first day of a window without not_before

# qualifiers just before the office, maybe with capitalised words between ("former US ...")
FORMER = re.compile(r"\b(?:former|ex|ousted|deposed|toppled|overthrown|exiled|erstwhile|one-?time|previous|"
                    r"past)[\s-]+(?-i:[A-Z][\w.'’-]*\s+){0,3}$", re.IGNORECASE)
HISTORICAL = re.compile(r"\b(?:then|late|slain|assassinated|murdered)[\s-]+(?-i:[A-Z][\w.'’-]*\s+){0,3}$",
                        re.IGNORECASE)
NOT_THE_OFFICE = re.compile(r"(?:vice|deputy)[\s-]$", re.IGNORECASE)  # "Vice President X" is not "President X"
HOLDER_GAP = (r",\s+(?:the\s+)?(?:(?:former|ex|then|outgoing|current|ousted|deposed|exiled|toppled|late)"
              r"[\s-]+)?(?:[A-Z][\w.'’-]*\s+){0,2}")  # "X, the former (US) minister"
QUALIFIER_CHARS = 40  # how far before a mention "former" / "then-" are looked for
OFFICE_CHARS = 80  # how far from a holder's name the office is looked for
SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")


@dataclass(frozen=True)
class Fact:
    """One dated fact: where a text may be written when ``regex`` (the pattern, or a holder's
    name next to ``office_before`` / ``office_after``) matches it."""

    regex: re.Pattern
    windows: tuple[Window, ...]  # the mention as written (in office, after an event)
    basis: str
    on: dt.date | None = None
    context: re.Pattern | None = None
    former_windows: tuple[Window, ...] = ()  # office holders named "former X": after a term
    office_before: re.Pattern | None = None  # holders: "Secretary of State X"
    office_after: re.Pattern | None = None  # holders: "X, the former secretary of state"


@dataclass(frozen=True)
class EraEvidence:
    """What the facts a text mentions say about when it was written."""

    windows: tuple[Window, ...]  # allowed days of writing (intersection of every mention's windows)
    on_days: tuple[tuple[dt.date, str], ...]  # days reported events happened, with the phrase
    mentions: tuple[str, ...]  # the phrases used, for the basis note

    @property
    def earliest(self) -> dt.date | None:
        return self.windows[0][0] if self.windows else None

    def latest(self, upper: dt.date) -> dt.date | None:
        """The last allowed day, open windows ending at ``upper``."""
        if not self.windows:
            return None
        last = self.windows[-1][1]
        return upper if last is None else min(last, upper)

    def note(self) -> str:
        return ", ".join(f"'{m}'" for m in self.mentions[:3]) + (" ..." if len(self.mentions) > 3 else "")


def _day(value: str | None, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: bad date {value!r} (YYYY-MM-DD)") from exc


def _regex(value: str, where: str) -> re.Pattern:
    try:
        return re.compile(value, re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"{where}: bad regex ({exc})") from exc


def parse_facts(data: dict, source: str = "eras") -> tuple[Fact, ...]:
    """Facts from the eras.json structure ``{"facts": [...]}`` (see the module docstring)."""
    facts = []
    for number, entry in enumerate(data.get("facts", []), 1):
        where = f"{source}: fact {number}"
        basis = entry.get("published_basis")
        if not basis:
            raise ConfigError(f"{where}: no published_basis")
        context = _regex(entry["context"], where) if entry.get("context") else None
        if "holder" in entry:
            terms = tuple((_day(start, where), _day(end, where)) for start, end in entry.get("terms", []))
            if not terms or any(start is None for start, _ in terms):
                raise ConfigError(f"{where}: a holder needs terms [[start, end or null], ...]")
            office = f"(?:{entry['office']})"
            facts.append(Fact(_regex(rf"\b(?:{entry['holder']})\b", where), terms, basis, context=context,
                              former_windows=_after_terms(terms),
                              office_before=_regex(rf"\b{office},?\s+$", where),
                              office_after=_regex(rf"{HOLDER_GAP}{office}\b", where)))
            continue
        if "pattern" not in entry:
            raise ConfigError(f"{where}: needs a pattern or a holder")
        window = (_day(entry.get("not_before"), where) or OPEN_START, _day(entry.get("not_after"), where))
        on = _day(entry.get("on"), where)
        if on is not None and window[0] == OPEN_START:
            window = (on, window[1])
        facts.append(Fact(_regex(entry["pattern"], where), (window,), basis, on=on, context=context))
    return tuple(facts)


def _after_terms(terms: tuple[Window, ...]) -> tuple[Window, ...]:
    """Days on which a holder of ``terms`` is a former holder: between and after the terms."""
    ordered = sorted(terms, key=lambda t: t[0])
    windows = []
    for (_, end), following in zip(ordered, ordered[1:] + [None]):
        if end is not None:
            windows.append((end, following[0] if following else None))
    return tuple(windows)


@lru_cache(maxsize=1)
def load_facts() -> tuple[Fact, ...]:
    """The bundled facts of ``data/eras.json``."""
    text = resources.files("frontlines").joinpath("data", "eras.json").read_text(encoding="utf-8")
    return parse_facts(json.loads(text), "data/eras.json")


def era_evidence(text: str, facts: tuple[Fact, ...] | None = None) -> EraEvidence | None:
    """The bounds that the facts ``text`` mentions put on its date; None when it mentions none
    or they contradict each other."""
    windows: tuple[Window, ...] | None = None
    on_days, mentions = [], []
    for fact in load_facts() if facts is None else facts:
        if fact.context is not None and not fact.context.search(text):
            continue
        for start, end, qualifier in _mentions(text, fact):
            allowed = _mention_windows(qualifier, fact)
            if allowed is None or _is_history(text, start, end, allowed):
                continue
            windows = allowed if windows is None else _intersect(windows, allowed)
            mentions.append(re.sub(r"\s+", " ", text[start:end]))
            if fact.on is not None:
                on_days.append((fact.on, mentions[-1]))
            break  # one mention of a fact is enough
    if windows is None:
        return None
    if not windows:
        return EraEvidence((), (), tuple(mentions))
    return EraEvidence(windows, tuple(sorted(set(on_days))), tuple(mentions))


def _mentions(text: str, fact: Fact):
    """(start, end, words that may qualify it) of each mention of ``fact``; a holder's name
    counts only next to the office ("Secretary of State X", "X, the former secretary of state")."""
    for match in fact.regex.finditer(text):
        if fact.office_before is None:
            yield match.start(), match.end(), ""
            continue
        office = fact.office_before.search(text, max(0, match.start() - OFFICE_CHARS), match.start())
        if office is not None and not NOT_THE_OFFICE.search(text, max(0, office.start() - 7), office.start()):
            yield office.start(), match.end(), text[max(0, office.start() - QUALIFIER_CHARS):office.start()]
            continue
        office = fact.office_after.match(text, match.end(), match.end() + OFFICE_CHARS)
        if office is not None:
            gap = re.match(r",\s+(?:the\s+)?([\w'’]+[\s-])", office.group())  # "X, the former minister"
            yield match.start(), office.end(), gap.group(1) if gap else ""


def _mention_windows(qualifier: str, fact: Fact) -> tuple[Window, ...] | None:
    """The windows one mention allows: as written, after a term ("former"), or none ("then-")."""
    if fact.office_before is None:
        return fact.windows
    if HISTORICAL.search(qualifier):
        return None
    if FORMER.search(qualifier):
        return fact.former_windows or None
    return fact.windows


def _is_history(text: str, begin: int, end: int, windows: tuple[Window, ...]) -> bool:
    """The mention's sentence names a year before the fact's windows ("... rule in the 1990s")."""
    start = max((m.end() for m in SENTENCE_BREAK.finditer(text, 0, begin)), default=0)
    following = SENTENCE_BREAK.search(text, end)
    sentence = text[start:following.start() if following else len(text)]
    first_year = windows[0][0].year
    for expr in find_time_expressions(sentence):
        year = expr.end_expr.year if expr.kind == "range" and expr.end_expr and expr.end_expr.year else expr.year
        if year is not None and expr.kind != "decade" and year < first_year:
            return True
        if expr.kind == "decade" and year is not None and year + 9 < first_year:
            return True
    return False


def _intersect(a: tuple[Window, ...], b: tuple[Window, ...]) -> tuple[Window, ...]:
    out = []
    for lo1, hi1 in a:
        for lo2, hi2 in b:
            lo = max(lo1, lo2)
            his = [h for h in (hi1, hi2) if h is not None]
            hi = min(his) if his else None
            if hi is None or lo <= hi:
                out.append((lo, hi))
    return tuple(sorted(out, key=lambda w: w[0]))
