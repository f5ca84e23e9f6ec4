"""Main text and metadata of an HTML page, by trafilatura (no network, markup only)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageText:
    text: str
    title: str | None = None
    published: str | None = None
    site: str | None = None
    author: str | None = None
    url: str | None = None


def extract_page(html: str, url: str | None = None) -> PageText:
    """The article body of `html` as paragraphs separated by blank lines, with metadata.

    trafilatura's own deduplication is off: it remembers paragraphs across calls in a
    process-wide cache, so the same page would clean differently the second time.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        favor_precision=True,
        include_images=False, include_links=False, deduplicate=False, output_format="python")
    if doc is None:
        return PageText("")
    data = doc if isinstance(doc, dict) else doc.as_dict()
    text = (data.get("text") or "").replace("\n", "\n\n")
    return PageText(text=text, title=data.get("title"), published=_day(data.get("date")),
                    site=data.get("sitename"), author=data.get("author"),
                    url=data.get("url"))


def _day(value: object) -> str | None:
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-":
        return value[:10]
    return None
