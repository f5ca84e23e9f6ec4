"""Which shards a batch reads: files, the readable files of directories, or the WARC paths
a listing file names one a line (Common Crawl's `warc.paths`). Small files found side by side
in a folder are read as one shard (GROUP_FILES, GROUP_BYTES): a task and its five files per
page cost more than reading the page."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from bilat.errors import BadInput
from bilat.readers import input_files
from bilat.readers.fields import display_path

GROUP_FILES = 200  # files of one folder read by one task, at most
GROUP_BYTES = 32 * 1024 * 1024  # and their size together; a larger file is a shard alone


@dataclass(frozen=True)
class Shard:
    """Input files read, in order, by one task; its outputs are named `name`."""

    paths: tuple[str, ...]  # absolute, so that a worker in another folder or machine finds them
    name: str  # unique within a batch: a file's name and a hash of the paths
    order: int  # its place among the batch's inputs, the order `bilat load` stores them in


def shard_name(paths: tuple[str, ...]) -> str:
    """A file name for a shard's outputs: its first file's name (characters other than
    letters, digits, `.`, `-` and `_` replaced), how many more files it holds, and 8 hex
    digits of its paths, as two inputs may share a name in different folders."""
    base = re.sub(r"[^A-Za-z0-9._-]", "_", os.path.basename(paths[0])).lstrip(".") or "input"
    more = f"+{len(paths) - 1}" if len(paths) > 1 else ""
    digest = hashlib.sha1(b"\0".join(os.fsencode(p) for p in paths)).hexdigest()[:8]
    return f"{base[:100]}{more}-{digest}"


def list_shards(sources: list[str], listing: bool = False) -> list[Shard]:
    """The shards of `sources`, their files in the order `bilat ingest` reads the same
    arguments. With `listing`, each source is a text file of paths, one a line (blank lines
    and # comments skipped), relative ones taken from the listing's folder, each a shard. A
    path that is not there is kept: its shard reports it as an error, as ingest does."""
    groups: list[list[str]] = []
    for source in sources:
        if listing:
            groups += [[p] for p in _listed(source)]
            continue
        if source == "-":
            raise BadInput("-: standard input cannot be a shard; write it to a file first")
        path = Path(source)
        if path.is_dir():
            groups += _grouped([os.path.abspath(f) for f in input_files(path)])
        else:
            groups.append([os.path.abspath(path)])
    seen: set[str] = set()
    shards = []
    for group in groups:
        # a file named twice is read once: ingest would store it once anyway
        paths = tuple(p for p in group if p not in seen)
        seen.update(paths)
        if paths:
            shards.append(Shard(paths=paths, name=shard_name(paths), order=len(shards)))
    return shards


def _grouped(files: list[str]) -> list[list[str]]:
    """Consecutive small files of one folder together, up to GROUP_FILES and GROUP_BYTES."""
    groups: list[list[str]] = []
    size = 0
    for f in files:
        try:
            st = os.stat(f)
        except OSError:
            st = None  # its shard says why it cannot be read
        if st is not None and not stat.S_ISREG(st.st_mode):
            continue  # a pipe or device: ingest skips it in a folder, and reading it may block
        n = st.st_size if st is not None else 0
        last = groups[-1] if groups else None
        if (last is None or n > GROUP_BYTES or size + n > GROUP_BYTES
                or len(last) >= GROUP_FILES
                or os.path.dirname(last[0]) != os.path.dirname(f)):
            groups.append([f])
            size = n
        else:
            last.append(f)
            size += n
    return groups


def _listed(listing: str) -> list[str]:
    try:
        text = Path(listing).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInput(f"{display_path(listing)}: no such listing file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{display_path(listing)}: unreadable listing file ({exc})") from None
    folder = Path(listing).parent
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if "://" in entry:
            raise BadInput(f"{display_path(listing)}, line {number}: {entry} is an address; "
                           "a listing names local (or mounted) files: download the archives "
                           "first")
        out.append(os.path.abspath(folder / entry))
    return out
