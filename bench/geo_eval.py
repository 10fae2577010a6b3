"""Place accuracy and precision of the geoparser on the dev seeds (reads ../shared).

A gold ``places`` entry is correct when a predicted place has the same surface form
(case-insensitive) and lies within 25 km of the gold point (60 km for admin1/valley; the
right country for countries; right country and admin-1 when gold has no point). A predicted
place (unique geonameid and kind per document) that matches no gold entry that way counts
against precision.

    .venv/bin/python bench/geo_eval.py [--cache PATH] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TOLERANCE_KM = {"admin1": 60.0, "valley": 60.0}


def _same_admin1(a: str | None, b: str | None) -> bool:
    from frontlines.geo.candidates import similarity

    return bool(a and b) and similarity(a, b) >= 0.8


def matches(gold: dict, place) -> bool:
    """Whether a predicted Place resolves a gold entry (location only, surface aside)."""
    from frontlines.geo.resolve import haversine_km

    if place.country_code != gold["country"]:
        return False
    if gold["kind"] == "country":
        return place.kind == "country"
    if gold.get("lat") is None or place.lat is None:
        return _same_admin1(gold.get("admin1"), place.admin1) or _same_admin1(gold.get("name"), place.name)
    return haversine_km(gold["lat"], gold["lon"], place.lat, place.lon) <= TOLERANCE_KM.get(gold["kind"], 25.0)


def _surface(s: str) -> str:
    return " ".join(s.lower().split())


def evaluate(gazetteer, nlp, verbose: bool = False, out=sys.stdout) -> dict:
    """Accuracy and precision over every dev gold file; per-document misses when ``verbose``."""
    from frontlines.geo import geoparse
    from frontlines.ingest import to_article
    from frontlines.ingest.sources import read

    totals = {"gold": 0, "correct": 0, "found": 0, "predicted": 0, "matched": 0}
    for gold_file in sorted((SHARED / "eval" / "dev").glob("*.gold.json")):
        gold = json.loads(gold_file.read_text())
        seed = SHARED / "seeds" / gold["doc"]
        article = to_article(next(iter(read([str(seed)]))))
        places = geoparse(article, nlp(article.body), gazetteer)
        misses = []
        for g in gold["places"]:
            same = [p for p in places if _surface(p.mention) == _surface(g["mention"])]
            totals["gold"] += 1
            totals["found"] += bool(same)
            if any(matches(g, p) for p in same):
                totals["correct"] += 1
            else:
                misses.append(f"{g['mention']} ({g['kind']}): " + (
                    ", ".join(f"{p.name}/{p.kind}/{p.country_code} {p.lat},{p.lon}" for p in same[:2]) or "not found"))
        unique = {(p.geonameid, p.kind): p for p in places}
        spurious = [p for p in unique.values() if not any(matches(g, p) for g in gold["places"])]
        totals["predicted"] += len(unique)
        totals["matched"] += len(unique) - len(spurious)
        if verbose:
            print(f"{gold['doc']}: {len(gold['places']) - len(misses)}/{len(gold['places'])} gold places", file=out)
            for m in misses:
                print(f"  miss  {m}", file=out)
            for p in spurious:
                print(f"  extra {p.mention!r} -> {p.name} ({p.kind}, {p.country_code})", file=out)
    totals["accuracy"] = totals["correct"] / max(1, totals["gold"])
    totals["precision"] = totals["matched"] / max(1, totals["predicted"])
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", help="gazetteer cache file (default: the settings cache, built if needed)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    from frontlines.geo.gazetteer import Gazetteer
    from frontlines.nlp.model import load

    gazetteer = Gazetteer(Path(args.cache)) if args.cache else Gazetteer.load()
    t = evaluate(gazetteer, load(), args.verbose)
    print(f"place accuracy {t['accuracy']:.3f} ({t['correct']}/{t['gold']}, surface found {t['found']})  "
          f"place precision {t['precision']:.3f} ({t['matched']}/{t['predicted']})")


if __name__ == "__main__":
    main()
