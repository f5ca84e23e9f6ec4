"""`bilat timeline A B`: the chronological record of a relationship."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bilat.cli.record import DB_OPTION

FORMATS = ("terminal", "md", "json", "html")


def timeline(
    a: Annotated[str, typer.Argument(help="A country: ISO code or name in any language.")],
    b: Annotated[str, typer.Argument(help="The other country.")],
    db: Annotated[str | None, DB_OPTION] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the labels: en or vi.")
                    ] = "en",
    fmt: Annotated[str, typer.Option("--format", help="terminal, md, json or html.")
                   ] = "terminal",
    since: Annotated[str | None, typer.Option(help="From this date (YYYY[-MM[-DD]]).")
                     ] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to a file.")
                      ] = None,
    limit: Annotated[int, typer.Option(help="Show the latest this many events (0: all).")
                     ] = 500,
) -> None:
    """Events between two countries, oldest first, each with its sources."""
    from bilat.analysis.gazetteer import country_name
    from bilat.cli.output import fail, out, terminal_safe
    from bilat.cli.record import open_record, resolve
    from bilat.know import timeline as tl
    from bilat.store.record import count_merged, merged_events, pair_timeline

    if fmt not in FORMATS:
        fail(f"--format {fmt}: choose one of {', '.join(FORMATS)}")
    if lang not in ("en", "vi"):
        fail(f"--lang {lang}: choose en or vi")
    ca, cb = resolve(a), resolve(b)
    store = open_record(db)
    try:
        if since or until:
            events = merged_events(store, [ca, cb], since=since, until=until,
                                   limit=limit or None)
            total = (count_merged(store, [ca, cb]) if limit and len(events) == limit
                     else len(events))
        else:
            events, total = pair_timeline(store, ca, cb, limit or None)
    finally:
        store.close()
    if total > len(events):
        from bilat.cli.output import err

        err().print(f"the latest {len(events)} of {total} events; --limit 0 shows them all")
    title = f"{country_name(ca, lang)} – {country_name(cb, lang)}"
    if fmt != "json":  # JSON keeps the status as stored (SCHEMA.md "Merged events")
        import datetime as dt

        from bilat.know.status import with_status_now

        events = with_status_now(events, dt.date.today())  # statuses as a reader reads them
    if fmt == "terminal" and output is None:
        _print_lines(events, title, lang)
        return
    writer = {"md": tl.to_markdown, "html": tl.to_html}.get(fmt)
    rendered = writer(events, title, lang) if writer else tl.to_json(events) + "\n"
    if output is None:
        typer.echo(rendered, nl=False)
    else:
        output.write_text(rendered, encoding="utf-8")
        out().print(f"{len(events)} events -> {terminal_safe(output)}")


def _print_lines(events: list[dict], title: str, lang: str) -> None:
    """One block per event: date, type and source count on a line, then what happened,
    who, and where to read it; reads well at any terminal width."""
    from bilat.cli.output import out
    from bilat.cli.output import terminal_safe as escape  # article text: no markup, no controls
    from bilat.know import timeline as tl

    console = out()
    console.print(f"[bold]{escape(title)}[/bold]: {len(events)}")
    for e in events:
        date = tl.format_date(e["date_start"], e["date_end"], lang)
        kind = tl.type_label(e["type"], lang) + tl.status_note(e, lang)
        console.print(f"\n[bold]{escape(date)}[/bold]  {escape(kind)}  "
                      f"[dim]{tl.column('source_count', lang)}: {e['source_count']}[/dim]")
        console.print(f"  {escape(e['evidence'] or '')}")
        if e["people"]:
            console.print(f"  [dim]{tl.column('people', lang)}:[/dim] "
                          f"{escape(', '.join(e['people']))}")
        for s in e["sources"]:
            console.print(f"  [dim]- {escape(s.get('language') or '?')}[/dim] "
                          f"{escape(tl.source_ref(s))}", soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("timeline")(timeline)
