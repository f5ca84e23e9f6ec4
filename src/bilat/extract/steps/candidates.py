"""Candidates: every trigger of an event type in each sentence, and the times it may be dated
by; meant for recall, since decide and roles drop what is no event."""

from __future__ import annotations

from bilat.extract import trace
from bilat.extract.lexicon import EventLexicon
from bilat.extract.state import DocState, SentenceTriggers, SentenceView, Trigger
from bilat.model import TimeExpr

# A trigger of the key type in a sentence silences triggers of these types there: phone talks
# are not also a meeting, a session of a joint committee is a consultation.
SILENCES = {
    "PHONE_CALL": ("MEETING", "VISIT"),
    "CONSULTATION": ("MEETING",),
}
# Trigger types that are a VISIT seen at its start or its end: their date is an arrival or a
# departure, so it dates the visit's first or last day; or seen through one of its
# activities (the welcome ceremony given to the visitor), whose day dates it to the month.
ROLES = {"VISIT_START": ("VISIT", "start"), "VISIT_END": ("VISIT", "end"),
         "VISIT_ACTIVITY": ("VISIT", "activity")}
_MERGE_GAP = 30  # triggers of one type this close are one mention ("official visit to")
_REQUIRE_WINDOW = 100  # a required word must be this close to the trigger ("signed ... MoU")


class Candidates:
    name = "candidates"
    requires = ("lex", "views")
    assigns = ("found",)

    def run(self, state: DocState) -> None:
        lex = state.lex
        traced = trace.active()
        found = []
        for view in state.views:
            triggers = find_triggers(view, lex)
            nearest = owned = owned_times(view, triggers, lex)
            if len(view.times) == 1:  # one date in the sentence dates all it tells ...
                owned = _one_date_for_all(view.times[0], triggers)
            if traced:
                for trig in triggers:
                    trace.on_trigger(view, trig, "candidates", "found",
                                     "trigger words of the type")
            found.append(SentenceTriggers(view, triggers, owned, nearest))
        state.found = found


STEP = Candidates()


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


def _one_date_for_all(time: TimeExpr, triggers: list[Trigger]) -> dict[int, list[TimeExpr]]:
    """... save where the sentence tells two happenings of one type ("the first visit of his
    term, and his second after the 2008 visit"): the date is then the nearer one's."""
    owned: dict[int, list[TimeExpr]] = {}
    for i, trig in enumerate(triggers):
        rivals = [t for t in triggers if t.type == trig.type]
        nearest = min(rivals, key=lambda t: max(t.start - time.end, time.start - t.end, 0))
        owned[i] = [time] if nearest is trig else []
    return owned
