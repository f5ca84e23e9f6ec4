"""roles: the parties of each kept trigger, visitor and host, one meeting per counterpart."""

from __future__ import annotations

import pytest

from bilat.extract import trace

SCHEDULED = {
    "en": "Japanese Prime Minister Fumio Kishida will pay an official visit to Vietnam from "
          "May 5 to 7.",
    "fr": "Le Premier ministre japonais Fumio Kishida effectuera une visite officielle au "
          "Vietnam du 5 au 7 mai.",
}


@pytest.mark.parametrize("language", sorted(SCHEDULED))
def test_a_visit_has_its_visitor_host_people_and_dates(before, language):
    state, step = before("roles", SCHEDULED[language], language, "2024-05-01")
    step.run(state)
    (c,) = state.candidates
    assert (c.type, c.actors, c.actor, c.recipient, c.host) == (
        "VISIT", ("JP", "VN"), "JP", "VN", "VN")
    assert (c.date_start, c.date_end, c.status, c.people) == (
        "2024-05-05", "2024-05-07", "scheduled", ("Fumio Kishida",))


MEETINGS = {
    "en": "Prime Minister Pham Minh Chinh met Japanese Prime Minister Fumio Kishida and "
          "Australian Prime Minister Anthony Albanese in Tokyo on May 5.",
    "fr": "Le Premier ministre vietnamien Pham Minh Chinh a rencontré le Premier ministre "
          "japonais Fumio Kishida et le Premier ministre australien Anthony Albanese à Tokyo "
          "le 5 mai.",
}


@pytest.mark.parametrize("language", sorted(MEETINGS))
def test_a_meeting_is_one_per_counterpart(before, language):
    state, step = before("roles", MEETINGS[language], language, "2024-05-06")
    step.run(state)
    assert [(c.type, c.counterpart, c.people, c.date_start) for c in state.candidates] == [
        ("MEETING", "Fumio Kishida", ("Pham Minh Chinh", "Fumio Kishida"), "2024-05-05"),
        ("MEETING", "Anthony Albanese", ("Pham Minh Chinh", "Anthony Albanese"), "2024-05-05"),
    ]


def test_a_trigger_with_one_party_is_dropped_with_the_reason(before):
    state, step = before("roles", "Prime Minister Fumio Kishida of Japan held talks.", "en",
                         "2024-05-06")
    assert [d.trigger.type for ds in state.decisions for d in ds] == ["MEETING"]
    with trace.tracing() as notes:
        step.run(state)
    assert state.candidates == []
    assert [(n.step, n.verdict, n.reason) for n in notes] == [
        ("roles", "dropped", "fewer than two parties found for it (JP)")]
