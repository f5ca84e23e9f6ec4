"""The event page (every report of one merged event, each with its sentence marked in its
document's text) and the document page (a stored article, the sentences it gave marked).
Pure: what the store read in, HTML out."""

from __future__ import annotations

from typing import Any

from bilat.know.dossier import figure_text, format_number
from bilat.know.status import status_as_of
from bilat.serve.ui.layout import h
from bilat.serve.ui.marks import Span, anchor, excerpt_html, marked_html, place
from bilat.serve.ui.pair_page import language_name
from bilat.serve.ui.parts import (
    country,
    date_text,
    document_href,
    event_href,
    outside_link,
    pair_href,
    status_text,
)
from bilat.serve.ui.words import events_count, know, word


def event_title(e: dict[str, Any], lang: str) -> str:
    return word(lang, "event.title", type=know(lang, "event", e.get("type") or ""),
                date=date_text(e, lang))


def _facts_row(label: str, value: str) -> str:
    """A row of a definition list (value is HTML already)."""
    return f"<dt>{h(label)}</dt><dd>{value}</dd>" if value else ""


def _report(s: dict[str, Any], text: str | None, lang: str) -> str:
    """One report: its document, language, date, the sentence marked in its paragraph."""
    key = s.get("content_id") or s.get("doc") or ""
    title = s.get("title") or s.get("doc") or key
    spot = place(text, s.get("start_char"), s.get("end_char"), s.get("evidence")) \
        if text else None
    if spot:
        quote = (f'<blockquote class="excerpt" lang="{h(s.get("language") or "")}">'
                 f"{excerpt_html(text, *spot)}</blockquote>"
                 f'<p><a href="{h(document_href(key, anchor(spot[0])))}">'
                 f'{h(word(lang, "event.in_document"))} →</a></p>')
    else:
        quote = (f'<blockquote class="excerpt" lang="{h(s.get("language") or "")}">'
                 f'{h(s.get("evidence"))}</blockquote>'
                 f'<p class="muted">{h(word(lang, "event.no_offsets"))}</p>')
    written = s.get("status")
    meta = [h(s.get("published") or know(lang, "text", "undated")),
            h(language_name(s.get("language") or "", lang))]
    if written:
        meta.append(h(word(lang, "event.as_written", status=know(lang, "status", written))))
    return (f'<li class="report"><h3><a href="{h(document_href(key))}">{h(title)}</a></h3>'
            f'<p class="muted">{" · ".join(meta)} '
            f'{outside_link(s.get("url"), word(lang, "event.original"))}</p>{quote}</li>')


def event_body(e: dict[str, Any], texts: dict[str, str], lang: str) -> str:
    """`e`: bilat.store.record.merged_event with `status_now`; `texts`: each report's
    document text by content id."""
    actors = e.get("actors") or []
    names = ", ".join(h(country(c, lang)) for c in actors)
    pairs = [(a, b) for i, a in enumerate(actors) for b in actors[i + 1:]]
    links = "".join(
        f'<li><a href="{h(pair_href(a, b))}">'
        f'{h(word(lang, "event.pair_link", a=country(a, lang), b=country(b, lang)))}</a></li>'
        for a, b in pairs)
    facts = (_facts_row(word(lang, "event.between"), names)
             + _facts_row(word(lang, "event.status"), h(status_text(e, lang)))
             + _facts_row(word(lang, "event.people"), h(", ".join(e.get("people") or [])))
             + _facts_row(word(lang, "event.location"), h(e.get("location") or "")))
    sources = e.get("sources") or []
    reports = "".join(_report(s, texts.get(s.get("content_id") or ""), lang) for s in sources)
    return (f'<h1>{h(event_title(e, lang))}</h1>'
            f'<p class="lead">{h(e.get("evidence"))}</p><dl class="facts">{facts}</dl>'
            f'<ul class="links">{links}</ul>'
            f'<h2>{h(word(lang, "event.reports", n=len(sources)))}</h2>'
            f'<ol class="reports">{reports}</ol>')


def _item_link(href: str, text: str) -> str:
    return f'<a href="{h(href)}">{h(text)}</a>'


