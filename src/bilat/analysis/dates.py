"""Dates, ranges and periods in text: the time grammar's public face.

    find_times(text, language, anchor=None) -> list[TimeExpr]
    parse_ordinal(text, language) -> int | None
    find_anniversaries(text, language) -> list[(start, end, n)]

Conventions (values are TIMEX-like, never more precise than the words):
- date: "2023-10-13", "2023-10"; year unknown and no anchor: "XXXX-10-13" for the caller to fill.
  With an anchor (the publication date, YYYY-MM-DD), a day or month without a year takes the
  year that puts it nearest the anchor ("28 December" written on 5 January -> the year before),
  year_from_text=False; "last March"/"mars dernier" look back, "next March"/"tháng 3 tới" ahead.
- year: a year alone ("in 2021", "năm 2021", a bare 1900-2100 that is no amount or phone number).
- range: value and end_value; a missing month or year is shared between the ends
  ("21-25 August 2023"); spans of months without a year look back from the anchor.
- part_of_year: "first seven months of 2023" -> 2023-01..2023-07; halves -> 01..06 / 07..12;
  quarters -> 01..03 ...; without a year the anchor's year (the one before, when the period is
  not yet over at the anchor: "the first 10 months" written in March). Fiscal years: the years
  the text names: "FY2022/23", "2022-23 fiscal year" -> "2022".."2023"; "FY2022" -> "2022".."2022"
  (its months differ by country, so no month is invented).
- as_of: "as of July 2023" -> 2023-07; "as of the end of 2022"/"à fin 2022" -> 2022-12;
  "currently"/"hiện nay"/"to date" -> the anchor's month (None without one), year_from_text=False.
- since: "since 1992"/"từ năm 1992 đến nay" -> "1992" (end_value None: the caller ends it).
- relative: needs the anchor (value None without): "today" -> the day; "last week"/"next week"
  -> the week's month when the whole week lies in one month, else None; "last month" -> YYYY-MM;
  "last year" -> YYYY; weekdays -> the nearest such day on or before the anchor, or the next one
  after it when the sentence speaks of the future ("will", "sẽ", "next", "tới").
  A weekday or "today" followed by its date ("Sunday (August 20)") is one date.
"""

from __future__ import annotations

from .timegrammar.find import find_times
from .timegrammar.ordinals import find_anniversaries, parse_ordinal

__all__ = ["find_anniversaries", "find_times", "parse_ordinal"]
