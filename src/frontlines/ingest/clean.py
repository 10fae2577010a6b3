"""Boilerplate cleaner for plain-text page dumps: headline, body paragraphs and removed lines.

A line is judged by general features (sentence shape, length, repetition within the page,
position at the top or tail of the page, neighbours already judged boilerplate) and by the
editable pattern file ``data/boilerplate.txt``. Real article sentences are kept: without
positive evidence a line stays in the body.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from ..errors import ConfigError
from ..timex import find_time_expressions

TOP_LINES = 10  # the headline is looked for among the first lines of the page
NEAR_COPIES = 4  # copies of a line this close together are duplicated captions
HEADLINE_MIN_WORDS = 4  # shorter headline-shaped lines above (site names, menus) give way to longer ones
TITLE_IN_LINE_CHARS = 20  # a headline this long quoted inside another line ("Originally published as")
COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE)  # names the site, not a story
FRAGMENT_WORDS = 5  # a short non-sentence line next to a caption is its credit
CAPTION_REASONS = frozenset({"caption", "photo credit", "repeated", "credit"})
FUZZY_MIN_CHARS = 40  # lines at least this long also match near-verbatim copies
FUZZY_MIN_RATIO = 95
FUZZY_MAX_LINES = 1500
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-", "—": "-"})
BULLET = re.compile(r"^(?:[•·▪●◦*>#-]+|\d{1,2}[.)])\s+")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for with from and or but is are was were be been has have had will would "
    "said says say can could may might must should this that these those it its he she they we i you".split())
TAG_LINE = re.compile(r"[a-z][a-z'’-]*(?: [a-z][a-z'’-]*){1,6}")
DATE_FILLER = re.compile(
    r"(?:[\s,.|:;/()\-–—·•]|[+-]\d{4}\b|"
    r"\b(?:date|dated|updated|published|posted|first|last|as\s+of|on|at|am|pm|a\.m|p\.m|gmt|utc|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
    r"[a-z]{2,4}t(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?|\d{1,2}[:.h]\d{2}(?::\d{2})?(?:[ap]m)?|"
    r"\d{1,3}\s*-?\s*min(?:ute)?s?\s+read|(?:\d+|an?)\s+(?:sec|second|min|minute|hour|hr|day|week)s?\s+ago)\b)*",
    re.IGNORECASE)
# page stamps run together by a page dump: "June 5, 20248:15 AM GMT+1Updated 2 hours ago"
GLUED_STAMP = (re.compile(r"\b((?:19|20)\d{2})(?=\d{1,2}[:.]\d{2}\b)"),
               re.compile(r"(?<=[\w)])(?=(?-i:Updated|Published|Posted|Last updated)\b)"))
DATE_LINE_MAX_CHARS = 80
DATE_PART_SEPARATOR = re.compile(r"\s+[|·•/]\s+|\s+[-–—]\s+")  # "20 February 2024 | Kesra"
DATE_PART_MAX_WORDS = 3  # the other parts of a date line: a place or section name
# other parts of a date line: reading time ("6 min read"), weather ("Dorsa 14°C"), a byline
# ("Staff writer", "Coast Wire staff", "by Jane Doe", "News Desk"), the site's domain, all
# matched against the whole part
DATE_LINE_EXTRAS = re.compile(
    r"\d{1,3}\s*-?\s*min(?:ute)?s?(?:\s+read)?|"
    r"(?-i:[A-Z])[\w'’. -]{0,30}?\s*[-+−]?\d{1,2}\s*°\s*[CF]?|"
    r"(?:by\s+)?(?:(?-i:[A-Z])[\w.'’-]*\s+){0,3}(?:staff(?:\s+(?:writer|reporter|correspondent)s?)?|"
    r"(?:writer|reporter|correspondent|desk|bureau|team)s?)|"
    r"by\s+(?-i:[A-Z])[\w.'’-]*(?:\s+(?-i:[A-Z])[\w.'’-]*){0,3}|"
    r"[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|info|news|co|[a-z]{2})", re.IGNORECASE)
DATE_LINE_BY = re.compile(r"\s+(by\s+\S.*)$", re.IGNORECASE)  # "Posted on 9 July 2025 by Tribune Staff"
MENU_SEPARATOR = re.compile(r"\s{2,}|\s+[|·•›»]\s+")  # "News   World   Sport", "About | Contact | Terms"
MENU_MIN_ITEMS = 3
MENU_ITEM_WORDS = 3
MENU_MAX_CHARS = 250
HEADER_NAME_WORDS = 3  # a short capitalised name between the headline and the text: the site's name
WRAP_MIN_LINES = 4  # hard-wrapped pages: at least this many long lines ...
WRAP_MAX_WIDTH = 120  # ... of at most this width ...
WRAP_NEAR = 20  # ... most of them within this many characters of the width ...
WRAP_OPEN_SHARE = 0.3  # ... and this share of them ending mid-sentence
LINE_CLOSED = re.compile(r"[.!?:;…\"'”’)\]]$")  # a line ending where a sentence or clause can end
PATTERN_MAX_CHARS = 1500  # longer lines are paragraphs, never widgets or prompts
DATE_KINDS = frozenset({"date", "weekday", "month", "year", "range"})


@dataclass(frozen=True)
class Pattern:
    """One boilerplate regex from the pattern file; ``weak`` ones need context to remove a line."""

    family: str
    regex: re.Pattern
    weak: bool = False


@dataclass(frozen=True)
class RemovedLine:
    """A page line left out of the body: its position among the non-empty lines and why."""

    position: int
    text: str
    reason: str


@dataclass(frozen=True)
class CleanText:
    """The cleaner's output: headline, body paragraphs (page order) and the removed lines."""

    title: str | None
    paragraphs: tuple[str, ...]
    removed: tuple[RemovedLine, ...]
    under_headline: tuple[RemovedLine, ...] = ()  # the byline block: removed lines just below the headline

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)

    def removed_at_top(self, reason: str) -> tuple[RemovedLine, ...]:
        """Removed lines of ``reason`` in the first lines of the page (a crawl-date header)."""
        return tuple(r for r in self.removed if r.reason == reason and r.position < TOP_LINES)


