"""facts: periods from the series a figure continues, balances by the side they favour, and
figures of a country's trade with the world left out (own sentences, en with it or fr)."""

from __future__ import annotations

import pytest


def _facts(before, text: str, language: str, published: str | None = "2021-08-03"):
    state, step = before("facts", text, language, published)
    step.run(state)
    return [(f.metric, f.source_country, f.target_country, round(f.value), f.period)
            for f in state.facts]


FISCAL = {
    "en": "India and Kenya met. India's exports to Kenya were $900 million during July-June "
          "(2020-21).",
    "it": "India e Kenya si sono incontrati. Le esportazioni dell'India verso il Kenya sono "
          "state di 900 milioni di dollari in luglio-giugno (2020-21).",
}


@pytest.mark.parametrize("language", sorted(FISCAL))
def test_a_months_span_over_a_years_end_takes_the_years_after_it(before, language):
    got = _facts(before, FISCAL[language], language)
    assert [f[4] for f in got] == ["2020-07..2021-06"]


REVIEW_LAST_YEAR = {
    "en": ("Trade between India and Kenya reached $5 billion in January-June 2021. "
           "India's imports from Kenya in the period under review were $2 billion against "
           "$1 billion last year."),
    "it": ("L'interscambio tra India e Kenya ha raggiunto 5 miliardi di dollari nel periodo "
           "gennaio-giugno 2021. Le importazioni dell'India dal Kenya nel periodo in esame sono "
           "state di 2 miliardi di dollari contro 1 miliardo di dollari l'anno scorso."),
}


@pytest.mark.parametrize("language", sorted(REVIEW_LAST_YEAR))
def test_the_period_under_review_and_last_year_follow_the_series(before, language):
    got = _facts(before, REVIEW_LAST_YEAR[language], language)
    periods = {f[3]: f[4] for f in got}
    assert periods[5_000_000_000] == "2021-01..2021-06"
    assert periods[2_000_000_000] == "2021-01..2021-06"   # the period under review
    assert periods[1_000_000_000] == "2020-01..2020-06"   # the same months, a year before


SAME_SENTENCE = {
    "en": "Trade between Chile and Peru reached $8 billion in 2020, with Chile importing more "
          "($5 billion) than it exported ($3 billion).",
    "fr": "Le commerce entre le Chili et le Pérou a atteint 8 milliards de dollars en 2020, "
          "le Chili ayant plus importé (5 milliards de dollars) qu'exporté (3 milliards de "
          "dollars).",
}


@pytest.mark.parametrize("language", sorted(SAME_SENTENCE))
def test_later_figures_of_a_sentence_share_the_period_told_for_the_first(before, language):
    got = _facts(before, SAME_SENTENCE[language], language, None)
    assert {f[4] for f in got} == {"2020"} and len(got) == 3


BALANCE = {
    "en": "Trade between Chile and Peru reached $8 billion in 2020, a surplus of $2 billion "
          "in favour of Peru.",
    "it": "L'interscambio tra Cile e Perù è stato di 8 miliardi di dollari nel 2020, con un "
          "saldo di 2 miliardi di dollari a favore del Perù.",
    "fr": "Le commerce entre le Chili et le Pérou a atteint 8 milliards de dollars en 2020, "
          "à l'avantage du Pérou avec un excédent de 2 milliards de dollars.",
}


@pytest.mark.parametrize("language", sorted(BALANCE))
def test_a_balance_runs_from_the_state_in_deficit_to_the_one_it_favours(before, language):
    got = _facts(before, BALANCE[language], language, None)
    assert ("OTHER", "CL", "PE", 2_000_000_000, "2020") in got


WORLD = {
    "en": ("Exports to Kenya were $900 million in 2021. Overall, India's exports to other "
           "countries grew 10 percent in 2021, from $20 billion to $22 billion."),
    "it": ("Le esportazioni dell'India verso il Kenya sono state di 900 milioni di dollari nel "
           "2021. Le esportazioni complessive dell'India sono cresciute del 10 per cento nel "
           "2021, da 20 miliardi di dollari a 22 miliardi di dollari."),
}


@pytest.mark.parametrize("language", sorted(WORLD))
def test_a_countrys_trade_with_the_world_is_no_bilateral_fact(before, language):
    got = _facts(before, WORLD[language], language)
    assert [f[3] for f in got] == [900_000_000]


CLAUSES = {
    "en": ("Trade between Chile and Peru reached $8 billion in 2020. Chile's exports to Peru "
           "were $5 billion; exports from Peru to Chile were $3 billion."),
    "fr": ("Le commerce entre le Chili et le Pérou a atteint 8 milliards de dollars en 2020. "
           "Les exportations du Chili vers le Pérou ont atteint 5 milliards de dollars ; les "
           "exportations du Pérou vers le Chili 3 milliards de dollars."),
}


@pytest.mark.parametrize("language", sorted(CLAUSES))
def test_each_clause_gives_its_own_figure_a_direction(before, language):
    got = _facts(before, CLAUSES[language], language, None)
    assert ("EXPORTS", "CL", "PE", 5_000_000_000, "2020") in got
    assert ("EXPORTS", "PE", "CL", 3_000_000_000, "2020") in got


