"""Pieces several pages show: an event as a list item, a date, a status as of today, a
country's name, links to a pair, an event, a document. Pure; every store string escaped."""

from __future__ import annotations

from typing import Any

from bilat.analysis.gazetteer import country_name
from bilat.know.escaping import http_url
from bilat.know.status import ANNOUNCED, shown_status
from bilat.know.timeline import format_date
from bilat.serve.ui.layout import h, path_part
from bilat.serve.ui.words import know, word


def date_text(e: dict[str, Any], lang: str) -> str:
    """The event's dates at the sources' precision, in the reader's language."""
    return format_date(e.get("date_start"), e.get("date_end"), lang)


def status_text(e: dict[str, Any], lang: str) -> str:
    """The status as of today (with_status_now), in words: "announced for 12 Aug 2023"."""
    status = shown_status(e)
    if status == ANNOUNCED:
        return know(lang, "status", ANNOUNCED).format(date=date_text(e, lang))
    return know(lang, "status", status) if status else ""


def status_filter_label(status: str, lang: str) -> str:
    """A status as a filter's choice (no date: "announced, not reported as happened")."""
    if status == ANNOUNCED:
        return word(lang, "pair.announced_any")
    return know(lang, "status", status)


def country(code: str, lang: str) -> str:
    return country_name(code, lang)


def pair_href(a: str, b: str) -> str:
    return f"/pairs/{path_part(a)}/{path_part(b)}"


def feed_href(a: str, b: str, kind: str) -> str:
    """The pair's feed (serve.feeds): kind "atom" or "json"."""
    return f"/feeds/{path_part(a)}-{path_part(b)}.{kind}"


def event_href(merged_id: str) -> str:
    return f"/events/{path_part(merged_id)}"


def document_href(key: str, anchor: str | None = None) -> str:
    return f"/documents/{path_part(key)}" + (f"#{anchor}" if anchor else "")


def outside_link(url: Any, text: str) -> str:
    """A link to the original page when its address is a web one (never javascript:)."""
    safe = http_url(url)
    if not safe:
        return ""
    return f'<a class="out" href="{h(safe)}" rel="noreferrer noopener">{h(text)} ↗</a>'


def source_chips(e: dict[str, Any]) -> str:
    """One chip per report: its language, linking to its document (title on hover)."""
    chips = []
    for s in e.get("sources") or ():
        key = s.get("content_id") or s.get("doc") or ""
        chips.append(f'<a class="chip" href="{h(document_href(key))}" '
                     f'title="{h(s.get("title") or s.get("doc"))}">'
                     f'{h(s.get("language") or "?")}</a>')
    return " ".join(chips)


def event_item(e: dict[str, Any], lang: str, *, hidden: bool = False,
               pair_of: str | None = None) -> str:
    """An event as a list item: date, type, status, evidence (linking to the event page),
    people and its reports. `pair_of`: a country whose partner to name (home page)."""
    status = shown_status(e) or ""
    head = [f'<time>{h(date_text(e, lang))}</time>',
            f'<span class="type">{h(know(lang, "event", e.get("type") or ""))}</span>']
    if status:
        head.append(f'<span class="status s-{h(status)}">{h(status_text(e, lang))}</span>')
    if pair_of:
        others = [c for c in e.get("actors") or () if c != pair_of]
        head += [f'<a class="partner" href="{h(pair_href(pair_of, c))}">'
                 f'{h(country(c, lang))}</a>' for c in others]
    people = ", ".join(e.get("people") or [])
    meta = [f'<span class="people">{h(people)}</span>'] if people else []
    meta.append(f'<span class="sources">{h(know(lang, "column", "source_count"))}: '
                f"{source_chips(e)}</span>")
    return (f'<li class="ev" id="ev-{h(e["id"])}" data-id="{h(e["id"])}"'
            f'{" hidden" if hidden else ""}><div class="ev-head">{" ".join(head)}</div>'
            f'<p class="ev-text"><a href="{h(event_href(e["id"]))}">{h(e.get("evidence"))}'
            f'</a></p><p class="ev-meta">{" · ".join(meta)}</p></li>')
