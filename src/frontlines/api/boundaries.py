"""Admin-unit polygons for the control layer: imported once from a GeoJSON file into the cache dir.

Any boundaries file works (geoBoundaries, GADM, Natural Earth admin-1): each feature is kept
under its unit name, taken from the first property found among ``NAME_FIELDS`` (or the one the
user names). Coordinates are rounded to 5 decimals (about 1 m) to keep the file small.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import InputError

FILE_NAME = "boundaries.geojson"
NAME_FIELDS = ("shapeName", "name", "NAME", "NAME_2", "NAME_1", "name_en", "ADM2_EN", "ADM1_EN", "admin")
COUNTRY_FIELDS = ("shapeGroup", "GID_0", "adm0_a3", "iso_a2", "ADM0_EN", "COUNTRY", "admin")
EMPTY: dict[str, Any] = {"type": "FeatureCollection", "features": []}


def path_in(cache: Path) -> Path:
    return cache / FILE_NAME


def _round(coords: Any) -> Any:
    if isinstance(coords, (int, float)):
        return round(coords, 5)
    return [_round(c) for c in coords]


def _first(props: dict[str, Any], names: tuple[str, ...]) -> str | None:
    return next((str(props[n]) for n in names if props.get(n) not in (None, "")), None)


def normalise(data: dict[str, Any], source: str, name_field: str | None = None) -> dict[str, Any]:
    """A FeatureCollection of (Multi)Polygons with properties ``name`` and ``country`` only."""
    if data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise InputError(source, "not a GeoJSON FeatureCollection")
    names = (name_field,) if name_field else NAME_FIELDS
    features = []
    for feature in data["features"]:
        geometry = feature.get("geometry") or {}
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        props = feature.get("properties") or {}
        name = _first(props, names)
        if name is None:
            continue
        features.append({"type": "Feature",
                         "properties": {"name": name, "country": _first(props, COUNTRY_FIELDS)},
                         "geometry": {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])}})
    if not features:
        fields = ", ".join(names)
        raise InputError(source, f"no polygon feature has a name property ({fields}); pass --name-field")
    return {"type": "FeatureCollection", "features": features}


def import_file(path: Path, cache: Path, name_field: str | None = None, replace: bool = False) -> int:
    """Merge the polygons of ``path`` into the cache's boundaries file; returns the number of units.

    Units already imported keep their polygon unless ``replace`` (a later import of the same
    name wins then); other countries' units imported earlier stay.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"cannot read GeoJSON: {exc}") from exc
    new = normalise(data, str(path), name_field)
    target = path_in(cache)
    old = load(target)["features"]
    key = lambda f: (f["properties"]["country"], f["properties"]["name"])  # noqa: E731
    merged = {key(f): f for f in old}
    for feature in new["features"]:
        if replace or key(feature) not in merged:
            merged[key(feature)] = feature
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps({"type": "FeatureCollection", "features": list(merged.values())},
                              separators=(",", ":")), encoding="utf-8")
    tmp.replace(target)
    return len(new["features"])


def load(path: Path) -> dict[str, Any]:
    """The imported boundaries, or an empty FeatureCollection when none were imported."""
    if not path.exists():
        return EMPTY
    return json.loads(path.read_text(encoding="utf-8"))
