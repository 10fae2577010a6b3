"""Geoparsing: find toponyms in an article and resolve them to GeoNames."""

from __future__ import annotations

from ..records import Article, Place


def geoparse(article: Article, doc, gazetteer) -> tuple[Place, ...]:
    """Places mentioned in ``article`` (thin first version: none)."""
    return ()
