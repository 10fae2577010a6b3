"""Cleaning and publication-date figures of the read/clean stages on the dev seeds (reads
../shared) and on the project's generalisation corpus (bench/corpus).

Cleaning: every non-empty line of a document is gold boilerplate when listed in the gold
``boilerplate_lines``, article text otherwise; it is predicted boilerplate when it is neither
a body paragraph nor a copy of the title (same ``line_key``). Precision, recall and F1 are
over all lines of all documents of a set. Dates: a document with a gold ``published_range``
is a hit when the predicted ``published`` lies inside it; one with only a gold ``published``
when they are equal. Also prints the stage's speed on the seeds (documents per second).

    .venv/bin/python bench/ingest_eval.py [-v]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = Path(__file__).resolve().parent / "corpus"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    dated: int = 0
    hits: int = 0

    def line(self, name: str) -> str:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return (f"{name}: cleaning {self.tp + self.fn} gold boilerplate lines, P {precision:.3f} R {recall:.3f} "
                f"F1 {f1:.3f}; published right {self.hits}/{self.dated}")


def score(pairs, verbose: bool) -> tuple[Score, list]:
    """Score (source file, gold) pairs; also return the raw documents read."""
    from frontlines.ingest import to_article
    from frontlines.ingest.clean import line_key
    from frontlines.ingest.sources import read

    result, raws = Score(), []
    for source, gold in pairs:
        (raw,) = read([str(source)])
        raws.append(raw)
        article = to_article(raw)
        body = set(article.body.splitlines())
        title_key = line_key(article.title or "")
        boilerplate = {line.strip() for line in gold["boilerplate_lines"]}
        for line in (raw_line.strip() for raw_line in source.read_text(encoding="utf-8").splitlines()):
            if not line:
                continue
            predicted = line not in body and line_key(line) != title_key
            actual = line in boilerplate
            result.tp += predicted and actual
            result.fp += predicted and not actual
            result.fn += actual and not predicted
            if verbose and predicted != actual:
                print(f"  {'FP' if predicted else 'FN'} {gold['doc']}: {line[:90]}")
        span = gold.get("published_range")
        if span or gold.get("published"):
            result.dated += 1
            if span:
                right = article.published is not None and span[0] <= article.published <= span[1]
            else:
                right = article.published == gold["published"]
            result.hits += right
            if verbose:
                print(f"  {'ok  ' if right else 'MISS'} {gold['doc']}: {article.published} for "
                      f"{span or gold['published']} ({article.published_basis})")
    return result, raws


def main() -> int:
    from frontlines.ingest import to_article

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list wrong lines and dates")
    args = parser.parse_args()
    golds = sorted((SHARED / "eval" / "dev").glob("*.gold.json"))
    if not golds:
        print(f"no gold files under {SHARED / 'eval' / 'dev'}", file=sys.stderr)
        return 1
    seeds = [(SHARED / "seeds" / gold["doc"], gold) for gold in map(_load, golds)]
    dev, raws = score(seeds, args.verbose)
    print(dev.line("dev seeds (published inside the gold range)"))
    corpus = [(CORPUS / gold["doc"], gold) for gold in map(_load, sorted(CORPUS.glob("*.gold.json")))]
    if corpus:
        print(score(corpus, args.verbose)[0].line("bench/corpus (published exact)"))
    rounds, start = 20, time.perf_counter()
    for _ in range(rounds):
        for raw in raws:
            to_article(raw, today=dt.date.today())
    elapsed = time.perf_counter() - start
    print(f"speed: {rounds * len(raws) / elapsed:.0f} documents/s (read + clean + date + language)")
    return 0


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


if __name__ == "__main__":
    sys.exit(main())
