#!/usr/bin/env bash
# Refresh the web page's vendored assets from npm (the committed copies make a fresh clone work without npm).
# Leaflet (map), topojson-client (TopoJSON -> GeoJSON in the page), world-atlas (Natural Earth country outlines).
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$HERE/src/frontlines/web/vendor"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent leaflet@1.9 topojson-client@3 world-atlas@2
rm -rf "$DEST"
mkdir -p "$DEST/images"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$DEST/"
cp node_modules/leaflet/dist/images/*.png "$DEST/images/"
cp node_modules/leaflet/LICENSE "$DEST/LICENSE.leaflet"
cp node_modules/topojson-client/dist/topojson-client.min.js "$DEST/"
cp node_modules/topojson-client/LICENSE "$DEST/LICENSE.topojson-client"
cp node_modules/world-atlas/countries-110m.json "$DEST/"
cp node_modules/world-atlas/LICENSE "$DEST/LICENSE.world-atlas"
{
  echo "leaflet $(node -p "require('./node_modules/leaflet/package.json').version")"
  echo "topojson-client $(node -p "require('./node_modules/topojson-client/package.json').version")"
  echo "world-atlas $(node -p "require('./node_modules/world-atlas/package.json').version") (Natural Earth 1:110m, public domain)"
} > "$DEST/VERSIONS"
echo "vendored into $DEST:" >&2
du -sh "$DEST" >&2
