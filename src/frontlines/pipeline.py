"""Ordered stages and the streaming batch runner.

read -> clean (Article) -> nlp (spaCy Doc) -> geoparse (Place[]) -> events (EventMention[]).
Every stage is a function of its inputs and of resources loaded once (spaCy model, gazetteer,
lexicons), so batches can be spread over workers. One bad document never stops a batch: it
comes out as a ``Failure`` naming the source and the reason.
"""

from __future__ import annotations

from itertools import islice
from typing import Iterable, Iterator

from .errors import FrontlinesError
from .records import Article, DocumentResult, Failure, RawDocument

__all__ = ["BATCH_SIZE", "Failure", "Pipeline", "batched"]

BATCH_SIZE = 32


def batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class Pipeline:
    """Holds the loaded resources; ``run`` streams documents through every stage."""

    def __init__(self, nlp=None, gazetteer=None, lexicon=None):
        self._nlp = nlp
        self._gazetteer = gazetteer
        self._lexicon = lexicon

    @property
    def nlp(self):
        if self._nlp is None:
            from .nlp.model import load

            self._nlp = load()
        return self._nlp

    @property
    def gazetteer(self):
        if self._gazetteer is None:
            from .geo.gazetteer import Gazetteer

            self._gazetteer = Gazetteer.load()
        return self._gazetteer

    @property
    def lexicon(self):
        if self._lexicon is None:
            from .events.lexicon import Lexicon

            self._lexicon = Lexicon.load()
        return self._lexicon

    def articles(self, raws: Iterable[RawDocument | Failure]) -> Iterator[Article | Failure]:
        """Clean each raw document; unreadable ones become ``Failure``s."""
        from .ingest import to_article

        for raw in raws:
            if isinstance(raw, Failure):
                yield raw
                continue
            try:
                yield to_article(raw)
            except FrontlinesError as exc:
                yield Failure(raw.origin, getattr(exc, "reason", str(exc)))

    def analyse(self, articles: Iterable[Article]) -> Iterator[DocumentResult]:
        """NLP, geoparsing and event coding for cleaned articles, in spaCy batches."""
        from .events import extract_events
        from .geo import geoparse

        for batch in batched(articles, BATCH_SIZE):
            english = [a for a in batch if a.language == "en"]
            docs = dict(zip((id(a) for a in english), self.nlp.pipe(a.body for a in english)))
            for article in batch:
                doc = docs.get(id(article))
                if doc is None:
                    yield DocumentResult(article, skipped=f"language {article.language}: not coded")
                    continue
                places = geoparse(article, doc, self.gazetteer)
                events = extract_events(article, doc, places, self.lexicon, self.gazetteer)
                yield DocumentResult(article, places, events)

    def run(self, raws: Iterable[RawDocument | Failure]) -> Iterator[DocumentResult | Failure]:
        """Stream raw documents through every stage, keeping input order."""
        for batch in batched(self.articles(raws), BATCH_SIZE):
            good = iter(self.analyse([a for a in batch if isinstance(a, Article)]))
            for item in batch:
                yield item if isinstance(item, Failure) else next(good)