def parse_patterns(text: str, source: str = "boilerplate patterns") -> tuple[Pattern, ...]:
    """Parse the pattern file format: ``[family]`` or ``[family weak]`` headers, one regex a line."""
    patterns: list[Pattern] = []
    family, weak = None, False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = re.fullmatch(r"\[([^\]]+?)(\s+weak)?\]", line)
        if header:
            family, weak = header.group(1).strip(), bool(header.group(2))
            continue
        if family is None:
            raise ConfigError(f"{source}:{number}: pattern before any [family] header")
        try:
            patterns.append(Pattern(family, re.compile(line, re.IGNORECASE), weak))
        except re.error as exc:
            raise ConfigError(f"{source}:{number}: bad regex ({exc})") from exc
    return tuple(patterns)


@lru_cache(maxsize=1)
def load_patterns() -> tuple[Pattern, ...]:
    """The bundled pattern file ``data/boilerplate.txt``."""
    text = resources.files("frontlines").joinpath("data", "boilerplate.txt").read_text(encoding="utf-8")
    return parse_patterns(text, "data/boilerplate.txt")


def line_key(line: str) -> str:
    """Comparison key: case, quote style, spacing and final punctuation do not count."""
    text = unicodedata.normalize("NFKC", line).translate(QUOTES).lower()
    return re.sub(r"\s+", " ", BULLET.sub("", text)).strip(" .!?;:,*")


def is_sentence(line: str) -> bool:
    """Sentence shape: three or more words, capital/digit/quote first, final punctuation."""
    text = BULLET.sub("", line).strip()
    if len(text.split()) < 3 or not SENTENCE_END.search(text):
        return False
    first = text.lstrip("\"'“‘([")[:1]
    return first.isupper() or first.isdigit()


def is_headline(line: str) -> bool:
    """Headline shape: 2-30 words, not ending in a full stop, some capital letter."""
    text = BULLET.sub("", line).strip()
    words = text.split()
    return (2 <= len(words) <= 30 and len(text) <= 250 and not text.endswith((".", ",", ";", ":"))
            and any(c.isupper() for c in text))


def is_tag_line(line: str) -> bool:
    """Keyword line ("reuters women afghanistan"): lowercase words, no punctuation, no verbs."""
    return bool(TAG_LINE.fullmatch(line)) and not set(line.split()) & FUNCTION_WORDS


