"""Do two reports describe the same real-world event? A scored decision with reasons.

A ``Report`` is the compact comparison key of one ``EventMention`` as one document reports
it: small enough to keep a million in memory, rich enough to decide a merge. ``similarity``
first applies ACLED's hard separations (other document, type, day, place, actors) and then
scores what is left on type, place, date, actors and the reports' own words.
"""

from __future__ import annotations

import math
import re
import sys
import zlib
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from unidecode import unidecode

from ..records import EventMention

THRESHOLD = 0.65
SKETCH_SIZE = 8
MAX_WINDOW_DAYS = 30  # a report's date window never spans more (ACLED records nothing vaguer than a month)
SAME_PLACE_KM = 3.0  # two gazetteer entries this close are one place
WITHIN_KM = {2: 40.0, 3: 250.0}  # how far a finer place may lie from a coarser unit's point
WEIGHTS = {"type": 0.25, "place": 0.30, "date": 0.15, "actors": 0.20, "text": 0.10}
PRECISION_RANK = {"day": 0, "week": 1, "month": 2}
TERRITORIAL = frozenset({
    "Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory",
})
_STOPWORDS = frozenset(
    "the and for that with from this have has had were was are been their they them into over after said "
    "says also about than which when while where who will would could should there other more most some "
    "such only its his her our not but all any can may per out off one two three".split()
)
_WORD = re.compile(r"[^\W\d_]{3,}")
_PAREN = re.compile(r"\([^)]*\)")
_NONWORD = re.compile(r"[\W_]+")
_GENERIC_ACTOR = re.compile(r"\b(?:unidentified|unknown)\b")


@dataclass(frozen=True, slots=True)
class Report:
    """Compact key of one reported event: what fusion compares and what the store keeps."""

    key: str  # stable id of the report: the fused event id derives from its cluster's first key
    doc: str  # the document: two reports of one document are never merged
    source: str  # outlet id (fusion.sources) for corroboration counts
    event_type: str
    sub_event_type: str
    precision: str  # day | week | month
    lo: int  # date window, proleptic ordinals (lo == hi at day precision)
    hi: int
    country: str | None
    admin1: str | None
    admin2: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    geo_precision: int
    location: str | None
    actors: tuple[str, ...]  # normalised, sorted
    winner: str | None  # normalised actor1 (who gains in a territorial event)
    sketch: bytes  # bottom-k hashes of the evidence and notes words

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__ if name != "sketch"} | {
            "sketch": self.sketch.hex()}

    @classmethod
    def from_dict(cls, data: dict) -> "Report":
        data = dict(data, actors=tuple(data["actors"]), sketch=bytes.fromhex(data["sketch"]))
        return cls(**data)


@dataclass(frozen=True, slots=True)
class Similarity:
    """A merge decision: ``score`` in [0, 1] (0 when vetoed) and why."""

    score: float
    reasons: tuple[str, ...]
    vetoed: bool = False

    @property
    def merge(self) -> bool:
        return not self.vetoed and self.score >= THRESHOLD


def date_window(event_date: str, precision: str, date_range: tuple[str, str] | None = None) -> tuple[int, int]:
    """Ordinal window an event date covers: the day, its week (or given range), its month (at most 31 days)."""
    day = date.fromisoformat(event_date)
    if precision == "day":
        return day.toordinal(), day.toordinal()
    if date_range:
        lo, hi = date.fromisoformat(date_range[0]).toordinal(), date.fromisoformat(date_range[1]).toordinal()
        return lo, min(max(lo, hi), lo + MAX_WINDOW_DAYS)
    if precision == "week":
        return day.toordinal() - 3, day.toordinal() + 3
    last = monthrange(day.year, day.month)[1]
    return date(day.year, day.month, 1).toordinal(), date(day.year, day.month, last).toordinal()


@lru_cache(maxsize=1 << 16)
def normalise(name: str | None) -> str | None:
    """Comparable form of an actor or unit name: accents, case, bracketed qualifiers and punctuation dropped."""
    if not name:
        return None
    text = _NONWORD.sub(" ", unidecode(_PAREN.sub(" ", name)).casefold()).strip()
    return sys.intern(text.removeprefix("the ")) if text else None


def sketch(texts) -> bytes:
    """Bottom-k sketch of the content words of ``texts``: estimates word-set overlap in 32 bytes."""
    hashes = {zlib.crc32(w.encode()) for t in texts for w in _WORD.findall(t.casefold()) if w not in _STOPWORDS}
    return b"".join(h.to_bytes(4, "big") for h in sorted(hashes)[:SKETCH_SIZE])


def word_overlap(a: bytes, b: bytes, size: int = SKETCH_SIZE) -> float:
    """Jaccard estimate of two bottom-``size`` sketches (0 when either is empty)."""
    if not a or not b:
        return 0.0
    sa = {a[i:i + 4] for i in range(0, len(a), 4)}
    sb = {b[i:i + 4] for i in range(0, len(b), 4)}
    union = sorted(sa | sb)[:size]
    return sum(1 for h in union if h in sa and h in sb) / len(union)


