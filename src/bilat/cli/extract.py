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
    explain: Annotated[bool, typer.Option(
        "--explain", help="Print, per sentence, each candidate event and what each step "
                          "decided about it and why (instead of JSON).")] = False,
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
    if explain:
        raise typer.Exit(_explain(paths, settings))
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


def _explain(paths: list[str], settings: Settings) -> int:
    """The trace of every document, sentence by sentence; 1 when some input failed."""
    from bilat.analysis.sentences import split_sentences
    from bilat.clean import clean_document
    from bilat.cli.output import out, terminal_safe
    from bilat.errors import BadInput
    from bilat.extract import extract_document, trace
    from bilat.readers import read_inputs

    console = out()
    failed = 0
    for raw in read_inputs(paths, settings, stdin=sys.stdin.buffer):
        if isinstance(raw, ReadError):
            console.print(f"[red]failed[/red] {terminal_safe(f'{raw.source}: {raw.reason}')}")
            failed += 1
            continue
        try:
            doc = clean_document(raw)
        except BadInput as exc:
            console.print(f"[red]failed[/red] {terminal_safe(f'{raw.source}: {exc}')}")
            failed += 1
            continue
        with trace.tracing() as notes:
            extraction = extract_document(doc, settings.max_sentence_chars)
        console.print(f"[bold]{terminal_safe(doc.doc_id)}[/bold]  language "
                      f"{terminal_safe(doc.language or '?')}, published "
                      f"{terminal_safe(doc.published or '?')}, {len(extraction.events)} "
                      f"events, {len(extraction.facts)} facts")
        by_sentence = trace.by_sentence(notes)
        for n in by_sentence.pop(None, []):
            console.print(f"  {n.step}: {terminal_safe(n.reason)}")
        sentences = split_sentences(doc.text, doc.language, settings.max_sentence_chars)
        for s in sentences:
            if s.index not in by_sentence:
                continue
            text = s.text if len(s.text) <= 200 else s.text[:199] + "…"
            console.print(f"  [dim]{s.index}[/dim] {terminal_safe(text)}")
            for n in by_sentence[s.index]:
                colour = {"dropped": "red", "kept": "green", "found": "cyan"}.get(
                    n.verdict, "yellow")
                console.print(f"      [{colour}]{n.verdict:7s}[/{colour}] {n.step:11s} "
                              f"{terminal_safe(n.subject)}: {terminal_safe(n.reason)}")
    return 1 if failed else 0


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
