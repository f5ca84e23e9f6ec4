"""Readers: turn files, directories, stdin and records into RawDocuments (or ReadErrors).

    read_inputs(paths, settings, stdin=None) -> Iterator[RawDocument | ReadError]

Directories are walked recursively in sorted order (hidden entries skipped); "-" reads stdin.
A format is chosen by the file's extension, else by sniffing its bytes. Bad input never raises:
it becomes one ReadError naming the input and the reason, and the batch goes on.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from bilat.config import Settings
from bilat.errors import BadInput
from bilat.model import RawDocument, ReadError
from bilat.readers.decode import decode, looks_binary
from bilat.readers.feeds import looks_like_feed, read_feed
from bilat.readers.html import read_html
from bilat.readers.ids import file_stem, stable_id
from bilat.readers.jsonl import read_jsonl
from bilat.readers.text import read_text
from bilat.readers.warc import read_warc

Item = RawDocument | ReadError
Reader = Callable[[bytes, str, str, Settings], Iterator[Item]]

__all__ = ["read_inputs", "read_bytes"]


def _text(data: bytes, source: str, doc_id: str, settings: Settings) -> Iterator[Item]:
    yield read_text(decode(data), source, doc_id)


def _html(data: bytes, source: str, doc_id: str, settings: Settings) -> Iterator[Item]:
    yield read_html(data, source, doc_id)


def _jsonl(data: bytes, source: str, doc_id: str, settings: Settings) -> Iterator[Item]:
    yield from read_jsonl(decode(data), source)


def _warc(data: bytes, source: str, doc_id: str, settings: Settings) -> Iterator[Item]:
    yield from read_warc(data, source, settings.max_input_bytes)


def _feed(data: bytes, source: str, doc_id: str, settings: Settings) -> Iterator[Item]:
    yield from read_feed(data, source)


READERS: dict[str, Reader] = {"text": _text, "html": _html, "jsonl": _jsonl, "warc": _warc,
                              "feed": _feed}
EXTENSIONS = {".txt": "text", ".md": "text", ".text": "text", ".html": "html", ".htm": "html",
              ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc",
              ".arc": "warc", ".rss": "feed", ".atom": "feed"}


def sniff(data: bytes) -> str:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"{"):
        return "jsonl"
    if looks_like_feed(head):
        return "feed"
    low = head[:1024].lower()
    if low.startswith(b"<") and (b"<html" in low or b"<!doctype html" in low or b"<body" in low
                                 or b"<p>" in low or b"<div" in low):
        return "html"
    return "text"


def _format(name: str, data: bytes) -> str:
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] in EXTENSIONS:
        return EXTENSIONS[suffixes[-1]]
    if suffixes and suffixes[-1] == ".xml" and looks_like_feed(data):
        return "feed"
    return sniff(data)


def _gzip_head(data: bytes) -> bytes:
    try:
        return zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(data[:65536], 64)
    except zlib.error:
        return b""


def _gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip data, refusing truncated streams and outputs larger than `limit`."""
    d = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error as exc:
        raise BadInput(f"damaged gzip data ({exc})") from exc
    if len(out) > limit:
        raise BadInput(f"larger than the {limit}-byte limit once decompressed")
    if not d.eof:
        raise BadInput("truncated gzip data (the stream ends early)")
    return out


def read_bytes(data: bytes, name: str, source: str, settings: Settings,
               doc_id: str | None = None) -> Iterator[Item]:
    """Every document in one input's bytes (a file's contents, or stdin)."""
    if not data.strip():
        yield ReadError(source, "empty input")
        return
    try:
        fmt = _format(name, data)
        if data[:2] == b"\x1f\x8b" and fmt != "warc":
            # gzip: the WARC reader inflates its own members (to find where a cut archive
            # breaks); anything else is inflated whole and read as what it holds
            if _gzip_head(data).startswith(b"WARC/"):
                fmt = "warc"
            else:
                data = _gunzip(data, settings.max_input_bytes)
                fmt = _format(name, data)
        if fmt in ("text", "html", "jsonl") and looks_binary(data):
            raise BadInput("binary data, not text")
        yield from READERS[fmt](data, source, doc_id or file_stem(name), settings)
    except BadInput as exc:
        yield ReadError(source, str(exc))


def _supported(name: str) -> bool:
    suffixes = [s.lower() for s in Path(name).suffixes if s.lower() != ".gz"]
    return bool(suffixes) and (suffixes[-1] in EXTENSIONS or suffixes[-1] == ".xml")


def _files(path: Path) -> Iterator[Path]:
    """A file as given, or a directory's files of the formats bilat reads (code, images and
    notes lying beside the news are not documents)."""
    if path.is_dir():
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for n in sorted(names):
                if not n.startswith(".") and _supported(n):
                    yield Path(root) / n
    else:
        yield path


def read_inputs(paths: Iterable[str], settings: Settings, stdin: BinaryIO | None = None
                ) -> Iterator[Item]:
    """Read every input in order; see the module docstring."""
    for arg in paths:
        if arg == "-":
            if stdin is None:
                yield ReadError("-", "standard input is not available")
                continue
            data = stdin.read(settings.max_input_bytes + 1)
            if len(data) > settings.max_input_bytes:
                yield ReadError("-", f"larger than the {settings.max_input_bytes}-byte limit")
                continue
            yield from read_bytes(data, "stdin", "-", settings, doc_id=stable_id(
                data[:65536].decode("latin-1")))
            continue
        path = Path(arg)
        if not path.exists():
            yield ReadError(arg, "no such file or directory")
            continue
        for file in _files(path):
            yield from _read_file(file, settings)


def _read_file(file: Path, settings: Settings) -> Iterator[Item]:
    source = str(file)
    try:
        size = file.stat().st_size
        if size > settings.max_input_bytes:
            yield ReadError(source, f"{size} bytes, larger than the "
                                    f"{settings.max_input_bytes}-byte limit")
            return
        data = file.read_bytes()
    except PermissionError:
        yield ReadError(source, "permission denied")
        return
    except OSError as exc:
        yield ReadError(source, f"unreadable ({exc.strerror or exc})")
        return
    yield from read_bytes(data, file.name, source, settings)
