"""Event dates: the day (or week, or month) an event happened, in ACLED's time precision.

``date_event`` reads the time expressions of the event's sentences (``frontlines.timex``) and
resolves them against the article's anchor date (its publication date) and against the dates the
text gave before them ("two days later" counts from the previous date). Without an expression of
its own, an event takes one from its other evidence sentences, then from the previous sentence
of the same paragraph, else the anchor with week precision. Rules: docs/events_rules.md.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, replace

from .. import timex
from ..ingest.metadata import DATELINE
from .docindex import index

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "decade": 4}
BACKGROUND_DAYS = 31  # an event dated wholly before anchor - 31 days is history, not news
CLAUSE_DEPS = ("relcl", "acl", "appos")  # "the town they lost in 2015": not the event's date
ONSET_VERBS = frozenset({"begin", "start", "erupt", "commence"})  # "the protests began last month"


@dataclass(frozen=True)
class EventDate:
    """When an event happened: ISO day (or None), ACLED precision, plausible range, history flag."""

    event_date: str | None
    time_precision: str  # day | week | month
    date_range: tuple[str, str] | None = None
    is_background: bool = False


@dataclass(frozen=True)
class _Dated:
    expr: timex.TimeExpression
    resolved: timex.ResolvedDate | None
    sentence: int
    in_clause: bool
    dateline: bool = False  # the date of a wire dateline ("CITY, March 27 (Agency) -"): the report's day
    statement: bool = False  # the day something was said ("said on Sunday that ..."), not the day it happened
    onset: bool = False  # when a continuing campaign began ("the protests began last month")


def _as_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def text_anchor(exprs: list[timex.TimeExpression]) -> dt.date | None:
    """The latest fully written date in a text (day, month and year), if any."""
    days = [dt.date(e.year, e.month, e.day) for e in exprs if e.kind == "date" and e.year and not e.offset_days]
    return max(days, default=None)


def _in_clause(doc, expr: timex.TimeExpression) -> bool:
    """Whether the expression sits in a relative clause or apposition (it dates something else)."""
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    while tok.head.i != tok.i:
        if tok.dep_ in CLAUSE_DEPS:
            return True
        tok = tok.head
    return False


def _onset(doc, expr: timex.TimeExpression) -> bool:
    """Whether the expression says when something began ("began last month", "started in May")."""
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok.lemma_.lower() in ONSET_VERBS


def _with_sentence_year(expr, years: dict[int, int], sentence: int):
    """A date without a year takes a year written earlier in its sentence ("In 1996 ... on 27 September")."""
    if expr.kind in ("date", "month") and expr.year is None and sentence in years:
        return replace(expr, year=years[sentence])
    return expr


def time_expressions(doc) -> list[timex.TimeExpression]:
    """The time expressions of the document's text (found once per Doc)."""
    key = "frontlines.time_expressions"
    if key not in doc.user_data:
        doc.user_data[key] = timex.find_time_expressions(index(doc).text)
    return doc.user_data[key]


def _timeline(doc, anchor: dt.date | None, speech: frozenset) -> list[_Dated]:
    """Every time expression of the text, resolved in order (kept per Doc and anchor)."""
    key = ("frontlines.timeline", anchor)
    if key not in doc.user_data:
        doc.user_data[key] = _build_timeline(doc, anchor, speech)
    return doc.user_data[key]


def statement_day(doc, expr: timex.TimeExpression, speech: frozenset) -> bool:
    """"X said in a statement on Sunday that ...": the expression dates the saying, whose clause
    reports something that happened on that day or before."""
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None:
        return False
    t = span.root
    while t.dep_ in ("pobj", "prep", "npadvmod", "compound") and t.head.i != t.i:
        t = t.head
    return t.pos_ == "VERB" and t.lemma_.lower() in speech and any(c.dep_ == "ccomp" for c in t.children)


def _build_timeline(doc, anchor: dt.date | None, speech: frozenset) -> list[_Dated]:
    """Every time expression of the text, resolved in order (chained ones from the previous date)."""
    exprs = time_expressions(doc)
    text = index(doc).text
    starts = index(doc).starts
    datelines = [m.span() for m in DATELINE.finditer(text)]
    years: dict[int, int] = {}
    out: list[_Dated] = []
    previous: dt.date | None = None
    for expr in exprs:
        if expr.kind == "duration":
            continue
        sentence = bisect.bisect_right(starts, expr.start) - 1
        if expr.kind == "year" and expr.year:
            years.setdefault(sentence, expr.year)
        expr = _with_sentence_year(expr, years, sentence)
        resolved = _resolve(expr, anchor, previous)
        if resolved is not None and resolved.precision == "day":
            previous = resolved.date
        dateline = any(a <= expr.start < b for a, b in datelines)
        out.append(_Dated(expr, resolved, sentence, _in_clause(doc, expr), dateline, statement_day(doc, expr, speech),
                          _onset(doc, expr)))
    return _resolve_event_relative(out, anchor)


def _resolve(expr, anchor: dt.date | None, previous: dt.date | None) -> timex.ResolvedDate | None:
    if anchor is not None:
        return timex.resolve(expr, anchor, previous=previous)
    if expr.kind == "relative" and expr.relative_to == "previous" and previous is not None:
        return timex.resolve(expr, previous, previous=previous)
    if expr.year is not None and expr.kind in ("date", "month", "year", "decade", "range"):
        return timex.resolve(expr, dt.date(expr.year, 12, 31), previous=previous)
    return None


