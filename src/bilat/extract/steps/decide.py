"""Decide: is a trigger a happening told here, of what type and with what status? One call,
`decide`, so that a learned model can later stand behind it; rules over cue classes for now."""

from __future__ import annotations

import re
from dataclasses import replace

from bilat.extract import trace
from bilat.extract.lexicon import EventLexicon
from bilat.extract.state import Decision, DocState, SentenceView, Trigger, is_state, states_in
from bilat.model import Mention

PLOVER = {
    "RELATIONS_ESTABLISHED": ("SUPPORT", None), "VISIT": ("CONSULT", "visit"),
    "MEETING": ("CONSULT", None), "CONSULTATION": ("CONSULT", None),
    "PHONE_CALL": ("CONSULT", "phone"), "AGREEMENT": ("SUPPORT", None),
    "PARTNERSHIP_UPGRADE": ("SUPPORT", None), "ANNIVERSARY": ("SUPPORT", None),
    "AID": ("AID", None), "EXERCISE": ("COOPERATE", None),
    "SUPPORT_STATEMENT": ("SUPPORT", None), "OTHER": ("COOPERATE", None),
}
# support and aid words have senses far from diplomacy ("your browser is no longer supported",
# "with help from fans"): they tell a bilateral event only where the sentence names a party
# (measured: no gold event of dev or train lost)
NAMED_PARTY_TYPES = ("SUPPORT_STATEMENT", "AID")
# a full stop inside a sentence after a digit is an ordinal ("am 8. März"), not a clause's end
_CLAUSE_END = re.compile(r"(?:(?<!\d)\.|[;:!?])\s|\s[-–]\s")


class Decide:
    name = "decide"
    requires = ("lex", "ctx", "found")
    assigns = ("decisions",)

    def run(self, state: DocState) -> None:
        lex, language = state.lex, state.ctx.language
        traced = trace.active()
        decisions = []
        for found in state.found:
            view, kept = found.view, []
            subjects = Subjects(view, language)
            for i, trig in enumerate(found.triggers):
                d = decide(view, i, trig, lex, subjects)
                if d.dropped is None:
                    kept.append(d)
                elif traced:
                    trace.on_trigger(view, trig, "decide", "dropped", d.dropped)
            decisions.append(kept)
        state.decisions = decisions


STEP = Decide()


class Subjects:
    """Who may act in one sentence, read once for all its triggers: its persons, and the
    offices of states named with their titles (read only when a rule asks)."""

    def __init__(self, view: SentenceView, language: str | None) -> None:
        self.view, self.language = view, language
        self.persons: list[Mention] = [m for m in view.mentions if m.kind == "person"]
        self._offices: list[tuple[int, int, str]] | None = None

    def offices(self) -> list[tuple[int, int, str]]:
        if self._offices is None:
            self._offices = _state_offices(self.view, self.language)
        return self._offices


def decide(view: SentenceView, index: int, trig: Trigger, lex: EventLexicon,
           subjects: Subjects) -> Decision:
    """What the trigger `index` of the sentence tells: dropped with the reason, or kept with
    its status and, where the words say so, another type or role (an aid "stopped" is an
    OTHER that "ended"; a visit "during" which something was done is seen through that
    activity)."""
    persons, group = subjects.persons, lex.group
    if trig.type in NAMED_PARTY_TYPES and not view.mentions and not (
            group and group.search(view.folded)):
        return Decision(index, trig, None, "support or aid with no party named in its sentence")
    if _non_state_subject(view, trig.start, lex) and not persons and not subjects.offices():
        # "a Vietnamese telecom group and a Swedish software firm signed a deal", "the U23
        # team's visit to Korea", "Polish tourists came to Croatia": companies, teams,
        # fans or tourists of two states acting with no official or state among them are
        # no bilateral event (a company-to-company MoU is not annotated)
        return Decision(index, trig, None,
                        "its agents are companies, teams or travellers, no state or official")
    if trig.type == "MEETING" and not persons and not (
            group and group.search(view.folded)) and not _states_as_subject(
                view, trig.start) and not subjects.offices():
        # a meeting has people in it: "receiving investment" is not one
        return Decision(index, trig, None,
                        "a meeting with no person, office, group or states as subject")
    status = _status(view, trig.start, lex)
    if trig.type == "AID" and lex.aid_ended and lex.aid_ended.search(
            view.folded, max(0, trig.start - 40), min(len(view.folded), trig.end + 40)):
        # "stopped providing aid": an end, no aid; "from July 2018 … stopped" is its date
        trig = replace(trig, type="OTHER", role="ended")
    if trig.type == "VISIT" and trig.role is None and lex.during and lex.during.search(
            view.folded, max(0, trig.start - 25), trig.start):
        # "thanked them during his Hanoi visit Tuesday": the day is the thanks', one
        # of the visit's activities, so it dates the visit to the month
        trig = replace(trig, role="activity")
    return Decision(index, trig, status)


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
    states = [m for m in states_in(view) if m.end <= trigger]
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


def _status(view: SentenceView, start: int, lex: EventLexicon) -> str:
    lo, hi = _clause_bounds(view.folded, start)
    window = view.folded[max(lo, start - 90):min(hi, start + 40)]
    if lex.future and lex.future.search(window):
        return "scheduled"
    if lex.ongoing and lex.ongoing.search(view.folded[max(lo, start - 60):start + 30]):
        return "ongoing"
    return "happened"


def plover_of(event_type: str) -> tuple[str, str | None]:
    return PLOVER.get(event_type, ("COOPERATE", None))
