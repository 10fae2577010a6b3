"""Time expressions: find them in text, then resolve them against an anchor date.

Two steps, kept apart on purpose (dateparser's ``search_dates`` over whole texts reads "we" as
Wednesday and ignores a weekday that contradicts its date):

- ``find_time_expressions(text)`` detects spans with regexes and parses their fields
  ("19 August 2021", "Wednesday 19 August", "since August 2021", "on Friday", "Monday night",
  "two days later", "hours later", "last week", "in 1996", "the 1980s", "1996-2001", "for a year").
- ``resolve(expr, anchor, previous=...)`` turns one expression into a ``ResolvedDate`` (a date,
  its precision and the earliest/latest plausible day) given the day the text speaks from
  (``anchor``, usually the publication date) and, for chained expressions ("two days later",
  "the next day"), the previously resolved date.

Callers recognise background history by kind: ``year`` / ``decade`` expressions and dates whose
year lies well before the anchor are history, not news.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
                       "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}  # Monday = 0
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                "a couple of": 2}
UNIT_DAYS = {"day": 1, "week": 7}
PARTS_OF_DAY = ("morning", "afternoon", "evening", "night", "overnight")
# A bare month name that is also an English word counts only after one of these words.
AMBIGUOUS_MONTHS = {"May", "March"}
MONTH_LEAD_WORDS = {"in", "since", "until", "till", "by", "from", "early", "late", "mid", "of", "during",
                    "last", "next", "this", "through", "throughout", "between", "and", "or", "to",
                    "before", "after", "end", "start", "beginning", "middle", "on"}
# A bare four-digit number is a year only after one of these words or before punctuation.
YEAR_LEAD_WORDS = MONTH_LEAD_WORDS | {"the", "around", "circa", "year", "fiscal", "spring", "summer",
                                      "autumn", "fall", "winter", "dating", "back", "as", "early", "of"}
MODIFIER_WORDS = {"since": "since", "until": "until", "till": "until", "by": "by", "before": "before",
                  "after": "after", "from": "from"}


@dataclass(frozen=True)
class TimeExpression:
    """One time expression found in a text; ``start``/``end`` are character offsets.

    kind: ``date`` (day and month, maybe year and weekday), ``month`` (maybe with year),
    ``year``, ``decade`` (``year`` holds its first year), ``weekday`` ("on Friday"),
    ``relative`` ("yesterday", "last week", "two days later"), ``range`` (this expression's
    fields are the start, ``end_expr`` the end) or ``duration`` ("for a year": ``amount`` units).
    """

    start: int
    end: int
    text: str
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    offset_days: int | None = None  # day offset: -1 "yesterday", +2 "two days later", -2 "two days before X"
    unit: str | None = None  # relative/duration unit: "day" | "week" | "weekend" | "month" | "year" | "decade"
    amount: int | None = None  # relative: signed count of units (-1 "last week"); duration: its length
    # relative: "anchor" (the text's own date), "previous" (the date before it in the text) or
    # "event" ("two days before the attack": a named event, not a date; resolves to None)
    relative_to: str | None = None
    modifier: str | None = None  # since | until | by | before | after | from | early | mid | late | last | next | this | ago
    part_of_day: str | None = None  # morning | afternoon | evening | night | overnight
    end_expr: TimeExpression | None = None  # range only

    @property
    def is_history_kind(self) -> bool:
        """True for bare years and decades: background, never a news day by themselves."""
        return self.kind in ("year", "decade")


@dataclass(frozen=True)
class ResolvedDate:
    """A resolved expression: ``date`` is the best single day, earliest/latest bound it."""

    date: dt.date
    precision: str  # "day" | "week" | "month" | "year" | "decade"
    earliest: dt.date
    latest: dt.date


# ---------------------------------------------------------------------------------------------
# Detection


def _alternation(names) -> str:
    return "|".join(sorted(map(re.escape, names), key=len, reverse=True))


_MON_FULL = _alternation(MONTHS)
_MON = rf"(?:{_MON_FULL}|(?:{_alternation(MONTH_ABBREVIATIONS)})\.?(?=,?\s*\d))"
_WD = _alternation(WEEKDAYS)
_YEAR = r"(?:1[89]|20)\d{2}"
_NUM = rf"(?:{_alternation(NUMBER_WORDS)}|\d{{1,3}})"
_DAY = r"(?<![\d,.])[0-3]?\d(?:st|nd|rd|th)?"
_UNIT = r"(?:day|week|month|year|decade)"


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """(regex, builder name) pairs; longer forms first so they win overlaps."""
    specs = [
        (rf"(?<![\d-])(?P<year>{_YEAR})-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?![\d-])", "iso"),
        (rf"(?<![\d/.])(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>{_YEAR})(?![\d/.]\d)", "numeric"),
        (rf"(?:\bbetween\s+)?(?P<day>{_DAY})\s*(?:-|–|to|and)\s*(?P<day2>{_DAY})\s+(?P<month>{_MON})"
         rf"(?:,?\s+(?P<year>{_YEAR})(?!\d))?", "day_range"),
        (rf"(?P<month>{_MON})\s+(?P<day>{_DAY})\s*(?:-|–|to|and)\s*(?P<day2>{_DAY})(?![\d:])"
         rf"(?:,?\s+(?P<year>{_YEAR})(?!\d))?", "day_range"),
        (rf"(?:(?P<wd>{_WD}),?\s+)?(?:the\s+)?(?P<day>{_DAY})(?:\s+of)?\s+(?P<month>{_MON})"
         rf"(?:,?\s+(?P<year>{_YEAR})(?!\d))?", "date"),
        (rf"(?:(?P<wd>{_WD}),?\s+)?(?P<month>{_MON})\s+(?P<day>{_DAY})(?![\d:])"
         rf"(?:,?\s+(?P<year>{_YEAR})(?!\d))?", "date"),
        (rf"(?:\b(?P<mod>(?i:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
         rf"the\s+middle\s+of))[\s-]+)?\b(?P<month>{_MON_FULL})\b(?:,?\s+(?:of\s+)?(?P<year>{_YEAR})(?!\d))?",
         "month"),
        (rf"(?i:\bbetween\s+|\bfrom\s+)?(?<![\d,.$€£])(?P<y1>{_YEAR})\s*(?:-|–|—|(?i:to|until|and))\s*"
         rf"(?P<y2>(?:1[89]|20)?\d{{2}})(?!\d|[,.]\d|%)", "year_range"),
        (rf"(?:\b(?P<mod>(?i:early|mid|late))[\s-]+)?(?<![\d])(?P<year>(?:1[89]|20)\d)0(?:['’]?s)\b", "decade"),
        (rf"(?:\b(?P<mod>(?i:early|mid|late))[\s-]+|(?<![\d,.$€£/#-]))(?P<year>{_YEAR})(?!\d|[,.]\d|%)", "year"),
        (rf"(?:\b(?P<mod>(?i:last|next|this))\s+)?\b(?P<wd>{_WD})(?!s\b)(?:['’]s)?"
         rf"(?:\s+(?P<pod>{'|'.join(PARTS_OF_DAY)})\b)?", "weekday"),
        (r"(?i)\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|last\s+night|"
         r"this\s+(?:morning|afternoon|evening))\b", "deictic"),
        (r"(?i)\b(?:(?P<early>earlier|later)\s+)?(?P<which>last|this|next|coming)\s+"
         r"(?P<unit>week|weekend|month|year)\b", "calendar"),
        (rf"(?i)\b(?P<n>{_NUM})\s+(?P<unit>day|week|month|year)s?\s+ago\b", "ago"),
        (rf"(?i)\b(?:(?:less|more)\s+than\s+|about\s+|some\s+|nearly\s+|almost\s+)?(?P<n>{_NUM})\s+"
         r"(?P<unit>day|week|month|year)s?\s+(?P<dir>later|earlier|after|before|afterwards|prior\s+to)\b", "chain"),
        (r"(?i)\b(?:the\s+)?(?P<which>next|following|previous|preceding)\s+(?P<unit>day|morning|evening|night|week)\b",
         "next"),
        (r"(?i)\bthe\s+day\s+(?P<dir>before|after)\b", "next"),
        (r"(?i)\b(?:(?:later|earlier)\s+that|the\s+same)\s+day\b", "next"),
        (r"(?i)\b(?:hours|minutes)\s+(?:later|afterwards)\b", "next"),  # the same day as the previous date
        (rf"(?i)\b(?:for|over|in|during|within|after)\s+(?:the\s+)?(?:(?P<past>past|last|previous)\s+)?"
         rf"(?P<n>{_NUM})?\s*(?P<unit>{_UNIT})s?\b(?!\s+(?:ago|later|earlier|after|before))", "duration"),
    ]
    return tuple((re.compile(p), name) for p, name in specs)


# Every expression holds a digit, a month name or one of these words: texts without any have none.
_ANY_TIME = re.compile(r"\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|days?\b|night|week|month|year|"
                       r"decade|tomorrow|hours|minutes", re.IGNORECASE)


def find_time_expressions(text: str, *, day_first: bool | None = None) -> list[TimeExpression]:
    """All time expressions in ``text``, in order, without overlaps (the longest span wins).

    ``day_first`` reads numeric dates whose order the values leave open ("05/06/2024"): True
    day/month, False month/day, None (default) skips them. A body dated by the cleaner and then
    coded by the event stage is scanned once (a small cache of recent texts).
    """
    return list(_time_expressions(text, day_first))


def find_time_expressions_joined(parts: tuple[str, ...], sep: str = "\n", *,
                                 day_first: bool | None = None) -> list[TimeExpression]:
    """The expressions of ``sep.join(parts)``, each part scanned on its own: a title and a body
    dated together share the body's scan with the event stage."""
    found: list[TimeExpression] = []
    offset = 0
    for part in parts:
        found += (_shifted(e, offset) for e in _time_expressions(part, day_first))
        offset += len(part) + len(sep)
    return found


