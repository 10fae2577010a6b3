"""Group reports into fused events: blocking, greedy best-cluster assignment, stable ids.

Candidates come from a blocking index keyed by (country, admin1, day): a report is only ever
compared with clusters in its own admin1 whose date window meets its own, so the work grows
with the number of reports, not with its square. A report joins the best-scoring cluster whose
members all allow the merge (no member from the same document, no hard separation), else it
founds a new cluster whose id derives from its key and never changes as reports join.
"""

from __future__ import annotations

import gc
import hashlib
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterable

from .similarity import PRECISION_RANK, Report, similarity

MAX_COMPARED = 8  # members a candidate cluster is compared through (its first ones)


def event_id(first_key: str) -> str:
    """The fused event id founded by the report ``first_key``."""
    return "ev-" + hashlib.blake2b(first_key.encode(), digest_size=8).hexdigest()


@dataclass(slots=True)
class Cluster:
    """A fused event under construction: its id, its first members and its documents."""

    id: str
    members: list[Report] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    days: set[int] = field(default_factory=set)

    def add(self, report: Report) -> None:
        if len(self.members) < MAX_COMPARED:
            self.members.append(report)
        self.docs.add(report.doc)


class Clusterer:
    """Incremental assignment of reports to clusters; seed it with clusters kept elsewhere."""

    def __init__(self) -> None:
        self._clusters: dict[str, Cluster] = {}
        self._index: dict[tuple, dict[int, list[str]]] = defaultdict(dict)

    def seed(self, cluster_id: str, members: Iterable[Report]) -> None:
        """Make an existing fused event (e.g. from the store) a candidate for new reports."""
        for report in members:
            self._join(cluster_id, report)

    def add(self, report: Report) -> tuple[str, float | None]:
        """Assign ``report``: returns its cluster id and the winning score (None when it founded one)."""
        best, best_score = None, 0.0
        for cluster in self.candidates(report):
            if report.doc in cluster.docs:
                continue
            decisions = [similarity(report, m) for m in cluster.members]
            if any(d.vetoed for d in decisions):
                continue
            score = max(d.score for d in decisions)
            if score > best_score and any(d.merge for d in decisions):
                best, best_score = cluster, score
        if best is None:
            self._join(event_id(report.key), report)
            return event_id(report.key), None
        self._join(best.id, report)
        return best.id, best_score

    def candidates(self, report: Report) -> list[Cluster]:
        """Clusters of the report's block whose days meet its date window."""
        by_day = self._index.get((report.country, report.admin1))
        if not by_day:
            return []
        seen: dict[str, Cluster] = {}
        for day in range(report.lo, report.hi + 1):
            for cid in by_day.get(day, ()):
                seen.setdefault(cid, self._clusters[cid])
        return list(seen.values())

    def _join(self, cluster_id: str, report: Report) -> None:
        cluster = self._clusters.get(cluster_id)
        if cluster is None:
            cluster = self._clusters[cluster_id] = Cluster(cluster_id)
        cluster.add(report)
        by_day = self._index[(report.country, report.admin1)]
        for day in range(report.lo, report.hi + 1):
            if day not in cluster.days:
                cluster.days.add(day)
                by_day.setdefault(day, []).append(cluster_id)


def arrival_order(report: Report) -> tuple:
    """Batch order: precise dates first (they found clusters), then by date and key."""
    return PRECISION_RANK.get(report.precision, 3), report.lo, report.geo_precision, report.key


@contextmanager
def bulk():
    """Pause the cyclic garbage collector while a batch builds many small objects that all live on.

    Its full collections would otherwise rescan every report and cluster again and again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def cluster(reports: Iterable[Report]) -> dict[str, str]:
    """Fuse a batch: report key -> fused event id. Order-independent (reports are sorted first)."""
    clusterer = Clusterer()
    with bulk():
        return {r.key: clusterer.add(r)[0] for r in sorted(reports, key=arrival_order)}
