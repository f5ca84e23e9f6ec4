"""mentions: sentences, states and people named, the document's pair, its home state."""

from __future__ import annotations

import pytest

TEXTS = {
    "en": "Vietnamese Prime Minister Pham Minh Chinh held talks with Japanese Prime Minister "
          "Fumio Kishida in Tokyo on May 5. The two sides signed three agreements.",
    "fr": "Le Premier ministre vietnamien Pham Minh Chinh a eu des entretiens avec le Premier "
          "ministre japonais Fumio Kishida à Tokyo le 5 mai. Les deux parties ont signé trois "
          "accords.",
}


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_mentions_assigns_sentences_pair_and_people(before, language):
    state, step = before("mentions", TEXTS[language], language, "2024-05-06")
    step.run(state)
    assert len(state.sentences) == 2
    assert set(state.pair) == {"JP", "VN"}
    assert state.people["Fumio Kishida"] == "JP" and state.people["pham minh chinh"] == "VN"
    assert {m.code for m in state.mentions if m.kind == "capital"} == {"JP"}
    assert state.folded.startswith(("vietnamese", "le premier"))
    assert state.lex is not None and state.home is None


def test_the_home_state_is_the_sites_then_the_languages_and_completes_a_lone_state(before):
    state, step = before("mentions", "Japan will send rice to help flood victims.", "en",
                         url="https://example.com.vn/news/1")
    step.run(state)
    assert state.home == "VN" and state.pair == ("JP", "VN")
    state, step = before("mentions", "Thủ tướng Nhật Bản Fumio Kishida thăm Hà Nội.", "vi")
    step.run(state)
    assert state.home == "VN"  # Vietnamese press: unnamed officials are Vietnam's


def test_title_mentions_count_for_the_pair(before):
    state, step = before("mentions", "Vietnam and Laos held talks. Japan was not there.", "en",
                         title="Vietnam, Laos talks")
    step.run(state)
    assert [m.code for m in state.title_mentions] == ["VN", "LA"]
    assert set(state.pair) == {"VN", "LA"}
