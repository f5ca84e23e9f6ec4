"""Dates, ranges and periods in text: the time grammar's public face.

    find_times(text, language, anchor=None) -> list[TimeExpr]
    parse_ordinal(text, language) -> int | None
    find_anniversaries(text, language) -> list[(start, end, n)]
    find_elapsed(text, language) -> list[(start, end, n)]   ("24 years after")
    list_joiners(language) -> frozenset[str]   (the words joining listed items: "and", "e")

Conventions (values are TIMEX-like, never more precise than the words):
- date: "2023-10-13", "2023-10"; year unknown and no anchor: "XXXX-10-13" for the caller to fill.
  With an anchor (the publication date; "YYYY-MM" and "YYYY" are accepted), a day or month
  without a year takes the year that puts it nearest the anchor ("28 December" written on
  5 January -> the year before), year_from_text=False. Nearness leans to the past (news reports
  what happened): a later date must be twice as close, unless its sentence speaks of the future
  ("will", "sẽ", "wird"); "last March"/"mars dernier" only look back, "next March" ahead.
- year: a year alone ("in 2021", "năm 2021", or a bare 1900-2100 that is no amount, phone
  number or numbered thing: "2,023 people", "top 2000", "Room 2021" are not years).
- range: value and end_value; what one end leaves out the other supplies ("21-25 August 2023",
  "August 21-25", "từ 13-ngày 17 Tháng 10"); year spans "1973-2023" -> "1973".."2023";
  "(22 mars 1973 - 2023)" -> "1973-03-22".."2023"; spans of months without a year look back.
- part_of_year: "first seven months of 2023" -> 2023-01..2023-07; halves 01..06 / 07..12;
  quarters 01..03, ...; "10 tháng năm 2024" (garbled "ten months of 2024") -> 2024-01..2024-10.
  Without a year: the anchor's year, or the one before when the period is not over at the
  anchor ("the first 10 months" written in March). Fiscal years keep the years the text names:
  "FY2022/23", "2022-23 fiscal year" -> "2022".."2023"; "FY2022" -> "2022".."2022" (its months
  differ by country, so none is invented).
- as_of: "as of July 2023" -> 2023-07; "as of the end of 2022"/"à fin 2022"/"Stand Ende 2022"
  -> 2022-12; "currently"/"hiện nay"/"to date" -> the anchor's month (None without), and
  year_from_text=False. "by 2030" is as_of "2030" too: telling targets apart is the caller's.
- since: "since 1992"/"từ năm 1992 đến nay"/"seit 1992" -> "1992" (end_value None).
- relative (value None without an anchor, or when the anchor is coarser than the unit):
  "today"/"chiều nay" -> the day; "last week"/"next week" -> the week's month when the whole
  (Monday-Sunday) week lies in one month, else None; "last month" -> YYYY-MM; "last year"/
  "năm ngoái" -> YYYY; "ten years ago" -> YYYY. Weekdays: the nearest such day on or before
  the anchor, or on or after it when the sentence speaks of the future; "next Monday"/"lundi
  dernier" skip the anchor's own day. "from Wednesday to Saturday" is a range of days.
  A weekday or "today" followed by its date ("Sunday (August 20)", "Thứ Năm, ngày 8 tháng 1
  năm 2015", "lundi matin 11 décembre") is one date with that date's value.
- Spans include their lead words ("on 22/3/1973", "le 22 mars 1973", "ngày 15 tháng 10").
- Never dates: amounts, percentages, times of day, scores, document numbers ("Resolution
  36/2023/NQ-CP", "Decree 15/2023"), durations ("over the past 50 years", "trong 10 năm qua").

Languages: `language` is an ISO code, or codes joined by "+" ("vi+en") for a page in two
languages; None guesses the languages from the time words the text uses (every language when it
uses none); a code without data uses every language.

How it works: timegrammar/lexicon.py reads lang/<code>/time.yaml; rules.py builds language-free
rule templates over those words, each opened only at the tokens it can start with; build.py and
periods.py turn matches into values; find.py keeps the longest non-overlapping readings.
About 2 ms per 600-word article (about 5 ms with language=None).
"""

from __future__ import annotations

from bilat.model import TimeExpr

from .timegrammar.find import find_times as _grammar_times
from .timegrammar.lexicon import list_joiners
from .timegrammar.ordinals import find_anniversaries, find_elapsed, parse_ordinal


def find_times(text: str, language: str | None, anchor: str | None = None) -> list[TimeExpr]:
    """The time grammar's readings; for a language with no folder (no time words of its own)
    also dateparser's (analysis/generic_dates.py), which win where the two overlap."""
    from .entities import generic_language

    found = _grammar_times(text, language, anchor)
    if not generic_language(language):
        return found
    from .generic_dates import find_generic_times
    from .spans import Taken

    extra = find_generic_times(text, language, anchor)
    taken = Taken((t.start, t.end) for t in extra)
    return sorted(extra + [t for t in found if not taken.overlaps(t.start, t.end)],
                  key=lambda t: t.start)

__all__ = ["find_anniversaries", "find_elapsed", "find_times", "list_joiners", "parse_ordinal"]