def _shifted(expr: TimeExpression, offset: int) -> TimeExpression:
    if not offset:
        return expr
    end_expr = _shifted(expr.end_expr, offset) if expr.end_expr is not None else None
    return replace(expr, start=expr.start + offset, end=expr.end + offset, end_expr=end_expr)


@lru_cache(maxsize=512)  # a pipeline batch's bodies and header lines
def _time_expressions(text: str, day_first: bool | None) -> tuple[TimeExpression, ...]:
    return tuple(_scan(text, day_first))


def _scan(text: str, day_first: bool | None) -> list[TimeExpression]:
    if not _ANY_TIME.search(text):
        return []
    found: list[TimeExpression] = []
    for pattern, name in _patterns():
        builder = _BUILDERS[name]
        for m in pattern.finditer(text):
            expr = _build_numeric(m, text, day_first) if name == "numeric" else builder(m, text)
            if expr is not None:
                found.append(expr)
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[TimeExpression] = []
    for expr in found:
        if kept and expr.start < kept[-1].end:
            continue
        kept.append(expr)
    return _attach_offsets(kept, text)


def _attach_offsets(exprs: list[TimeExpression], text: str) -> list[TimeExpression]:
    """Fold "two days before" + "the September 11, 2001 attacks" into one offset date and
    "two days later, on 22 August" into its explicit date; an
    unattached "the day after" counts from an event ("the day after the vote", "before 9/11")
    unless it stands alone ("the day after, ..."), when it counts from the previous date."""
    out: list[TimeExpression] = []
    i = 0
    while i < len(exprs):
        expr = exprs[i]
        nxt = exprs[i + 1] if i + 1 < len(exprs) else None
        if (expr.kind == "relative" and expr.relative_to == "previous" and nxt is not None
                and nxt.kind in ("date", "weekday")
                and re.fullmatch(r",?\s*(?:on\s+)?(?:the\s+)?", text[expr.end:nxt.start])):
            # "Two days later, on August 22nd": the explicit date says which day
            out.append(replace(nxt, start=expr.start, text=text[expr.start:nxt.end]))
            i += 2
            continue
        if expr.kind == "relative" and expr.relative_to == "event":
            if (nxt is not None and nxt.kind in ("date", "weekday") and expr.offset_days is not None
                    and re.fullmatch(r"\s*(?:the\s+)?", text[expr.end:nxt.start])):
                out.append(replace(nxt, start=expr.start, text=text[expr.start:nxt.end],
                                   offset_days=(nxt.offset_days or 0) + expr.offset_days))
                i += 2
                continue
            if re.match(r"\s*(?:[,.;:)]|$)", text[expr.end:expr.end + 2]):
                expr = replace(expr, relative_to="previous")
        out.append(expr)
        i += 1
    return out


