"""The pair page's timeline filters: what each event offers to filter on, whether it
matches, and the events per year the chart shows. The page's script (static/ui.js) applies
the same rules to the same rows, so the list and the chart agree with or without script."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bilat.know.status import shown_status

# query parameters of the filter form ("lang" is the page's language, hence "srclang")
PARAMS = ("type", "from", "to", "srclang", "status")


@dataclass(frozen=True)
class TimelineFilter:
    type: str = ""
    year_from: int | None = None
    year_to: int | None = None
    source_lang: str = ""
    status: str = ""

    @property
    def active(self) -> bool:
        return bool(self.type or self.year_from or self.year_to or self.source_lang
                    or self.status)


def _year(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) == 4 else None


def parse_filter(params: Mapping[str, str]) -> TimelineFilter:
    """The filter a query asks for; a value that does not parse filters nothing."""
    return TimelineFilter(type=(params.get("type") or "").strip(),
                          year_from=_year(params.get("from")),
                          year_to=_year(params.get("to")),
                          source_lang=(params.get("srclang") or "").strip(),
                          status=(params.get("status") or "").strip())


def filter_row(e: dict[str, Any]) -> dict[str, Any]:
    """What the filters read of a merged event (embedded in the page for the script)."""
    start = e.get("date_start") or ""
    return {"id": e["id"], "year": int(start[:4]) if start[:4].isdigit() else None,
            "type": e.get("type") or "",
            "langs": sorted({s.get("language") or "" for s in e.get("sources") or ()} - {""}),
            "status": shown_status(e) or ""}


def matches(row: dict[str, Any], f: TimelineFilter) -> bool:
    """An undated event matches no year bound (it is not known to fall in the years)."""
    if f.type and row["type"] != f.type:
        return False
    if f.status and row["status"] != f.status:
        return False
    if f.source_lang and f.source_lang not in row["langs"]:
        return False
    year = row["year"]
    if f.year_from is not None and (year is None or year < f.year_from):
        return False
    return not (f.year_to is not None and (year is None or year > f.year_to))


def year_counts(rows: list[dict[str, Any]]) -> list[tuple[int | None, int]]:
    """(year, events) for each year some row has, in order; the undated (None) last."""
    counts = Counter(r["year"] for r in rows)
    years = sorted(y for y in counts if y is not None)
    return [(y, counts[y]) for y in years] + ([(None, counts[None])] if None in counts else [])


def options(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """The values each filter can take on this page: those some event has."""
    return {"type": sorted({r["type"] for r in rows if r["type"]}),
            "year": sorted({r["year"] for r in rows if r["year"] is not None}),
            "srclang": sorted({lang for r in rows for lang in r["langs"]}),
            "status": sorted({r["status"] for r in rows if r["status"]})}
