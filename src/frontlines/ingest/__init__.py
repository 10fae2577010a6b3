"""Read and clean: RawDocument -> Article (title, outlet, dates, language, body, removed lines)."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from ..errors import InputError
from ..records import Article, RawDocument
from .clean import CAPTION_REASONS, TOP_LINES, CleanText, RemovedLine, clean_text, is_sentence, unglue_stamp
from .language import detect_language
from .metadata import UPDATED_LABEL, infer_published
from .sources import decode

__all__ = ["clean_report", "to_article"]

MIN_BODY_CHARS = 30  # shorter bodies are not articles
DATING_MAX_CHARS = 50_000  # the publication date is read from the first characters of long texts
HTML_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td")
BYLINE = re.compile(r"^by\s+(?P<name>.+?)(?:\s*(?:,|\||\s-\s|\bin\b).*)?$", re.IGNORECASE)
GENERIC_OUTLET = re.compile(r"^(?:our|us|your|this|independent|quality|local)\b", re.IGNORECASE)
MASTHEAD_WORDS = (2, 5)
NAME_PARTICLES = frozenset({"of", "the", "and", "for", "de", "al"})
DATELINE_OUTLET = re.compile(
    r"^[A-Z][A-Z .'’-]+(?:,[^()\n]{1,60}?)?\s*\((?P<outlet>[^()\n]{2,40})\)\s*[-–—:]", re.MULTILINE)
PUBLISHED_LABEL = re.compile(r"\b(?:published|posted)\b", re.IGNORECASE)
HTML_SKIP = ("script", "style", "nav", "header", "footer", "aside", "form", "figure", "figcaption", "noscript")


@dataclass(frozen=True)
class _HtmlPage:
    text: str
    title: str | None
    outlet: str | None
    url: str | None
    author: str | None
    date: str | None


def to_article(raw: RawDocument, *, today: dt.date | None = None) -> Article:
    """Decode, clean, date and identify the language of one document.

    Raises InputError(source, reason) when the document is empty, undecodable or not an article.
    """
    text = decode(raw)
    if not text.strip():
        raise InputError(raw.origin, "empty")
    hints = raw.hints
    page = _html_page(text, hints.url) if raw.media_type == "text/html" else None
    cleaned = clean_text(page.text if page else text, title=hints.title or (page.title if page else None))
    _check_article(cleaned, raw.origin)
    url = hints.url or (page.url if page else None) or (raw.origin if raw.origin.startswith("http") else None)
    byline = _byline_lines(cleaned)
    header = {r.position for r in cleaned.removed_at_top("date line")} - {r.position for r in byline}
    published = infer_published(
        cleaned.body, title=cleaned.title, max_chars=DATING_MAX_CHARS, url=url, feed_published=hints.published,
        page_date=page.date if page else None, fetched=hints.fetched or raw.fetched_at,
        byline_lines=tuple(unglue_stamp(r.text) for r in byline),
        stamp_lines=tuple(unglue_stamp(r.text) for r in cleaned.removed if r.reason == "date line" and r not in byline
                          and PUBLISHED_LABEL.search(r.text)),
        header_lines=tuple(unglue_stamp(r.text) for r in cleaned.removed if r.position in header),
        caption_lines=tuple(r.text for r in cleaned.removed if r.reason in CAPTION_REASONS),
        footer_lines=tuple(r.text for r in cleaned.removed
                           if r.position not in header and r.reason not in CAPTION_REASONS | {"title"}),
        today=today)
    outlet = hints.outlet or (page.outlet if page else None) or outlet_from_lines(r.text for r in cleaned.removed) \
        or outlet_from_masthead(cleaned) or outlet_from_dateline(cleaned.body)
    return Article(
        doc=raw.doc, sha256=raw.sha256, title=cleaned.title, outlet=outlet, url=url,
        author=(page.author if page else None) or author_from_lines(cleaned.removed), published=published.iso, published_range=published.iso_range,
        published_basis=published.basis, language=detect_language(cleaned.body), body=cleaned.body,
        removed=tuple(r.text for r in cleaned.removed if r.reason != "title"),
    )


def clean_report(raw: RawDocument, *, removed: bool = False) -> str:
    """What `frontlines clean` prints for one document: metadata lines, a blank line, the body."""
    article = to_article(raw)
    span = " .. ".join(article.published_range) if article.published_range else "-"
    lines = [f"doc:       {article.doc}", f"title:     {article.title or '-'}",
             f"published: {article.published or '-'}  (range {span}; {article.published_basis})",
             f"outlet:    {article.outlet or '-'}", f"author:    {article.author or '-'}",
             f"url:       {article.url or '-'}",
             f"language:  {article.language}"]
    if removed:
        lines += [f"removed:   {line}" for line in article.removed]
    return "\n".join(lines + ["", article.body, ""])


def _byline_lines(cleaned: CleanText) -> tuple[RemovedLine, ...]:
    """Date and byline lines that state when the page was published: those labelled "Published"
    or "Posted" near the top, then the others under the headline; an "Updated" stamp alone, or
    an unlabelled date above the headline (often the day the page was crawled), is not one."""
    dated = ("date line", "byline")
    labelled = [r for r in cleaned.removed if r.reason in dated and PUBLISHED_LABEL.search(r.text)
                and (r.position < TOP_LINES or r in cleaned.under_headline)]
    under = [r for r in cleaned.under_headline if r.reason in dated and r not in labelled
             and not UPDATED_LABEL.search(r.text)]
    return tuple(labelled + under)


def _check_article(cleaned: CleanText, source: str) -> None:
    if len(cleaned.body) < MIN_BODY_CHARS:
        raise InputError(source, f"not an article: {len(cleaned.body)} characters of text after cleaning")
    if not any(is_sentence(p) for p in cleaned.paragraphs):
        raise InputError(source, f"not an article: no sentences in {len(cleaned.paragraphs)} lines of text")


def _html_page(html: str, url: str | None) -> _HtmlPage:
    """Body and metadata of an HTML page (trafilatura, htmldate); block texts when it finds none."""
    import trafilatura
    from htmldate import find_date

    result = trafilatura.extract(html, url=url, include_comments=False, output_format="json", with_metadata=True)
    data = json.loads(result) if result else {}
    text = data.get("text") or ""
    if "\n" not in text.strip():
        blocks = _html_blocks(html)
        if len(blocks) > 1 or not text:
            text = "\n".join(blocks)
    try:
        date = find_date(html, extensive_search=False, original_date=True)
    except ValueError:
        date = None
    metadata = trafilatura.extract_metadata(html, default_url=url) if not data else None
    title = data.get("title") or (metadata.title if metadata else None)
    outlet = data.get("source-hostname") or data.get("sitename") or (metadata.sitename if metadata else None)
    source_url = data.get("source") or url
    if not outlet and source_url:
        outlet = urlsplit(source_url).hostname
    return _HtmlPage(text, title, outlet, source_url, data.get("author"), date or data.get("date"))


def _html_blocks(html: str) -> list[str]:
    """Text of block elements, page order, without navigation, scripts or figure captions."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, etree.ParserError):
        return []
    for element in list(tree.iter(*HTML_SKIP)):
        element.drop_tree()
    blocks = []
    for element in tree.iter(*HTML_BLOCKS):
        if any(ancestor.tag in HTML_BLOCKS for ancestor in element.iterancestors()):
            continue
        text = re.sub(r"\s+", " ", element.text_content()).strip()
        if text:
            blocks.append(text)
    return blocks