def _words_before(text: str, start: int, n: int = 1) -> list[str]:
    return re.findall(r"[A-Za-z]+", text[max(0, start - 40):start].lower())[-n:]


def _modifier_before(text: str, start: int) -> str | None:
    m = re.search(r"\b(since|until|till|by|before|after|from)\s+(?:the\s+)?$", text[max(0, start - 20):start],
                  re.IGNORECASE)
    return MODIFIER_WORDS[m.group(1).lower()] if m else None


def _month_number(name: str) -> int:
    name = name.rstrip(".")
    return MONTHS.get(name) or MONTH_ABBREVIATIONS[name]


def _day_number(raw: str) -> int:
    return int(re.match(r"\d+", raw).group())


def _valid_day(year: int | None, month: int, day: int) -> bool:
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]  # 2000: leap year allows 29 Feb


def _number(raw: str | None) -> int | None:
    if raw is None:
        return None
    raw = re.sub(r"\s+", " ", raw.lower())
    return int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)


def _expr(m: re.Match, kind: str, **fields) -> TimeExpression:
    return TimeExpression(m.start(), m.end(), m.group(), kind, **fields)


def _build_iso(m: re.Match, text: str) -> TimeExpression | None:
    year, month, day = int(m["year"]), int(m["month"]), int(m["day"])
    if not 1 <= month <= 12 or not _valid_day(year, month, day):
        return None
    return _expr(m, "date", year=year, month=month, day=day, modifier=_modifier_before(text, m.start()))


