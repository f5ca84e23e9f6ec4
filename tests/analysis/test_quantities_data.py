"""The numbers.yaml files are well formed, every language compiles, the dev gold's figures are
read from their evidence sentences, and reading stays fast."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from bilat import lang
from bilat.analysis.quantities import find_quantities, grammar

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
LANGS = sorted(lang.load_all("numbers"))
REQUIRED = ("decimal", "group", "scales", "number_words", "currencies", "percent", "units",
            "qualifiers")
QUALIFIERS = {"over", "nearly", "about", "up to", "under"}


def test_the_six_languages_have_data():
    assert {"vi", "en", "fr", "de", "es", "pl"} <= set(LANGS)


@pytest.mark.parametrize("code", LANGS)
def test_data_shape(code):
    d = lang.load(code, "numbers")
    for key in REQUIRED:
        assert key in d, key
    assert d["decimal"] != d["group"]
    for iso, words in d["currencies"].items():
        assert re.fullmatch(r"[A-Z]{3}", iso), iso
        assert all(isinstance(w, str) and w for w in words), (iso, words)  # no YAML booleans
    for iso, forms in (d.get("symbols") or {}).items():
        assert re.fullmatch(r"[A-Z]{3}", iso) and all(isinstance(f, str) for f in forms)
    for unit, words in d["units"].items():
        assert all(isinstance(w, str) and w for w in words), (unit, words)
    assert set(d["qualifiers"]) <= QUALIFIERS
    for words in d["qualifiers"].values():
        assert all(isinstance(w, str) and w for w in words)
    for section in ("filler_stop", "range_words", "range_not_after", "percent"):
        assert all(isinstance(w, str) for w in d.get(section) or []), section
    for value in d["scales"].values():
        assert value >= 1000


@pytest.mark.parametrize("code", LANGS)
def test_compiles_and_reads_a_percentage(code):
    grammar(code)
    assert [q.kind for q in find_quantities("53 %", code)] == ["percent"]


def _gold():
    gold = SHARED / "dev" / "gold"
    if not gold.is_dir():
        pytest.skip("no shared dev gold")
    for path in sorted(gold.glob("*.json")):
        yield json.loads(path.read_text(encoding="utf-8"))


def _language(text: str) -> str:
    # The gold has no language field; Vietnamese letters tell Vietnamese from English.
    return "vi" if re.search("[ơưạảấầẩậắằặẹẻẽếềểệịọỏốồổộớờởợụủứừửựỳỷỹđ]", text) else "en"


def test_dev_gold_figures_are_read():
    found = total = 0
    missed = []
    for doc in _gold():
        for fact in doc.get("facts", []):
            total += 1
            qs = find_quantities(fact["evidence"], _language(fact["evidence"]))
            money = fact["unit"] not in ("people", "projects")
            ok = any(abs(q.value - fact["value"]) <= 0.02 * abs(fact["value"])
                     and (q.unit == fact["unit"] if money else q.kind == "count")
                     for q in qs)
            found += ok
            if not ok:
                missed.append((fact["value"], fact["unit"], fact["evidence"][:80]))
    assert total > 20
    assert found / total >= 0.97, missed


def test_speed_on_dev_documents():
    path = SHARED / "dev" / "docs.jsonl"
    if not path.exists():
        pytest.skip("no shared dev documents")
    docs = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    langs = [_language(t) for t in docs]
    for code in set(langs):
        grammar(code)
    start = time.perf_counter()
    for text, code in zip(docs, langs, strict=True):
        find_quantities(text, code)
    words = sum(len(t.split()) for t in docs)
    ms_per_600_words = (time.perf_counter() - start) / words * 600 * 1000
    assert ms_per_600_words < 20  # measured about 1.5 ms; generous for a shared machine
