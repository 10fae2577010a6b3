"""Typed records passed between pipeline stages (one per stage boundary).

Data flows one way: RawDocument -> Article -> Place[] -> EventMention[] -> DocumentResult.
Every record is a frozen dataclass with ``to_dict()``; offsets are character offsets into
``Article.body``. Dates are ISO strings (``YYYY-MM-DD``) so records serialise without help.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

Stance = Literal["claims", "denies", "confirms", "reports_unverified"]
TimePrecision = Literal["day", "week", "month"]


class _Record:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        """Build the record from ``to_dict()`` output, ignoring unknown keys."""
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: _freeze(v) for k, v in data.items() if k in names})


def _freeze(value: Any) -> Any:
    return tuple(_freeze(v) for v in value) if isinstance(value, list) else value


@dataclass(frozen=True)
class FeedHints(_Record):
    """Metadata a feed or crawler delivered beside the page (all optional)."""

    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    fetched: str | None = None


@dataclass(frozen=True)
class RawDocument(_Record):
    """Bytes as read, before any interpretation. ``doc`` is the contract's document name."""

    doc: str
    origin: str  # path, URL or FILE:LINE
    content: bytes
    media_type: str  # "text/plain" | "text/html"
    sha256: str
    fetched_at: str | None = None
    hints: FeedHints = field(default_factory=FeedHints)
    encoding: str | None = None  # text encoding the reader detected (None: detect when decoding)


@dataclass(frozen=True)
class Failure(_Record):
    """A document that could not be read or turned into an article, and why (one line)."""

    source: str
    reason: str
    raw: RawDocument | None = None  # the bytes, when some were read, so the store can keep them


@dataclass(frozen=True)
class Article(_Record):
    """A cleaned article: body without boilerplate plus its metadata."""

    doc: str
    sha256: str
    title: str | None
    outlet: str | None
    url: str | None
    author: str | None
    published: str | None
    published_range: tuple[str, str] | None
    published_basis: str
    language: str
    body: str
    removed: tuple[str, ...] = ()  # lines dropped as boilerplate, in page order


@dataclass(frozen=True)
class Place(_Record):
    """A toponym mention resolved to the gazetteer (geonameid None when unresolved)."""

    mention: str
    start: int
    end: int
    name: str
    geonameid: int | None
    country_code: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    kind: str  # country | admin1 | admin2 | populated_place | valley | other
    geo_precision: int  # ACLED 1/2/3
    score: float = 1.0
    dateline: bool = False  # the reporting location ("KYIV, March 3 (Reuters) -"), not where events happened


@dataclass(frozen=True)
class Claim(_Record):
    """Who said what about an event, with the exact quote and its offsets in the body."""

    by: str
    stance: Stance
    quote: str
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Fatality(_Record):
    """One reported figure: kind is killed | wounded | captured | casualties; counts is False when ACLED would not."""

    count: int
    kind: str
    reported_by: str | None
    phrase: str
    counts: bool = True


@dataclass(frozen=True)
class EventMention(_Record):
    """One ACLED-coded event as one document reports it (a 'report' once fused)."""

    id: str
    event_date: str | None
    time_precision: TimePrecision
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str | None
    country: str | None
    iso: int | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    fatalities: int
    claims: tuple[Claim, ...] = ()
    evidence: tuple[str, ...] = ()
    evidence_spans: tuple[tuple[int, int], ...] = ()
    notes: str = ""
    cluster: str | None = None
    inter1: str | None = None
    inter2: str | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    geonameid: int | None = None
    figures: tuple[Fatality, ...] = ()
    date_range: tuple[str, str] | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "EventMention":
        data = dict(data)
        data["claims"] = tuple(Claim.from_dict(c) for c in data.get("claims") or ())
        data["figures"] = tuple(Fatality.from_dict(f) for f in data.get("figures") or ())
        data["evidence_spans"] = tuple(tuple(s) for s in data.get("evidence_spans") or ())
        return super().from_dict(data)


@dataclass(frozen=True)
class DocumentResult(_Record):
    """Everything the pipeline derived from one document: the extract record's content."""

    article: Article
    places: tuple[Place, ...] = ()
    events: tuple[EventMention, ...] = ()
    skipped: str | None = None  # why coding stages did not run (e.g. "language: de")

    def to_contract(self) -> dict[str, Any]:
        """The record `frontlines extract` prints (shared CONTRACT.md)."""
        a = self.article
        return {
            "doc": a.doc,
            "title": a.title,
            "outlet": a.outlet,
            "url": a.url,
            "published": a.published,
            "published_range": list(a.published_range) if a.published_range else None,
            "language": a.language,
            "body": a.body,
            "places": [p.to_dict() for p in self.places],
            "events": [e.to_dict() for e in self.events],
            "skipped": self.skipped,
        }
