"""Per-input limits as options, shared by the commands that read inputs (ingest, extract);
their defaults live in bilat.config.Settings."""

from __future__ import annotations

import typer

MAX_CHARS_OPTION = typer.Option(
    help="Refuse a document whose article text is longer than this many characters.")
MAX_SECONDS_OPTION = typer.Option(
    help="Give up on a document after this many seconds of cleaning and extracting.")
