"""facts: figures read from each sentence's quantities, a repeated one kept once."""

from __future__ import annotations

import pytest

TRADE = {
    "en": "Two-way trade between Vietnam and Japan reached 50 billion USD in 2023.",
    "vi": "Năm 2023, kim ngạch thương mại hai chiều giữa Việt Nam và Nhật Bản đạt 50 tỷ USD.",
}


@pytest.mark.parametrize("language", sorted(TRADE))
def test_a_trade_figure_is_a_fact_and_a_repeated_one_is_kept_once(before, language):
    text = TRADE[language] + " " + TRADE[language]
    state, step = before("facts", text, language, "2024-05-10")
    assert len(state.views) == 2
    step.run(state)
    assert [(f.metric, {f.source_country, f.target_country}, f.value, f.unit, f.period)
            for f in state.facts] == [("TRADE_TOTAL", {"VN", "JP"}, 50e9, "USD", "2023")]
