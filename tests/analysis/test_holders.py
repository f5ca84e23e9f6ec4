"""Office holders: lookup by name and date (analysis/holders.py), and leaders named without a
title in entity finding. Sentences written by the bilat team."""

from __future__ import annotations

import pytest

from bilat.analysis.entities import find_mentions
from bilat.analysis.holders import lookup, state_of


@pytest.mark.parametrize(("name", "when", "state", "office"), [
    ("Putin", "2010", "RU", "head_of_government"),  # prime minister between two presidencies
    ("Putin", "2005-06-01", "RU", "head_of_state"),
    ("Vladimir Putin", 2020, "RU", "head_of_state"),
    ("Medvedev", "2010-03", "RU", "head_of_state"),
    ("Medvedev", "2015", "RU", "head_of_government"),
    ("Donald Tusk", "2016", "EU", "head_of_state"),  # President of the European Council
    ("Donald Tusk", "2024-05-01", "PL", "head_of_government"),
    ("Johnson", "2021", "GB", "head_of_government"),  # surnames: the holder then in office
    ("Johnson", "2024", "US", "head_of_parliament"),
    ("Lula", "2005", "BR", "head_of_state"),
    ("Hun Sen", "2020", "KH", "head_of_government"),
    ("António Guterres", "2020", "UN", "secretary_general"),
    ("Antonio Guterres", "2000", "PT", "head_of_government"),
])
def test_lookup_by_date(name, when, state, office):
    h = lookup(name, when)
    assert h is not None and (h.state, h.office) == (state, office), h


@pytest.mark.parametrize(("name", "state"), [
    ("Recep Tayyip Erdoğan", "TR"), ("Recep Tayyip Erdogan", "TR"), ("Erdogan", "TR"),
    ("Tập Cận Bình", "CN"), ("Tap Can Binh", "CN"), ("Xi Jinping", "CN"), ("XI JINPING", "CN"),
    ("Phạm Minh Chính", "VN"), ("Pham Minh Chinh", "VN"), ("Pu-tin", "RU"),
    ("Kim Jong Un", "KP"), ("Kim Jong-un", "KP"), ("Joe Biden", "US"), ("Biden", "US"),
    ("Luiz Inácio Lula da Silva", "BR"), ("Luiz Inacio Lula da Silva", "BR"),
    ("Mitsotakis", "GR"), ("Frederiksen", "DK"),  # a surname only a Danish holder bears
    ("Kishida Fumio", "JP"), ("Ursula von der Leyen", "EU"),
])
def test_state_of(name, state):
    assert state_of(name) == state


@pytest.mark.parametrize("name", [
    "Johnson",  # a British and an American holder: no date, no answer
    "António Guterres",  # Portugal's prime minister, then the UN's Secretary-General
    "Nguyen Van Bao", "", "Lê", "Mohammed",
])
def test_unknown_or_ambiguous(name):
    assert lookup(name) is None


def people(text: str, language: str, when: str | None = None) -> list[tuple[str, str | None]]:
    return [(m.text, m.code) for m in find_mentions(text, language, when) if m.kind == "person"]


# (language, text, date, people found as (text, state))
UNTITLED = [
    ("en", "Erdoğan and Mitsotakis signed a declaration in Athens.", "2023-12-07",
     [("Erdoğan", "TR"), ("Mitsotakis", "GR")]),
    ("en", "Biden's summit with Xi ended without a deal.", "2023-11-16",
     [("Biden", "US"), ("Xi", "CN")]),
    ("en", "Boris Johnson met Macron. Johnson said the talks went well.", "2021-06-13",
     [("Boris Johnson", "GB"), ("Macron", "FR"), ("Johnson", "GB")]),
    ("vi", "Tập Cận Bình hội đàm với Pu-tin tại Mát-xcơ-va.", "2023-03-21",
     [("Tập Cận Bình", "CN"), ("Pu-tin", "RU")]),
    ("vi", "Chiều 10/9, Phạm Minh Chính hội kiến Joe Biden.", "2023-09-11",
     [("Phạm Minh Chính", "VN"), ("Joe Biden", "US")]),
    ("fr", "Emmanuel Macron a reçu Olaf Scholz. Macron et Scholz ont signé un traité.",
     "2023-07-01", [("Emmanuel Macron", "FR"), ("Olaf Scholz", "DE"), ("Macron", "FR"),
                    ("Scholz", "DE")]),
    ("fr", "La visite d'Erdoğan à Paris a suivi celle de Mitsotakis.", "2024-05-13",
     [("Erdoğan", "TR"), ("Mitsotakis", "GR")]),  # after an elided article
    ("es", "Pedro Sánchez recibió a Milei. Sánchez dijo que la reunión fue útil.", "2024-03-12",
     [("Pedro Sánchez", "ES"), ("Milei", "AR"), ("Sánchez", "ES")]),
    ("pt", "Lula recebeu Meloni no Palácio do Planalto.", "2024-11-20",
     [("Lula", "BR"), ("Meloni", "IT")]),
    ("it", "Meloni ha incontrato Erdogan a Roma.", "2024-04-29",
     [("Meloni", "IT"), ("Erdogan", "TR")]),
]


