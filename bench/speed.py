"""Throughput of the whole extract pipeline beside spaCy's bare ``nlp.pipe`` over the same bodies.

    python bench/speed.py [--docs 200]

Documents: the shared seed articles plus the bundled samples, repeated to about ``--docs``.
Models, gazetteer and lexicons are loaded (and warmed on every distinct document) before timing;
the two passes alternate batch by batch, so a busy machine slows both alike.
Target: the whole pipeline takes at most 1.5x the bare spaCy pass.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "src" / "frontlines" / "samples"


def distinct(raw, i: int):
    """The i-th copy of a document with a sentence of its own, so no cache sees a text twice."""
    line = f"Copy {i} of this report was filed for the benchmark."
    if raw.media_type == "text/html" and b"</body>" in raw.content:
        content = raw.content.replace(b"</body>", f"<p>{line}</p></body>".encode(), 1)
    else:
        content = raw.content + f"\n\n{line}\n".encode()
    return replace(raw, doc=f"{i:04d}-{raw.doc}", content=content)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=200)
    args = parser.parse_args()

    from frontlines.ingest.sources import read
    from frontlines.pipeline import BATCH_SIZE, Pipeline, batched
    from frontlines.records import DocumentResult, Failure

    folders = [str(p) for p in (SHARED / "seeds", SAMPLES) if p.is_dir()]
    originals = [raw for raw in read(folders) if not isinstance(raw, Failure)]
    if not originals:
        print("no articles found", file=sys.stderr)
        return 1
    raws = [distinct(raw, i) for i, raw in enumerate(islice(cycle(originals), args.docs))]

    pipeline = Pipeline()
    list(pipeline.run(originals))  # load and warm every resource (models, gazetteer, HTML reader)

    # Alternate the two passes batch by batch, so both see the same machine conditions.
    whole = bare = 0.0
    bodies: list[str] = []
    for chunk in batched(raws, BATCH_SIZE):
        started = time.perf_counter()
        texts = [item.article.body for item in pipeline.run(chunk)
                 if isinstance(item, DocumentResult) and item.skipped is None]
        whole += time.perf_counter() - started
        started = time.perf_counter()
        for _ in pipeline.nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass
        bare += time.perf_counter() - started
        bodies += texts

    words = sum(len(b.split()) for b in bodies)
    print(f"documents: {len(raws)} ({len(originals)} distinct), coded: {len(bodies)}, words: {words}")
    print(f"whole pipeline : {whole:7.2f} s  {len(raws) / whole:7.1f} docs/s  {words / whole:8.0f} words/s")
    print(f"bare spaCy pipe: {bare:7.2f} s  {len(bodies) / bare:7.1f} docs/s  {words / bare:8.0f} words/s")
    print(f"ratio whole/bare: {whole / bare:.2f}x (target <= 1.50x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
