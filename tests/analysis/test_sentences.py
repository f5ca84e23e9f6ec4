"""Sentence splitting: offsets exact, abbreviations, decimals and initials kept, per language."""

from __future__ import annotations

from itertools import pairwise

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


def test_a_run_without_sentence_end_is_cut_into_bounded_pieces():
    from bilat.analysis.sentences import MAX_SENTENCE

    text = ", ".join(f"Belgium and Vietnam on May {i % 28 + 1} 2023" for i in range(3000))
    sentences = split_sentences(text, "en")
    assert len(sentences) > 1
    for i, s in enumerate(sentences):
        assert s.index == i and text[s.start:s.end] == s.text
        assert len(s.text) <= MAX_SENTENCE
    # cut after a clause break, never inside a word
    assert all(s.text.endswith(",") for s in sentences[:-1])
    assert all(not text[a.end:b.start].strip() for a, b in pairwise(sentences))


def test_a_long_spaceless_run_is_cut_at_the_limit():
    from bilat.analysis.sentences import MAX_SENTENCE

    text = "x" * (MAX_SENTENCE * 2 + 5)
    assert [len(s.text) for s in split_sentences(text, None)] == [MAX_SENTENCE, MAX_SENTENCE, 5]


def test_long_runs_of_stops_and_spaces_stay_linear():
    # a run of stops is tried once, not from each of its characters (that took minutes)
    text = "Hanoi" + "." * 100_000 + " Then" + " " * 100_000 + "more. End."
    sentences = split_sentences(text, "en")
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert [s.text for s in sentences[-2:]] == ["more.", "End."]
