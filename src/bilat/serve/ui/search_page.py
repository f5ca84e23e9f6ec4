"""The search page: one box, any language; results with their evidence sentences, linking
to events and documents. Pure: hits (bilat.know.index.search) in, HTML out."""

from __future__ import annotations

from typing import Any

from bilat.know.timeline import format_date
from bilat.serve.ui.layout import h
from bilat.serve.ui.pair_page import language_name
from bilat.serve.ui.parts import country, document_href, event_href
from bilat.serve.ui.words import know, word


def search_form(q: str, lang: str) -> str:
    return (f'<form class="search" method="get" action="/search" role="search">'
            f'<label for="q">{h(word(lang, "search.help"))}</label><div class="row">'
            f'<input id="q" name="q" type="search" value="{h(q)}" '
            f'placeholder="{h(word(lang, "search.placeholder"))}">'
            f'<button type="submit">{h(word(lang, "search.button"))}</button></div></form>')


def _hit(hit: Any, merged: dict[str, str], lang: str) -> str:
    is_event = hit.kind == "event"
    kind = word(lang, "search.event" if is_event else "search.document")
    head = [f'<span class="kind">{h(kind)}</span>']
    if is_event and hit.type:
        head.append(f'<span class="type">{h(know(lang, "event", hit.type))}</span>')
    if hit.date:
        head.append(f'<time datetime="{h(hit.date)}">{h(format_date(hit.date, None, lang))}'
                    "</time>")
    head.append(f'<span class="chip" title="{h(language_name(hit.language or "", lang))}">'
                f'{h(hit.language or "?")}</span>')
    if hit.countries:
        head.append(f'<span class="muted">{h(", ".join(country(c, lang) for c in hit.countries))}'
                    "</span>")
    doc = f'<a href="{h(document_href(hit.content_id))}">{h(hit.title or hit.doc_id)}</a>'
    target = (event_href(merged[hit.id]) if is_event and hit.id in merged
              else document_href(hit.content_id))
    return (f'<li class="hit {h(hit.kind)}"><div class="ev-head">{" ".join(head)}</div>'
            f'<p class="ev-text" lang="{h(hit.language or "")}"><a href="{h(target)}">'
            f'{h(hit.text)}</a></p><p class="ev-meta">{doc}</p></li>')


def search_body(q: str, hits: list[Any], merged: dict[str, str], error: str | None,
                lang: str) -> str:
    out = [f'<h1>{h(word(lang, "search.title"))}</h1>', search_form(q, lang)]
    if error:
        out.append(f'<p class="warn">{h(error)}</p>')
    elif q:
        if hits:
            out.append(f'<p class="count">{h(word(lang, "search.results", n=len(hits), q=q))}'
                       f'</p><ol class="events hits">'
                       + "".join(_hit(x, merged, lang) for x in hits) + "</ol>")
        else:
            out.append(f'<p>{h(word(lang, "search.none"))}</p>')
    return "".join(out)
