"""Editable coding data (actors, triggers) loaded from the package's data files."""

from __future__ import annotations


class Lexicon:
    """Actor dictionary and event triggers (thin first version: empty)."""

    @classmethod
    def load(cls) -> "Lexicon":
        return cls()
