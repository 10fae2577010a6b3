"""Fusion speed, memory and growth on synthetic reports; prints figures, asserts nothing.

    .venv/bin/python bench/fusion_bench.py [--sizes 25000 50000 100000] [--seed 1]
    .venv/bin/python bench/fusion_bench.py --gold [records.jsonl]
    .venv/bin/python bench/fusion_bench.py --store 4000

--store fuses that many synthetic documents one by one into a fresh SQLite store (as `ingest`
does) and prints the time per document over the first and the last quarter: flat when a new
document is only compared with its own blocks.

--gold fuses the dev gold events themselves (../shared/eval/dev) and counts the gold cross-source
pairs joined and the false merges, so fusion is measured apart from the stages before it; with a
file of `frontlines extract` records it reads their clusters instead (through `frontlines eval`).

Each size runs in a fresh process: synthetic events spread over 30 countries, 12 admin1s each,
6 districts per admin1, 8 towns per district and two years; 30 % of events are reported by two
to four documents (some at district level or week precision, spelled differently). Timed: the
comparison keys (report_of) and the batch clustering. Printed: wall and CPU seconds (the machine
may be shared), peak RSS, pair precision
and recall against the generator's truth, and the time growth between sizes (2.0 = linear).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

from frontlines.fusion.cluster import cluster
from frontlines.fusion.similarity import report_of
from frontlines.records import EventMention

TYPES = [("Battles", "Armed clash", 30), ("Battles", "Non-state actor overtakes territory", 6),
         ("Battles", "Government regains territory", 4), ("Explosions/Remote violence", "Air/drone strike", 15),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack", 20),
         ("Violence against civilians", "Attack", 12), ("Protests", "Peaceful protest", 8),
         ("Strategic developments", "Arrests", 5)]
WORDS = ("fighters attacked village convoy troops shelled market district rebels killed wounded soldiers "
         "residents fled militia seized checkpoint drone strike protest police arrested base bridge road "
         "airport outskirts hospital school mosque church camp border river valley hills").split()


def synthetic(n_reports: int, seed: int):
    """(EventMention, doc, true event) triples, about ``n_reports`` of them."""
    rng = random.Random(seed)
    start = date(2031, 1, 1)
    towns = {}
    for c in range(30):
        for a in range(12):
            for d in range(6):
                lat0, lon0 = -30 + c * 2.0 + a * 0.15, -20 + c * 3.0 + d * 0.4
                for t in range(8):
                    towns[(c, a, d, t)] = (len(towns) + 1, lat0 + t * 0.05, lon0 + (t % 3) * 0.05)
    keys = list(towns)
    out, seen, doc, event = [], set(), 0, 0
    while len(out) < n_reports:
        c, a, d, t = place = rng.choice(keys)
        day = start + timedelta(days=rng.randrange(730))
        etype, sub, _ = rng.choices(TYPES, weights=[w for *_, w in TYPES])[0]
        actors = rng.sample([f"Group {c}-{i}" for i in range(6)], 2)
        if (place, day, sub, *sorted(actors)) in seen:
            continue
        seen.add((place, day, sub, *sorted(actors)))
        vocab = rng.sample(WORDS, 10)
        copies = 1 if rng.random() < 0.7 else rng.randint(2, 4)
        for k in range(copies):
            gid, lat, lon = towns[place]
            precision, geo, admin2 = "day", 1, f"District {c}-{a}-{d}"
            if k and rng.random() < 0.1:  # a later report at district level
                gid, lat, lon, geo = None, lat + 0.02, lon + 0.02, 2
            elif k and rng.random() < 0.1:
                precision = "week"
            words = " ".join(rng.sample(vocab, 6) + rng.sample(WORDS, 3))
            out.append((EventMention(
                f"e{k}", day.isoformat(), precision, etype, sub, actors[0], actors[1], f"Country {c}", 900 + c,
                f"Province {c}-{a}", admin2, f"Town {gid}{'ville' if k else ''}", lat, lon, geo, 0,
                evidence=(words,), geonameid=gid), str(doc), event))
            doc += 1
        event += 1
    return out[:n_reports]


def run_one(size: int, seed: int) -> dict:
    data = synthetic(size, seed)
    t0, c0 = time.perf_counter(), time.process_time()
    reports = [report_of(m, doc=doc, source=doc, key=f"{doc}#{m.id}") for m, doc, _ in data]
    t1 = time.perf_counter()
    assigned = cluster(reports)
    t2, c2 = time.perf_counter(), time.process_time()
    truth = {f"{doc}#{m.id}": event for m, doc, event in data}
    predicted = defaultdict(list)
    for key, cid in assigned.items():
        predicted[cid].append(key)
    same_pred = {frozenset(p) for keys in predicted.values() for p in combinations(keys, 2)}
    by_truth = defaultdict(list)
    for key, event in truth.items():
        by_truth[event].append(key)
    same_true = {frozenset(p) for keys in by_truth.values() for p in combinations(keys, 2)}
    hit = len(same_pred & same_true)
    return {
        "size": size, "events": len(by_truth), "clusters": len(predicted),
        "keys_s": round(t1 - t0, 2), "cluster_s": round(t2 - t1, 2), "total_s": round(t2 - t0, 2),
        "cpu_s": round(c2 - c0, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "true_pairs": len(same_true), "merged_true_pairs": hit, "false_pairs": len(same_pred - same_true),
        "pair_precision": round(hit / len(same_pred), 4) if same_pred else 1.0,
        "pair_recall": round(hit / len(same_true), 4) if same_true else 1.0,
        "cluster_sizes": dict(sorted(Counter(map(len, predicted.values())).items())),
    }


DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"


def gold_check(records: str | None) -> None:
    """Gold pairs joined and false merges on the dev seeds (gold events, or extract records)."""
    if records:
        from frontlines.evaluation import evaluate, load_gold, predictions

        report = evaluate(load_gold(DEV), predictions([records]), {})
        joined, links = report.pairs_joined, report.merge_links
        print(f"extract records: gold pairs joined {joined.hits}/{joined.total}, "
              f"cluster links that are gold pairs {links.hits}/{links.total}")
        return
    reports, truth = [], {}
    for path in sorted(DEV.glob("*.gold.json")):
        gold = json.loads(path.read_text())
        doc = gold["doc"]
        for e in gold["events"]:
            if not e.get("date"):
                continue
            kind = {p["name"]: p["kind"] for p in gold["places"]}.get(e["location"], "populated_place")
            mention = EventMention(
                e["id"], e["date"], e["date_precision"], e["event_type"], e["sub_event_type"], e["actor1"],
                e.get("actor2"), e.get("country"), None, e.get("admin1"), e.get("admin2"), e.get("location"),
                e.get("lat"), e.get("lon"), e.get("geo_precision") or (3 if kind == "admin1" else 1),
                e.get("fatalities") or 0, evidence=tuple(e.get("evidence") or ()))
            report = report_of(mention, doc=doc, key=f"{doc}#{e['id']}")
            if report:
                reports.append(report)
                truth[report.key] = (doc, e["id"])
    assigned = cluster(reports)
    gold_pairs = {frozenset(map(tuple, pair)) for group in json.loads((DEV / "pairs.json").read_text())
                  for pair in combinations(group, 2)}
    merged = {frozenset((truth[a], truth[b])) for a, b in combinations(assigned, 2) if assigned[a] == assigned[b]}
    print(f"gold events fused: {len(reports)} reports -> {len(set(assigned.values()))} events; "
          f"gold pairs joined {len(gold_pairs & merged)}/{len(gold_pairs)}, false merges {len(merged - gold_pairs)}")


def store_check(n_docs: int, seed: int) -> None:
    """Per-document incremental fusion time as the store grows."""
    import hashlib
    import tempfile

    from frontlines.records import Article, DocumentResult, RawDocument
    from frontlines.settings import database_url
    from frontlines.store import Store
    from frontlines.store.events import fuse_document

    data = synthetic(n_docs, seed)
    quarter = max(1, n_docs // 4)
    times = []
    with tempfile.TemporaryDirectory() as tmp, Store.open(database_url(f"{tmp}/bench.db")) as store:
        for mention, doc, _ in data:
            body = mention.evidence[0]
            content = f"{doc}\n{body}".encode()
            sha = hashlib.sha256(content).hexdigest()
            raw = RawDocument(f"{doc}.txt", doc, content, "text/plain", sha)
            article = Article(raw.doc, sha, None, f"Outlet {int(doc) % 50}", None, None, None, None, "", "en", body)
            document_id = store.save(raw, DocumentResult(article, (), (mention,))).document_id
            t0 = time.perf_counter()
            fuse_document(store, document_id)
            times.append(time.perf_counter() - t0)
        with store.engine.connect() as conn:
            events = conn.exec_driver_sql("SELECT count(*) FROM fused_events").scalar()
    first, last = times[:quarter], times[-quarter:]
    print(f"store: {n_docs} documents fused one by one into {events} events; "
          f"{1000 * sum(first) / len(first):.1f} ms per document in the first quarter, "
          f"{1000 * sum(last) / len(last):.1f} ms in the last")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size
    parser.add_argument("--gold", nargs="?", const="", metavar="RECORDS",
                        help="measure on the dev seeds' gold events (or on extract RECORDS) instead")
    parser.add_argument("--store", type=int, metavar="DOCS", help="measure incremental fusion into a store instead")
    args = parser.parse_args()
    if args.store:
        store_check(args.store, args.seed)
        return
    if args.gold is not None:
        gold_check(args.gold or None)
        return
    if args.one:
        print(json.dumps(run_one(args.one, args.seed)))
        return
    results = []
    for size in args.sizes:
        child = subprocess.run([sys.executable, __file__, "--one", str(size), "--seed", str(args.seed)],
                               capture_output=True, text=True, check=True)
        results.append(json.loads(child.stdout))
        r = results[-1]
        print(f"{r['size']:>7} reports  {r['events']:>6} true events  {r['clusters']:>6} fused  "
              f"keys {r['keys_s']:>5.2f} s  cluster {r['cluster_s']:>5.2f} s  total {r['total_s']:>5.2f} s "
              f"(CPU {r['cpu_s']:>5.2f} s)  "
              f"peak RSS {r['peak_rss_mb']:>4} MB  pair precision {r['pair_precision']:.4f}  "
              f"recall {r['pair_recall']:.4f}  (false pairs {r['false_pairs']})")
    for before, after in zip(results, results[1:]):
        print(f"growth {before['size']} -> {after['size']}: time x{after['total_s'] / before['total_s']:.2f}, "
              f"CPU x{after['cpu_s'] / before['cpu_s']:.2f}, memory x{after['peak_rss_mb'] / before['peak_rss_mb']:.2f} "
              f"(size x{after['size'] / before['size']:.1f})")


if __name__ == "__main__":
    main()
