"""`bilat docs`: list stored documents; `bilat docs show ID`: one document in full."""

from __future__ import annotations

from typing import Annotated

import typer

from bilat.cli.record import DB_OPTION

app = typer.Typer(help="Stored documents.", invoke_without_command=True, no_args_is_help=False)
JSON_OPTION = typer.Option("--json", help="Machine-readable output.")


def _open(db: str | None):
    from bilat.cli.record import open_existing

    return open_existing(db, read_only=True)


@app.callback()
def docs(
    ctx: typer.Context,
    db: Annotated[str | None, DB_OPTION] = None,
    as_json: Annotated[bool, JSON_OPTION] = False,
    limit: Annotated[int | None, typer.Option(help="Show at most this many.")] = None,
) -> None:
    """List stored documents."""
    if ctx.invoked_subcommand is not None:
        return
    from rich.table import Table

    from bilat.cli.output import out, print_json
    from bilat.cli.output import terminal_safe as safe

    store = _open(db)
    try:
        rows = store.list_documents(limit)
    finally:
        store.close()
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"{len(rows)} documents")
    for name, width in (("id", 16), ("lang", 4), ("published", 10), ("events", 6),
                        ("facts", 5)):
        table.add_column(name, no_wrap=True, min_width=width)
    table.add_column("title", max_width=70)
    for r in rows:
        # cells are rich markup: every stored string goes in escaped
        title = safe((r["title"] or "")[:70]) + (" (near-duplicate)" if r["duplicate_of"] else "")
        table.add_row(safe(r["doc_id"]), safe(r["language"]), safe(r["published"]),
                      str(r["events"]), str(r["facts"]), title)
    out().print(table)


@app.command("show")
def show(
    key: Annotated[str, typer.Argument(help="A document id, content id or its prefix.")],
    db: Annotated[str | None, DB_OPTION] = None,
    as_json: Annotated[bool, JSON_OPTION] = False,
) -> None:
    """Print one document: metadata, clean text, events and facts."""
    from bilat.cli.output import fail, out, print_json
    from bilat.cli.output import terminal_safe as safe

    store = _open(db)
    try:
        matches = store.find_documents(key)
        if not matches:
            fail(f"{key}: no such document")
        if len(matches) > 1:
            fail(f"{key}: {len(matches)} documents match; give more of the content id")
        doc = store.get_document(matches[0])
    finally:
        store.close()
    if as_json:
        print_json(doc)
        return
    console = out()
    # everything below comes from the document: printed as text, never as markup
    console.print(f"[bold]{safe(doc['title'] or doc['doc_id'])}[/bold]")
    for name in ("doc_id", "content_id", "language", "published", "source", "url", "site",
                 "dateline", "byline", "duplicate_of"):
        if doc.get(name):
            console.print(f"[dim]{name}:[/dim] {safe(doc[name])}")
    console.print()
    console.print(safe(doc["text"], multiline=True))
    if doc["events"]:
        console.print("\n[bold]events[/bold]")
        for e in doc["events"]:
            console.print(f"  {safe(e['date_start'] or '?')}  {safe(e['type'])}  "
                          f"{safe(', '.join(e['actors']))}  ({safe(e['status'])})  "
                          f"{safe(', '.join(e['people'] or []))}")
    if doc["facts"]:
        console.print("\n[bold]facts[/bold]")
        for f in doc["facts"]:
            console.print(f"  {safe(f['period'] or '?')}  {safe(f['metric'])}  "
                          f"{safe(f['from_country'])}→{safe(f['to_country'])}  "
                          f"{f['value']:,.0f} {safe(f['unit'])}")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="docs")
