"""Events and facts read from the team's own sentences, per language."""

from __future__ import annotations

import pytest

from bilat.extract import extract_document
from bilat.model import Document


def _doc(text: str, language: str, published: str | None = None, title: str | None = None
         ) -> Document:
    return Document(doc_id="t", source="test", text=text, content_id="c", title=title,
                    published=published, language=language)


def _events(text, language, published=None, title=None):
    ex = extract_document(_doc(text, language, published, title))
    return {(e.type, frozenset(e.actors), e.date_start) for e in ex.events}


def _facts(text, language, published=None):
    ex = extract_document(_doc(text, language, published))
    return {(f.metric, f.source_country, f.target_country, round(f.value), f.period)
            for f in ex.facts}


EVENT_ROWS = [
    # an official welcome ceremony is given to a visitor: a visit, dated to its month
    ("en", "On June 5 in Vientiane, Lao Prime Minister Sonexay Siphandone hosted an official "
           "welcome ceremony for To Lam, Vietnam's head of state.", "2024-06-06",
     ("VISIT", {"LA", "VN"}, "2024-06")),
    ("en", "The two presidents held talks in Vientiane right after a welcome ceremony for the "
           "Vietnamese leader on June 5.", "2024-06-06", ("VISIT", {"LA", "VN"}, "2024-06")),
    ("vi", "Tại Viêng Chăn sáng 5/6, người đứng đầu Chính phủ Lào là ông Sonexay Siphandone "
           "chủ trì lễ đón chính thức dành cho Chủ tịch nước.", "2024-06-06",
     ("VISIT", {"LA", "VN"}, "2024-06")),
    # an undated report: "N years after the visit of YEAR" gives the year of its day/month
    ("vi", "Tổng thống Chile Gabriel Boric thăm cấp Nhà nước Việt Nam từ ngày 12-14/3. Chuyến "
           "đi diễn ra sau 15 năm kể từ lần gần nhất một nguyên thủ Chile tới Hà Nội vào năm "
           "2009.", None, ("VISIT", {"CL", "VN"}, "2024-03-12")),
    ("en", "Chilean President Gabriel Boric pays a state visit to Vietnam from March 12 to 14. "
           "The trip comes 15 years after a Chilean head of state last came to Hanoi, in 2009.",
     None, ("VISIT", {"CL", "VN"}, "2024-03-12")),
    ("en", "On May 10, Helen Clark, New Zealand's Prime Minister, gave that promise in "
           "Wellington while talking with her counterpart from Vietnam, Phan Van Khai.",
     "2005-05-11",
     ("MEETING", {"NZ", "VN"}, "2005-05-10")),
    ("fr", "Le Premier ministre vietnamien Nguyen Tan Dung a effectué un voyage de travail en "
           "Malaisie en août 2015.", "2023-07-19",
     ("VISIT", {"MY", "VN"}, "2015-08")),
    ("en", "Vietnam and Belgium marked the 50th anniversary of the diplomatic relations they "
           "established on March 22, 1973.", "2023-03-22",
     ("RELATIONS_ESTABLISHED", {"BE", "VN"}, "1973-03-22")),
    ("en", "Vietnam and Belgium marked the 50th anniversary of their diplomatic ties, set up on "
           "March 22, 1973.", "2023-03-22", ("RELATIONS_ESTABLISHED", {"BE", "VN"}, "1973-03-22")),
    # an anniversary naming the founding day gives both events
    ("vi", "Tại Hà Nội, một buổi lễ đã đánh dấu kỷ niệm lần thứ 45 ngày Cuba và Việt Nam thiết "
           "lập quan hệ ngoại giao (2-12-1960).", "2005-12-02",
     ("RELATIONS_ESTABLISHED", {"CU", "VN"}, "1960-12-02")),
    # talks "right after the welcome ceremony" take the ceremony's day, also when the
    # counterpart is named
    ("vi", "Sáng 30/1, ông Võ Văn Thưởng, Chủ tịch nước, đón vị khách Philippines là Tổng thống "
           "Marcos tại Hà Nội bằng một lễ đón trọng thể. Ngay sau lễ đón, hai nhà lãnh đạo hội "
           "đàm với nhau.",
     "2024-01-31", ("MEETING", {"PH", "VN"}, "2024-01-30")),
    ("en", "On January 30 in Hanoi, Vo Van Thuong, Vietnam's president, greeted his guest "
           "from the Philippines, Ferdinand Marcos Jr., at a welcome ceremony. Right after the "
           "ceremony, Thuong held talks with the Philippine leader Marcos.", "2024-01-31",
     ("MEETING", {"PH", "VN"}, "2024-01-30")),
    # an undated event takes the day of the next sentence that says it "took place"
    ("en", "Political consultations brought together Le Thi Thu Hang, a deputy minister from "
           "Vietnam, and Wladyslaw Bartoszewski of Poland. The meeting took place in Warsaw on "
           "July 8, 2025.", None, ("CONSULTATION", {"PL", "VN"}, "2025-07-08")),
    ("pl", "Konsultacje polityczne Polski i Wietnamu prowadzili Władysław Bartoszewski oraz "
           "Le Thi Thu Hang. Spotkanie odbyło się w Warszawie w dniu 8 lipca 2025 r.", None,
     ("CONSULTATION", {"PL", "VN"}, "2025-07-08")),
    ("vi", "Phía Việt Nam do bà Lê Thị Thu Hằng dẫn đầu đã tham vấn chính trị với phía Ba Lan "
           "của ông Bartoszewski. Cuộc tham vấn diễn ra tại Warsaw ngày 8/7/2025.", None,
     ("CONSULTATION", {"PL", "VN"}, "2025-07-08")),
    ("en", "Vietnam and Japan established diplomatic relations on September 21, 1973.", None,
     ("RELATIONS_ESTABLISHED", {"JP", "VN"}, "1973-09-21")),
    ("en", "Srettha Thavisin, Thailand's head of government, is to travel to Vietnam on an "
           "official visit from May 16 to 18, his hosts announced.", "2024-05-05",
     ("VISIT", {"TH", "VN"}, "2024-05-16")),
    ("en", "This year Vietnam and Belgium celebrate the 50th anniversary of their diplomatic "
           "relations.", None, ("ANNIVERSARY", {"BE", "VN"}, "2023")),
    ("vi", "Ngày 10/9/2023, Tổng Bí thư Nguyễn Phú Trọng tiếp tục hội đàm tại Hà Nội, lần này "
           "với Tổng thống Mỹ Joe Biden.", None, ("MEETING", {"US", "VN"}, "2023-09-10")),
    ("vi", "Việt Nam và Campuchia thiết lập quan hệ ngoại giao ngày 24/6/1967.", None,
     ("RELATIONS_ESTABLISHED", {"KH", "VN"}, "1967-06-24")),
    ("vi", "Chiều 12/3, hai Thủ tướng Albanese của Australia và Phạm Minh Chính của Việt Nam "
           "đã điện đàm.", "2024-03-13", ("PHONE_CALL", {"AU", "VN"}, "2024-03-12")),
    ("fr", "Le Vietnam et la France ont établi leurs relations diplomatiques le 12 avril 1973.",
     None, ("RELATIONS_ESTABLISHED", {"FR", "VN"}, "1973-04-12")),
    ("de", "Vietnam und Deutschland haben am 23. September 1975 diplomatische Beziehungen "
           "aufgenommen.", None, ("RELATIONS_ESTABLISHED", {"DE", "VN"}, "1975-09-23")),
]


