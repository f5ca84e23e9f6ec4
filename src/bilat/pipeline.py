"""The stage functions chained: read -> clean -> extract. Pure between reading and storing."""

from __future__ import annotations

from bilat.config import Settings
from bilat.errors import BadInput
from bilat.model import Document, Extraction, RawDocument


def process(raw: RawDocument, settings: Settings | None = None) -> tuple[Document, Extraction]:
    """Clean one raw document and extract from it; raises bilat.errors.BadInput, also when the
    input is over one of the settings' limits (markup tags, article characters)."""
    from bilat.clean import clean_document
    from bilat.extract import extract_document

    limits = settings or Settings()
    if raw.html is not None:
        # counted before parsing: the parser's time and memory grow with the tags, not bytes
        tags = raw.html.count("<")
        if tags > limits.max_html_tags:
            raise BadInput(f"markup of more than {limits.max_html_tags} tags ({tags}); "
                           "BILAT_MAX_HTML_TAGS raises the limit")
    doc = clean_document(raw)
    if len(doc.text) > limits.max_text_chars:
        raise BadInput(f"{len(doc.text)} characters of article text, more than the "
                       f"{limits.max_text_chars}-character limit (--max-chars)")
    return doc, extract_document(doc, limits.max_sentence_chars)
