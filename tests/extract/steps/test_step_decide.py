"""decide: one call says whether a trigger is an event told here, its type and its status."""

from __future__ import annotations

import pytest

from bilat.analysis.fold import fold
from bilat.extract.lexicon import event_lexicon
from bilat.extract.state import SentenceView, Trigger
from bilat.extract.steps.decide import Subjects, decide
from bilat.model import Sentence

SCHEDULED = {
    "en": "Japanese Prime Minister Fumio Kishida will pay an official visit to Vietnam from "
          "May 5 to 7.",
    "fr": "Le Premier ministre japonais Fumio Kishida effectuera une visite officielle au "
          "Vietnam du 5 au 7 mai.",
}


@pytest.mark.parametrize("language", sorted(SCHEDULED))
def test_a_visit_told_in_the_future_is_scheduled(before, language):
    state, step = before("decide", SCHEDULED[language], language, "2024-05-01")
    step.run(state)
    ((d,),) = state.decisions
    assert (d.index, d.trigger.type, d.trigger.role, d.status, d.dropped) == (
        0, "VISIT", None, "scheduled", None)
    assert d.trigger is state.found[0].triggers[0]  # unchanged: the trigger found


def test_aid_that_stopped_is_decided_another_type_with_its_end(before):
    state, step = before("decide", "Japan stopped providing aid to Myanmar in July 2018.", "en",
                         "2024-05-01")
    step.run(state)
    ((d,),) = state.decisions
    assert state.found[0].triggers[0].type == "AID"
    assert (d.trigger.type, d.trigger.role, d.status) == ("OTHER", "ended", "happened")


def _view(text: str) -> SentenceView:
    return SentenceView(Sentence(0, 0, len(text), text), fold(text), (), (), ())


@pytest.mark.parametrize(("language", "text", "kind", "word", "reason"), [
    ("en", "The company said its shares met expectations.", "MEETING", "met",
     "its agents are companies, teams or travellers, no state or official"),
    ("en", "Receiving investment met expectations.", "MEETING", "met",
     "a meeting with no person, office, group or states as subject"),
    ("fr", "Ce navigateur n'est plus pris en charge, merci de votre soutien.",
     "SUPPORT_STATEMENT", "soutien", "support or aid with no party named in its sentence"),
])
def test_decide_drops_with_its_reason_on_a_hand_made_sentence(language, text, kind, word,
                                                              reason):
    view = _view(text)
    start = text.index(word)
    trig = Trigger(kind, start, start + len(word))
    d = decide(view, 0, trig, event_lexicon(language), Subjects(view, language))
    assert (d.dropped, d.status) == (reason, None)


def test_the_step_keeps_only_what_decide_keeps(before):
    state, step = before("decide", "The company said its shares met expectations. Vietnam and "
                                   "Japan held talks in Hanoi.", "en", "2024-05-10")
    step.run(state)
    assert [len(f.triggers) for f in state.found] == [1, 1]
    assert [[d.trigger.type for d in ds] for ds in state.decisions] == [[], ["MEETING"]]