@lru_cache(maxsize=1)
def _outlet_cues() -> tuple[re.Pattern, ...]:
    text = resources.files("frontlines").joinpath("data", "outlet_cues.txt").read_text(encoding="utf-8")
    return tuple(re.compile(line.strip(), re.IGNORECASE) for line in text.splitlines()
                 if line.strip() and not line.lstrip().startswith("#"))


def outlet_from_lines(lines) -> str | None:
    """The site a page dump came from, named by one of its boilerplate lines ("Support X"),
    not a generic phrase ("Support our work")."""
    for line in lines:
        for cue in _outlet_cues():
            match = cue.search(line)
            name = match.group("outlet").strip().rstrip(".,;:!") if match else ""
            if name and not GENERIC_OUTLET.match(name):
                return name
    return None


def outlet_from_dateline(body: str) -> str | None:
    """The agency or site named in a wire dateline: "KESRA, June 5 (Coast Wire) - ..."."""
    match = DATELINE_OUTLET.search(body)
    name = match.group("outlet") if match else ""
    return name if _is_name(name.split(), 1) and not any(c.isdigit() for c in name) else None


def _is_name(words: list[str], fewest: int) -> bool:
    """Capitalised words (particles aside), ``fewest`` to MASTHEAD_WORDS[1] of them."""
    return fewest <= len(words) <= MASTHEAD_WORDS[1] and all(
        w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words)


def outlet_from_masthead(cleaned: CleanText) -> str | None:
    """The site's name at the top of the page (two to five capitalised words above the text,
    "EAST COAST MONITOR") when the page names it again, in the casing of that other line."""
    lines = [r.text for r in cleaned.removed] + list(cleaned.paragraphs)
    for r in cleaned.removed:
        words = r.text.split()
        if r.position >= TOP_LINES or r.reason != "page header" or not _is_name(words, MASTHEAD_WORDS[0]):
            continue
        name = re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b", re.IGNORECASE)
        for line in lines:
            match = name.search(line) if line != r.text else None
            if match:
                return match.group() if r.text.isupper() else r.text
    return None


def author_from_lines(removed: tuple[RemovedLine, ...]) -> str | None:
    """The author named by a byline removed from the top of the page ("By Jane Doe, Agency")."""
    for line in removed:
        match = BYLINE.match(line.text) if line.reason == "byline" and line.position < TOP_LINES else None
        if match:
            return match.group("name").strip()
    return None