def test_deliveries_and_supplied_goods_are_exports(before):
    got = _facts(before, "In 2020, Chile supplied goods to Peru worth $5 billion; deliveries "
                 "from Peru to Chile reached $3 billion.", "en", None)
    assert ("EXPORTS", "CL", "PE", 5_000_000_000, "2020") in got
    assert ("EXPORTS", "PE", "CL", 3_000_000_000, "2020") in got


RESTATED = {
    "en": ("Trade between Tunisia and Italy was discussed. Italy's exports to Tunisia were "
           "3 billion dollars (about 2.7 billion euros) in the first five months of 2024."),
    "it": ("Si è parlato di Tunisia e Italia. Le esportazioni dell'Italia verso la Tunisia sono "
           "state di 3 miliardi di dinari (circa 1 miliardo di euro) nei primi cinque mesi del "
           "2024."),
}


@pytest.mark.parametrize("language", sorted(RESTATED))
def test_an_amount_restated_in_brackets_does_not_hide_the_period_after_it(before, language):
    got = _facts(before, RESTATED[language], language, None)
    assert ("EXPORTS", "IT", "TN", 3_000_000_000, "2024-01..2024-05") in got


DECIMAL_MARK = {
    "en": ("India's exports to Kenya were $888,913 million in 2020, against $1192,559 million "
           "in 2019."),
    "it": ("Le esportazioni dell'India verso il Kenya sono state di 888.913 milioni di euro nel "
           "2020, contro 1192.559 milioni di euro nel 2019."),
}


@pytest.mark.parametrize("language", sorted(DECIMAL_MARK))
def test_a_text_that_writes_its_group_mark_as_a_decimal_one_does_so_throughout(before,
                                                                              language):
    got = _facts(before, DECIMAL_MARK[language], language, None)
    assert sorted(f[3] for f in got) == [888_913_000, 1_192_559_000]


GULF = {
    "en": "Trade between Qatar and Turkey reached QR4.75bn in 2023.",
    "fr": "Les échanges commerciaux entre le Qatar et la Turquie ont atteint QR 4,75 milliards "
          "en 2023.",
}


@pytest.mark.parametrize("language", sorted(GULF))
def test_gulf_currency_symbols_are_read(before, language):
    got = _facts(before, GULF[language], language, None)
    assert [(f[0], {f[1], f[2]}, f[3], f[4]) for f in got] == [
        ("TRADE_TOTAL", {"QA", "TR"}, 4_750_000_000, "2023")]
    state, step = before("facts", "Kuwait will lend KD. 4,000,000/- to Jordan.", "en", None)
    assert [(q.value, q.unit) for q in state.quantities] == [(4_000_000, "KWD")]


OPENING_TIME = {
    "en": ("Chile and Peru traded more. Peru's imports from Chile in June 2021 rose 50 "
           "percent, from $2 million last year to $3 million."),
    "it": ("Cile e Perù commerciano di più. Le importazioni del Perù dal Cile nel giugno 2021 "
           "sono cresciute del 50 per cento, da 2 milioni di dollari l'anno scorso a 3 milioni "
           "di dollari."),
}


@pytest.mark.parametrize("language", sorted(OPENING_TIME))
def test_a_time_opening_the_sentence_is_shared_but_not_one_owned_by_another_figure(
        before, language):
    got = {f[3]: f[4] for f in _facts(before, OPENING_TIME[language], language)}
    assert got == {2_000_000: "2020-06", 3_000_000: "2021-06"}


BREAKDOWN = {
    "en": ("In 2022, Chile's exports to Peru were $5 billion. Chile exported mainly copper "
           "($2 billion) and fruit ($1 billion)."),
    "it": ("Nel 2022 le esportazioni del Cile verso il Perù sono state di 5 miliardi di "
           "dollari. Il Cile ha esportato soprattutto rame (2 miliardi di dollari) e frutta "
           "(1 miliardo di dollari)."),
    "de": ("Die Exporte Chiles nach Peru betrugen 2022 5 Milliarden Dollar. Chile exportierte "
           "vor allem Kupfer (2 Milliarden Dollar) und Obst (1 Milliarde Dollar)."),
}


@pytest.mark.parametrize("language", sorted(BREAKDOWN))
def test_product_lines_after_a_breakdown_word_are_no_facts(before, language):
    got = _facts(before, BREAKDOWN[language], language, None)
    assert [f[3] for f in got] == [5_000_000_000]


def test_a_world_ranking_figure_is_no_bilateral_fact_in_german(before):
    text = ("Die Exporte Chiles nach Peru betrugen 2022 5 Milliarden Dollar. Bei Kupfer ist "
            "Chile der größte Exporteur der Welt (2022: 40 Milliarden Dollar).")
    assert [f[3] for f in _facts(before, text, "de", None)] == [5_000_000_000]


ONE_OFF = {
    "en": "Japan will give Laos a grant of 10 million USD, officials said after the talks.",
    "it": "L'Italia ha concesso all'Etiopia aiuti per 10 milioni di euro dopo i colloqui.",
}


