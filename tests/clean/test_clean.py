"""Cleaning rules in Vietnamese and English (a row or two in French and German), the seeds,
tone-mark normalisation and an HTML page of our own."""

from __future__ import annotations

import pytest

from bilat.clean import clean_document, normalize_text
from bilat.clean.boilerplate import clean_text
from bilat.errors import BadInput
from bilat.model import RawDocument
from bilat.readers.text import split_title


def _clean(text: str, title: str | None = None):
    return clean_text(normalize_text(text), title)


@pytest.mark.parametrize("text, gone, kept", [
    ("Hai bên ký kết biên bản ghi nhớ.\nThủ tướng tiếp Đại sứ tại Hà Nội. (Ảnh: TTXVN)\n"
     "Hai bên nhất trí tăng cường hợp tác.", "(Ảnh: TTXVN)", "Hai bên nhất trí"),
    ("The ministers met in Hanoi.\nThe two ministers shake hands. (Photo: VNA)\n"
     "They agreed to meet again.", "shake hands", "agreed to meet again"),
    ("Les ministres se sont rencontrés.\nLes deux ministres à Hanoï. (Photo : VNA)\nFin.",
     "Photo", "rencontrés"),
    ("Die Minister trafen sich.\nBeide Minister in Hanoi. (Foto: VNA)\nEnde des Berichts.",
     "Foto", "trafen sich"),
])
def test_caption_lines_go(text, gone, kept):
    out = _clean(text).text
    assert gone not in out and kept in out


@pytest.mark.parametrize("marker", ["See more", "Xem thêm", "Tin liên quan", "Related news",
                                    "Read more", "Voir aussi", "Mehr zum Thema", "Zobacz też"])
def test_related_tail_goes(marker):
    text = (f"The talks covered trade and investment.\n{marker}\n"
            "Another story about a football match.\nYet another headline.")
    out = _clean(text).text
    assert out == "The talks covered trade and investment."


@pytest.mark.parametrize("marker, body", [
    ("TIN LIÊN QUAN", "Chuyến thăm diễn ra trong bối cảnh quan hệ hai nước phát triển mạnh mẽ "
                      "trên nhiều lĩnh vực, từ thương mại, đầu tư đến giáo dục và du lịch."),
    ("Related news", "The visit comes as relations between the two countries grow steadily in "
                     "trade, investment, education and tourism, officials in both capitals say."),
])
def test_related_box_above_the_article_goes_alone(marker, body):
    text = (f"Prime minister arrives for an official visit\n{marker} | |\n"
            "Another headline about a festival |\nA second headline about rice |\n"
            f"{body}\nThe two sides will sign several agreements on Tuesday.")
    out = _clean(text).text
    assert "festival" not in out and "rice" not in out and marker not in out
    assert body in out and out.endswith("agreements on Tuesday.")


def test_related_phrase_inside_a_sentence_stays():
    text = "Readers can see more details in the joint statement issued on Monday."
    assert _clean(text).text == text


@pytest.mark.parametrize("text, dateline, first", [
    ("Hanoi (VNA) – Vietnam and Japan agreed to expand cooperation in energy and transport.",
     "Hanoi (VNA)", "Vietnam and Japan agreed"),
    ("Hà Nội (TTXVN) - Hai nước nhất trí mở rộng hợp tác trong lĩnh vực năng lượng sạch.",
     "Hà Nội (TTXVN)", "Hai nước nhất trí"),
    ("(VOVWORLD) - Deputy ministers of the two countries held a consultation in Hanoi.",
     "(VOVWORLD)", "Deputy ministers"),
    ("BRUSSELS, Aug 20 (Reuters) - Belgium and Vietnam signed a memorandum on ports.",
     "BRUSSELS, Aug 20 (Reuters)", "Belgium and Vietnam"),
])
def test_dateline_is_lifted(text, dateline, first):
    c = _clean(text)
    assert c.dateline == dateline and c.text.startswith(first)


def test_repeated_lead_and_terminator_and_byline():
    lead = "Vietnam and Belgium have expanded their cooperation in many fields."
    text = f"{lead}\nHanoi (VNA) – {lead}\nTrade grew strongly last year./.\nVNA"
    c = _clean(text)
    assert c.text.count(lead) == 1
    assert c.text.endswith("Trade grew strongly last year.")
    assert c.byline == "VNA" and c.dateline == "Hanoi (VNA)"


