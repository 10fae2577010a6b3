"""The offline gazetteer compiled from packaged GeoNames data."""

from __future__ import annotations


class Gazetteer:
    """Name index over GeoNames places (thin first version: empty)."""

    @classmethod
    def load(cls) -> "Gazetteer":
        return cls()
