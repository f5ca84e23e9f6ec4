"""`bilat load`: store the shards `bilat batch` wrote, then merge the record."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bilat.cli.record import DB_OPTION
from bilat.config import Settings


def load(
    folder: Annotated[Path, typer.Argument(help="The --out folder of `bilat batch`.")],
    db: Annotated[str | None, DB_OPTION] = None,
) -> None:
    """Store a batch's documents, events and facts once (deduplicated as ingest does)."""
    from bilat.cli.output import err, fail, out, terminal_safe
    from bilat.errors import BadInput
    from bilat.know.merge import remerge
    from bilat.shards.load import load as run_load
    from bilat.shards.load import require_batch
    from bilat.shards.tables import ShardMismatch
    from bilat.store import StoreError, open_store, redact

    settings = Settings.from_env().with_overrides(db_path=db or None)
    try:
        require_batch(folder)
    except BadInput as exc:
        fail(str(exc))  # before the store is opened: a mistyped folder makes no store
    try:
        store = open_store(settings.db_path)
    except StoreError as exc:
        fail(str(exc))
    try:
        try:
            summary = run_load(folder, store, settings)
        except (BadInput, ShardMismatch) as exc:
            fail(str(exc))
        merged = remerge(store, settings.embedder, duckdb_memory=settings.duckdb_memory)
    finally:
        store.close()
    from bilat.cli.ingest import print_failures, summary_text

    s = summary.stored
    print_failures(s)
    if summary.batch_errors:
        err().print(f"{sum(summary.batch_errors.values())} inputs of "
                    f"{len(summary.batch_errors)} shards could not be read by the batch "
                    f"(listed in {terminal_safe(folder / 'errors')})")
    out().print(
        f"shards {summary.shards} ({summary.skipped} already stored): {summary_text(s)}; "
        f"merged {merged.reports} reports into {merged.merged} events -> "
        f"{terminal_safe(redact(settings.db_path))}")
    if s.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("load")(load)