def test_caption_residue_glued_into_text():
    text = ("Two states mark 30 years of ties ảnh 1Officials attend the ceremony in Hanoi "
            "and raise a toast to friendship\nThe ceremony took place on Monday.")
    out = _clean(text, "Two states mark 30 years of ties").text
    assert "ảnh 1" not in out and "ceremony took place" in out


@pytest.mark.parametrize("a, b", [("hoà bình", "hòa bình"), ("thuỷ sản", "thủy sản"),
                                  ("khoẻ mạnh", "khỏe mạnh"), ("Thuỵ Sĩ", "Thụy Sĩ"),
                                  ("uỷ ban", "ủy ban")])
def test_one_tone_placement(a, b):
    assert normalize_text(a) == normalize_text(b) == b


@pytest.mark.parametrize("word", ["quý", "hoàng", "thuyền", "của", "khuya"])
def test_tone_placement_leaves_other_words(word):
    assert normalize_text(word) == word


def test_unicode_nfc_and_spaces():
    assert normalize_text("Vie\u0302\u0323t\u00a0Nam\u200b  và   Bỉ") == "Việt Nam và Bỉ"


def test_seed_000_title_and_no_dashes(shared):
    title, body = split_title((shared / "seeds" / "000_f85bec5d394a454a.txt").read_text())
    doc = clean_document(RawDocument(source="s", doc_id="000", fmt="text", text=body,
                                     title=title))
    assert doc.title.startswith("Tham vấn chính trị đầu tiên")
    assert "-----" not in doc.text and doc.language == "vi"


def test_seed_004_residue(shared):
    title, body = split_title((shared / "seeds" / "004_e7dedb1e7dd1a204.txt").read_text())
    doc = clean_document(RawDocument(source="s", doc_id="004", fmt="text", text=body,
                                     title=title))
    assert "ảnh 1" not in doc.text and "ảnh 2" not in doc.text
    assert "(Photo: VNA)" not in doc.text and "See more" not in doc.text
    assert "VINBAX" not in doc.text and "/." not in doc.text
    assert doc.text.count("Vietnam and Belgium have seen their relationship growing") == 1
    assert doc.dateline == "Hanoi (VNA)" and doc.language == "en"


PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Two countries sign a farming deal | Example</title>
<meta property="article:published_time" content="2024-05-06T09:00:00+07:00"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Two countries sign a farming deal</h1>
<p>Hanoi (VNA) – Ministers of Vietnam and Belgium signed an agreement on sustainable
farming in Hanoi on May 6, the third such document in two years.</p>
<figure><img src="a.jpg"><figcaption>The ministers at the signing (Photo: VNA)</figcaption>
</figure>
<p>The agreement covers seed research, water management and training for young farmers in
the Mekong Delta over the next five years.</p>
<p>Both sides said they would review progress at a meeting next spring./.</p></article>
<section><h3>Related news</h3><ul><li><a href="/x">Football club wins the cup</a></li></ul>
</section><footer>Copyright Example News</footer></body></html>"""


def test_html_page():
    doc = clean_document(RawDocument(source="p.html", doc_id="p", fmt="html", html=PAGE))
    assert doc.title == "Two countries sign a farming deal"
    assert doc.published == "2024-05-06"
    assert doc.text.startswith("Ministers of Vietnam and Belgium signed an agreement")
    assert "Home" not in doc.text and "Football" not in doc.text and "(Photo" not in doc.text
    assert doc.text.endswith("next spring.") and doc.dateline == "Hanoi (VNA)"
    assert doc.content_id == clean_document(
        RawDocument(source="q", doc_id="q", fmt="html", html=PAGE)).content_id


def test_record_metadata_wins_over_page():
    doc = clean_document(RawDocument(source="p", doc_id="p", fmt="jsonl", html=PAGE,
                                     title="Given title", published="2024-05-07",
                                     language="en"))
    assert doc.title == "Given title" and doc.published == "2024-05-07"


def test_nothing_left_is_bad_input():
    with pytest.raises(BadInput):
        clean_document(RawDocument(source="e", doc_id="e", fmt="text", text="See more\nx"))
