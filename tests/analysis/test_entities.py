"""Entity mentions: countries, organisations, capitals, places, governments, demonyms, people.

Rows are our own sentences, per language; each asserts the (kind, code, text) of mentions.
"""

from __future__ import annotations

import pytest

from bilat.analysis.entities import find_mentions


def kinds(text: str, language: str | None) -> list[tuple[str, str | None, str]]:
    return [(m.kind, m.code, m.text) for m in find_mentions(text, language)]


def has(text: str, language: str, kind: str, code: str | None, span: str) -> bool:
    return (kind, code, span) in kinds(text, language)


# (language, text, kind, code, mention text)
FOUND = [
    # countries, with CLDR names and data aliases
    ("en", "Trade between Vietnam and Belgium grew.", "country", "BE", "Belgium"),
    ("en", "Viet Nam signed a deal with the UK.", "country", "VN", "Viet Nam"),
    ("en", "Viet Nam signed a deal with the UK.", "country", "GB", "UK"),
    ("en", "Officials from the U.S. arrived.", "country", "US", "U.S."),
    ("en", "Talks with South Korea and North Korea stalled.", "country", "KR", "South Korea"),
    ("en", "Talks with South Korea and North Korea stalled.", "country", "KP", "North Korea"),
    ("en", "Papua New Guinea joined the forum.", "country", "PG", "Papua New Guinea"),
    ("en", "Exports to Niger rose while Nigeria fell.", "country", "NE", "Niger"),
    ("en", "Exports to Niger rose while Nigeria fell.", "country", "NG", "Nigeria"),
    ("en", "The Dominican Republic and Dominica voted.", "country", "DO", "Dominican Republic"),
    ("en", "The Dominican Republic and Dominica voted.", "country", "DM", "Dominica"),
    ("en", "King Abdullah of Jordan met them.", "country", "JO", "Jordan"),
    # a weak demonym before an office stands for its state
    ("en", "Lao President Thongloun Sisoulith met them.", "demonym", "LA", "Lao"),
    ("en", "Kiwi Prime Minister Chris Luxon arrived.", "demonym", "NZ", "Kiwi"),
    ("en", "Leaders of the Kingdom of Cambodia met.", "country", "KH", "Kingdom of Cambodia"),
    ("vi", "Việt Nam và Bỉ ký thỏa thuận.", "country", "BE", "Bỉ"),
    ("vi", "Quan hệ Việt Nam - Hoa Kỳ phát triển.", "country", "US", "Hoa Kỳ"),
    ("vi", "Đoàn đại biểu Mỹ đến Hà Nội.", "government", "US", "Đoàn đại biểu Mỹ"),
    ("vi", "Quân đội Triều Tiên và Hàn Quốc.", "government", "KP", "Quân đội Triều Tiên"),
    ("vi", "Quân đội Triều Tiên và Hàn Quốc.", "country", "KR", "Hàn Quốc"),
    ("vi", "Hợp tác với Ma-lai-xi-a và Phi-líp-pin.", "country", "MY", "Ma-lai-xi-a"),
    ("vi", "Hợp tác với Ma-lai-xi-a và Phi-líp-pin.", "country", "PH", "Phi-líp-pin"),
    ("vi", "Đại sứ quán tại Vương quốc Anh.", "country", "GB", "Vương quốc Anh"),
    ("vi", "Quan hệ giữa nước Anh và Việt Nam.", "country", "GB", "nước Anh"),
    ("vi", "Anh và Việt Nam nâng cấp quan hệ.", "country", "GB", "Anh"),
    ("vi", "Quan hệ Việt - Anh tốt đẹp.", "country", "GB", "Anh"),
    ("fr", "La Belgique et le Vietnam ont signé.", "country", "BE", "Belgique"),
    ("fr", "Les États-Unis et la Chine négocient.", "country", "US", "États-Unis"),
    ("de", "Die Zusammenarbeit zwischen Vietnam und Belgien wächst.", "country", "BE", "Belgien"),
    ("de", "Ein Partner Vietnams und Belgiens.", "country", "VN", "Vietnams"),
    ("de", "Ein Partner Vietnams und Belgiens.", "country", "BE", "Belgiens"),
    ("de", "Handel mit den Vereinigten Staaten.", "country", "US", "Vereinigten Staaten"),
    ("es", "Chile y Argentina firmaron un tratado.", "country", "AR", "Argentina"),
    ("pl", "Wietnam jest partnerem Polski.", "country", "PL", "Polski"),
    ("pl", "Spotkanie z Wietnamem w Belgii.", "country", "VN", "Wietnamem"),
    ("pl", "Spotkanie z Wietnamem w Belgii.", "country", "BE", "Belgii"),
    ("pl", "Ambasador w Stanach Zjednoczonych.", "country", "US", "Stanach Zjednoczonych"),
    # organisations
    ("en", "ASEAN and the EU held talks at the WTO.", "org", "ASEAN", "ASEAN"),
    ("en", "ASEAN and the EU held talks at the WTO.", "org", "EU", "EU"),
    ("en", "ASEAN and the EU held talks at the WTO.", "org", "WTO", "WTO"),
    ("en", "A loan from the World Bank and the IMF.", "org", "WB", "World Bank"),
    ("en", "The United Nations Security Council met.", "org", "UN",
     "United Nations Security Council"),
    ("vi", "Việt Nam ủng hộ hợp tác giữa ASEAN và Liên minh châu Âu.", "org", "EU",
     "Liên minh châu Âu"),
    ("vi", "Tại Liên hợp quốc, hai bên phối hợp.", "org", "UN", "Liên hợp quốc"),
    ("fr", "L'accord entre l'UE et l'ONU.", "org", "EU", "UE"),
    ("fr", "L'accord entre l'UE et l'ONU.", "org", "UN", "ONU"),
    ("de", "Ein Abkommen mit der Europäischen Union.", "org", "EU", "Europäischen Union"),
    ("pl", "Umowa z Unią Europejską.", "org", "EU", "Unią Europejską"),
    # capitals and seats
    ("en", "The minister arrived in Hanoi on Monday.", "capital", "VN", "Hanoi"),
    ("en", "Talks in Phnom Penh and Bangkok.", "capital", "KH", "Phnom Penh"),
    ("en", "The Kremlin said talks would go on.", "capital", "RU", "Kremlin"),
    ("en", "The White House welcomed the deal.", "capital", "US", "White House"),
    ("en", "A statement from Downing Street.", "capital", "GB", "Downing Street"),
    ("en", "The delegation flew to Brussels.", "capital", "BE", "Brussels"),
    ("vi", "Đoàn đến Hà Nội chiều nay.", "capital", "VN", "Hà Nội"),
    ("vi", "Lãnh đạo Bắc Kinh phản hồi.", "capital", "CN", "Bắc Kinh"),
    ("fr", "La ministre s'est rendue à Bruxelles.", "capital", "BE", "Bruxelles"),
    ("fr", "Une visite à l'Élysée.", "capital", "FR", "Élysée"),
    ("de", "Der Minister reiste nach Brüssel.", "capital", "BE", "Brüssel"),
    ("es", "La reunión fue en La Habana.", "capital", "CU", "La Habana"),
    ("pl", "Spotkanie odbyło się w Warszawie.", "capital", "PL", "Warszawie"),
    # sub-national places and bodies stand for their state
    ("en", "A delegation from Wallonia visited.", "place", "BE", "Wallonia"),
    ("en", "Officials of the French Community of Belgium came.", "place", "BE",
     "French Community of Belgium"),
    ("en", "Investors from Scotland and Bavaria.", "place", "GB", "Scotland"),
    ("en", "Investors from Scotland and Bavaria.", "place", "DE", "Bavaria"),
    ("en", "Exporters in Quebec agreed.", "place", "CA", "Quebec"),
    ("en", "A factory in Ho Chi Minh City opened.", "place", "VN", "Ho Chi Minh City"),
    ("vi", "Nhà máy ở TP.HCM và Đà Nẵng.", "place", "VN", "TP.HCM"),
    ("vi", "Nhà máy ở TP.HCM và Đà Nẵng.", "place", "VN", "Đà Nẵng"),
    ("fr", "La Fédération Wallonie-Bruxelles soutient le projet.", "government", "BE",
     "Fédération Wallonie-Bruxelles"),
    ("fr", "Un partenariat avec la Flandre.", "place", "BE", "Flandre"),
    ("de", "Ein Besuch aus Flandern.", "place", "BE", "Flandern"),
    # governments: "<body> + <country/demonym>" patterns
    ("en", "The Belgian Foreign Ministry issued a note.", "government", "BE",
     "Belgian Foreign Ministry"),
    ("en", "It was approved by the Belgian Senate.", "government", "BE", "Belgian Senate"),
    ("en", "The Cambodian government agreed.", "government", "KH", "Cambodian government"),
    ("en", "The Ministry of Foreign Affairs of Belgium replied.", "government", "BE",
     "Ministry of Foreign Affairs of Belgium"),
    ("en", "Vietnam's National Assembly ratified it.", "government", "VN",
     "Vietnam's National Assembly"),
    ("vi", "Bộ Ngoại giao Bỉ ra thông cáo.", "government", "BE", "Bộ Ngoại giao Bỉ"),
    ("vi", "Quốc hội Việt Nam thông qua luật.", "government", "VN", "Quốc hội Việt Nam"),
    ("vi", "Chính phủ Campuchia hoan nghênh.", "government", "KH", "Chính phủ Campuchia"),
    ("fr", "Le Sénat belge a voté.", "government", "BE", "Sénat belge"),
    ("fr", "Le ministère des Affaires étrangères de Belgique a répondu.", "government", "BE",
     "ministère des Affaires étrangères de Belgique"),
    ("fr", "Le gouvernement cambodgien a salué l'accord.", "government", "KH",
     "gouvernement cambodgien"),
    ("de", "Das belgische Außenministerium teilte mit.", "government", "BE",
     "belgische Außenministerium"),
    ("de", "Ein Vertreter des belgischen Außenministeriums kam.", "government", "BE",
     "belgischen Außenministeriums"),
    ("es", "La cancillería chilena explicó el acuerdo.", "government", "CL",
     "cancillería chilena"),
    ("pl", "Rząd Wietnamu przyjął delegację.", "government", "VN", "Rząd Wietnamu"),
    # demonyms
    ("en", "Belgian and Vietnamese firms signed deals.", "demonym", "BE", "Belgian"),
    ("en", "Belgian and Vietnamese firms signed deals.", "demonym", "VN", "Vietnamese"),
    ("en", "Khmer and Thai dancers performed.", "demonym", "KH", "Khmer"),
    ("en", "Khmer and Thai dancers performed.", "demonym", "TH", "Thai"),
    ("en", "Cuban doctors arrived.", "demonym", "CU", "Cuban"),
    ("vi", "Phía Bỉ đánh giá cao kết quả.", "demonym", "BE", "Phía Bỉ"),
    ("vi", "Cộng đồng người Việt tại Ba Lan.", "demonym", "VN", "người Việt"),
    ("vi", "Cảm ơn bạn Lào đã giúp đỡ.", "demonym", "LA", "bạn Lào"),
    ("fr", "Des entreprises belges et vietnamiennes.", "demonym", "BE", "belges"),
    ("fr", "Des entreprises belges et vietnamiennes.", "demonym", "VN", "vietnamiennes"),
    ("fr", "La coopération franco-vietnamienne.", "demonym", "FR", "franco"),
    ("de", "Belgische und vietnamesische Firmen.", "demonym", "BE", "Belgische"),
    ("de", "Die kasachisch-usbekischen Beziehungen.", "demonym", "UZ", "usbekischen"),
    ("es", "El presidente argentino viajó.", "demonym", "AR", "argentino"),
    ("pl", "Współpraca polsko-wietnamska rośnie.", "demonym", "VN", "wietnamska"),
    ("pl", "Współpraca polsko-wietnamska rośnie.", "demonym", "PL", "polsko"),
    # text that lost its diacritics
    ("vi", "Lanh dao Viet Nam tham Campuchia.", "country", "VN", "Viet Nam"),
    ("vi", "Hop tac voi Thai Lan va Campuchia.", "country", "TH", "Thai Lan"),
    ("vi", "Bo Ngoai giao Bi ra thong cao.", "government", "BE", "Bo Ngoai giao Bi"),
    ("vi", "Doan cong tac den Ha Noi.", "capital", "VN", "Ha Noi"),
    # unknown language: every lexicon at once
    (None, "Vietnam and Belgium signed.", "country", "BE", "Belgium"),
    (None, "Thủ tướng Campuchia đến Hà Nội.", "capital", "VN", "Hà Nội"),
]


