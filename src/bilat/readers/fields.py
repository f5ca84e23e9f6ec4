"""Values an input states about itself (a record's id, date, language; a file's name), checked
at the edge so that nothing downstream meets a value it cannot take.

A value that cannot be read is dropped (a date, a language: the page then speaks for itself)
or refuses its record (an id, which names what is stored) with a reason for the user.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path

from bilat.errors import BadInput

# News is dated within these years; "0001-01-01" and "9999-12-31" are placeholders, not dates.
FIRST_YEAR, LAST_YEAR = 1800, 2200
MAX_ID_CHARS = 512

_DMY = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_str(value: str) -> str:
    """A decoded JSON string made storable: lone surrogates ("\\ud800" in JSON) become U+FFFD
    and a surrogate pair written as two escapes becomes its character."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def published_date(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD, or YYYY-MM / YYYY when that is all it says) from what a source
    gives as its publication date, or None when it is no real date in the years news has."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    found: date | None = None
    partial = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", text)
    if partial:
        year, month = int(partial.group(1)), partial.group(2)
        if not FIRST_YEAR <= year <= LAST_YEAR or (month and not 1 <= int(month) <= 12):
            return None
        return text
    try:
        found = datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        m = _DMY.fullmatch(text.split()[0]) if text.split() else None
        if m:  # the European day.month.year (21.08.2023): the common form besides ISO
            try:
                found = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                return None
        else:
            try:
                found = parsedate_to_datetime(text).date()  # RFC 2822, as feeds write it
            except (TypeError, ValueError, IndexError, OverflowError):
                return None
    if not FIRST_YEAR <= found.year <= LAST_YEAR:
        return None
    return found.isoformat()


@cache
def _known_languages() -> frozenset[str]:
    from babel.localedata import locale_identifiers

    return frozenset(i.split("_")[0] for i in locale_identifiers() if len(i.split("_")[0]) == 2)


@cache
def _language_aliases() -> dict[str, str]:
    import yaml

    path = Path(__file__).resolve().parents[1] / "data" / "language_aliases.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k).lower(): str(v) for k, v in data.items()}


def language_code(value: object) -> str | None:
    """An ISO 639-1 code from a stated language ("en", "en-US", "vi_VN", "English", "vn"), or
    None when it names no language CLDR knows: the text's own language is then detected."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower().replace("_", "-")
    if not text:
        return None
    aliases = _language_aliases()
    if text in aliases:
        return aliases[text]
    head = text.split("-")[0]
    if head in aliases:
        return aliases[head]
    return head if head in _known_languages() else None


def record_id(value: object) -> str | None:
    """A record's id as text (a number is its digits); None when absent; BadInput when it cannot
    name a document (an object, a list, control characters, too long)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise BadInput(f"id must be a string or a number, not {type(value).__name__}")
    text = clean_str(str(value)).strip()
    if not text:
        return None
    if len(text) > MAX_ID_CHARS:
        raise BadInput(f"id of {len(text)} characters, more than {MAX_ID_CHARS}")
    if _CONTROL.search(text):
        raise BadInput("id holds control characters")
    return text


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as text that can be stored and printed: bytes of a name that is not valid UTF-8
    are written as escapes (\\xff) instead of lone surrogates."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", "backslashreplace")
