"""roles: lists of counterparts (people, offices, bodies) and of destinations, one event each."""

from __future__ import annotations

import pytest

OFFICES = {
    "en": "Kazakh President Kassym-Jomart Tokayev will hold talks with the President and the "
          "Prime Minister of Vietnam on May 5.",
    "pt": "O presidente cazaque Kassym-Jomart Tokayev terá encontros com o Presidente e o "
          "Primeiro-Ministro do Vietname em 5 de maio.",
}


@pytest.mark.parametrize("language", sorted(OFFICES))
def test_offices_listed_without_names_are_one_meeting_each(before, language):
    state, step = before("roles", OFFICES[language], language, "2024-05-01")
    step.run(state)
    meetings = [c for c in state.candidates if c.type == "MEETING"]
    assert len(meetings) == 2
    assert {c.actors for c in meetings} == {("KZ", "VN")}
    assert all(c.counterpart_office for c in meetings)
    assert len({c.counterpart for c in meetings}) == 2


BODIES = {
    "en": "Portuguese President Marcelo Rebelo de Sousa will meet the Senate, the National "
          "Assembly and the Government of Brazil.",
    "vi": "Tổng thống Bồ Đào Nha Marcelo Rebelo de Sousa sẽ hội kiến với Chính phủ, Quốc hội "
          "và Thượng viện Brazil.",
}


@pytest.mark.parametrize("language", sorted(BODIES))
def test_bodies_listed_are_one_meeting_each(before, language):
    state, step = before("roles", BODIES[language], language, "2025-02-10")
    step.run(state)
    meetings = [c for c in state.candidates if c.type == "MEETING"]
    assert len(meetings) == 3
    assert {c.actors for c in meetings} == {("BR", "PT")}


ESCORT = {
    "en": "The meeting took place at the old presidential palace by the lake in the capital, "
          "and Prime Minister Pham Minh Chinh was accompanied there by his ministers.",
    "es": "La reunión tuvo lugar en el antiguo palacio presidencial junto al lago de la capital "
          "y el primer ministro Pham Minh Chinh estuvo acompañado por sus ministros.",
}


@pytest.mark.parametrize("language", sorted(ESCORT))
def test_a_person_named_far_after_an_unnamed_meeting_is_no_counterpart(before, language):
    state, step = before("roles", ESCORT[language] + " Vietnam and Japan agreed.", language,
                         "2024-05-06")
    step.run(state)
    assert [c.counterpart for c in state.candidates if c.type == "MEETING"][:1] in ([None], [])


UNKNOWN = {
    "en": "In Rome, Brazilian President Luiz Inácio Lula da Silva met former Italian Prime "
          "Minister Romano Prodi and the party's secretary-general, Xyla Quorven.",
    "pt": "Em Roma, o presidente brasileiro Luiz Inácio Lula da Silva reuniu-se ainda com o "
          "antigo chefe do governo italiano Romano Prodi e com a líder do partido, Xyla Quorven.",
}


@pytest.mark.parametrize("language", sorted(UNKNOWN))
def test_a_person_of_no_known_state_listed_after_a_counterpart_is_one_too(before, language):
    state, step = before("roles", UNKNOWN[language], language, "2023-06-21")
    step.run(state)
    meetings = [c for c in state.candidates if c.type == "MEETING"]
    assert [c.counterpart for c in meetings] == ["Romano Prodi", "Xyla Quorven"]


OWN_STATE = {
    "en": "Argentine President Javier Milei met Pope Francis in the Vatican and Italian Prime "
          "Minister Giorgia Meloni in Rome.",
    "es": "El presidente argentino Javier Milei se reunió con el papa Francisco en el Vaticano "
          "y con la primera ministra italiana Giorgia Meloni en Roma.",
}


@pytest.mark.parametrize("language", sorted(OWN_STATE))
def test_each_counterpart_takes_its_own_state(before, language):
    state, step = before("roles", OWN_STATE[language], language, "2024-02-14")
    step.run(state)
    meetings = [c for c in state.candidates if c.type == "MEETING"]
    assert sorted(c.actors for c in meetings) == [("AR", "IT"), ("AR", "VA")]


DESTINATIONS = {
    "en": "Italian Prime Minister Giorgia Meloni paid official visits to Algeria and Libya in "
          "January 2023.",
    "it": "La presidente del Consiglio Giorgia Meloni ha compiuto visite ufficiali in Algeria e "
          "Libia nel gennaio 2023.",
}


@pytest.mark.parametrize("language", sorted(DESTINATIONS))
def test_a_visit_to_listed_states_is_one_per_destination(before, language):
    state, step = before("roles", DESTINATIONS[language], language, "2023-03-01")
    step.run(state)
    visits = [c for c in state.candidates if c.type == "VISIT"]
    assert [(c.actors, c.actor, c.recipient, c.date_start) for c in visits] == [
        (("DZ", "IT"), "IT", "DZ", "2023-01"), (("IT", "LY"), "IT", "LY", "2023-01")]


VISITOR_AFTER = {
    "en": "The state visit of the President of Brazil, Lula, to Italy and France was a success "
          "for both sides.",
    "it": "La visita di Stato del presidente del Brasile, Lula, in Italia e Francia è stata un "
          "successo.",
}


@pytest.mark.parametrize("language", sorted(VISITOR_AFTER))
def test_the_visitor_named_before_the_destinations_visits_each(before, language):
    state, step = before("roles", VISITOR_AFTER[language], language, "2023-06-22")
    step.run(state)
    visits = [c for c in state.candidates if c.type == "VISIT"]
    assert [(c.actor, c.recipient) for c in visits] == [("BR", "IT"), ("BR", "FR")]


def test_a_visit_to_one_state_is_not_split(before):
    state, step = before("roles", "Italian Prime Minister Giorgia Meloni visited Algeria and "
                                  "signed a gas deal.", "en", "2023-01-25")
    step.run(state)
    assert [(c.actor, c.recipient) for c in state.candidates if c.type == "VISIT"] == [
        ("IT", "DZ")]


OTHER_CLAUSE = {
    "en": "Mexico and Guatemala are neighbours. Their presidents held a first phone call in "
          "January 2025, while the Prime Minister of Belize may also be invited.",
    "es": "México y Guatemala son vecinos. Sus presidentes sostuvieron una primera llamada "
          "telefónica en enero de 2025, mientras el primer ministro de Belice podría ser "
          "invitado.",
}


@pytest.mark.parametrize("language", sorted(OTHER_CLAUSE))
def test_a_state_named_in_another_clause_takes_no_part(before, language):
    state, step = before("roles", OTHER_CLAUSE[language], language, "2025-08-08")
    step.run(state)
    assert [(c.type, c.actors) for c in state.candidates] == [("PHONE_CALL", ("GT", "MX"))]
