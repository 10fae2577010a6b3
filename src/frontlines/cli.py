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
