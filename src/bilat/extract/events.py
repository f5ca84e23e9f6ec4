"""Event candidates read from one sentence: triggers, actors, people, date and status."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from bilat.analysis.fold import fold
from bilat.extract.context import DocContext, SentenceView, is_state
from bilat.extract.dating import anniversary_year, listed_years, nearest_time
from bilat.extract.lexicon import EventLexicon
from bilat.extract.trace import active as trace_active
from bilat.extract.trace import note
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
}
# Types dated by a span of years ("(1973 - 2023)"); other events never take such a span.
SPAN_TYPES = ("RELATIONS_ESTABLISHED", "PARTNERSHIP_UPGRADE", "ANNIVERSARY")
ORG_TYPES = ("SUPPORT_STATEMENT", "OTHER")
# Organisations that take part in a statement as a side (a regional bloc whose ties are
# supported); global bodies named in passing ("a UN seat", "the WTO bid") do not.
BLOC_ORGS = frozenset({"EU", "ASEAN", "AFU", "GCC", "MERCOSUR", "CELAC", "SCO", "EAEU", "OAS"})
# Undated events told in the same sentence as a dated visit happened during it.
# support and aid words have senses far from diplomacy ("your browser is no longer supported",
# "with help from fans"): they tell a bilateral event only where the sentence names a party
# (measured: no gold event of dev or train lost)
NAMED_PARTY_TYPES = ("SUPPORT_STATEMENT", "AID")
LEND_IN_SENTENCE = ("MEETING", "AGREEMENT", "PARTNERSHIP_UPGRADE", "CONSULTATION")
# a full stop inside a sentence after a digit is an ordinal ("am 8. März"), not a clause's end
_CLAUSE_END = re.compile(r"(?:(?<!\d)\.|[;:!?])\s|\s[-–]\s")


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


# Trigger types that are a VISIT seen at its start or its end: their date is an arrival or a
# departure, so it dates the visit's first or last day; or seen through one of its
# activities (the welcome ceremony given to the visitor), whose day dates it to the month.
ROLES = {"VISIT_START": ("VISIT", "start"), "VISIT_END": ("VISIT", "end"),
         "VISIT_ACTIVITY": ("VISIT", "activity")}
_MERGE_GAP = 30  # triggers of one type this close are one mention ("official visit to")
_REQUIRE_WINDOW = 100  # a required word must be this close to the trigger ("signed ... MoU")


@dataclass(frozen=True)
class Trigger:
    type: str
    start: int
    end: int
    role: str | None = None


def find_triggers(view: SentenceView, lex: EventLexicon) -> list[Trigger]:
    """Every trigger in the sentence that its type's conditions allow, close ones joined."""
    found: dict[str, list[Trigger]] = {}
    text = view.folded
    for key, pattern in lex.triggers.items():
        event_type, role = ROLES.get(key, (key, None))
        # a role of a visit may ask for words of its own ("a welcome ceremony" for an office)
        required = lex.requires.get(key, lex.requires.get(event_type))
        blocker = lex.blocks.get(event_type)
        for m in pattern.finditer(text):
            if required is not None and not required.search(
                    text, max(0, m.start() - _REQUIRE_WINDOW), m.end() + _REQUIRE_WINDOW):
                continue
            after = lex.requires_after.get(event_type)
            if after is not None and not after.search(text, m.end(), m.end() + 70):
                continue
            if blocker is not None and blocker.search(text, max(0, m.start() - 60), m.end() + 60):
                continue
            found.setdefault(event_type, []).append(Trigger(event_type, m.start(), m.end(), role))
    for winner, losers in SILENCES.items():
        if winner in found:
            for loser in losers:
                found.pop(loser, None)
    out: list[Trigger] = []
    for triggers in found.values():
        triggers.sort(key=lambda t: t.start)
        group = triggers[0]
        for t in triggers[1:]:
            if t.start - group.end <= _MERGE_GAP:
                group = Trigger(group.type, group.start, max(group.end, t.end),
                                group.role or t.role)
            else:
                out.append(group)
                group = t
        out.append(group)
    return _drop_overlaps(sorted(out, key=lambda t: t.start))


