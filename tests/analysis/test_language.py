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


# Function words decide whatever the characters: a bullet or curly quotes once kept an
# Indonesian page from the check (the model reads these as Malay or English).
MARKED_ROWS = [
    ("id", "Rina Putri • 3 March 2024 09:10 | Bandung: Menteri Luar Negeri kedua negara secara "
           "resmi menandatangani perjanjian kerja sama untuk memperkuat hubungan antara kedua "
           "negara."),
    ("id", "Rina Putri • 3 March 2024 09:10 | Bandung: Menteri kedua negara menandatangani nota "
           "kesepahaman di bidang energi, yang akan menjadi dasar kerja sama selanjutnya."),
    ("id", "“Kedua negara sepakat untuk memperkuat kerja sama di bidang perdagangan dan "
           "investasi,” kata Menteri kepada wartawan di Jakarta pada Senin."),
]


@pytest.mark.parametrize("expected, text", MARKED_ROWS)
def test_function_words_decide_text_with_marks(expected, text):
    assert not text.isascii()
    assert detect_language(text) == expected


PORTUGUESE = ("Fonte do gabinete disse à agência que a escolha da capital para a primeira viagem "
              "do governo mostra a importância que dá à relação entre os dois países.")
SPANISH = ("El presidente dijo a la agencia que la elección de la capital para el primer viaje "
           "del gobierno muestra la importancia que da a la relación entre los dos países.")


def test_function_words_overrule_a_wrong_model_answer_only():
    from bilat.analysis.language import _by_function_words

    # a Portuguese text the model took for Spanish is Portuguese; one it got right stays
    assert _by_function_words(PORTUGUESE, "es") == "pt"
    assert _by_function_words(PORTUGUESE, "pt") is None
    assert _by_function_words(SPANISH, "es") is None
    assert _by_function_words(SPANISH, "pt") == "es"
    # a language the lists do not know keeps the model's answer: few listed words in it
    assert _by_function_words("Iki ülke arasındaki ticaret hacmi geçen yıl önemli ölçüde "
                              "arttı ve yeni anlaşmalar imzalandı.", "tr") is None
    assert detect_language(PORTUGUESE) == "pt" and detect_language(SPANISH) == "es"
