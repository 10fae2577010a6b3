"""Invented documents with places, reports and claims for the store tests (nothing from real articles)."""

from __future__ import annotations

import hashlib

from frontlines.pipeline import Failure
from frontlines.records import Article, Claim, DocumentResult, EventMention, Fatality, FeedHints, Place, RawDocument


def make_raw(i: int, text: str | bytes | None = None) -> RawDocument:
    text = f"Report {i}: shelling near Port Aldo, Varonia." if text is None else text
    content = text if isinstance(text, bytes) else text.encode()
    return RawDocument(f"doc{i}.txt", f"/feeds/doc{i}.txt", content, "text/plain",
                       hashlib.sha256(content).hexdigest(), fetched_at="2031-05-02T08:00:00+00:00",
                       hints=FeedHints(url=f"https://example.org/{i}", outlet="Varonia Herald"))


def make_result(raw: RawDocument, *, places: int = 2, events: int = 1, skipped: str | None = None,
                claim_by: str | None = "Varonian army") -> DocumentResult:
    """A result for ``raw`` with ``places`` places and ``events`` reports of two claims each."""
    body = raw.content.decode()
    article = Article(raw.doc, raw.sha256, f"Title of {raw.doc}", "Varonia Herald", raw.hints.url, "A. Writer",
                      "2031-05-01", ("2031-04-30", "2031-05-01"), "dateline", "de" if skipped else "en", body,
                      removed=("Donate now", "Share this"))
    found = tuple(Place("Port Aldo", 23, 32, f"Port Aldo {n}", 9000 + n, "VA", "Coast", None, 41.5 + n, 19.25,
                        "populated_place", 1, score=0.75) for n in range(places))
    reports = tuple(EventMention(
        f"e{n}", "2031-05-01", "day", "Explosions/Remote violence", "Shelling/artillery/missile attack",
        "Military Forces of Varonia", "Coastal Militia", "Varonia", 999, "Coast", None, "Port Aldo",
        41.5, 19.25, 1, 3,
        claims=(Claim(claim_by, "claims", "we struck the depot", 5, 24),
                Claim("Coastal Militia", "denies", "no depot was hit", 30, 46)),
        evidence=(body,), evidence_spans=((0, len(body)),), notes="Shelling near Port Aldo.",
        figures=(Fatality(3, "killed", "Varonian army", "three fighters"),),
        date_range=("2031-04-30", "2031-05-01"), geonameid=9000) for n in range(events))
    return DocumentResult(article, found, reports, skipped=skipped)


def make_document(i: int, **options) -> tuple[RawDocument, DocumentResult]:
    raw = make_raw(i)
    return raw, make_result(raw, **options)


def make_failure(raw: RawDocument) -> Failure:
    return Failure(raw.origin, "undecodable: invalid start byte")
