"""The pair page: what the record holds about two countries' relations — change this month,
key dates, the timeline with its filters and chart, figures, people, sources. Pure: a
Dossier (bilat.know.views.pair_dossier, statuses as of today) in, HTML out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel import Locale

from bilat.know.dossier import (
    Dossier,
    figure_text,
    format_number,
    series_chart,
    series_title,
    unit_label,
)
from bilat.know.timeline import format_date
from bilat.serve.ui.changes import Change, month_change
from bilat.serve.ui.charts import year_chart
from bilat.serve.ui.layout import h, script_json
from bilat.serve.ui.parts import (
    country,
    date_text,
    document_href,
    event_href,
    event_item,
    feed_href,
    outside_link,
    pair_href,
    status_filter_label,
)
from bilat.serve.ui.timeline_filter import (
    TimelineFilter,
    filter_row,
    matches,
    options,
    year_counts,
)
from bilat.serve.ui.words import know, word

SECTIONS = ("changes", "key-dates", "timeline", "figures", "people", "sources")


def language_name(code: str, lang: str) -> str:
    """"fr" -> "French" ("tiếng Pháp"); the code itself when babel does not know it."""
    try:
        name = Locale.parse(lang).languages.get(code)
    except (ValueError, TypeError):
        name = None
    return name or code


def _number(value: float, lang: str) -> str:
    return format_number(round(value, 1), lang)


def _changes(c: Change, events: list[dict[str, Any]], lang: str) -> str:
    out = [f'<section id="changes"><h2>{h(word(lang, "pair.changes"))}</h2>']
    if c.trend == "quiet":
        out.append(f'<p class="trend t-quiet">{h(word(lang, "pair.quiet"))}</p>')
    else:
        month = format_date(c.month, None, lang)
        lines = [word(lang, "pair.this_month", month=month, n=c.this_month),
                 word(lang, "pair.average", avg=_number(c.average, lang))]
        out.append(f'<p class="trend t-{c.trend}"><strong>{h(word(lang, "pair." + c.trend))}'
                   f"</strong> {h(' '.join(lines))}</p>")
        out.append(f'<table class="compact"><thead><tr><th>{h(know(lang, "column", "type"))}'
                   f'</th><th>{h(month)}</th><th>{h(word(lang, "pair.average_head"))}'
                   "</th></tr></thead><tbody>")
        out += [f'<tr><td>{h(know(lang, "event", t))}</td><td class="num">{n}</td>'
                f'<td class="num">{h(_number(avg, lang))}</td></tr>' for t, n, avg in c.by_type]
        out.append("</tbody></table>")
    dated = [e for e in events if e.get("date_start")]
    if dated:
        last = max(dated, key=lambda e: e["date_start"])
        link = (f'<a href="{h(event_href(last["id"]))}">{h(date_text(last, lang))}</a>')
        out.append(f'<p class="muted">{h(word(lang, "pair.last_event"))} {link}</p>')
    return "".join(out) + "</section>"


def _key_dates(d: Dossier, lang: str) -> str:
    keys = d.key_dates
    out = [f'<section id="key-dates"><h2>{h(know(lang, "heading", "key_dates"))}</h2>']
    if not keys:
        return "".join(out) + f'<p>{h(know(lang, "text", "no_events"))}</p></section>'
    out.append('<ol class="keys">')
    for key, e in keys:
        out.append(f'<li><time>{h(date_text(e, lang))}</time> <strong>'
                   f'{h(know(lang, "key", key))}</strong><br><a href="{h(event_href(e["id"]))}">'
                   f'{h(e.get("evidence"))}</a></li>')
    return "".join(out) + "</ol></section>"


def _select(name: str, label: str, choices: list[tuple[str, str]], chosen: str,
            lang: str) -> str:
    opts = [f'<option value="">{h(word(lang, "pair.all"))}</option>']
    opts += [f'<option value="{h(v)}"{" selected" if v == chosen else ""}>{h(text)}</option>'
             for v, text in choices]
    return (f'<label>{h(label)}<select name="{name}" data-filter="{name}">{"".join(opts)}'
            "</select></label>")


def _filter_form(rows: list[dict[str, Any]], f: TimelineFilter, path: str, lang: str) -> str:
    opts = options(rows)
    years = [(str(y), str(y)) for y in opts["year"]]
    return (
        f'<form id="tl-filter" class="filters" method="get" action="{h(path)}#timeline">'
        f'<fieldset><legend>{h(word(lang, "pair.filters"))}</legend>'
        + _select("type", word(lang, "pair.type"),
                  [(t, know(lang, "event", t)) for t in opts["type"]], f.type, lang)
        + _select("from", word(lang, "pair.year_from"), years,
                  str(f.year_from or ""), lang)
        + _select("to", word(lang, "pair.year_to"), years, str(f.year_to or ""), lang)
        + _select("srclang", word(lang, "pair.source_lang"),
                  [(c, language_name(c, lang)) for c in opts["srclang"]], f.source_lang, lang)
        + _select("status", word(lang, "pair.status"),
                  [(s, status_filter_label(s, lang)) for s in opts["status"]], f.status, lang)
        + f'<div class="buttons"><button type="submit">{h(word(lang, "pair.apply"))}</button> '
        f'<a href="{h(path)}#timeline" id="tl-reset">{h(word(lang, "pair.reset"))}</a></div>'
        "</fieldset></form>")


def _timeline(d: Dossier, f: TimelineFilter, path: str, lang: str) -> str:
    events = d.events
    rows = [filter_row(e) for e in events]
    shown = [matches(r, f) for r in rows]
    kept = [r for r, ok in zip(rows, shown, strict=True) if ok]
    title = word(lang, "pair.per_year")
    undated = know(lang, "text", "undated")
    out = [f'<section id="timeline"><h2>{h(know(lang, "heading", "timeline"))}</h2>']
    if not rows:
        return "".join(out) + f'<p>{h(know(lang, "text", "no_events"))}</p></section>'
    note = None
    if d.event_count > len(events):
        note = know(lang, "text", "latest_of").split(";")[0].format(
            shown=len(events), total=d.event_count)
    if note:
        out.append(f'<p class="muted">{h(note)}</p>')
    out.append(_filter_form(rows, f, path, lang))
    # the words the script needs to redraw, kept on the elements it redraws
    out.append(f'<p id="tl-count" class="count" data-template="'
               f'{h(word(lang, "pair.shown", n="{n}", total="{total}"))}">'
               f'{h(word(lang, "pair.shown", n=len(kept), total=len(rows)))}</p>')
    out.append(f'<figure id="tl-chart" class="chart-box" data-title="{h(title)}" '
               f'data-undated="{h(undated)}"><figcaption>{h(title)}</figcaption>'
               f"{year_chart(year_counts(kept), title, undated)}</figure>")
    out.append(f'<p id="tl-none"{" hidden" if kept else ""}>{h(word(lang, "pair.no_match"))}</p>')
    out.append('<ol id="tl-list" class="events">')
    out += [event_item(e, lang, hidden=not ok) for e, ok in zip(events, shown, strict=True)]
    out.append("</ol>")
    out.append(f'<script type="application/json" id="tl-data">{script_json(rows)}</script>')
    return "".join(out) + "</section>"


def _figures(d: Dossier, lang: str) -> str:
    out = [f'<section id="figures"><h2>{h(know(lang, "heading", "figures"))}</h2>']
    if not d.series:
        return "".join(out) + f'<p>{h(know(lang, "text", "no_figures"))}</p></section>'
    out.append('<div class="series-grid">')
    for s in d.series:
        rows = []
        for p in s.points:
            value = h(figure_text(p.value, s.unit, lang))
            if p.conflict:
                value = (f'<span class="conflict">⚠ {value} '
                         f'({h(know(lang, "text", "conflict"))})</span>')
            docs = ", ".join(
                f'<a href="{h(document_href(f.doc))}" title="{h(f.evidence)}">'
                f'{h(figure_text(f.value, s.unit, lang))} ({h(f.language or "?")})</a>'
                for f in p.figures)
            rows.append(f'<tr><td>{h(p.period)}</td><td class="num">{value}</td>'
                        f"<td>{docs}</td></tr>")
        out.append(
            f'<figure class="series"><figcaption>{h(series_title(s, lang))} '
            f'({h(unit_label(s.unit, lang))})</figcaption><div class="chart-box">'
            f"{series_chart(s, lang)}</div>"
            f'<table class="compact"><thead><tr><th>{h(know(lang, "column", "period"))}</th>'
            f'<th>{h(know(lang, "column", "value"))}</th>'
            f'<th>{h(know(lang, "column", "sources"))}</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></figure>')
    return "".join(out) + "</div></section>"


def _people(d: Dossier, lang: str) -> str:
    out = [f'<section id="people"><h2>{h(know(lang, "heading", "people"))}</h2>']
    ranking = d.ranking[:30]
    if not ranking:
        return "".join(out) + f'<p>{h(know(lang, "text", "no_people"))}</p></section>'
    out.append('<ol class="people">')
    out += [f'<li><strong>{h(p.name)}</strong> <span class="n" title="'
            f'{h(know(lang, "column", "events"))}">{p.events}</span> <span class="muted">'
            f'{h(", ".join(know(lang, "event", t) for t in p.types))}</span></li>'
            for p in ranking]
    return "".join(out) + "</ol></section>"


def _sources(d: Dossier, lang: str) -> str:
    out = [f'<section id="sources"><h2>{h(know(lang, "heading", "sources"))}</h2>']
    if not d.documents:
        return "".join(out) + f'<p>{h(know(lang, "text", "no_sources"))}</p></section>'
    out.append('<ol class="docs">')
    for x in d.documents:
        out.append(f'<li><a href="{h(document_href(x["doc"]))}">'
                   f'{h(x.get("title") or x["doc"])}</a> <span class="muted">'
                   f'{h(x.get("published") or "")} · {h(x.get("language") or "")}</span> '
                   f'{outside_link(x.get("url"), know(lang, "column", "url"))}</li>')
    return "".join(out) + "</ol></section>"


def pair_title(a: str, b: str, lang: str) -> str:
    return word(lang, "pair.title", a=country(a, lang), b=country(b, lang))


def feed_links(a: str, b: str, lang: str) -> str:
    """The head's links to the pair's feeds, for feed readers and browsers."""
    title = h(pair_title(a, b, lang))
    return (f'<link rel="alternate" type="application/atom+xml" title="{title}" '
            f'href="{h(feed_href(a, b, "atom"))}">'
            f'<link rel="alternate" type="application/feed+json" title="{title}" '
            f'href="{h(feed_href(a, b, "json"))}">')


def _follow(a: str, b: str, lang: str) -> str:
    return (f'<p class="follow muted">{h(word(lang, "pair.follow"))} ('
            f'<a href="{h(feed_href(a, b, "atom"))}" type="application/atom+xml">Atom</a> / '
            f'<a href="{h(feed_href(a, b, "json"))}" type="application/feed+json">JSON</a>)'
            "</p>")


def pair_body(d: Dossier, f: TimelineFilter, today: dt.date, path: str, lang: str) -> str:
    summary = word(lang, "pair.summary", events=d.event_count, figures=len(d.series),
                   sources=len(d.documents))
    heads = {"changes": word(lang, "pair.changes"), "key-dates": know(lang, "heading",
                                                                      "key_dates"),
             "timeline": know(lang, "heading", "timeline"),
             "figures": know(lang, "heading", "figures"),
             "people": know(lang, "heading", "people"),
             "sources": know(lang, "heading", "sources")}
    toc = "".join(f'<a href="#{k}">{h(heads[k])}</a>' for k in SECTIONS)
    return (f'<h1>{h(pair_title(d.a, d.b, lang))}</h1>'
            f'<p class="lead">{h(summary)} <a class="swap" href="{h(pair_href(d.b, d.a))}">'
            f'⇄ {h(word(lang, "pair.swap"))}</a></p>' + _follow(d.a, d.b, lang)
            + f'<nav class="toc" aria-label="{h(word(lang, "pair.sections"))}">{toc}</nav>'
            + _changes(month_change(d.events, today), d.events, lang)
            + _key_dates(d, lang) + _timeline(d, f, path, lang) + _figures(d, lang)
            + _people(d, lang) + _sources(d, lang))