@pytest.mark.parametrize(("language", "text", "kind", "code", "span"), FOUND)
def test_mention_found(language, text, kind, code, span):
    assert (kind, code, span) in kinds(text, language), kinds(text, language)


# (language, text, a span that must not be a state or organisation mention)
TRAPS = [
    ("en", "We ate turkey and visited a chad.", "turkey"),
    ("en", "We ate turkey and visited a chad.", "chad"),
    ("en", "Michael Jordan scored again.", "Jordan"),
    ("en", "Jordan Henderson played well.", "Jordan"),
    ("en", "Mr Lao Minh went home.", "Lao"),
    ("en", "Papua New Guinea joined the forum.", "Guinea"),
    ("en", "Exports to Nigeria rose.", "Niger"),
    ("en", "Chinese firms and the Korea Herald.", "Korea"),
    ("en", "The Congo basin is vast.", "Congo"),
    ("en", "Let us go together.", "us"),
    ("en", "Trade rose from US$534 million in 2008.", "US"),
    ("en", "A grant of NZ$ 2 million was signed.", "NZ"),
    ("vi", "Kim ngạch đạt 534 triệu US$ năm 2008.", "US"),
    ("vi", "Anh ấy đã đến muộn.", "Anh"),
    ("vi", "Chủ nhiệm Nguyễn Thúy Anh phát biểu.", "Anh"),
    ("vi", "Bộ trưởng Nguyễn Văn Đức nói.", "Đức"),
    ("vi", "Tổng Bí thư tiếp đoàn.", "Bí"),
    ("vi", "Khu vực Mỹ Latinh tăng trưởng.", "Mỹ"),
    ("vi", "Các tỉnh miền Trung bị bão.", "Trung"),
    ("vi", "Tong Bi thu Nguyen Phu Trong tiep doan.", "Bi"),
    ("fr", "Une croissance en Amérique latine.", "Amérique"),
    ("de", "Handel mit Lateinamerika.", "Lateinamerika"),
]


@pytest.mark.parametrize(("language", "text", "span"), TRAPS)
def test_trap_not_a_state(language, text, span):
    found = [m for m in find_mentions(text, language) if m.kind != "person"]
    assert all(span not in m.text or m.text != span for m in found), found
    assert not any(m.text == span for m in found)


def test_mentions_sorted_and_disjoint():
    text = ("Belgian Prime Minister Alexander De Croo met Vietnamese National Assembly Chairman "
            "Vuong Dinh Hue in Hanoi; the Cambodian government and ASEAN welcomed it.")
    found = find_mentions(text, "en")
    assert found == sorted(found, key=lambda m: m.start)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    assert all(text[m.start:m.end] == m.text for m in found)


def test_brussels_stays_belgium():
    # Brussels may stand for the EU: we keep BE and let the caller decide.
    assert has("Brussels and Hanoi agreed.", "en", "capital", "BE", "Brussels")