def _build_numeric(m: re.Match, text: str, day_first: bool | None = None) -> TimeExpression | None:
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    if a > 12 and 1 <= b <= 12:
        day, month = a, b
    elif b > 12 and 1 <= a <= 12:
        day, month = b, a
    elif a == b and 1 <= a <= 12:
        day = month = a
    elif 1 <= a <= 12 and 1 <= b <= 12 and day_first is not None:
        day, month = (a, b) if day_first else (b, a)
    else:
        return None  # 05/06/2021: day-first or month-first cannot be told without ``day_first``
    if not _valid_day(year, month, day):
        return None
    return _expr(m, "date", year=year, month=month, day=day, modifier=_modifier_before(text, m.start()))


def _build_date(m: re.Match, text: str) -> TimeExpression | None:
    month, day = _month_number(m["month"]), _day_number(m["day"])
    year = int(m["year"]) if m["year"] else None
    if not _valid_day(year, month, day):
        return None
    weekday = WEEKDAYS[m["wd"]] if m["wd"] else None
    return _expr(m, "date", year=year, month=month, day=day, weekday=weekday,
                 modifier=_modifier_before(text, m.start()))


def _build_day_range(m: re.Match, text: str) -> TimeExpression | None:
    month, year = _month_number(m["month"]), int(m["year"]) if m["year"] else None
    day, day2 = _day_number(m["day"]), _day_number(m["day2"])
    if not (_valid_day(year, month, day) and _valid_day(year, month, day2) and day < day2):
        return None
    end = TimeExpression(m.start(), m.end(), m.group(), "date", year=year, month=month, day=day2)
    return _expr(m, "range", year=year, month=month, day=day, end_expr=end)


