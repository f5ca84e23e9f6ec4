"""Merging reports of one happening, within and across languages, and never two happenings."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from bilat.know.embed import get_embedder
from bilat.know.merge import (
    combine,
    dates_compatible,
    merge_reports,
    pair_score,
    shared_people,
)
from bilat.model import Report


def _vectors(batch):
    return get_embedder().passages([r.evidence for r in batch])


def _r(eid, doc, evidence, date=None, end=None, type_="VISIT", actors=("BE", "VN"),
       people=(), status="happened", published=None, language="en"):
    return Report(event_id=eid, content_id=doc, doc_id=doc, type=type_, actors=actors,
                  date_start=date, date_end=end, status=status, evidence=evidence,
                  people=people, published=published, language=language)


VISIT_EN = _r("e1", "d1", "The President of the Belgian Senate began an official visit to "
              "Vietnam on 21 August 2023.", "2023-08-21", "2023-08-25",
              people=("Stephanie D'Hose",), published="2023-08-21")
VISIT_VI = _r("e2", "d2", "Chủ tịch Thượng viện Bỉ có chuyến thăm chính thức tới Việt Nam "
              "trong các ngày 21-25/8/2023.", "2023-08-21", "2023-08-25",
              people=("Stéphanie D'Hose",), published="2023-08-21", language="vi")
VISIT_FR = _r("e3", "d3", "La présidente du Sénat belge est arrivée le 21 août à Hanoï pour "
              "une visite officielle.", "2023-08-21", people=("Stephanie D'Hose",),
              published="2023-08-22", language="fr")


def test_one_visit_reported_in_three_languages_is_one_event():
    merged = merge_reports([VISIT_EN, VISIT_VI, VISIT_FR], _vectors)
    assert len(merged) == 1
    m = merged[0]
    assert m.source_count == 3 and {s.language for s in m.sources} == {"en", "vi", "fr"}
    assert (m.date_start, m.date_end) == ("2023-08-21", "2023-08-25")
    assert len(m.people) == 1  # one person with and without the accent


def test_same_people_in_different_years_never_merge():
    later = _r("e4", "d4", "The President of the Belgian Senate began an official visit to "
               "Vietnam on 21 August 2025.", "2025-08-21", people=("Stephanie D'Hose",),
               published="2025-08-21")
    merged = merge_reports([VISIT_EN, later], _vectors)
    assert len(merged) == 2


def test_reports_of_one_document_stay_apart():
    talks_pm = _r("e5", "d1", "She held talks with Prime Minister Pham Minh Chinh in Hanoi.",
                  "2023-08-22", type_="MEETING", people=("Pham Minh Chinh",))
    talks_pres = _r("e6", "d1", "She held talks with President Vo Van Thuong in Hanoi.",
                    "2023-08-22", type_="MEETING", people=("Vo Van Thuong",))
    assert len(merge_reports([talks_pm, talks_pres], _vectors)) == 2


def test_meetings_pair_with_their_own_counterparts_across_documents():
    a1 = _r("a1", "da", "She held talks with Prime Minister Pham Minh Chinh.", "2023-08-22",
            type_="MEETING", people=("Stephanie D'Hose", "Pham Minh Chinh"))
    a2 = _r("a2", "da", "She paid a courtesy call on President Vo Van Thuong.", "2023-08-22",
            type_="MEETING", people=("Stephanie D'Hose", "Vo Van Thuong"))
    b1 = _r("b1", "db", "Elle s'est entretenue avec le Premier ministre Pham Minh Chinh.",
            "2023-08-22", type_="MEETING", people=("Stephanie D'Hose", "Phạm Minh Chính"),
            language="fr")
    b2 = _r("b2", "db", "Elle a rencontré le président Vo Van Thuong.", "2023-08-22",
            type_="MEETING", people=("Stephanie D'Hose", "Võ Văn Thưởng"), language="fr")
    merged = merge_reports([a1, a2, b1, b2], _vectors)
    groups = sorted(sorted(s.event_id for s in m.sources) for m in merged)
    assert groups == [["a1", "b1"], ["a2", "b2"]]


def test_announced_then_held_is_held():
    announced = _r("s1", "d5", "The Belgian Senate President is set to visit Vietnam "
                   "officially between August 21 and 25.", "2023-08-21", "2023-08-25",
                   status="scheduled", people=("Stephanie D'Hose",), published="2023-08-18")
    m = combine([announced, VISIT_EN])
    assert m.status == "happened"
    merged = merge_reports([announced, VISIT_EN], _vectors)
    assert len(merged) == 1 and merged[0].status == "happened"


def test_types_and_actors_keep_events_apart():
    other_pair = _r("e7", "d7", VISIT_EN.evidence.replace("Belgian", "Dutch"), "2023-08-21",
                    actors=("NL", "VN"), people=("Stephanie D'Hose",))
    meeting = _r("e8", "d8", VISIT_EN.evidence, "2023-08-21", type_="MEETING",
                 people=("Stephanie D'Hose",))
    assert len(merge_reports([VISIT_EN, other_pair, meeting], _vectors)) == 3


@pytest.mark.parametrize(("a", "b", "ok"), [
    ("2023-08-21", "2023-08", True), ("2023-08-21", "2023-09-30", False),
    ("2023", "2023-05-02", True), ("2022", "2023", False), ("2023-08-21", "2023-08-24", True),
])
def test_dates_compatible(a, b, ok):
    assert dates_compatible(_r("x", "d1", "x", a), _r("y", "d2", "y", b)) is ok


def test_undated_report_is_judged_by_its_publication():
    dated = _r("x", "d1", "x", "2019-05-02")
    assert dates_compatible(dated, _r("y", "d2", "y", None, published="2019-05-10"))
    assert not dates_compatible(dated, _r("y", "d2", "y", None, published="2024-01-10"))


def test_merged_id_is_stable_when_a_later_report_joins():
    first = merge_reports([VISIT_EN, VISIT_VI], _vectors)[0].id
    assert merge_reports([VISIT_FR, VISIT_VI, VISIT_EN], _vectors)[0].id == first


def test_family_name_first_or_last_is_one_person():
    vi = _r("n1", "dv", "Ngày 27/11, Chủ tịch nước Võ Văn Thưởng hội đàm với Thủ tướng Nhật Bản "
            "Kishida Fumio tại Tokyo.", "2023-11-27", type_="MEETING", actors=("JP", "VN"),
            people=("Võ Văn Thưởng", "Kishida Fumio"), language="vi")
    en = _r("n2", "de", "President Vo Van Thuong and Japanese Prime Minister Fumio Kishida held "
            "talks in Tokyo on November 27.", "2023-11-27", type_="MEETING",
            actors=("JP", "VN"), people=("Vo Van Thuong", "Fumio Kishida"))
    merged = merge_reports([vi, en], _vectors)
    assert len(merged) == 1 and len(merged[0].people) == 2


def test_dev_pairs_merged_from_gold_events(shared):
    """The merge rules on the dev set's gold events: a floor under the figure reached
    (23 of 27 pairs), and no happening of one document merged with another of it."""
    import json

    from bilat.bench.merge import gold_reports, pairs_merged, wrong_merges

    dev = shared / "dev"
    pairs = json.loads((dev / "pairs.json").read_text(encoding="utf-8"))
    merged = merge_reports(gold_reports(dev), _vectors)
    hit, _ = pairs_merged(merged, pairs)
    assert hit >= 22 and wrong_merges(merged) == 0


def test_the_benchmark_tells_wrong_merges_by_the_gold_events():
    from bilat.bench.merge import align, unlinked, wrong_merged

    gold = [_r("g1#0", "g1", "The prime minister arrived in Hanoi on Sunday for a visit.",
               "2023-08-20", actors=("KZ", "VN")),
            _r("g2#0", "g2", "He first came to Vietnam in 2019 as foreign minister.", "2019",
               actors=("KZ", "VN"))]
    # extraction dated the first report wrongly, so the merge joined two visits
    told = [_r("x1", "g1", "The prime minister arrived in Hanoi on Sunday for a visit, his "
               "second.", "2019", actors=("KZ", "VN")),
            _r("x2", "g2", "He first came to Vietnam in 2019 as foreign minister.", "2019",
               actors=("KZ", "VN"))]
    gold_of = align(told, gold)
    assert {k: g.event_id for k, g in gold_of.items()} == {"x1": "g1#0", "x2": "g2#0"}
    (m,) = [combine(told)]
    assert wrong_merged([m], gold_of) == [m]
    assert wrong_merged([combine(told[:1]), combine(told[1:])], gold_of) == []
    assert unlinked([m], [["g1", "g2", "same visit"]]) == []
    assert unlinked([m], [["g1", "g3", "another"]]) == [m]


def test_a_name_in_part_is_the_same_person_but_one_word_is_not():
    announced = _r("b1", "db1", "Tổng thống Brazil sẽ thăm cấp Nhà nước Việt Nam từ ngày 27 "
                   "đến 29 tháng Ba.", "2025-03-27", "2025-03-29", actors=("BR", "VN"),
                   people=("Luiz Inácio Lula da Silva", "Lương Cường"), status="scheduled",
                   published="2025-03-20", language="vi")
    written = _r("b2", "db2", "From 27 to 29 March I am in Hanoi again, my second trip to the "
                 "country in seventeen years.", "2025-03-27", "2025-03-29", actors=("BR", "VN"),
                 people=("Lula da Silva",), published="2025-04-02")
    (m,) = merge_reports([announced, written], _vectors)
    assert m.status == "happened" and m.source_count == 2
    assert m.people == ("Luiz Inácio Lula da Silva", "Lương Cường")  # the fullest name once
    # a lone surname is no one in particular
    other = _r("b3", "db3", "Silva arrived in Hanoi for talks.", "2025-03-27",
               actors=("BR", "VN"), people=("Silva",), published="2025-03-27")
    assert combine([announced, other]).people == ("Luiz Inácio Lula da Silva", "Lương Cường",
                                                  "Silva")


def test_one_anniversary_a_year_whatever_the_wording():
    letter = _r("a1", "da1", "Leaders exchanged letters on the 50th anniversary of ties.",
                "2023-03-22", type_="ANNIVERSARY", published="2023-03-22")
    year = _r("a2", "da2", "Chuyến thăm diễn ra đúng vào năm hai nước đánh dấu nửa thế kỷ quan hệ.",
              "2023", type_="ANNIVERSARY", published="2023-08-21", language="vi")
    other_year = _r("a3", "da3", "The 45th anniversary was marked with a concert in Brussels.",
                    "2018", type_="ANNIVERSARY", published="2018-09-10")
    undated = _r("a4", "da4", "A photo exhibition celebrates the friendship.", None,
                 type_="ANNIVERSARY", published="2023-05-02")
    merged = merge_reports([letter, year, other_year, undated], _vectors)
    assert sorted(m.source_count for m in merged) == [1, 1, 2]
    (both,) = [m for m in merged if m.source_count == 2]
    assert both.date_start == "2023-03-22"


def test_a_name_spelled_two_ways_is_one_person():
    pairs = [("Giorgia Meloni", "Georgia Meloni"), ("Sergey Lavrov", "Serghei Lavrov"),
             ("Anura Kumara Dissanayake", "Anura Kumara Dissanayaka"),
             ("Mohammed bin Abdulrahman bin Jassim Al-Thani",
              "Sheikh Mohammed bin Abdulrahman bin Jasim Al-Thani")]
    for x, y in pairs:
        a = _r("x", "d1", "x", people=(x,))
        b = _r("y", "d2", "y", people=(y,))
        assert shared_people(a, b) == 1, (x, y)
        assert len(combine([a, b]).people) == 1
    # short words never: these are two people, and so are a Truong and a Thuong
    for x, y in [("Vo Van Thanh", "Vo Van Thinh"), ("Nguyen Van Truong", "Nguyen Van Thuong"),
                 ("Le Thi Vy", "Le Thi Vi")]:
        assert shared_people(_r("x", "d1", "x", people=(x,)),
                             _r("y", "d2", "y", people=(y,))) == 0, (x, y)


def test_a_call_spelled_two_ways_on_an_undated_page_joins_its_dated_report():
    # an undated report from a page with no date needs two people in common (or near-identical
    # wording): the Qatari prime minister is one of them, however his name is spelled
    undated = _r("p1", "dp1", "The Vietnamese prime minister held phone talks with the Qatari "
                 "prime minister and foreign minister on the evening of March 9.", None,
                 type_="PHONE_CALL", actors=("QA", "VN"),
                 people=("Phạm Minh Chính", "Mohammed bin Abdulrahman bin Jassim Al-Thani"))
    dated = _r("p2", "dp2", "Tối 9/3, Thủ tướng Phạm Minh Chính điện đàm với Thủ tướng kiêm Bộ "
               "trưởng Ngoại giao Qatar.", "2026-03-09", type_="PHONE_CALL",
               actors=("QA", "VN"), people=("Phạm Minh Chính",
                                            "Sheikh Mohammed bin Abdulrahman bin Jasim Al-Thani"),
               published="2026-03-09", language="vi")
    (m,) = merge_reports([undated, dated], _vectors)
    assert m.source_count == 2 and m.date_start == "2026-03-09"


def test_a_lone_surname_neither_joins_nor_separates():
    full = _r("v1", "dv1", "The Croatian prime minister arrived in Rome for a visit to Italy "
              "this week.", "2025-11", actors=("HR", "IT"), people=("Andrej Plenković",),
              published="2025-11-20")
    lone = _r("v2", "dv2", "Il premier croato è in visita a Roma, accolto a Palazzo Chigi.",
              "2025-11", actors=("HR", "IT"), people=("Plenkovic",), published="2025-11-19",
              language="it")
    assert shared_people(full, lone) == 0  # not counted as the same person ...
    (m,) = merge_reports([full, lone], _vectors)  # ... nor as a different one
    assert m.source_count == 2
    # a meeting is also its other participants: beside a lone surname, a report that names
    # more people than that one is further off than a report naming that person alone
    talks = _r("t1", "dt1", "x", "2023-06-06", type_="MEETING", actors=("IT", "TN"),
               people=("Kais Saied",))
    two = _r("t2", "dt2", "x", "2023-06-06", type_="MEETING", actors=("IT", "TN"),
             people=("Giorgia Meloni", "Najla Bouden", "Kais Saied"))
    named = _r("t3", "dt3", "x", "2023-06-06", type_="MEETING", actors=("IT", "TN"),
               people=("Saied",))
    assert pair_score(two, named, 0.9) < pair_score(talks, named, 0.9)


def test_an_announcement_published_after_the_happening_is_another():
    held = _r("h1", "dh1", "x", "2023-01-23", type_="MEETING", actors=("DZ", "IT"))
    agreed = _r("h2", "dh2", "x", None, type_="MEETING", actors=("DZ", "IT"),
                status="scheduled", published="2023-03-22")  # "agreed to meet soon"
    assert not dates_compatible(held, agreed)
    assert dates_compatible(held, replace(agreed, status="happened"))  # a look back
    assert dates_compatible(replace(held, date_start="2023-05-10"), agreed)
    assert dates_compatible(replace(held, date_start="2023-03-21"), agreed)  # time zones


def test_undated_reports_join_dated_ones_before_each_other():
    people = ("Giorgia Meloni", "Abdelmadjid Tebboune")
    a = _r("a", "d-a", "a", "2023-01-23", type_="MEETING", actors=("DZ", "IT"), people=people,
           published="2023-01-23")
    s = _r("s", "d-s", "s", None, type_="MEETING", actors=("DZ", "IT"), people=people,
           published="2023-03-22")
    c = _r("c", "d-c", "c", "2025-07-23", type_="MEETING", actors=("DZ", "IT"), people=people,
           published="2025-07-23")
    u = _r("u", "d-u", "u", None, type_="MEETING", actors=("DZ", "IT"), people=people)
    # evidence cosines: the undated u words it most like the undated s, then like c, then a
    gram = np.array([[1, .8, .8, .89], [.8, 1, .8, .95], [.8, .8, 1, .91], [.89, .95, .91, 1]])
    w, q = np.linalg.eigh(gram)
    rows = dict(zip("ascu", q * np.sqrt(np.clip(w, 0, None)), strict=True))

    def vectors(batch):
        return np.stack([rows[r.event_id] for r in batch])

    merged = merge_reports([a, s, c, u], vectors)
    # u and s first would have left u with s (and then a), its dated match c refused
    assert sorted(sorted(r.event_id for r in m.sources) for m in merged) == [
        ["a"], ["c", "u"], ["s"]]


def test_a_visit_known_only_by_its_last_day():
    left = _r("l1", "dl1", "She leaves for home on Wednesday.", None, "2025-02-19")
    told = _r("l2", "dl2", "The president is on a state visit.", None)
    m = combine([left, told])
    assert (m.date_start, m.date_end) == (None, "2025-02-19")
