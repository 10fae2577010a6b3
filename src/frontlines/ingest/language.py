"""Language of an article body (ISO 639-1 code) with py3langid."""

from __future__ import annotations

from functools import lru_cache

MIN_CONFIDENCE = 0.5  # below this the language is "und" (undetermined)
SAMPLE_CHARS = 5000  # the first characters are enough to tell


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO code of the text's language, or "und" when too short or mixed to tell."""
    sample = text[:SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return "und"
    code, confidence = _identifier().classify(sample)
    return code if confidence >= MIN_CONFIDENCE else "und"