def _build_month(m: re.Match, text: str) -> TimeExpression | None:
    name, year = m["month"], int(m["year"]) if m["year"] else None
    mod = m["mod"]
    if year is None and mod is None and name in AMBIGUOUS_MONTHS:
        if not set(_words_before(text, m.start())) & MONTH_LEAD_WORDS:
            return None
    modifier = re.sub(r"\s+", " ", mod.lower()) if mod else _modifier_before(text, m.start())
    modifier = {"the end of": "late", "the beginning of": "early", "the start of": "early",
                "the middle of": "mid"}.get(modifier, modifier)
    return _expr(m, "month", year=year, month=_month_number(name), modifier=modifier)


def _build_year_range(m: re.Match, text: str) -> TimeExpression | None:
    y1, raw2 = int(m["y1"]), m["y2"]
    y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2)
    if not y1 < y2 <= y1 + 100:
        return None
    end = TimeExpression(m.start(), m.end(), m.group(), "year", year=y2)
    return _expr(m, "range", year=y1, end_expr=end)


def _build_decade(m: re.Match, text: str) -> TimeExpression:
    mod = m["mod"].lower() if m["mod"] else None
    return _expr(m, "decade", year=int(m["year"]) * 10, modifier=mod)


def _build_year(m: re.Match, text: str) -> TimeExpression | None:
    if m["mod"] is None:
        before = _words_before(text, m.start())
        after = text[m.end():m.end() + 2]
        if not (set(before) & YEAR_LEAD_WORDS or re.match(r"[.,;:)!?'’\"”]|\s*$|$", after)):
            return None  # "some 2000 fighters": a count, not a year
    mod = m["mod"].lower() if m["mod"] else _modifier_before(text, m.start())
    return _expr(m, "year", year=int(m["year"]), modifier=mod)


def _build_weekday(m: re.Match, text: str) -> TimeExpression | None:
    if not m["mod"] and _NAMED_DAY.search(text[max(0, m.start() - 20):m.start()]):
        return None  # "Easter Sunday", "Bloody Sunday", "Good Friday": a named day, not last Sunday
    mod = m["mod"].lower() if m["mod"] else _modifier_before(text, m.start())
    return _expr(m, "weekday", weekday=WEEKDAYS[m["wd"]], modifier=mod, part_of_day=m["pod"])


_NAMED_DAY = re.compile(r"\b(?:Easter|Palm|Good|Holy|Maundy|Bloody|Black|Ash|Shrove|Super|Cyber|Orthodox)[ \t]+$")
_DEICTIC = {"the day before yesterday": (-2, None), "yesterday": (-1, None), "today": (0, None),
            "tonight": (0, "night"), "tomorrow": (1, None), "last night": (-1, "night"),
            "this morning": (0, "morning"), "this afternoon": (0, "afternoon"), "this evening": (0, "evening")}


# "Darfur Today", "USA Today": a capitalised word after a capitalised word is a name's end
_NAME_BEFORE = re.compile(r"\b[A-Z][\w&'’-]*[ \t]+$")


def _build_deictic(m: re.Match, text: str) -> TimeExpression | None:
    if m.group()[0].isupper() and _NAME_BEFORE.search(text[max(0, m.start() - 40):m.start()]):
        return None
    offset, part = _DEICTIC[re.sub(r"\s+", " ", m.group().lower())]
    return _expr(m, "relative", unit="day", amount=offset, offset_days=offset, relative_to="anchor",
                 part_of_day=part)


def _build_calendar(m: re.Match, text: str) -> TimeExpression:
    amount = {"last": -1, "this": 0, "next": 1, "coming": 1}[m["which"].lower()]
    unit = m["unit"].lower()
    early = m["early"].lower() if m["early"] else None
    return _expr(m, "relative", unit=unit, amount=amount, relative_to="anchor",
                 offset_days=amount * 7 if unit == "week" else None,
                 modifier={"earlier": "early", "later": "late"}.get(early, m["which"].lower()))


