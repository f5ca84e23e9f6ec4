"""JSON Lines input records (../shared/SCHEMA.md "Input records"): one document per line."""

from __future__ import annotations

import json
from collections.abc import Iterator

from bilat.errors import BadInput
from bilat.model import RawDocument, ReadError
from bilat.readers.fields import clean_str, language_code, published_date, record_id
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
        except (ValueError, RecursionError) as exc:  # a 5,000-digit number; [[[[…]]]]
            yield ReadError(where, f"unreadable JSON ({exc.__class__.__name__}: {exc})"[:300])
            continue
        if not isinstance(record, dict):
            yield ReadError(where, "a record must be a JSON object")
            continue
        record = {k: clean_str(v) if isinstance(v, str) else v for k, v in record.items()}
        body_text, body_html = (v if isinstance(v, str) else None
                                for v in (record.get("text"), record.get("html")))
        if not (isinstance(body_text, str) and body_text.strip()) and not (
                isinstance(body_html, str) and body_html.strip()):
            yield ReadError(where, "record has neither text nor html")
            continue
        try:
            doc_id = record_id(record.get("id"))
        except BadInput as exc:
            yield ReadError(where, str(exc))
            continue
        yield RawDocument(
            source=where,
            doc_id=doc_id or stable_id(_str(record.get("url")) or body_text or body_html),
            fmt="jsonl",
            text=body_text if isinstance(body_text, str) and body_text.strip() else None,
            html=body_html if isinstance(body_html, str) and body_html.strip() else None,
            title=_str(record.get("title")),
            published=published_date(record.get("published")),
            language=language_code(record.get("language")),
            url=_str(record.get("url")),
        )


def _str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