def _drop_overlaps(triggers: list[Trigger]) -> list[Trigger]:
    """Where triggers of two types overlap, the longer phrase says what happened."""
    keep = []
    for t in triggers:
        rivals = [k for k in keep if k.start < t.end and t.start < k.end]
        if not rivals:
            keep.append(t)
        elif all(t.end - t.start > r.end - r.start for r in rivals):
            keep = [k for k in keep if k not in rivals] + [t]
    return sorted(keep, key=lambda t: t.start)


def owned_times(view: SentenceView, triggers: list[Trigger], lex: EventLexicon
                ) -> dict[int, list[TimeExpr]]:
    """Each time expression goes to the trigger nearest to it (a later one is preferred, and a
    date before a trigger across "and"/", " belongs to the clause before)."""
    owned: dict[int, list[TimeExpr]] = {i: [] for i in range(len(triggers))}
    joiners = lex.clause_joiners
    for t in view.times:
        best, best_d = None, None
        for i, trig in enumerate(triggers):
            if t.start >= trig.end:
                d = t.start - trig.end
            elif t.end <= trig.start:
                d = (trig.start - t.end) * 1.3 + 5
                if joiners and joiners.search(view.folded, t.end, trig.start):
                    d += 100
            else:
                d = 0
            if best_d is None or d < best_d:
                best, best_d = i, d
        if best is not None:
            owned[best].append(t)
    return owned


def _states(view: SentenceView) -> list[Mention]:
    return [m for m in view.mentions if is_state(m)]


# one short word or a comma between two states, and at most one more short word or an elided
# article after it: "Laos and Thailand", "Việt Nam và Lào", "Italia e Tunisia", "la Tunisie et
# l'Algérie", "Chile y el Perú" (any language: a conjunction and an article are short; a longer
# gap is another phrase)
_COORDINATED = re.compile(r"\s*(?:,|[^\W\d]{1,4})(?:\s+[^\W\d]{1,4}\s|\s*[^\W\d]{1,3}')?\s*")
_SUBJECT_NEAR = 24  # a subject this close before the trigger is its subject in any word order
_SUBJECT_FAR = 100  # ... one that opens the trigger's clause, at most this far (verb-second)
# what may stand before a subject that opens its clause, once dates are taken out: a few
# short words ("Le … , la", "Am … in") and punctuation
_CLAUSE_OPENING = re.compile(r"[\W\d]*(?:[^\W\d]{1,4}'?[\W\d]*){0,3}")


def _states_as_subject(view: SentenceView, trigger: int) -> bool:
    """Two states joined as the subject of the trigger ("Laos and Thailand held talks"): the
    states themselves meet, so the meeting needs no named person."""
    return _subject_pair(view, trigger) is not None


def _subject_pair(view: SentenceView, trigger: int) -> tuple[int, int] | None:
    """Where two joined states stand as the trigger's subject: right before the trigger, or
    opening the trigger's clause with the trigger later in it ("Polen und Deutschland führten
    am 8. März in Berlin Gespräche": the verb comes second and the noun that tells the event
    last). (start, end) in the sentence, or None."""
    states = [m for m in _states(view) if m.end <= trigger]
    lo, _ = _clause_bounds(view.folded, trigger)
    for a, b in zip(states, states[1:], strict=False):
        if a.code == b.code or not _COORDINATED.fullmatch(view.folded[a.end:b.start]):
            continue
        if trigger - b.end <= _SUBJECT_NEAR:
            return a.start, b.end
        if a.start >= lo and trigger - b.end <= _SUBJECT_FAR and _opens_clause(view, lo, a.start):
            return a.start, b.end
    return None


def _opens_clause(view: SentenceView, lo: int, start: int) -> bool:
    """Nothing but dates, punctuation and a few short words between `lo` and `start`."""
    chars = list(view.folded[lo:start])
    for t in view.times:
        for k in range(max(t.start, lo), min(t.end, start)):
            chars[k - lo] = " "
    return bool(_CLAUSE_OPENING.fullmatch("".join(chars)))


# kinds of state mention that say whose an office is ("the Japanese Prime Minister"); a capital
# names where an office sits, not who holds it
_OFFICE_STATE_KINDS = ("country", "demonym")
_OFFICE_GAP = 3  # bridge tokens at most between a title and its state ("Minister of the")


