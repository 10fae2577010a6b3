"""Pydantic response and request models of the HTTP API (the API's edge; the library uses dataclasses)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

Stance = Literal["claims", "denies", "confirms", "reports_unverified"]


class EventSummary(BaseModel):
    """One fused event as a map marker or a list row shows it."""

    id: str
    event_date: str | None
    time_precision: str
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    fatalities: int
    source_count: int = Field(description="independent sources reporting the event (syndicated copies count once)")


class EventPage(BaseModel):
    total: int = Field(description="events matching the filters, over all pages, counted up to 10,000 (or to "
                                   "the end of this page)")
    total_exact: bool = Field(description="false when more events match than total says")
    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page, null on the last one")
    items: list[EventSummary]


class ReportOut(BaseModel):
    """The event as one document reported it."""

    id: int
    document_id: int
    event_date: str | None
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str | None
    location: str | None
    fatalities: int
    notes: str


class ClaimOut(BaseModel):
    by: str
    stance: Stance | str
    quote: str
    start: int
    end: int
    report_id: int
    document_id: int
    outlet: str | None
    published: str | None


class FigureOut(BaseModel):
    """One fatality figure as one source gave it (``counts`` is False when ACLED would not take it)."""

    count: int
    kind: str
    reported_by: str | None
    phrase: str
    counts: bool
    document_id: int
    outlet: str | None
    published: str | None


class SourceOut(BaseModel):
    document_id: int
    doc: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None


class EvidenceOut(BaseModel):
    sentence: str
    start: int | None
    end: int | None
    document_id: int
    outlet: str | None
    published: str | None


class EventDetail(EventSummary):
    notes: str
    assoc_actor_1: str | None
    assoc_actor_2: str | None
    fatalities_range: tuple[int, int] | None = Field(description="lowest and highest figure any source gave")
    reports: list[ReportOut]
    claims: list[ClaimOut]
    fatalities_by_source: list[FigureOut]
    sources: list[SourceOut]
    evidence: list[EvidenceOut]


class TimelineBin(BaseModel):
    start: str = Field(description="first day of the bin (a Monday for weeks)")
    count: int


class Timeline(BaseModel):
    bin: Literal["day", "week"]
    bins: list[TimelineBin]


class ControlUnit(BaseModel):
    """One admin unit's state on the requested date (fusion's control timeline)."""

    unit: str = Field(description="admin2 name, else admin1")
    level: str
    country: str | None
    admin1: str
    admin2: str | None
    status: Literal["held", "contested", "unknown"]
    holder: str | None
    claimed_by: list[str]
    denied_by: list[str]
    since: str | None = Field(description="first day of this state")
    until: str | None = Field(description="day the next state starts (exclusive), null while it lasts")
    latitude: float | None = Field(description="the unit's seat: its first located event")
    longitude: float | None
    events: list[str] = Field(description="fused events this state rests on")
    sources: list[str] = Field(description="outlets this state rests on")


class ControlMap(BaseModel):
    at: str
    units: list[ControlUnit]


class DocumentEvent(BaseModel):
    report_id: int
    event_id: str | None
    event_type: str
    event_date: str | None
    location: str | None


class DocumentOut(BaseModel):
    id: int
    doc: str
    origin: str
    status: str
    reason: str | None
    title: str | None
    outlet: str | None
    url: str | None
    author: str | None
    published: str | None
    language: str | None
    body: str | None
    events: list[DocumentEvent]


class ActorCount(BaseModel):
    actor: str
    events: int


class Stats(BaseModel):
    documents: int
    articles: int
    reports: int
    claims: int
    events: int
    first_date: str | None
    last_date: str | None
    event_types: dict[str, int]
    top_actors: list[ActorCount]


class ArticleIn(BaseModel):
    """One article to ingest: text, html or a URL to fetch (feed-style fields, as in JSON Lines input)."""

    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    fetched: str | None = None

    @model_validator(mode="after")
    def _has_content(self) -> "ArticleIn":
        if not (self.text or self.html or self.url):
            raise ValueError("each article needs one of text, html or url")
        if self.url and not self.url.lower().startswith(("http://", "https://")):
            raise ValueError("url must be an http(s) URL")
        return self


class IngestIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1)


class IngestItem(BaseModel):
    doc: str
    status: Literal["ok", "failed", "skipped", "duplicate"]
    document_id: int | None
    events: int
    reason: str | None = None


class IngestOut(BaseModel):
    items: list[IngestItem]
