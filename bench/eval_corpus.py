"""Generalisation check: run the whole pipeline over the project-written corpus in
bench/corpus (invented reports from wars outside Afghanistan, one .txt per article, a
``<stem>.gold.json`` beside each, pairs.json for cross-source links) and score it.

    python bench/eval_corpus.py              # overall table, then one line per document
    python bench/eval_corpus.py --details    # also the scorer's per-document details
    python bench/eval_corpus.py --check      # only validate the gold against the texts

Per-document lines: gold events (required), predicted, matched, then each missed gold
event and each spurious prediction as id:type/sub-type@location date.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"


def check_gold(corpus: Path) -> list[str]:
    """Gold strings that are not in their article: boilerplate lines, mentions, evidence, quotes."""
    problems = []
    for gold_file in sorted(corpus.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        article = corpus / gold["doc"]
        if not article.exists():
            problems.append(f"{gold_file.name}: no article {gold['doc']}")
            continue
        text = article.read_text(encoding="utf-8")
        lines = {line.strip() for line in text.splitlines()}
        wanted = [("boilerplate", b, b in lines) for b in gold["boilerplate_lines"]]
        wanted += [(kind, item["mention"], item["mention"] in text)
                   for kind in ("places", "actors") for item in gold[kind]]
        for event in gold["events"]:
            wanted += [(f"{event['id']} evidence", s, s in text) for s in event["evidence"]]
            wanted += [(f"{event['id']} quote", c["quote"], c["quote"] in text) for c in event["claims"]]
        problems += [f"{gold_file.name}: {what} not in text: {value[:70]!r}" for what, value, ok in wanted if not ok]
    return problems


def describe(event_id: str, event_type: str, sub: str, location: str | None, day: str | None) -> str:
    return f"{event_id}:{event_type}/{sub}@{location or '?'} {day or '?'}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--details", action="store_true", help="also print the scorer's per-document details")
    parser.add_argument("--check", action="store_true", help="only validate the gold files against the texts")
    args = parser.parse_args()

    problems = check_gold(args.corpus)
    for problem in problems:
        print(f"gold: {problem}", file=sys.stderr)
    if args.check or problems:
        print(f"{len(problems)} gold problem(s)")
        return 1 if problems else 0

    from frontlines.evaluation import Prediction, evaluate, format_table, load_gold, predictions, source_files
    from frontlines.records import Failure

    articles = sorted(args.corpus.glob("*.txt"))
    predicted: dict[str, list[str]] = {}  # doc -> short descriptions of its predicted events, by id

    def records():
        for item in predictions(articles):
            if isinstance(item, Failure):
                print(f"error: {item.source}: {item.reason}", file=sys.stderr)
                continue
            pred = Prediction.from_record(item)
            predicted[Path(pred.doc).name] = {
                e.id: describe(e.id, e.event_type, e.sub_event_type, e.location, e.event_date) for e in pred.events}
            yield item

    gold = load_gold(args.corpus)
    started = time.perf_counter()
    report = evaluate(gold, records(), source_files(articles))
    elapsed = time.perf_counter() - started
    print(format_table(report, details=args.details))

    print(f"\n{len(report.docs)} documents scored in {elapsed:.1f} s")
    gold_events = {g.doc: {e.id: e for e in g.events} for g in gold.docs}
    for d in report.docs:
        events = gold_events[d.doc]
        required = sum(not e.optional for e in events.values())
        preds = predicted.get(d.doc, {})
        print(f"{d.doc:32} gold {required:2}  predicted {len(preds):2}  matched {len(d.matches):2}"
              f"  fatalities {d.predicted_fatalities}/{d.gold_fatalities}")
        for gid in d.missed:
            e = events[gid]
            print(f"    missed   {describe(gid, e.event_type, e.sub_event_type, e.location, e.date)}")
        for pid in d.spurious:
            print(f"    spurious {preds.get(pid, pid)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
