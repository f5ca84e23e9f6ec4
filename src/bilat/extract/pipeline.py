"""The steps of extraction in order, each declaring the DocState fields it reads and writes,
so that the order is checked when the module loads rather than remembered.

What a step drops it notes with its reason (trace.py), so that `bilat extract --explain`
answers "why is this event missing?".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from bilat.extract.state import FIELDS, INPUTS, DocState
from bilat.extract.steps import calendar, candidates, consolidate, decide, facts, mentions, roles
from bilat.extract.trace import Note, active, dropped, note, tracing


@runtime_checkable
class Step(Protocol):
    name: str
    requires: tuple[str, ...]  # DocState fields it reads
    assigns: tuple[str, ...]  # DocState fields it sets

    def run(self, state: DocState) -> None: ...


STEPS: tuple[Step, ...] = (mentions.STEP, calendar.STEP, candidates.STEP, decide.STEP,
                           roles.STEP, consolidate.STEP, facts.STEP)


def check_order(steps: Sequence[Step]) -> None:
    """Raise ValueError unless every field a step reads is given (INPUTS) or set by an earlier
    step, none is set by a later one, each field has one writer, and all are DocState's."""
    writer: dict[str, int] = {}
    for k, step in enumerate(steps):
        for name in (*step.requires, *step.assigns):
            if name not in FIELDS:
                raise ValueError(f"step {step.name}: DocState has no field {name!r}")
        for name in step.assigns:
            if name in INPUTS or name in writer:
                by = "the caller" if name in INPUTS else steps[writer[name]].name
                raise ValueError(f"step {step.name} assigns {name!r}, already set by {by}")
            writer[name] = k
    for k, step in enumerate(steps):
        for name in step.requires:
            if name in INPUTS:
                continue
            if name not in writer:
                raise ValueError(f"step {step.name} requires {name!r}, which no step assigns")
            if writer[name] >= k:
                raise ValueError(f"step {step.name} requires {name!r}, which a later step "
                                 f"({steps[writer[name]].name}) assigns")


check_order(STEPS)


def run(state: DocState, steps: Sequence[Step] = STEPS) -> DocState:
    for step in steps:
        step.run(state)
    return state


__all__ = ["STEPS", "Note", "Step", "active", "check_order", "dropped", "note", "run",
           "tracing"]
