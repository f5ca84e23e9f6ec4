"""`bilat export`: merged events or fact series as JSON Lines, CSV, Parquet or PLOVER."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from bilat.cli.record import DB_OPTION

FORMATS = ("jsonl", "csv", "parquet", "plover")


def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv, parquet or plover.")
                   ] = "jsonl",
    table: Annotated[str, typer.Option("--table", help="events (merged) or facts (series).")
                     ] = "events",
    country: Annotated[list[str] | None, typer.Option(
        "--country", help="Only what involves this country (repeat for a pair).")] = None,
    db: Annotated[str | None, DB_OPTION] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output",
                                                help="Write here (stdout if absent).")] = None,
) -> None:
    """Export the record for other tools."""
    from bilat.cli.output import err, fail, terminal_safe
    from bilat.cli.record import open_record, resolve
    from bilat.know import export as ex
    from bilat.know.series import build_series
    from bilat.know.status import with_status_now
    from bilat.store.record import facts_between, merged_events

    if fmt not in FORMATS:
        fail(f"--format {fmt}: choose one of {', '.join(FORMATS)}")
    if table not in ("events", "facts"):
        fail(f"--table {table}: choose events or facts")
    if fmt == "plover" and table != "events":
        fail("--format plover: PLOVER holds events only")
    if fmt == "parquet" and output is None:
        fail("--format parquet: give a file with -o")
    codes = [resolve(c) for c in country or []]
    store = open_record(db)
    try:
        if table == "events":
            events = with_status_now(merged_events(store, codes), dt.date.today())
            rows = ex.plover_rows(events) if fmt == "plover" else ex.event_rows(events)
            columns = ex.PLOVER_COLUMNS if fmt == "plover" else ex.EVENT_COLUMNS
        else:
            facts = facts_between(store, *codes[:2])
            rows, columns = ex.fact_rows(build_series(facts)), ex.FACT_COLUMNS
    finally:
        store.close()
    if fmt == "parquet":
        from bilat.store.files import write_parquet

        write_parquet(rows, columns, output)
    else:
        stream = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            if fmt == "csv":
                writer = csv.DictWriter(stream, fieldnames=list(columns))
                writer.writeheader()
                writer.writerows(ex.flat(r) for r in rows)
            else:
                for r in rows:
                    stream.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        finally:
            if output:
                stream.close()
    if output:
        err().print(f"{len(rows)} {table} -> {terminal_safe(output)}")


def register(app: typer.Typer) -> None:
    app.command("export")(export)
