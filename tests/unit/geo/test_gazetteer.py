"""The SQLite gazetteer cache: writing, lookups, versioning and GeoNames dump import."""

import sqlite3

import pytest

from frontlines.errors import GazetteerError
from frontlines.geo.candidates import norm, skeleton
from frontlines.geo.gazetteer import Gazetteer, import_dump, parse_dump, usable_names, write




def test_lookups_by_exact_and_phonetic_key(small_gazetteer):
    (entry, form), = [r for r in small_gazetteer.by_norm(norm("Qala-i-Surkh"))]
    assert entry.id == 106 and entry.kind == "populated_place" and form == "qala i surkh"
    ids = {e.id for e, _ in small_gazetteer.by_skeleton(skeleton("Sangin Bridge"), ("TJ",))}
    assert ids == {101}
    # admin-type words are stripped when indexing, so the bare name finds the district
    assert {e.id for e, _ in small_gazetteer.by_norm("puli sangin")} == {101}


def test_admin_hierarchy(small_gazetteer):
    assert small_gazetteer.admin("TJ", "90").name == "Zardak"
    assert small_gazetteer.admin("TJ", "90", "03").name == "Khumdara"
    assert small_gazetteer.admin("TJ").kind == "country"
    assert small_gazetteer.admin("TJ", "99") is None


def test_info_counts_kinds(small_gazetteer, world):
    info = small_gazetteer.info()
    assert info["places"]["admin2"] == 4 and info["places"]["country"] == 5
    assert info["names"] > len(world)


def test_usable_names_drop_codes_other_scripts_and_lowercase_romanisations():
    assert usable_names(["Kabul", "KBL", "کابل", "kabul", "Кабул", "Kaboul", "X"]) == ["Kabul", "Kaboul"]


def test_stale_cache_is_refused_without_build(tmp_path, world):
    path = tmp_path / "g.sqlite"
    write(path, world[:2])
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = 'old' WHERE key = 'version'")
    with pytest.raises(GazetteerError, match="stale"):
        Gazetteer.load(path, build_missing=False)


def test_import_dump_adds_districts_and_features(tmp_path, world, geonames_dump):
    path = tmp_path / "g.sqlite"
    write(path, world[:3])
    dump = tmp_path / "RR.txt"
    dump.write_text(geonames_dump, encoding="utf-8")
    assert import_dump(dump, path) == 7
    gaz = Gazetteer(path)
    district = gaz.get(9000003)
    assert (district.kind, district.a1, district.a2) == ("admin2", "01", "011")
    # units sit at their seats (PPLA, PPLA2), not at their own points or their biggest town
    assert (district.lat, district.lon) == (45.41, 15.61)
    assert (gaz.get(9000002).lat, gaz.get(9000002).lon) == (45.1, 15.2)
    assert gaz.get(9000001).kind == "country"
    assert gaz.get(9000005).kind == "valley"
    assert {e.id for e, _ in gaz.by_norm("zenda")} == {9000003, 9000004}  # "District" stripped
    assert {e.id for e, _ in gaz.by_norm("zendau")} == {9000004}
    assert str(dump.resolve()) in gaz.info()["imports"]
    # importing again replaces rows instead of duplicating names
    import_dump(dump, path)
    assert len(Gazetteer(path).by_norm("zendau")) == 1


def test_malformed_dump_names_the_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("1\tonly\tthree\n")
    with pytest.raises(GazetteerError, match=r"bad.txt:1: expected 19"):
        list(parse_dump(bad))


def test_gazetteer_pickles_by_path(small_gazetteer):
    import pickle

    copy = pickle.loads(pickle.dumps(small_gazetteer))
    assert copy.path == small_gazetteer.path and copy.get(301).name == "Al Fāshir"


def test_a_writer_finishing_meanwhile_does_not_break_another(tmp_path, world):
    """Each write has a temporary file of its own: a second writer finishing while the first is
    half-way (another process building the same cache) leaves both caches whole."""
    path = tmp_path / "g.sqlite"

    def places():
        yield from world[:3]
        write(path, world[3:6])  # the concurrent writer
        assert Gazetteer(path).get(world[3].entry.id) is not None
        yield from world[3:]

    assert write(path, places()) == len(world)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert Gazetteer(path).get(world[-1].entry.id).name == world[-1].entry.name
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_concurrent_loads_of_a_stale_cache_build_it_once(tmp_path, world, monkeypatch):
    import threading
    import time

    from frontlines.geo import gazetteer as gz

    path = tmp_path / "g.sqlite"
    builds = []

    def slow_build(p, *args):
        builds.append(p)
        time.sleep(0.3)  # long enough for the other thread to find the cache stale too
        write(p, world)

    monkeypatch.setattr(gz, "_build", slow_build)
    loaded = []
    threads = [threading.Thread(target=lambda: loaded.append(Gazetteer.load(path))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(builds) == 1 and len(loaded) == 2
    assert all(g.get(301).name == "Al Fāshir" for g in loaded)


def test_json_items_streams_an_object_member_by_member():
    import io
    import json

    from frontlines.geo.gazetteer import json_items

    data = {"1": {"name": "Zenda", "alternatenames": ["Zendau", "a, b}"], "population": 12000},
            "22": {"name": "Strelsau", "latitude": -45.25, "population": 900000}, "3": 7}
    text = json.dumps(data, indent=1)
    for chunk in (1, 5, 64, 1 << 20):  # members cut anywhere by the read size
        assert dict(json_items(io.StringIO(text), chunk=chunk)) == data
    assert list(json_items(io.StringIO("{}"))) == []
    with pytest.raises(GazetteerError, match="truncated"):
        list(json_items(io.StringIO(text[:-20]), chunk=8))
