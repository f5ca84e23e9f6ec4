"""People with titles, person keys, and the name <-> code helpers of analysis/entities.py."""

from __future__ import annotations

import pytest

from bilat.analysis.entities import country_name, find_mentions, person_key, resolve_country


def people(text: str, language: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(m.name, m.title, m.code) for m in find_mentions(text, language) if m.kind == "person"]


# (language, text, name, title, code)
PEOPLE = [
    ("en", "Belgian Prime Minister Alexander De Croo arrived.", "Alexander De Croo",
     "Prime Minister", "BE"),
    ("en", "He was invited by Vietnamese National Assembly Chairman Vuong Dinh Hue.",
     "Vuong Dinh Hue", "National Assembly Chairman", "VN"),
    ("en", "Belgian Senate President Stephanie D'Hose spoke.", "Stephanie D'Hose",
     "Senate President", "BE"),
    ("en", "Stephanie D'Hose, President of the Belgian Senate, spoke.", "Stephanie D'Hose",
     "President of the Belgian Senate", "BE"),
    ("en", "Justin Trudeau, the Prime Minister of Canada, called.", "Justin Trudeau",
     "Prime Minister", "CA"),
    ("en", "They met Claudia Sheinbaum, Mexico's president-elect, on Monday.",
     "Claudia Sheinbaum", "president-elect", "MX"),
    ("en", "Deputy Prime Minister and Foreign Minister Bui Thanh Son hosted him.",
     "Bui Thanh Son", "Deputy Prime Minister and Foreign Minister", "VN"),  # office holders
    ("en", "He met the Ambassador of Belgium to Vietnam Karl Van den Bossche.",
     "Karl Van den Bossche", "Ambassador", "BE"),
    ("en", "Cambodian King Norodom Sihamoni waved.", "Norodom Sihamoni", "King", "KH"),
    ("en", "Deputy Minister Dirk Aton (Dirk Achten) came.", "Dirk Achten", "Deputy Minister",
     None),
    ("en", "President Ferdinand Marcos Jr. landed.", "Ferdinand Marcos Jr.", "President", "PH"),
    ("en", "Cambodian Prime Minister Hun Manet's visit began.", "Hun Manet", "Prime Minister",
     "KH"),
    ("vi", "Thủ tướng Campuchia Hun Manet thăm Việt Nam.", "Hun Manet", "Thủ tướng", "KH"),
    ("vi", "Thủ tướng Phạm Minh Chính chủ trì lễ đón.", "Phạm Minh Chính", "Thủ tướng", "VN"),
    ("vi", "Hà Nội đón Chủ tịch Thượng viện Vương quốc Bỉ Sabine de Bethune.",
     "Sabine de Bethune", "Chủ tịch Thượng viện", "BE"),
    ("vi", "Đại sứ Bỉ tại Việt Nam Karl Van den Bossche dự lễ.", "Karl Van den Bossche",
     "Đại sứ", "BE"),
    ("vi", "Tổng Bí thư Nguyễn Phú Trọng tiếp đoàn.", "Nguyễn Phú Trọng", "Tổng Bí thư", "VN"),
    ("vi", "Bộ trưởng Kế hoạch và Đầu tư Nguyễn Chí Dũng phát biểu.", "Nguyễn Chí Dũng",
     "Bộ trưởng Kế hoạch và Đầu tư", None),
    ("vi", "Thủ tướng Vương quốc Campuchia Samdech Hun Sen phát biểu.", "Hun Sen", "Thủ tướng",
     "KH"),
    ("fr", "Le Premier ministre cambodgien Hun Manet est arrivé.", "Hun Manet",
     "Premier ministre", "KH"),
    ("fr", "La présidente du Sénat belge, Stephanie D'Hose, est repartie de Hanoï.",
     "Stephanie D'Hose",
     "présidente du Sénat", "BE"),
    ("fr", "Le texte porte la signature du ministre mauritanien du Développement rural, "
           "Dey Ould Zein.",
     "Dey Ould Zein", "ministre", "MR"),
    ("de", "Kasachstans Präsident Kassym-Schomart Tokajew empfing ihn.",
     "Kassym-Schomart Tokajew", "Präsident", "KZ"),
    ("de", "Er traf den Generalsekretär des belgischen Außenministeriums Dirk Achten.",
     "Dirk Achten", "Generalsekretär des belgischen Außenministeriums", "BE"),
    ("es", "Llegó el presidente argentino, Javier Milei, a Santiago.", "Javier Milei",
     "presidente", "AR"),
    ("es", "El embajador chileno en Buenos Aires, Nicolás Monckeberg, asistió.",
     "Nicolás Monckeberg", "embajador", "CL"),
    ("pl", "Premier Wietnamu Pham Minh Chinh odwiedził Polskę.", "Pham Minh Chinh", "Premier",
     "VN"),
    # apposition with words between the state and the title
    ("en", "She is due to see Ana Maria de la Cruz, Mexico's incoming Secretary of Energy.",
     "Ana Maria de la Cruz", "Secretary of Energy", "MX"),
    ("pl", "Sekretarz Stanu Władysław Teofil Bartoszewski przyjął gości.",
     "Władysław Teofil Bartoszewski", "Sekretarz Stanu", None),
]


