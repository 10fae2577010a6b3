"""Geoparsing: find toponyms in an article and resolve them to GeoNames.

``geoparse`` runs two passes of ``mentions.find``: the first (exact names only) yields the
document's country focus, the second opens transliteration-aware matching inside it; then
``resolve.resolve`` keeps the mentions that name places and picks one entry per name.
"""

from __future__ import annotations

from ..records import Article, Place
from . import mentions, resolve


def geoparse(article: Article, doc, gazetteer) -> tuple[Place, ...]:
    """Places mentioned in ``article.body`` (``doc``: the spaCy Doc of the body, or None)."""
    return geoparse_text(article.body, doc, gazetteer)


def geoparse_text(text: str, doc, gazetteer) -> tuple[Place, ...]:
    """``geoparse`` over a bare text (offsets index ``text``)."""
    page = mentions.Page(text, doc, gazetteer)
    focus = resolve.top_countries(resolve.focus(mentions.find(page, gazetteer, fuzzy=False)))
    found = mentions.find(page, gazetteer, focus)
    return resolve.resolve(found, gazetteer, resolve.focus(found), text)
