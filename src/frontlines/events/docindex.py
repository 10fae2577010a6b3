"""Per-document lookups computed once and kept in ``Doc.user_data``.

spaCy rebuilds ``Doc.text`` by joining every token and finds a token's sentence or entity by
walking the document; the event coders ask for those thousands of times per article. ``index``
computes the text, the sentence offsets, each token's entity and lower-cased form once per
``Doc``. The index holds plain data only (no Span), so it never keeps a Doc alive.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

KEY = "frontlines.index"


@dataclass(frozen=True)
class Entity:
    start: int  # token indexes
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class DocIndex:
    """The text, sentence offsets, per-token entity and lower form of one Doc."""

    text: str
    starts: tuple[int, ...]  # char offset of each sentence
    token_starts: tuple[int, ...]  # first token of each sentence
    token_ends: tuple[int, ...]  # token after the last of each sentence
    lower: tuple[str, ...]
    ents: tuple[Entity | None, ...]  # the entity each token belongs to

    def sentence_at(self, char: int) -> int:
        """Index of the sentence holding char offset ``char`` (-1 before the first)."""
        return bisect.bisect_right(self.starts, char) - 1

    def sentence_of(self, token_i: int) -> int:
        """Index of the sentence holding token ``token_i``."""
        return bisect.bisect_right(self.token_starts, token_i) - 1

    def entity(self, token_i: int) -> Entity | None:
        """The entity holding token ``token_i`` when it lies inside the token's sentence."""
        ent = self.ents[token_i]
        if ent is None:
            return None
        k = self.sentence_of(token_i)
        return ent if self.token_starts[k] <= ent.start and ent.end <= self.token_ends[k] else None

    def sentence(self, doc, k: int):
        """Sentence ``k`` of ``doc`` as a Span."""
        return doc[self.token_starts[k] : self.token_ends[k]]

    def sentences(self, doc) -> list:
        return [doc[a:b] for a, b in zip(self.token_starts, self.token_ends)]

    def span_text(self, doc, first: int, last: int) -> str:
        """Exact body text of tokens ``first``..``last`` (inclusive)."""
        end = doc[last]
        return self.text[doc[first].idx : end.idx + len(end)]


def index(doc) -> DocIndex:
    """The document's index, built on first use."""
    found = doc.user_data.get(KEY)
    if found is not None and len(found.lower) == len(doc):
        return found
    sents = list(doc.sents)
    ents: list[Entity | None] = [None] * len(doc)
    for ent in doc.ents:
        entity = Entity(ent.start, ent.end, ent.label_, ent.text)
        for i in range(ent.start, ent.end):
            ents[i] = entity
    found = DocIndex(
        text=doc.text,
        starts=tuple(s.start_char for s in sents),
        token_starts=tuple(s.start for s in sents),
        token_ends=tuple(s.end for s in sents),
        lower=tuple(t.lower_ for t in doc),
        ents=tuple(ents),
    )
    doc.user_data[KEY] = found
    return found
