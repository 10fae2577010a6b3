"""Language of an article body (ISO 639-1 code) with py3langid."""

from __future__ import annotations

from functools import lru_cache

MIN_CONFIDENCE = 0.5  # below this the language is "und" (undetermined)
SAMPLE_CHARS = 2000  # the first characters are enough to tell


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` and its probability (0 when there are no letters)."""
    sample = text[:SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return "und", 0.0
    code, probability = _identifier().classify(sample)
    return code, float(probability)


def detect_language(text: str) -> str:
    """ISO code of the text's language, or "und" when too short or mixed to tell."""
    code, probability = identify(text)
    return code if probability >= MIN_CONFIDENCE else "und"