def is_date_line(line: str) -> bool:
    """A line that holds nothing but a date (and times, "Posted:", separators), or a date and
    short parts: a place or section name ("20 February 2024 | Kesra"), a reading time, the
    weather, a byline ("Staff writer | 25/01/2025", "Posted on 9 July 2025 by Jane Doe")."""
    if len(line) > DATE_LINE_MAX_CHARS:
        return False
    line = unglue_stamp(line)
    by = DATE_LINE_BY.search(line)
    if by and DATE_LINE_EXTRAS.fullmatch(by.group(1)):
        line = line[:by.start()]
    if _only_date(line):
        return True
    parts = DATE_PART_SEPARATOR.split(line)
    return len(parts) > 1 and any(_only_date(p) for p in parts) and all(
        _only_date(p) or _is_short_name(p) or DATE_FILLER.fullmatch(p) or DATE_LINE_EXTRAS.fullmatch(p)
        for p in parts)


def unglue_stamp(line: str) -> str:
    """A date line with the spaces a page dump lost put back ("20248:15 AM" -> "2024 8:15 AM")."""
    year, label = GLUED_STAMP
    return label.sub(" ", year.sub(r"\1 ", line))


def is_menu_line(line: str) -> bool:
    """A menu or list of links: three or more short capitalised items, no dates, split by runs
    of spaces or bars ("News   World   Sport", "About us | Contact | Terms of use")."""
    if len(line) > MENU_MAX_CHARS:
        return False
    items = MENU_SEPARATOR.split(line.strip())
    return len(items) >= MENU_MIN_ITEMS and all(
        len(item.split()) <= MENU_ITEM_WORDS and item[:1].isupper() and not SENTENCE_END.search(item)
        for item in items) and not any(e.kind in ("date", "month") for e in find_time_expressions(line))


def _only_date(text: str) -> bool:
    exprs = find_time_expressions(text, day_first=True)  # any reading: only the shape counts here
    if not any(e.kind in DATE_KINDS for e in exprs):
        return False
    rest, last = [], 0
    for e in exprs:
        rest.append(text[last:e.start])
        last = e.end
    rest.append(text[last:])
    return all(DATE_FILLER.fullmatch(part) for part in rest)


def _is_short_name(text: str) -> bool:
    """A short capitalised name or two ("Kesra", "North Syria Monitor", "Politics, Security"):
    no sentence, no digits."""
    words = text.replace(",", " ").split()
    return 0 < len(words) <= DATE_PART_MAX_WORDS and all(w[:1].isupper() for w in words) and \
        not any(c.isdigit() for c in text) and not SENTENCE_END.search(text)


def unwrap(text: str) -> list[str]:
    """The page's non-empty lines, hard-wrapped paragraphs (~70 columns) joined into one line each.

    A page is hard-wrapped when most of its long lines end close to one width and many of them
    end mid-sentence; then a line is continued by the next when the next line's first word
    would not have fitted on it, or when it ends without sentence punctuation and the next
    starts in lowercase. Blank lines always end a paragraph.
    """
    raw = [line.strip() for line in text.splitlines()]
    width = _wrap_width([line for line in raw if line])
    if width is None:
        return [line for line in raw if line]
    lines: list[str] = []
    previous = ""  # the raw line just above, "" after a blank line
    for line in raw:
        if line and previous and _continues(previous, line, width):
            lines[-1] += " " + line
        elif line:
            lines.append(line)
        previous = line
    return lines


def _wrap_width(lines: list[str]) -> int | None:
    long = [line for line in lines if len(line) >= 40]
    if len(long) < WRAP_MIN_LINES or sum(not LINE_CLOSED.search(line) for line in long) < WRAP_OPEN_SHARE * len(long):
        return None
    lengths = sorted(map(len, long))
    width = lengths[int(0.9 * (len(lengths) - 1))]
    near = sum(1 for n in lengths if width - WRAP_NEAR <= n <= width + 5)
    return width if width <= WRAP_MAX_WIDTH and near >= 0.6 * len(lengths) else None


def _continues(line: str, following: str, width: int) -> bool:
    """Whether ``following`` continues the wrapped line ``line``."""
    first_word = following.split()[0]
    if len(line) + 1 + len(first_word) > width + 2 and not BULLET.match(following):
        return True
    return not LINE_CLOSED.search(line) and following[:1].islower()


def _pattern_family(line: str, patterns: tuple[Pattern, ...]) -> tuple[str, bool] | None:
    if len(line) > PATTERN_MAX_CHARS:
        return None
    for pattern in patterns:
        if pattern.regex.search(line):
            return pattern.family, pattern.weak
    return None