@pytest.mark.parametrize(("language", "text", "name", "title", "code"), PEOPLE)
def test_person(language, text, name, title, code):
    assert (name, title, code) in people(text, language), people(text, language)


NOT_PEOPLE = [
    ("en", "The president said the two countries would cooperate."),
    ("en", "Talks with the Prime Minister of Canada ended."),
    ("de", "Der Präsident führte Gespräche mit Vertretern der Wirtschaft."),
    ("vi", "Thủ tướng đề nghị hai nước tăng cường hợp tác."),
]


@pytest.mark.parametrize(("language", "text"), NOT_PEOPLE)
def test_no_person(language, text):
    assert people(text, language) == []


def test_later_mentions_share_the_canonical_name():
    text = "Thủ tướng Phạm Minh Chính tiếp khách. Sau đó Pham Minh Chinh phát biểu."
    found = [m for m in find_mentions(text, "vi") if m.kind == "person"]
    assert len(found) == 2
    assert {m.name for m in found} == {"Phạm Minh Chính"}


@pytest.mark.parametrize(("a", "b"), [
    ("Phạm Minh Chính", "Pham Minh Chinh"),
    ("Phạm Minh Chính", "PHAM Minh Chinh"),
    ("Vương Đình Huệ", "Vuong Dinh Hue"),
    ("Đôn Tuấn Phong", "Don Tuan Phong"),
    ("Stephanie D'Hose", "Stéphanie D’Hose"),
    ("Mélanie Joly", "Melanie Joly"),
])
def test_person_key_equal(a, b):
    assert person_key(a) == person_key(b)


def test_person_key_differs():
    assert person_key("Phạm Minh Chính") != person_key("Phạm Bình Minh")


@pytest.mark.parametrize(("name", "code"), [
    ("Vietnam", "VN"), ("Việt Nam", "VN"), ("Viet Nam", "VN"), ("Bỉ", "BE"), ("Belgique", "BE"),
    ("Belgien", "BE"), ("Wietnamu", "VN"), ("Belgii", "BE"), ("Bélgica", "BE"),
    ("Campuchia", "KH"), ("Cambodge", "KH"), ("Mỹ", "US"), ("Hoa Kỳ", "US"), ("USA", "US"),
    ("UK", "GB"), ("Britain", "GB"), ("Anh", "GB"), ("Triều Tiên", "KP"), ("Hàn Quốc", "KR"),
    ("Belgian", "BE"), ("vietnamien", "VN"), ("ASEAN", "ASEAN"), ("European Union", "EU"),
    ("Liên minh châu Âu", "EU"), ("vn", "VN"), ("BE", "BE"), ("Türkiye", "TR"),
])
def test_resolve_country(name, code):
    assert resolve_country(name) == code


def test_resolve_country_unknown():
    assert resolve_country("Atlantis") is None
    assert resolve_country("") is None


@pytest.mark.parametrize(("code", "language", "name"), [
    ("VN", "vi", "Việt Nam"), ("VN", "en", "Vietnam"), ("BE", "fr", "Belgique"),
    ("BE", "de", "Belgien"), ("BE", "pl", "Belgia"), ("MM", "en", "Myanmar"),
    ("ASEAN", "vi", "ASEAN"), ("EU", "en", "EU"),
])
def test_country_name(code, language, name):
    assert country_name(code, language) == name
