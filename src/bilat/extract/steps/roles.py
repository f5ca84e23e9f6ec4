"""Roles: who takes part in each decided trigger (actors per clause, visitor and host, the
people present, one meeting per counterpart), building the candidate with the date the
calendar gives it."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

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
    Trigger,
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
            out.extend(anniversary_candidates(view, ctx, base, anniversaries, trig.start, people,
                                              times))
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
                if trig.role != "end" and (split := _visit_per_destination(
                        cand, view, trig, ctx, lex)):
                    out.extend(split)
                    continue
            if lex.after_meeting and trig.type != "MEETING" and lex.after_meeting.search(
                    view.folded):
                cand.after_meeting = True
            if trig.type == "MEETING":
                if lex.after_ceremony and lex.after_ceremony.search(view.folded):
                    cand.after_ceremony = True
                if any(t.role == "start" for t in triggers):
                    cand.at_arrival = True  # "arrived and met": the arrival's day
                out.extend(_meetings(cand, view, persons, trig, ctx, lex))
            else:
                out.append(cand)
    return out


def resolve_actors(event_type: str, view: SentenceView, trigger: int, ctx: DocContext,
                   lex: EventLexicon, until: int | None = None) -> tuple[str, ...]:
    """The states (and for statements, organisations) taking part, as a sorted tuple.

    States named in the trigger's clause come first (the sentence cut where a clause joiner
    other than a list's "and" stands: "while", "mientras", "setelah"); officials named with no
    country belong to the
    report's home state; "the two countries" and a sentence naming one side stand for the
    document's pair. A state named only as a place ("in Tianjin (China)") does not displace a
    pair member who is present.
    """
    codes: list[str] = []
    lo, hi = _own_clause(view, trigger, ctx.language, lex)
    for i, m in enumerate(view.mentions):
        if not lo <= m.start < hi:
            continue  # "…, while the Belgian premier is also invited": another clause's
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


def _own_clause(view: SentenceView, trigger: int, language: str | None, lex: EventLexicon
                ) -> tuple[int, int]:
    """The trigger's clause: the sentence cut at a full stop, semicolon or colon and at the
    language's clause joiners that do not also list names ("and", a comma)."""
    lo, hi = 0, len(view.folded)
    for start, end in _clause_cuts(view.folded, language, lex.clause_joiners):
        if end <= trigger:
            lo = max(lo, end)
        elif start > trigger:
            hi = min(hi, start)
    return lo, hi


@lru_cache(maxsize=256)
def _clause_cuts(folded: str, language: str | None, joiners: re.Pattern[str] | None
                 ) -> tuple[tuple[int, int], ...]:
    """Where a sentence's clauses meet, once per sentence however many triggers it has."""
    from bilat.analysis import gazetteer as gz
    from bilat.analysis.people import title_data

    cuts = [(m.start(), m.end()) for m in _CLAUSE_END.finditer(folded)]
    if joiners is not None:
        listing = title_data(language).joiners
        pos = 0  # matches may overlap: ", " and " while " share a space
        while (m := joiners.search(folded, pos)) is not None:
            w = m.group().strip()
            if w not in ("", ",", ";") and gz.lowfold(w) not in listing and w not in listing:
                cuts.append((m.start(), m.end()))
            pos = m.start() + 1
    return tuple(cuts)


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


# How far after a meeting's trigger its first counterpart may be named, when no one is named
# before it as the subject ("La reunión se desarrolló en ... y Milei estuvo acompañado por X":
# X went with the subject, far from the trigger).
_OBJECT_REACH = 60
# How long the words between two listed counterparts may be ("X, Y and the head of Z").
_LIST_GAP = 20
# How far before its holder's name a title may stand ("the Prime Minister of the Kingdom of
# Saudi Arabia, X").
_HOLDER_REACH = 60


# How far after a visit's trigger the first of its listed destinations may be named ("the
# official visits of the premier to A and B").
_DESTINATION_REACH = 100


