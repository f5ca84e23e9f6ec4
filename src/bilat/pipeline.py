"""The stage functions chained: read -> clean -> extract. Pure between reading and storing."""

from __future__ import annotations

from bilat.model import Document, Extraction, RawDocument


def process(raw: RawDocument) -> tuple[Document, Extraction]:
    """Clean one raw document and extract from it; raises bilat.errors.BadInput."""
    from bilat.clean import clean_document
    from bilat.extract import extract_document

    doc = clean_document(raw)
    return doc, extract_document(doc)
