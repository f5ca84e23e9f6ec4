"""Dossiers: what the record holds about one relationship, written for a reader.

Pure functions: merged events (bilat.store.record.merged_events), fact series
(bilat.know.series.build_series) and document metadata in; Markdown or one self-contained HTML
file out (inline CSS, charts as inline SVG: it opens offline and can be mailed as it is). The
CLI (bilat.cli.dossier) reads the store. Every label comes from labels.yaml in the reader's
language; dates are shown at the precision the sources give, never more.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from bilat.analysis.gazetteer import country_name
from bilat.analysis.people import person_key
from bilat.know.charts import Bar, bar_chart
from bilat.know.escaping import html_text, http_url, md_cell, md_code, md_text, md_url
from bilat.know.labels import labels as _labels_copy
from bilat.know.series import Series
from bilat.model import KEY_DATES_PER_KIND, Person

Event = dict[str, Any]
LATEST_PER_PARTNER = 3
_lab = cache(_labels_copy)  # read-only here: one copy per language, not one per call


# -- the data a dossier shows ---------------------------------------------------------------

@dataclass
class Dossier:
    """Two countries' record: events oldest first, fact series, the documents behind both."""

    a: str
    b: str
    events: list[Event]
    series: list[Series]
    documents: list[dict[str, Any]] = field(default_factory=list)
    # On a large store `events` holds only the latest ones; these say what the rest holds.
    total: int | None = None  # how many events the pair has
    milestones: list[Event] | None = None  # what key dates are chosen from
    people: list[Person] | None = None  # the ranking over every event (its head, at least)
    people_total: int | None = None  # how many people that ranking has in all

    @property
    def event_count(self) -> int:
        return self.total if self.total is not None else len(self.events)

    @property
    def key_dates(self) -> list[tuple[str, Event]]:
        return key_dates(self.milestones if self.milestones is not None else self.events)

    @property
    def ranking(self) -> list[Person]:
        return self.people if self.people is not None else people_ranking(self.events)


@dataclass
class Partner:
    code: str
    counts: Counter
    latest: list[Event]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# The timeline section shows this many latest events; key dates and people count them all.
TIMELINE_ROWS = 500
# The people section lists this many, the most involved.
PEOPLE_SHOWN = 30


def shown_events(events: list[Event]) -> list[Event]:
    """The events the timeline section lists: the latest TIMELINE_ROWS (undated ones last)."""
    return events[-TIMELINE_ROWS:] if len(events) > TIMELINE_ROWS else events


def _people_shown(d: Dossier, txt: dict[str, str]) -> tuple[list[Person], str | None]:
    """The head of the ranking the people section lists, and a note when it is not all."""
    ranking = d.ranking
    total = d.people_total if d.people_total is not None else len(ranking)
    shown = ranking[:PEOPLE_SHOWN]
    if total <= len(shown):
        return shown, None
    return shown, txt["people_of"].format(shown=len(shown), total=total)


def _latest_note(d: Dossier, txt: dict[str, str]) -> str | None:
    if d.event_count <= min(len(d.events), TIMELINE_ROWS):
        return None
    return txt["latest_of"].format(shown=min(len(d.events), TIMELINE_ROWS),
                                   total=d.event_count)


def build_dossier(a: str, b: str, events: list[Event], series: list[Series],
                  documents: dict[str, dict[str, Any]] | None = None, *,
                  total: int | None = None, milestones: list[Event] | None = None,
                  people: list[Person] | None = None, people_total: int | None = None
                  ) -> Dossier:
    """`documents`: metadata (title, url, ...) by doc id for documents that only facts cite;
    the events' sources carry their own. On a large store, `events` may be the latest only,
    with `total`, `milestones` and `people` computed over all of them."""
    return Dossier(a, b, events, series,
                   collect_documents(shown_events(events), series, documents or {}),
                   total=total, milestones=milestones, people=people,
                   people_total=people_total)


