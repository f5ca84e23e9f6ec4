"""Which of a sentence's time expressions dates an event, and anniversary arithmetic."""

from __future__ import annotations

from bilat.analysis.dates import list_joiners
from bilat.model import TimeExpr

# Kinds that can date an event; "as_of", "since" and "part_of_year" belong to figures.
EVENT_KINDS = ("date", "range", "relative", "year")
_WINDOW = 160  # characters: a date further than this from the trigger is another clause's


def precision(value: str | None) -> int:
    return len(value or "")


def nearest_time(times: tuple[TimeExpr, ...], start: int, end: int,
                 kinds: tuple[str, ...] = EVENT_KINDS, prefer_range: bool = False,
                 exclude: frozenset[int] = frozenset()) -> TimeExpr | None:
    """The dated expression closest to the trigger span [start, end).

    A date after the trigger reads as that event's ("visited Hanoi on 5 May"), one before it
    often too ("On 5 May, X visited"), so both count with a small bias for the later one; a
    range wins for visits when one is near ("a visit from 21 to 25 August").
    """
    best, best_score = None, None
    for i, t in enumerate(times):
        if i in exclude or t.kind not in kinds or not t.value:
            continue
        if t.start >= end:
            distance = t.start - end
        elif t.end <= start:
            distance = (start - t.end) * 1.3 + 5
        else:
            distance = 0
        if distance > _WINDOW:
            continue
        score = distance - (60 if prefer_range and t.kind == "range" else 0)
        if best_score is None or score < best_score:
            best, best_score = t, score
    return best


def listed_years(times: tuple[TimeExpr, ...], text: str, after: int, language: str | None
                 ) -> list[TimeExpr]:
    """Years or months listed after a trigger: "three trips, in 2006, 2012 and 2018"; the
    words that join them are the language's `list_joiners` (time.yaml)."""
    seq = [t for t in times if t.start >= after and t.value and t.kind in ("year", "date")]
    if len(seq) < 2:
        return []
    joiners = list_joiners(language)
    run = [seq[0]]
    for t in seq[1:]:
        gap = " ".join(text[run[-1].end:t.start].strip(" ,;").lower().split())
        if gap in joiners:
            run.append(t)
        else:
            break
    return run if len(run) >= 2 else []


def anniversary_year(n: int, founding: str | None) -> str | None:
    return f"{int(founding[:4]) + n:04d}" if founding else None
