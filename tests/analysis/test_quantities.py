"""Rows per language for find_quantities: every form of amount, count and percentage it must
read, and the numbers it must leave alone. Each row: (language, text, expected), expected a
list of (span text, value, unit, qualifier) in text order; the kind follows from the unit."""

from __future__ import annotations

import pytest

from bilat.analysis.quantities import find_quantities, grammar, parse_number

B, M, K = 1e9, 1e6, 1e3
PEOPLE, PROJECTS, TOURISTS, STUDENTS = "people", "projects", "tourists", "students"
COUNT_UNITS = {None, PEOPLE, PROJECTS, TOURISTS, STUDENTS, "tonnes", "companies", "jobs",
               "doses", "scholarships"}


def kind_of(unit: str | None) -> str:
    if unit == "%":
        return "percent"
    return "count" if unit in COUNT_UNITS else "money"


ROWS = [
    # --- English: money ---
    ("en", "Exports climbed to 4.29 billion USD last year.",
     [("4.29 billion USD", 4.29 * B, "USD", None)]),
    ("en", "Sales hit US$4.29bn in the period.", [("US$4.29bn", 4.29 * B, "USD", None)]),
    ("en", "The deal is worth $4.29 billion.", [("$4.29 billion", 4.29 * B, "USD", None)]),
    ("en", "The bank lent USD 4.29 billion.", [("USD 4.29 billion", 4.29 * B, "USD", None)]),
    ("en", "Four firms put in 12.6 million USD.",
     [("Four firms", 4, "companies", None), ("12.6 million USD", 12.6 * M, "USD", None)]),
    ("en", "Tokyo offered 95 billion yen in loans.", [("95 billion yen", 95 * B, "JPY", None)]),
    ("en", "Canberra gave A$50 million ($33 million) in grants.",
     [("A$50 million", 50 * M, "AUD", None), ("$33 million", 33 * M, "USD", None)]),
    ("en", "Brussels set aside €1.2 billion.", [("€1.2 billion", 1.2 * B, "EUR", None)]),
    ("en", "London pledged £300m for the scheme.", [("£300m", 300 * M, "GBP", None)]),
    ("en", "Belgium granted 300 million US dollars in aid.",
     [("300 million US dollars", 300 * M, "USD", None)]),
    ("en", "Ottawa signed a CAD 2.5 billion package.", [("CAD 2.5 billion", 2.5 * B, "CAD", None)]),
    ("en", "Kuala Lumpur invested RM 1.2 billion.", [("RM 1.2 billion", 1.2 * B, "MYR", None)]),
    ("en", "Turnover reached VND 15 trillion.", [("VND 15 trillion", 15e12, "VND", None)]),
    ("en", "They traded 50 million baht of fruit.", [("50 million baht", 50 * M, "THB", None)]),
    ("en", "Wellington will give NZD10 million ($7.3 million).",
     [("NZD10 million", 10 * M, "NZD", None), ("$7.3 million", 7.3 * M, "USD", None)]),
    ("en", "Singapore put S$1.2 billion and Hong Kong HK$3 billion into it.",
     [("S$1.2 billion", 1.2 * B, "SGD", None), ("HK$3 billion", 3 * B, "HKD", None)]),
    ("en", "Brazil bought R$ 500 million and Seoul 10 billion won worth.",
     [("R$ 500 million", 500 * M, "BRL", None), ("10 billion won", 10 * B, "KRW", None)]),
    ("en", "Havana received 3 million Cuban pesos and 5 billion yuan.",
     [("3 million Cuban pesos", 3 * M, "CUP", None), ("5 billion yuan", 5 * B, "CNY", None)]),
    ("en", "It costs a billion dollars and $5 trillion overall.",
     [("a billion dollars", 1 * B, "USD", None), ("$5 trillion", 5e12, "USD", None)]),
    ("en", "The fund is 58.125 million USD.", [("58.125 million USD", 58.125 * M, "USD", None)]),
    ("en", "A grant of $50k was made.", [("$50k", 50 * K, "USD", None)]),
    ("en", "The ODA loan of USD 300 million was signed.",
     [("USD 300 million", 300 * M, "USD", None)]),
    # --- English: counts ---
    ("en", "Currently more than 13,000 Vietnamese people live there.",
     [("more than 13,000 Vietnamese people", 13000, PEOPLE, "over")]),
    ("en", "Some 212,000 Cambodians came.", [("Some 212,000 Cambodians", 212000, PEOPLE, "about")]),
    ("en", "Investors run 90 projects in the city.", [("90 projects", 90, PROJECTS, None)]),
    ("en", "Belgium has 87 valid investment projects here.",
     [("87 valid investment projects", 87, PROJECTS, None)]),
    ("en", "The country had four projects there.", [("four projects", 4, PROJECTS, None)]),
    ("en", "It drew 1.5 million tourists and 2 million arrivals.",
     [("1.5 million tourists", 1.5 * M, TOURISTS, None),
      ("2 million arrivals", 2 * M, TOURISTS, None)]),
    ("en", "About 5,000 students study abroad.",
     [("About 5,000 students", 5000, STUDENTS, "about")]),
    ("en", "There are 13,000 members of the community.",
     [("13,000 members", 13000, PEOPLE, None)]),
    ("en", "We hosted one hundred twenty-five students and a hundred people.",
     [("one hundred twenty-five students", 125, STUDENTS, None),
      ("a hundred people", 100, PEOPLE, None)]),
    ("en", "It shipped 50,000 tons of rice and 1,234.5 tonnes of tea.",
     [("50,000 tons", 50000, "tonnes", None), ("1,234.5 tonnes", 1234.5, "tonnes", None)]),
    ("en", "A total of 1 trillion was mentioned.", [("1 trillion", 1e12, None, None)]),
    ("en", "A survey counted 1.234 people.", [("1.234 people", 1234, PEOPLE, None)]),
    # --- English: percentages, qualifiers, ranges ---
    ("en", "Trade surged 53.8% and 12.5 per cent and 7 percent.",
     [("53.8%", 53.8, "%", None), ("12.5 per cent", 12.5, "%", None), ("7 percent", 7, "%", None)]),
    ("en", "It rose by nearly 2.8 billion USD, almost 10%.",
     [("nearly 2.8 billion USD", 2.8 * B, "USD", "nearly"), ("almost 10%", 10, "%", "nearly")]),
    ("en", "Aid could reach up to US$5 billion.", [("up to US$5 billion", 5 * B, "USD", "up to")]),
    ("en", "Over 200,000 Thais and around 90 firms took part.",
     [("Over 200,000 Thais", 200000, PEOPLE, "over"), ("around 90 firms", 90, "companies",
                                                        "about")]),
    ("en", "Fewer than 30 projects were approved.",
     [("Fewer than 30 projects", 30, PROJECTS, "under")]),
    ("en", "Growth averaged about 20 – 25 percent.",
     [("about 20 – 25 percent", 20, "%", "about")]),
    ("en", "Losses of 2-3 billion USD are feared.", [("2-3 billion USD", 2 * B, "USD", "range")]),
    ("en", "Some 2 to 3 million people may come.",
     [("Some 2 to 3 million people", 2 * M, PEOPLE, "about")]),
    ("en", "The share went from 20 to 25 percent.",
     [("20", 20, None, None), ("25 percent", 25, "%", None)]),
    ("en", "It fell -3.5% (2.5%) in the quarter.", [("3.5%", 3.5, "%", None),
                                                    ("2.5%", 2.5, "%", None)]),
    ("en", "Rates rose a two percent step.", [("two percent", 2, "%", None)]),
    ("en", "Exports (+5.2%) beat imports.", [("5.2%", 5.2, "%", None)]),
    # --- English: not quantities ---
    ("en", "In 2023 the two countries marked the 50th anniversary.", []),
    ("en", "On August 21 and 5 May, at 10:30 and 10 a.m., they met.", []),
    ("en", "Decree No. 15, Article 5, Resolution 36-NQ/TW and Decree 15/2020/ND-CP apply.", []),
    ("en", "Call +84 24 3825 1234 or 024 3825 1234 or 0912 345 678.", []),
    ("en", "The G20, the G7, COVID-19, F-16 jets, 5G and Q1 were discussed.", []),
    ("en", "In the 1990s and the 2007-08 fiscal year, over 30 years, 3 times.", []),
    ("en", "The ship sailed 300m away on 22.3.1973 and 21/8.", []),
    ("en", "The 2nd and 3rd rounds followed the 1st.", []),
    ("en", "She stays from August 21 to 25 and from 21 to 25 August.", []),
    ("en", "Growing 50-year ties, a 21-cannon salute, a 1-1 draw, a 12-12 tie.", []),
    ("en", "It helps the two countries' people and three Belgian regions.", []),
    ("en", "1. Agenda\n2. Talks", []),
    # --- Vietnamese ---
    ("vi", "Kim ngạch đạt 4,29 tỷ USD.", [("4,29 tỷ USD", 4.29 * B, "USD", None)]),
    ("vi", "Con số là 1.8 tỷ USD.", [("1.8 tỷ USD", 1.8 * B, "USD", None)]),
    ("vi", "Hai bên trao đổi 1,8 tỷ đô la và 1,8 tỷ đô la Mỹ.",
     [("1,8 tỷ đô la", 1.8 * B, "USD", None), ("1,8 tỷ đô la Mỹ", 1.8 * B, "USD", None)]),
    ("vi", "Vốn đăng ký là 12,6 triệu USD.", [("12,6 triệu USD", 12.6 * M, "USD", None)]),
    ("vi", "Ngân sách 3 nghìn tỷ đồng, tức 3.000 tỷ đồng.",
     [("3 nghìn tỷ đồng", 3e12, "VND", None), ("3.000 tỷ đồng", 3e12, "VND", None)]),
    ("vi", "Dự án được cấp 300 triệu đô la.", [("300 triệu đô la", 300 * M, "USD", None)]),
    ("vi", "Khoản vay 15.000 tỷ VNĐ và 1.250 tỷ đồng.",
     [("15.000 tỷ VNĐ", 15e12, "VND", None), ("1.250 tỷ đồng", 1.25e12, "VND", None)]),
    ("vi", "Giá vé 50.000đ một người.", [("50.000đ", 50 * K, "VND", None)]),
    ("vi", "Nhật Bản cho vay 95 tỷ yên.", [("95 tỷ yên", 95 * B, "JPY", None)]),
    ("vi", "Úc viện trợ 50 triệu đô la Úc.", [("50 triệu đô la Úc", 50 * M, "AUD", None)]),
    ("vi", "Họ đầu tư năm triệu USD và một tỷ USD.",
     [("năm triệu USD", 5 * M, "USD", None), ("một tỷ USD", 1 * B, "USD", None)]),
    ("vi", "Cộng đồng có hơn 13.000 người.", [("hơn 13.000 người", 13000, PEOPLE, "over")]),
    ("vi", "Hàn Quốc có 90 dự án, Bỉ có bốn dự án.",
     [("90 dự án", 90, PROJECTS, None), ("bốn dự án", 4, PROJECTS, None)]),
    ("vi", "Tỉnh đón 2,5 triệu lượt khách.", [("2,5 triệu lượt khách", 2.5 * M, TOURISTS, None)]),
    ("vi", "Có 1.234 dự án còn hiệu lực.", [("1.234 dự án", 1234, PROJECTS, None)]),
    ("vi", "Trường nhận 120 sinh viên và 1,5 triệu lượt khách quốc tế.",
     [("120 sinh viên", 120, STUDENTS, None),
      ("1,5 triệu lượt khách quốc tế", 1.5 * M, TOURISTS, None)]),
    ("vi", "Có 13,000 người tham dự.", [("13,000 người", 13000, PEOPLE, None)]),
    ("vi", "Xuất khẩu 300 nghìn tấn gạo.", [("300 nghìn tấn", 300 * K, "tonnes", None)]),
    ("vi", "Trên 200 doanh nghiệp và gần 3 tỷ USD.",
     [("Trên 200 doanh nghiệp", 200, "companies", "over"),
      ("gần 3 tỷ USD", 3 * B, "USD", "nearly")]),
    ("vi", "Tăng 53,8%, tức 53,8 phần trăm.",
     [("53,8%", 53.8, "%", None), ("53,8 phần trăm", 53.8, "%", None)]),
    ("vi", "Tăng khoảng 20-25%/năm.", [("khoảng 20-25%", 20, "%", "about")]),
    ("vi", "Thiệt hại 2-3 tỷ đô.", [("2-3 tỷ đô", 2 * B, "USD", "range")]),
    ("vi", "Có mười lăm dự án, một trăm hai mươi người và ba người.",
     [("mười lăm dự án", 15, PROJECTS, None), ("một trăm hai mươi người", 120, PEOPLE, None),
      ("ba người", 3, PEOPLE, None)]),
    ("vi", "Thương mại tăng từ 2 đến 3 tỷ đồng.",
     [("2", 2, None, None), ("3 tỷ đồng", 3 * B, "VND", None)]),
    ("vi", "Nhật Bản tài trợ hai tỷ USD cho mười triệu người.",
     [("hai tỷ USD", 2 * B, "USD", None), ("mười triệu người", 10 * M, PEOPLE, None)]),
    ("vi", "Khoảng chừng 500 kiều bào.", [("Khoảng chừng 500 kiều bào", 500, PEOPLE, "about")]),
    # --- Vietnamese: not quantities ---
    ("vi", "Ngày 21/8/2023, lúc 10 giờ 30 và 10h30, hai bên hội đàm.", []),
    ("vi", "Theo Nghị định số 15/2020/NĐ-CP, trong quý I/2023.", []),
    ("vi", "Trong 10 tháng đầu năm 2022, năm 2023 và lần thứ 9.", []),
    ("vi", "Thái Lan đứng thứ 9/139 quốc gia.", []),
    ("vi", "Sau tấn công, bà con người Việt đồng lòng.", []),
    ("vi", "Năm người dân và năm dự án mới.", []),
    ("vi", "Đầu tư dự án lớn.", []),
    ("vi", "Tâm bão ở khoảng 14,1 độ Vĩ Bắc.", [("khoảng 14,1", 14.1, None, "about")]),
    ("vi", "Gói 3 tỷ do Nhật Bản tài trợ.", [("3 tỷ", 3 * B, None, None)]),
    ("vi", "Kỷ niệm ngày thiết lập quan hệ (2-12-1960), chiều 12-12.", []),
    # --- French ---
    ("fr", "Un prêt de 1,2 milliard d'euros a été signé.",
     [("1,2 milliard d'euros", 1.2 * B, "EUR", None)]),
    ("fr", "Paris apporte 4,5 millions de dollars.",
     [("4,5 millions de dollars", 4.5 * M, "USD", None)]),
    ("fr", "Le budget est de 2,5 M€ et de 3 Md€.",
     [("2,5 M€", 2.5 * M, "EUR", None), ("3 Md€", 3 * B, "EUR", None)]),
    ("fr", "Environ 13 000 ressortissants vietnamiens y vivent.",
     [("Environ 13 000 ressortissants vietnamiens", 13000, PEOPLE, "about")]),
    ("fr", "On compte 13 000 Vietnamiens et plus de 200 personnes.",
     [("13 000 Vietnamiens", 13000, PEOPLE, None), ("plus de 200 personnes", 200, PEOPLE, "over")]),
    ("fr", "Il y a quatre projets et vingt et un projets.",
     [("quatre projets", 4, PROJECTS, None), ("vingt et un projets", 21, PROJECTS, None)]),
    ("fr", "Quatre-vingt-dix personnes et 1 200 000 touristes.",
     [("Quatre-vingt-dix personnes", 90, PEOPLE, None),
      ("1 200 000 touristes", 1.2 * M, TOURISTS, None)]),
    ("fr", "Une hausse de 53,8 % soit près de 54 pour cent.",
     [("53,8 %", 53.8, "%", None), ("près de 54 pour cent", 54, "%", "nearly")]),
    ("fr", "Un million d'euros pour 90 projets.",
     [("Un million d'euros", 1 * M, "EUR", None), ("90 projets", 90, PROJECTS, None)]),
    ("fr", "Le 21 août 2023, à 10 h 30, pour le 50e anniversaire et le 1er janvier.", []),
    ("fr", "Une visite du 21 au 25 août et les 11 et 12 décembre.", []),
    # --- German ---
    ("de", "Berlin stellt 1,2 Mrd. Euro bereit.", [("1,2 Mrd. Euro", 1.2 * B, "EUR", None)]),
    ("de", "Es geht um 1,2 Milliarden Euro und 300 Millionen US-Dollar.",
     [("1,2 Milliarden Euro", 1.2 * B, "EUR", None),
      ("300 Millionen US-Dollar", 300 * M, "USD", None)]),
    ("de", "Die Firma hat vier Projekte und fünfundzwanzig Projekte.",
     [("vier Projekte", 4, PROJECTS, None), ("fünfundzwanzig Projekte", 25, PROJECTS, None)]),
    ("de", "Dort leben mehr als 13.000 vietnamesische Staatsbürger.",
     [("mehr als 13.000 vietnamesische Staatsbürger", 13000, PEOPLE, "over")]),
    ("de", "Über 13 000 Vietnamesen und rund 5.000 Studenten.",
     [("Über 13 000 Vietnamesen", 13000, PEOPLE, "over"),
      ("rund 5.000 Studenten", 5000, STUDENTS, "about")]),
    ("de", "Der Handel wuchs um rund 53,8 Prozent auf 3 Mrd. €.",
     [("rund 53,8 Prozent", 53.8, "%", "about"), ("3 Mrd. €", 3 * B, "EUR", None)]),
    ("de", "Eine Milliarde Euro für zweihundert Besucher.",
     [("Eine Milliarde Euro", 1 * B, "EUR", None), ("zweihundert Besucher", 200, TOURISTS, None)]),
    ("de", "Einhundert Projekte, ein Projekt und eine Delegation.",
     [("Einhundert Projekte", 100, PROJECTS, None)]),
    ("de", "Am 22. März 2023 um 10.30 Uhr zum 50. Jahrestag, Vertrag vom 22.3.1973.", []),
    # --- Spanish ---
    ("es", "Cuba recibió 4,5 millones de dólares.",
     [("4,5 millones de dólares", 4.5 * M, "USD", None)]),
    ("es", "Son 1.200 millones de euros y 2 mil millones de dólares.",
     [("1.200 millones de euros", 1.2 * B, "EUR", None),
      ("2 mil millones de dólares", 2 * B, "USD", None)]),
    ("es", "Hay más de 300 proyectos y cuatro proyectos nuevos.",
     [("más de 300 proyectos", 300, PROJECTS, "over"), ("cuatro proyectos", 4, PROJECTS, None)]),
    ("es", "Viven 13 mil personas; subió casi 20 por ciento.",
     [("13 mil personas", 13000, PEOPLE, None), ("casi 20 por ciento", 20, "%", "nearly")]),
    ("es", "Donó un millón de dólares y dos mil millones de euros.",
     [("un millón de dólares", 1 * M, "USD", None),
      ("dos mil millones de euros", 2 * B, "EUR", None)]),
    ("es", "El 21 de agosto a las 10 horas.", []),
    ("es", "La visita del 21 al 25 de agosto.", []),
    # --- Polish ---
    ("pl", "Umowa na 1,2 mld euro i 300 mln zł.",
     [("1,2 mld euro", 1.2 * B, "EUR", None), ("300 mln zł", 300 * M, "PLN", None)]),
    ("pl", "Mieszka tam ponad 13 tys. Wietnamczyków.",
     [("ponad 13 tys. Wietnamczyków", 13000, PEOPLE, "over")]),
    ("pl", "Wzrost o 53,8 proc. i około 50 projektów, pięć projektów.",
     [("53,8 proc.", 53.8, "%", None), ("około 50 projektów", 50, PROJECTS, "about"),
      ("pięć projektów", 5, PROJECTS, None)]),
    ("pl", "Obchody 21 sierpnia, 50. rocznica.", []),
    ("pl", "Wizyta od 21 do 25 sierpnia.", []),
    # a range never falls: the year before "to" is a year, the figure comes after it
    ("en", "Sales grew from 5 million USD in 2010 to 90 million USD in 2020.",
     [("5 million USD", 5 * M, "USD", None), ("90 million USD", 90 * M, "USD", None)]),
]