_DOC_FIELDS = ("published", "language", "title", "url")


def collect_documents(events: list[Event], series: list[Series],
                      known: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Every document an event or a figure cites, once, by publication date."""
    docs: dict[str, dict[str, Any]] = {}

    def add(doc: str, values: dict[str, Any]) -> None:
        # a field is filled once, by the first event or figure that gives it (`known` when
        # they give none); a plain loop, for a dossier cites a thousand documents or more
        entry = docs.get(doc)
        if entry is None:
            entry = docs[doc] = {"doc": doc, "published": None, "language": None,
                                 "title": None, "url": None}
        extra = known.get(doc)
        for key in _DOC_FIELDS:
            if not entry[key]:
                value = values[key] if key in values else extra.get(key) if extra else None
                if value:
                    entry[key] = value

    for e in events:
        for s in e.get("sources") or ():
            add(s["doc"], {"published": s.get("published"), "language": s.get("language"),
                           "title": s.get("title"), "url": s.get("url")})
    for s in series:
        for p in s.points:
            for f in p.figures:
                add(f.doc, {"published": f.published, "language": f.language})
    return sorted(docs.values(), key=lambda d: (d["published"] is None,
                                                str(d["published"] or ""), d["doc"]))


def _most_precise(events: list[Event]) -> list[Event]:
    """Drop an event whose date another one refines ("1973" when "1973-03-22" is known): they
    are one milestone that merging kept apart for want of a common day."""
    # the year and month of every more precise date: an event dated by one of them is refined
    refined = {d[:k] for e in events if (d := e["date_start"]) for k in (4, 7) if len(d) > k}
    keep = [e for e in events if e["date_start"] not in refined]
    best: dict[str, Event] = {}
    for e in keep:  # one entry per date: the one most sources give
        if e["date_start"] not in best or e["source_count"] > best[e["date_start"]]["source_count"]:
            best[e["date_start"]] = e
    return list(best.values())


def _best_sourced(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (-e["source_count"], e["date_start"]))[
        :KEY_DATES_PER_KIND]


def key_dates(events: list[Event]) -> list[tuple[str, Event]]:
    """(key, event) for the milestones: relations established, partnership upgrades, the
    first and the latest visit that took place; by date."""
    dated = [e for e in events if e.get("date_start")]
    out = [("established", e) for e in _best_sourced(_most_precise(
        [e for e in dated if e["type"] == "RELATIONS_ESTABLISHED"]))]
    out += [("upgrade", e) for e in _best_sourced(_most_precise(
        [e for e in dated if e["type"] == "PARTNERSHIP_UPGRADE"]))]
    # a visit only announced may not have happened: it is no milestone yet
    visits = sorted((e for e in dated if e["type"] == "VISIT" and e["status"] != "scheduled"),
                    key=lambda e: e["date_start"])
    if visits:
        out.append(("first_visit", visits[0]))
        if visits[-1] is not visits[0]:
            out.append(("last_visit", visits[-1]))
    return sorted(out, key=lambda kv: kv[1]["date_start"])


def _display_name(spellings: Counter) -> str:
    """The spelling with diacritics when some source has them (Vương Đình Huệ, not Vuong Dinh
    Hue), then the commonest."""
    return max(spellings, key=lambda n: (sum(not c.isascii() for c in n), spellings[n], n))


def people_ranking(events: list[Event]) -> list[Person]:
    """People by the number of merged events they appear in, one person however spelt."""
    return people_from_groups([(e.get("people") or (), e["type"], 1) for e in events])


def people_from_groups(groups: list[tuple[list[str], str, int]]) -> list[Person]:
    """The ranking from (people named, event type, how many events name exactly them) rows,
    as a store counts them: names with and without diacritics are one person, and one event
    counts once however often it names someone."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    counts: Counter = Counter()
    types: dict[str, Counter] = defaultdict(Counter)
    keys: dict[str, str] = {}
    for names, event_type, n in groups:
        seen = set()
        for name in names:
            key = keys.get(name)
            if key is None:
                key = keys[name] = person_key(name)
            if not key:
                continue
            spellings[key][name] += n
            if key not in seen:
                seen.add(key)
                counts[key] += n
                types[key][event_type] += n
    ranked = sorted(counts, key=lambda k: (-counts[k], _display_name(spellings[k])))
    return [Person(_display_name(spellings[k]), counts[k],
                   sorted(types[k], key=lambda t: (-types[k][t], t))) for k in ranked]


def partners(country: str, events: list[Event]) -> list[Partner]:
    """Each partner of `country` with its merged-event counts by type and its latest events,
    the busiest first."""
    counts: dict[str, Counter] = defaultdict(Counter)
    by_partner: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        for other in e.get("actors") or ():
            if other != country:
                counts[other][e["type"]] += 1
                by_partner[other].append(e)
    return partners_from_counts([
        (code, counts[code], sorted(evs, key=lambda e: (e.get("date_start") is not None,
                                                        e.get("date_start") or ""),
                                    reverse=True))
        for code, evs in by_partner.items()])


def partners_from_counts(rows: list[tuple[str, dict[str, int], list[Event]]]
                         ) -> list[Partner]:
    """The partners view from (partner, counts by type, latest events) a store counted."""
    out = [Partner(code, Counter(kinds), latest[:LATEST_PER_PARTNER])
           for code, kinds, latest in rows]
    return sorted(out, key=lambda p: (-p.total, p.code))


# -- words and numbers ----------------------------------------------------------------------

def show_date(start: str | None, end: str | None, lang: str) -> str:
    """ISO dates at the sources' precision ("1973", "2022-12", "2023-08-21 – 2023-08-25")."""
    if not start:
        return _lab(lang)["text"]["undated"]
    return f"{start} – {end}" if end and end != start else start


def format_number(value: float, lang: str, scale: float | None = None) -> str:
    """4290000000 -> "4.29 billion" ("4,29 tỷ"), 13000 -> "13,000" ("13.000"). With `scale`
    (1e9, 1e6, 1e3) the value is divided and no word added (axis ticks)."""
    words = _lab(lang)["number"]
    word = ""
    if scale is None:
        scale = 1.0
        for size, name in ((1e9, "billion"), (1e6, "million")):
            if abs(value) >= size:
                scale, word = size, words[name]
                break
    text = f"{value / scale:,.2f}".rstrip("0").rstrip(".")
    # swap through a placeholder: the two separators trade places in many languages
    text = text.replace(",", "\0").replace(".", words["decimal"]).replace("\0", words["group"])
    return f"{text} {word}" if word else text


def chart_scale(values: list[float], lang: str) -> tuple[float, str]:
    """The divisor and its word for an axis whose top is max(values)."""
    top = max((abs(v) for v in values), default=0.0)
    words = _lab(lang)["number"]
    for size, name in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if top >= size * 10 or (size >= 1e6 and top >= size):
            return size, words[name]
    return 1.0, ""


def event_label(e: Event, lang: str) -> str:
    """The type's label, with the status when the event was only announced: "(scheduled)",
    or "(announced for 2023-08)" once its date has passed with no report that it took
    place (as of today when the caller set `status_now`, see bilat.know.status)."""
    from bilat.know.status import ANNOUNCED, shown_status

    lab = _lab(lang)
    text = lab["event"].get(e["type"], e["type"])
    status = shown_status(e)
    if status == "scheduled":
        text += f" ({lab['status'].get('scheduled', 'scheduled')})"
    elif status == ANNOUNCED:
        when = show_date(e.get("date_start"), e.get("date_end"), lang)
        text += f" ({lab['status'].get(ANNOUNCED, 'announced for {date}').format(date=when)})"
    return text


def series_title(s: Series, lang: str) -> str:
    lab = _lab(lang)
    title = lab["metric"].get(s.metric, s.metric)
    if s.source and s.target:
        arrow = "–" if s.metric == "TRADE_TOTAL" else "→"  # trade has no direction
        title += f", {country_name(s.source, lang)} {arrow} {country_name(s.target, lang)}"
    return title


def unit_label(unit: str, lang: str) -> str:
    return _lab(lang)["unit"].get(unit, unit)


def figure_text(value: float, unit: str, lang: str) -> str:
    return f"{format_number(value, lang)} {unit_label(unit, lang)}".strip()


def point_values(p: Any, unit: str, lang: str, ref: Callable[[str], str] = str) -> str:
    """Every source's value: "4.5 billion USD (doc-a), 4.7 billion USD (doc-b)"; `ref`
    writes a document id (escaped for where the text goes)."""
    return ", ".join(f"{figure_text(f.value, unit, lang)} ({ref(f.doc)})" for f in p.figures)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "x"


# -- Markdown -------------------------------------------------------------------------------

def _cell(text: Any) -> str:
    """Markdown table cell: one line, pipes escaped. Article text comes in through md_text
    (or md_code, md_url) already, so none of it is read as Markdown or HTML."""
    return md_cell(text)


def _md_table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines + [""]


def _md_sources(e: Event) -> str:
    refs = []
    for s in e.get("sources") or ():
        # a link only to a web page: a javascript: or data: address is no place to send a reader
        url = md_url(s.get("url"))
        refs.append(f"[{md_text(s['doc'])}]({url})" if url else md_code(s["doc"]))
    return ", ".join(refs)


def _md_address(url: Any) -> str:
    """A web page's address as a link; any other address as text, to read and not follow."""
    safe = md_url(url)
    return f"<{safe}>" if safe else md_text(url)


def dossier_markdown(d: Dossier, lang: str = "en") -> str:
    lab = _lab(lang)
    head, col, txt = lab["heading"], lab["column"], lab["text"]
    a, b = country_name(d.a, lang), country_name(d.b, lang)
    lines = [f"# {head['dossier'].format(a=a, b=b)}", "",
             txt["summary"].format(events=d.event_count, figures=len(d.series),
                                   sources=len(d.documents)), ""]

    lines += [f"## {head['key_dates']}", ""]
    keys = d.key_dates
    if keys:
        lines += _md_table([col["date"], col["event"], col["what"], col["sources"]],
                           [[show_date(e["date_start"], e.get("date_end"), lang),
                             lab["key"][k], md_text(e.get("evidence")), _md_sources(e)]
                            for k, e in keys])
    else:
        lines += [txt["no_events"], ""]

    lines += [f"## {head['timeline']}", ""]
    note = _latest_note(d, txt)
    if note:
        lines += [note, ""]
    if d.events:
        lines += _md_table(
            [col["date"], col["type"], col["what"], col["people"], col["source_count"],
             col["sources"]],
            [[show_date(e.get("date_start"), e.get("date_end"), lang), event_label(e, lang),
              md_text(e.get("evidence")), md_text(", ".join(e.get("people") or [])),
              e.get("source_count"), _md_sources(e)] for e in shown_events(d.events)])
    else:
        lines += [txt["no_events"], ""]

    lines += [f"## {head['figures']}", ""]
    for s in d.series:
        lines += [f"### {md_text(series_title(s, lang))} ({md_text(unit_label(s.unit, lang))})",
                  ""]
        rows = []
        for p in s.points:
            value = md_text(figure_text(p.value, s.unit, lang))
            if p.conflict:
                value = f"⚠ {value} ({txt['conflict']})"
            rows.append([md_text(p.period), value, point_values(p, s.unit, lang, md_text)])
        lines += _md_table([col["period"], col["value"], col["values"]], rows)
    if not d.series:
        lines += [txt["no_figures"], ""]

    lines += [f"## {head['people']}", ""]
    ranking, note = _people_shown(d, txt)
    if note:
        lines += [f"_{note}_", ""]
    if ranking:
        lines += _md_table([col["person"], col["events"], col["type"]],
                           [[md_text(p.name), p.events,
                             ", ".join(lab["event"].get(t, t) for t in p.types)]
                            for p in ranking])
    else:
        lines += [txt["no_people"], ""]

    lines += [f"## {head['sources']}", ""]
    if d.documents:
        lines += _md_table(
            [col["doc"], col["published"], col["language"], col["title"], col["url"]],
            [[md_code(x["doc"]), md_text(x["published"]), md_text(x["language"]),
              md_text(x["title"]), _md_address(x.get("url"))] for x in d.documents])
    else:
        lines += [txt["no_sources"], ""]
    lines += [f"_{txt['generated']}_", ""]
    return "\n".join(lines)


def partners_markdown(country: str, rows: list[Partner], lang: str = "en") -> str:
    lab = _lab(lang)
    head, col = lab["heading"], lab["column"]
    lines = [f"# {head['partners'].format(a=country_name(country, lang))}", ""]
    if not rows:
        return "\n".join(lines + [lab["text"]["no_partners"], ""])
    types = types_present(rows)
    lines += [f"## {head['counts']}", ""]
    lines += _md_table([col["partner"], col["total"]] + [lab["event"].get(t, t) for t in types],
                       [[f"{country_name(p.code, lang)} ({p.code})", p.total]
                        + [p.counts.get(t, 0) or "" for t in types] for p in rows])
    lines += [f"## {head['latest']}", ""]
    for p in rows:
        lines += [f"### {country_name(p.code, lang)} ({p.code})", ""]
        lines += _md_table([col["date"], col["type"], col["what"], col["people"]],
                           [[show_date(e.get("date_start"), e.get("date_end"), lang),
                             event_label(e, lang), md_text(e.get("evidence")),
                             md_text(", ".join(e.get("people") or []))] for e in p.latest])
    return "\n".join(lines)


def types_present(rows: list[Partner]) -> list[str]:
    """Event types any partner has, in labels.yaml's order (a stable column order)."""
    order = list(_lab("en")["event"])
    present = {t for p in rows for t in p.counts}
    return sorted(present, key=lambda t: (order.index(t) if t in order else len(order), t))


# -- HTML -----------------------------------------------------------------------------------

CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;
max-width:1100px;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #ccc}
h3{font-size:1.05em}
table{border-collapse:collapse;width:100%;margin:.5em 0 1em}
th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f3f5f8}td.num{text-align:right;white-space:nowrap}td.date{white-space:nowrap}
.muted{color:#666}.src{white-space:nowrap}.conflict{color:#c0392b;font-weight:600}
figure{margin:1em 0 2em}figcaption{font-weight:600;margin-bottom:.3em}
svg.chart{max-width:100%;height:auto;font-size:11px}
svg .grid{stroke:#e4e4e4}svg .axis{stroke:#555;fill:none}
svg .value{fill:#222;font-weight:600}svg .label,svg .tick{fill:#444}
svg .axis-title{fill:#333;font-size:12px}
@media print{a{color:inherit}}
"""


def _h(text: Any) -> str:
    return html_text(text)


def _html_table(header: list[str], rows: list[list[str]], classes: list[str] | None = None
                ) -> str:
    """Cells are HTML already (escaped by the caller)."""
    classes = classes or [""] * len(header)
    head = "".join(f"<th>{_h(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f'<td class="{c}">{cell}</td>' if c else f"<td>{cell}</td>"
                         for c, cell in zip(classes, row, strict=True)) + "</tr>"
        for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _html_sources(e: Event) -> str:
    """Each source: its entry in the source list, and the page itself when it has an address
    (a link to follow, not something the report loads)."""
    refs = []
    for s in e.get("sources") or ():
        ref = f'<a href="#doc-{_slug(s["doc"])}">{_h(s["doc"])}</a>'
        url = http_url(s.get("url"))
        if url:  # a web page only: a javascript: or data: address runs when followed
            ref += f' <a href="{_h(url)}" rel="noreferrer">↗</a>'
        refs.append(f'<span class="src">{ref}</span>')
    return "<br>".join(refs)


def series_chart(s: Series, lang: str) -> str:
    """One series as an SVG bar chart; a period where sources disagree is drawn in red and
    its hover text lists every value."""
    lab = _lab(lang)
    scale, word = chart_scale([p.value for p in s.points], lang)
    unit = unit_label(s.unit, lang)
    bars = []
    for p in s.points:
        tip = f"{p.period}: {point_values(p, s.unit, lang)}"
        if p.conflict:
            tip += f" ({lab['text']['conflict']})"
        shown = format_number(p.value, lang, scale) + (" ⚠" if p.conflict else "")
        bars.append(Bar(p.period, p.value, shown, tip, p.conflict))
    y_label = f"{unit} ({word})" if word else unit
    return bar_chart(bars, title=f"{series_title(s, lang)} ({unit})",
                     x_label=lab["column"]["period"], y_label=y_label,
                     tick_format=lambda v: format_number(v, lang, scale))


def _html_page(title: str, body: list[str], lang: str) -> str:
    return ("<!DOCTYPE html>\n"
            f'<html lang="{_h(lang)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="generator" content="bilat">'
            f"<title>{_h(title)}</title><style>{CSS}</style></head><body>\n"
            + "\n".join(body)
            + f'\n<p class="muted"><em>{_h(_lab(lang)["text"]["generated"])}</em></p>'
            "\n</body></html>\n")


def _html_address(url: Any) -> str:
    """A web page's address as a link; any other address as text, to read and not follow."""
    safe = http_url(url)
    if safe is None:
        return _h(url)
    return f'<a href="{_h(safe)}" rel="noreferrer">{_h(safe)}</a>'


def _event_link(e: Event, lang: str) -> str:
    """The event's date, linking to its row in the timeline."""
    date = _h(show_date(e.get("date_start"), e.get("date_end"), lang))
    return f'<a href="#ev-{_slug(e["id"])}">{date}</a>'


def dossier_html(d: Dossier, lang: str = "en") -> str:
    lab = _lab(lang)
    head, col, txt = lab["heading"], lab["column"], lab["text"]
    a, b = country_name(d.a, lang), country_name(d.b, lang)
    title = head["dossier"].format(a=a, b=b)
    summary = txt["summary"].format(events=d.event_count, figures=len(d.series),
                                    sources=len(d.documents))
    body = [f"<h1>{_h(title)}</h1>", f'<p class="muted">{_h(summary)}</p>']

    body.append(f'<h2 id="key-dates">{_h(head["key_dates"])}</h2>')
    keys = d.key_dates
    body.append(_html_table(
        [col["date"], col["event"], col["what"], col["sources"]],
        [[_event_link(e, lang), _h(lab["key"][k]), _h(e.get("evidence")), _html_sources(e)]
         for k, e in keys],
        ["date", "", "", ""]) if keys else f"<p>{_h(txt['no_events'])}</p>")

    body.append(f'<h2 id="timeline">{_h(head["timeline"])}</h2>')
    note = _latest_note(d, txt)
    if note:
        body.append(f'<p class="muted">{_h(note)}</p>')
    rows = []
    for e in shown_events(d.events):
        rows.append([
            f'<span id="ev-{_slug(e["id"])}">'
            f'{_h(show_date(e.get("date_start"), e.get("date_end"), lang))}</span>',
            _h(event_label(e, lang)), _h(e.get("evidence")),
            _h(", ".join(e.get("people") or [])), _h(e.get("source_count")), _html_sources(e)])
    body.append(_html_table(
        [col["date"], col["type"], col["what"], col["people"], col["source_count"],
         col["sources"]], rows, ["date", "", "", "", "num", ""])
        if rows else f"<p>{_h(txt['no_events'])}</p>")

    body.append(f'<h2 id="figures">{_h(head["figures"])}</h2>')
    for s in d.series:
        table_rows = []
        for p in s.points:
            value = _h(figure_text(p.value, s.unit, lang))
            if p.conflict:
                value = f'<span class="conflict">⚠ {value} ({_h(txt["conflict"])})</span>'
            docs = ", ".join(f'<a href="#doc-{_slug(f.doc)}">{_h(f.doc)}</a>' for f in p.figures)
            table_rows.append([_h(p.period), value,
                               _h(", ".join(figure_text(f.value, s.unit, lang)
                                            for f in p.figures)), docs])
        body.append(
            f'<figure id="series-{_slug(s.metric)}-{_slug(s.source or "")}-'
            f'{_slug(s.target or "")}"><figcaption>{_h(series_title(s, lang))} '
            f"({_h(unit_label(s.unit, lang))})</figcaption>{series_chart(s, lang)}"
            + _html_table([col["period"], col["value"], col["values"], col["sources"]],
                          table_rows, ["date", "num", "", ""]) + "</figure>")
    if not d.series:
        body.append(f"<p>{_h(txt['no_figures'])}</p>")

    body.append(f'<h2 id="people">{_h(head["people"])}</h2>')
    ranking, note = _people_shown(d, txt)
    if note:
        body.append(f'<p class="muted">{_h(note)}</p>')
    body.append(_html_table(
        [col["person"], col["events"], col["type"]],
        [[_h(p.name), str(p.events), _h(", ".join(lab["event"].get(t, t) for t in p.types))]
         for p in ranking], ["", "num", ""]) if ranking else f"<p>{_h(txt['no_people'])}</p>")

    body.append(f'<h2 id="sources">{_h(head["sources"])}</h2>')
    body.append(_html_table(
        [col["doc"], col["published"], col["language"], col["title"], col["url"]],
        [[f'<span id="doc-{_slug(x["doc"])}">{_h(x["doc"])}</span>', _h(x["published"]),
          _h(x["language"]), _h(x["title"]),
          _html_address(x.get("url"))] for x in d.documents], ["", "date", "", "", ""])
        if d.documents else f"<p>{_h(txt['no_sources'])}</p>")
    return _html_page(title, body, lang)


def partners_html(country: str, rows: list[Partner], lang: str = "en") -> str:
    lab = _lab(lang)
    head, col = lab["heading"], lab["column"]
    title = head["partners"].format(a=country_name(country, lang))
    body = [f"<h1>{_h(title)}</h1>"]
    if not rows:
        return _html_page(title, body + [f"<p>{_h(lab['text']['no_partners'])}</p>"], lang)
    types = types_present(rows)
    body.append(f"<h2>{_h(head['counts'])}</h2>")
    body.append(_html_table(
        [col["partner"], col["total"]] + [lab["event"].get(t, t) for t in types],
        [[f'<a href="#p-{_slug(p.code)}">{_h(country_name(p.code, lang))} ({_h(p.code)})</a>',
          str(p.total)] + [str(p.counts.get(t, 0) or "") for t in types] for p in rows],
        ["", "num"] + ["num"] * len(types)))
    body.append(f"<h2>{_h(head['latest'])}</h2>")
    for p in rows:
        body.append(f'<h3 id="p-{_slug(p.code)}">{_h(country_name(p.code, lang))} '
                    f"({_h(p.code)})</h3>")
        body.append(_html_table(
            [col["date"], col["type"], col["what"], col["people"]],
            [[_h(show_date(e.get("date_start"), e.get("date_end"), lang)),
              _h(event_label(e, lang)), _h(e.get("evidence")),
              _h(", ".join(e.get("people") or []))] for e in p.latest],
            ["date", "", "", ""]))
    return _html_page(title, body, lang)
