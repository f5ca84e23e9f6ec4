"""Which shards a batch reads: files, the readable files of directories, or the WARC paths
a listing file names one a line (Common Crawl's `warc.paths`)."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from bilat.errors import BadInput
from bilat.readers import input_files
from bilat.readers.fields import display_path


@dataclass(frozen=True)
class Shard:
    """One input file: read whole by one task, its outputs named `name`."""

    path: str  # absolute, so that a worker in another directory or machine finds it
    name: str  # unique within a batch: the file's name and a hash of its path
    order: int  # its place among the batch's inputs, the order `bilat load` stores them in


def shard_name(path: str) -> str:
    """A file name for a shard's outputs: its own name (characters other than letters,
    digits, `.`, `-` and `_` replaced) and 8 hex digits of its path, as two inputs may share
    a name in different folders."""
    base = re.sub(r"[^A-Za-z0-9._-]", "_", os.path.basename(path)).lstrip(".") or "input"
    digest = hashlib.sha1(os.fsencode(path)).hexdigest()[:8]
    return f"{base[:100]}-{digest}"


def list_shards(sources: list[str], listing: bool = False) -> list[Shard]:
    """The shards of `sources`, in the order `bilat ingest` reads the same arguments. With
    `listing`, each source is a text file of paths, one a line (blank lines and # comments
    skipped), relative ones taken from the listing's folder. A path that is not there is kept:
    its shard reports it as an error, as ingest does."""
    paths: list[str] = []
    for source in sources:
        if listing:
            paths += _listed(source)
            continue
        if source == "-":
            raise BadInput("-: standard input cannot be a shard; write it to a file first")
        path = Path(source)
        if path.is_dir():
            paths += [os.path.abspath(f) for f in input_files(path)]
        else:
            paths.append(os.path.abspath(path))
    seen: set[str] = set()
    shards = []
    for path in paths:
        if path in seen:  # a file named twice is read once: ingest stores it once anyway
            continue
        seen.add(path)
        shards.append(Shard(path=path, name=shard_name(path), order=len(shards)))
    return shards


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
