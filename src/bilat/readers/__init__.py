"""Readers: turn files, directories, stdin and records into RawDocuments (or ReadErrors).

    read_inputs(paths, settings, stdin=None) -> Iterator[RawDocument | ReadError]

Directories are walked recursively in sorted order (hidden entries skipped); "-" reads stdin.
A format is chosen by the file's extension, else by sniffing its bytes. Bad input never raises:
it becomes one ReadError naming the input and the reason, and the batch goes on.
"""

from __future__ import annotations

import os
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from bilat.config import Settings
from bilat.errors import BadInput
from bilat.model import RawDocument, ReadError
from bilat.readers.decode import decode, looks_binary
from bilat.readers.feeds import looks_like_feed, read_feed
from bilat.readers.fields import display_path
from bilat.readers.gzip import gunzip
from bilat.readers.html import read_html
from bilat.readers.ids import file_stem, stable_id
from bilat.readers.jsonl import read_jsonl
from bilat.readers.text import read_text
from bilat.readers.warc import read_warc

Item = RawDocument | ReadError
Reader = Callable[[bytes, str, str, Settings], Iterator[Item]]

__all__ = ["input_files", "read_inputs", "read_bytes"]


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
                data = gunzip(data, settings.max_input_bytes)
                fmt = _format(name, data)
        if fmt in ("text", "html", "jsonl") and looks_binary(data):
            raise BadInput("binary data, not text")
        yield from READERS[fmt](data, source, doc_id or file_stem(name), settings)
    except BadInput as exc:
        yield ReadError(source, str(exc))
    except RecursionError:
        yield ReadError(source, "nested too deeply to read")
    except Exception as exc:  # noqa: BLE001 - a reader's fault must not cost the batch
        detail = f"{type(exc).__name__}: {exc}"[:200]
        yield ReadError(source, f"internal error while reading it ({detail}); please report "
                                "it with the input")


def _supported(name: str) -> bool:
    suffixes = [s.lower() for s in Path(name).suffixes if s.lower() != ".gz"]
    return bool(suffixes) and (suffixes[-1] in EXTENSIONS or suffixes[-1] == ".xml")


def input_files(directory: Path) -> Iterator[Path]:
    """A directory's files of the formats bilat reads (code, images and notes lying beside the
    news are not documents), in sorted order; linked directories are not followed."""
    for root, dirs, names in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for n in sorted(names):
            if not n.startswith(".") and _supported(n):
                yield Path(root) / n


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
        if not path.exists() and not path.is_symlink():
            yield ReadError(display_path(arg), "no such file or directory")
            continue
        if path.is_dir():
            for file in input_files(path):
                yield from _read_file(file, settings, listed=True)
        else:
            yield from _read_file(path, settings, listed=False)


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
          (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"))


def _read_file(file: Path, settings: Settings, listed: bool) -> Iterator[Item]:
    """One file's documents. A directory's entries are read only when they are regular files
    (a link to /dev/zero or a named pipe would never end); a path given by name may be a pipe
    (`<(zcat …)`). Either way no more than the size limit is read."""
    source = display_path(file)
    limit = settings.max_input_bytes
    try:
        # non-blocking: opening a named pipe with no writer must not hang the batch
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fd)
            mode = st.st_mode
            if not stat.S_ISREG(mode):
                kind = next((k for test, k in _KINDS if test(mode)), "not a regular file")
                if listed or stat.S_ISDIR(mode):
                    yield ReadError(source, f"skipped: {kind}, not a regular file")
                    return
                os.set_blocking(fd, True)
            elif st.st_size > limit:
                yield ReadError(source, f"{st.st_size} bytes, larger than the "
                                        f"{limit}-byte limit")
                return
            data = fh.read(limit + 1)  # the size that counts is what is read
    except PermissionError:
        yield ReadError(source, "permission denied")
        return
    except OSError as exc:
        yield ReadError(source, f"unreadable ({exc.strerror or exc})")
        return
    if len(data) > limit:
        yield ReadError(source, f"larger than the {limit}-byte limit")
        return
    yield from read_bytes(data, display_path(file.name), source, settings)
