"""`bilat dossier A B`: one report on two countries' relations (Markdown or one HTML file);
`bilat dossier A`: one country's partners at a glance."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from bilat.cli.record import DB_OPTION
from bilat.config import Settings

LANGS = ("en", "vi")
FORMATS = ("md", "html")


def _code(name: str) -> str:
    """A country by ISO code or by name in any supported language, or exit 2."""
    from bilat.analysis.gazetteer import resolve_country
    from bilat.cli.output import fail

    code = resolve_country(name)
    if code is None:
        fail(f"{name}: unknown country (try an ISO code such as VN)")
    return code


def _write(text: str, output: Path | None) -> None:
    from bilat.cli.output import err, terminal_safe

    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    output.write_text(text, encoding="utf-8")
    err().print(f"wrote {terminal_safe(output)}")


def _pair(store, a: str, b: str, lang: str, fmt: str, today: dt.date) -> str:
    from bilat.know.dossier import dossier_html, dossier_markdown
    from bilat.know.views import pair_dossier

    dossier = pair_dossier(store, a, b, today)
    return dossier_html(dossier, lang) if fmt == "html" else dossier_markdown(dossier, lang)


def _print_partners(country: str, rows: list, lang: str) -> None:
    """The terminal view: one table of counts, then each partner's latest events."""
    from rich.table import Table

    from bilat.analysis.gazetteer import country_name
    from bilat.cli.output import out
    from bilat.cli.output import terminal_safe as safe
    from bilat.know.dossier import event_label, show_date, types_present
    from bilat.know.labels import labels

    lab = labels(lang)
    col = lab["column"]
    console = out()
    if not rows:
        console.print(lab["text"]["no_partners"])
        return
    # one "by type" column, not one per type: a terminal is narrower than a report
    table = Table(title=lab["heading"]["partners"].format(a=country_name(country, lang)))
    table.add_column(col["partner"], no_wrap=True)
    table.add_column(col["total"], justify="right")
    table.add_column(col["type"])
    for p in rows:
        by_type = " · ".join(f"{lab['event'].get(t, t)} {n}"
                             for t in types_present(rows) if (n := p.counts.get(t)))
        table.add_row(safe(f"{country_name(p.code, lang)} ({p.code})"), str(p.total), by_type)
    console.print(table)
    latest = Table(title=lab["heading"]["latest"])
    # cells are rich markup: the evidence (and all else from the store) goes in escaped
    lines = [(safe(p.code if i == 0 else ""), safe(show_date(e["date_start"], e["date_end"], lang)),
              safe(event_label(e, lang)), safe(e.get("evidence")))
             for p in rows for i, e in enumerate(p.latest)]
    # short columns keep their width; the evidence takes what is left, cut to one line
    widths = [max(len(col[name]), *(len(line[k]) for line in lines))
              for k, name in enumerate(("partner", "date", "type"))]
    for width, name in zip(widths, ("partner", "date", "type"), strict=True):
        latest.add_column(col[name], no_wrap=True, min_width=width)
    room = max(20, console.width - sum(widths) - 13)  # 13: borders and padding of 4 columns
    latest.add_column(col["what"], no_wrap=True, overflow="ellipsis", max_width=room)
    for line in lines:
        latest.add_row(*line)
    console.print(latest)


def dossier(
    country: Annotated[str, typer.Argument(help="A country: ISO code or name in any supported "
                                                "language (VN, Vietnam, Việt Nam).")],
    partner: Annotated[str | None, typer.Argument(
        help="Its partner; leave out for the country's partners at a glance.")] = None,
    db: Annotated[str | None, DB_OPTION] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of labels: en or vi.")] = "en",
    fmt: Annotated[str | None, typer.Option(
        "--format", help="md or html (default: md for two countries, a terminal table for "
                         "one).")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output",
                                                help="Write to this file.")] = None,
) -> None:
    """Report on two countries' relations: key dates, timeline, figures, people, sources."""
    from bilat.cli.output import fail

    if lang not in LANGS:
        fail(f"--lang {lang}: not one of {', '.join(LANGS)}")
    if fmt is not None and fmt not in FORMATS:
        fail(f"--format {fmt}: not one of {', '.join(FORMATS)}")
    a = _code(country)
    b = _code(partner) if partner is not None else None
    if a == b:
        fail(f"{country} and {partner} are the same country ({a})")
    from bilat.cli.record import open_record

    # read-only, after migrating and merging what was stored since the last merge
    today = dt.date.today()  # statuses are shown as of today (bilat.know.status)
    store = open_record(db, Settings.from_env())
    try:
        if b is not None:
            text = _pair(store, a, b, lang, fmt or "md", today)
        else:
            from bilat.know.dossier import partners_html, partners_markdown
            from bilat.know.views import country_partners_view

            rows = country_partners_view(store, a, today)
            if fmt is None and output is None:
                _print_partners(a, rows, lang)
                return
            text = (partners_html(a, rows, lang) if fmt == "html"
                    else partners_markdown(a, rows, lang))
    finally:
        store.close()
    _write(text, output)


def register(app: typer.Typer) -> None:
    app.command("dossier")(dossier)
