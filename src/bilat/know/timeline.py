"""The timeline of a relationship: merged events in date order, written for a reader.

Pure functions from merged-event dicts (bilat.store.record.merged_events) to text: dates at
the precision the sources give, labels in the reader's language, the way to the evidence.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from bilat.know.escaping import html_text, http_url, md_cell, md_code, md_text, md_url


def format_date(start: str | None, end: str | None, lang: str) -> str:
    """"21–25 Aug 2023", "Aug 2023", "2023" (never more precise than the sources)."""
    from babel.dates import format_date as babel_date

    if not start:
        return text("undated", lang)
    try:
        if len(start) >= 10:
            d = dt.date.fromisoformat(start[:10])
            shown = babel_date(d, "d MMM y", locale=lang)
            if end and len(end) >= 10 and end[:10] != start[:10]:
                e = dt.date.fromisoformat(end[:10])
                if (e.year, e.month) == (d.year, d.month):
                    return f"{d.day}–{babel_date(e, 'd MMM y', locale=lang)}"
                return f"{shown} – {babel_date(e, 'd MMM y', locale=lang)}"
            return shown
        if len(start) >= 7:
            return babel_date(dt.date(int(start[:4]), int(start[5:7]), 1), "MMM y", locale=lang)
    except ValueError:
        return start
    return start[:4]


def type_label(event_type: str, lang: str) -> str:
    from bilat.know.labels import label

    return label(lang, "event", event_type)


def column(key: str, lang: str) -> str:
    from bilat.know.labels import label

    return label(lang, "column", key)


def text(key: str, lang: str) -> str:
    from bilat.know.labels import label

    return label(lang, "text", key)


def source_ref(source: dict[str, Any]) -> str:
    """Where to read the evidence: the page's address, else the stored document's id."""
    return source.get("url") or f"bilat docs show {source.get('doc')}"


def to_json(events: list[dict[str, Any]]) -> str:
    """SCHEMA.md "Merged events": the event fields plus id and sources."""
    return json.dumps([merged_record(e) for e in events], ensure_ascii=False, indent=2)


def merged_record(e: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "type", "plover", "mode", "actors", "actor", "recipient", "date_start",
            "date_end", "status", "people", "location", "evidence", "source_count")
    out = {k: e.get(k) for k in keys}
    out["sources"] = [{"doc": s["doc"], "language": s["language"], "evidence": s["evidence"],
                       "url": s.get("url")} for s in e.get("sources", [])]
    return out


def status_note(e: dict[str, Any], lang: str) -> str:
    """" (scheduled)", " (ongoing)", " (announced for Aug 2023)", or nothing for an event
    that happened. The status as of today when the caller set `status_now`
    (bilat.know.status.with_status_now), else as stored."""
    from bilat.know.labels import label
    from bilat.know.status import ANNOUNCED, shown_status

    status = shown_status(e)
    if status == ANNOUNCED:
        when = format_date(e.get("date_start"), e.get("date_end"), lang)
        return f" ({label(lang, 'status', ANNOUNCED).format(date=when)})"
    if status in ("scheduled", "ongoing"):
        return f" ({label(lang, 'status', status)})"
    return ""


def _md_ref(source: dict[str, Any]) -> str:
    """The document, linked to its page when that is a web page (never javascript: and
    the like: a reader follows the link)."""
    url = md_url(source.get("url"))
    return f"[{md_text(source['doc'])}]({url})" if url else md_code(source["doc"])


def to_markdown(events: list[dict[str, Any]], title: str, lang: str) -> str:
    lines = [f"# {title}", ""]
    if not events:
        lines.append(text("no_events", lang))
        return "\n".join(lines) + "\n"
    cols = [column(k, lang) for k in ("date", "type", "what", "people", "sources")]
    lines += ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for e in events:
        refs = ", ".join(_md_ref(s) for s in e["sources"])
        cells = [format_date(e["date_start"], e["date_end"], lang),
                 type_label(e["type"], lang) + status_note(e, lang),
                 md_text(e["evidence"]), md_text(", ".join(e["people"])),
                 f"{e['source_count']}: {refs}"]
        lines.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def to_html(events: list[dict[str, Any]], title: str, lang: str) -> str:
    """One self-contained page (no network): a table with each event's sources."""
    esc = html_text
    rows = []
    for e in events:
        # a link only to a web page: a javascript: or data: address runs when followed
        refs = "<br>".join(
            (f'<a href="{esc(url)}" rel="noreferrer">{esc(s["doc"])}</a>'
             if (url := http_url(s.get("url"))) else f"<code>{esc(s['doc'])}</code>")
            + f" <small>({esc(s.get('language') or '?')})</small>" for s in e["sources"])
        rows.append(
            f"<tr><td>{esc(format_date(e['date_start'], e['date_end'], lang))}</td>"
            f"<td>{esc(type_label(e['type'], lang) + status_note(e, lang))}</td>"
            f"<td>{esc(e['evidence'] or '')}</td><td>{esc(', '.join(e['people']))}</td>"
            f"<td>{e['source_count']}</td><td>{refs}</td></tr>")
    head = "".join(f"<th>{esc(column(k, lang))}</th>"
                   for k in ("date", "type", "what", "people", "source_count", "sources"))
    return (f'<!DOCTYPE html><html lang="{esc(lang)}"><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title><style>body{{font-family:sans-serif;margin:2em}}"
            "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;"
            "vertical-align:top;text-align:left}</style></head><body>"
            f"<h1>{esc(title)}</h1><table><thead><tr>{head}</tr></thead><tbody>"
            + "".join(rows) + "</tbody></table></body></html>\n")
