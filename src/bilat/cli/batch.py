"""`bilat batch`: read, clean and extract input shards on Ray, into Parquet files that
`bilat load` stores."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bilat.cli.limits import MAX_CHARS_OPTION, MAX_SECONDS_OPTION
from bilat.config import Settings


def batch(
    sources: Annotated[list[str], typer.Argument(
        help="WARC, WARC.gz, JSONL, HTML or text files, or directories of them (with "
             "--listing: files listing WARC paths, one a line).")],
    out: Annotated[Path, typer.Option("--out", help="The folder the shards' files go to.")],
    listing: Annotated[bool, typer.Option(
        "--listing", help="SOURCES are listings of paths (Common Crawl's warc.paths).")
                       ] = False,
    workers: Annotated[int | None, typer.Option(
        help="CPUs of the local Ray this command starts (default: all).")] = None,
    address: Annotated[str | None, typer.Option(
        help="A running Ray cluster to use instead (ray://host:10001, or auto).")] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Refuse inputs larger than this.")
                         ] = None,
    max_chars: Annotated[int | None, MAX_CHARS_OPTION] = None,
    max_seconds: Annotated[float | None, MAX_SECONDS_OPTION] = None,
) -> None:
    """Clean and extract shards in parallel on Ray; a rerun does only the unfinished ones."""
    from bilat.cli.output import err, fail, terminal_safe
    from bilat.cli.output import out as stdout
    from bilat.errors import BadInput
    from bilat.shards.load import batch_errors
    from bilat.shards.ray_run import run_batch, start_ray
    from bilat.shards.sources import list_shards

    if workers is not None and workers < 1:
        fail(f"--workers {workers}: must be 1 or more")
    if workers is not None and address:
        fail("--workers sizes the local Ray; a cluster (--address) has its own CPUs")
    settings = Settings.from_env().with_overrides(
        max_input_bytes=max_bytes, max_text_chars=max_chars, max_seconds=max_seconds)
    try:
        shards = list_shards(sources, listing=listing)
    except BadInput as exc:
        fail(str(exc))
    if not shards:
        fail("no input files found in " + " ".join(terminal_safe(s) for s in sources))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"{terminal_safe(out)}: cannot be made ({exc.strerror or exc})")
    console = err()
    try:
        start_ray(workers, address)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = f"the Ray cluster at {address}" if address else "a local Ray"
        fail(f"cannot start or reach {where}: {' '.join(str(exc).split())[:300]}")

    def progress(r) -> None:
        console.print(f"done {terminal_safe(r.name)}: {r.documents} documents, "
                      f"{r.errors} failed")

    summary = run_batch(shards, out, settings,
                        progress=progress if console.is_terminal else None)
    for result in summary.done:
        for error in batch_errors(out, result.name):
            console.print(f"[red]failed[/red] {terminal_safe(result.name)}: "
                          f"{terminal_safe(error['input'] + ': ' + error['reason'])}")
    done = summary.done
    stdout().print(
        f"shards {len(done)} done, {len(summary.skipped)} already done; "
        f"{sum(r.documents for r in done)} documents, {sum(r.events for r in done)} events, "
        f"{sum(r.facts for r in done)} facts, failed {sum(r.errors for r in done)} -> "
        f"{terminal_safe(out)}")
    if any(r.errors for r in done):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)
