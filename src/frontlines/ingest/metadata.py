"""Publication date of an article: a day, its plausible range and a short basis note.

Evidence, strongest first: a feed's ``published``, the page's own metadata (HTML), a date in
the URL, a byline date (the page's own "Published 9 July 2025" or date line under the
headline), then the text itself. The text is read as written on or just after the latest day
it reports: explicit dates set that day, a date without a year inherits the year from other
evidence (a full date, "since August 2021" plus "for a year", a caption's date), a weekday
paired with a date ("Wednesday 19 August") picks a year where they agree when nothing else
gives one, and weekday mentions ("on Friday") fall in the six days before publication. A
date line at the top of the page or a feed's ``fetched`` date bound the range and are the
fallback anchor when nothing else dates the page; when they contradict the text they lose.
When the text gives no year of its own, well-known dated facts it mentions (``data/eras.json``:
office holders, regime changes, war milestones) bound the date: a date without a year takes the
earliest year inside those bounds that agrees with its weekday, and a fact's own event day
("the last US troops left Kabul") counts as a reported day. A year is only known when some
evidence gives it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from ..timex import TimeExpression, find_time_expressions, find_time_expressions_joined, resolve
from .eras import OPEN_START, EraEvidence, era_evidence

ONE_DAY = dt.timedelta(days=1)
WEEKDAY_WINDOW = dt.timedelta(days=6)  # "on Friday" lies within the six days before publication
DEFAULT_WINDOW = dt.timedelta(days=7)  # without other bounds, publication within a week of the latest day
HEADER_WINDOW = dt.timedelta(days=30)  # a top date line this close after the latest day is the publication date
YEAR_SLACK = dt.timedelta(days=60)  # a date without year may lie this far from the latest dated evidence
PLAN_AFTER = dt.timedelta(days=31)  # a month with a year this far after the text's full dates is a plan
WEEKDAY_YEARS = 30  # how far back weekday/date agreement looks for a year
STALE_FLOOR = dt.timedelta(days=365)  # text dates this much older than the page's own date are history
MAX_ROUNDS = 8
ERA_MAX_SPAN = dt.timedelta(days=5 * 365)  # wider dated-fact bounds (several terms of office) leave the year open
US_HOSTS = re.compile(r"\.(?:us|gov|mil)$")  # sites that write numeric dates month first
FUTURE_WORDS = re.compile(
    r"\b(?:will|would|shall|'ll|scheduled|due|planned|plans?|expected|set\s+(?:to|for)|deadline|upcoming|"
    r"next|until|by)\b", re.IGNORECASE)
NAMED_EVENT_FOLLOWERS = frozenset(
    "and or but when as in at on to after before while with by the a an of for from that which who "
    "was were is are had has have said says".split())
COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|\bcopyright\b)[^0-9]{0,40}(?:(?:19|20)\d{2}\s*[-–]\s*)?((?:19|20)\d{2})\b",
                            re.IGNORECASE)
DATELINE = re.compile(r"^[A-Z][\w.'’-]*(?:(?:[ ,/]+|\s+(?:of|de|du|des|del|la|el|al|the|and)\s+)"
                      r"[A-Z][\w.'’-]*){0,6},\s+[^()\n]{3,30}?\s*(?:\([^()\n]{1,40}\))?\s*[-–—]{1,2}\s",
                      re.MULTILINE)
UPDATED_LABEL = re.compile(r"\b(?:(?:last\s+)?updated|modified)\b", re.IGNORECASE)
URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])(?:[/-](0?[1-9]|[12]\d|3[01]))?(?=[/_.-]|$)")


@dataclass(frozen=True)
class Published:
    """The publication date (None when it cannot be told), its plausible range and why."""

    date: dt.date | None
    earliest: dt.date | None
    latest: dt.date | None
    basis: str

    @property
    def iso(self) -> str | None:
        return self.date.isoformat() if self.date else None

    @property
    def iso_range(self) -> tuple[str, str] | None:
        if self.earliest is None or self.latest is None:
            return None
        return self.earliest.isoformat(), self.latest.isoformat()


def parse_date(value: str | None) -> dt.date | None:
    """A date from metadata: ISO date or date-time, or any written full date ("21 Aug 2021")."""
    if not value:
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if match:
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            return None
    for expr in find_time_expressions(value):
        if expr.kind == "date" and expr.year is not None:
            return dt.date(expr.year, expr.month, expr.day)
    return None


def url_date(url: str | None) -> tuple[dt.date, dt.date] | None:
    """The span a URL path dates (/2021/08/21/: one day; /2021/08/: that month)."""
    if not url:
        return None
    match = URL_DATE.search(urlsplit(url).path)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if match.group(3):
        try:
            day = dt.date(year, month, int(match.group(3)))
        except ValueError:
            return None
        return day, day
    span = resolve(TimeExpression(0, 0, "", "month", year=year, month=month), dt.date(year, month, 1))
    return span.earliest, span.latest


def infer_published(text: str, *, title: str | None = None, max_chars: int | None = None,
                    url: str | None = None, feed_published: str | None = None,
                    page_date: str | None = None, fetched: str | None = None,
                    header_lines: tuple[str, ...] = (), caption_lines: tuple[str, ...] = (),
                    footer_lines: tuple[str, ...] = (), byline_lines: tuple[str, ...] = (),
                    stamp_lines: tuple[str, ...] = (), today: dt.date | None = None) -> Published:
    """Date an article from its metadata, URL and text (see the module docstring).

    ``title`` is read as the text's first line; only the first ``max_chars`` of title and text count.

    ``byline_lines``: the page's own statement of its date ("Published 9 July 2025", a date
    line under the headline, "Staff writer | 25/01/2025"), strongest first: its first full date
    (the published one of "Published ... | Updated ...") is the publication date. Without one,
    ``stamp_lines`` (date lines labelled "Published" elsewhere on the page, as some sites print
    it under the text) date the page when they all name one day.

    ``header_lines``: date lines removed from the top of the page; ``caption_lines``: removed
    captions (they carry the dates of the photos they describe); ``footer_lines``: other removed
    lines (a "© 2024" footer gives a year to dates without one when nothing else does).
    """
    today = today or dt.date.today()
    for value, basis in ((feed_published, "feed published date"), (page_date, "page metadata date")):
        day = parse_date(value)
        if day is not None:
            return Published(day, day, day, basis)
    span = url_date(url)
    if span is not None and span[0] == span[1]:
        return Published(span[0], span[0], span[0], "date in the URL")
    upper = today
    anchors: list[tuple[dt.date, str]] = []
    fetched_day = parse_date(fetched)
    if fetched_day is not None:
        upper = min(upper, fetched_day)
        anchors.append((fetched_day, "fetched date"))
    stated = _byline_date(byline_lines, stamp_lines, upper, url, text)
    if stated is not None:
        return Published(stated[0], stated[0], stated[0], stated[1])
    parts = (title, text) if title else (text,)
    header = _header_date(header_lines, upper, url, text)
    footer_year = next((int(m.group(1)) for line in footer_lines if (m := COPYRIGHT_YEAR.search(line))), None)
    return _TextDating(parts, max_chars, caption_lines, upper, span, header, anchors, footer_year).run()


def _day_first(day_first: TimeExpression, month_first: TimeExpression, url: str | None, text: str) -> bool:
    """Whether a numeric date the values leave open ("05/06/2024") reads day/month: the reading
    whose month the text names alone wins; else day/month, except on US sites (.us, .gov, .mil
    hosts), which write the month first."""
    months = {e.month for e in find_time_expressions(text) if e.kind in ("date", "month") and e.month}
    if (day_first.month in months) != (month_first.month in months):
        return day_first.month in months
    return not US_HOSTS.search(urlsplit(url).hostname or "" if url else "")


def _numeric_readings(line: str) -> tuple[TimeExpression, TimeExpression] | None:
    """The day/month and month/day readings of an ambiguous numeric date line."""
    first = [e for e in find_time_expressions(line, day_first=True) if e.kind == "date" and e.year is not None]
    second = [e for e in find_time_expressions(line, day_first=False) if e.kind == "date" and e.year is not None]
    return (first[0], second[0]) if first and second else None


def _line_dates(line: str, url: str | None, text: str) -> list[TimeExpression]:
    """The dates of a date line; numeric dates the values leave open ("12/06/2024") are read as
    ``_day_first`` says."""
    exprs = [e for e in find_time_expressions(line) if e.kind == "date"]
    if not exprs and (readings := _numeric_readings(line)):
        exprs = [readings[0] if _day_first(*readings, url, text) else readings[1]]
    return exprs


def _stated_day(line: str, upper: dt.date, url: str | None, text: str) -> dt.date | None:
    """The first full date of a byline line not after ``upper``; of "Published X | Updated Y", X."""
    updated = UPDATED_LABEL.search(line)
    before_update = _line_dates(line[:updated.start()], url, text) if updated else []
    for expr in before_update or _line_dates(line, url, text):
        if expr.year is not None and (day := dt.date(expr.year, expr.month, expr.day)) <= upper:
            return day
    return None


def _byline_date(lines: tuple[str, ...], stamps: tuple[str, ...], upper: dt.date, url: str | None,
                 text: str) -> tuple[dt.date, str] | None:
    """The first stated day of the byline lines, else the one day all the stamps name; and the basis."""
    for line in lines:
        day = _stated_day(line, upper, url, text)
        if day is not None:
            return day, f"byline date '{line}'"
    days: dict[dt.date, str] = {}
    for line in stamps:
        if (day := _stated_day(line, upper, url, text)) is not None:
            days.setdefault(day, line)
    return next((day, f"publication stamp '{line}'") for day, line in days.items()) if len(days) == 1 else None


def _header_date(lines: tuple[str, ...], upper: dt.date, url: str | None = None,
                 text: str = "") -> tuple[dt.date, str] | None:
    """A date line at the top of the page, its year from its weekday when it has none."""
    for line in lines:
        for expr in _line_dates(line, url, text):
            if expr.year is not None:
                return dt.date(expr.year, expr.month, expr.day), line
            if expr.weekday is not None:
                year = _weekday_year(expr, upper)
                if year is not None:
                    return dt.date(year, expr.month, expr.day), line
    return None


def _weekday_year(expr: TimeExpression, upper: dt.date, lower: dt.date | None = None) -> int | None:
    """The latest year, on or before ``upper`` (and not before ``lower``), in which the date falls
    on the stated weekday."""
    for year in range(upper.year, upper.year - WEEKDAY_YEARS, -1):
        try:
            day = dt.date(year, expr.month, expr.day)
        except ValueError:
            continue
        if lower is not None and day < lower - YEAR_SLACK:
            return None
        if day <= upper and day.weekday() == expr.weekday:
            return year
    return None


def _is_future(text: str, expr: TimeExpression) -> bool:
    """Said of the future or as a deadline ("will vote on 3 May", "until 2021")."""
    if expr.modifier in ("until", "by"):
        return True
    clause = re.split(r"[.!?;]\s", text[max(0, expr.start - 60):expr.start])[-1]
    return bool(FUTURE_WORDS.search(clause))


def _is_named_event(text: str, expr: TimeExpression) -> bool:
    """A date used as a name: "the September 11, 2001 attacks" is history, not news."""
    preceded = re.search(r"\bthe\s+$", text[max(0, expr.start - 5):expr.start]) or re.search(
        r"\bthe\s+[A-Z0-9]", expr.text)
    follower = re.match(r"\s+([a-z]+)", text[expr.end:expr.end + 30])
    return bool(preceded and follower and follower.group(1) not in NAMED_EVENT_FOLLOWERS)


class _TextDating:
    """Date a text from its own time expressions (one instance per article)."""

    def __init__(self, parts: tuple[str, ...], max_chars: int | None, caption_lines: tuple[str, ...], upper: dt.date,
                 url_span: tuple[dt.date, dt.date] | None, header: tuple[dt.date, str] | None,
                 anchors: list[tuple[dt.date, str]], footer_year: int | None = None):
        text = self.text = "\n".join(parts)[:max_chars]
        self.exprs = [e for e in find_time_expressions_joined(parts) if e.end <= len(text)]
        caption_exprs = [e for line in caption_lines for e in find_time_expressions(line) if e.year is not None]
        self.captions = [e for e in caption_exprs if e.kind == "date"]
        self.caption_months = [e for e in caption_exprs if e.kind == "month"]
        self.upper = upper
        self.url_span = url_span
        self.header = header
        self.footer_year = footer_year
        self.anchor, self.anchor_why = None, None
        if header:
            self.anchor, self.anchor_why = header[0], f"top date line '{header[1]}'"
        elif anchors:
            self.anchor, self.anchor_why = anchors[0]
        self.dateline = _dateline(text, self.exprs)
        self.era_used: EraEvidence | None = None  # set when the dated facts gave the year

    @cached_property
    def era(self) -> EraEvidence | None:
        """Dated facts the text mentions (data/eras.json), when they agree."""
        found = era_evidence(self.text)
        return found if found is not None and found.windows else None

    def run(self) -> Published:
        floor, floor_why = self._floor()
        if floor is not None and self.anchor is not None and self.anchor - floor > STALE_FLOOR:
            floor = None  # the text's only dates are history next to the page's own date
        cap = self.upper if floor is not None or self.anchor is None else min(self.upper, self.anchor)
        publication = floor + ONE_DAY if floor is not None else self.anchor
        if publication is None:
            return self._unknown()
        publication = min(publication, cap)
        latest, weekday_days, dateline = None, [], None
        for _ in range(MAX_ROUNDS):
            latest, weekday_days = self._latest(floor, publication)
            if latest is None and floor is None:
                candidate = publication  # nothing but the anchor dates the page
            else:
                reported = max(day for day in (latest[0] if latest else None, floor) if day is not None)
                candidate = min(reported + ONE_DAY, cap)
            dateline = self._dateline_day(floor, candidate)
            if dateline is not None and (latest is None or dateline >= latest[0]):
                candidate = dateline
            if candidate == publication:
                break
            publication = candidate
        if dateline is not None and (latest is None or dateline >= latest[0]):
            return Published(dateline, dateline, dateline, self._with_year(
                f"dateline '{self.dateline.text}'", floor_why if floor is not None else None))
        if latest is None:
            if floor is not None:
                return Published(publication, floor, min(self._bounds(floor + DEFAULT_WINDOW)), floor_why)
            return Published(publication, publication, publication, f"{self.anchor_why} (no date in the text)")
        return self._published(publication, latest, weekday_days, floor_why if floor is not None else None)

    def _floor(self) -> tuple[dt.date | None, str | None]:
        """The latest day current (non-history, non-future) dated evidence reaches.

        Full dates, caption dates, the URL and "since X" + "for N years" come first; then the
        page's own date (top line, fetched: the anchor path); then the footer's year for dates
        without one; then months with a year (often background); then weekday/date agreement.
        """
        strong: list[tuple[dt.date, str]] = []
        weak: list[tuple[dt.date, str]] = []
        if self.url_span:
            strong.append((self.url_span[0], "date in the URL"))
        since = []
        for e in self.exprs:
            if e.kind not in ("date", "month") or e.year is None or _is_future(self.text, e):
                continue
            if e.kind == "date" and _is_named_event(self.text, e):
                continue
            r = resolve(e, self.upper)
            (strong if e.kind == "date" else weak).append((r.date if e.kind == "date" else r.earliest, f"'{e.text}'"))
            if e.modifier == "since":
                since.append(r.earliest)
        strong += [(resolve(e, self.upper).date, f"caption date '{e.text}'") for e in self.captions]
        durations = [e for e in self.exprs if e.kind == "duration" and e.text.lower().startswith("for ")]
        if since and durations:
            start, longest = min(since), max(durations, key=_duration_days)
            strong.append((start + dt.timedelta(days=_duration_days(longest)),
                           f"since {start:%B %Y} + '{longest.text}'"))
        weak += [(resolve(e, self.upper).earliest, f"caption '{e.text}'") for e in self.caption_months]
        offers = [o for o in strong if o[0] <= self.upper]
        if offers or self.anchor is not None:
            return max(offers) if offers else (None, None)
        if self.footer_year:  # the page footer's year bounds the page
            end = min(self.upper, dt.date(self.footer_year, 12, 31))
            offers = [(resolve(e, end).date, f"the page footer's year {self.footer_year}") for e in self.exprs
                      if e.kind in ("date", "month") and e.year is None and not _is_future(self.text, e)]
            if offers:
                return max(offers + [w for w in weak if w[0] <= end])
        offers = [o for o in weak if o[0] <= self.upper]
        if offers:
            return max(offers)
        era_floor = self._era_floor()
        if era_floor is not None:
            return era_floor
        upper = min(self.upper, self.header[0]) if self.header else self.upper
        lower = None
        if self.era is not None:
            upper, lower = min(upper, self.era.latest(upper)), self.era.earliest
        for e in self.exprs:  # a weekday paired with a date ("Wednesday 19 August") picks the year
            if e.kind == "date" and e.year is None and e.weekday is not None:
                year = _weekday_year(e, upper, lower)
                if year is not None:
                    offers.append((dt.date(year, e.month, e.day), f"weekday agreement '{e.text}'"))
        return max(offers) if offers else (None, None)

    def _year_free(self) -> list[TimeExpression]:
        """Dates and months without a year that report news (not plans, not named events)."""
        return [e for e in self.exprs if e.kind in ("date", "month") and e.year is None
                and not _is_future(self.text, e) and not (e.kind == "date" and _is_named_event(self.text, e))]

    def _era_floor(self) -> tuple[dt.date, str] | None:
        """The latest reported day the dated facts give: their own event days ("on") and the
        dates without a year, placed in the earliest year inside the facts' bounds that agrees
        with their weekday (only when the bounds span at most ERA_MAX_SPAN)."""
        era = self.era
        if era is None:
            return None
        lo, hi = era.earliest, era.latest(self.upper)
        offers = [(day, f"'{phrase}' ({day}, a dated fact)") for day, phrase in era.on_days if day <= self.upper]
        year_free = self._year_free()
        if year_free and lo <= hi and hi - lo <= ERA_MAX_SPAN:
            start = lo - YEAR_SLACK
            for _ in range(MAX_ROUNDS):
                days = [(day, e) for e in year_free if (day := _first_in(e, start, era, hi)) is not None]
                if not days:
                    break
                day, e = max(days, key=lambda pair: pair[0])
                if day >= lo - ONE_DAY:  # written inside the bounds, on or after the latest day
                    offers.append((day, f"'{e.text}' in {day.year}, the earliest year in {lo}..{hi} "
                                        f"(dated facts: {era.note()})"))
                    break
                start = day + ONE_DAY
        if not offers:
            return None
        self.era_used = era
        return max(offers)

    def _resolve(self, e: TimeExpression, floor: dt.date | None, publication: dt.date,
                 previous: dt.date | None):
        """Resolve one expression; year-less dates take the latest year that puts them shortly
        after the floor at most (background is older than the news), else before publication."""
        if e.kind in ("date", "month"):
            if e.year is not None:
                return resolve(e, self.upper)
            if floor is not None:
                return resolve(e, min(floor + YEAR_SLACK, self.upper))
            return resolve(e, publication)
        if e.kind == "weekday" or (e.kind == "relative" and e.relative_to == "anchor"):
            return resolve(e, publication)
        if e.kind == "relative" and e.relative_to == "previous" and previous is not None:
            return resolve(e, publication, previous=previous)
        return None

    def _dateline_day(self, floor: dt.date | None, publication: dt.date) -> dt.date | None:
        if self.dateline is None or (floor is None and self.anchor is None and self.dateline.year is None):
            return None
        r = self._resolve(self.dateline, floor, publication, None)
        return r.date if r is not None and r.date <= self.upper else None

    def _latest(self, floor: dt.date | None, publication: dt.date):
        """The latest reported day (news, not history or plans) given a publication guess,
        and the days that weekday/"yesterday" mentions resolve to."""
        latest: tuple[dt.date, str] | None = None
        weekday_days: list[dt.date] = []
        previous = None
        for e in self.exprs:
            if e is self.dateline:
                continue
            r = self._resolve(e, floor, publication, previous)
            if r is None:
                continue
            if r.precision == "day":
                previous = r.date
            if r.precision not in ("day", "week", "month") or _is_future(self.text, e):
                continue
            if e.kind == "date" and _is_named_event(self.text, e):
                continue
            if e.kind == "month" and e.year is not None and floor is not None and r.earliest > floor + PLAN_AFTER:
                continue  # "vote in May 2026" long after the text's full dates: a plan
            if e.kind == "relative" and e.relative_to == "anchor" and (e.amount or 0) >= 0:
                continue  # "today", "this week": the publication's own time, not a reported day
            if e.kind == "weekday" or (e.kind == "relative" and e.unit == "day" and e.relative_to == "anchor"):
                weekday_days.append(r.date)
            if latest is None or r.date > latest[0]:
                latest = (r.date, f"'{e.text}'")
        for e in self.captions:
            day = resolve(e, self.upper).date
            if latest is None or day > latest[0]:
                latest = (day, f"caption date '{e.text}'")
        for day, phrase in self.era_used.on_days if self.era_used else ():
            if day <= publication and (latest is None or day > latest[0]):
                latest = (day, f"'{phrase}', a dated fact")
        return latest, weekday_days

    def _bounds(self, *more: dt.date) -> list[dt.date]:
        """Upper bounds of the publication date: the upper limit, the dated facts' end, ``more``."""
        bounds = [self.upper, *more]
        if self.era_used is not None:
            bounds.append(self.era_used.latest(self.upper))
        return bounds

    def _with_year(self, basis: str, floor_why: str | None) -> str:
        if floor_why and floor_why not in basis:
            basis += f"; year from {floor_why}"
        if floor_why is None and self.anchor is not None:
            basis += f"; anchored on the {self.anchor_why}"
        return basis

    def _published(self, publication: dt.date, latest: tuple[dt.date, str], weekday_days: list[dt.date],
                   floor_why: str | None) -> Published:
        latest_day, latest_why = latest
        bounds = self._bounds(latest_day + DEFAULT_WINDOW, *(day + WEEKDAY_WINDOW for day in weekday_days))
        basis = self._with_year(f"latest reported day {latest_day} ({latest_why})", floor_why)
        if floor_why is None and self.anchor is not None:
            bounds.append(self.anchor)
        if self.header:
            day, line = self.header
            if latest_day <= day <= latest_day + HEADER_WINDOW:
                publication = day
                basis += f"; top date line '{line}' agrees"
            else:
                basis += f"; top date line '{line}' ({day}) contradicts the text and is ignored"
                if day >= latest_day:
                    bounds.append(day)
        return Published(publication, min(latest_day, publication), max(min(bounds), publication), basis)

    def _unknown(self) -> Published:
        """No date: why, and the dated facts' bounds when they give both ends."""
        year_free = [e.text for e in self.exprs if e.kind in ("date", "month") and e.year is None]
        relative = [e.text for e in self.exprs if e.kind in ("weekday", "relative")]
        if self.dateline is not None:
            year_free = [f"dateline '{self.dateline.text}'"] + [t for t in year_free if t != self.dateline.text]
        if year_free:
            basis = f"{', '.join(dict.fromkeys(year_free))}: year unknown"
        elif relative:
            basis = f"only relative dates ({', '.join(dict.fromkeys(relative))}) and nothing to anchor them"
        else:
            basis = "no date in the text"
        era = self.era
        if era is None:
            return Published(None, None, None, basis)
        lo, hi = era.earliest, era.latest(self.upper)
        basis += f"; dated facts ({era.note()}) place it between {lo} and {hi}"
        if lo == OPEN_START or lo > hi:
            return Published(None, None, None, basis)
        guesses = [day for e in self._year_free() if (day := _last_in(e, era, hi)) is not None]
        if guesses:  # news is recent: the latest year the facts allow, the range keeps the doubt
            guess = max(guesses)
            return Published(guess, lo, hi, basis + f" (too wide to be sure; {guess.year} is the latest year they allow)")
        return Published(None, lo, hi, basis + (" (too wide to choose a year)" if year_free else ""))


