"""`bilat search "query"`: hybrid search over stored documents and events; `bilat index`:
build the search index (search builds what is missing by itself)."""

from __future__ import annotations

from typing import Annotated

import typer

from bilat.cli.record import DB_OPTION
from bilat.config import Settings

JSON_OPTION = typer.Option("--json", help="Machine-readable output.")


def _settings(db: str | None) -> Settings:
    return Settings.from_env().with_overrides(db_path=db or None)


def _open_indexed(settings: Settings, quiet: bool = False):
    """The store, its index brought up to date (with a progress bar on stderr)."""
    from bilat.cli.record import open_existing
    from bilat.know.embed import get_embedder
    from bilat.know.index import pending

    # Read-only first: a search over an indexed store takes no write lock, so several can
    # run at once; the store is reopened for writing only when something needs indexing.
    store = open_existing(None, settings, read_only=True)
    if store.version < _schema_version() or any(pending(store)):
        store.close()
        store = open_existing(None, settings)
        _index(store, get_embedder(settings.embedder), quiet, settings.duckdb_memory)
    return store


def _schema_version() -> int:
    from bilat.store.migrations import MIGRATIONS

    return len(MIGRATIONS)


def _index(store, embedder, quiet: bool, duckdb_memory: str):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from bilat.cli.output import err
    from bilat.know.index import build_index

    console = err()
    with Progress("[progress.description]{task.description}", BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True,
                  disable=quiet or not console.is_terminal) as bar:
        task = bar.add_task("indexing", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return build_index(store, embedder, progress=progress, duckdb_memory=duckdb_memory)


def index(
    db: Annotated[str | None, DB_OPTION] = None,
    as_json: Annotated[bool, JSON_OPTION] = False,
) -> None:
    """Index stored documents and events for `bilat search` (only what is not indexed yet)."""
    from dataclasses import asdict

    from bilat.cli.output import out, print_json, terminal_safe
    from bilat.cli.record import open_existing
    from bilat.know.embed import get_embedder
    from bilat.store import redact

    settings = _settings(db)
    store = open_existing(None, settings)
    try:
        summary = _index(store, get_embedder(settings.embedder), as_json,
                         settings.duckdb_memory)
    finally:
        store.close()
    if as_json:
        print_json(asdict(summary))
        return
    out().print(f"indexed {summary.documents} documents, {summary.events} events "
                f"({summary.lists} vector list{'s' if summary.lists != 1 else ''}, "
                f"{summary.seconds:.1f} s) -> {terminal_safe(redact(settings.db_path))}")


def search(
    query: Annotated[str, typer.Argument(help="What to look for, in any language.")],
    country: Annotated[list[str] | None, typer.Option(
        "--country", help="ISO code of a country involved (repeatable).")] = None,
    type_: Annotated[list[str] | None, typer.Option(
        "--type", help="Event type, e.g. VISIT (repeatable).")] = None,
    since: Annotated[str | None, typer.Option(help="From this date: YYYY[-MM[-DD]].")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date: YYYY[-MM[-DD]].")] = None,
    lang: Annotated[list[str] | None, typer.Option(
        "--lang", help="Language of the report, e.g. vi (repeatable).")] = None,
    kind: Annotated[list[str] | None, typer.Option(
        "--kind", help="document or event (repeatable).")] = None,
    limit: Annotated[int, typer.Option(help="Show at most this many.", min=1)] = 10,
    db: Annotated[str | None, DB_OPTION] = None,
    as_json: Annotated[bool, JSON_OPTION] = False,
) -> None:
    """Find documents and events by words and meaning, across languages."""
    from bilat.cli.output import fail, print_json
    from bilat.know.embed import get_embedder
    from bilat.know.index import search as run_search
    from bilat.know.search import Filters, check_query

    try:
        check_query(query)
        filters = Filters(countries=tuple(country or ()), types=tuple(type_ or ()),
                          languages=tuple(lang or ()), since=since, until=until,
                          kinds=tuple(kind or ()))
    except ValueError as exc:
        fail(str(exc))
    settings = _settings(db)
    store = _open_indexed(settings, quiet=as_json)
    try:
        hits = run_search(store, get_embedder(settings.embedder), query, filters, limit)
    finally:
        store.close()
    if as_json:
        print_json([h.as_dict() for h in hits])
        return
    _print_hits(query, hits)


def _print_hits(query: str, hits: list) -> None:
    """One block per hit: rank, kind, date, language, document and types on a line, then the
    title or evidence; reads well at any terminal width."""
    from bilat.cli.output import out
    from bilat.cli.output import terminal_safe as escape  # article text: no markup, no controls

    console = out()
    console.print(f"[bold]{len(hits)} results for {escape(repr(query))}[/bold]")
    for h in hits:
        kind = "doc" if h.kind == "document" else "event"
        text = h.title if h.kind == "document" else h.text
        console.print(f"\n[bold]{h.rank}.[/bold] {kind}  {escape(h.date or '?')}  "
                      f"{escape(h.language or '?')}  {escape(h.doc_id)}  "
                      f"[dim]{escape(h.type or '')}  score {h.score:.3f}[/dim]")
        console.print(f"   {escape((text or '')[:300])}")


def register(app: typer.Typer) -> None:
    app.command("search")(search)
    app.command("index")(index)
