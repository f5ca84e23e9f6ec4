"""The time grammar's data files, and its invariants on real articles (shared/dev, when present)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from bilat import lang
from bilat.analysis.dates import find_times
from bilat.analysis.timegrammar.lexicon import lexicon
from bilat.analysis.timegrammar.rules import index, rules

LANGS = [c for c in lang.languages() if lang.load(c, "time")]
VALUE = re.compile(r"^(\d{4}|XXXX)(-\d\d(-\d\d)?)?$")
DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "dev" / "docs.jsonl"


@pytest.mark.parametrize("code", LANGS)
def test_time_yaml_is_complete(code):
    path = lang.ROOT / code / "time.yaml"
    assert path.read_text(encoding="utf-8").startswith("#"), "a data file opens with its source"
    data = lang.load(code, "time")
    assert sorted(data["months"]) == list(range(1, 13))
    assert sorted(data["weekdays"]) == list(range(1, 8))
    assert set(data["relative"]) <= {"day", "week", "month", "year"}
    assert data["numeric_order"] in ("dmy", "mdy")
    lex = lexicon(code)
    for form in lex.words["case_sensitive"]:
        assert lex.case_ok(form)


@pytest.mark.parametrize("code", [*LANGS, None])
def test_rules_compile_and_are_indexed(code):
    compiled = rules(code)
    assert len(compiled) > 30
    opened = {r.name for rs in index(code).values() for r in rs}
    assert opened == {r.name for r in compiled}, "every rule can be opened by some token"


def test_month_forms_do_not_collide_across_numbers():
    for code in LANGS:
        seen: dict[str, int] = {}
        for num, forms in lang.load(code, "time")["months"].items():
            for form in forms:
                key = str(form).lower()
                assert seen.setdefault(key, num) == num, (code, form)


def dev_docs() -> list[dict]:
    if not DEV.exists():
        pytest.skip("shared/dev is not beside the repository")
    return [json.loads(line) for line in DEV.open(encoding="utf-8")]


@pytest.mark.parametrize("code", [*LANGS, None])
def test_invariants_on_real_articles(code):
    for doc in dev_docs():
        text = doc["text"]
        found = find_times(text, code, doc.get("published"))
        for a, b in zip(found, found[1:], strict=False):
            assert a.start <= b.start and a.end <= b.start
        for t in found:
            assert text[t.start:t.end] == t.text
            assert t.kind in {"date", "range", "part_of_year", "as_of", "since", "relative",
                              "year"}
            for v in (t.value, t.end_value):
                assert v is None or VALUE.match(v), (t, doc["id"])


def test_speed_on_a_600_word_text():
    sentences = [
        "The delegation paid an official visit from August 21 to 25, 2023 and met leaders today.",
        "Two-way trade reached 4.7 billion USD last year, up 12.5% year on year.",
        "In the first seven months of 2023, exports rose to 2.27 billion USD.",
        "As of July 2023, investors from the partner held 90 projects worth 1.1 billion USD.",
        "The two countries set up diplomatic ties on March 22, 1973 and marked 50 years in 2023.",
        "The ministers agreed to meet again next year and to hold talks on Friday.",
    ]
    words = " ".join(sentences).split()
    text = " ".join((words * (600 // len(words) + 1))[:600])
    find_times(text, "en", "2023-08-21")  # compile once
    start = time.perf_counter()
    for _ in range(20):
        found = find_times(text, "en", "2023-08-21")
    per_doc_ms = (time.perf_counter() - start) / 20 * 1000
    assert found
    assert per_doc_ms < 30, f"{per_doc_ms:.1f} ms per 600 words"  # measured about 2-3 ms


GUESSES = [
    ("Hai bên hội đàm ngày 15 tháng 10 năm 2013 tại Hà Nội.", "vi"),
    ("The talks were held on 15 October 2013 in Hanoi, yesterday.", "en"),
    ("Les entretiens ont eu lieu le 15 octobre 2013 à Hanoï, hier.", "fr"),
    ("El encuentro fue el 15 de octubre de 2013, ayer por la tarde.", "es"),
    ("Spotkanie odbyło się 15 października 2013 r., wczoraj.", "pl"),
    ("Figures: 12, 45 and 2013.", None),
]


@pytest.mark.parametrize(("text", "code"), GUESSES)
def test_guess_languages(text, code):
    from bilat.analysis.timegrammar.find import guess_languages

    guess = guess_languages(text)
    if code is None:
        assert guess is None
    else:
        assert code in guess.split("+")


def test_two_languages_at_once():
    text = "Chiều 15/8, hai bên hội đàm. The visit runs from August 21 to 25, 2023."
    found = {(t.text, t.value, t.end_value) for t in find_times(text, "vi+en", "2023-08-10")}
    assert ("Chiều 15/8", "2023-08-15", None) in found
    assert ("from August 21 to 25, 2023", "2023-08-21", "2023-08-25") in found
    assert not any(t.text.startswith("from") for t in find_times(text, "vi", "2023-08-10"))