@pytest.mark.parametrize("language, text, published, expected", EVENT_ROWS)
def test_event_rows(language, text, published, expected):
    kind, actors, date = expected
    assert (kind, frozenset(actors), date) in _events(text, language, published)


@pytest.mark.parametrize("language, text", [
    ("en", "Heavy rain is expected across the northern provinces this weekend, the national "
           "weather agency said on Monday."),
    ("vi", "Giá vàng trong nước sáng nay tăng mạnh theo đà của thị trường thế giới."),
    # a welcome ceremony for students, a fire drill: no visit, no exercise
    ("en", "The university hosted a welcome ceremony for new exchange students from Japan and "
           "South Korea on Monday."),
    ("vi", "Trường Đại học Quốc gia tổ chức lễ đón chính thức sinh viên Nhật Bản và Hàn Quốc."),
    ("en", "The fire drill was the first in the building that Vietnam and Laos share for their "
           "trade offices."),
])
def test_no_bilateral_event(language, text):
    ex = extract_document(_doc(text, language, "2024-06-01"))
    assert ex.events == () and ex.facts == ()


FACT_ROWS = [
    # projects with money are investment, also when an investment word comes only later
    ("en", "By September 2024, investors from the UAE ran 42 projects in Viet Nam worth "
           "$74.09 million, a modest share of the foreign money in the country.",
     "2024-10-28", ("INVESTMENT", "AE", "VN", 74_090_000, "2024-09")),
    ("en", "Two-way trade between Vietnam and Australia reached 15.7 billion USD in 2022.", None,
     ("TRADE_TOTAL", "VN", "AU", 15_700_000_000, "2022")),
    ("vi", "Tính đến tháng 6/2024, doanh nghiệp Nhật Bản có 5.200 dự án ở Việt Nam, vốn đăng "
           "ký cộng lại 73,5 tỷ USD.", None,
     ("INVESTMENT_PROJECTS", "JP", "VN", 5200, "2024-06")),
    ("vi", "Tính đến tháng 6/2024, doanh nghiệp Nhật Bản có 5.200 dự án ở Việt Nam, vốn đăng "
           "ký cộng lại 73,5 tỷ USD.", None,
     ("INVESTMENT", "JP", "VN", 73_500_000_000, "2024-06")),
]