def _visit_per_destination(cand: Candidate, view: SentenceView, trigger: Trigger,
                           ctx: DocContext, lex: EventLexicon) -> list[Candidate]:
    """One VISIT per state listed as its destination ("visits to Algeria and Libya", "trips
    to France and Belgium, and also South Africa"), each with the visitor: the state of the
    person named before the destinations, else the state named there, else the one of its
    parties not listed. Nothing when fewer than two destinations are listed or no visitor is
    found apart from them."""
    dests, first = _listed_destinations(view, trigger.end, lex)
    if len(dests) < 2:
        return []
    # the visitor named between the trigger and its destinations ("the visit of the President
    # of Brazil, Lula, to Italy and the Vatican"), else before the trigger
    lo, hi = (trigger.end, first) if any(
        trigger.end <= m.start < first for m in states_in(view)) else (0, trigger.start)
    persons = [m for m in view.mentions if m.kind == "person" and lo <= m.start < hi]
    states = [m for m in states_in(view) if m.kind != "person" and lo <= m.start < hi]
    if persons:
        visitor = _own_state(persons[-1], ctx) or ctx.home
    elif states:
        visitor = states[-1].code
    else:
        visitor = next((a for a in cand.actors if a not in dests), None)
    if visitor is None or visitor in dests:
        return []
    return [replace(cand, actors=tuple(sorted((visitor, d))), actor=visitor, recipient=d,
                    host=d) for d in dests]


def _listed_destinations(view: SentenceView, end: int, lex: EventLexicon
                         ) -> tuple[list[str], int]:
    """The states listed after a visit's trigger in its clause, the first one after a word
    of destination ("to", "in"), each next one joined to it by a comma or "and"; and where
    the first one starts."""
    if lex.destination is None:
        return [], end
    hi = _clause_end(view.folded, end)
    out: list[str] = []
    prev_end, first = None, end
    for m in states_in(view):
        if m.kind in ("person", "demonym") or m.start < end or m.start >= hi:
            continue
        if prev_end is None:
            gap = view.folded[max(end, m.start - 12):m.start]
            if m.start - end <= _DESTINATION_REACH and lex.destination.search(gap):
                out, prev_end, first = [m.code], m.end, m.start
            continue
        gap = view.folded[prev_end:m.start]
        if len(gap) > _LIST_GAP or not _joined(gap, lex.clause_joiners):
            break
        if m.code not in out:
            out.append(m.code)
        prev_end = m.end
    return out, first


def _meetings(cand: Candidate, view: SentenceView, persons: list[Mention], trigger: Trigger,
              ctx: DocContext, lex: EventLexicon) -> list[Candidate]:
    """One MEETING per counterpart listed for the trigger (SCHEMA.md convention).

    The counterparts are the people after the trigger from another state than the subject
    (the last person before it); two leaders of different states named together after it
    ("talks between A and B") are one meeting. Offices and bodies named without a person and
    listed with them ("the President and the Prime Minister", "the Senate, the Chamber and
    the Court") are counterparts too. A counterpart of a state the sentence names apart from
    the meeting's (the Pope met on a visit to Rome) takes its own state as the other party.
    """
    hi = _clause_end(view.folded, trigger.end)
    codes = _person_states(view, persons, ctx, lex.clause_joiners)
    before = [m for m in persons if m.end <= trigger.start]
    after = [m for m in persons if m.start >= trigger.start]
    subject = before[-1] if before else None
    if subject is not None:
        after = [m for m in after if codes[id(m)] != codes[id(subject)]] or after
    elif len({codes[id(m)] for m in after}) > 1:
        return [cand]  # both sides named after it ("talks between A and B"): one meeting
    elif after and after[0].start - trigger.end > _OBJECT_REACH:
        after = []  # named far on, in another part of the clause: not whom it meets
    # a list needs a joiner after the trigger: only then are the sentence's titles read
    listed = _listed_offices(view, trigger, after, _bare_offices(view, persons, ctx.language),
                             hi, lex) if lex.clause_joiners is not None and (
        lex.clause_joiners.search(view.folded, trigger.end, hi)) else []
    if subject is None and len(listed) < 2:
        listed = []  # with no one named as meeting them, a lone office may be their escort
    if len(after) + len(listed) < 2 and not after:
        return [cand]
    side = codes[id(subject)] if subject is not None else None
    items = sorted([(m.start, m.name or m.text, _own_state(m, ctx), True) for m in after]
                   + [(s, label, None, False) for s, label in listed])
    out = []
    for _, label, state, is_person in items:
        people = tuple(dict.fromkeys(
            p for p in ((subject.name or subject.text) if subject else None,
                        label if is_person else None) if p))
        actors = cand.actors
        if state and side in actors and state not in actors and state != side:
            actors = tuple(sorted((side, state)))  # "met the Pope and Mattarella in Rome"
        out.append(replace(cand, actors=actors, people=people or cand.people,
                           counterpart=label, counterpart_office=not is_person))
    return out


