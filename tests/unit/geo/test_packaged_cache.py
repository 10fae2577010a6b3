"""The one test module that builds the gazetteer from the packaged GeoNames data.

It builds once per session, restricted to two countries and the smallest city file to stay
fast, into a temporary
FRONTLINES_CACHE, and drives the CLI commands over it.
"""

import json
import os
import shutil

import pytest
from click.testing import CliRunner

from frontlines.cli import main
from frontlines.geo import geoparse_text
from frontlines.geo.gazetteer import Gazetteer, build, default_path



@pytest.fixture(scope="session")
def packaged(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    old = os.environ.get("FRONTLINES_CACHE")
    os.environ["FRONTLINES_CACHE"] = str(cache)
    try:
        build(default_path(), countries=["SD", "UA"], min_population=15000)  # the smallest city file
        yield Gazetteer.load(build_missing=False)
    finally:
        if old is None:
            os.environ.pop("FRONTLINES_CACHE", None)
        else:
            os.environ["FRONTLINES_CACHE"] = old


def test_packaged_build_has_admin_names_and_points(packaged):
    info = packaged.info()
    assert info["countries"] == "SD,UA"
    assert info["places"]["admin1"] >= 30 and info["places"]["admin2"] > 100
    assert info["places"]["country"] > 200  # every country is kept for country mentions
    found = {p.mention: p for p in geoparse_text(
        "Fighting in Kharkiv oblast spread while El Fasher in North Darfur was besieged by the RSF.", None, packaged)}
    assert found["Kharkiv"].kind == "admin1" and found["Kharkiv"].country_code == "UA"
    fasher = found["El Fasher"]
    assert fasher.country_code == "SD" and fasher.admin1 == "North Darfur"
    assert abs(fasher.lat - 13.6) < 0.3 and abs(fasher.lon - 25.35) < 0.3
    assert found["North Darfur"].kind == "admin1" and found["North Darfur"].lat is not None


def test_cli_geoparse_prints_resolutions(packaged, nlp, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Clashes near Omdurman\n\nSudanese army units clashed with the RSF near Omdurman "
                       "and in Kutum, North Darfur, residents said on Sunday.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["geoparse", "--json", str(article)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {r["mention"] for r in rows} >= {"Omdurman", "Kutum", "North Darfur"}
    assert {r["country_code"] for r in rows} == {"SD"}


def test_cli_import_and_info(packaged, tmp_path, monkeypatch, geonames_dump):
    copy = tmp_path / "cache"
    copy.mkdir()
    shutil.copy(packaged.path, copy / packaged.path.name)
    monkeypatch.setenv("FRONTLINES_CACHE", str(copy))
    dump = tmp_path / "RR.txt"
    dump.write_text(geonames_dump, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["gazetteer", "import", str(dump)])
    assert result.exit_code == 0, result.output
    info = json.loads(runner.invoke(main, ["gazetteer", "info"]).output)
    assert info["imports"] == [str(dump.resolve())]
    assert {e.id for e, _ in Gazetteer(copy / packaged.path.name).by_norm("zenda")} == {9000003, 9000004}


def test_provinces_sit_at_their_seats_not_their_biggest_town(packaged):
    """admin_seats.json names seats the packaged data cannot tell (no capital marks):
    the seat may lie in another province's code (Kyiv for the region around it)."""
    def point(cc, a1):
        e = packaged.admin(cc, a1)
        return round(e.lat, 1), round(e.lon, 1)

    kyiv = next(e for e, _ in packaged.by_norm("kyiv") if e.kind == "populated_place")
    assert point("UA", "13") == (round(kyiv.lat, 1), round(kyiv.lon, 1))  # not Bila Tserkva
    rabak = next(e for e, _ in packaged.by_norm("rabak") if e.kind == "populated_place")
    assert point("SD", "41") == (round(rabak.lat, 1), round(rabak.lon, 1))  # not Kosti, its biggest town


def test_units_differing_by_a_direction_form_a_region(packaged):
    from frontlines.geo.gazetteer import _region_base

    assert _region_base("North Zardak Zone") == "Zardak" and _region_base("Sud-Zardak") == "Zardak"
    assert _region_base("North-West") is None and _region_base("Zardak Province") is None
    (darfur,) = [p for p in geoparse_text("Fighting spread across Darfur and into Chad.", None, packaged)
                 if p.mention == "Darfur"]
    assert (darfur.kind, darfur.country_code, darfur.geonameid, darfur.geo_precision) == ("other", "SD", None, 3)
    assert 10 < darfur.lat < 15 and 22 < darfur.lon < 27  # between its five states
