"""Who takes part in an event: offices held by a state, states as subject, non-state agents;
and the dating rules that came with them (visit lengths, celebrations with no founding)."""

from __future__ import annotations

import pytest

from bilat.extract import extract_document
from bilat.extract.lexicon import event_lexicon
from bilat.model import Document


def _events(text: str, language: str, published: str | None = None) -> list:
    doc = Document(doc_id="t", source="test", text=text, content_id="c", title=None,
                   published=published, language=language)
    return extract_document(doc).events


def _keys(text: str, language: str, published: str | None = None) -> set:
    return {(e.type, frozenset(e.actors), e.date_start)
            for e in _events(text, language, published)}


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The Australian Prime Minister met the Japanese Prime Minister in Tokyo on 8 March."),
    ("fr", "Le 8 mars 2024, le président sénégalais a reçu son homologue mauritanien à Dakar."),
    ("es", "El 8 de marzo de 2024, el presidente de Chile se reunió con su homólogo de Perú."),
])
def test_an_office_held_by_a_state_takes_part(language, text):
    # no personal name anywhere: the titles next to their states are the participants
    assert any(t == "MEETING" and len(a) == 2 for t, a, _ in _keys(text, language, "2024-03-09"))


def test_receiving_with_no_official_is_no_meeting():
    # two states and "received", but nobody who could meet: "receiving investment"
    assert not _keys("Vietnam received investment from Japan in March 2024.", "en", "2024-04-01")


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Vietnamese and Japanese companies signed a cooperation agreement on 4 March."),
    ("de", "Ein polnischer Busproduzent und ein deutsches Unternehmen unterzeichneten am 4. März "
           "eine Kooperationsvereinbarung."),
    ("es", "El equipo nacional de Argentina visitará Brasil el 23 de marzo."),
])
def test_non_state_agents_make_no_bilateral_event(language, text):
    # the reason for the rule: a company-to-company deal or a team's trip is not the states'
    assert not _keys(text, language, "2024-03-05")


def test_an_official_among_non_state_agents_keeps_the_event():
    text = ("Accompanied by Japanese companies, the Japanese Trade Minister signed an agreement "
            "with his Vietnamese counterpart on 4 March 2024.")
    assert ("AGREEMENT", frozenset({"JP", "VN"}), "2024-03-04") in _keys(text, "en", "2024-03-05")


def test_expected_to_arrive_is_scheduled():
    text = ("Der kenianische Präsident wird vom 3. bis 5. April 2024 zu einem Staatsbesuch in "
            "Deutschland erwartet.")
    visits = [e for e in _events(text, "de", "2024-03-20") if e.type == "VISIT"]
    assert visits and visits[0].status == "scheduled"


@pytest.mark.parametrize(("language", "text", "first"), [
    ("pl", "W piątek prezydent Polski zakończył czterodniową wizytę na Litwie.", "2024-06-11"),
    ("de", "Am 14. Juni beendete der polnische Präsident einen zweitägigen Besuch in Litauen.",
     "2024-06-13"),
    ("es", "El 14 de junio, el presidente uruguayo concluyó su visita de cinco días a Paraguay.",
     "2024-06-10"),
])
def test_a_visits_length_dates_its_first_day(language, text, first):
    visits = [e for e in _events(text, language, "2024-06-15") if e.type == "VISIT"]
    assert visits and visits[0].date_start == first and visits[0].date_end == "2024-06-14"


def test_visit_lengths_are_language_data():
    # a language's compound number stems ("cztero-") are read with its time.yaml numbers
    numbers = event_lexicon("pl").visit_length[0][1]
    assert numbers["cztero"] == 4 and numbers["trzy"] == 3


def test_a_founding_date_in_a_celebration_is_counted_from():
    # the date stated is the treaty's, two hundred years before: the year is counted, not the day
    text = ("France and Germany marked the 60th anniversary of the treaty they signed on "
            "22 January 1963.")
    dates = {e.date_start for e in _events(text, "en", "2023-01-23") if e.type == "ANNIVERSARY"}
    assert dates == {"2023"}


def test_a_dated_celebration_with_no_founding_takes_its_day():
    text = "On 22 January 2023, France and Germany celebrated the 60th anniversary of the treaty."
    dates = {e.date_start for e in _events(text, "en", "2023-01-23") if e.type == "ANNIVERSARY"}
    assert dates == {"2023-01-22"}
