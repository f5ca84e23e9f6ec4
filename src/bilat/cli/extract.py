"""`bilat extract`: events and facts of each input document, as JSON Lines on stdout."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from bilat.cli.limits import MAX_CHARS_OPTION, MAX_SECONDS_OPTION
from bilat.config import Settings
from bilat.model import ReadError


def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl (one object per line) or json.")
                   ] = "jsonl",
    text: Annotated[bool, typer.Option("--text", help="Add the clean text to each record.")
                    ] = False,
    workers: Annotated[int, typer.Option(help="Processes to use.")] = 1,
    max_bytes: Annotated[int | None, typer.Option(help="Refuse inputs larger than this.")
                         ] = None,
    max_chars: Annotated[int | None, MAX_CHARS_OPTION] = None,
    max_seconds: Annotated[float | None, MAX_SECONDS_OPTION] = None,
) -> None:
    """Extract events and facts (../shared/SCHEMA.md) from each document."""
    from bilat.batch import run
    from bilat.extract.record import document_record
    from bilat.know.escaping import printable

    if fmt not in ("jsonl", "json"):
        raise typer.BadParameter("must be jsonl or json", param_hint="--format")
    settings = Settings.from_env().with_overrides(workers=workers, max_input_bytes=max_bytes,
                                                  max_text_chars=max_chars,
                                                  max_seconds=max_seconds)
    failed = 0
    records = []
    out = sys.stdout
    for outcome in run(paths, settings, stdin=sys.stdin.buffer):
        if isinstance(outcome, ReadError):
            failed += 1
            # a file name or a reason may hold ESC and the like: shown, not obeyed
            print(f"bilat: {printable(outcome.source)}: {printable(outcome.reason)}",
                  file=sys.stderr)
            continue
        record = document_record(*outcome, with_text=text)
        if fmt == "jsonl":
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            records.append(record)
    if fmt == "json":
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
