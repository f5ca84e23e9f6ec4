"""Extraction: events and facts read from a clean Document, as ../shared/SCHEMA.md defines them."""

from __future__ import annotations

from bilat.model import Document, Extraction


def extract_document(doc: Document) -> Extraction:
    """Every event and fact the document's text states (pure: no I/O)."""
    from bilat.extract.document import extract

    return extract(doc)
