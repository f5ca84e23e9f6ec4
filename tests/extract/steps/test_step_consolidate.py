"""consolidate: mentions of one happening merged, dates lent within the story, events out."""

from __future__ import annotations

import pytest

from bilat.extract.state import Candidate
from bilat.extract.steps.consolidate import lend_in_sentence

STORY = {
    "en": "Japanese Prime Minister Fumio Kishida visited Vietnam on May 5. During the visit, "
          "Vietnam and Japan signed three agreements. The visit of Kishida to Vietnam was a "
          "success.",
    "fr": "Le Premier ministre japonais Fumio Kishida s'est rendu au Vietnam le 5 mai. Lors de "
          "cette visite, le Vietnam et le Japon ont signé trois accords. La visite de Kishida "
          "au Vietnam a été un succès.",
}


@pytest.mark.parametrize("language", sorted(STORY))
def test_a_visit_told_three_times_is_one_and_lends_its_month(before, language):
    state, step = before("consolidate", STORY[language], language, "2024-05-10")
    assert sum(c.type == "VISIT" for c in state.candidates) >= 2
    step.run(state)
    assert [(e.type, e.actors, e.date_start, e.plover) for e in state.events] == [
        ("VISIT", ("JP", "VN"), "2024-05-05", "CONSULT"),
        ("AGREEMENT", ("JP", "VN"), "2024-05", "SUPPORT")]
    assert [c.type for c in state.kept] == ["VISIT", "AGREEMENT"]
    assert state.founding == {}


@pytest.mark.parametrize(("language", "text", "dateline"), [
    ("en", "Vietnam and Japan held talks.", "Tokyo, 6 April 2022"),
    ("fr", "Le Vietnam et le Japon ont tenu des pourparlers.", "Tokyo, 6 avril 2022"),
])
def test_the_leads_undated_talks_take_the_datelines_day(before, language, text, dateline):
    state, step = before("consolidate", text, language, dateline=dateline)
    assert [c.date_start for c in state.candidates] == [None]
    step.run(state)
    assert [(e.type, e.date_start) for e in state.events] == [("MEETING", "2022-04-06")]


def test_stated_founding_dates_are_recorded(before):
    state, step = before("consolidate", "Vietnam and Laos established diplomatic relations on "
                                        "September 5, 1962.", "en")
    step.run(state)
    assert state.founding == {frozenset({"VN", "LA"}): "1962-09-05"}


def _cand(kind: str, sentence: int, date: str | None) -> Candidate:
    return Candidate(type=kind, actors=("JP", "VN"), sentence=sentence, evidence="", start=0,
                     end=1, trigger=0, date_start=date)


def test_an_undated_signing_takes_the_month_of_a_visit_dated_in_its_sentence():
    cands = [_cand("VISIT", 0, "2023-09-12"), _cand("AGREEMENT", 0, None),
             _cand("AGREEMENT", 1, None)]
    lend_in_sentence(cands)
    assert [c.date_start for c in cands] == ["2023-09-12", "2023-09", None]


def test_a_day_the_sentence_gives_to_the_visits_activity_dates_that_activity():
    visit = _cand("VISIT", 0, "2023-09")
    visit.activity_day = "2023-09-12"  # "held talks on Monday during his visit"
    cands = [visit, _cand("MEETING", 0, None), _cand("MEETING", 1, None)]
    lend_in_sentence(cands)
    assert [c.date_start for c in cands] == ["2023-09", "2023-09-12", None]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Vietnamese Vice President Vo Thi Anh Xuan held talks with her Nigerian counterpart "
           "on Monday during his working visit to Vietnam."),
    ("fr", "La vice-présidente vietnamienne a tenu des pourparlers avec son homologue "
           "nigérian lundi lors de sa visite de travail au Vietnam."),
])
def test_talks_on_a_weekday_during_a_visit_take_the_day_and_the_visit_the_month(
        before, language, text):
    state, step = before("consolidate", text, language, "2022-12-06")
    step.run(state)
    got = {e.type: e.date_start for e in state.events}
    assert got == {"MEETING": "2022-12-05", "VISIT": "2022-12"}


