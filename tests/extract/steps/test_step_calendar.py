"""calendar: every time resolved once against the document's year, partial dates kept, and the
year a report with no date gets from its own words."""

from __future__ import annotations

import pytest

from bilat.extract.state import Candidate
from bilat.extract.steps.calendar import reread

DATED = {
    "en": ("Vietnam and Japan held phone talks on May 5.", "on May 5"),
    "fr": ("Le Vietnam et le Japon ont eu un entretien téléphonique le 5 mai.", "le 5 mai"),
}


@pytest.mark.parametrize("language", sorted(DATED))
def test_a_day_and_month_take_the_publication_year(before, language):
    text, phrase = DATED[language]
    state, step = before("calendar", text, language, "2024-05-06")
    step.run(state)
    assert [t.value for t in state.times] == ["2024-05-05"]
    assert state.year == state.stated == state.ctx.year == 2024
    assert state.ctx.pair == state.pair and state.ctx.this_year == 2025
    (view,) = state.views
    (t,) = view.times  # offsets made the sentence's own
    assert view.text[t.start:t.end] == phrase
    assert state.partials == [] and state.anniversaries_in == [[]]


PARTIAL = {
    "en": "Japanese Prime Minister Fumio Kishida paid an official visit to Vietnam from "
          "April 24-25.",
    "fr": "Le Premier ministre japonais Fumio Kishida a effectué une visite officielle au "
          "Vietnam du 24 au 25 avril.",
}


@pytest.mark.parametrize("language", sorted(PARTIAL))
def test_a_day_with_no_year_anywhere_is_kept_partial_until_a_story_year_fills_it(
        before, language):
    state, step = before("calendar", PARTIAL[language], language)
    step.run(state)
    assert state.year is None and state.times == []
    assert [(t.value, t.end_value) for t in state.partials] == [("XXXX-04-24", "XXXX-04-25")]
    assert [(t.value, t.end_value) for t in state.views[0].partials] == [
        ("XXXX-04-24", "XXXX-04-25")]
    state, step = before("calendar", PARTIAL[language], language, story_year=2017)
    step.run(state)
    assert state.stated is None and state.year == 2017
    assert [(t.value, t.end_value) for t in state.times] == [("2017-04-24", "2017-04-25")]


@pytest.mark.parametrize(("text", "language"), [
    ("Vietnam and Laos celebrated the 60th anniversary of diplomatic relations.", "en"),
    ("Le Vietnam et le Laos ont célébré le 60e anniversaire de leurs relations "
     "diplomatiques.", "fr"),
])
def test_an_undated_anniversary_of_known_ties_gives_the_year(before, text, language):
    state, step = before("calendar", text, language)
    step.run(state)
    assert state.stated == state.year == 2022  # 1962 + 60
    assert [n for *_, n in state.anniversaries] == [60]


def test_reread_asks_for_the_year_a_completed_day_told_only_when_nothing_stated_one(
        make_state):
    state = make_state("x", "en")
    done = Candidate(type="VISIT", actors=("JP", "VN"), sentence=0, evidence="x", start=0,
                     end=1, trigger=0, date_start="2017-04-24", completed=True)
    state.kept = [done, Candidate(type="VISIT", actors=("JP", "VN"), sentence=0, evidence="x",
                                  start=0, end=1, trigger=0, date_start="2019")]
    assert reread(state) == 2017
    state.stated = 2020
    assert reread(state) is None
    state.stated, state.story_year = None, 2017
    assert reread(state) is None  # read again already