@pytest.mark.parametrize("language, text, published, expected", FACT_ROWS)
def test_fact_rows(language, text, published, expected):
    facts = _facts(text, language, published)
    metric, a, b, value, period = expected
    if metric == "TRADE_TOTAL":
        assert any(f[0] == metric and {f[1], f[2]} == {a, b} and f[3] == value
                   and f[4] == period for f in facts), facts
    else:
        assert expected in facts, facts


def test_target_is_not_a_fact():
    text = "The two countries aim to raise bilateral trade to 20 billion USD by 2030."
    assert _facts(text, "en", "2024-01-10") == set()


@pytest.mark.parametrize("language, text", [
    ("en", "In 2024 Brazil and Vietnam commemorated the 35th anniversary of the establishment "
           "of their diplomatic relations."),
    ("vi", "Năm 2024, Việt Nam và Brazil kỷ niệm 35 năm thiết lập quan hệ ngoại giao."),
])
def test_an_anniversary_of_ties_is_not_their_establishment(language, text):
    found = _events(text, language, "2025-04-02")
    assert ("ANNIVERSARY", frozenset({"BR", "VN"}), "2024") in found
    assert not any(kind == "RELATIONS_ESTABLISHED" for kind, _, _ in found)


def test_an_anniversary_with_the_founding_day_keeps_the_founding():
    from bilat.extract.state import Candidate
    from bilat.extract.steps.consolidate import drop_anniversary_echo

    def cand(kind, date):
        return Candidate(type=kind, actors=("BE", "VN"), sentence=0, evidence="", start=0,
                         end=0, trigger=0, date_start=date)

    kept = drop_anniversary_echo([cand("ANNIVERSARY", "2023"),
                                  cand("RELATIONS_ESTABLISHED", "1973-03-22"),
                                  cand("RELATIONS_ESTABLISHED", "2023")])
    assert [(c.type, c.date_start) for c in kept] == [
        ("ANNIVERSARY", "2023"), ("RELATIONS_ESTABLISHED", "1973-03-22")]


@pytest.mark.parametrize("language, text", [
    ("en", "Canadian Prime Minister Justin Trudeau's official visit to Vietnam aims to elevate "
           "ties between the two countries."),
    ("vi", "Chuyến thăm chính thức Việt Nam của ông Trudeau, Thủ tướng Canada, nhằm nâng tầm "
           "mối quan hệ song phương."),
])
def test_an_aim_to_upgrade_is_no_upgrade(language, text):
    found = _events(text, language, "2017-11-08")
    assert not any(kind == "PARTNERSHIP_UPGRADE" for kind, _, _ in found)
    assert any(kind == "VISIT" for kind, _, _ in found)


@pytest.mark.parametrize("language, dateline, text, expected", [
    ("en", "Ottawa, 6 April 2022", "Canadian Prime Minister Justin Trudeau spoke by "
     "telephone with Mexican President Andrés Manuel López Obrador.",
     ("PHONE_CALL", frozenset({"CA", "MX"}), "2022-04-06")),
    ("fr", "Dakar, le 18 février 2020", "Le Sénégal et la Mauritanie ont signé plusieurs "
     "accords de coopération.", ("AGREEMENT", frozenset({"MR", "SN"}), "2020-02-18")),
])
def test_the_leads_undated_event_takes_the_datelines_day(language, dateline, text, expected):
    doc = Document(doc_id="t", source="test", text=text, content_id="c", language=language,
                   dateline=dateline, published=expected[2][:7])
    found = {(e.type, frozenset(e.actors), e.date_start)
             for e in extract_document(doc).events}
    assert expected in found


@pytest.mark.parametrize("language, text", [
    ("en", "The signing of the Strategic Partnership Agreement between Italy and Vietnam in "
           "2013 widened their cooperation."),
    ("vi", "Năm 2013, Italy và Việt Nam đặt bút ký Hiệp định quan hệ Đối tác chiến lược, mở "
           "rộng hợp tác."),
    ("fr", "En 2013, l'Italie et le Vietnam ont conclu un accord de partenariat stratégique "
           "qui a élargi leur coopération."),
])
def test_a_partnership_agreement_signed_is_an_upgrade(language, text):
    found = _events(text, language, "2023-03-23")
    assert ("PARTNERSHIP_UPGRADE", frozenset({"IT", "VN"}), "2013") in found


