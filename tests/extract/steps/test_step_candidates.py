"""candidates: every trigger of a sentence, and the times each may be dated by."""

from __future__ import annotations

import pytest

from bilat.extract.lexicon import event_lexicon
from bilat.extract.state import SentenceView
from bilat.extract.steps.candidates import find_triggers

PHONE = {
    "en": "Vietnam and Japan held phone talks on May 5.",
    "fr": "Le Vietnam et le Japon ont eu un entretien téléphonique le 5 mai.",
}


@pytest.mark.parametrize("language", sorted(PHONE))
def test_phone_talks_are_one_phone_call_and_own_the_sentences_date(before, language):
    state, step = before("candidates", PHONE[language], language, "2024-05-06")
    step.run(state)
    (found,) = state.found
    assert [t.type for t in found.triggers] == ["PHONE_CALL"]  # no MEETING besides
    assert [t.value for t in found.owned[0]] == ["2024-05-05"]
    assert found.view is state.views[0]


VISIT_AND_SIGNING = {
    "en": "During the visit on May 5, Vietnam and Japan signed three agreements.",
    "fr": "Lors de cette visite le 5 mai, le Vietnam et le Japon ont signé trois accords.",
}


@pytest.mark.parametrize("language", sorted(VISIT_AND_SIGNING))
def test_one_date_in_a_sentence_dates_everything_it_tells(before, language):
    state, step = before("candidates", VISIT_AND_SIGNING[language], language, "2024-05-06")
    step.run(state)
    (found,) = state.found
    assert [t.type for t in found.triggers] == ["VISIT", "AGREEMENT"]
    assert [[t.value for t in found.owned[i]] for i in range(2)] == [["2024-05-05"]] * 2
    # the nearest-time assignment, kept beside: the date is nearer the visit
    assert [t.value for t in found.nearest[0]] == ["2024-05-05"] and found.nearest[1] == []


def test_find_triggers_reads_a_hand_made_view():
    from bilat.analysis.fold import fold
    from bilat.model import Sentence

    text = "Vietnam and Japan held talks in Hanoi."
    view = SentenceView(Sentence(0, 0, len(text), text), fold(text), (), (), ())
    (t,) = find_triggers(view, event_lexicon("en"))
    assert (t.type, text[t.start:t.end], t.role) == ("MEETING", "held talks", None)
