"""A writer killed with SIGKILL mid-batch leaves whole documents only; re-running completes it."""

import subprocess
import sys
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from frontlines.store import Store
from frontlines.store.schema import articles, claims, documents, places, reports

WRITER = Path(__file__).with_name("store_writer.py")
BATCH = 100


def test_killed_writer_leaves_whole_documents_and_a_rerun_completes_without_duplicates(db_url):
    Store.open(db_url).close()  # migrate first so the kill cannot land in a migration
    writer = subprocess.Popen([sys.executable, str(WRITER), db_url, str(BATCH)], stdout=subprocess.PIPE, text=True)
    committed = 0
    for _ in writer.stdout:
        committed += 1
        if committed == 5:
            writer.kill()
            break
    writer.wait()
    with Store.open(db_url) as store, store.engine.connect() as conn:
        rows = {t.name: conn.scalar(select(func.count()).select_from(t))
                for t in (documents, articles, places, reports, claims)}
    kept = rows["documents"]
    assert committed <= kept < BATCH
    assert rows == {"documents": kept, "articles": kept, "places": 3 * kept, "reports": 2 * kept,
                    "claims": 4 * kept}

    rerun = subprocess.run([sys.executable, str(WRITER), db_url, str(BATCH)], capture_output=True, text=True,
                           check=True)
    assert Counter(rerun.stdout.split()) == {"duplicate": kept, "ingested": BATCH - kept}
    with Store.open(db_url) as store:
        assert [r.doc for r in store.documents()] == [f"doc{i}.txt" for i in range(BATCH)]
        assert {(r.places, r.events) for r in store.documents()} == {(3, 2)}
