"""Event candidates read from one sentence: triggers, actors, people, date and status."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bilat.extract.context import DocContext, SentenceView, is_state
from bilat.extract.dating import anniversary_year, listed_years, nearest_time
from bilat.extract.lexicon import EventLexicon
from bilat.model import Mention, TimeExpr

PLOVER = {
    "RELATIONS_ESTABLISHED": ("SUPPORT", None), "VISIT": ("CONSULT", "visit"),
    "MEETING": ("CONSULT", None), "CONSULTATION": ("CONSULT", None),
    "PHONE_CALL": ("CONSULT", "phone"), "AGREEMENT": ("SUPPORT", None),
    "PARTNERSHIP_UPGRADE": ("SUPPORT", None), "ANNIVERSARY": ("SUPPORT", None),
    "AID": ("AID", None), "EXERCISE": ("COOPERATE", None),
    "SUPPORT_STATEMENT": ("SUPPORT", None), "OTHER": ("COOPERATE", None),
}
# A trigger of the key type in a sentence silences triggers of these types there: phone talks
# are not also a meeting, a session of a joint committee is a consultation.
SILENCES = {
    "PHONE_CALL": ("MEETING", "VISIT"),
    "CONSULTATION": ("MEETING",),
    "RELATIONS_ESTABLISHED": ("PARTNERSHIP_UPGRADE",),
}
ORG_TYPES = ("SUPPORT_STATEMENT", "OTHER")
_CLAUSE_END = re.compile(r"[.;:!?]\s|\s[-–]\s")


@dataclass
class Candidate:
    type: str
    actors: tuple[str, ...]
    sentence: int
    evidence: str
    start: int  # document offsets of the evidence sentence
    end: int
    trigger: int  # sentence offset of the trigger
    date_start: str | None = None
    date_end: str | None = None
    dated_in_text: bool = False  # the date came from this sentence, not from context
    status: str = "happened"
    actor: str | None = None
    recipient: str | None = None
    people: tuple[str, ...] = ()
    counterpart: str | None = None  # a MEETING's other party, by person key
    location: str | None = None
    extra: dict = field(default_factory=dict)


def find_triggers(view: SentenceView, lex: EventLexicon) -> list[tuple[str, int, int]]:
    """(type, start, end) of every trigger in the sentence that its type's conditions allow."""
    found: dict[str, list[tuple[int, int]]] = {}
    text = view.folded
    for event_type, pattern in lex.triggers.items():
        required = lex.requires.get(event_type)
        if required is not None and not required.search(text):
            continue
        blocker = lex.blocks.get(event_type)
        for m in pattern.finditer(text):
            if blocker is not None and blocker.search(text, max(0, m.start() - 60), m.end() + 60):
                continue
            found.setdefault(event_type, []).append((m.start(), m.end()))
    for winner, losers in SILENCES.items():
        if winner in found:
            for loser in losers:
                found.pop(loser, None)
    return [(t, s, e) for t, spans in found.items() for s, e in spans]


def _states(view: SentenceView) -> list[Mention]:
    return [m for m in view.mentions if is_state(m)]


