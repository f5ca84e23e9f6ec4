"""The JSON record `bilat extract` writes for one document (../shared/SCHEMA.md)."""

from __future__ import annotations

from typing import Any

from bilat.model import Document, Extraction


def document_record(doc: Document, extraction: Extraction, with_text: bool = False
                    ) -> dict[str, Any]:
    record: dict[str, Any] = {
        "doc": doc.doc_id,
        "source": doc.url or doc.source,
        "language": doc.language,
        "title": doc.title,
        "published": doc.published,
    }
    if with_text:
        record["text"] = doc.text
    record["events"] = [e.to_dict() for e in extraction.events]
    record["facts"] = [f.to_dict() for f in extraction.facts]
    return record