@pytest.mark.parametrize(("language", "text", "when", "found"), UNTITLED)
def test_untitled_leaders(language, text, when, found):
    assert people(text, language, when) == found


@pytest.mark.parametrize(("language", "text", "when"), [
    ("en", "Hunter Biden arrived in Kyiv.", "2024-01-10"),  # part of another person's name
    ("en", "Guests toured Trump Tower.", "2024-01-10"),
    ("en", "In May, prices rose.", "2017-06-01"),
    ("en", "Sánchez scored twice for Real Madrid.", "2024-01-10"),  # a surname alone
    ("en", "He visited Xi'an last week.", "2024-01-10"),
    ("en", "The trump card was the treaty.", "2024-01-10"),  # lower case
    ("vi", "Tập đoàn Vingroup khai trương nhà máy mới.", "2024-01-10"),
])
def test_not_leaders(language, text, when):
    assert people(text, language, when) == []


def test_a_month_is_no_surname():
    text = "Theresa May visited Japan in May. May said the talks were useful."
    assert people(text, "en", "2017-08-30") == [("Theresa May", "GB")]


def test_a_surname_shared_by_two_states_follows_the_document():
    text = "Penny Wong met Lawrence Wong in Singapore. Wong said the talks went well."
    found = people(text, "en", "2024-06-01")
    assert found[:2] == [("Penny Wong", "AU"), ("Lawrence Wong", "SG")]
    assert ("Wong", "AU") not in found and ("Wong", "SG") not in found


def test_titled_people_take_their_office_state():
    assert people("President Putin met Prime Minister Modi.", "en", "2024-07-08") == [
        ("Putin", "RU"), ("Modi", "IN")]
    assert people("Chủ tịch Tập Cận Bình tiếp Tổng Bí thư Tô Lâm.", "vi", "2024-08-19") == [
        ("Tập Cận Bình", "CN"), ("Tô Lâm", "VN")]


def test_the_date_picks_the_holder():
    text = "Prime Minister Johnson spoke."
    assert people(text, "en", "2021-05-01") == [("Johnson", "GB")]
    assert people(text, "en", "2024-05-01") == [("Johnson", "US")]


@pytest.mark.parametrize(("language", "text", "seat", "code"), [
    ("en", "The Kremlin said the talks were useful.", "Kremlin", "RU"),
    ("en", "Downing Street confirmed the visit.", "Downing Street", "GB"),
    ("en", "The Blue House welcomed the deal.", "Blue House", "KR"),
    ("en", "The Élysée announced a state visit.", "Élysée", "FR"),
    ("en", "Zhongnanhai gave its approval.", "Zhongnanhai", "CN"),
    ("it", "Palazzo Chigi ha confermato l'incontro.", "Palazzo Chigi", "IT"),
    ("pt", "O Itamaraty e o Planalto confirmaram a visita.", "Planalto", "BR"),
    ("fr", "Le Quai d'Orsay a convoqué l'ambassadeur.", "Quai d'Orsay", "FR"),
    ("de", "Im Schloss Bellevue empfing der Bundespräsident den Gast.", "Schloss Bellevue", "DE"),
    ("vi", "Nhà Trắng xác nhận chuyến thăm.", "Nhà Trắng", "US"),
    ("es", "La Casa de Nariño confirmó la visita.", "Casa de Nariño", "CO"),
])
def test_seats_of_government_stand_for_their_state(language, text, seat, code):
    assert (seat, code) in [(m.text, m.code) for m in find_mentions(text, language)]


@pytest.mark.parametrize("text", [
    "The state visit of President Lula to Vietnam began on 27 March 2025.",  # visitor late
    "Lula da Silva began a state visit to Vietnam on 27 March 2025.",
])
def test_a_leader_named_after_the_trigger_is_the_visitor_not_the_host(text):
    from bilat.extract import extract_document
    from bilat.model import Document

    doc = Document(doc_id="x", source="x", text=text, content_id="x", published="2025-03-28",
                   language="en")
    visits = [(e.actor, e.recipient, e.date_start) for e in extract_document(doc).events
              if e.type == "VISIT"]
    assert visits == [("BR", "VN", "2025-03-27")]


def test_people_do_not_turn_a_figure_round():
    from bilat.extract import extract_document
    from bilat.model import Document

    text = ("Abiy ha visitato Roma e incontrato Meloni; il programma italiano di cooperazione "
            "in favore dell'Etiopia vale 140 milioni di euro.")
    doc = Document(doc_id="x", source="x", text=text, content_id="x", published="2023-02-07",
                   language="it")
    aid = [(f.source_country, f.target_country) for f in extract_document(doc).facts
           if f.metric == "AID_AMOUNT"]
    assert aid == [("IT", "ET")]  # Abiy (ET) is named first; Italy gives