def report_of(mention: EventMention, doc: str, source: str = "", key: str | None = None) -> Report | None:
    """The comparison key of ``mention``; None when it cannot be fused (no date or no country)."""
    if not mention.event_date or not (mention.country or mention.iso):
        return None
    lo, hi = date_window(mention.event_date, mention.time_precision, mention.date_range)
    actors = {normalise(a) for a in (mention.actor1, mention.actor2)} - {None}
    intern = sys.intern
    return Report(
        key=key or f"{doc}#{mention.id}", doc=doc, source=source,
        event_type=intern(mention.event_type), sub_event_type=intern(mention.sub_event_type),
        precision=mention.time_precision, lo=lo, hi=hi,
        country=intern(mention.country) if mention.country else str(mention.iso),
        admin1=normalise(mention.admin1), admin2=normalise(mention.admin2),
        geonameid=mention.geonameid, lat=mention.latitude, lon=mention.longitude,
        geo_precision=mention.geo_precision, location=normalise(mention.location),
        actors=tuple(sorted(actors)), winner=normalise(mention.actor1),
        sketch=sketch((*mention.evidence, mention.notes)),
    )


def distance_km(a: Report, b: Report) -> float | None:
    """Great-circle distance between the two reports' points, None when one has no point."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def place_relation(a: Report, b: Report) -> tuple[str, str]:
    """``same``, ``within`` (one place inside the other's coarser unit) or ``other``, with why.

    Decided by resolved gazetteer ids, coordinates and admin units, never by spelling (names
    only count when neither report was resolved to a point).
    """
    if a.country != b.country or a.admin1 != b.admin1:
        return "other", "other country or admin1"
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return "same", f"same geonameid {a.geonameid}"
    km = distance_km(a, b)
    if km is not None and km <= SAME_PLACE_KM and a.geo_precision == b.geo_precision:
        return "same", f"{km:.1f} km apart"
    if a.admin2 and b.admin2 and a.admin2 != b.admin2:
        return "other", f"other admin2 ({a.admin2} / {b.admin2})"
    fine, coarse = sorted((a, b), key=lambda r: r.geo_precision)
    if coarse.geo_precision == 1:
        if km is None and a.geonameid is None and b.geonameid is None and a.location and a.location == b.location:
            return "same", "same unresolved location name"
        return "other", "other town" + (f" ({km:.0f} km apart)" if km is not None else "")
    if fine.geo_precision == coarse.geo_precision:
        if coarse.geo_precision == 3 or (a.admin2 and a.admin2 == b.admin2):
            return "same", "same admin unit"
        return "other", "other part of the region"
    if coarse.geo_precision == 2 and not (fine.admin2 and fine.admin2 == coarse.admin2):
        if km is None or km > WITHIN_KM[2]:
            return "other", "not inside the coarser place"
    elif km is not None and km > WITHIN_KM[coarse.geo_precision]:
        return "other", f"{km:.0f} km from the coarser place"
    return "within", f"precision {fine.geo_precision} inside precision {coarse.geo_precision}"


def _actor_overlap(a: Report, b: Report) -> tuple[float | None, bool]:
    """Overlap of the named actors (None when either names none specific) and whether they conflict.

    They conflict when no actor is shared, or when both name a full pair and the pairs differ
    (ACLED: one event per pair of actors).
    """
    sa = {x for x in a.actors if not _GENERIC_ACTOR.search(x)}
    sb = {x for x in b.actors if not _GENERIC_ACTOR.search(x)}
    if not sa or not sb:
        return None, False
    shared = len(sa & sb)
    return shared / len(sa | sb), shared == 0 or (len(sa) == len(sb) == 2 and sa != sb)


def _types(a: Report, b: Report) -> tuple[float | None, str]:
    """Type agreement: 1 same sub-event, 0.5 compatible sub-events, None never the same event."""
    if a.event_type != b.event_type:
        return None, "other event type"
    if a.sub_event_type == b.sub_event_type:
        return 1.0, "same sub-event type"
    if a.sub_event_type in TERRITORIAL and b.sub_event_type in TERRITORIAL:
        return None, "opposite territorial changes"
    if a.event_type == "Strategic developments":
        return None, "other strategic development"
    return 0.5, "related sub-event types"


def similarity(a: Report, b: Report) -> Similarity:
    """Score how likely ``a`` and ``b`` report one real-world event, with the reasons."""
    if a.doc == b.doc:
        return Similarity(0.0, ("same document",), True)
    type_score, type_reason = _types(a, b)
    if type_score is None:
        return Similarity(0.0, (type_reason,), True)
    if a.hi < b.lo or b.hi < a.lo:
        return Similarity(0.0, ("dates do not overlap",), True)
    place, place_reason = place_relation(a, b)
    if place == "other":
        return Similarity(0.0, (place_reason,), True)
    actors, conflict = _actor_overlap(a, b)
    if conflict:
        return Similarity(0.0, ("other actors",), True)
    both_days = a.precision == b.precision == "day"
    if not both_days and not (type_score == 1.0 and place == "same" and actors is not None and
                              (actors == 1.0 or a.winner == b.winner)):
        return Similarity(0.0, ("an imprecise date needs place, type and actors to agree",), True)
    if a.sub_event_type in TERRITORIAL and a.sub_event_type == b.sub_event_type and actors is not None \
            and a.winner != b.winner:
        return Similarity(0.0, ("another actor gains the territory",), True)
    text = word_overlap(a.sketch, b.sketch)
    parts = {
        "type": type_score,
        "place": 1.0 if place == "same" else 0.6,
        "date": 1.0 if both_days else 0.6,
        "actors": 0.5 if actors is None else actors,
        "text": text,
    }
    score = sum(WEIGHTS[k] * v for k, v in parts.items())
    reasons = (type_reason, place_reason, "same day" if both_days else "date windows overlap",
               "actors unknown" if actors is None else f"actor overlap {actors:.2f}", f"word overlap {text:.2f}")
    return Similarity(round(score, 4), reasons)
