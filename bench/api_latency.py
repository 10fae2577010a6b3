"""Latency of GET /api/events over 100,000 synthetic fused events in a temporary SQLite store.

Rows go straight into the fused events table (no pipeline), spread over three invented countries
and three years; requests go through FastAPI's TestClient (in process, no sockets) with the
filters the map page sends: bbox, date range, type, actor, pages of 100, and text searches (a town,
an actor's name, a word every event holds). Prints p50/p95 of the wall-clock time per request
kind, for the typical filters, for text search and overall (target: p95 <= 50 ms), and of the
process CPU time, which a busy shared machine inflates less. ``--server`` sends the requests to a
uvicorn server on 127.0.0.1 over HTTP instead (both sides still in this process).

    .venv/bin/python bench/api_latency.py [--events 100000] [--requests 600] [--server]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import fields
from datetime import date, timedelta
from pathlib import Path

import httpx
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import insert

from frontlines.api.app import ApiSettings, create_app
from frontlines.api.queries import EVENT_TYPES
from frontlines.fusion.merge import FusedEvent
from frontlines.store import Store
from frontlines.store.events import fused_events as events

FIRST_DAY = date(2029, 1, 1)
DAYS = 3 * 365
COUNTRIES = {"Arvenia": (40.0, 19.0), "Belmora": (10.0, 30.0), "Cstelia": (-5.0, 110.0)}  # south-west corners
SPAN = 6.0  # degrees each country spans
SUB_TYPES = {  # a territorial change in about one battle in twenty
    "Battles": ["Armed clash"] * 18 + ["Non-state actor overtakes territory", "Government regains territory"],
    "Explosions/Remote violence": ["Shelling/artillery/missile attack", "Air/drone strike",
                                   "Remote explosive/landmine/IED"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Arrests", "Looting/property destruction", "Other"],
}


def synthetic(n: int, rng: random.Random):
    """``n`` rows for the events table; columns the bench does not know get a neutral value."""
    actors = [f"Armed Group {i}" for i in range(200)]
    for i in range(n):
        country = rng.choice(list(COUNTRIES))
        lat0, lon0 = COUNTRIES[country]
        admin = rng.randrange(10)
        event_type = rng.choice(EVENT_TYPES)
        known = {
            "cluster": f"ev-{i:012x}", "event_date": (FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat(),
            "time_precision": "day", "event_type": event_type, "sub_event_type": rng.choice(SUB_TYPES[event_type]),
            "actor1": rng.choice(actors), "actor2": rng.choice(actors), "country": country,
            "admin1": f"{country} Province {admin}", "admin2": None, "location": f"Town {i % 5000}",
            "latitude": lat0 + rng.random() * SPAN, "longitude": lon0 + rng.random() * SPAN, "geo_precision": 1,
            "fatalities": rng.choice((0, 0, 0, 1, 2, 5)), "source_count": rng.randint(1, 4), "report_count": 1,
        }
        known["record"] = json.dumps(_record(known, i))
        yield {c.name: known[c.name] if c.name in known else _neutral(c) for c in events.c if c.name != "id"}


def _record(row: dict, i: int) -> dict:
    """A FusedEvent record (what control timelines and text search read) for a synthetic row."""
    sentence = f"Fighting between {row['actor1']} and {row['actor2']} was reported near town {i % 5000}."
    record = {f.name: [] if "tuple" in str(f.type) else None for f in fields(FusedEvent)}
    return record | {k: v for k, v in row.items() if k in record} | {
        "id": row["cluster"], "notes": sentence, "evidence": [[f"r{i}#e1", sentence]], "sources": ["Wire"],
        "source_ids": ["wire"], "reports": [f"r{i}#e1"], "contested": False}


def _neutral(column):
    if column.nullable:
        return None
    return 0 if column.type.python_type in (int, float) else ""


def fill(store: Store, n: int, seed: int = 7) -> None:
    rows = synthetic(n, random.Random(seed))
    with store.engine.begin() as conn:
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) == 5000:
                conn.execute(insert(events), batch)
                batch = []
        if batch:
            conn.execute(insert(events), batch)
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("ANALYZE")


def requests(rng: random.Random):
    """(kind, params) as the page and API users send them."""
    while True:
        country = rng.choice(list(COUNTRIES))
        lat0, lon0 = COUNTRIES[country]
        west, south = lon0 + rng.random() * 3, lat0 + rng.random() * 3
        start = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 90))
        yield rng.choice([
            ("page", {"limit": 100}),
            ("bbox", {"bbox": f"{west},{south},{west + 2},{south + 2}", "limit": 100}),
            ("dates", {"start": start.isoformat(), "end": (start + timedelta(days=30)).isoformat(), "limit": 100}),
            ("type+dates", {"type": rng.choice(EVENT_TYPES), "start": start.isoformat(),
                            "end": (start + timedelta(days=90)).isoformat(), "limit": 100}),
            ("bbox+dates+type", {"bbox": f"{west},{south},{west + 2},{south + 2}", "type": rng.choice(EVENT_TYPES),
                                 "start": start.isoformat(), "end": (start + timedelta(days=90)).isoformat(),
                                 "limit": 100}),
            ("actor", {"actor": f"Armed Group {rng.randrange(200)}", "limit": 100}),
            ("actor any case", {"actor": f"armed group {rng.randrange(200)}", "limit": 100}),
            ("page 20", {"limit": 100, "offset": 2000}),
            ("text+dates", {"q": f"town {rng.randrange(5000)}", "start": start.isoformat(),
                            "end": (start + timedelta(days=90)).isoformat(), "limit": 100}),
            ("text", {"q": f"town {rng.randrange(5000)}", "limit": 100}),
            ("text prefix", {"q": f"near town {rng.randrange(10, 500)}", "limit": 100}),  # 0.2-2% of events
            ("text actor", {"q": f"armed group {rng.randrange(200)}", "limit": 100}),  # 1-80%: "1" prefixes 111
            ("text every event", {"q": "fighting", "start": start.isoformat(),
                                  "end": (start + timedelta(days=90)).isoformat(), "limit": 100}),
        ])


@contextmanager
def http_client(app, server: bool):
    """TestClient on ``app``, or an httpx client of a uvicorn server on a free loopback port."""
    if not server:
        yield TestClient(app)
        return
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.05)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            yield client
    finally:
        srv.should_exit = True
        thread.join(10)


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def measure(client, n: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall-clock and process CPU milliseconds of ``n`` requests, by kind."""
    gen = requests(random.Random(11))
    for _ in range(20):  # warm up caches and the connection pool
        client.get("/api/events", params=next(gen)[1])
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    for _ in range(n):
        kind, params = next(gen)
        began, began_cpu = time.perf_counter(), time.process_time()
        response = client.get("/api/events", params=params)
        wall.setdefault(kind, []).append((time.perf_counter() - began) * 1000)
        cpu.setdefault(kind, []).append((time.process_time() - began_cpu) * 1000)
        response.raise_for_status()
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--server", action="store_true", help="through uvicorn on 127.0.0.1, not TestClient")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'bench.db'}")
        began = time.perf_counter()
        fill(store, args.events)
        print(f"filled {args.events:,} events in {time.perf_counter() - began:.1f} s")
        with http_client(create_app(store, ApiSettings()), args.server) as client:
            wall, cpu = measure(client, args.requests)
        print(f"{'request':<18}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'cpu p50':>9}{'cpu p95':>9}")
        families = {"typical": [k for k in wall if not k.startswith("text")],
                    "text search": [k for k in wall if k.startswith("text")], "all": list(wall)}
        for kind in [*sorted(wall), *families]:
            kinds = families.get(kind, [kind])
            w = [v for k in kinds for v in wall[k]]
            c = [v for k in kinds for v in cpu[k]]
            print(f"{kind:<18}{len(w):>5}{pct(w, 50):>9.1f}{pct(w, 95):>9.1f}{pct(c, 50):>9.1f}{pct(c, 95):>9.1f}")
        print(f"target: p95 <= 50 ms for the typical filters and text search; load average {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores")
        store.close()


if __name__ == "__main__":
    main()
