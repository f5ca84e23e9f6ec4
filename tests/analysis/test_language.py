"""Language id rows per language, with the bundled lite model only."""

from __future__ import annotations

import pytest

from bilat.analysis.language import detect_language

ROWS = [
    ("vi", "Hai bên nhất trí tăng cường hợp tác kinh tế, thương mại và đầu tư giữa hai nước."),
    ("vi", "Hai ben da trao doi y kien ve cac van de quoc te va khu vuc cung quan tam."),
    ("en", "The two sides agreed to boost cooperation in trade, investment and education."),
    ("en", "Prime Minister Phạm Minh Chính met the visiting delegation from Việt Nam's partner "
           "in Hà Nội on Monday, and the two sides discussed trade and investment ties."),
    ("fr", "Les deux parties ont convenu de renforcer la coopération économique et commerciale."),
    ("de", "Beide Seiten vereinbarten, die wirtschaftliche Zusammenarbeit zu vertiefen."),
    ("es", "Ambos países firmaron un acuerdo de cooperación económica en Santiago."),
    ("pl", "Obie strony podpisały umowę o współpracy gospodarczej w Warszawie."),
]


@pytest.mark.parametrize("expected, text", ROWS)
def test_language_rows(expected, text):
    assert detect_language(text) == expected


def test_hint_wins_and_short_text_is_unknown():
    assert detect_language("Bonjour à tous les lecteurs du journal", hint="fr") == "fr"
    assert detect_language("ok") is None