def _build_ago(m: re.Match, text: str) -> TimeExpression | None:
    n = _number(m["n"])
    if n is None:
        return None
    unit = m["unit"].lower()
    days = -n * UNIT_DAYS[unit] if unit in UNIT_DAYS else None
    return _expr(m, "relative", unit=unit, amount=-n, offset_days=days, relative_to="anchor", modifier="ago")


def _build_chain(m: re.Match, text: str) -> TimeExpression | None:
    n = _number(m["n"])
    if n is None:
        return None
    direction = m["dir"].lower().split()[0]
    sign = -1 if direction in ("earlier", "before", "prior") else 1
    unit = m["unit"].lower()
    days = sign * n * UNIT_DAYS[unit] if unit in UNIT_DAYS else None
    modifier = {"before": "before", "prior": "before", "after": "after"}.get(direction)
    return _expr(m, "relative", unit=unit, amount=sign * n, offset_days=days,
                 relative_to="event" if modifier else "previous", modifier=modifier)


def _build_next(m: re.Match, text: str) -> TimeExpression:
    groups = m.groupdict()
    if groups.get("dir"):  # "the day before" / "the day after"
        sign = -1 if groups["dir"].lower() == "before" else 1
        return _expr(m, "relative", unit="day", amount=sign, offset_days=sign, relative_to="event",
                     modifier=groups["dir"].lower())
    if not groups.get("which"):  # "later that day", "the same day"
        return _expr(m, "relative", unit="day", amount=0, offset_days=0, relative_to="previous")
    sign = -1 if groups["which"].lower() in ("previous", "preceding") else 1
    unit = groups["unit"].lower()
    if unit == "week":
        return _expr(m, "relative", unit="week", amount=sign, offset_days=7 * sign, relative_to="previous")
    part = unit if unit in PARTS_OF_DAY else None
    return _expr(m, "relative", unit="day", amount=sign, offset_days=sign, relative_to="previous",
                 part_of_day=part)


def _build_duration(m: re.Match, text: str) -> TimeExpression | None:
    n = _number(m["n"]) if m["n"] else (1 if m["past"] else None)
    if n is None:
        return None
    return _expr(m, "duration", unit=m["unit"].lower(), amount=n,
                 modifier="past" if m["past"] else None)


_BUILDERS = {"iso": _build_iso, "numeric": _build_numeric, "day_range": _build_day_range, "date": _build_date,
             "month": _build_month, "year_range": _build_year_range, "decade": _build_decade,
             "year": _build_year, "weekday": _build_weekday, "deictic": _build_deictic,
             "calendar": _build_calendar, "ago": _build_ago, "chain": _build_chain, "next": _build_next,
             "duration": _build_duration}


# ---------------------------------------------------------------------------------------------
# Resolution


def resolve(expr: TimeExpression, anchor: dt.date, *, before: bool = True,
            previous: dt.date | None = None) -> ResolvedDate | None:
    """Resolve ``expr`` against ``anchor`` (the day the text speaks from).

    Weekdays go to the most recent such day on/before the anchor (``before=False``: on/after);
    a day or month without a year takes the anchor's year, or the previous year when that would
    fall after the anchor; "last week" is that week's Wednesday (week precision); a month is its
    15th (month precision); chained expressions ("two days later", "the next day") count from
    ``previous`` and give None without it. Durations give None.
    """
    kind = expr.kind
    if kind == "range":
        start = resolve(replace(expr, kind=_point_kind(expr), end_expr=None), anchor, before=before,
                        previous=previous)
        end_expr = expr.end_expr
        if end_expr is not None and end_expr.year is None and expr.year is not None:
            end_expr = replace(end_expr, year=expr.year)
        end = resolve(end_expr, anchor, before=before, previous=previous) if end_expr else None
        if start is None or end is None:
            return start
        return ResolvedDate(start.date, start.precision, start.earliest, max(end.latest, start.latest))
    if kind == "date":
        year = expr.year if expr.year is not None else _year_for(expr.month, expr.day, anchor, before)
        if not _valid_day(year, expr.month, expr.day):
            return None
        day = dt.date(year, expr.month, expr.day) + dt.timedelta(days=expr.offset_days or 0)
        return ResolvedDate(day, "day", day, day)
    if kind == "month":
        year = expr.year if expr.year is not None else _year_for(expr.month, 1, anchor, before)
        return _month_span(year, expr.month, expr.modifier)
    if kind in ("year", "decade"):
        span = 10 if kind == "decade" else 1
        first, last = dt.date(expr.year, 1, 1), dt.date(expr.year + span - 1, 12, 31)
        return ResolvedDate(first + (last - first) / 2, kind, first, last)
    if kind == "weekday":
        day = _weekday_near(expr.weekday, anchor, before, expr.modifier) + dt.timedelta(days=expr.offset_days or 0)
        return ResolvedDate(day, "day", day, day)
    if kind == "relative":
        base = {"anchor": anchor, "previous": previous}.get(expr.relative_to)
        return None if base is None else _resolve_relative(expr, base)
    return None


