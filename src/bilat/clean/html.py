"""Main text and metadata of an HTML page, by trafilatura (no network, markup only)."""

from __future__ import annotations

from dataclasses import dataclass

from bilat.errors import BadInput


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

    def run(with_metadata: bool) -> object:
        return trafilatura.bare_extraction(
            html, url=url, with_metadata=with_metadata, include_comments=False,
            include_tables=True, favor_precision=True, include_images=False,
            include_links=False, deduplicate=False, output_format="python")

    try:
        doc = run(True)
    except (AssertionError, AttributeError, TypeError, ValueError, IndexError):
        # trafilatura's metadata pass (htmldate) fails on some odd trees ("<math><figure>"):
        # the body is still worth reading, without the page's title and date
        try:
            doc = run(False)
        except (AssertionError, AttributeError, TypeError, ValueError, IndexError) as exc:
            raise BadInput(f"the page's markup cannot be read ({type(exc).__name__})") from exc
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
