"""Stable ids for inputs that carry none: derived from what identifies them (URL or content)."""

from __future__ import annotations

import hashlib
from pathlib import PurePath


def stable_id(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()[:16]


def file_stem(path: str) -> str:
    """The file's name without any extension: "html/0a1b.html.gz" -> "0a1b"."""
    name = PurePath(path).name
    return name.split(".", 1)[0] or name
