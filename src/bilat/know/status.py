"""An event's status as a reader should read it today.

A stored event keeps its status as its reports wrote it (happened, ongoing, scheduled: as of
the report). Shown later that can mislead: a visit reported "ongoing" in 2023 is not ongoing
now, and a meeting "scheduled" for a date that has passed may or may not have taken place.
`status_as_of` turns the stored status into the one to show on a given day; the clock is an
argument (the CLI reads the date once), so this stays pure. Stored data, extraction output
and the exported `status` keep the status as written.

- happened: stays happened (and a merged event is happened when any report says so, see
  bilat.know.merge).
- ongoing: stays ongoing while today is within the event's dates, each read at its
  precision (an end of "2023-08" runs to 31 Aug 2023). With no end date the event is taken
  to run to the end of its start's month (its start's year when only the year is known):
  long enough for a visit or a conference, short enough not to call a 2023 visit ongoing a
  year on. Past that it shows as happened. Undated: kept as written (nothing to tell by).
- scheduled: stays scheduled until its date (the end date when there is one, else the
  start), read at its precision, has passed: a meeting "scheduled" for 2023-08 is still
  ahead on 31 Aug 2023. Then it shows as "announced" ("announced for <date>"): no report
  says it took place. Undated: stays scheduled.

A date that does not parse leaves the status as written.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from typing import Any

ANNOUNCED = "announced"


def period_end(date: str | None) -> dt.date | None:
    """The last day a date at its precision covers: "2023" -> 2023-12-31, "2023-02" ->
    2023-02-28, "2023-08-21" -> itself; None when absent or not a date."""
    if not date:
        return None
    try:
        year = int(date[:4])
        if len(date) >= 10:
            return dt.date.fromisoformat(date[:10])
        if len(date) >= 7:
            month = int(date[5:7])
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        if len(date) == 4:
            return dt.date(year, 12, 31)
    except ValueError:
        return None
    return None


def _month_end(date: str) -> dt.date | None:
    """The end of the start's month (of its year when only the year is known)."""
    return period_end(date[:7] if len(date) >= 7 else date)


def status_as_of(status: str | None, date_start: str | None, date_end: str | None,
                 today: dt.date) -> str | None:
    """The status to show on `today`: happened, ongoing, scheduled or announced (see the
    module's note for the rules)."""
    if status == "ongoing":
        if not date_start:
            return status
        last = period_end(date_end) if date_end else _month_end(date_start)
        if last is None:
            return status
        return "ongoing" if today <= last else "happened"
    if status == "scheduled":
        last = period_end(date_end or date_start)
        if last is None:
            return status
        return "scheduled" if today <= last else ANNOUNCED
    return status


def with_status_now(events: Iterable[dict[str, Any]], today: dt.date) -> list[dict[str, Any]]:
    """Copies of merged events with `status_now` beside the stored `status`; renderers show
    `status_now` when an event has one."""
    return [{**e, "status_now": status_as_of(e.get("status"), e.get("date_start"),
                                             e.get("date_end"), today)} for e in events]


def shown_status(e: dict[str, Any]) -> str | None:
    """The status a renderer shows: `status_now` when set, else the stored one."""
    return e.get("status_now") or e.get("status")
