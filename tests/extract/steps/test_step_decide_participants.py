"""decide: who takes part and whether anything happened: roles no state gives (a company's chief,
a DJ), attendance that points back to an event, and invitations, hopes and wishes."""

from __future__ import annotations

import pytest

from bilat.analysis import gazetteer as gz
from bilat.analysis.people import scan_titles


def _kept_types(before, text: str, language: str, published: str = "2024-03-10") -> list:
    state, step = before("decide", text, language, published)
    step.run(state)
    return [d.trigger.type for ds in state.decisions for d in ds]


def _reasons(before, text: str, language: str, published: str = "2024-03-10") -> list[str]:
    """The reasons decide gave for what it dropped, as the trace keeps them."""
    from bilat.extract import trace

    state, step = before("decide", text, language, published)
    with trace.tracing() as notes:
        step.run(state)
    return [n.reason for n in notes if n.step == "decide" and n.verdict == "dropped"]


COMPANY_MEETING = {
    "fr": "Le 4 mars, le PDG de Vinatex a rencontré à Oslo le directeur général de Statkraft, "
          "en présence de l'ambassade de Norvège.",
    "en": "The chief executive officer of Vinatex, Mr. Tran Binh, held a meeting with Statkraft "
          "director Ms. Kari Olsen of Norway in Hanoi on 4 March.",
    "vi": "Ngày 4/3, Giám đốc điều hành Vinatex đã có cuộc gặp với Giám đốc điều hành Statkraft "
          "tại Hà Nội.",
}


@pytest.mark.parametrize("language", sorted(COMPANY_MEETING))
def test_a_meeting_of_company_chiefs_is_no_bilateral_event(before, language):
    reasons = _reasons(before, COMPANY_MEETING[language], language)
    assert "its participants hold company, club or private roles, no state office" in reasons
    assert "MEETING" not in _kept_types(before, COMPANY_MEETING[language], language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The chief executive officer of Vinatex and the Vietnamese Minister of Industry met "
           "the Norwegian Prime Minister in Oslo on 4 March."),
    ("vi", "Ngày 4/3, Thủ tướng Na Uy đã có cuộc gặp với Giám đốc điều hành Vinatex tại Oslo."),
])
def test_an_official_among_company_chiefs_keeps_the_meeting(before, language, text):
    assert "MEETING" in _kept_types(before, text, language)


@pytest.mark.parametrize(("language", "text"), [
    # a state's body owns the title: "Director General of the Consular Department"
    ("en", "The Director General of the Consular Department of Vietnam met Japanese Ambassador "
           "Ken Sato on 4 March."),
    ("en", "Director of the Europe Department Tran Minh met the Polish ambassador on 4 March."),
])
def test_a_director_of_a_state_body_is_an_official(before, language, text):
    assert "MEETING" in _kept_types(before, text, language)


ATTENDANCE = {
    "es": ("El 4 de marzo, el consejero delegado de Vinatex se reunió con el director de "
           "Statkraft. También asistieron a la reunión representantes de Noruega y Vietnam."),
    "en": ("Mr. Tran Binh, chief executive officer of Vinatex, met Statkraft director Kari Olsen "
           "on 4 March. Also attending the meeting was a representative of the Norwegian "
           "Embassy."),
    "vi": ("Ngày 4/3, Giám đốc điều hành Vinatex đã hội đàm với Giám đốc điều hành "
           "Statkraft. Cùng tham dự cuộc hội đàm có đại diện Đại sứ quán Na Uy tại "
           "Việt Nam."),
}


@pytest.mark.parametrize("language", sorted(ATTENDANCE))
def test_attending_an_event_no_sentence_told_makes_none(before, language):
    reasons = _reasons(before, ATTENDANCE[language], language)
    assert "attendance at an event that no earlier sentence told as bilateral" in reasons
    assert "MEETING" not in _kept_types(before, ATTENDANCE[language], language)


def test_attending_a_meeting_told_before_keeps_it(before):
    text = ("Japanese Foreign Minister Yoko Kamikawa met Vietnamese Foreign Minister Bui Thanh "
            "Son in Tokyo on 4 March. Also attending the meeting were "
            "Japanese Ambassador Ken Sato and Vietnamese Ambassador Tran Nam.")
    assert _kept_types(before, text, "en").count("MEETING") == 2


PRIVATE_JOURNEY = {
    "en": "Kari Olsen arrived in Hanoi on 4 March. The Norwegian DJ will play three concerts.",
    "vi": "Ngày 4/3, Kim Min Soo đến Hà Nội. Nam ca sĩ Hàn Quốc sẽ hát ba đêm.",
}


