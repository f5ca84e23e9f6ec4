"""`bilat merge`: rebuild the record (one event per real happening) from stored events."""

from __future__ import annotations

from typing import Annotated

import typer

from bilat.cli.record import DB_OPTION
from bilat.config import Settings


def merge(db: Annotated[str | None, DB_OPTION] = None) -> None:
    """Merge reports of the same happening across documents and languages."""
    from bilat.cli.output import out
    from bilat.cli.record import open_existing
    from bilat.know.merge import remerge

    settings = Settings.from_env()
    store = open_existing(db, settings)
    try:
        s = remerge(store, settings.embedder, duckdb_memory=settings.duckdb_memory)
    finally:
        store.close()
    out().print(f"{s.reports} reports -> {s.merged} events ({s.multi_source} with several "
                f"sources); {s.embedded} evidence sentences embedded")


def register(app: typer.Typer) -> None:
    app.command("merge")(merge)