def test_polish_years_since_ties_were_established_is_an_anniversary():
    text = ("Podczas spotkania Polski i Wietnamu podsumowano stan relacji po 75 latach od "
            "nawiązania stosunków dyplomatycznych.")
    found = _events(text, "pl", "2025-07-09")
    assert ("ANNIVERSARY", frozenset({"PL", "VN"}), "2025") in found


@pytest.mark.parametrize("text, partner", [
    ("Mark Rutte, the Dutch premier, said The Hague would back the early signing of the "
     "EU's trade deal with Vietnam.", "NL"),
    ("Jeremy Hunt, Britain's foreign secretary, promised to push forward the signing and "
     "ratification of the EU-Vietnam trade pact.", "GB"),
])
def test_backing_a_treaty_signing_is_support(text, partner):
    found = _events(text, "en", "2018-09-19")
    assert ("SUPPORT_STATEMENT", frozenset({"EU", partner, "VN"}), None) in found


def test_a_stock_in_an_undated_report_takes_the_year_the_text_implies():
    text = ("Vietnam and Belgium are celebrating the 50th anniversary of their diplomatic "
            "relations. To date, Belgium has given Vietnam 300 million USD of development aid.")
    facts = _facts(text, "en", None)
    assert ("AID_AMOUNT", "BE", "VN", 300_000_000, "2023") in facts, facts


@pytest.mark.parametrize("language, text", [
    ("en", "Vietnam welcomes Canadian Prime Minister Justin Trudeau's visit in the coming time, "
           "the Vietnamese ambassador said."),
    ("vi", "Phía Việt Nam hoan nghênh ông Trudeau, Thủ tướng Canada, sang thăm Việt Nam trong "
           "thời gian tới."),
])
def test_a_visit_at_no_stated_time_is_no_event(language, text):
    found = _events(text, language, "2023-11-20")
    assert not any(kind == "VISIT" for kind, _, _ in found), found


@pytest.mark.parametrize("language, text", [
    ("en", "Marking the 50th anniversary of Italy-Vietnam diplomatic ties (March 23, 1973 - "
           "March 23, 2023), Sergio Mattarella of Italy sent a letter to Vietnam's president "
           "Vo Van Thuong."),
    ("vi", "Ông Sergio Mattarella, Tổng thống Italy, gửi thư chúc mừng tới ông Võ Văn Thưởng "
           "nhân kỷ niệm 50 năm quan hệ ngoại giao Italy - Việt Nam (23/3/1973-23/3/2023)."),
    ("fr", "Pour le 50e anniversaire des relations diplomatiques italo-vietnamiennes (23 mars "
           "1973-23 mars 2023), Sergio Mattarella, président de l'Italie, a envoyé une lettre à "
           "son homologue Vo Van Thuong."),
])
def test_an_anniversary_letter_is_dated_by_the_month_it_is_sent(language, text):
    found = _events(text, language, "2023-03")
    assert ("ANNIVERSARY", frozenset({"IT", "VN"}), "2023-03") in found, found


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Chilean President Gabriel Boric will pay his first state visit to Vietnam this "
           "month, his second trip to the country after the visit he made in 2019 as a "
           "lawmaker."),
    ("vi", "Đây là chuyến thăm cấp Nhà nước đầu tiên của Tổng thống Chile Gabriel Boric tới "
           "Việt Nam, và là lần thứ hai ông tới Việt Nam sau chuyến thăm năm 2019."),
])
def test_a_visit_and_the_earlier_one_it_recalls_are_two(language, text):
    ex = extract_document(_doc(text, language, "2025-03-20"))
    visits = sorted((e.date_start or "", e.status) for e in ex.events if e.type == "VISIT")
    assert len(visits) == 2
    assert ("2019", "happened") in visits  # a period over before the report is no plan
    assert all(d != "2019" for d, _ in visits if (d, _) != ("2019", "happened"))


STORY_YEAR = {
    "en": ("A visit to Chile from May 3-5 by Vietnam's President will be his first trip to the "
           "South American country. The visit is a highlight of the Vietnam-Chile Friendship "
           "Year 2019. Among visits in 2018 was a trip to Hanoi by Chile's foreign minister in "
           "June. Vietnam currently has 12 investment projects worth 30 million USD in Chile."),
    "vi": ("Chuyến thăm Chile từ ngày 3-5/5 của Chủ tịch nước sẽ là chuyến đi đầu tiên của ông "
           "tới quốc gia Nam Mỹ này. Chuyến thăm là điểm nhấn của Năm Hữu nghị Việt Nam - Chile "
           "2019. Trong số các chuyến thăm năm 2018 có chuyến thăm Hà Nội của Ngoại trưởng Chile "
           "vào tháng 6. Việt Nam hiện có 12 dự án đầu tư tại Chile với tổng vốn 30 triệu USD."),
}


