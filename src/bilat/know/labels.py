"""Reader-facing labels (event types, metrics, headings) in every supported language.

The words live in labels.yaml, one top-level key per language, so adding a language touches
only that file. A key a language lacks falls back to English: a half-translated language still
renders every label.

    labels("vi")["event"]["VISIT"]  -> "Chuyến thăm"
    labels("vi")["heading"]["timeline"] -> "Dòng thời gian"

For callers that want one flat lookup, the event types, metrics (both UPPER_CASE) and headings
are also top-level keys: labels("vi")["VISIT"], labels("vi")["timeline"]. Where an event type
and a metric share a key (OTHER) the event type's label is the flat one.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PATH = Path(__file__).resolve().with_name("labels.yaml")
DEFAULT = "en"


@cache
def read_by_language(path: Path) -> dict[str, dict[str, Any]]:
    """A YAML file of words keyed by language (this module's and the web pages' own)."""
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def _all() -> dict[str, dict[str, Any]]:
    return read_by_language(PATH)


def languages() -> tuple[str, ...]:
    """Languages the labels file has, sorted."""
    return tuple(sorted(_all()))


def _overlay(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    """`base` with `top`'s keys laid over it, nested dicts merged key by key."""
    out = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _overlay(out[key], value)
        else:
            out[key] = value
    return out


FLAT_SECTIONS = ("event", "metric", "heading")  # also reachable as top-level keys


@cache
def _labels(lang: str) -> dict[str, Any]:
    data = _all()
    sections = _overlay(data.get(DEFAULT) or {}, data.get(lang) or {})
    flat: dict[str, Any] = {}
    for name in FLAT_SECTIONS:
        for key, value in (sections.get(name) or {}).items():
            flat.setdefault(key, value)
    return {**flat, **sections}


def labels(lang: str | None = None) -> dict[str, Any]:
    """Every label in `lang` (English where it has none), as nested dicts: sections "event",
    "metric", "status", "heading", "key", "column", "text", "unit", "number" (and the flat
    keys above). A copy: callers may change it."""
    return copy.deepcopy(_labels(lang or DEFAULT))


def label(lang: str | None, section: str, key: str) -> str:
    """One label; the key itself when no language has it (a new event type still shows)."""
    return str(_labels(lang or DEFAULT).get(section, {}).get(key, key))
