"""Dev-set gate: run the whole pipeline over the shared seed articles, score it against the
shared dev gold, print every figure and compare it with the floors pinned in bench/floors.json.

    python bench/eval_dev.py                     # exit 1 if a figure fell below its floor
    python bench/eval_dev.py --update-floors     # raise floors to today's figures (never lower)
    python bench/eval_dev.py --update-floors --allow-lower   # re-pin, even lower or on new gold

floors.json pins the SHA-256 of the gold corpus too: figures on other gold are not comparable.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FLOORS = ROOT / "bench" / "floors.json"


def corpus_hash(gold_dir: Path) -> str:
    """SHA-256 over the names and bytes of the gold files and pairs.json."""
    digest = hashlib.sha256()
    for path in sorted([*gold_dir.glob("*.gold.json"), *gold_dir.glob("pairs.json")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def pin(value: float) -> float:
    """A floor for ``value``: rounded down to three decimals."""
    return math.floor(value * 1000 + 1e-9) / 1000


def below(figures: dict, floors: dict) -> list[str]:
    """A line for each figure under its floor (or no longer counted)."""
    return [f"  {name}: {'none' if figures.get(name) is None else f'{figures[name]:.3f}'} < floor {floor:.3f}"
            for name, floor in sorted(floors.items()) if figures.get(name) is None or figures[name] < floor - 1e-9]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds", help="article folder")
    parser.add_argument("--gold", type=Path, default=SHARED / "eval" / "dev", help="gold folder")
    parser.add_argument("--floors", type=Path, default=FLOORS)
    parser.add_argument("--update-floors", action="store_true", help="write floors (only upward)")
    parser.add_argument("--allow-lower", action="store_true", help="with --update-floors: allow lower floors")
    args = parser.parse_args()

    from frontlines.evaluation import evaluate, format_table, load_gold, predictions, source_files
    from frontlines.records import Failure

    def records():
        for item in predictions([args.seeds]):
            if isinstance(item, Failure):
                print(f"error: {item.source}: {item.reason}", file=sys.stderr)
            else:
                yield item

    started = time.perf_counter()
    report = evaluate(load_gold(args.gold), records(), source_files([args.seeds]))
    print(format_table(report, details=True))
    print(f"\n{len(report.docs)} gold documents scored in {time.perf_counter() - started:.1f} s")

    figures = {k: v for k, v in report.figures().items() if v is not None}
    digest = corpus_hash(args.gold)
    pinned = json.loads(args.floors.read_text()) if args.floors.exists() else None
    same_gold = pinned is not None and pinned.get("gold_sha256") == digest
    floors = pinned["floors"] if same_gold else {}
    drops = below(figures, floors)

    if args.update_floors:
        if pinned is not None and not same_gold and not args.allow_lower:
            print("gold corpus changed since the floors were pinned: re-pin with --update-floors --allow-lower")
            return 1
        if drops and not args.allow_lower:
            print("refusing to lower floors (add --allow-lower to accept):", *drops, sep="\n")
            return 1
        new = {name: pin(value) for name, value in figures.items()}
        if not args.allow_lower:
            new = {name: max(new.get(name, 0.0), floor) for name, floor in {**new, **floors}.items()}
        args.floors.write_text(json.dumps({"gold_sha256": digest, "floors": dict(sorted(new.items()))}, indent=2) + "\n")
        print(f"floors written to {args.floors}")
        return 0

    if pinned is None:
        print(f"no floors pinned at {args.floors}: run with --update-floors")
        return 0
    if not same_gold:
        print("gold corpus changed since the floors were pinned: re-pin with --update-floors --allow-lower")
        return 1
    if drops:
        print("FAIL: figures below their floors:", *drops, sep="\n")
        return 1
    raised = [name for name, value in figures.items() if pin(value) > floors.get(name, 0.0)]
    print("OK: every figure at or above its floor" + (f" (can raise: {', '.join(raised)})" if raised else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
