"""Who holds which admin unit, when: control timelines from territorial events.

Each unit (admin2 where the event names one, else its admin1) gets a sequence of states:
held by an actor, contested (a capture claimed by one party and denied by another, or two
parties taking it on one day) or unknown (before any territorial event). Every state lists the
fused events and the sources it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Literal

from .merge import FusedEvent
from .similarity import TERRITORIAL, normalise

Status = Literal["held", "contested", "unknown"]


@dataclass(frozen=True)
class Unit:
    """An admin unit: admin2 is None for a province-level unit."""

    country: str | None
    admin1: str
    admin2: str | None = None

    @property
    def name(self) -> str:
        return self.admin2 or self.admin1

    @property
    def level(self) -> str:
        return "admin2" if self.admin2 else "admin1"


@dataclass(frozen=True)
class ControlState:
    """One span of a unit's timeline: ``start`` inclusive, ``end`` exclusive (None: still so)."""

    unit: Unit
    start: str | None
    end: str | None
    status: Status
    holder: str | None
    claimed_by: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    point: tuple[float, float] | None = None  # (lat, lon) of the unit's first located event

    def to_dict(self) -> dict:
        return {
            "country": self.unit.country, "admin1": self.unit.admin1, "admin2": self.unit.admin2,
            "unit": self.unit.name, "level": self.unit.level, "start": self.start, "end": self.end,
            "status": self.status, "holder": self.holder, "claimed_by": list(self.claimed_by),
            "denied_by": list(self.denied_by), "events": list(self.events), "sources": list(self.sources),
            "latitude": self.point[0] if self.point else None, "longitude": self.point[1] if self.point else None,
        }


def unit_of(event: FusedEvent) -> Unit | None:
    """The admin unit a territorial event changes (None when it names no admin1)."""
    if not event.admin1:
        return None
    return Unit(event.country, event.admin1, event.admin2)


def _unit_key(unit: Unit) -> tuple:
    return unit.country, normalise(unit.admin1), normalise(unit.admin2)


def _state(unit: Unit, day: str, events: list[FusedEvent], point) -> ControlState:
    """The state a day's territorial events leave the unit in."""
    holders = list(dict.fromkeys(e.actor1 for e in events))
    denied = tuple(dict.fromkeys(d for e in events for d in e.denied_by))
    contested = bool(denied) or len({normalise(h) for h in holders}) > 1
    claimed = tuple(dict.fromkeys([*holders, *(c for e in events for c in e.claimed_by)])) if contested else ()
    return ControlState(
        unit=unit, start=day, end=None, status="contested" if contested else "held",
        holder=None if contested else holders[0], claimed_by=claimed, denied_by=denied,
        events=tuple(e.id for e in events),
        sources=tuple(dict.fromkeys(s for e in events for s in e.sources)), point=point,
    )


def control_timeline(events: Iterable[FusedEvent]) -> dict[Unit, tuple[ControlState, ...]]:
    """Per unit, its states in date order; a day's events that leave it as it was extend the state."""
    by_unit: dict[tuple, tuple[Unit, dict[str, list[FusedEvent]]]] = {}
    for event in events:
        unit = unit_of(event)
        if event.sub_event_type not in TERRITORIAL or unit is None or not event.event_date:
            continue
        _, days = by_unit.setdefault(_unit_key(unit), (unit, {}))
        days.setdefault(event.event_date, []).append(event)
    timelines: dict[Unit, tuple[ControlState, ...]] = {}
    for unit, days in by_unit.values():
        point = next(((e.latitude, e.longitude) for d in sorted(days) for e in days[d]
                      if e.latitude is not None and e.longitude is not None), None)
        states: list[ControlState] = []
        for day in sorted(days):
            state = _state(unit, day, sorted(days[day], key=lambda e: e.id), point)
            last = states[-1] if states else None
            if last and (last.status, last.holder, last.claimed_by, last.denied_by) == \
                    (state.status, state.holder, state.claimed_by, state.denied_by):
                states[-1] = replace(last, events=last.events + state.events,
                                     sources=tuple(dict.fromkeys(last.sources + state.sources)))
                continue
            if last:
                states[-1] = replace(last, end=day)
            states.append(state)
        timelines[unit] = tuple(states)
    return timelines


def state_at(states: tuple[ControlState, ...], day: str) -> ControlState:
    """The unit's state on ``day`` (ISO date): ``unknown`` before its first territorial event."""
    current = None
    for state in states:
        if state.start is not None and state.start <= day:
            current = state
    if current is None:
        first = states[0]
        return ControlState(first.unit, None, first.start, "unknown", None, point=first.point)
    return current


def control_at(timelines: dict[Unit, tuple[ControlState, ...]], day: str) -> list[ControlState]:
    """Every unit's state on ``day``, sorted by country, admin1 and unit name."""
    states = [state_at(s, day) for s in timelines.values() if s]
    return sorted(states, key=lambda s: (s.unit.country or "", s.unit.admin1, s.unit.admin2 or ""))
