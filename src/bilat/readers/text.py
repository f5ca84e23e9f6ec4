"""Plain text and Markdown: a title line over a line of dashes or '=' (or over a blank line,
when short and without a final stop) is the title; the rest is the body."""

from __future__ import annotations

import re

from bilat.model import RawDocument

_RULE = re.compile(r"^\s*[-=_*]{3,}\s*$")
# "# Title" or "## Title ##": the text after the marks; closing marks are stripped in code
# (a lazy group before "\s*#*\s*$" backtracks with the cube of a run of spaces)
_MD_TITLE = re.compile(r"^#{1,2}[ \t]+(\S.*)$")
_MAX_TITLE = 200


def split_title(text: str) -> tuple[str | None, str]:
    lines = text.lstrip("\ufeff").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        return None, ""
    first = lines[0].strip()
    md = _MD_TITLE.match(first)
    if md and md.group(1).rstrip("# \t"):
        return md.group(1).rstrip("# \t"), "\n".join(lines[1:]).strip()
    if len(lines) > 1 and _RULE.match(lines[1]) and len(first) <= _MAX_TITLE:
        return first, "\n".join(lines[2:]).strip()
    if (len(lines) > 2 and not lines[1].strip() and len(first) <= _MAX_TITLE
            and not first.endswith((".", "!", "?", ":", ";", ",")) and len(first.split()) >= 2):
        return first, "\n".join(lines[2:]).strip()
    return None, text.strip()


def read_text(text: str, source: str, doc_id: str) -> RawDocument:
    title, body = split_title(text)
    return RawDocument(source=source, doc_id=doc_id, fmt="text", text=body, title=title)
