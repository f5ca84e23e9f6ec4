"""Dates for a language bilat has no time words for: dateparser's search, per sentence,
turned into the TimeExpr values the calendar reads (analysis/dates.py conventions).

    >>> [(t.text, t.value) for t in find_generic_times("Визит состоялся 7 декабря 2023 года.",
    ...                                                  "ru", "2023-12-08")]
    [('7 декабря 2023 года', '2023-12-07')]

Bounded: only sentences of at most 400 characters holding a digit are searched, for at
most BUDGET_S seconds a text (dateparser
costs about a millisecond a word; words such as "now" alone give no date worth its cost),
and it never raises: a failure gives no dates. A day or month with no year in the words
takes dateparser's year against the anchor (leaning to the past), year_from_text=False,
or "XXXX" without an anchor; a year alone is a "year" TimeExpr.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from bilat.model import TimeExpr

MAX_CHARS = 400
BUDGET_S = 1.0  # seconds of dateparser per text: later sentences go unread past it
# Han-script dates (zh, ja): "2023年12月7日", "3月5日"; dateparser misses the month-and-day
# form and drops the day mark.
_HAN_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_DIGIT = re.compile(r"\d")


def find_generic_times(text: str, language: str, anchor: str | None = None) -> list[TimeExpr]:
    """Dates dateparser finds in `text` (a document or a sentence), sorted, non-overlapping."""
    import time

    from bilat.analysis.sentences import split_sentences

    try:
        out: list[TimeExpr] = []
        deadline = time.perf_counter() + BUDGET_S
        for s in split_sentences(text, language):
            if len(s.text) > MAX_CHARS or not _DIGIT.search(s.text):
                continue
            if time.perf_counter() > deadline:
                break  # odd text can make dateparser slow: bounded, not complete
            for t in _sentence_times(s.text, language, anchor):
                out.append(TimeExpr(t.start + s.start, t.end + s.start, t.text, t.kind,
                                    t.value, t.end_value, t.year_from_text))
        return out
    except Exception:  # noqa: BLE001 - a third-party parser: no date rather than no article
        return []


@lru_cache(maxsize=4096)
def _sentence_times(sentence: str, language: str, anchor: str | None) -> tuple[TimeExpr, ...]:
    import dateparser.search
    from dateparser.date import DateDataParser

    base = dt.datetime.fromisoformat(anchor) if anchor and len(anchor) == 10 else \
        dt.datetime(2000, 7, 1)
    # numeric dates read day first, as most of the world writes them (a year first, as
    # Han-script text writes them, is unambiguous)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past",
                "RETURN_AS_TIMEZONE_AWARE": False, "DATE_ORDER": "DMY"}
    han = _han_dates(sentence, base)
    found = list(dateparser.search.search_dates(sentence, languages=[language],
                                                settings=settings) or ())
    if han:  # the Han-script forms are read exactly; dateparser's readings there are not
        # ("3月5日，中国国家主席" read as December)
        spans = [(sentence.find(w), sentence.find(w) + len(w)) for w, _ in han]
        found = han + [(w, d) for w, d in found
                       if not any(s < sentence.find(w) + len(w) and sentence.find(w) < e
                                  for s, e in spans)]
    if not found:
        return ()
    parser = DateDataParser(languages=[language], settings=settings)
    out: list[TimeExpr] = []
    at = 0
    for words, when in sorted(found, key=lambda f: (sentence.find(f[0]), -len(f[0]))):
        if sentence.find(words, at) < 0:
            continue  # inside a longer reading already taken
        start = sentence.find(words, at)
        if start < 0 or not _DIGIT.search(words):
            continue  # "now", "today" alone: not worth trusting without a number
        end = at = start + len(words)
        year = _YEAR.search(words)
        period = parser.get_date_data(words).period or "day"
        if period == "year" or (year and not re.search(r"\d", _YEAR.sub("", words))
                                and period != "month"):
            if year:  # the year the words say (dateparser's own value may be off)
                out.append(TimeExpr(start, end, words, "year", year.group(1)))
            continue
        if period not in ("day", "month"):
            continue
        value = when.strftime("%Y-%m-%d" if period == "day" else "%Y-%m")
        if year is None and not anchor:
            value = "XXXX" + value[4:]
        out.append(TimeExpr(start, end, words, "date", value, None, year is not None))
    return tuple(out)


def _han_dates(sentence: str, base: dt.datetime) -> list[tuple[str, dt.datetime]]:
    out = []
    for m in _HAN_DATE.finditer(sentence):
        month, day = int(m.group(2)), int(m.group(3))
        year = int(m.group(1)) if m.group(1) else base.year
        try:
            when = dt.datetime(year, month, day)
            if not m.group(1) and when > base:  # no year: the latest such day not after
                when = dt.datetime(year - 1, month, day)
        except ValueError:
            continue
        out.append((m.group(), when))
    return out
