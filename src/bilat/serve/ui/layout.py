"""The frame every page shares: head, navigation, language switch, footer. Pure: a page's
body (HTML, escaped already) in, the whole document out."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlencode

from bilat.know.escaping import html_text
from bilat.serve.ui.words import languages, word

STATIC = "/static"
NAV = (("home", "/"), ("search", "/search"), ("documents", "/documents"),
       ("upload", "/upload"))


def h(text: Any) -> str:
    """Text from an article or the store, safe in an element or a quoted attribute."""
    return html_text(text)


def script_json(data: Any) -> str:
    """JSON to embed in <script type="application/json">: nothing in it can close the
    element or open a comment (<, >, & and the line separators as \\u escapes)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


def path_part(value: str) -> str:
    """One path segment of a link (an id from the store), percent-encoded."""
    return quote(str(value), safe="")


def with_query(path: str, query: list[tuple[str, str]], **changes: str) -> str:
    """`path` with its query, some keys replaced (an empty value drops the key)."""
    kept = [(k, v) for k, v in query if k not in changes]
    kept += [(k, v) for k, v in changes.items() if v]
    return path + ("?" + urlencode(kept) if kept else "")


def _switch(lang: str, path: str, query: list[tuple[str, str]]) -> str:
    links = []
    for other in languages():
        name = word(other, "lang_name")
        if other == lang:
            links.append(f'<strong aria-current="true" lang="{other}">{h(name)}</strong>')
        else:
            links.append(f'<a href="{h(with_query(path, query, lang=other))}" lang="{other}" '
                         f'hreflang="{other}">{h(name)}</a>')
    return (f'<div class="lang" role="group" aria-label="{h(word(lang, "nav.language"))}">'
            + " · ".join(links) + "</div>")


def page(title: str, body: str, lang: str, *, path: str = "/",
         query: list[tuple[str, str]] | None = None, active: str = "",
         scripts: bool = True, head: str = "") -> str:
    """A whole page: `body` (and `head`, more of the head's elements) is HTML already
    escaped by its renderer."""
    nav = "".join(
        f'<a href="{href}"{" aria-current=page" if key == active else ""}>'
        f'{h(word(lang, "nav." + key))}</a>' for key, href in NAV)
    script = f'<script src="{STATIC}/ui.js" defer></script>' if scripts else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{h(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{h(title)} · bilat</title>"
        '<link rel="icon" href="data:,">'  # no favicon request to fail
        f'<link rel="stylesheet" href="{STATIC}/ui.css">{script}{head}</head>\n'
        f'<body><a class="skip" href="#main">{h(word(lang, "nav.skip"))}</a>'
        '<header class="top"><a class="brand" href="/">bilat</a>'
        f'<nav aria-label="bilat">{nav}</nav>{_switch(lang, path, query or [])}</header>\n'
        f'<main id="main">{body}</main>\n'
        f'<footer class="muted">{h(word(lang, "footer"))}</footer>'
        "</body></html>\n")