def _clause_bounds(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in _CLAUSE_END.finditer(text, 0, pos):
        start = m.end()
    m = _CLAUSE_END.search(text, pos)
    return start, (m.start() if m else len(text))


def resolve_actors(event_type: str, view: SentenceView, trigger: int, ctx: DocContext,
                   lex: EventLexicon) -> tuple[str, ...]:
    """The states (and for statements, organisations) taking part, as a sorted tuple."""
    codes: list[str] = []
    for m in _states(view):
        if m.code not in codes:
            codes.append(m.code)
    for m in view.mentions:
        if m.kind == "person" and not m.code:
            code = ctx.people.get(m.name or m.text)
            if code and code not in codes:
                codes.append(code)
    pair = list(ctx.pair)
    group = bool(lex.group and lex.group.search(view.folded))
    if len(pair) == 2 and (group or not codes):
        chosen = pair
    elif len(pair) == 2:
        in_pair = [c for c in codes if c in pair]
        others = [c for c in codes if c not in pair]
        if len(in_pair) == 2 or (in_pair and not others):
            chosen = pair
        elif in_pair:
            chosen = [in_pair[0], others[0]]
        else:
            chosen = others[:2] if len(others) >= 2 else [pair[0], others[0]]
    else:
        chosen = codes[:2]
    actors = set(chosen)
    if event_type in ORG_TYPES:
        actors |= {m.code for m in view.mentions
                   if m.kind == "org" and m.code and m.start > trigger - 40}
    return tuple(sorted(a for a in actors if a))


def _direction(view: SentenceView, start: int, end: int, actors: tuple[str, ...]
               ) -> tuple[str | None, str | None]:
    """Visitor and host of a VISIT: the state named right after the trigger is the host."""
    states = [m for m in _states(view) if m.code in actors]
    after = [m for m in states if m.start >= end and m.start - end < 60]
    if after and len(actors) == 2:
        host = after[0].code
        visitor = next(a for a in actors if a != host)
        return visitor, host
    before = [m for m in states if m.end <= start]
    if before and len(actors) == 2:
        visitor = before[-1].code
        return visitor, next(a for a in actors if a != visitor)
    return None, None


def _status(view: SentenceView, start: int, lex: EventLexicon) -> str:
    lo, hi = _clause_bounds(view.folded, start)
    window = view.folded[max(lo, start - 90):min(hi, start + 40)]
    if lex.future and lex.future.search(window):
        return "scheduled"
    if lex.ongoing and lex.ongoing.search(view.folded[max(lo, start - 60):start + 30]):
        return "ongoing"
    return "happened"


def _date(t: TimeExpr | None) -> tuple[str | None, str | None]:
    if t is None:
        return None, None
    if t.kind == "range":
        return t.value, t.end_value
    return t.value, None


def sentence_events(view: SentenceView, ctx: DocContext, lex: EventLexicon,
                    anniversaries: list[tuple[int, int, int]]) -> list[Candidate]:
    """Every event candidate the sentence reports (before merging within the document)."""
    out: list[Candidate] = []
    seen_types: set[str] = set()
    persons = [m for m in view.mentions if m.kind == "person"]
    for event_type, start, end in sorted(find_triggers(view, lex), key=lambda x: x[1]):
        if event_type in seen_types and event_type != "MEETING":
            continue
        actors = resolve_actors(event_type, view, start, ctx, lex)
        states = [a for a in actors if len(a) == 2]
        if len(states) < 2:
            continue
        seen_types.add(event_type)
        base = dict(actors=actors, sentence=view.sentence.index, evidence=view.text.strip(),
                    start=view.sentence.start, end=view.sentence.end, trigger=start,
                    status=_status(view, start, lex))
        people = tuple(dict.fromkeys(m.name or m.text for m in persons))
        if event_type == "ANNIVERSARY":
            out.extend(_anniversary(view, ctx, base, anniversaries, start, people))
            continue
        if event_type == "RELATIONS_ESTABLISHED":
            t = nearest_time(view.times, start, end, kinds=("date", "year", "range"))
            if t is None or (ctx.year and t.value and int(t.value[:4]) >= ctx.year
                             and t.kind != "range"):
                continue  # only a stated founding date makes this an event of its own
            out.append(Candidate(type=event_type, date_start=t.value, dated_in_text=True,
                                 **{**base, "status": "happened"}))
            continue
        listed = listed_years(view.times, view.text, end)
        if listed and event_type in ("VISIT", "AGREEMENT", "PARTNERSHIP_UPGRADE"):
            for t in listed:
                out.append(Candidate(type=event_type, date_start=t.value, dated_in_text=True,
                                     people=people, **base))
            continue
        t = nearest_time(view.times, start, end, prefer_range=event_type == "VISIT")
        date_start, date_end = _date(t)
        if event_type != "VISIT":
            date_end = None
        cand = Candidate(type=event_type, date_start=date_start, date_end=date_end,
                         dated_in_text=t is not None, people=people, **base)
        if event_type == "VISIT":
            cand.actor, cand.recipient = _direction(view, start, end, actors)
        if event_type == "MEETING":
            out.extend(_meetings(cand, persons, start))
            continue
        out.append(cand)
    return out


def _meetings(cand: Candidate, persons: list[Mention], trigger: int) -> list[Candidate]:
    """One MEETING per counterpart named after the trigger (SCHEMA.md convention)."""
    before = [m for m in persons if m.end <= trigger]
    after = [m for m in persons if m.start >= trigger]
    subject = before[-1].name or before[-1].text if before else None
    if not after:
        return [cand]
    out = []
    for m in after:
        name = m.name or m.text
        people = tuple(p for p in (subject, name) if p)
        out.append(Candidate(**{**cand.__dict__, "people": people, "counterpart": name,
                                "extra": {}}))
    return out


def _anniversary(view: SentenceView, ctx: DocContext, base: dict,
                 anniversaries: list[tuple[int, int, int]], trigger: int,
                 people: tuple[str, ...]) -> list[Candidate]:
    """An anniversary of ties is dated founding year + N; a dated celebration by its day."""
    ns = [n for s, e, n in anniversaries if view.sentence.start <= s < view.sentence.end]
    founding = None
    ranges = [t for t in view.times if t.kind == "range" and t.value and t.end_value]
    if ranges:
        founding = ranges[0].value
    elif len(base["actors"]) >= 2:
        founding = ctx.founding.get(frozenset(a for a in base["actors"] if len(a) == 2))
    year = anniversary_year(ns[0], founding) if ns else None
    if ns and founding is None and ctx.published is None and ctx.year:
        year = str(ctx.year)
    day = None
    for t in view.times:
        if t.kind in ("date", "relative") and t.value and len(t.value) >= 7 and (
                year is None or t.value.startswith(year)):
            day = t.value
            break
    if year is None and day is None:
        t = nearest_time(view.times, trigger, trigger + 1, kinds=("year",))
        year = t.value if t else (str(ctx.year) if ctx.year and ns else None)
    date = day or year
    status = base["status"]
    if status == "happened" and date and ctx.year and date[:4] == str(ctx.year) and not day:
        status = "ongoing"
    return [Candidate(type="ANNIVERSARY", date_start=date, dated_in_text=date is not None,
                      people=people, **{**base, "status": status})]


def plover_of(event_type: str) -> tuple[str, str | None]:
    return PLOVER.get(event_type, ("COOPERATE", None))
