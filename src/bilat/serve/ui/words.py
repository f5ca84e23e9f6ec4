"""The pages' words in the reader's language (labels.yaml here, know/labels.yaml for event
types, statuses and columns), and which language a request reads in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bilat.know.labels import label, read_by_language

PATH = Path(__file__).resolve().with_name("labels.yaml")
DEFAULT = "en"
COOKIE = "bilat_lang"


def _all() -> dict[str, dict[str, Any]]:
    return read_by_language(PATH)


def languages() -> tuple[str, ...]:
    """The languages the pages are written in, English first."""
    return tuple(sorted(_all(), key=lambda x: (x != DEFAULT, x)))


def choose_lang(asked: str | None, remembered: str | None) -> str:
    """The language asked for in the address, else the one remembered, else English."""
    for lang in (asked, remembered):
        if lang in _all():
            return lang
    return DEFAULT


def word(lang: str, key: str, **values: Any) -> str:
    """"pair.shown" in `lang` (English when the language lacks it), filled with `values`."""
    for source in (_all().get(lang) or {}, _all()[DEFAULT]):
        node: Any = source
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, str):
            return node.format(**values) if values else node
    return key


def events_count(lang: str, n: int) -> str:
    """"1 event", "3 events" ("3 sự kiện")."""
    return word(lang, "events_one" if n == 1 else "events_many", n=n)


def know(lang: str, section: str, key: str) -> str:
    """A label of the record's own vocabulary (event types, statuses, columns...)."""
    return label(lang, section, key)
