"""Event lexicons per language (lang/<code>/events.yaml) compiled into folded-text regexes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bilat import lang
from bilat.analysis.fold import fold

FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True)
class EventLexicon:
    triggers: dict[str, re.Pattern[str]]  # event type -> trigger pattern
    requires: dict[str, re.Pattern[str]]  # event type -> words one of which must co-occur
    requires_after: dict[str, re.Pattern[str]]  # ... and must follow the trigger closely
    blocks: dict[str, re.Pattern[str]]  # event type -> words that cancel a trigger nearby
    future: re.Pattern[str] | None
    ongoing: re.Pattern[str] | None
    group: re.Pattern[str] | None
    partnership: re.Pattern[str] | None  # names of partnership frameworks
    clause_joiners: re.Pattern[str] | None  # "and", ", " between two clauses
    home_state: str | None  # whose officials go unnamed in this language's press
    ceremony: re.Pattern[str] | None  # a welcome ceremony
    after_ceremony: re.Pattern[str] | None  # "following the ceremony"
    place_preps: re.Pattern[str] | None  # "in", "at" before a place name
    founding: re.Pattern[str] | None  # "diplomatic relations" and the like
    held: re.Pattern[str] | None = None  # "took place": dates the event told just before
    greetings: re.Pattern[str] | None = None  # "sent a letter": an anniversary act
    after_meeting: re.Pattern[str] | None = None  # "after the talks"
    during: re.Pattern[str] | None = None  # "during" before a visit: an activity's day
    destination: re.Pattern[str] | None = None  # "to" before a visit's host
    since_clause: re.Pattern[str] | None = None  # "since they set up ties on …": history
    aid_ended: re.Pattern[str] | None = None  # "stopped providing aid": no aid given


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    body = "|".join(f"(?:{fold(p)})" for p in patterns)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


@cache
def event_lexicon(language: str | None) -> EventLexicon:
    """The lexicon of `language`, or the fallback language's when it has none."""
    data = lang.load(language, "events") if language else None
    if data is None:
        data = lang.load(FALLBACK_LANGUAGE, "events")

    def table(key: str) -> dict[str, re.Pattern[str]]:
        out = {}
        for event_type, patterns in (data.get(key) or {}).items():
            compiled = _alternation(patterns)
            if compiled is not None:
                out[event_type] = compiled
        return out

    return EventLexicon(
        triggers=table("triggers"),
        requires=table("requires"),
        requires_after=table("requires_after"),
        blocks=table("blocks"),
        future=_alternation(data.get("future") or []),
        ongoing=_alternation(data.get("ongoing") or []),
        group=_alternation(data.get("group") or []),
        partnership=_alternation(data.get("partnership") or []),
        home_state=data.get("home_state"),
        ceremony=_alternation(data.get("ceremony") or []),
        after_ceremony=_alternation(data.get("after_ceremony") or []),
        place_preps=_alternation(data.get("place_preps") or []),
        founding=_alternation(data.get("founding") or []),
        held=_alternation(data.get("held") or []),
        greetings=_alternation(data.get("greetings") or []),
        after_meeting=_alternation(data.get("after_meeting") or []),
        during=_alternation(data.get("during") or []),
        since_clause=_alternation(data.get("since_clause") or []),
        aid_ended=_alternation(data.get("aid_ended") or []),
        destination=_alternation([rf"(?:{d})\s*$" for d in data.get("destination") or []]),
        clause_joiners=re.compile("|".join(fold(p) for p in data.get("clause_joiners") or [])
                                  ) if data.get("clause_joiners") else None,
    )