@pytest.mark.parametrize("language", sorted(STORY_YEAR))
def test_a_year_told_of_the_story_completes_its_day_and_month(language):
    """No publication date: "from May 3-5" and "the visit … Friendship Year 2019" are one
    visit, 3-5 May 2019; the report is then of 2019 for its "currently"; a month in a
    sentence about 2018 stays in 2018."""
    ex = extract_document(_doc(STORY_YEAR[language], language))
    visits = {(e.date_start, e.date_end) for e in ex.events if e.type == "VISIT"}
    assert ("2019-05-03", "2019-05-05") in visits
    assert all(d != "2019-06" for d, _ in visits)
    periods = {(f.metric, f.period) for f in ex.facts}
    assert ("INVESTMENT_PROJECTS", "2019") in periods and ("INVESTMENT", "2019") in periods


def test_the_base_of_a_change_is_no_period():
    (fact,) = [f for f in extract_document(_doc(
        "Cambodia's exports to Vietnam reached 354 million USD in the first quarter of 2017, "
        "up 16.2 percent from a year earlier.", "en", "2017-04-20")).facts]
    assert fact.period == "2017-01..2017-03"


SERIES = {
    "en": ("Vietnam's Prime Minister is visiting New Zealand from May 7-11. Their two-way trade "
           "rose to 156 million USD last year from 114 million USD in 2003."),
    "vi": ("Thủ tướng Việt Nam thăm New Zealand từ ngày 7-11/5. Kim ngạch thương mại hai chiều "
           "năm ngoái đạt 156 triệu USD, tăng so với mức 114 triệu USD năm 2003."),
}


@pytest.mark.parametrize("language", sorted(SERIES))
def test_last_year_continues_the_series_it_is_told_in(language):
    """No publication date: "last year" after a figure of 2003 is 2004 for the figure; the
    visit's day and month are of no year the series tells (SCHEMA.md)."""
    ex = extract_document(_doc(SERIES[language], language))
    assert ("TRADE_TOTAL", 156e6, "2004") in {(f.metric, f.value, f.period) for f in ex.facts}
    assert all(e.date_start is None for e in ex.events if e.type == "VISIT")


def test_figures_listed_in_one_clause_share_its_period():
    facts = {(f.metric, f.source_country, f.target_country, f.period) for f in extract_document(
        _doc("About 40,000 Vietnamese people visited Laos and 25,000 Lao people took holidays "
             "in Vietnam in 2019.", "en", "2020-05-02")).facts}
    assert facts == {("TOURISTS", "VN", "LA", "2019"), ("TOURISTS", "LA", "VN", "2019")}


@pytest.mark.parametrize(("language", "text"), [
    ("vi", "Ngoại trưởng Malaysia thăm chính thức Việt Nam từ ngày 10-12/6. Hai nước lập quan hệ "
           "ngoại giao cách đây 44 năm và trở thành đối tác chiến lược ngày 7/8/2015."),
    ("en", "Malaysia's foreign minister pays an official visit to Vietnam from June 10-12. The "
           "two countries established diplomatic relations 44 years ago and set up a strategic "
           "partnership on August 7, 2015."),
])
def test_ties_set_up_n_years_ago_date_an_undated_report_by_the_known_founding(language, text):
    """A partnership's date is no founding of ties: 44 years after the known founding of
    Malaysia-Vietnam ties (1973) is 2017, the visit's year."""
    rows = {(e.type, e.date_start) for e in extract_document(_doc(text, language)).events}
    assert ("VISIT", "2017-06-10") in rows and ("PARTNERSHIP_UPGRADE", "2015-08-07") in rows
    assert not any(kind == "RELATIONS_ESTABLISHED" for kind, _ in rows)


ARRIVAL = {
    "es": ("El presidente de Uruguay, Yamandú Orsi, llegó a Brasil el lunes para una visita "
           "oficial. El mandatario uruguayo arribó a Brasilia al mediodía y se reunió en el "
           "Palacio del Planalto con su par Luiz Inácio Lula da Silva. Tras la reunión, ambos "
           "presidentes firmaron acuerdos de cooperación."),
    "en": ("Uruguayan President Yamandu Orsi arrived in Brazil on Monday for an official visit. "
           "Orsi arrived in Brasilia at noon and met his counterpart Luiz Inacio Lula da Silva "
           "at the Planalto Palace. After the talks, the two presidents signed cooperation "
           "agreements."),
}