def _state_offices(view: SentenceView, language: str | None) -> list[tuple[int, int, str]]:
    """Offices held by a state named next to their title, with or without a person's name:
    "the Australian Prime Minister", "Japan's Prime Minister", "Thủ tướng Nhật Bản", "el
    canciller de México", "son homologue algérien". Such an office takes part in what the
    sentence tells as a person would. (start, end, state) of each title, sentence offsets.

    Titles and the small words allowed between a title and its state are the language's
    titles.yaml (`titles`, `bridge`); a state after a posting word ("Ambassador to Vietnam")
    is not the office's."""
    from bilat.analysis import gazetteer as gz
    from bilat.analysis.people import scan_titles, title_data

    states = [m for m in view.mentions if is_state(m) and m.kind in _OFFICE_STATE_KINDS]
    if not states:
        return []
    toks = gz.tokenize(view.text)
    bridge = title_data(language).bridge
    out = []
    for ts, (te, _) in scan_titles(toks, language).items():
        s, e = toks.starts[ts], toks.ends[te - 1]
        for m in states:
            if m.end <= s:
                gap = view.text[m.end:s]
            elif m.start >= e:
                gap = view.text[e:m.start]
            else:
                continue
            words = [w.casefold() for w in gz.split(gap)]
            # punctuation ends the office's phrase: "said the minister, Vietnam and …"
            if len(words) <= _OFFICE_GAP and all(
                    w in bridge and (w.isalnum() or w == "'") for w in words):
                out.append((s, e, m.code or ""))
                break
    return out


def _non_state_subject(view: SentenceView, trigger: int, lex: EventLexicon) -> bool:
    """A non-state agent (the language's `non_state_agents`: companies, teams, fans,
    tourists…) is named before the trigger in its clause, where its subject stands, and no
    two states stand as the subject after it ("after the match, Laos and Thailand held
    talks"); states before it only say whose the agents are ("Vietnamese and Japanese
    companies signed")."""
    if lex.non_state_agents is None:
        return False
    lo, _ = _clause_bounds(view.folded, trigger)
    agents = [m.start() for m in lex.non_state_agents.finditer(view.folded, lo, trigger)]
    if not agents:
        return False
    pair = _subject_pair(view, trigger)
    return pair is None or agents[-1] >= pair[1]


