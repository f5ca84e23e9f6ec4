"""Article text is data: each string from an article (title, address, evidence, names, ids)
goes through one of these on its way into HTML, Markdown or a terminal, so that none of it
acts there as markup, a link or a control sequence (issue #8).

    html_text("<b>")                 -> "&lt;b&gt;"
    md_text("*a* [b](c)")            -> "\\*a\\* \\[b\\]\\(c\\)"
    http_url("javascript:alert(1)")  -> None
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

# C0 controls but tab and newline, DEL, C1 controls (a terminal obeys ESC and CSI), and the
# bidi embeddings, overrides and isolates that make text read in another order than stored.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_HTTP = re.compile(r"https?://[^\s/?#\\]+[^\s]*", re.IGNORECASE)


def _shown(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # its control picture: ESC -> ␛
    return "\u2421" if code == 0x7F else "\ufffd"


def printable(text: object, *, multiline: bool = False) -> str:
    """`text` with its control characters shown, not obeyed: C0 ones as their control
    pictures (ESC -> ␛), the others as U+FFFD. A newline stays one when `multiline`, else it
    becomes a space; None is ""."""
    if text is None:
        return ""
    text = str(text)
    if not multiline:
        text = text.replace("\r\n", " ").replace("\n", " ")
    return _CONTROL.sub(lambda m: "\n" if m.group() == "\n" else _shown(m.group()), text)


def http_url(url: object) -> str | None:
    """The address when it is an absolute http(s) one, the only kind a report links to;
    None for anything else (javascript:, data:, file:, relative, with controls or spaces)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if _CONTROL.search(url) or not _HTTP.fullmatch(url):
        return None
    return url


def html_text(text: object) -> str:
    """Text for HTML, in an element or a quoted attribute."""
    return escape(printable(text, multiline=True), quote=True)


# What Markdown (CommonMark and GFM) reads as syntax inside a line: escapes, code, emphasis,
# strikethrough, links, images and table cells. "<", ">" and "&" become entities instead, so
# that no raw HTML, autolink or entity survives.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]()|!~])")
# ... and what it reads as syntax at the start of a line: headings, lists, setext underlines.
_MD_LEADING = re.compile(r"^([#+=-]|\d{1,9}(?=[.)](?:\s|$)))")


def md_text(text: object) -> str:
    """Text for one line of Markdown (a table cell, a list item): whitespace runs collapsed
    to a space, nothing in it read as Markdown or HTML."""
    text = re.sub(r"\s+", " ", printable(text)).strip()
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LEADING.sub(lambda m: m.group() + "\\" if m.group()[0].isdigit()
                           else "\\" + m.group(), text, count=1)


def md_url(url: object) -> str | None:
    """An http(s) address for a Markdown link or autolink, percent-encoded where Markdown or
    a table would read it (spaces, <, >, parentheses, |, backquote, backslash); None for any
    other address."""
    url = http_url(url)
    if url is None:
        return None
    return quote(url, safe="!#$%&'*+,-./:;=?@[]_~")


_PLAIN_ID = re.compile(r"[\w.:/@+=,~-]+")


def md_code(text: object) -> str:
    """An id as inline code when it is plain (letters, digits, -._:/ and the like), else as
    escaped text: a backquote or a pipe cannot be escaped inside a code span."""
    text = printable(text)
    return f"`{text}`" if _PLAIN_ID.fullmatch(text) else md_text(text)


def md_cell(text: object) -> str:
    """A Markdown table cell from Markdown (md_text's output, labels, links): one line, and
    any pipe not escaped yet escaped."""
    text = re.sub(r"\s+", " ", str(text if text is not None else "")).strip()
    return re.sub(r"(?<!\\)\|", r"\\|", text)