@pytest.mark.parametrize("language", sorted(ONE_OFF))
def test_a_one_off_aid_amount_takes_the_month_it_was_announced(before, language):
    got = _facts(before, ONE_OFF[language].replace("will give", "gave"), language,
                 "2023-02-12")
    assert [(f[0], f[4]) for f in got] == [("AID_AMOUNT", "2023-02")]


ELIDED = {
    "pt": "No ano de 2023, as vendas externas brasileiras somaram US$ 4,1 bilhões, e as "
          "colombianas, US$ 2,6 bilhões.",
    "es": "En 2023, las exportaciones brasileñas alcanzaron 4.100 millones de dólares y las "
          "colombianas, 2.600 millones de dólares.",
}


@pytest.mark.parametrize("language", sorted(ELIDED))
def test_a_demonym_standing_for_the_metric_noun_owns_the_figure_after_it(before, language):
    got = _facts(before, ELIDED[language], language, None)
    assert ("EXPORTS", "BR", "CO", 4_100_000_000, "2023") in got
    assert ("EXPORTS", "CO", "BR", 2_600_000_000, "2023") in got


RESULTS_AND_TARGETS = {
    # a growth "to reach" a figure states it; an effort to bring trade over one does not
    "fr": ("Les échanges commerciaux entre le Chili et le Pérou ont augmenté de 10% en 2022 "
           "pour atteindre 8 milliards de dollars.", 1),
    "en": ("Chile and Peru have made efforts to bring the trade turnover over $8 billion.", 0),
    "de": ("Der chilenisch-peruanische Außenhandel erreichte 2022 ein Volumen von 8 Milliarden "
           "Dollar.", 1),
}


@pytest.mark.parametrize("language", sorted(RESULTS_AND_TARGETS))
def test_results_are_facts_and_efforts_are_not(before, language):
    text, n = RESULTS_AND_TARGETS[language]
    got = _facts(before, text, language, None)
    assert [(f[0], f[3]) for f in got] == [("TRADE_TOTAL", 8_000_000_000)] * n


BOTH_WAYS = {
    "en": "In 2022, Indonesia's exports to India were $23 billion while Indonesia's imports "
          "from India were $9 billion.",
    "id": "Sepanjang 2022, nilai ekspor Indonesia ke India mencapai 23 miliar dolar AS, "
          "sedangkan nilai impor Indonesia dari India mencapai 9 miliar dolar AS.",
}


@pytest.mark.parametrize("language", sorted(BOTH_WAYS))
def test_exports_go_to_the_host_when_the_sentence_also_names_it_as_origin(before, language):
    got = _facts(before, BOTH_WAYS[language], language, None)
    assert ("EXPORTS", "ID", "IN", 23_000_000_000, "2022") in got
    assert ("IMPORTS", "IN", "ID", 9_000_000_000, "2022") in got


MIRRORED = {
    "en": "Brazil and Angola met. In 2024, Brazil's exports to Angola reached $492 million, "
          "while imports passed $1 billion.",
    "pt": "Brasil e Angola reuniram-se. Em 2024, as exportações do Brasil para Angola "
          "alcançaram US$ 492 milhões, enquanto as importações ultrapassaram US$ 1 bilhão.",
}


@pytest.mark.parametrize("language", sorted(MIRRORED))
def test_imports_told_after_exports_with_no_state_of_their_own_flow_back(before, language):
    got = _facts(before, MIRRORED[language], language, None)
    assert ("EXPORTS", "BR", "AO", 492_000_000, "2024") in got
    assert ("IMPORTS", "AO", "BR", 1_000_000_000, "2024") in got


BARE = {
    "en": ("In 2020, Italy's exports to Tunisia were 2.4 billion euros, while imports were "
           "2.1 billion, and the programme was worth 140 million euros, of which 100 million "
           "in 2021."),
    "it": ("Nel 2020 le esportazioni dall'Italia verso la Tunisia sono state di 2,4 miliardi di "
           "euro, mentre le importazioni di 2,1 miliardi; il programma vale 140 milioni di euro, "
           "di cui 100 milioni nel 2021."),
}


@pytest.mark.parametrize("language", sorted(BARE))
def test_a_bare_amount_with_a_metric_of_its_own_takes_the_currency_before_it(before,
                                                                              language):
    got = _facts(before, BARE[language], language, None)
    assert ("IMPORTS", "TN", "IT", 2_100_000_000, "2020") in got
    assert not [f for f in got if f[3] == 100_000_000]


EXCHANGES = {
    "fr": "Les échanges entre le Chili et le Pérou ont atteint 8 milliards de dollars en 2022.",
    "en": "Exchanges between Chile and Peru reached $8 billion in 2022, with trade between "
          "them growing.",
}


@pytest.mark.parametrize("language", sorted(EXCHANGES))
def test_exchanges_between_two_states_are_their_trade(before, language):
    got = _facts(before, EXCHANGES[language], language, None)
    assert [(f[0], {f[1], f[2]}, f[3], f[4]) for f in got] == [
        ("TRADE_TOTAL", {"CL", "PE"}, 8_000_000_000, "2022")]