def _resolve_event_relative(timeline: list[_Dated], anchor) -> list[_Dated]:
    """'less than a day after X': count from the nearest dated expression before, else just after."""
    out = list(timeline)
    for i, item in enumerate(out):
        e = item.expr
        if item.resolved is not None or e.kind != "relative" or e.relative_to != "event":
            continue
        before = [d for d in out[:i] if d.resolved and d.resolved.precision == "day"]
        after = [d for d in out[i + 1 :] if d.resolved and d.resolved.precision == "day" and d.sentence <= item.sentence + 2]
        base = before[-1] if before else (after[0] if after else None)
        if base is None:
            continue
        resolved = timex.resolve(replace(e, relative_to="previous"), anchor or base.resolved.date, previous=base.resolved.date)
        if resolved is not None:
            resolved = timex.ResolvedDate(resolved.date, resolved.precision, min(base.resolved.date, resolved.date), resolved.latest)
        out[i] = replace(item, resolved=resolved)
    return out


def _is_background(resolved: timex.ResolvedDate, anchor: dt.date | None) -> bool:
    if anchor is None:
        return resolved.precision in ("year", "decade")
    return resolved.latest < anchor - dt.timedelta(days=BACKGROUND_DAYS)


def _best(items: list[_Dated], anchor: dt.date | None) -> _Dated | None:
    """The most precise resolved expression, main clause first (first among equals).

    An expression in a relative clause ("the town they lost in 2015") dates the event only when
    the main clause has none and it is recent ("... that culminated in the capture on Sunday").
    A bare year ("this year", "in 2021") is too vague to date a recent event: it only marks history.
    The onset of a campaign ("began last month") is no event's date; a dateline's date and a day
    counted from a named event ("two days before the attack") yield to an equally precise date
    of the sentence ("CITY, March 27 (Agency) - ... on Sunday", "..., on Friday").
    """
    resolved = [d for d in items if d.resolved is not None
                and not (d.onset and d.resolved.precision != "day")]
    usable = [d for d in resolved if not d.in_clause] or [
        d for d in resolved if not _is_background(d.resolved, anchor)
    ]
    return min(usable, key=lambda d: (d.statement, PRECISION_RANK[d.resolved.precision], d.dateline,
                                      d.expr.relative_to == "event"), default=None)


def _event_date(dated: _Dated, anchor: dt.date | None) -> EventDate:
    r = dated.resolved
    background = _is_background(r, anchor)
    day = r.date
    if anchor is not None and r.precision != "day" and day > anchor >= r.earliest:
        day = anchor  # "this week" on a Tuesday: not a day that has not come yet
    precision = r.precision if r.precision in ("day", "week", "month") else "month"
    if dated.statement and precision == "day":
        precision = "week"  # said that day: it happened then or in the days before
    return EventDate(day.isoformat(), precision, (r.earliest.isoformat(), r.latest.isoformat()), background)


def _clause_verb(tok):
    """The verb whose clause holds ``tok`` (the token itself when it is a verb)."""
    while tok.head.i != tok.i and (tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("pcomp", "amod", "acl")):
        tok = tok.head  # "in neighbouring Bafut the next day": a participle inside a phrase is no clause
    return tok.i


def _own_dates(doc, items: list[_Dated], triggers) -> list[_Dated]:
    """The expressions of the triggers' own clauses, when the sentence has some ("abducted X on
    Monday, and soldiers killed four in a raid the next day": each event its own day)."""
    verbs = {_clause_verb(doc[t]) for t in triggers}
    own = []
    for d in items:
        span = doc.char_span(d.expr.start, d.expr.end, alignment_mode="expand")
        if span is not None and _clause_verb(span.root) in verbs:
            own.append(d)
    return own or items


def date_event(article, doc, sentence_starts: list[int], anchor: dt.date | None,
               speech: frozenset = frozenset(), triggers: tuple[int, ...] = ()) -> EventDate:
    """The date of the event reported by the sentences starting at ``sentence_starts`` (first: main);
    ``triggers`` (token indexes) prefer the expressions of their own clauses.

    ``anchor`` is the day the text speaks from (the publication date); without it the article's
    published date, else the latest full date written in the text, is used; without any, only
    absolute dates resolve.
    """
    anchor = _as_date(anchor) or _as_date(getattr(article, "published", None))
    if anchor is None:
        anchor = text_anchor(time_expressions(doc))
    idx = index(doc)
    starts = idx.starts
    timeline = _timeline(doc, anchor, speech)
    by_sentence: dict[int, list[_Dated]] = {}
    for item in timeline:
        by_sentence.setdefault(item.sentence, []).append(item)
    indexes = list(dict.fromkeys(bisect.bisect_right(starts, s) - 1 for s in sentence_starts))
    indexes = [i for i in indexes if i >= 0]
    if not indexes:
        return _fallback(anchor)
    main = indexes[0]
    candidates = [main, *indexes[1:]]
    if main > 0 and "\n" not in idx.text[starts[main - 1] : starts[main]]:
        candidates.append(main - 1)  # the previous sentence of the same paragraph
    for i in candidates:
        items = by_sentence.get(i, [])
        here = [t for t in triggers if bisect.bisect_right(starts, doc[t].idx) - 1 == i]
        best = _best(_own_dates(doc, items, here) if here and len(items) > 1 else items, anchor)
        if best is None:
            continue
        coded = _event_date(best, anchor)
        if coded.is_background or best.resolved.precision in ("day", "week", "month"):
            return coded
    return _fallback(anchor)


def _fallback(anchor: dt.date | None) -> EventDate:
    """No date in the event's sentences: the week up to the anchor (the text's own date)."""
    if anchor is None:
        return EventDate(None, "week", None, False)
    return EventDate(anchor.isoformat(), "week", ((anchor - dt.timedelta(days=6)).isoformat(), anchor.isoformat()), False)
