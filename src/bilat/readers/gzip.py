"""Gzip data, every member of it: `cat a.gz b.gz` is one valid gzip file, and a reader that
stops after the first member loses the rest without a word."""

from __future__ import annotations

import zlib

from bilat.errors import BadInput


def inflate_members(data: bytes, limit: int) -> tuple[bytes, str | None]:
    """The concatenated content of every gzip member, and why it stops early (None if whole).

    Output past `limit` bytes is refused: a small archive may unpack to something huge.
    """
    out: list[bytes] = []
    total = 0
    rest = data
    while rest:
        if rest[:2] != b"\x1f\x8b":
            if rest.strip(b"\x00\r\n \t"):
                return b"".join(out), "damaged gzip data (garbage between members)"
            break
        d = zlib.decompressobj(zlib.MAX_WBITS | 16)
        pending = rest
        try:
            while pending and not d.eof:
                chunk = d.decompress(pending, 1 << 20)
                total += len(chunk)
                if total > limit:
                    raise BadInput(f"larger than the {limit}-byte limit once decompressed")
                out.append(chunk)
                pending = d.unconsumed_tail
        except zlib.error as exc:
            return b"".join(out), f"damaged gzip data ({exc})"
        if not d.eof:
            return b"".join(out), "truncated gzip data (the archive ends early)"
        rest = d.unused_data
    return b"".join(out), None


def gunzip(data: bytes, limit: int) -> bytes:
    """Every member decompressed; BadInput for damaged or truncated data or an output past
    `limit` bytes."""
    out, damage = inflate_members(data, limit)
    if damage:
        raise BadInput(damage)
    return out
