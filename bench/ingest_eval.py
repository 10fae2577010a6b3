"""Cleaning and publication-date figures of the read/clean stages on the dev seeds (reads ../shared).

Cleaning: every non-empty line of a seed is gold boilerplate when listed in the gold
``boilerplate_lines``, article text otherwise; it is predicted boilerplate when it is neither
a body paragraph nor a copy of the title (same ``line_key``). Precision, recall and F1 are
over all lines of all seeds. Dates: a seed with a gold ``published_range`` is a hit when the
predicted ``published`` lies inside it. Also prints the stage's speed (documents per second).

    .venv/bin/python bench/ingest_eval.py [-v]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def main() -> int:
    from frontlines.ingest import to_article
    from frontlines.ingest.clean import line_key
    from frontlines.ingest.sources import read

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list wrong lines and dates")
    args = parser.parse_args()
    golds = sorted((SHARED / "eval" / "dev").glob("*.gold.json"))
    if not golds:
        print(f"no gold files under {SHARED / 'eval' / 'dev'}", file=sys.stderr)
        return 1
    tp = fp = fn = 0
    dated = hits = 0
    raws = []
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        source = SHARED / "seeds" / gold["doc"]
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
            tp += predicted and actual
            fp += predicted and not actual
            fn += actual and not predicted
            if args.verbose and predicted != actual:
                print(f"  {'FP' if predicted else 'FN'} {gold['doc']}: {line[:90]}")
        span = gold.get("published_range")
        if span:
            dated += 1
            inside = article.published is not None and span[0] <= article.published <= span[1]
            hits += inside
            if args.verbose:
                print(f"  {'ok  ' if inside else 'MISS'} {gold['doc']}: {article.published} in {span}? "
                      f"({article.published_basis})")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"cleaning: {tp + fn} gold boilerplate lines, P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    print(f"published inside the gold range: {hits}/{dated}")
    rounds, start = 20, time.perf_counter()
    for _ in range(rounds):
        for raw in raws:
            to_article(raw, today=dt.date.today())
    elapsed = time.perf_counter() - start
    print(f"speed: {rounds * len(raws) / elapsed:.0f} documents/s (read + clean + date + language)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
