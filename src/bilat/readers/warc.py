"""WARC and WARC.gz archives (warcio): each HTML response record is a page.

A cut or damaged archive yields the pages stored whole before the damage, then one ReadError.
To know where the damage is, gzip members are inflated here (warcio silently returns a cut
member's partial content) and every record's declared length is checked against the bytes left.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from bilat.errors import BadInput
from bilat.model import RawDocument, ReadError
from bilat.readers.gzip import inflate_members
from bilat.readers.html import read_html
from bilat.readers.ids import stable_id

_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
_HEADER_END = b"\r\n\r\n"


def read_warc(data: bytes, source: str, limit: int = 1 << 62) -> Iterator[RawDocument | ReadError]:
    """Pages of a WARC (gzip-compressed or not); see the module docstring."""
    damage = None
    if data[:2] == b"\x1f\x8b":
        try:
            data, damage = inflate_members(data, limit)
        except BadInput as exc:
            yield ReadError(source, str(exc))
            return
    pages = 0
    for item in _records(data, source):
        if isinstance(item, ReadError):
            yield item
            return
        pages += 1
        yield item
    if damage:
        yield ReadError(source, f"truncated WARC after {pages} page(s): {damage}")
    elif not pages:
        # an archive of requests or metadata only, or no record at all: say so, not "read 0"
        yield ReadError(source, "no HTML page in this WARC (no response record with HTML)")


def _records(data: bytes, source: str) -> Iterator[RawDocument | ReadError]:
    """Pages of an uncompressed WARC; a record cut short ends the walk with a ReadError."""
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    end = 0  # where the last whole record ends
    it = ArchiveIterator(io.BytesIO(data))
    try:
        for record in it:
            wanted = record.rec_type == "response" and "html" in _content_type(record)
            payload = record.content_stream().read() if wanted else b""
            offset = it.get_record_offset()
            body = data.find(_HEADER_END, offset)
            if body < 0 or body + len(_HEADER_END) + (record.length or 0) > len(data):
                yield ReadError(source, f"truncated WARC after {n} page(s): the last record "
                                        "is cut short")
                return
            end = offset + it.get_record_length()
            if not wanted:
                continue
            n += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            m = _CHARSET.search(_content_type(record))
            yield read_html(payload, f"{source}#{n}", stable_id(url or payload[:4096].hex()),
                            url=url, fmt="warc", declared=m.group(1) if m else None)
    except Exception:  # noqa: BLE001 - warcio raises many kinds on damaged input
        yield ReadError(source, f"truncated or damaged WARC after {n} page(s): a record's "
                                "headers cannot be parsed")
        return
    if data[end:].strip():
        # warcio ends quietly at a record whose headers were cut off
        yield ReadError(source, f"truncated WARC after {n} page(s): the last record is cut "
                                "short")


def _content_type(record: object) -> str:
    headers = getattr(record, "http_headers", None)
    return ((headers.get_header("Content-Type") if headers else None) or "").lower()