@pytest.mark.parametrize("language", sorted(ARRIVAL))
def test_talks_told_with_the_arrival_and_a_signing_after_them_take_its_day(language):
    rows = _events(ARRIVAL[language], language, "2025-05-06")
    assert {("VISIT", frozenset({"BR", "UY"}), "2025-05-05"),
            ("MEETING", frozenset({"BR", "UY"}), "2025-05-05"),
            ("AGREEMENT", frozenset({"BR", "UY"}), "2025-05-05")} <= rows


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Lao President Thongloun Sisoulith thanked Vietnam for its support during his visit "
           "to Hanoi on Tuesday."),
    ("fr", "Le président laotien Thongloun Sisoulith a remercié le Vietnam pour son soutien lors "
           "de sa visite à Hanoï mardi."),
    ("vi", "Chủ tịch nước Lào Thongloun Sisoulith cảm ơn Việt Nam đã hỗ trợ trong chuyến thăm Hà "
           "Nội ngày 10/9."),
])
def test_a_day_told_during_a_visit_dates_the_visit_to_its_month(language, text):
    """SCHEMA.md: a visit's dates come from a span, an arrival or a departure, else the month
    of its dated activities; done on the day of the report, it is under way."""
    ex = extract_document(_doc(text, language, "2024-09-10"))
    assert [(e.type, frozenset(e.actors), e.date_start, e.status) for e in ex.events
            if e.type == "VISIT"] == [("VISIT", frozenset({"LA", "VN"}), "2024-09", "ongoing")]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Chilean President Gabriel Boric will make his first state visit to Vietnam. Last "
           "year, Vietnamese Prime Minister Pham Minh Chinh paid a visit to Chile in September "
           "2023 and the two sides upgraded ties."),
    ("vi", "Tổng thống Chile Gabriel Boric sẽ có chuyến thăm cấp Nhà nước đầu tiên đến Việt Nam. "
           "Thủ tướng Phạm Minh Chính đã có chuyến thăm đến Chile vào tháng 9/2023."),
])
def test_visits_to_two_different_hosts_are_two(language, text):
    ex = extract_document(_doc(text, language))
    visits = sorted(((e.date_start or ""), e.status, e.people) for e in ex.events
                    if e.type == "VISIT")
    assert [(d, s) for d, s, _ in visits] == [("", "scheduled"), ("2023-09", "happened")]
    assert visits[0][2] == ("Gabriel Boric",)


def test_an_undated_report_lends_no_signing_month_to_its_visit():
    """No publication date, no year: a signing dated years back may be history, not an
    activity of the visit the report is about."""
    rows = _events("Canadian Prime Minister Justin Trudeau begins an official visit to Vietnam. "
                   "In September 2014, the foreign ministers of Vietnam and Canada signed a "
                   "letter of intent.", "en")
    assert ("VISIT", frozenset({"CA", "VN"}), None) in rows
    assert ("AGREEMENT", frozenset({"CA", "VN"}), "2014-09") in rows


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The leaders welcomed the results of the Strategic Partnership Agreement on Water "
           "Management signed by Vietnam and the Netherlands in 2010."),
    ("fr", "Les dirigeants ont salué les résultats de l'accord de partenariat stratégique sur "
           "la gestion de l'eau signé par le Vietnam et les Pays-Bas en 2010."),
    ("vi", "Hai bên hoan nghênh kết quả của Hiệp định đối tác chiến lược về quản lý nước mà Việt "
           "Nam và Hà Lan ký năm 2010."),
])
def test_a_sectoral_partnership_agreement_is_no_upgrade(language, text):
    rows = _events(text, language, "2017-07-10")
    assert not any(kind == "PARTNERSHIP_UPGRADE" for kind, _, _ in rows)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Belgium ceased its grant aid to Vietnam in July 2018."),
    ("vi", "Vào tháng 7/2018, Bỉ ngừng viện trợ không hoàn lại cho Việt Nam."),
    ("vi", "Từ tháng 7/2018, Bỉ ngừng viện trợ không hoàn lại cho Việt Nam."),  # from then on
])
def test_aid_stopped_is_no_aid_given(language, text):
    rows = _events(text, language, "2023-08-18")
    assert ("OTHER", frozenset({"BE", "VN"}), "2018-07") in rows
    assert not any(kind == "AID" for kind, _, _ in rows)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Malaysian Prime Minister Anwar Ibrahim makes his first official trip to Vietnam "
           "since he took office in December 2022."),
    ("fr", "Le chef du gouvernement malaisien Anwar Ibrahim se rend pour la première fois au "
           "Vietnam en visite officielle depuis son entrée en fonction en décembre 2022."),
])
def test_a_date_in_a_since_clause_is_not_the_visits(language, text):
    rows = _events(text, language, "2023-07-18")
    assert not any(date == "2022-12" for _, _, date in rows)


def test_a_founding_date_in_a_since_clause_dates_no_signing_told_after_it():
    rows = _events("Ties between Vietnam and Belgium have deepened since the two countries set up "
                   "diplomatic relations on March 22, 1973, and the two prime ministers witnessed "
                   "the signing of several deals.", "en", "2022-12-13")
    assert ("RELATIONS_ESTABLISHED", frozenset({"BE", "VN"}), "1973-03-22") in rows
    assert ("AGREEMENT", frozenset({"BE", "VN"}), None) in rows