@pytest.mark.parametrize("language", sorted(PRIVATE_JOURNEY))
def test_a_star_arriving_is_no_visit(before, language):
    reasons = _reasons(before, PRIVATE_JOURNEY[language], language)
    assert "a journey of someone holding no state office (the document names none)" in reasons
    assert "VISIT" not in _kept_types(before, PRIVATE_JOURNEY[language], language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The Norwegian Prime Minister arrived in Hanoi on 4 March. A famous DJ came too."),
    ("vi", "Thủ tướng Na Uy đến Hà Nội ngày 4/3. Một ca sĩ nổi tiếng cũng đi cùng."),
])
def test_an_official_in_the_document_keeps_the_visit(before, language, text):
    assert "VISIT" in _kept_types(before, text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Japanese Prime Minister Taro Aso invited his Vietnamese counterpart to visit Japan."),
    ("en", "The Chilean President hopes to meet his Peruvian counterpart in April."),
    ("de", "Der Bundeskanzler lud den polnischen Präsidenten zu einem Besuch in Berlin ein."),
    ("pt", "O presidente brasileiro convidou o primeiro-ministro japonês para visitar o Brasil."),
    ("id", "Presiden Indonesia mengundang Perdana Menteri Jepang untuk berkunjung ke Jakarta."),
    ("vi", "Thủ tướng Việt Nam mời Thủ tướng Nhật Bản sang thăm Việt Nam."),
    ("es", "El presidente chileno espera reunirse con su homólogo peruano en abril."),
])
def test_an_invitation_or_a_hope_tells_no_happening(before, language, text):
    assert "an invitation, hope or wish, no happening" in _reasons(before, text, language)
    assert _kept_types(before, text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "At the invitation of the Japanese Prime Minister, the Vietnamese President paid an "
           "official visit to Japan from 5 to 8 March."),
    ("id", "Atas undangan Presiden Indonesia, Perdana Menteri Jepang berkunjung ke Jakarta pada "
           "5 Maret 2024."),
    ("vi", "Nhận lời mời của Thủ tướng Việt Nam, Thủ tướng Nhật Bản sang thăm Việt Nam từ ngày "
           "5 đến 8/3."),
])
def test_a_visit_at_an_invitation_happens(before, language, text):
    assert "VISIT" in _kept_types(before, text, language)


def test_a_clock_time_marker_is_no_title():
    toks = gz.tokenize("Updated Sep 24, 2024, 1:04 PM IST by Prime Minister Modi")
    found = [toks.words[i] for i in scan_titles(toks, "en")]
    assert found == ["Prime"]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Qantas signed a code-share agreement on Sept. 6 with Korea Airlines in Sydney."),
    ("de", "Am 6. März unterzeichnete Australien ein Abkommen mit koreanischen Unternehmen."),
    ("fr", "Le 6 mars, l'Australie a signé un accord avec des entreprises coréennes."),
    ("it", "Il 6 marzo l'Australia ha firmato un accordo con aziende coreane."),
])
def test_a_company_as_counterpart_makes_no_bilateral_event(before, language, text):
    reasons = _reasons(before, text, language)
    assert "its agents are companies, teams or travellers, no state or official" in reasons
    assert "AGREEMENT" not in _kept_types(before, text, language)


def test_an_abbreviation_ends_no_clause():
    from bilat.extract.steps.decide import _clause_bounds

    text = "talks were held on sept. 6 with mr. lee; then a dinner"
    assert _clause_bounds(text, text.index("with")) == (0, text.index(";"))


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Japan and Vietnam held talks in Hanoi on 2 March. The hall where Japan and Vietnam "
           "will sign a treaty. - Some Agency, 1200, 05.01.2024"),
    ("fr", "Le Japon et le Vietnam ont tenu des pourparlers à Hanoï le 2 mars. La salle où le "
           "Japon et le Vietnam signeront un traité. - Une Agence, 1200, 05.01.2024"),
])
def test_a_caption_credited_to_another_day_is_another_storys(before, language, text):
    reasons = _reasons(before, text, language)
    assert "the caption of another story (its picture is dated 2024-01-05)" in reasons
    assert "AGREEMENT" not in _kept_types(before, text, language)


def test_a_caption_credited_to_the_reports_day_tells_the_story(before):
    text = ("The hall where Japan and Vietnam signed a treaty on 10 March. - Some Agency, 1200, "
            "10.03.2024")
    assert "AGREEMENT" in _kept_types(before, text, "en", "2024-03-10")


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The Chilean President's visit to Peru, set for 11 to 13 June, was postponed."),
    ("fr", "La visite du président chilien au Pérou, prévue du 11 au 13 juin, a été reportée."),
    ("de", "Der Besuch des chilenischen Präsidenten in Peru am 11. Juni wurde abgesagt."),
])
def test_a_postponed_event_tells_no_happening(before, language, text):
    assert "postponed or called off, no happening" in _reasons(before, text, language)
    assert "VISIT" not in _kept_types(before, text, language)
