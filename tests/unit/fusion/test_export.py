import csv
import io
import json
from dataclasses import replace

from fusion_builders import claim, make_article, make_mention

from frontlines.export import ACLED_COLUMNS, acled_row, event_feature, write_acled_csv, write_geojson
from frontlines.fusion.merge import SourcedReport, fuse
from frontlines.fusion.sources import SourceRegistry


def _event(outlets=("Reuters",), **kwargs):
    registry = SourceRegistry.load()
    reports = [SourcedReport(f"d{i}#e1", f"d{i}.txt", make_mention(**kwargs),
                             registry.identify(make_article(f"d{i}.txt", f"story number {i}", outlet)))
               for i, outlet in enumerate(outlets)]
    return fuse("ev-1", reports)


def test_acled_row_uses_acleds_vocabularies():
    event = replace(_event(("Reuters", "Varonia Herald")), inter1="Rebel group", inter2="State forces",
                    country="Afghanistan", iso=4)
    row = acled_row(event, "2031-05-02T10:00:00+00:00")
    assert list(row) == list(ACLED_COLUMNS)
    assert (row["region"], row["disorder_type"], row["interaction"]) == (
        "South Asia", "Political violence", "State forces-Rebel group")
    assert (row["source"], row["source_scale"]) == ("Reuters; Varonia Herald", "International-Other")
    assert row["timestamp"] == 1935482400 and row["time_precision"] == 1


def test_civilian_targeting_mob_violence_and_lone_actors():
    attack = replace(_event(event_type="Violence against civilians", sub="Attack", actor2="Civilians (Varonia)"),
                     inter1="Political militia", inter2="Civilians")
    assert acled_row(attack)["civilian_targeting"] == "Civilians targeted"
    assert acled_row(attack)["timestamp"] == ""
    mob = replace(_event(event_type="Riots", sub="Mob violence", actor2=None), inter1="Rioters", inter2=None)
    row = acled_row(mob)
    assert (row["disorder_type"], row["interaction"], row["actor2"]) == ("Political violence", "Rioters only", "")
    contested = _event(claims=(claim("Coastal Militia", "claims"), claim("Varonian army", "denies")))
    assert acled_row(contested)["tags"] == "contested: claimed by Coastal Militia, denied by Varonian army"


def test_csv_and_geojson_writers_stream_every_event():
    events = [_event(), replace(_event(), id="ev-2", latitude=None, longitude=None)]
    out = io.StringIO()
    assert write_acled_csv(((e, None) for e in events), out) == 2
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS and [r[0] for r in rows[1:]] == ["ev-1", "ev-2"]
    out = io.StringIO()
    assert write_geojson((event_feature(e) for e in events), out) == 2
    features = json.loads(out.getvalue())["features"]
    assert features[0]["geometry"]["coordinates"] == [19.25, 41.5] and features[1]["geometry"] is None
    assert "latitude" not in features[0]["properties"]
