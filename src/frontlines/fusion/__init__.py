"""Fusion: one event per real-world happening across sources, and who holds what, when.

similarity.py decides whether two reports are one event, cluster.py groups reports with
blocking and stable ids, merge.py reconciles the fused fields, sources.py tells which outlet
a story comes from, control.py turns territorial events into control timelines.
"""

from __future__ import annotations

import json
import tempfile
from typing import Any, Iterable, Iterator

from ..records import DocumentResult, Failure
from .cluster import Clusterer, arrival_order, bulk, event_id
from .similarity import Report, report_of
from .sources import DocumentSource, SourceRegistry


def document_reports(result: DocumentResult, source: DocumentSource, doc: str, prefix: str) -> list[tuple[str, Report | None]]:
    """(event id, comparison key or None when unfusable) for each event of ``result``."""
    return [(e.id, report_of(e, doc=doc, source=source.id, key=f"{prefix}#{e.id}")) for e in result.events]


class BatchFusion:
    """Fuse the events of a stream of documents, keeping only compact keys in memory.

    ``add`` each document as it streams by, then ``clusters`` gives every event its fused
    event id, keyed by (position of the document in the stream, event id).
    """

    def __init__(self, registry: SourceRegistry | None = None):
        self.registry = registry or SourceRegistry.load()
        self._reports: list[Report] = []
        self._singles: dict[tuple[int, str], str] = {}
        self._slots: dict[str, tuple[int, str]] = {}
        self._prefixes: set[str] = set()

    def add(self, position: int, result: DocumentResult) -> DocumentSource:
        """Take the events of the document at ``position``; returns the source it counts as."""
        source = self.registry.identify(result.article)
        prefix = result.article.sha256[:16]
        if prefix in self._prefixes:
            prefix = f"{prefix}~{position}"  # the same bytes twice in one batch
        self._prefixes.add(prefix)
        for eid, report in document_reports(result, source, str(position), prefix):
            if report is None:
                self._singles[(position, eid)] = event_id(f"{prefix}#{eid}")
            else:
                self._reports.append(report)
                self._slots[report.key] = (position, eid)
        return source

    def clusters(self) -> dict[tuple[int, str], str]:
        """(document position, event id) -> fused event id, for every event added."""
        clusterer = Clusterer()
        self._reports.sort(key=arrival_order)
        with bulk():
            assigned = {self._slots[r.key]: clusterer.add(r)[0] for r in self._reports}
        return assigned | self._singles


def with_clusters(items: Iterable[DocumentResult | Failure],
                  registry: SourceRegistry | None = None) -> Iterator[dict[str, Any] | Failure]:
    """Extract records (CONTRACT.md) of a batch with every event's fused ``cluster`` filled in.

    Records are spooled to a temporary JSON Lines file while only compact keys stay in memory;
    once the batch is fused they are read back in input order. Failures pass through at once.
    Each record also names the ``source`` its story counts as.
    """
    fusion = BatchFusion(registry)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        for position, item in enumerate(items):
            if isinstance(item, Failure):
                yield item
                continue
            source = fusion.add(position, item)
            record = item.to_contract() | {"source": {"id": source.id, "name": source.name, "kind": source.kind}}
            spool.write(json.dumps([position, record], ensure_ascii=False) + "\n")
        clusters = fusion.clusters()
        spool.seek(0)
        for line in spool:
            position, record = json.loads(line)
            for event in record["events"]:
                event["cluster"] = clusters[(position, event["id"])]
            yield record
