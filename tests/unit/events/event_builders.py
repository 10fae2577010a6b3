"""Hand-built inputs for event-coding tests: an Article, Place records found by mention, the coder."""

from __future__ import annotations

from frontlines.events import extract_events
from frontlines.events.detect import DocState, detect
from frontlines.events.lexicon import Lexicon
from frontlines.records import Article, Place

PUBLISHED = "2024-03-10"  # a Sunday: "on Monday" is 2024-03-04
PRECISION = {"populated_place": 1, "admin2": 2, "valley": 2, "admin1": 3, "country": 3}


def article(body: str, published: str | None = PUBLISHED, title: str | None = None) -> Article:
    return Article("test.txt", "0" * 64, title, None, None, None, published, None, "test", "en", body)


def place(body: str, mention: str, kind: str = "populated_place", cc: str = "NG", admin1: str | None = "Kano",
          admin2: str | None = None, nth: int = 0, lat: float = 10.0, lon: float = 8.0, dateline: bool = False) -> Place:
    """A resolved place at the ``nth`` occurrence of ``mention`` in ``body``."""
    start = -1
    for _ in range(nth + 1):
        start = body.index(mention, start + 1)
    gid = abs(hash((mention, kind, cc))) % 10_000_000
    name = mention if kind != "admin1" else admin1 or mention
    return Place(mention, start, start + len(mention), name, gid, cc, admin1, admin2, lat, lon, kind, PRECISION[kind],
                 dateline=dateline)


def places(body: str, *specs) -> tuple[Place, ...]:
    """``specs``: mention strings or (mention, keyword arguments for ``place``) pairs."""
    out = []
    for spec in specs:
        mention, kwargs = (spec, {}) if isinstance(spec, str) else spec
        out.append(place(body, mention, **kwargs))
    return tuple(out)


def code(nlp, body: str, *specs, published: str | None = PUBLISHED, title: str | None = None):
    """The events the coder finds in ``body`` with the given places."""
    return extract_events(article(body, published, title), nlp(body), places(body, *specs), Lexicon.load(), None)


def candidates(nlp, body: str, *specs, published: str | None = PUBLISHED):
    """The detector's candidates (before grouping and dating)."""
    state = DocState.build(article(body, published), nlp(body), places(body, *specs), Lexicon.load())
    return detect(state)


def subs(nlp, body: str, *specs, published: str | None = PUBLISHED) -> list[str]:
    return [c.sub_event_type for c in candidates(nlp, body, *specs, published=published)]
