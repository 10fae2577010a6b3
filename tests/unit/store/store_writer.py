"""Save the factory's documents 0..N-1 into a store, printing each outcome (run by test_store_crash)."""

import sys

from store_factory import make_document

from frontlines.store import Store

url, count = sys.argv[1], int(sys.argv[2])
with Store.open(url) as store:
    for i in range(count):
        print(store.save(*make_document(i, places=3, events=2)).status, flush=True)
