"""Roles: who takes part in each decided trigger (actors per clause, visitor and host, the
people present, one meeting per counterpart), building the candidate with the date the
calendar gives it."""

from __future__ import annotations

import re
from dataclasses import replace

from bilat.analysis.entities import generic_language
from bilat.extract import trace
from bilat.extract.lexicon import EventLexicon
from bilat.extract.state import (
    Candidate,
    Decision,
    DocContext,
    DocState,
    SentenceTriggers,
    SentenceView,
    is_state,
    states_in,
)
from bilat.extract.steps.calendar import (
    anniversary_candidates,
    dated,
    event_times,
    founding_date,
    listed_years,
)
from bilat.model import Mention

ORG_TYPES = ("SUPPORT_STATEMENT", "OTHER")
# Organisations that take part in a statement as a side (a regional bloc whose ties are
# supported); global bodies named in passing ("a UN seat", "the WTO bid") do not.
BLOC_ORGS = frozenset({"EU", "ASEAN", "AFU", "GCC", "MERCOSUR", "CELAC", "SCO", "EAEU", "OAS"})


class Roles:
    name = "roles"
    requires = ("lex", "ctx", "found", "decisions", "anniversaries_in")
    assigns = ("candidates",)

    def run(self, state: DocState) -> None:
        lex, ctx = state.lex, state.ctx
        traced = trace.active()
        out: list[Candidate] = []
        for found, decisions, anniversaries in zip(state.found, state.decisions,
                                                   state.anniversaries_in, strict=True):
            out.extend(sentence_candidates(found, decisions, anniversaries, ctx, lex, traced))
        # a language with no folder has no trigger words: the nearest-neighbour decision
        # reads its sentences instead (extract/generic.py); supported languages never reach it
        if generic_language(state.language):
            from bilat.extract import generic

            out = sorted(out + generic.candidates(state), key=lambda c: c.sentence)
        state.candidates = out


STEP = Roles()


def sentence_candidates(found: SentenceTriggers, decisions: list[Decision],
                        anniversaries: list[tuple[int, int, int]], ctx: DocContext,
                        lex: EventLexicon, traced: bool = False) -> list[Candidate]:
    """The candidates of one sentence's kept triggers: parties (at least two), then the
    event each tells, dated among the trigger's own times; a MEETING once per counterpart.

    Dating is called from here, not run as a step of its own: an anniversary counts from
    the founding of its parties' ties, a RELATIONS_ESTABLISHED or listed-years trigger makes
    no, one or several candidates by its dates, and a meeting is split per counterpart once
    dated; the calendar module holds the date logic, this loop only its order."""
    view, triggers = found.view, found.triggers
    out: list[Candidate] = []
    persons = [m for m in view.mentions if m.kind == "person"]
    people = tuple(dict.fromkeys(m.name or m.text for m in persons))
    for d in decisions:
        i, seen, trig = d.index, triggers[d.index], d.trigger
        # the parties are read for the trigger as found (an aid that "stopped" is still read
        # as aid here)
        following = [t.start for t in triggers[i + 1:] if t.type == seen.type]
        actors = resolve_actors(seen.type, view, seen.start, ctx, lex,
                                following[0] if following else None)
        if len(actors) < 2:
            if traced:
                trace.on_trigger(view, seen, "roles", "dropped", "fewer than two parties "
                                 f"found for it ({', '.join(actors) or 'none'})")
            continue
        if traced:
            trace.on_trigger(view, seen, "roles", "kept", f"parties {', '.join(actors)}")
        base = Candidate(type=trig.type, actors=actors, sentence=view.sentence.index,
                         evidence=view.text.strip(), start=view.sentence.start,
                         end=view.sentence.end, trigger=trig.start, status=d.status)
        times = event_times(view, trig, found.owned[i], lex)
        if trig.type == "ANNIVERSARY":
            out.extend(anniversary_candidates(view, ctx, base, anniversaries, trig.start, people))
        elif trig.type == "RELATIONS_ESTABLISHED":
            # a date nearer another happening of the sentence is that one's ("ties set up 44
            # years ago and a partnership on 7 August 2015")
            others = [t for t in triggers if t is not trig and t.type != "ANNIVERSARY"]
            date = founding_date(tuple(found.nearest[i]) if others else view.times, trig, ctx)
            if date:  # only a stated founding date makes this an event of its own
                out.append(replace(base, type=trig.type, date_start=date, dated_in_text=True,
                                   status="happened"))
            elif traced:
                trace.on_trigger(view, trig, "dates", "dropped",
                                 "relations established with no founding date of their own")
        elif (listed := listed_years(times, view.text, trig.end, ctx.language)) and trig.type in (
                "VISIT", "AGREEMENT", "PARTNERSHIP_UPGRADE"):
            out.extend(replace(base, type=trig.type, date_start=t.value, dated_in_text=True,
                               people=people) for t in listed)
        else:
            cand = dated(trig, times, base, people, view, lex)
            if trig.type == "VISIT":
                cand.actor, cand.recipient = _direction(view, trig.start, trig.end, actors)
                host = _destination(view, trig.end, actors, lex) if trig.role != "end" else None
                if host:
                    cand.host = host  # "to Brazil" said outright
            if lex.after_meeting and trig.type != "MEETING" and lex.after_meeting.search(
                    view.folded):
                cand.after_meeting = True
            if trig.type == "MEETING":
                if lex.after_ceremony and lex.after_ceremony.search(view.folded):
                    cand.after_ceremony = True
                if any(t.role == "start" for t in triggers):
                    cand.at_arrival = True  # "arrived and met": the arrival's day
                out.extend(_meetings(cand, persons, trig.start, ctx))
            else:
                out.append(cand)
    return out