@pytest.mark.parametrize(("language", "text", "expected"), ROWS)
def test_rows(language, text, expected):
    got = find_quantities(text, language)
    assert [(q.text, q.unit, q.qualifier) for q in got] == [
        (t, u, qual) for t, _, u, qual in expected]
    for q, (_, value, unit, _) in zip(got, expected, strict=True):
        assert q.value == pytest.approx(value)
        assert q.kind == kind_of(unit)


@pytest.mark.parametrize(("language", "text", "expected"), ROWS)
def test_spans_point_into_text(language, text, expected):
    got = find_quantities(text, language)
    for q in got:
        assert text[q.start:q.end] == q.text
    assert all(a.end <= b.start for a, b in zip(got, got[1:], strict=False))


# The separator rule, as data: (language, written, followed by a scale word or %, value).
SEPARATORS = [
    ("en", "13,000", False, 13000), ("en", "4.29", True, 4.29), ("en", "4.29", False, 4.29),
    ("en", "58.125", True, 58.125), ("en", "1.234", False, 1234), ("en", "4,29", True, 4.29),
    ("en", "1,234,567", False, 1234567), ("en", "1,234.5", False, 1234.5),
    ("en", "0.125", True, 0.125),
    ("vi", "13.000", False, 13000), ("vi", "4,29", True, 4.29), ("vi", "1.8", True, 1.8),
    ("vi", "1.234", False, 1234), ("vi", "3.000", True, 3000), ("vi", "13,000", False, 13000),
    ("vi", "4,290", True, 4.29), ("vi", "1.234.567", False, 1234567),
    ("vi", "1.234,5", False, 1234.5), ("vi", "0,5", True, 0.5),
    ("fr", "13 000", False, 13000), ("fr", "1 234,5", False, 1234.5),
    ("fr", "13\u202f000", False, 13000), ("fr", "13\u00a0000", False, 13000),
    ("de", "1.200", True, 1200), ("de", "1,2", True, 1.2),
]


@pytest.mark.parametrize(("language", "written", "scaled", "value"), SEPARATORS)
def test_separators(language, written, scaled, value):
    assert parse_number(written, grammar(language), scaled=scaled) == pytest.approx(value)


@pytest.mark.parametrize("written", ["22.3.1973", "1.2.3", "12,34,567"])
def test_not_numbers(written):
    assert parse_number(written, grammar("en")) is None


@pytest.mark.parametrize(("language", "text", "value"), [
    ("en", "4.1 billion USD", 4100000000), ("vi", "4,1 tỷ USD", 4100000000),
    ("en", "$0.3 million", 300000), ("vi", "2,34 tỷ USD", 2340000000)])
def test_values_are_exact(language, text, value):
    assert find_quantities(text, language)[0].value == value


def test_unknown_language_reads_as_english():
    assert [q.value for q in find_quantities("It cost $4.29 billion.", None)] == [4.29e9]
    assert [q.value for q in find_quantities("It cost $4.29 billion.", "xx")] == [4.29e9]
