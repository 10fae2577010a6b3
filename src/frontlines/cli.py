"""The `frontlines` command line: thin click commands over the library.

Data goes to stdout; progress, summaries and errors go to stderr.
"""

from __future__ import annotations

import json
import sys

import click

from . import __version__


@click.group()
@click.version_option(__version__, prog_name="frontlines")
def main() -> None:
    """Turn conflict reporting into sourced, geocoded, ACLED-coded events."""


@main.command()
@click.argument("targets", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
def extract(targets: tuple[str, ...], fmt: str) -> None:
    """Run the whole pipeline over TARGETS (files, folders, URLs) and print one record per document."""
    from .ingest.sources import read
    from .pipeline import Failure, Pipeline

    failed = 0
    for item in Pipeline().run(read(targets)):
        if isinstance(item, Failure):
            failed += 1
            click.echo(f"error: {item.source}: {item.reason}", err=True)
            continue
        record = item.to_contract()
        if fmt == "jsonl":
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            click.echo(f"{record['doc']}\t{record['published']}\t{len(record['places'])} places\t"
                       f"{len(record['events'])} events\t{record['title']}")
    if failed:
        sys.exit(1)


@main.command()
@click.option("--db", help="SQLite file or SQLAlchemy URL [default: ./frontlines.db or $FRONTLINES_DB].")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--token", envvar="FRONTLINES_TOKEN",
              help="Token for POST /api/ingest [$FRONTLINES_TOKEN]; without one ingest is disabled (403).")
def serve(db: str | None, host: str, port: int, token: str | None) -> None:
    """Serve the map page at / and the REST API at /api (OpenAPI at /docs)."""
    import uvicorn

    from .api import boundaries
    from .api.app import ApiSettings, create_app
    from .errors import StoreError
    from .settings import cache_dir, database_url
    from .store import Store

    try:
        store = Store.open(database_url(db))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    settings = ApiSettings(token=token or None, boundaries=boundaries.path_in(cache_dir()))
    click.echo(f"frontlines: http://{host}:{port}/ (ingest {'on' if token else 'off'})", err=True)
    try:
        uvicorn.run(create_app(store, settings), host=host, port=port, log_level="warning")
    finally:
        store.close()


@main.group("boundaries")
def boundaries_group() -> None:
    """Admin-unit polygons for the map's control layer (kept in the cache directory)."""


@boundaries_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--name-field", help="Feature property holding the unit name [default: shapeName, name, NAME_2, ...].")
@click.option("--replace", is_flag=True, help="Replace units already imported under the same name.")
def boundaries_import(path: str, name_field: str | None, replace: bool) -> None:
    """Import admin-unit polygons from a GeoJSON file (geoBoundaries, GADM, Natural Earth admin-1)."""
    from pathlib import Path

    from .api import boundaries
    from .errors import InputError
    from .settings import cache_dir

    try:
        count = boundaries.import_file(Path(path), cache_dir(), name_field, replace)
    except InputError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"imported {count} units into {boundaries.path_in(cache_dir())}", err=True)