def resolve_actors(event_type: str, view: SentenceView, trigger: int, ctx: DocContext,
                   lex: EventLexicon, until: int | None = None) -> tuple[str, ...]:
    """The states (and for statements, organisations) taking part, as a sorted tuple.

    States named in the sentence come first; officials named with no country belong to the
    report's home state; "the two countries" and a sentence naming one side stand for the
    document's pair. A state named only as a place ("in Tianjin (China)") does not displace a
    pair member who is present.
    """
    codes: list[str] = []
    for i, m in enumerate(view.mentions):
        code = None
        if is_state(m) and not _is_location(view, i, lex):
            code = m.code
        elif m.kind == "person":
            code = ctx.people.get(m.name or m.text) or ctx.home
        if code and code not in codes:
            codes.append(code)
    pair = list(ctx.pair)
    group = bool(lex.group and lex.group.search(view.folded))
    if len(pair) == 2 and (not codes or (group and (
            any(c in pair for c in codes) or len(codes) < 2))):
        # "the two sides" is the report's pair, unless the sentence names two other states
        # ("the French and German leaders agreed")
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
    limit = len(view.text) if until is None else until
    orgs = {m.code for m in view.mentions if m.kind == "org" and m.code in BLOC_ORGS
            and trigger - 40 < m.start < limit} if event_type in ORG_TYPES else set()
    if len(orgs) >= 2 and len(codes) == 1 and not group:
        chosen = codes  # "X reaffirmed its support for ASEAN–EU cooperation": X and the blocs
    return tuple(sorted(a for a in set(chosen) | orgs if a))


def _is_location(view: SentenceView, i: int, lex: EventLexicon) -> bool:
    """A state named only to place a city: "in San Francisco, the US", "Tianjin (China)"."""
    m = view.mentions[i]
    if m.kind == "country" and view.text[max(0, m.start - 1):m.start] == "(" and (
            view.text[m.end:m.end + 1] == ")"):
        return True  # "Tianjin (China)": a gloss on a place
    if i == 0:
        return False
    head = view.folded[max(0, m.start - 40):m.start]
    gloss = rf"[,(]\s*{lex.article}"  # ", the", "(": what puts a state after a place
    if m.kind == "country" and lex.place_preps is not None and re.search(
            rf"(?:{lex.place_preps.pattern})\s+[^,()]{{2,30}}{gloss}$", head):
        return True  # "in San Francisco, the US"
    prev = view.mentions[i - 1]
    return prev.kind in ("capital", "place") and prev.code == m.code and m.kind == "country" \
        and re.fullmatch(rf"\s*{gloss}", view.folded[prev.end:m.start]) is not None


def _direction(view: SentenceView, start: int, end: int, actors: tuple[str, ...]
               ) -> tuple[str | None, str | None]:
    """Visitor and host of a VISIT: the state named right after the trigger is the host."""
    states = [m for m in states_in(view) if m.code in actors]
    # a person after the trigger is the visitor named late ("the visit of President Lula to
    # Vietnam"), not the host
    after = [m for m in states if m.start >= end and m.start - end < 60 and m.kind != "person"]
    if after and len(actors) == 2:
        host = after[0].code
        visitor = next(a for a in actors if a != host)
        return visitor, host
    before = [m for m in states if m.end <= start]
    if before and len(actors) == 2:
        visitor = before[-1].code
        return visitor, next(a for a in actors if a != visitor)
    return None, None


def _destination(view: SentenceView, end: int, actors: tuple[str, ...], lex: EventLexicon
                 ) -> str | None:
    """The host of a visit when the words say it outright: a state right after "to" ("visit
    to Brazil", "thăm … đến Việt Nam") a few words after the trigger, in its clause ("the
    visit ended and he flew back to Brazil" is another clause's)."""
    if lex.destination is None:
        return None
    for m in states_in(view):
        if m.kind == "person":
            continue  # one goes to a state, not to a person
        if m.code in actors and end <= m.start < end + 60:
            if lex.clause_joiners and lex.clause_joiners.search(view.folded, end, m.start):
                return None
            gap = view.folded[max(end, m.start - 12):m.start]
            return m.code if lex.destination.search(gap) else None
    return None


def _meetings(cand: Candidate, persons: list[Mention], trigger: int, ctx: DocContext
              ) -> list[Candidate]:
    """One MEETING per counterpart named after the trigger (SCHEMA.md convention).

    The counterparts are the people after the trigger from another state than the subject
    (the last person before it); two leaders of different states named together after it
    ("talks between A and B") are one meeting.
    """
    def state(m: Mention) -> str | None:
        return m.code or ctx.people.get(m.name or m.text) or ctx.home

    before = [m for m in persons if m.end <= trigger]
    after = [m for m in persons if m.start >= trigger]
    subject = before[-1] if before else None
    if subject is not None:
        after = [m for m in after if state(m) != state(subject)] or after
    elif len({state(m) for m in after}) > 1:
        after = []
    if not after:
        return [cand]
    out = []
    for m in after:
        name = m.name or m.text
        people = tuple(dict.fromkeys(
            p for p in ((subject.name or subject.text) if subject else None, name) if p))
        out.append(replace(cand, people=people, counterpart=name))
    return out
