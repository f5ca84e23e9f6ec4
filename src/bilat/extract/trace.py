"""Why extraction kept, changed or dropped each candidate: `bilat extract --explain` reads it.

Steps call `note()` where they decide; nothing is recorded unless a caller opened `tracing()`,
so the ordinary run pays one context-variable read per decision. The trace is per call (a
context variable), so worker processes and threads never mix their notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bilat.extract.state import Candidate, SentenceView, Trigger


@dataclass(frozen=True)
class Note:
    sentence: int | None  # index of the sentence the candidate came from
    step: str  # candidates | decide | roles | dates | consolidate | output
    subject: str  # what was decided about: "MEETING «held talks»"
    verdict: str  # found | kept | dropped | changed
    reason: str
    at: int | None = None  # the trigger's offset in its sentence, for a trigger's notes


_NOTES: ContextVar[list[Note] | None] = ContextVar("bilat_trace", default=None)


def active() -> bool:
    return _NOTES.get() is not None


def note(sentence: int | None, step: str, subject: str, verdict: str, reason: str,
         at: int | None = None) -> None:
    notes = _NOTES.get()
    if notes is not None:
        notes.append(Note(sentence, step, subject, verdict, reason, at))


def on_trigger(view: SentenceView, trig: Trigger, step: str, verdict: str, reason: str
               ) -> None:
    """Note what `step` made of a trigger; callers check active() once first, so that the
    subject is formatted only while someone traces."""
    note(view.sentence.index, step, f"{trig.type} «{view.folded[trig.start:trig.end]}»",
         verdict, reason, trig.start)


def dropped(step: str, before: list[Candidate], after: list[Candidate],
            reason: str) -> list[Candidate]:
    """`after`, noting each candidate of `before` it no longer holds (when tracing)."""
    if active():
        kept = {id(c) for c in after}
        for c in before:
            if id(c) not in kept:
                note(c.sentence, step, f"{c.type} ({', '.join(c.actors)}; "
                     f"{c.date_start or 'no date'})", "dropped", reason)
    return after


def by_sentence(notes: Iterable[Note]) -> dict[int | None, list[Note]]:
    """The notes of each sentence in reading order: each trigger's notes together, in the
    order its steps made them (steps run over the whole document in turn), triggers in
    sentence order; then the notes about the sentence's merged events."""
    out: dict[int | None, list[Note]] = {}
    for n in notes:
        out.setdefault(n.sentence, []).append(n)
    return {k: sorted(v, key=lambda n: (n.at is None, n.at or 0)) for k, v in out.items()}


def restart(reason: str) -> None:
    """Forget the notes so far (a document read again from the start), saying why."""
    notes = _NOTES.get()
    if notes is not None:
        notes.clear()
        notes.append(Note(None, "calendar", "document", "changed", reason))


@contextmanager
def tracing() -> Iterator[list[Note]]:
    """Record every note made inside the block into the list it yields."""
    notes: list[Note] = []
    token = _NOTES.set(notes)
    try:
        yield notes
    finally:
        _NOTES.reset(token)