def _own_state(m: Mention, ctx: DocContext) -> str | None:
    """A person's state as the text or the document tells it (no default)."""
    return m.code or ctx.people.get(m.name or m.text)


def _person_states(view: SentenceView, persons: list[Mention], ctx: DocContext,
                   joiners: re.Pattern[str] | None) -> dict[int, str | None]:
    """Each person's state; one whose state nothing tells takes that of the person listed
    just before it ("D'Alema and the party leader Schlein"), else the report's home state."""
    out: dict[int, str | None] = {}
    prev: Mention | None = None
    for m in persons:
        code = m.code or ctx.people.get(m.name or m.text)
        if code is None and prev is not None and out[id(prev)] and m.start - prev.end <= (
                _HOLDER_REACH) and _joined(view.folded[prev.end:m.start].replace(",", " "),
                                           joiners):
            code = out[id(prev)]
        out[id(m)] = code or ctx.home
        prev = m
    return out


# Where a clause ends: a full stop (not one closing a number or an initial, "Michael D.
# Higgins"), a semicolon or colon, a dash between spaces.
_CLAUSE_END = re.compile(r"(?:(?<![\d\s][a-z])(?<!\d)(?<!^[a-z])\.|[;:!?])\s|\s[-–]\s")


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_END.search(text, pos)
    return m.start() if m else len(text)


def _bare_offices(view: SentenceView, persons: list[Mention], language: str | None
                  ) -> list[tuple[int, int, str]]:
    """Titles of office and government bodies named with no person holding them ("the
    President", "the Senate"), as (start, end, words). A title before a person is that
    person's ("President Lula", "the former premier, Massimo D'Alema", "Deputy Prime Minister
    and Foreign Minister X"); one set after a person by a comma is that person's too."""
    from bilat.analysis import gazetteer as gz

    toks, _, found = _analysed(view.text, language)
    spans = sorted((toks.starts[s], toks.ends[e - 1]) for s, (e, _) in
                   list(found["titles"].items()) + list(found["bodies"].items()))
    out = []
    for s, e in spans:
        if any(m.start <= s < m.end for m in persons):
            continue
        nxt = next((m for m in persons if m.start >= e), None)
        if nxt is not None and nxt.start - e <= _HOLDER_REACH:
            continue
        prev = next((m for m in reversed(persons) if m.end <= s), None)
        if prev is not None and re.fullmatch(r"\s*,\s*\S{0,4}\s*", view.text[prev.end:s]):
            continue  # "Lula, the President"
        out.append((s, e, " ".join(gz.lowfold(w) for w in gz.split(view.text[s:e]))))
    return out


@lru_cache(maxsize=64)
def _analysed(text: str, language: str | None) -> tuple:
    """entities.analyse, once per sentence however many meetings it tells."""
    from bilat.analysis.entities import analyse

    return analyse(text, language)


def _joined(gap: str, joiners: re.Pattern[str] | None) -> bool:
    """Words that list one more item: the language's clause joiners (", ", " and ")."""
    return joiners is not None and joiners.search(gap) is not None


def _listed_offices(view: SentenceView, trigger: Trigger, after: list[Mention],
                    offices: list[tuple[int, int, str]], hi: int, lex: EventLexicon
                    ) -> list[tuple[int, str]]:
    """The offices and bodies listed after the trigger, each joined to the item before it
    (a person or office) by a comma or "and"; the first one near the trigger."""
    items = sorted([(m.start, m.end, None) for m in after]
                   + [(s, e, w) for s, e, w in offices if trigger.end <= s < hi])
    out: list[tuple[int, str]] = []
    prev_end, prev_person = trigger.end, False
    for s, e, words in items:
        gap = view.folded[prev_end:s]
        first = prev_end == trigger.end
        if first and s - trigger.end > _OBJECT_REACH:
            break
        # after a person only "and" lists an office ("X, who is on a state visit" is not)
        if not first and (len(gap) > _LIST_GAP or not _joined(
                gap.replace(",", " ") if prev_person else gap, lex.clause_joiners)):
            break
        if words is not None:
            out.append((s, words))
        prev_end, prev_person = e, words is None
    return out