def _dateline(text: str, exprs: list[TimeExpression]) -> TimeExpression | None:
    """The date of a wire dateline opening a paragraph ("PORT SUDAN, June 11 (Agency) - ...")."""
    match = DATELINE.search(text)
    if match is None:
        return None
    return next((e for e in exprs if e.kind == "date" and match.start() <= e.start < match.end()), None)


def _duration_days(expr: TimeExpression) -> int:
    return (expr.amount or 0) * {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3652}[expr.unit]


def _last_in(expr: TimeExpression, era: EraEvidence, upper: dt.date) -> dt.date | None:
    """The last day (a month's first) of a year-less date or month, not after ``upper``, on its
    stated weekday and inside one of the era's windows."""
    years = range(upper.year, era.earliest.year - 1, -1)
    return next((day for year in years if (day := _era_day(expr, year, era, era.earliest, upper, slack=dt.timedelta(0)))), None)


def _first_in(expr: TimeExpression, start: dt.date, era: EraEvidence, upper: dt.date) -> dt.date | None:
    """The first day (a month's first) of a year-less date or month on or after ``start``, not
    after ``upper``, on its stated weekday and inside (or just before) one of the era's windows."""
    years = range(start.year, upper.year + 1)
    return next((day for year in years if (day := _era_day(expr, year, era, start, upper, slack=YEAR_SLACK))), None)


def _era_day(expr: TimeExpression, year: int, era: EraEvidence, start: dt.date, upper: dt.date,
             slack: dt.timedelta) -> dt.date | None:
    """The expression's day in ``year`` when it lies in ``start..upper``, on its weekday, and inside
    one of the era's windows (or ``slack`` before one)."""
    try:
        day = dt.date(year, expr.month, expr.day or 1)
    except ValueError:
        return None
    if not start <= day <= upper or (expr.weekday is not None and day.weekday() != expr.weekday):
        return None
    return day if any(lo - slack <= day <= (hi or upper) for lo, hi in era.windows) else None