class _Page:
    """Lines of one page and the verdicts reached so far."""

    def __init__(self, lines: list[str], patterns: tuple[Pattern, ...]):
        self.lines = lines
        self.keys = [line_key(line) for line in lines]
        self.families = [_pattern_family(line, patterns) or (("navigation", False) if is_menu_line(line) else None)
                         for line in lines]
        self.sentences = [is_sentence(line) for line in lines]
        self.reasons: list[str | None] = [None] * len(lines)
        self.groups = self._copy_groups()
        self.members: dict[int, list[int]] = {}
        for i, group in enumerate(self.groups):
            self.members.setdefault(group, []).append(i)

    def _copy_groups(self) -> list[int]:
        """For each line, the index of the first line it copies (itself when unique)."""
        first: dict[str, int] = {}
        groups = []
        fuzzy = len(self.lines) <= FUZZY_MAX_LINES
        for i, key in enumerate(self.keys):
            group = first.setdefault(key, i)
            if group == i and fuzzy and len(key) >= FUZZY_MIN_CHARS:
                for j in range(i):
                    if groups[j] == j and len(self.keys[j]) >= FUZZY_MIN_CHARS and \
                            fuzz.ratio(key, self.keys[j], score_cutoff=FUZZY_MIN_RATIO):
                        group = first[key] = j
                        break
            groups.append(group)
        return groups

    def copies(self, i: int) -> list[int]:
        return self.members[self.groups[i]]

    def strong(self, i: int) -> bool:
        family = self.families[i]
        return family is not None and not family[1]

    def neighbours(self, i: int) -> list[int]:
        return [j for j in (i - 1, i + 1) if 0 <= j < len(self.lines)]


def clean_text(text: str, *, title: str | None = None,
               patterns: tuple[Pattern, ...] | None = None) -> CleanText:
    """Split a page dump into headline, body paragraphs and removed lines.

    ``title`` (from feed or HTML metadata) is used instead of detecting the headline; lines
    repeating it are left out of the body either way.
    """
    lines = unwrap(text)
    page = _Page(lines, load_patterns() if patterns is None else patterns)
    title_index = _find_title(page) if title is None else None
    if title is None and title_index is not None:
        title = BULLET.sub("", lines[title_index]).strip()
    _mark_title(page, title)
    if title_index is None:  # a given title: where the page shows it, its header ends
        title_index = next((i for i in range(min(TOP_LINES, len(lines))) if page.reasons[i] == "title"), None)
    _mark_by_features(page, title_index)
    _mark_related(page)
    for _ in range(2):  # context rules can chain: a caption, then its credit line
        _mark_by_context(page)
    _mark_tail(page)
    removed = tuple(RemovedLine(i, line, reason) for i, (line, reason) in enumerate(zip(lines, page.reasons))
                    if reason is not None)
    paragraphs = tuple(line for line, reason in zip(lines, page.reasons) if reason is None)
    return CleanText(title, paragraphs, removed, _under_headline(page, title_index, removed))


def _under_headline(page: _Page, title_index: int | None, removed: tuple[RemovedLine, ...]) -> tuple[RemovedLine, ...]:
    """Removed lines below the headline and above the second kept sentence (a standfirst may be
    the first), at most TOP_LINES lines down: the byline block with its date."""
    if title_index is None:
        return ()
    end = min(len(page.lines), title_index + 1 + TOP_LINES)
    kept = [i for i in range(title_index + 1, end) if page.reasons[i] is None and page.sentences[i]]
    end = kept[1] if len(kept) > 1 else end
    return tuple(r for r in removed if title_index < r.position < end and r.reason != "title")


def _find_title(page: _Page) -> int | None:
    """The headline: a headline-shaped line near the top, preferably one the page repeats.

    Lines a weak pattern describes (a "BREAKING:" ticker) serve only when nothing else does;
    short lines (site names) never win by repetition, and short or all-capital lines give way
    to a longer line in mixed case. Of several, the headline is the one nearest the text: the
    first of the last run of adjacent candidates (a headline and its standfirst), not a site's
    tagline above the menu.
    """
    candidates, weak = [], []
    for i in range(min(TOP_LINES, len(page.lines))):
        line = page.lines[i]
        if page.strong(i) or is_date_line(line) or is_tag_line(line):
            continue
        if page.sentences[i] and (len(line.split()) > 30 or not is_headline(line)):
            break  # the article text has begun
        if is_headline(line):
            (weak if page.families[i] else candidates).append(i)
    candidates = candidates or weak
    if not candidates:
        return None
    long = [i for i in candidates if len(page.lines[i].split()) >= HEADLINE_MIN_WORDS]
    pool = [i for i in long if not page.lines[i].isupper()] or long or candidates[:1]
    for i in pool:
        key = page.keys[i]
        repeated = len(page.copies(i)) > 1 or (len(key) >= TITLE_IN_LINE_CHARS and any(
            key in other and not COPYRIGHT.search(other) for j, other in enumerate(page.keys) if j != i))
        if repeated:
            return i
    run_starts = [i for k, i in enumerate(candidates) if k == 0 or candidates[k - 1] != i - 1]
    run_start = max(i for i in run_starts if i <= pool[-1])
    first = next(i for i in pool if i >= run_start)
    before = [j for j in range(first) if not page.strong(j) and not is_date_line(page.lines[j])]
    return None if any(page.sentences[j] for j in before) else first


