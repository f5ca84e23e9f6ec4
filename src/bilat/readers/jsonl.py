"""JSON Lines input records (../shared/SCHEMA.md "Input records"): one document per line."""

from __future__ import annotations

import json
from collections.abc import Iterator

from bilat.model import RawDocument, ReadError
from bilat.readers.ids import stable_id

FIELDS = ("id", "url", "title", "published", "language", "text", "html")


def read_jsonl(text: str, source: str) -> Iterator[RawDocument | ReadError]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}#{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield ReadError(where, "a record must be a JSON object")
            continue
        body_text, body_html = record.get("text"), record.get("html")
        if not (isinstance(body_text, str) and body_text.strip()) and not (
                isinstance(body_html, str) and body_html.strip()):
            yield ReadError(where, "record has neither text nor html")
            continue
        published = record.get("published")
        doc_id = record.get("id")
        yield RawDocument(
            source=where,
            doc_id=str(doc_id) if doc_id not in (None, "") else stable_id(
                record.get("url") or body_text or body_html),
            fmt="jsonl",
            text=body_text if isinstance(body_text, str) and body_text.strip() else None,
            html=body_html if isinstance(body_html, str) and body_html.strip() else None,
            title=_str(record.get("title")),
            published=_str(published)[:10] if _str(published) else None,
            language=_str(record.get("language")),
            url=_str(record.get("url")),
        )


def _str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
