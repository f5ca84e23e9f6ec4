"""Per-language resources: data files only, the same file names in every language folder.

`lang/<code>/<name>.yaml` holds what language `code` knows about `name` (months, boilerplate
markers, country aliases, event triggers, ...). Code asks for a resource by name and never
branches on a language; adding a language means adding a folder and its tests.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent


@cache
def languages() -> tuple[str, ...]:
    """The codes of every language folder, sorted."""
    return tuple(sorted(p.name for p in ROOT.iterdir()
                        if p.is_dir() and not p.name.startswith("_")))


@cache
def load(code: str, name: str) -> Any:
    """The resource `name` of language `code`, or None when that language has none."""
    path = ROOT / code / f"{name}.yaml"
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_all(name: str) -> dict[str, Any]:
    """The resource `name` of every language that has one, by language code."""
    out = {}
    for code in languages():
        data = load(code, name)
        if data is not None:
            out[code] = data
    return out
