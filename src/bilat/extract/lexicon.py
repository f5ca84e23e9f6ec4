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
    ties: re.Pattern[str] | None  # "relations", "ties": what an anniversary of ties names
    held: re.Pattern[str] | None = None  # "took place": dates the event told just before
    greetings: re.Pattern[str] | None = None  # "sent a letter": an anniversary act
    after_meeting: re.Pattern[str] | None = None  # "after the talks"
    during: re.Pattern[str] | None = None  # "during" before a visit: an activity's day
    destination: re.Pattern[str] | None = None  # "to" before a visit's host
    since_clause: re.Pattern[str] | None = None  # "since they set up ties on …": history
    aid_ended: re.Pattern[str] | None = None  # "stopped providing aid": no aid given
    # how long a visit lasts ("three-day", "dreitägig", "de tres días"): each pattern's group
    # `n` is the number, digits or a word of the number words beside it (folded -> value)
    visit_length: tuple[tuple[re.Pattern[str], dict[str, int]], ...] = ()
    non_state_agents: re.Pattern[str] | None = None  # companies, teams, fans, tourists
    non_state_titles: re.Pattern[str] | None = None  # CEO, coach, singer: roles of no state
    shared_titles: re.Pattern[str] | None = None  # director, chairman: a company's or a state's
    attendance: re.Pattern[str] | None = None  # "also attending the": an event told before
    wishes: re.Pattern[str] | None = None  # "invited him to", "hopes to": no happening
    partner: re.Pattern[str] | None = None  # "with" a few words before a counterpart
    called_off: re.Pattern[str] | None = None  # "was postponed", "cancelled": no happening
    article: str = ""  # an optional article before a state's name (article_fragment)


# Between words: a space, or none after an elided word ("dall'Algeria", "l'Italia").
WORD_GAP = r"(?:\s+|(?<='))"


@cache
def article_fragment(language: str | None) -> str:
    """An optional article before a state's name, as a regex fragment on folded text that ends
    where the name starts: the language's `articles` (facts.yaml: "the", "l'", "la"), the
    fallback language's when it has no facts.yaml, nothing when it lists none."""
    data = (lang.load(language, "facts") if language else None) or lang.load(
        FALLBACK_LANGUAGE, "facts") or {}
    words = sorted({re.escape(fold(str(a)).strip()) for a in data.get("articles") or ()
                    if str(a).strip()}, key=len, reverse=True)
    return rf"(?:(?:{'|'.join(words)}){WORD_GAP})?" if words else ""


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    body = "|".join(f"(?:{fold(p)})" for p in patterns)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


def _numbers(language: str | None, data: dict) -> dict[str, int]:
    """Number words of time.yaml and the compound stems of events.yaml (`length_numbers`:
    "cztero" in "czterodniowy"), folded."""
    out: dict[str, int] = {}
    time = (lang.load(language, "time") or {}) if language else {}
    for table in (time.get("numbers") or {}, data.get("length_numbers") or {}):
        for value, words in table.items():
            for w in words:
                out[fold(str(w))] = int(value)
    return out


def _length_patterns(patterns: list[str], numbers: dict[str, int]
                     ) -> tuple[tuple[re.Pattern[str], dict[str, int]], ...]:
    words = "|".join(sorted(map(re.escape, numbers), key=len, reverse=True)) or "(?!)"
    number = rf"(?P<n>\d{{1,2}}|{words})"
    return tuple((re.compile(r"(?<!\w)" + fold(p).replace("{n}", number)), numbers)
                 for p in patterns)


def _visit_length(language: str | None, data: dict
                  ) -> tuple[tuple[re.Pattern[str], dict[str, int]], ...]:
    """The language's visit lengths; a language whose data has none reads every language's
    patterns with its own number words first ("três dias" by "{n} dias")."""
    own = _numbers(language, data)
    if data.get("visit_length"):
        return _length_patterns(data["visit_length"], own)
    out: list[tuple[re.Pattern[str], dict[str, int]]] = []
    for code in lang.languages():
        other = lang.load(code, "events") or {}
        if other.get("visit_length"):
            out.extend(_length_patterns(other["visit_length"], {**_numbers(code, other), **own}))
    return tuple(out)


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
        ties=_alternation(data.get("ties") or []),
        held=_alternation(data.get("held") or []),
        greetings=_alternation(data.get("greetings") or []),
        after_meeting=_alternation(data.get("after_meeting") or []),
        during=_alternation(data.get("during") or []),
        since_clause=_alternation(data.get("since_clause") or []),
        aid_ended=_alternation(data.get("aid_ended") or []),
        visit_length=_visit_length(language, data),
        non_state_agents=_alternation(data.get("non_state_agents") or []),
        non_state_titles=_alternation(data.get("non_state_titles") or []),
        shared_titles=_alternation(data.get("shared_titles") or []),
        attendance=_alternation([rf"(?:{a})\s*$" for a in data.get("attendance") or []]),
        # a wish may stand a word or two before what it wishes: "invited him to pay a visit"
        wishes=_alternation([rf"(?:{w})(?:\s+[^\s]+){{0,2}}\s*$"
                             for w in data.get("wishes") or []]),
        partner=_alternation([rf"(?:{w})(?:\s+[^\s]+){{0,3}}\s*$"
                              for w in data.get("partner") or []]),
        called_off=_alternation(data.get("called_off") or []),
        article=article_fragment(language),
        destination=_alternation([rf"(?:{d})\s*$" for d in data.get("destination") or []]),
        clause_joiners=re.compile("|".join(fold(p) for p in data.get("clause_joiners") or [])
                                  ) if data.get("clause_joiners") else None,
    )