def _clause_bounds(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in _CLAUSE_END.finditer(text, 0, pos):
        start = m.end()
    m = _CLAUSE_END.search(text, pos)
    return start, (m.start() if m else len(text))


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
    states = [m for m in _states(view) if m.code in actors]
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
    for m in _states(view):
        if m.kind == "person":
            continue  # one goes to a state, not to a person
        if m.code in actors and end <= m.start < end + 60:
            if lex.clause_joiners and lex.clause_joiners.search(view.folded, end, m.start):
                return None
            gap = view.folded[max(end, m.start - 12):m.start]
            return m.code if lex.destination.search(gap) else None
    return None


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
    persons = [m for m in view.mentions if m.kind == "person"]
    people = tuple(dict.fromkeys(m.name or m.text for m in persons))
    triggers = find_triggers(view, lex)
    nearest = owned = owned_times(view, triggers, lex)
    offices: list[tuple[int, int, str]] | None = None

    def state_offices() -> list[tuple[int, int, str]]:
        nonlocal offices  # read once, and only for a sentence that needs it
        if offices is None:
            offices = _state_offices(view, ctx.language)
        return offices

    if len(view.times) == 1:  # one date in the sentence dates all it tells ...
        owned = _one_date_for_all(view.times[0], triggers)
    traced = trace_active()

    def why(trig: Trigger, step: str, verdict: str, reason: str) -> None:
        if traced:  # the subject is written only when someone reads the trace
            note(view.sentence.index, step, f"{trig.type} «{view.folded[trig.start:trig.end]}»",
                 verdict, reason)

    for i, trig in enumerate(triggers):
        why(trig, "candidates", "found", "trigger words of the type")
        following = [t.start for t in triggers[i + 1:] if t.type == trig.type]
        actors = resolve_actors(trig.type, view, trig.start, ctx, lex,
                                following[0] if following else None)
        if len(actors) < 2:
            why(trig, "roles", "dropped",
                f"fewer than two parties found for it ({', '.join(actors) or 'none'})")
            continue
        if trig.type in NAMED_PARTY_TYPES and not view.mentions and not (
                lex.group and lex.group.search(view.folded)):
            why(trig, "decide", "dropped",
                "support or aid with no party named in its sentence")
            continue
        if _non_state_subject(view, trig.start, lex) and not persons and not state_offices():
            # "a Vietnamese telecom group and a Swedish software firm signed a deal", "the U23
            # team's visit to Korea", "Polish tourists came to Croatia": companies, teams,
            # fans or tourists of two states acting with no official or state among them are
            # no bilateral event (a company-to-company MoU is not annotated)
            why(trig, "decide", "dropped",
                "its agents are companies, teams or travellers, no state or official")
            continue
        if trig.type == "MEETING" and not persons and not (
                lex.group and lex.group.search(view.folded)) and not _states_as_subject(
                    view, trig.start) and not state_offices():
            # a meeting has people in it: "receiving investment" is not one
            why(trig, "decide", "dropped",
                "a meeting with no person, office, group or states as subject")
            continue
        why(trig, "roles", "kept", f"parties {', '.join(actors)}")
        base = dict(actors=actors, sentence=view.sentence.index, evidence=view.text.strip(),
                    start=view.sentence.start, end=view.sentence.end, trigger=trig.start,
                    status=_status(view, trig.start, lex))
        if trig.type == "AID" and lex.aid_ended and lex.aid_ended.search(
                view.folded, max(0, trig.start - 40), min(len(view.folded), trig.end + 40)):
            # "stopped providing aid": an end, no aid; "from July 2018 … stopped" is its date
            trig = replace(trig, type="OTHER", role="ended")
        spans_ok = trig.type in SPAN_TYPES or trig.role == "ended"
        times = tuple(t for t in owned[i] if (spans_ok or not _is_span(t))
                      and not _in_since_clause(view, trig, t, lex))
        if trig.type == "ANNIVERSARY":
            out.extend(_anniversary(view, ctx, base, anniversaries, trig.start, people))
        elif trig.type == "RELATIONS_ESTABLISHED":
            # a date nearer another happening of the sentence is that one's ("ties set up 44
            # years ago and a partnership on 7 August 2015")
            others = [t for t in triggers if t is not trig and t.type != "ANNIVERSARY"]
            date = _founding_date(tuple(nearest[i]) if others else view.times, trig, ctx)
            if date:  # only a stated founding date makes this an event of its own
                out.append(Candidate(type=trig.type, date_start=date, dated_in_text=True,
                                     **{**base, "status": "happened"}))
            else:
                why(trig, "dates", "dropped",
                    "relations established with no founding date of their own")
        elif (listed := listed_years(times, view.text, trig.end, ctx.language)) and trig.type in (
                "VISIT", "AGREEMENT", "PARTNERSHIP_UPGRADE"):
            out.extend(Candidate(type=trig.type, date_start=t.value, dated_in_text=True,
                                 people=people, **base) for t in listed)
        else:
            if trig.type == "VISIT" and trig.role is None and lex.during and lex.during.search(
                    view.folded, max(0, trig.start - 25), trig.start):
                # "thanked them during his Hanoi visit Tuesday": the day is the thanks', one
                # of the visit's activities, so it dates the visit to the month
                trig = replace(trig, role="activity")
            cand = _dated(trig, times, base, people, view.text, lex)
            if cand.date_start is None and view.partials:
                # "from April 24-25", no year anywhere: kept for a year told of the same
                # happening elsewhere in the story (consolidate completes it)
                p = nearest_time(view.partials, trig.start, trig.end,
                                 prefer_range=trig.type == "VISIT")
                if p is not None:
                    cand.extra["partial"] = (p.value, p.end_value if trig.type == "VISIT"
                                             else None)
            if trig.type == "VISIT":
                cand.actor, cand.recipient = _direction(view, trig.start, trig.end, actors)
                host = _destination(view, trig.end, actors, lex) if trig.role != "end" else None
                if host:
                    cand.extra["host"] = host  # "to Brazil" said outright
            if lex.after_meeting and trig.type != "MEETING" and lex.after_meeting.search(
                    view.folded):
                cand.extra["after_meeting"] = True
            if trig.type == "MEETING":
                if lex.after_ceremony and lex.after_ceremony.search(view.folded):
                    cand.extra["after_ceremony"] = True
                if any(t.role == "start" for t in triggers):
                    cand.extra["at_arrival"] = True  # "arrived and met": the arrival's day
                out.extend(_meetings(cand, persons, trig.start, ctx))
            else:
                out.append(cand)
    visits = [c for c in out if c.type == "VISIT" and c.date_start]
    for c in out:
        if c.date_start is None and visits and c.type in LEND_IN_SENTENCE:
            c.date_start = visits[0].date_start[:7]  # "during the visit in Sept 2023, ... "
    return out


def _in_since_clause(view: SentenceView, trig: Trigger, t: TimeExpr, lex: EventLexicon
                     ) -> bool:
    """"the first visit since he took office in December 2022": a date inside a "since"
    clause that does not hold the trigger is the clause's happening, not the trigger's
    ("since they set up ties on 22 March 1973" dates the ties, not a signing told later)."""
    if lex.since_clause is None:
        return False
    for m in lex.since_clause.finditer(view.folded, max(0, t.start - 100), t.start):
        if not m.start() <= trig.start < t.start:
            return True
    return False


def _one_date_for_all(time: TimeExpr, triggers: list[Trigger]) -> dict[int, list[TimeExpr]]:
    """... save where the sentence tells two happenings of one type ("the first visit of his
    term, and his second after the 2008 visit"): the date is then the nearer one's."""
    owned: dict[int, list[TimeExpr]] = {}
    for i, trig in enumerate(triggers):
        rivals = [t for t in triggers if t.type == trig.type]
        nearest = min(rivals, key=lambda t: max(t.start - time.end, time.start - t.end, 0))
        owned[i] = [time] if nearest is trig else []
    return owned


def _is_span(t: TimeExpr) -> bool:
    return t.kind == "range" and bool(t.end_value) and t.end_value[:4] != (t.value or "")[:4]


def _founding_date(times: tuple[TimeExpr, ...], trig: Trigger, ctx: DocContext) -> str | None:
    """The founding date near a "relations established" trigger: the start of a span of years
    ("(1973 - 2023)"), else the nearest date before the document's own year."""
    near = [t for t in times if t.value and abs(t.start - trig.end) < 140]
    spans = [t for t in near if t.kind == "range" and t.end_value
             and t.end_value[:4] != t.value[:4]]
    if spans:
        return spans[0].value
    past = [t for t in near if t.kind in ("date", "year") and t.value[:4].isdigit()
            and (ctx.year is None or int(t.value[:4]) < ctx.year)]
    if not past:
        return None
    return min(past, key=lambda t: abs(t.start - trig.end)).value


def _start_from_length(text: str, last_day: str, lex: EventLexicon) -> str | None:
    """First day of a visit that ended on `last_day` and is said to last N days (the
    language's `visit_length` words: "three-day", "dreitägigen", "trzydniową")."""
    folded = fold(text)
    for pattern, numbers in lex.visit_length:
        m = pattern.search(folded)
        if m is None:
            continue
        word = m.group("n")
        n = int(word) if word.isdigit() else numbers.get(word)
        if n:
            end = dt.date.fromisoformat(last_day)
            return (end - dt.timedelta(days=n - 1)).isoformat()
    return None


def _dated(trig: Trigger, times: tuple[TimeExpr, ...], base: dict,
           people: tuple[str, ...], view_text: str = "",
           lex: EventLexicon | None = None) -> Candidate:
    """A candidate dated by the trigger's own time expressions.

    A visit takes a stated span; an arrival or departure dates its first or last day; any
    other day near a visit is one of its activities and dates it to the month only.
    """
    kinds = ("date", "range", "relative", "year")
    if trig.role == "ended":
        kinds += ("since",)  # "from July 2018 on, X stopped …": when the change came
    usable = [t for t in times if t.kind in kinds and t.value]
    ranges = [t for t in usable if t.kind == "range"]
    if trig.type == "VISIT" and ranges:
        t = ranges[0]
    elif usable:
        # The most precise of the trigger's dates, then the nearest: "visits in 2016 were a
        # State visit ... in June" is June 2016.
        t = min(usable, key=lambda x: (-len(x.value), abs(x.start - trig.end)))
    else:
        t = None
    date_start, date_end = _date(t)
    activity_day = None
    if trig.type == "VISIT" and t is not None and t.kind != "range" and len(t.value) == 10:
        if trig.role == "end":
            start = _start_from_length(view_text, t.value, lex) if lex is not None else None
            date_start, date_end = start, t.value
        elif trig.role == "activity" or (
                trig.role != "start" and (t.start - trig.end > 40 or t.end < trig.start - 40)):
            date_start = t.value[:7]
            if trig.role == "activity":
                activity_day = t.value
    if trig.type != "VISIT":
        date_end = None
    cand = Candidate(type=trig.type, date_start=date_start, date_end=date_end,
                     dated_in_text=t is not None, people=people, **base)
    if activity_day:
        cand.extra["activity_day"] = activity_day  # a day the visit was under way
    return cand


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
        out.append(Candidate(**{**cand.__dict__, "people": people, "counterpart": name,
                                "extra": dict(cand.extra)}))
    return out


def _anniversary(view: SentenceView, ctx: DocContext, base: dict,
                 anniversaries: list[tuple[int, int, int]], trigger: int,
                 people: tuple[str, ...]) -> list[Candidate]:
    """An anniversary of ties is dated founding year + N; a dated celebration by its day."""
    from bilat.extract.context import known_foundings

    ns = [n for s, e, n in anniversaries if view.sentence.start <= s < view.sentence.end]
    if not ns:
        digits = re.search(r"\d{1,3}", view.folded[trigger:trigger + 60])
        ns = [int(digits.group())] if digits else []
    states = frozenset(a for a in base["actors"] if len(a) == 2)
    spans = [t for t in view.times if t.kind == "range" and t.value and t.end_value
             and t.end_value[:4] != t.value[:4]]
    founding = spans[0].value if spans else (
        ctx.founding.get(states) or known_foundings().get(states))
    year = anniversary_year(ns[0], founding) if ns else None
    if spans and not ns:
        year = spans[0].end_value[:4]
    day = None
    for t in view.times:
        if t.kind in ("date", "relative") and t.value and len(t.value) >= 7 and year and (
                t.value.startswith(year)):
            day = t.value
            break
    if day is None and founding is None:
        # no founding to count from: the celebration's own written-out day or month dates it
        # ("Le 22 janvier 2023, … ont célébré le 60e anniversaire du traité") ...
        t = nearest_time(view.times, trigger, trigger + 1, kinds=("date",))
        if t is not None and t.value and len(t.value) >= 7 and t.value[:4].isdigit():
            ref, told = ctx.year or ctx.this_year, int(t.value[:4])
            if ns and ref and told < ref - 1 and abs(told + ns[0] - ref) <= 1:
                year = str(told + ns[0])  # ... unless it is the founding, N years before now
            else:
                day = t.value
    if year is None and day is None:
        t = nearest_time(view.times, trigger, trigger + 1, kinds=("year",))
        year = t.value if t else None
    date = day or year
    status = base["status"]
    if status == "happened" and date and ctx.year and date[:4] == str(ctx.year) and not day:
        status = "ongoing"
    out = [Candidate(type="ANNIVERSARY", date_start=date, dated_in_text=date is not None,
                     people=people, **{**base, "status": status})]
    partnership = lex_partnership(ctx.language)
    named = partnership.search(view.folded, trigger, trigger + 120) if partnership else None
    if spans and named and spans[0].start > named.start():
        # "the 15th anniversary of the Strategic Partnership (2010-2025)": the upgrade itself
        out.append(Candidate(type="PARTNERSHIP_UPGRADE", date_start=spans[0].value[:4],
                             dated_in_text=True, **{**base, "status": "happened"}))
    return out


def lex_partnership(language: str | None):
    from bilat.extract.lexicon import event_lexicon

    return event_lexicon(language).partnership


def plover_of(event_type: str) -> tuple[str, str | None]:
    return PLOVER.get(event_type, ("COOPERATE", None))
