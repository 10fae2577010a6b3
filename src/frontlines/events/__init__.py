"""Event coding: ACLED-typed events with actors, dates, fatalities and claims."""

from __future__ import annotations

from ..records import Article, EventMention, Place


def extract_events(article: Article, doc, places, lexicon, gazetteer) -> tuple[EventMention, ...]:
    """Events the article reports (thin first version: none)."""
    return ()
