"""Anniversary arithmetic on what the anniversary is of: the founding of ties dates only an
anniversary of relations; a date the text gives the celebration wins; a celebration with
nothing to count from is of the report's year."""

from __future__ import annotations

import pytest


def _anniversaries(before, text: str, language: str, published: str | None):
    state, step = before("consolidate", text, language, published)
    step.run(state)
    return [(e.date_start, e.status) for e in state.events if e.type == "ANNIVERSARY"]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Vietnam and Laos celebrated the 60th anniversary of diplomatic relations."),
    ("it", "Il Vietnam e il Laos hanno celebrato il 60° anniversario delle relazioni "
           "diplomatiche."),
    ("vi", "Việt Nam và Lào kỷ niệm 60 năm thiết lập quan hệ ngoại giao."),
])
def test_an_anniversary_of_ties_counts_from_their_known_founding(before, language, text):
    # Laos-Vietnam ties: 1962 (relations.yaml); the report is of another year
    assert _anniversaries(before, text, language, "2023-03-01") == [("2022", "happened")]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Vietnam and Laos celebrated the 20th anniversary of the border treaty."),
    ("it", "Il Vietnam e il Laos hanno celebrato il ventesimo anniversario del trattato di "
           "confine."),
    ("pt", "O Vietnã e o Laos celebraram o 20º aniversário do tratado de fronteira."),
])
def test_an_anniversary_of_something_else_is_not_counted_from_the_ties(
        before, language, text):
    # not 1962 + 20: the treaty's own year is unknown, so the celebration is the report's
    assert _anniversaries(before, text, language, "2023-03-01") == [("2023", "ongoing")]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Vietnam and Laos celebrated the 20th anniversary of the border treaty."),
    ("fr", "Le Vietnam et le Laos ont célébré le 20e anniversaire du traité frontalier."),
])
def test_with_no_publication_such_an_anniversary_stays_undated(before, language, text):
    assert _anniversaries(before, text, language, None) == [(None, "happened")]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Vietnam and Laos, whose relations were set up long ago, celebrate in 2022 the "
           "60 years of their diplomatic ties."),
    ("pt", "O Vietnã e o Laos, que celebram em 2022 os 60 anos de seus laços diplomáticos, "
           "assinaram acordos."),
])
def test_a_year_written_after_the_count_is_not_read_as_its_number(before, language, text):
    # "em 2022 os 60 anos": 2022 is no ordinal; the count gives 1962 + 60
    got = _anniversaries(before, text, language, "2022-05-01")
    assert got and got[0][0] == "2022"


@pytest.mark.parametrize(("language", "text"), [
    ("en", "On 5 March 2021, Vietnam and France celebrated the 50th anniversary of "
           "diplomatic relations in Paris."),
    ("fr", "Le 5 mars 2021, le Vietnam et la France ont célébré le 50e anniversaire de "
           "leurs relations diplomatiques à Paris."),
])
def test_the_celebrations_written_day_dates_it_near_the_counted_year(
        before, language, text):
    # France-Vietnam ties: 1973, so the count gives 2023; the text's day (2021) is the
    # celebration's own and wins
    assert _anniversaries(before, text, language, "2021-03-06")[0][0] == "2021-03-05"


@pytest.mark.parametrize(("language", "text"), [
    # the splitter cuts after "100." in German; the Turkish sentence stays whole
    ("de", "Japan und die Türkei feiern in diesem Herbst gemeinsam den 100. Jahrestag "
           "ihrer diplomatischen Beziehungen mit Konzerten in Ankara."),
    ("tr", "Japonya ve Türkiye diplomatik ilişkilerin kurulmasının 100. yıl dönümünü "
           "kutluyor."),
])
def test_an_ordinal_the_sentence_splitter_cut_off_still_counts(before, language, text):
    # Japan-Turkey ties: 1924 (relations.yaml)
    state, _ = before("roles", text, language, "2024-05-01")
    assert [n for per in state.anniversaries_in for _, _, n in per] == [100]
    assert state.anniversaries_in[-1], "the count lies with the sentence of its noun"
    assert _anniversaries(before, text, language, "2024-05-01") == [("2024", "ongoing")]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Vietnam and Iran established diplomatic relations on 4 August 1973. This year "
           "Vietnam and Iran celebrate the 50th anniversary of diplomatic relations."),
    ("fr", "Le Vietnam et l'Iran ont établi des relations diplomatiques le 4 août 1973. Le "
           "Vietnam et l'Iran célèbrent le 50e anniversaire de leurs relations diplomatiques."),
])
def test_a_founding_the_text_states_in_another_sentence_dates_the_anniversary(
        before, language, text):
    # no well-known founding for the pair and no publication date: only the text's own
    # founding, told a sentence before, gives 1973 + 50
    state, step = before("consolidate", text, language)
    step.run(state)
    got = {e.type: e.date_start for e in state.events}
    assert got == {"RELATIONS_ESTABLISHED": "1973-08-04", "ANNIVERSARY": "2023"}


def _meeting_days(text: str, language: str) -> list[str | None]:
    from bilat.extract import extract_document
    from bilat.model import Document

    doc = Document(doc_id="x", source="test", text=text, content_id="x", language=language)
    return [e.date_start for e in extract_document(doc).events if e.type == "MEETING"]


@pytest.mark.parametrize(("language", "ties", "other"), [
    ("en", "Vietnam and Laos marked the 60th anniversary of diplomatic relations. "
           "The two foreign ministers met in Vientiane on 5 May.",
     "Vietnam and Laos marked the 10th anniversary of their border treaty. "
     "The two foreign ministers met in Vientiane on 5 May."),
    ("fr", "Le Vietnam et le Laos ont marqué le 60e anniversaire des relations diplomatiques. "
           "Les deux ministres des Affaires étrangères se sont rencontrés à Vientiane le 5 mai.",
     "Le Vietnam et le Laos ont marqué le 10e anniversaire de leur traité frontalier. "
     "Les deux ministres des Affaires étrangères se sont rencontrés à Vientiane le 5 mai."),
])
def test_an_undated_report_takes_its_year_only_from_an_anniversary_of_ties(
        language, ties, other):
    # no publication date: 1962 + 60 dates "5 May"; a treaty's anniversary gives no year
    assert _meeting_days(ties, language) == ["2022-05-05"]
    assert _meeting_days(other, language) == [None]