def document_body(doc: dict[str, Any], merged: dict[str, str], lang: str,
                  today: Any) -> str:
    """`doc`: the store's get_document (text, events, facts); `merged`: the merged event of
    each of its events."""
    text = doc.get("text") or ""
    spans, event_items, fact_items = [], [], []
    for ev in doc.get("events") or ():
        spot = place(text, ev.get("start_char"), ev.get("end_char"), ev.get("evidence"))
        note = know(lang, "event", ev.get("type") or "")
        if spot:
            spans.append(Span(*spot, kind="event", note=note))
        ev_now = {**ev, "status_now": status_as_of(ev.get("status"), ev.get("date_start"),
                                                   ev.get("date_end"), today)}
        links = []
        if ev["id"] in merged:
            links.append(_item_link(event_href(merged[ev["id"]]), word(lang, "document.go_event")))
        if spot:
            links.append(_item_link(f"#{anchor(spot[0])}", word(lang, "document.sentence")))
        who = ", ".join(country(c, lang) for c in ev.get("actors") or [])
        event_items.append(
            f'<li><strong>{h(note)}</strong> <time>{h(date_text(ev, lang))}</time> '
            f'<span class="status s-{h(ev_now["status_now"] or "")}">'
            f'{h(status_text(ev_now, lang))}</span> · {h(who)}'
            f'<br>{h(ev.get("evidence"))} <span class="links">{" · ".join(links)}</span></li>')
    for f in doc.get("facts") or ():
        spot = place(text, f.get("start_char"), f.get("end_char"), f.get("evidence"))
        metric = know(lang, "metric", f.get("metric") or "")
        value = (figure_text(f["value"], f.get("unit") or "", lang)
                 if f.get("value") is not None else "")
        if spot:
            spans.append(Span(*spot, kind="fact", note=f"{metric}: {value}"))
        where = " → ".join(country(c, lang) for c in (f.get("from_country"),
                                                      f.get("to_country")) if c)
        change = (f" ({format_number(f['change_pct'], lang)} %)"
                  if f.get("change_pct") is not None else "")
        link = _item_link(f"#{anchor(spot[0])}", word(lang, "document.sentence")) if spot else ""
        fact_items.append(
            f'<li><strong>{h(metric)}</strong> {h(value)}{h(change)} · {h(f.get("period"))}'
            f' · {h(where)}<br>{h(f.get("evidence"))} <span class="links">{link}</span></li>')
    none = f'<p>{h(word(lang, "document.none"))}</p>'
    meta = (_facts_row(know(lang, "column", "published"), h(doc.get("published") or ""))
            + _facts_row(know(lang, "column", "language"),
                         h(language_name(doc.get("language") or "", lang)))
            + _facts_row(know(lang, "column", "url"),
                         outside_link(doc.get("url"), doc.get("url") or "") or h(doc.get("url")))
            + _facts_row(word(lang, "document.doc_id"), f'<code>{h(doc.get("doc_id"))}</code>')
            + _facts_row(word(lang, "document.content_id"),
                         f'<code>{h(doc.get("content_id"))}</code>')
            + _facts_row(word(lang, "document.source"), h(doc.get("source") or ""))
            + _facts_row(word(lang, "document.duplicate_of"),
                         _item_link(document_href(doc["duplicate_of"]), doc["duplicate_of"])
                         if doc.get("duplicate_of") else "")
            + _facts_row(word(lang, "document.ingested"),
                         h(str(doc.get("ingested_at") or "")[:16])))
    return (f'<h1 lang="{h(doc.get("language") or "")}">'
            f'{h(doc.get("title") or doc.get("doc_id"))}</h1>'
            f'<dl class="facts">{meta}</dl>'
            f'<h2>{h(word(lang, "document.text"))}</h2>'
            f'<p class="muted">{h(word(lang, "document.marked"))}</p>'
            f'<div class="doctext" lang="{h(doc.get("language") or "")}">'
            f"{marked_html(text, spans)}</div>"
            f'<h2>{h(word(lang, "document.events"))}</h2>'
            + (f'<ol class="items">{"".join(event_items)}</ol>' if event_items else none)
            + f'<h2>{h(word(lang, "document.facts"))}</h2>'
            + (f'<ol class="items">{"".join(fact_items)}</ol>' if fact_items else none))


def document_list_body(docs: list[dict[str, Any]], total: int, lang: str) -> str:
    """The latest stored articles (store.ui_reads.latest_documents), of `total` in all."""
    items = []
    for d in docs:
        items.append(
            f'<li><a href="{h(document_href(d["content_id"]))}" '
            f'lang="{h(d.get("language") or "")}">{h(d.get("title") or d["doc_id"])}</a> '
            f'<span class="muted">{h(d.get("published") or know(lang, "text", "undated"))} · '
            f'{h(language_name(d.get("language") or "", lang))} · '
            f'{h(events_count(lang, d.get("events") or 0))}</span></li>')
    note = word(lang, "document.list_help", shown=len(docs), total=total)
    return (f'<h1>{h(word(lang, "document.list_title"))}</h1>'
            f'<p class="lead">{h(note)}</p><ol class="docs">{"".join(items)}</ol>')