def _mark_title(page: _Page, title: str | None) -> None:
    if not title:
        return
    key = line_key(title)
    for i, other in enumerate(page.keys):
        if other == key or (len(key) >= FUZZY_MIN_CHARS and fuzz.ratio(key, other) >= FUZZY_MIN_RATIO):
            page.reasons[i] = "title"


def _mark_by_features(page: _Page, title_index: int | None) -> None:
    text_start = next((i for i in range(title_index + 1, len(page.lines)) if page.sentences[i]), 0) \
        if title_index is not None else 0
    for i, line in enumerate(page.lines):
        if page.reasons[i] is not None:
            continue
        if page.strong(i):
            page.reasons[i] = page.families[i][0]
        elif is_date_line(line):
            page.reasons[i] = "date line"
        elif is_tag_line(line):
            page.reasons[i] = "tag line"
        elif title_index is not None and i < title_index and not page.sentences[i]:
            page.reasons[i] = "page header"
        elif i < text_start and len(line.split()) <= HEADER_NAME_WORDS and _is_short_name(line):
            page.reasons[i] = "page header"  # the site's or a section's name under the headline
        else:
            copies = page.copies(i)
            if len(copies) > 1:
                near = copies[-1] - copies[0] <= NEAR_COPIES
                if near or not page.sentences[i]:
                    page.reasons[i] = "repeated"
                elif i != copies[0]:
                    page.reasons[i] = "duplicate"


def _mark_related(page: _Page) -> None:
    """Headline-shaped lines listed under a heading of links ("More on this topic:"); a
    question is a headline too ("What changes?")."""
    for i, line in enumerate(page.lines):
        if page.reasons[i] != "related" or re.search(r":\s*\S", line):
            continue  # "Read more: <headline>" names its one story itself
        for j in range(i + 1, len(page.lines)):
            other = page.lines[j]
            if page.reasons[j] is not None or (page.sentences[j] and not other.endswith("?")) \
                    or not is_headline(other) or other.endswith(":"):
                break
            page.reasons[j] = "related headline"


def _mark_by_context(page: _Page) -> None:
    for i, line in enumerate(page.lines):
        if page.reasons[i] is not None:
            continue
        near = {page.reasons[j] for j in page.neighbours(i)} - {None, "title", "page header"}
        if page.families[i] is not None and near:  # a weak pattern next to boilerplate
            page.reasons[i] = page.families[i][0]
        elif (near & CAPTION_REASONS and not page.sentences[i] and len(line.split()) <= FRAGMENT_WORDS
              and not line.endswith(":") and _is_credit(line)):
            page.reasons[i] = "credit"
        elif i and page.reasons[i - 1] == "photo credit" and not page.sentences[i] and is_headline(line) \
                and len(line.split()) > FRAGMENT_WORDS:
            page.reasons[i] = "caption"  # "Getty Images" above "Thousands have fled the fighting"


def _is_credit(line: str) -> bool:
    """A credit's shape ("Google Maps", "Jane Doe/Agency", "© AFP"), not a subheading in
    sentence case ("Journalist abducted")."""
    return "/" in line or "©" in line or all(w[:1].isupper() or not w[:1].isalpha() for w in line.split())


def _mark_tail(page: _Page) -> None:
    """From the page's end back to the last real sentence: footers, captions, fragments."""
    tail = []
    for i in range(len(page.lines) - 1, -1, -1):
        if page.reasons[i] is None and page.sentences[i] and page.families[i] is None:
            break
        tail.append(i)
    if not any(page.reasons[i] not in (None, "title") for i in tail):
        return  # no boilerplate at the end: the last lines are the article's own
    for i in tail:
        if page.reasons[i] is None:
            page.reasons[i] = page.families[i][0] if page.families[i] else "page footer"
