"""`bilat dossier A B`: one report on two countries' relations (Markdown or one HTML file);
`bilat dossier A`: one country's partners at a glance."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

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


def _fact_documents(store, doc_ids: set[str]) -> dict[str, dict[str, Any]]:
    """Title and address of documents that only figures cite (events carry their own)."""
    out = {}
    for doc in sorted(doc_ids):
        found = store.find_documents(doc)
        meta = store.get_document(found[0]) if len(found) == 1 else None
        if meta:
            out[doc] = {k: meta.get(k) for k in ("published", "language", "title", "url")}
    return out


def _write(text: str, output: Path | None) -> None:
    from bilat.cli.output import err, terminal_safe

    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    output.write_text(text, encoding="utf-8")
    err().print(f"wrote {terminal_safe(output)}")


SOURCES_PER_PERIOD = 20  # sources listed under each figure of a dossier


def _pair(store, a: str, b: str, lang: str, fmt: str, today: dt.date) -> str:
    from bilat.know.dossier import (
        PEOPLE_SHOWN,
        TIMELINE_ROWS,
        build_dossier,
        dossier_html,
        dossier_markdown,
    )
    from bilat.know.series import build_series
    from bilat.know.status import with_status_now
    from bilat.store.record import (
        fact_points,
        facts_between,
        pair_milestones,
        pair_people,
        pair_timeline,
    )

    # the latest events only; key dates and people are counted over all of them in the store
    events, total = pair_timeline(store, a, b, TIMELINE_ROWS)
    events = with_status_now(events, today)
    people, people_total = pair_people(store, a, b, PEOPLE_SHOWN)
    # the latest sources of each figure; every value counted in the store
    series = build_series(facts_between(store, a, b, per_period=SOURCES_PER_PERIOD),
                          fact_points(store, a, b))
    cited = {s["doc"] for e in events for s in e["sources"]}
    figure_docs = {f.doc for s in series for p in s.points for f in p.figures} - cited
    dossier = build_dossier(a, b, events, series, _fact_documents(store, figure_docs),
                            total=total,
                            milestones=with_status_now(pair_milestones(store, a, b), today),
                            people=people, people_total=people_total)
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
    db: Annotated[Path | None, typer.Option("--db", help="The store (a DuckDB file).")] = None,
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
    from bilat.know.status import with_status_now

    today = dt.date.today()  # statuses are shown as of today (bilat.know.status)
    store = open_record(db, Settings.from_env())
    try:
        if b is not None:
            text = _pair(store, a, b, lang, fmt or "md", today)
        else:
            from bilat.know.dossier import (
                LATEST_PER_PARTNER,
                partners_from_counts,
                partners_html,
                partners_markdown,
            )
            from bilat.store.record import country_partners

            rows = partners_from_counts(
                [(code, counts, with_status_now(latest, today))
                 for code, counts, latest in country_partners(store, a, LATEST_PER_PARTNER)])
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