def _point_kind(expr: TimeExpression) -> str:
    if expr.day is not None:
        return "date"
    return "month" if expr.month is not None else "year"


def _year_for(month: int, day: int, anchor: dt.date, before: bool) -> int:
    """The anchor's year, moved back (forward) one year if the day would fall after (before) it."""
    year = anchor.year
    day = min(day, calendar.monthrange(year, month)[1])
    candidate = dt.date(year, month, day)
    if before and candidate > anchor:
        return year - 1
    if not before and candidate < anchor:
        return year + 1
    return year


def _month_span(year: int, month: int, modifier: str | None) -> ResolvedDate:
    last_day = calendar.monthrange(year, month)[1]
    first, last = {"early": (1, 10), "mid": (11, 20), "late": (21, last_day)}.get(modifier, (1, last_day))
    middle = {"early": 5, "late": 25}.get(modifier, 15)
    return ResolvedDate(dt.date(year, month, middle), "month", dt.date(year, month, first),
                        dt.date(year, month, last))


def _weekday_near(weekday: int, anchor: dt.date, before: bool, modifier: str | None) -> dt.date:
    if modifier == "next":
        before = False
    delta = (anchor.weekday() - weekday) % 7
    if before:
        if modifier == "last" and delta == 0:
            delta = 7
        return anchor - dt.timedelta(days=delta)
    ahead = (weekday - anchor.weekday()) % 7
    if modifier == "next" and ahead == 0:
        ahead = 7
    return anchor + dt.timedelta(days=ahead)


def _resolve_relative(expr: TimeExpression, base: dt.date) -> ResolvedDate | None:
    unit, amount = expr.unit, expr.amount or 0
    if unit == "day":
        day = base + dt.timedelta(days=expr.offset_days or 0)
        return ResolvedDate(day, "day", day, day)
    if unit in ("week", "weekend"):
        if expr.modifier == "ago" or expr.relative_to == "previous":
            day = base + dt.timedelta(days=7 * amount)
            return ResolvedDate(day, "week", day - dt.timedelta(days=3), day + dt.timedelta(days=3))
        monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(days=7 * amount)
        if unit == "weekend":
            saturday = monday + dt.timedelta(days=5)
            return ResolvedDate(saturday, "day", saturday, saturday + dt.timedelta(days=1))
        return ResolvedDate(monday + dt.timedelta(days=2), "week", monday, monday + dt.timedelta(days=6))
    if unit == "month":
        index = base.year * 12 + base.month - 1 + amount
        year, month = divmod(index, 12)
        return _month_span(year, month + 1, expr.modifier if expr.modifier in ("early", "late") else None)
    if unit == "year":
        first, last = dt.date(base.year + amount, 1, 1), dt.date(base.year + amount, 12, 31)
        return ResolvedDate(first + (last - first) / 2, "year", first, last)
    return None
