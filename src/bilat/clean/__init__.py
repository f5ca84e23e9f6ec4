"""Cleaning: a RawDocument becomes a Document holding the article and nothing else.

    clean_document(raw: RawDocument) -> Document      raises bilat.errors.BadInput

HTML goes through trafilatura for the main text and metadata; every text then loses its page
residue (clean/boilerplate.py) and is normalised (clean/unicode.py). Metadata the input gives
(a record's title, date, language, url) wins over what is found in the page.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from bilat.clean.boilerplate import clean_text
from bilat.clean.unicode import normalize_text
from bilat.errors import BadInput
from bilat.model import Document, RawDocument
from bilat.readers.fields import clean_str, language_code, published_date

__all__ = ["clean_document", "content_id", "normalize_text"]


def content_id(text: str) -> str:
    """A stable id of a clean text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _storable(raw: RawDocument) -> RawDocument:
    """Every text field without lone surrogates: a RawDocument made by other code than the
    readers (a library caller, a Ray job) may carry them, and no store can keep them."""
    fields = {k: clean_str(v) for k, v in vars(raw).items() if isinstance(v, str)}
    return replace(raw, **fields)


def clean_document(raw: RawDocument) -> Document:
    raw = _storable(raw)
    title, published, site, author, url = raw.title, raw.published, None, None, raw.url
    if raw.html is not None and raw.html.strip():
        from bilat.clean.html import extract_page

        page = extract_page(raw.html, raw.url)
        body = page.text
        title = title or page.title
        published = published or page.published
        site, author, url = page.site, page.author, url or page.url
    elif raw.text is not None:
        body = raw.text
    else:
        raise BadInput("no text or markup")
    # whatever the source or the page said, only a real date and a known language go on
    published = published_date(published)
    title = normalize_text(title) if title else None
    cleaned = clean_text(normalize_text(body), title)
    text = cleaned.text
    if not text.strip():
        raise BadInput("no article text left after cleaning")
    from bilat.analysis.language import detect_language

    language = detect_language(text, hint=language_code(raw.language))
    return Document(doc_id=raw.doc_id, source=raw.source, text=text,
                    content_id=content_id(text), title=title, published=published,
                    language=language, url=url, site=site,
                    byline=cleaned.byline or author, dateline=cleaned.dateline)
