"""Decide: is a trigger a happening told here, of what type and with what status? One call,
`decide`, so that a learned model can later stand behind it; rules over cue classes for now."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache

from bilat.analysis.fold import fold
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
# events whose participants act in person: who they are decides whether states took part
ACTING_TYPES = ("VISIT", "MEETING", "PHONE_CALL", "AGREEMENT", "CONSULTATION")
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
        doc = DocParticipants([f.view for f in state.found], lex)
        for found in state.found:
            view, kept = found.view, []
            subjects = Subjects(view, language)
            other = _other_story_caption(view.text, state.ctx.published)
            for i, trig in enumerate(found.triggers):
                d = Decision(i, trig, None, other) if other else decide(
                    view, i, trig, lex, subjects, doc)
                if d.dropped is None:
                    kept.append(d)
                    doc.told.add(d.trigger.type)
                elif traced:
                    trace.on_trigger(view, trig, "decide", "dropped", d.dropped)
            decisions.append(kept)
        state.decisions = decisions


STEP = Decide()


# a picture's credit closing a sentence: "… - Agency Name, 1920, 20.09.2023" (an outlet, an
# optional image number, the picture's day), the form wire sites give every picture
_CREDIT = re.compile(r"\s[-–—]\s*[^\W\d][^,\n]{1,60},\s*(?:\d{1,5},\s*)?"
                     r"(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})\W*$")


def _other_story_caption(text: str, published: str | None) -> str | None:
    """Why a sentence is the caption of another story, or None: it ends with a picture's
    credit dated another day than the report ("… will take place. - Agency, 1920,
    20.09.2023" in a report of 13 October): a related story's teaser, whose happenings are
    not this report's (SCHEMA: captions of other stories are not annotated). A credit of
    the report's own day is its own picture's, whose caption tells the story."""
    m = _CREDIT.search(text)
    if not m or not published or len(published) < 10:
        return None
    day = f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"
    if day == published[:10]:
        return None
    return f"the caption of another story (its picture is dated {day})"


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


class DocParticipants:
    """What the whole document says of who takes part, read once: whether it names a state
    official anywhere, whether it names someone by a role no state gives (a DJ, a coach), and
    the types of event its earlier sentences told (filled in as decide goes)."""

    def __init__(self, views: list[SentenceView], lex: EventLexicon) -> None:
        self.views, self.lex = views, lex
        self.told: set[str] = set()
        self._private: bool | None = None

    def private_only(self) -> bool:
        """The document names people by roles no state gives and no state official at all (no
        person with a state's title or a known office, no delegation): a star's tour."""
        if self._private is None:
            lex = self.lex
            roles = lex.non_state_titles is not None and any(
                lex.non_state_titles.search(v.folded) for v in self.views)
            self._private = roles and not any(
                _state_person(m, v, lex) for v in self.views for m in v.mentions
                if m.kind == "person") and not (lex.group and any(
                    lex.group.search(v.folded) for v in self.views))
        return self._private


def _state_person(m: Mention, view: SentenceView, lex: EventLexicon) -> bool:
    """A person who may act for a state: of a known state (an office holder's) or with a
    title that is not one of companies, clubs or the stage."""
    if m.code:
        return True
    if not m.title:
        return False
    title = fold(m.title)
    return not any(p is not None and p.fullmatch(title)
                   for p in (lex.non_state_titles, lex.shared_titles))


def decide(view: SentenceView, index: int, trig: Trigger, lex: EventLexicon,
           subjects: Subjects, doc: DocParticipants | None = None) -> Decision:
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
    if lex.wishes is not None and lex.wishes.search(
            view.folded, max(_clause_bounds(view.folded, trig.start)[0], trig.start - 100),
            trig.start):
        # "invited his counterpart to visit", "hopes to meet": an invitation, a hope or a
        # wish tells no happening, past or announced (SCHEMA: not annotated)
        return Decision(index, trig, None, "an invitation, hope or wish, no happening")
    if trig.type != "OTHER" and lex.called_off is not None and lex.called_off.search(
            view.folded, trig.end, min(_clause_bounds(view.folded, trig.start)[1],
                                       trig.end + 160)):
        # "the visit was scheduled for June, but it was postponed": called off, no happening
        return Decision(index, trig, None, "postponed or called off, no happening")
    if trig.type in ACTING_TYPES and _non_state_roles(view, trig.start, lex, subjects):
        # "the CEO of a Vietnamese oil group met the director of a Norwegian energy firm":
        # the people told are companies', clubs' or the stage's, and no official is among them
        return Decision(index, trig, None,
                        "its participants hold company, club or private roles, no state office")
    if doc is not None and lex.attendance and trig.type == "MEETING" and \
            trig.type not in doc.told and lex.attendance.search(
            view.folded, max(0, trig.start - 40), trig.start):
        # "also attending the meeting were …" points back to a meeting told before; with
        # none kept before (no bilateral one), who else attended does not make it one
        return Decision(index, trig, None,
                        "attendance at an event that no earlier sentence told as bilateral")
    if doc is not None and trig.type == "VISIT" and not persons and not subjects.offices() \
            and not (group and group.search(view.folded)) and doc.private_only():
        # "the DJ was spotted arriving in Mumbai": a visit needs a state's visitor, and a
        # document that names nobody holding a state office tells a private journey
        return Decision(index, trig, None,
                        "a journey of someone holding no state office (the document names none)")
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
    tourists…) is named before the trigger in its clause, where its subject stands, or after
    it as its counterpart (after a `partner` word: "with"), and no
    two states stand as the subject after it ("after the match, Laos and Thailand held
    talks"); states before it only say whose the agents are ("Vietnamese and Japanese
    companies signed")."""
    if lex.non_state_agents is None:
        return False
    lo, hi = _clause_bounds(view.folded, trigger)
    agents = [m.start() for m in lex.non_state_agents.finditer(view.folded, lo, trigger)]
    if not agents:
        # the counterpart after the trigger: "signed a code-share deal with Japan Airlines"
        return lex.partner is not None and any(
            lex.partner.search(view.folded, max(trigger, m.start() - 40), m.start())
            for m in lex.non_state_agents.finditer(view.folded, trigger, hi))
    pair = _subject_pair(view, trigger)
    return pair is None or agents[-1] >= pair[1]


def _non_state_roles(view: SentenceView, trigger: int, lex: EventLexicon,
                     subjects: Subjects) -> bool:
    """The trigger's clause names someone by a role no state gives (the language's
    `non_state_titles`: CEO, coach, singer) or by a title a company holds too (its
    `shared_titles`: director, chairman) whose owner is a name that is no state's
    ("Equinor's director", "the director of PetroVietnam"), and the sentence names no state
    official besides: no other title of office, no person of a known state, no office held
    by a state, no delegation or two states as the subject."""
    if lex.non_state_titles is None and lex.shared_titles is None:
        return False
    lo, hi = _clause_bounds(view.folded, trigger)
    spans = [(m.start(), m.end()) for m in lex.non_state_titles.finditer(view.folded)
             ] if lex.non_state_titles else []
    shared = [(m.start(), m.end()) for m in lex.shared_titles.finditer(view.folded)
              ] if lex.shared_titles else []
    if not any(lo <= a < hi for a, _ in spans) and not any(
            lo <= sp[0] < hi and _company_owned(view, *sp, subjects) for sp in shared):
        return False
    private = spans + shared  # a shared title is no proof of a state official either way
    if any(m.kind == "person" and m.code for m in view.mentions):
        return False
    if subjects.offices() or (lex.group and lex.group.search(view.folded)):
        return False
    if _subject_pair(view, trigger) is not None:
        return False
    from bilat.analysis import gazetteer as gz
    from bilat.analysis.people import scan_titles

    toks = gz.tokenize(view.text)
    for ts, (te, _) in scan_titles(toks, subjects.language).items():
        s, e = toks.starts[ts], toks.ends[te - 1]
        if not any(a < e and s < b for a, b in private):
            return False  # a title of office besides the private ones: an official takes part
    return True


def _company_owned(view: SentenceView, start: int, end: int, subjects: Subjects) -> bool:
    """A shared title ("director") stands with a name that is no state's, no office's and no
    known body's: right before it ("Equinor director") or after a small word or two ("the
    director of PetroVietnam", "directeur général de TotalEnergies")."""
    from bilat.analysis import gazetteer as gz
    from bilat.analysis.people import title_data

    data = title_data(subjects.language)
    toks = gz.tokenize(view.text)
    first = next((k for k, s in enumerate(toks.starts) if s >= start), None)
    last = next((k for k in range(len(toks.ends) - 1, -1, -1) if toks.ends[k] <= end), None)
    if first is None or last is None:
        return False

    def capital(k: int) -> bool:
        return 0 <= k < len(toks.words) and toks.words[k][:1].isupper() \
            and toks.low[k] not in data.bridge

    def a_name(run: range) -> bool:
        # the whole capitalised run: "the Consular Department" is a state's body
        for k in run:
            if toks.words[k] in data.not_names or data.honorifics.longest(toks.low, k) \
                    or data.titles.longest(toks.low, k):
                return False
            if any(m.start <= toks.starts[k] < m.end for m in view.mentions):
                return False
        return len(run) > 0

    k = first - 1
    while capital(k):
        k -= 1
    if a_name(range(k + 1, first)):
        return True
    k = last + 1
    bridged = 0
    while k < len(toks.low) and toks.low[k] in data.bridge and bridged < 2:
        k, bridged = k + 1, bridged + 1
    j = k
    while capital(j):
        j += 1
    return bool(bridged) and a_name(range(k, j))


def _clause_bounds(text: str, pos: int) -> tuple[int, int]:
    ends = _clause_ends(text)
    k = bisect_right(ends, (pos, -1))  # the first clause end at or after pos
    j = k
    while j and ends[j - 1][1] > pos:  # one that spans pos bounds neither side
        j -= 1
    return (ends[j - 1][1] if j else 0), (ends[k][0] if k < len(ends) else len(text))


@lru_cache(maxsize=256)
def _clause_ends(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each clause end in a sentence, read once for all its triggers."""
    return tuple((m.start(), m.end()) for m in _CLAUSE_END.finditer(text)
                 if not _abbreviated(text, m.start()))


_WORD_BEFORE = re.compile(r"[\w.]+$")


def _abbreviated(text: str, at: int) -> bool:
    """A full stop after an abbreviation ("Mr.", "Sept. 6") ends no clause."""
    if text[at] != ".":
        return False
    from bilat.analysis.sentences import _abbreviations

    m = _WORD_BEFORE.search(text, max(0, at - 12), at)
    return bool(m) and m.group().lower() in _abbreviations(None)[0]


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
