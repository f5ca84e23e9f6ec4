"""`bilat ingest`: read inputs into the store, with a progress line and a summary."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from bilat.cli.limits import MAX_CHARS_OPTION, MAX_SECONDS_OPTION
from bilat.cli.record import DB_OPTION
from bilat.config import Settings


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    db: Annotated[str | None, DB_OPTION] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Refuse inputs larger than this.")
                         ] = None,
    max_chars: Annotated[int | None, MAX_CHARS_OPTION] = None,
    max_seconds: Annotated[float | None, MAX_SECONDS_OPTION] = None,
    workers: Annotated[int | None, typer.Option(help="Processes to clean and extract with.")
                       ] = None,
) -> None:
    """Read, clean, deduplicate, extract and store documents."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from bilat.cli.output import err, fail, out, terminal_safe
    from bilat.ingest import ingest as run_ingest
    from bilat.store import StoreError, open_store, redact

    settings = Settings.from_env().with_overrides(
        db_path=db or None, max_input_bytes=max_bytes, workers=workers,
        max_text_chars=max_chars, max_seconds=max_seconds)
    try:
        store = open_store(settings.db_path)
    except StoreError as exc:
        fail(str(exc))
    console = err()
    show = console.is_terminal
    try:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                      console=console, transient=True, disable=not show) as bar:
            task = bar.add_task("reading", total=None)

            def progress(s) -> None:
                bar.update(task, description=f"read {s.read}, stored {s.stored}, "
                                             f"failed {len(s.failed)}")

            summary = run_ingest(paths, store, settings, stdin=sys.stdin.buffer,
                                 progress=progress)
    finally:
        store.close()
    print_failures(summary)
    out().print(f"{summary_text(summary)} -> {terminal_safe(redact(settings.db_path))}")
    if summary.failed:
        raise typer.Exit(1)


def print_failures(summary) -> None:
    """One line per input that could not be stored (`bilat ingest`, `bilat load`)."""
    from bilat.cli.output import err, terminal_safe

    for failure in summary.failed:
        err().print(f"[red]failed[/red] {terminal_safe(f'{failure.source}: {failure.reason}')}")


def summary_text(summary) -> str:
    """What an ingest (or a load) read and stored, in one line."""
    return (f"read {summary.read}, stored {summary.stored} ({summary.events} events, "
            f"{summary.facts} facts), duplicates {summary.exact_duplicates} exact / "
            f"{summary.near_duplicates} near, failed {len(summary.failed)}")


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