def test_the_drill_told_as_the_first_dates_the_exercise_and_the_two_neighbours_are_the_pair():
    rows = _events("Vietnam and Cambodia will hold a joint naval exercise in the Gulf of Thailand "
                   "this week, their navies said. The June 12 drill is the first between the two "
                   "Mekong neighbours, which both border China.", "en", "2025-06-10")
    assert rows == {("EXERCISE", frozenset({"KH", "VN"}), "2025-06-12")}


# -- what a review of the rules above found (each once wrong) ---------------------------------

def test_a_visit_ended_before_flying_home_is_one_visit():
    rows = _events("Brazilian President Lula began a state visit to Vietnam on 27 March 2025. "
                   "Lula wrapped up his visit on 29 March and flew back to Brazil.", "en",
                   "2025-03-30")
    assert rows == {("VISIT", frozenset({"BR", "VN"}), "2025-03-27")}


def test_vietnamese_words_that_fold_like_during_do_not_make_an_activity():
    # "nhấn mạnh" folds to "nhan manh", "quan trọng" to "quan trong"
    rows = _events("Thủ tướng Phạm Minh Chính nhấn mạnh chuyến thăm Việt Nam ngày 5/5/2024 của "
                   "Thủ tướng Lào.", "vi", "2024-05-06")
    assert ("VISIT", frozenset({"LA", "VN"}), "2024-05-05") in rows


def test_years_after_followed_by_the_resulting_year_are_no_arithmetic():
    rows = _events("Năm 1998, hai nước ký hiệp định. 10 năm sau, năm 2008, Chủ tịch nước Việt Nam "
                   "sang thăm Nhật Bản ngày 5/5.", "vi")
    assert ("VISIT", frozenset({"JP", "VN"}), "2008-05-05") in rows


@pytest.mark.parametrize("text", [
    "Two-way trade between Vietnam and New Zealand rose to 156 million USD from 114 million USD "
    "in 2003.",
    "Vietnam's exports to Japan reached 960 million USD, up 16.2% from 2022.",
])
def test_the_base_of_a_comparison_dates_no_other_figure(text):
    facts = _facts(text, "en", "2023-05-12")
    assert all(period is None for metric, _, _, value, period in facts if value > 150e6)


def test_german_aid_stopped_after_the_noun_is_no_aid():
    rows = _events("Deutschland stellte 2010 die Entwicklungshilfe für Vietnam ein.", "de",
                   "2012-01-01")
    assert rows == {("OTHER", frozenset({"DE", "VN"}), "2010")}


def test_leaders_of_both_sides_agreeing_together_met():
    rows = _events("Lao Prime Minister Sonexay Siphandone paid an official visit to Vietnam in "
                   "January 2024. During the visit, the Vietnamese and Lao prime ministers agreed "
                   "to expand rail links.", "en", "2024-01-20")
    assert ("MEETING", frozenset({"LA", "VN"}), "2024-01") in rows


def test_the_leaders_of_two_other_states_are_not_the_reports_pair():
    rows = _events("Vietnamese Prime Minister Pham Minh Chinh began an official visit to Belgium "
                   "on Monday, his first to the country. Vietnam and Belgium set up ties in 1973. "
                   "Separately, the French and German leaders agreed to meet in Paris next month.",
                   "en", "2022-12-13")
    assert ("MEETING", frozenset({"DE", "FR"}), "2023-01") in rows
    assert not any(kind == "MEETING" and actors == {"BE", "VN"} for kind, actors, _ in rows)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Kazakhstan's foreign minister Murat Nurtleu arrived in Uzbekistan on a working visit. "
           "During the Uzbek president's state visit to Kazakhstan last September, the two "
           "countries held the first meeting of their supreme state council."),
    ("de", "Kasachstans Chefdiplomat Murat Nurtleu reiste zu einem Arbeitsbesuch nach "
           "Usbekistan. Während des Staatsbesuchs des usbekischen Präsidenten in Kasachstan im "
           "September letzten Jahres tagte erstmals der Oberste Staatsrat beider Länder."),
])
def test_the_leads_visit_is_the_news_of_its_month_and_last_septembers_another(language, text):
    """A report dated March 2025: the visit its lead reports done is of that month; a state
    visit of last September, and what was done during it, are other happenings."""
    visits = {(e.date_start, e.status) for e in extract_document(
        _doc(text, language, "2025-03")).events if e.type == "VISIT"}
    assert visits == {("2025-03", "happened"), ("2024-09", "happened")}