def test_an_undated_meeting_the_lead_tells_does_not_join_one_dated_years_before():
    from bilat.extract.steps.consolidate import merge

    lead = _cand("MEETING", 1, None)  # "talks between the two prime ministers" today
    history = _cand("MEETING", 7, "2014")  # "his first visit in 2014", told later
    body = _cand("MEETING", 9, None)  # undated, far from the lead: may still be that one
    kept = merge([lead, history, body], 2023, "2023-06-01")
    assert [(c.sentence, c.date_start) for c in kept] == [(1, None), (7, "2014")]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "India and Nepal today signed seven agreements. The prime ministers of India and "
           "Nepal held talks in New Delhi. India and Nepal had held talks in 2014."),
    ("fr", "L'Inde et le Népal ont signé aujourd'hui sept accords. Les premiers ministres de "
           "l'Inde et du Népal ont tenu des entretiens à New Delhi. L'Inde et le Népal "
           "avaient tenu des entretiens en 2014."),
])
def test_the_leads_undated_talks_take_the_day_its_today_gives_not_the_history(
        before, language, text):
    state, step = before("consolidate", text, language, "2023-06-01")
    step.run(state)
    got = sorted((e.type, e.date_start) for e in state.events)
    assert ("MEETING", "2023-06-01") in got and ("MEETING", "2014") in got


def test_a_visit_months_before_a_dated_report_lends_no_date_to_the_storys_talks():
    from bilat.extract.state import DocContext
    from bilat.extract.steps.consolidate import lend_dates

    ctx = DocContext(language="en", published="2024-05-14", year=2024, pair=("GR", "TR"),
                     founding={}, people={}, home_state=None, this_year=2025)
    old = _cand("VISIT", 0, "2023-12-07")  # "the return visit for the 7 December meeting"
    talks = _cand("MEETING", 1, None)
    lend_dates([old, talks], ctx)
    assert talks.date_start == "2024-05"  # the news month the lead reports, not 2023-12


def _meeting(sentence: int, counterpart: str | None, office: bool = False) -> Candidate:
    c = _cand("MEETING", sentence, "2024-05")
    c.counterpart, c.counterpart_office = counterpart, office
    return c


def test_a_meeting_told_without_its_counterpart_keeps_the_one_it_absorbs():
    from bilat.extract.steps.consolidate import merge

    kept = merge([_meeting(0, None), _meeting(1, "Fumio Kishida"),
                  _meeting(2, "Yoko Kamikawa")])
    assert [c.counterpart for c in kept] == ["Fumio Kishida", "Yoko Kamikawa"]


def test_offices_met_and_then_named_are_the_same_meetings():
    from bilat.extract.steps.consolidate import merge

    kept = merge([_meeting(0, "president", True), _meeting(0, "prime minister", True),
                  _meeting(1, "Vo Van Thuong"), _meeting(1, "Pham Minh Chinh")])
    assert [(c.counterpart, c.counterpart_office) for c in kept] == [
        ("Vo Van Thuong", False), ("Pham Minh Chinh", False)]


OFFICES_THEN_NAMES = {
    "en": "Japanese Prime Minister Fumio Kishida will meet the President and the Prime Minister "
          "of Vietnam in May. Fumio Kishida will meet Vietnamese President Vo Van Thuong and "
          "Vietnamese Prime Minister Pham Minh Chinh in May.",
    "fr": "Le Premier ministre japonais Fumio Kishida rencontrera le Président et le Premier "
          "ministre du Vietnam en mai. Fumio Kishida rencontrera le président vietnamien Vo Van "
          "Thuong et le Premier ministre vietnamien Pham Minh Chinh en mai.",
}


@pytest.mark.parametrize("language", sorted(OFFICES_THEN_NAMES))
def test_a_preview_of_offices_and_the_named_meetings_are_two_events(before, language):
    state, step = before("consolidate", OFFICES_THEN_NAMES[language], language, "2024-04-20")
    assert sum(c.type == "MEETING" for c in state.candidates) == 4
    step.run(state)
    assert [(e.type, e.actors) for e in state.events] == [("MEETING", ("JP", "VN"))] * 2
