"""Fused fields of one event from all its reports, reconciled the way ACLED codes them.

The most precise date and place win; the sub-event type is the highest of ACLED's list; the
fatality figure is the lowest credible one, with every source's figure kept beside it; claims
are the union over sources; corroboration counts independent outlets and a denial makes the
event contested.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Sequence

from ..records import EventMention
from .similarity import PRECISION_RANK, normalise
from .sources import DocumentSource, independent_groups

# ACLED's sub-event types, highest first within each event type (several interactions of the
# same actors at one place and day are one event, coded as the highest).
SUB_EVENT_ORDER = (
    "Government regains territory", "Non-state actor overtakes territory", "Armed clash",
    "Excessive force against protesters", "Protest with intervention", "Peaceful protest",
    "Violent demonstration", "Mob violence",
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade",
    "Sexual violence", "Attack", "Abduction/forced disappearance",
    "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other",
)
_RANK = {name: i for i, name in enumerate(SUB_EVENT_ORDER)}


@dataclass(frozen=True)
class SourcedReport:
    """One report with the document it came from and the source that document counts as."""

    key: str
    doc: str
    mention: EventMention
    source: DocumentSource


@dataclass(frozen=True)
class SourcedClaim:
    """A claim about the event, with the outlet and report that carried it."""

    source: str
    by: str
    stance: str
    quote: str
    report: str


@dataclass(frozen=True)
class FusedEvent:
    """One real-world event, fused from every report of it."""

    id: str
    event_date: str
    time_precision: str
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str | None
    assoc_actor_1: str | None
    assoc_actor_2: str | None
    inter1: str | None
    inter2: str | None
    country: str | None
    iso: int | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    geonameid: int | None
    fatalities: int
    fatalities_range: tuple[int, int] | None  # lowest and highest figure any source gave
    fatalities_by_source: tuple[tuple[str, int], ...]
    claims: tuple[SourcedClaim, ...]
    sources: tuple[str, ...]  # outlet names, first report first
    source_ids: tuple[str, ...]
    source_count: int  # independent outlets (syndicated copies count once)
    contested: bool
    claimed_by: tuple[str, ...]
    denied_by: tuple[str, ...]
    reports: tuple[str, ...]
    documents: tuple[str, ...]  # names of the reporting documents
    evidence: tuple[tuple[str, str], ...]  # (report key, sentence)
    notes: str

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "FusedEvent":
        data = dict(data)
        data["claims"] = tuple(SourcedClaim(**c) for c in data.get("claims") or ())
        for name in ("fatalities_by_source", "evidence"):
            data[name] = tuple(tuple(x) for x in data.get(name) or ())
        for name in ("sources", "source_ids", "claimed_by", "denied_by", "reports", "documents"):
            data[name] = tuple(data.get(name) or ())
        if data.get("fatalities_range"):
            data["fatalities_range"] = tuple(data["fatalities_range"])
        return cls(**data)


def _has_figure(m: EventMention) -> bool:
    return m.fatalities > 0 or any(f.kind == "killed" and f.counts for f in m.figures)


def _join(values) -> str | None:
    seen = list(dict.fromkeys(v.strip() for value in values if value for v in value.split(";") if v.strip()))
    return "; ".join(seen) or None


def _unique(values) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def fuse(event_id: str, reports: Sequence[SourcedReport]) -> FusedEvent:
    """The fused event ``event_id`` from its ``reports`` (first report first)."""
    if not reports:
        raise ValueError("a fused event needs at least one report")
    mentions = [r.mention for r in reports]
    when = min(mentions, key=lambda m: (PRECISION_RANK.get(m.time_precision, 3), m.event_date or "9"))
    where = min(mentions, key=lambda m: (m.geo_precision, m.geonameid is None, m.latitude is None))
    sub_event = min((m.sub_event_type for m in mentions), key=lambda s: _RANK.get(s, len(_RANK)))
    typed = [m for m in mentions if m.sub_event_type == sub_event]
    pairs = Counter((normalise(m.actor1), normalise(m.actor2)) for m in typed)
    top = pairs.most_common(1)[0][0]
    who = next(m for m in typed if (normalise(m.actor1), normalise(m.actor2)) == top)
    figures = [(r.source.name, r.mention.fatalities) for r in reports if _has_figure(r.mention)]
    values = [n for _, n in figures]
    claims = tuple(dict.fromkeys(
        SourcedClaim(r.source.name, c.by, c.stance, c.quote, r.key) for r in reports for c in r.mention.claims))
    return FusedEvent(
        id=event_id, event_date=when.event_date or "", time_precision=when.time_precision,
        event_type=who.event_type, sub_event_type=sub_event, actor1=who.actor1, actor2=who.actor2,
        assoc_actor_1=_join(m.assoc_actor_1 for m in mentions), assoc_actor_2=_join(m.assoc_actor_2 for m in mentions),
        inter1=who.inter1, inter2=who.inter2,
        country=where.country, iso=where.iso or next((m.iso for m in mentions if m.iso), None),
        admin1=where.admin1, admin2=where.admin2 or next((m.admin2 for m in mentions if m.admin2), None),
        location=where.location, latitude=where.latitude, longitude=where.longitude,
        geo_precision=where.geo_precision, geonameid=where.geonameid,
        fatalities=min(values) if values else 0,
        fatalities_range=(min(values), max(values)) if values else None,
        fatalities_by_source=tuple(figures),
        claims=claims,
        sources=_unique(r.source.name for r in reports),
        source_ids=_unique(r.source.id for r in reports),
        source_count=len(independent_groups([r.source for r in reports])),
        contested=any(c.stance == "denies" for c in claims),
        claimed_by=_unique(c.by for c in claims if c.stance == "claims"),
        denied_by=_unique(c.by for c in claims if c.stance == "denies"),
        reports=tuple(r.key for r in reports),
        documents=_unique(r.doc for r in reports),
        evidence=tuple((r.key, s) for r in reports for s in r.mention.evidence),
        notes=next((m.notes for m in (where, when, *mentions) if m.notes), ""),
    )
