"""calendar: weekday and day-relative words give a day also when the publication gives only
a month, from the day its dateline or its text writes out, or from the weekday's own number."""

from __future__ import annotations

import pytest

TOLD = {
    # a day of the publication's month written out, and a weekday told of another happening
    "en": ("Tokyo, 16 May 2024. The two ministers met on Tuesday in Tokyo.", "on Tuesday"),
    "fr": ("Tokyo, le 16 mai 2024. Les deux ministres se sont rencontrés mardi à Tokyo.",
           "mardi"),
    "it": ("Tokyo, 16 maggio 2024. I due ministri si sono incontrati ieri a Tokyo.", "ieri"),
}
WANT = {"en": "2024-05-14", "fr": "2024-05-14", "it": "2024-05-15"}


@pytest.mark.parametrize("language", sorted(TOLD))
def test_a_month_only_publication_reads_weekdays_against_the_day_its_text_writes(
        before, language):
    text, phrase = TOLD[language]
    state, step = before("calendar", text, language, "2024-05")
    step.run(state)
    got = {text[t.start:t.end]: t.value for t in state.times}
    assert got[phrase] == WANT[language]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The two ministers met on Tuesday in Tokyo."),
    ("fr", "Les deux ministres se sont rencontrés mardi à Tokyo."),
])
def test_with_no_day_written_a_weekday_in_a_month_only_publication_keeps_the_month(
        before, language, text):
    state, step = before("calendar", text, language, "2024-05")
    step.run(state)
    assert [t.value for t in state.times] == ["2024-05"]


@pytest.mark.parametrize(("language", "text", "phrase"), [
    ("pt", "O presidente chegou a Lisboa nesta sexta-feira (21), onde assina acordos.",
     "nesta sexta-feira (21)"),
    ("es", "El presidente llegó a Lisboa este viernes (21) para firmar acuerdos.",
     "este viernes (21)"),
])
def test_a_weekday_with_its_day_number_gives_that_day_of_the_publication_month(
        before, language, text, phrase):
    state, step = before("calendar", text, language, "2023-04")
    step.run(state)
    got = {text[t.start:t.end]: t.value for t in state.times}
    assert got[phrase] == "2023-04-21"  # a Friday


def test_a_day_number_that_is_not_the_weekdays_is_not_taken(before):
    # 20 April 2023 was a Thursday: the number is something else, the weekday keeps the month
    state, step = before("calendar", "O presidente chegou a Lisboa nesta sexta-feira (20).",
                         "pt", "2023-04")
    step.run(state)
    assert [t.value for t in state.times] == ["2023-04"]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "It is the first visit to Vietnam of the President since taking office in 2019. "
           "The President of Kazakhstan will visit Vietnam from August 20."),
    ("vi", "Đây là chuyến thăm Việt Nam đầu tiên của Tổng thống kể từ khi nhậm chức năm 2019. "
           "Tổng thống Kazakhstan thăm chính thức Việt Nam từ ngày 20/8."),
])
def test_with_no_publication_a_year_told_in_a_since_clause_gives_no_year_to_later_days(
        before, language, text):
    state, step = before("calendar", text, language)
    step.run(state)
    assert not any(t.value and t.value.endswith("-08-20") for t in state.times)
    assert [t.value for t in state.partials] == ["XXXX-08-20"]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The President visited Vietnam in 2019. He returned to Hanoi on August 20."),
    ("vi", "Tổng thống thăm Việt Nam năm 2019. Ông trở lại Hà Nội ngày 20/8."),
])
def test_with_no_publication_a_series_continues_the_year_told_before(before, language, text):
    state, step = before("calendar", text, language)
    step.run(state)
    assert "2019-08-20" in [t.value for t in state.times]
