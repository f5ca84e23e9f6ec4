"""The step order: what each step reads is written before it, and each writes what it says."""

from __future__ import annotations

from dataclasses import fields

import pytest

from bilat.extract import extract_document, trace
from bilat.extract.pipeline import STEPS, Step, check_order, run
from bilat.extract.state import INPUTS, DocState


class _Fake:
    def __init__(self, name: str, requires: tuple[str, ...], assigns: tuple[str, ...]):
        self.name, self.requires, self.assigns = name, requires, assigns

    def run(self, state: DocState) -> None:
        pass


def test_the_steps_are_in_the_documented_order_and_pass_the_check():
    assert [s.name for s in STEPS] == ["mentions", "calendar", "candidates", "decide", "roles",
                                       "consolidate", "facts"]
    assert all(isinstance(s, Step) for s in STEPS)
    check_order(STEPS)


def test_a_step_that_reads_what_a_later_step_writes_is_refused():
    swapped = list(STEPS)
    k = [s.name for s in swapped].index("decide")
    swapped[k], swapped[k + 1] = swapped[k + 1], swapped[k]  # roles before decide
    with pytest.raises(ValueError, match="roles requires 'decisions', which a later step"):
        check_order(swapped)
    with pytest.raises(ValueError, match="later step"):
        check_order([_Fake("a", ("views",), ()), _Fake("b", (), ("views",))])


def test_unknown_fields_two_writers_and_unwritten_reads_are_refused():
    with pytest.raises(ValueError, match="no field 'nonsense'"):
        check_order([_Fake("a", ("nonsense",), ())])
    with pytest.raises(ValueError, match="already set by a"):
        check_order([_Fake("a", (), ("views",)), _Fake("b", (), ("views",))])
    with pytest.raises(ValueError, match="already set by the caller"):
        check_order([_Fake("a", (), ("doc",))])
    with pytest.raises(ValueError, match="which no step assigns"):
        check_order([_Fake("a", ("views",), ())])
    check_order([_Fake("a", INPUTS, ("views",)), _Fake("b", ("views",), ())])


@pytest.mark.parametrize(("text", "language"), [
    ("Japanese Prime Minister Fumio Kishida visited Vietnam on May 5. During the visit, "
     "Vietnam and Japan signed three agreements. Trade between Vietnam and Japan reached "
     "50 billion USD in 2023.", "en"),
    ("Le Premier ministre japonais Fumio Kishida a visité le Vietnam le 5 mai. Lors de cette "
     "visite, le Vietnam et le Japon ont signé trois accords.", "fr"),
])
def test_each_step_sets_only_the_fields_it_assigns(make_state, text, language):
    state = make_state(text, language, "2024-05-10")
    names = [f.name for f in fields(DocState)]
    for step in STEPS:
        before = {n: id(getattr(state, n)) for n in names}
        step.run(state)
        changed = {n for n in names if id(getattr(state, n)) != before[n]}
        assert changed <= set(step.assigns), (step.name, changed - set(step.assigns))
    assert state.events and state.events == extract_document(state.doc, today=state.today).events


def test_run_is_extract_document_for_a_report_with_a_stated_year(make_state):
    state = run(make_state("Vietnam and Laos held talks in Vientiane on 4 April 2024.", "en"))
    out = extract_document(state.doc, today=state.today)
    assert state.events == out.events and state.facts == out.facts


def test_the_trace_lists_each_triggers_notes_together_in_sentence_order(make_state):
    text = ("Laos and Thailand held talks in Vientiane on 4 April 2024 and a spokesman said "
            "the group supports the bid.")
    with trace.tracing() as notes:
        extract_document(make_state(text, "en").doc)
    steps = [(n.at, n.step, n.verdict) for n in trace.by_sentence(notes)[0]]
    ats = [a for a, _, _ in steps if a is not None]
    assert ats == sorted(ats)  # per trigger, in the sentence's order
    first = [s for a, s, _ in steps if a == ats[0]]
    assert first[:2] == ["candidates", "roles"]  # found, then kept with its parties
    assert steps[-1][1] == "output"  # merged events come after every trigger's notes


def test_no_step_imports_the_pipeline_or_a_later_step():
    """The steps import state, lexicon, trace and earlier steps only: no import cycle."""
    import ast
    from pathlib import Path

    import bilat.extract.steps as package

    order = [s.name for s in STEPS]
    for path in Path(package.__file__).parent.glob("*.py"):
        if path.stem == "__init__":
            continue
        imported = {n.module for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                    if isinstance(n, ast.ImportFrom) and n.module}
        assert "bilat.extract.pipeline" not in imported, path.name
        for module in imported:
            if module.startswith("bilat.extract.steps."):
                other = module.rsplit(".", 1)[1]
                assert order.index(other) < order.index(path.stem), (path.name, other)

