"""Sentence splitting: offsets exact, abbreviations, decimals and initials kept, per language."""

from __future__ import annotations

import pytest

from bilat.analysis.sentences import split_sentences

ROWS = [
    ("en", "Mr. Tran met U.S. officials in Hanoi. Trade reached 4.29 billion USD in 2021.",
     ["Mr. Tran met U.S. officials in Hanoi.", "Trade reached 4.29 billion USD in 2021."]),
    ("en", "The visit ran from Aug. 21 to 25. J. Smith said so! Was it useful? Yes.",
     ["The visit ran from Aug. 21 to 25.", "J. Smith said so!", "Was it useful?", "Yes."]),
    ("en", "Line one without a stop\nLine two. Line three.",
     ["Line one without a stop", "Line two.", "Line three."]),
    ("vi", "TP. Hồ Chí Minh đón 5,2 triệu lượt khách. Đây là con số kỷ lục.",
     ["TP. Hồ Chí Minh đón 5,2 triệu lượt khách.", "Đây là con số kỷ lục."]),
    ("vi", "GS. TS. Nguyễn Văn A phát biểu. Hai bên nhất trí tăng cường hợp tác.",
     ["GS. TS. Nguyễn Văn A phát biểu.", "Hai bên nhất trí tăng cường hợp tác."]),
    ("fr", "M. Dupont est arrivé à Hanoï. La visite durera trois jours.",
     ["M. Dupont est arrivé à Hanoï.", "La visite durera trois jours."]),
    ("de", "Dr. Weber traf am 5. Mai den Minister. Beide Seiten einigten sich.",
     ["Dr. Weber traf am 5. Mai den Minister.", "Beide Seiten einigten sich."]),
]


@pytest.mark.parametrize("language, text, expected", ROWS)
def test_split_rows(language, text, expected):
    sentences = split_sentences(text, language)
    assert [s.text for s in sentences] == expected
    for i, s in enumerate(sentences):
        assert s.index == i and text[s.start:s.end] == s.text


@pytest.mark.parametrize("text", ["", "   \n\n  ", "No stop at all", "«Quoted.» Then more."])
def test_offsets_invariant(text):
    for s in split_sentences(text, None):
        assert text[s.start:s.end] == s.text and s.text == s.text.strip() and s.text