@pytest.mark.parametrize(("language", "text", "expected"), [
    # an origin or host word ending in an apostrophe, or an article ending in one, joins the
    # state's name with no space ("dall'Algeria", "vers l'Espagne")
    ("it", "Nel 2023 l'Italia ha ricevuto esportazioni dall'Algeria per 8 miliardi di euro.",
     ("EXPORTS", "DZ", "IT")),
    ("it", "Nel 2023 le esportazioni verso l'Italia sono state di 2 miliardi di euro per la "
           "Tunisia.", ("EXPORTS", "TN", "IT")),
    ("fr", "En 2023, les exportations vers l'Espagne de l'Algérie ont atteint 5 milliards "
           "d'euros.", ("EXPORTS", "DZ", "ES")),
    ("fr", "En 2023, l'Espagne a reçu des exportations d'Algérie pour 5 milliards d'euros.",
     ("EXPORTS", "DZ", "ES")),
    # a demonym next to the metric noun names the exporter (or the importer, the investor)
    ("en", "In 2023, Angola bought $2 billion in Brazilian exports.", ("EXPORTS", "BR", "AO")),
    ("pt", "Em 2023, Angola comprou US$ 2 bilhões em exportações brasileiras.",
     ("EXPORTS", "BR", "AO")),
    ("it", "Nel 2023 la Tunisia ha acquistato 1,4 miliardi di euro di esportazioni italiane.",
     ("EXPORTS", "IT", "TN")),
    ("pt", "Em 2023, Angola recebeu US$ 500 milhões em investimentos brasileiros.",
     ("INVESTMENT", "BR", "AO")),
])
def test_elided_and_demonym_sides_direct_a_figure(language, text, expected):
    facts = {(f.metric, f.source_country, f.target_country, f.period)
             for f in extract_document(_doc(text, language, "2024-03-01")).facts}
    assert facts == {(*expected, "2023")}


@pytest.mark.parametrize(("language", "text"), [
    ("it", "Nel 2023 l'interscambio tra Italia e Tunisia ha compreso 1,4 miliardi di euro di "
           "export italiano."),
    ("pt", "Em 2023, o comércio entre o Brasil e Angola incluiu US$ 1,4 bilhão em exportações "
           "brasileiras."),
    ("en", "In 2023, bilateral trade between Brazil and Angola included $1.4 billion of "
           "exports from Brazil."),
])
def test_a_metric_noun_right_after_the_amount_beats_a_trade_word_before_it(language, text):
    metrics = {f.metric for f in extract_document(_doc(text, language, "2024-03-01")).facts}
    assert metrics == {"EXPORTS"}


def test_articles_come_from_each_languages_data():
    import re

    from bilat.extract.lexicon import article_fragment

    def before_name(code: str, head: str) -> bool:
        return re.search(rf"(?:to|verso|vers)\s*{article_fragment(code)}$", head) is not None

    assert before_name("en", "exports to the ") and before_name("it", "verso l'")
    assert before_name("fr", "vers l'") and not before_name("it", "verso the ")
    assert article_fragment("pl") == ""  # a language with no articles lists none


@pytest.mark.parametrize("language, text, published, expected", [
    # the visit's talks have a day and the visit no other: what is told undated with them
    # (a signing) happened that day, not merely in the visit's month
    ("en", "Japanese Prime Minister Fumio Kishida is on an official visit to Italy. "
           "He held talks in Rome with Italian Prime Minister Giorgia Meloni on Tuesday. "
           "The talks covered defence and trade. Energy was discussed too. "
           "Kishida and Meloni signed an agreement on defence cooperation.",
     "2023-01-11", ("AGREEMENT", {"IT", "JP"}, "2023-01-10")),
    ("it", "Il primo ministro giapponese Fumio Kishida è in visita ufficiale in Italia. "
           "Martedì ha avuto un incontro a Roma con la presidente del Consiglio Giorgia Meloni. "
           "Si è parlato di difesa e di commercio. Anche l'energia è stata discussa. "
           "Kishida e Meloni hanno firmato un accordo sulla cooperazione nella difesa.",
     "2023-01-11", ("AGREEMENT", {"IT", "JP"}, "2023-01-10")),
    # an undated happening the lead reports takes the publication month
    ("en", "Italian Prime Minister Giorgia Meloni held talks with Ethiopian Prime Minister "
           "Abiy Ahmed in Rome.", "2023-02-12", ("MEETING", {"ET", "IT"}, "2023-02")),
    ("it", "La presidente del Consiglio Giorgia Meloni ha incontrato a Roma il primo ministro "
           "etiope Abiy Ahmed.", "2023-02-12", ("MEETING", {"ET", "IT"}, "2023-02")),
])
def test_undated_activities_take_the_days_or_the_news_month(language, text, published,
                                                           expected):
    kind, actors, date = expected
    assert (kind, frozenset(actors), date) in _events(text, language, published)
