"""Per-document lookups computed once and kept in ``Doc.user_data``.

spaCy rebuilds ``Doc.text`` by joining every token and finds a token's sentence or entity by
walking the document; the event coders ask for those thousands of times per article. ``index``
computes the text, the sentence offsets, each token's entity and its string attributes (lower
form, lemma, part of speech, tag, dependency) once per ``Doc``, so rules can scan a sentence
without making a Token per word. The index holds plain data only (no Span), so it never keeps
a Doc alive.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.attrs import DEP, LEMMA, LOWER, POS, TAG

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
    lemma: tuple[str, ...]  # lower-cased
    pos: tuple[str, ...]
    tag: tuple[str, ...]
    dep: tuple[str, ...]
    ents: tuple[Entity | None, ...]  # the entity each token belongs to
    sentence_ents: tuple[tuple[Entity, ...], ...]  # the entities wholly inside each sentence

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
    token_starts = [s.start for s in sents]
    ents: list[Entity | None] = [None] * len(doc)
    inside: list[list[Entity]] = [[] for _ in sents]
    for ent in doc.ents:
        entity = Entity(ent.start, ent.end, ent.label_, ent.text)
        for i in range(ent.start, ent.end):
            ents[i] = entity
        k = bisect.bisect_right(token_starts, ent.start) - 1
        if k >= 0 and ent.end <= sents[k].end:
            inside[k].append(entity)
    strings = doc.vocab.strings
    columns = doc.to_array([LOWER, LEMMA, POS, TAG, DEP]).T.tolist() if len(doc) else [[]] * 5
    lower, lemma, pos, tag, dep = ([strings[v] for v in column] for column in columns)
    found = DocIndex(
        text=doc.text,
        starts=tuple(s.start_char for s in sents),
        token_starts=tuple(token_starts),
        token_ends=tuple(s.end for s in sents),
        lower=tuple(lower),
        lemma=tuple(x.lower() for x in lemma),
        pos=tuple(pos),
        tag=tuple(tag),
        dep=tuple(dep),
        ents=tuple(ents),
        sentence_ents=tuple(map(tuple, inside)),
    )
    doc.user_data[KEY] = found
    return found
