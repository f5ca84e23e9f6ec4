"""The one query object behind every list of the API, built from a request's parameters and
checked once; and the opaque cursors that page through a list by keyset.

Bad parameters raise QueryError, which the API answers with 400 and a message naming the
parameter and the reason.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
STATUSES = ("happened", "ongoing", "scheduled", "announced")
# the stored statuses each status-as-of-today can come from (bilat.know.status)
STORED_FOR = {"happened": ("happened", "ongoing"), "ongoing": ("ongoing",),
              "scheduled": ("scheduled",), "announced": ("scheduled",)}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_LANG = re.compile(r"^[a-z]{2,3}$")
_TYPE = re.compile(r"^[A-Z_]{2,40}$")
# what each list's cursor holds: the keyset of its last row
CURSOR_SHAPES: dict[str, tuple[type, ...]] = {
    "events": (int, str, str), "documents": (int, str, str), "changes": (str, str)}


class QueryError(ValueError):
    """A request parameter that cannot be used; str() names it and says why."""


def country(value: str, param: str = "country") -> str:
    """An ISO code from a code or a name in any supported language ("Bỉ", "Belgique")."""
    from bilat.analysis.gazetteer import resolve_country

    code = resolve_country(value) if value and len(value) <= 100 else None
    if code is None:
        raise QueryError(f"{param}={value!r}: unknown country (give an ISO code such as VN, "
                         "or a name such as Vietnam)")
    return code


def pair(value: str, param: str = "pair") -> tuple[str, str]:
    """"VN-BE" (or "Việt Nam-Bỉ", "VN,BE") -> two distinct codes."""
    parts = [p for p in re.split(r"[-,|]", value) if p.strip()] if value else []
    if len(parts) != 2:
        raise QueryError(f"{param}={value!r}: give two countries as A-B, e.g. VN-BE")
    a, b = country(parts[0].strip(), param), country(parts[1].strip(), param)
    if a == b:
        raise QueryError(f"{param}={value!r}: the two countries are the same ({a})")
    return a, b


def date(value: str | None, param: str) -> str | None:
    if value is not None and not _DATE.match(value):
        raise QueryError(f"{param}={value!r}: give a date as YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def timestamp(value: str, param: str = "since") -> dt.datetime:
    """An ISO time (a date alone is its midnight) as naive UTC, as the store keeps times."""
    try:
        t = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        raise QueryError(f"{param}={value!r}: give an ISO time such as "
                         "2026-01-31T12:00:00Z") from None
    if t.tzinfo is not None:
        t = t.astimezone(dt.UTC).replace(tzinfo=None)
    return t


@dataclass(frozen=True)
class ListQuery:
    """What a list asks for; empty fields do not filter. `countries` holds every country
    named (a pair's two included): an event must involve all of them."""

    countries: tuple[str, ...] = ()
    pair: tuple[str, str] | None = None
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    languages: tuple[str, ...] = ()
    text: str | None = None
    metric: str | None = None
    changed_since: dt.datetime | None = None  # the change log's `since` (naive UTC)
    limit: int = DEFAULT_LIMIT
    cursor: tuple | None = None

    @classmethod
    def build(cls, *, kind: str, pair_: str | None = None,
              countries: list[str] | None = None, types: list[str] | None = None,
              statuses: list[str] | None = None, since: str | None = None,
              until: str | None = None, languages: list[str] | None = None,
              text: str | None = None, metric: str | None = None,
              changed_since: str | None = None, limit: int = DEFAULT_LIMIT,
              cursor: str | None = None) -> ListQuery:
        """The query from request parameters (names as the API spells them in errors);
        `kind` names the list, so that a cursor of one list is refused by another."""
        the_pair = pair(pair_) if pair_ else None
        codes = [country(c) for c in countries or ()]
        if the_pair:
            codes = [*the_pair, *codes]
        for t in types or ():
            if not _TYPE.match(t.upper()):
                raise QueryError(f"type={t!r}: an event type is a word such as VISIT")
        for s in statuses or ():
            if s not in STATUSES:
                raise QueryError(f"status={s!r}: one of {', '.join(STATUSES)}")
        for lang in languages or ():
            if not _LANG.match(lang.lower()):
                raise QueryError(f"lang={lang!r}: a language is an ISO 639 code such as vi")
        since, until = date(since, "from"), date(until, "to")
        if since and until and since[:len(until)] > until:
            raise QueryError(f"from={since} is after to={until}")
        if not 1 <= limit <= MAX_LIMIT:
            raise QueryError(f"limit={limit}: between 1 and {MAX_LIMIT}")
        if text is not None:
            from bilat.know.search import check_query

            try:
                check_query(text)
            except ValueError as exc:
                raise QueryError(f"q: {exc}") from None
        return cls(countries=tuple(dict.fromkeys(codes)), pair=the_pair,
                   types=tuple(t.upper() for t in types or ()),
                   statuses=tuple(dict.fromkeys(statuses or ())), since=since, until=until,
                   languages=tuple(x.lower() for x in languages or ()),
                   text=text.strip() or None if text else None, metric=metric,
                   changed_since=timestamp(changed_since) if changed_since else None,
                   limit=limit, cursor=decode_cursor(cursor, kind) if cursor else None)

    @property
    def stored_statuses(self) -> tuple[str, ...]:
        """The stored statuses the statuses-as-of-today asked for can come from."""
        return tuple(dict.fromkeys(s for x in self.statuses for s in STORED_FOR[x]))


def encode_cursor(kind: str, key: tuple | list) -> str:
    """An opaque token for "after this row" in list `kind`."""
    raw = json.dumps([kind, *key], ensure_ascii=False, separators=(",", ":"), default=str)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(token: str, kind: str) -> tuple:
    """The keyset a cursor holds; QueryError for one that is damaged or of another list."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        value: Any = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        value = None
    shape = CURSOR_SHAPES.get(kind, ())
    if not (shape and isinstance(value, list) and len(value) == len(shape) + 1
            and value[0] == kind
            and all(type(v) is t for v, t in zip(value[1:], shape, strict=True))
            and (kind != "changes" or _is_time(value[1]))):
        raise QueryError(f"cursor={token[:40]!r}: not a cursor of this list (pass back the "
                         "next_cursor a page gave)")
    return tuple(value[1:])


def _is_time(value: str) -> bool:
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True
